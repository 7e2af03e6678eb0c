"""inherited_lists and OwnCopies: a list read through a method the clone's class inherits from a
base of the project gets the clone's own copy of that method; the base stays as it is."""

from __future__ import annotations

import textwrap
from pathlib import Path

import libcst as cst

from codemods.clone.nesting.inherited import OwnCopies, inherited_lists
from detectors import ProjectIndex

BASE = """\
import uuid
from typing import Generic, List, Type, TypeVar, Union

from sqlalchemy import select

EntityT = TypeVar("EntityT")


class Repository(Generic[EntityT]):
    entity: Type[EntityT]

    def page_after(self, cursor: Union[uuid.UUID, None], limit: int) -> List[EntityT]:
        \"\"\"One page.\"\"\"
        return list(self.session.scalars(select(self.entity).limit(limit)))
"""
REPO = """\
from service.base import Repository
from service.review import Review


class ReviewRepo(Repository[Review]):
    entity = Review
"""
ROUTER = """\
@router.get("")
def list_reviews(cursor: Union[uuid.UUID, None] = None, repo: ReviewRepo = Depends(review_repo)):
    reviews = repo.page_after(cursor, 25)
    return reviews


@router.get("/{review_id}")
def read_review(review_id: uuid.UUID, repo: ReviewRepo = Depends(review_repo)):
    return repo.get(review_id)
"""


def found(tmp_path: Path, repo: str = REPO, routes=("list_reviews",)):
    (tmp_path / "service").mkdir()
    (tmp_path / "service/__init__.py").write_text("")
    (tmp_path / "service/base.py").write_text(BASE)
    texts = {"service/repos/review.py": textwrap.dedent(repo), "service/api/reviews.py": ROUTER}
    index = ProjectIndex(tmp_path)
    return texts, inherited_lists(
        texts, ["service/api/reviews.py"], ["service/repos/review.py"], set(routes), index
    )


def test_the_route_s_inherited_method_is_found_with_the_base_s_type_argument(
    tmp_path: Path,
) -> None:
    _, inherited = found(tmp_path)
    assert inherited.routes == {"list_reviews"} and inherited.methods == {"page_after"}
    assert inherited.calls == {"service/api/reviews.py": {"list_reviews": {"repo.page_after"}}}
    assert inherited.renames == {"ReviewRepo": {"EntityT": "Review"}}
    [copy] = inherited.copies["service/repos/review.py"]["ReviewRepo"]
    assert copy.name.value == "page_after"
    imports = {(i.module, i.name) for i in inherited.imports["service/repos/review.py"]}
    assert imports == {
        ("uuid", None),
        ("typing", "List"),
        ("typing", "Union"),
        ("sqlalchemy", "select"),
    }


def test_a_method_the_clone_defines_is_not_copied(tmp_path: Path) -> None:
    own = REPO + "\n    def page_after(self, cursor, limit):\n        return []\n"
    _, inherited = found(tmp_path, repo=own)
    assert inherited.routes == set() and inherited.copies == {}


def test_routes_not_named_are_left_alone(tmp_path: Path) -> None:
    _, inherited = found(tmp_path, routes=("read_review",))
    assert inherited.routes == set()


def test_the_copy_goes_into_the_clone_s_class_with_the_type_argument(tmp_path: Path) -> None:
    texts, inherited = found(tmp_path)
    copies = inherited.copies["service/repos/review.py"]
    module = cst.parse_module(texts["service/repos/review.py"])
    after = module.visit(OwnCopies(copies, inherited.renames)).code
    assert after == REPO + textwrap.indent(
        textwrap.dedent("""
            def page_after(self, cursor: Union[uuid.UUID, None], limit: int) -> List[Review]:
                \"\"\"One page.\"\"\"
                return list(self.session.scalars(select(self.entity).limit(limit)))
        """),
        "    ",
        lambda line: bool(line.strip()),
    )
    # a second time: the class has its own
    assert cst.parse_module(after).visit(OwnCopies(copies, inherited.renames)).code == after
