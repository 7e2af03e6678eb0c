"""trace_rows and ThreadKey: a route's row read through the clone's own functions gets the
parent's key passed along, down to the call reading it that the clone does not define."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.key_thread import ThreadKey, trace_rows

ROUTES = """\
@router.get("/{review_id}")
async def read_review(collection_id: int, review_id: int, service: ReviewServiceDep):
    return await service.get(review_id)


@router.delete("/{review_id}")
def delete_review(collection_id: int, review_id: int, repo: ReviewRepo = Depends(review_repo)):
    repo.remove(_get_or_404(repo, review_id))


def _get_or_404(repo: ReviewRepo, review_id: int) -> Review:
    review = repo.get(review_id)
    if review is None:
        raise HTTPException(404)
    return review
"""
SERVICE = """\
class ReviewService:
    async def get(self, review_id: int) -> ReviewOut:
        row = await self._load(review_id)
        return ReviewOut.model_validate(row)

    async def _load(self, review_id: int) -> Review:
        return ensure_found(await self.session.get(Review, review_id))


class ReviewRepo(Repository[Review]):
    entity = Review


ReviewServiceDep = Annotated[ReviewService, Depends(get_review_service)]
"""


def _trace(routes=("read_review", "delete_review"), service=SERVICE):
    modules = {"routes.py": cst.parse_module(ROUTES), "service.py": cst.parse_module(service)}
    return modules, trace_rows(modules, set(routes))


def test_the_trace_follows_the_clone_s_functions_to_the_loader() -> None:
    _, trace = _trace()
    assert trace.traced == {"read_review", "delete_review"}
    assert trace.calls == {
        "routes.py": {"read_review": {"service.get"}, "delete_review": {"_get_or_404"}},
        "service.py": {"ReviewService.get": {"self._load"}},
    }
    assert trace.takes == {
        "service.py": {"ReviewService.get", "ReviewService._load"},
        "routes.py": {"_get_or_404"},
    }
    # the session's and the base class's `get` are not the clone's: the rows are read there
    assert trace.loads == {
        "service.py": {"ReviewService._load": "review_id"},
        "routes.py": {"_get_or_404": "review_id"},
    }


def test_routes_not_named_are_not_traced() -> None:
    _, trace = _trace(routes=("read_review",))
    assert trace.traced == {"read_review"} and "_get_or_404" not in trace.takes.get(
        "routes.py", set()
    )


def test_a_row_read_in_no_statement_of_its_own_is_not_traced() -> None:
    service = SERVICE.replace(
        "return ensure_found(await self.session.get(Review, review_id))",
        "return wrap(x=[ensure_found(await self.session.get(Review, review_id))])[0]",
    )
    _, trace = _trace(routes=("read_review",), service=service)
    assert trace.traced == set()


def test_the_key_is_passed_along_and_taken_keyword_only() -> None:
    modules, trace = _trace()
    out = {
        p: modules[p]
        .visit(ThreadKey(trace.calls.get(p, {}), trace.takes.get(p, set()), "collection_id", "int"))
        .code
        for p in modules
    }
    assert "return await service.get(review_id, collection_id=collection_id)" in out["routes.py"]
    assert (
        "repo.remove(_get_or_404(repo, review_id, collection_id=collection_id))" in out["routes.py"]
    )
    assert (
        "def _get_or_404(repo: ReviewRepo, review_id: int, *, collection_id: int) -> Review:"
        in out["routes.py"]
    )
    assert out["service.py"] == SERVICE.replace(
        "async def get(self, review_id: int)",
        "async def get(self, review_id: int, *, collection_id: int)",
    ).replace(
        "await self._load(review_id)", "await self._load(review_id, collection_id=collection_id)"
    ).replace(
        "async def _load(self, review_id: int)",
        "async def _load(self, review_id: int, *, collection_id: int)",
    )


def test_threading_twice_changes_nothing() -> None:
    modules, trace = _trace()
    t = ThreadKey(trace.calls["service.py"], trace.takes["service.py"], "collection_id", "int")
    once = modules["service.py"].visit(t).code
    assert cst.parse_module(once).visit(t).code == once


def test_an_untyped_function_takes_the_key_untyped() -> None:
    before = textwrap.dedent("""\
        def load(repo, review_id):
            return repo.get(review_id)
    """)
    after = cst.parse_module(before).visit(ThreadKey({}, {"load"}, "item_id", "int")).code
    assert after.startswith("def load(repo, review_id, *, item_id):")


def test_a_class_called_by_name_is_no_function_to_follow() -> None:
    service = SERVICE.replace(
        "row = await self._load(review_id)", "row = ReviewRepo(await self._load(review_id))"
    )
    _, trace = _trace(routes=("read_review",), service=service)
    assert trace.traced == {"read_review"}
    assert trace.loads["service.py"] == {"ReviewService._load": "review_id"}
