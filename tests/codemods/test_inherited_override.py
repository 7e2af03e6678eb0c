"""InheritedReads: a list the clone reads through a method its class inherits from a base of the
project gets the clone's own override, a copy of the base's method; the base is never an edit."""

from __future__ import annotations

import textwrap
from pathlib import Path

import libcst as cst
import pytest

from codemods.formatting import FormatStyle
from codemods.inherited_override import InheritedReads
from codemods.list_site import find_list_site
from codemods.plan import FileEdit
from codemods.spec import parse_resource
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
        statement = select(self.entity).order_by(self.entity.id).limit(limit)
        return list(self.session.scalars(statement))

    def everything(self) -> List[EntityT]:
        return list(self.session.scalars(self.query()))
"""
REPO = """\
from service.base import Repository
from service.entities import Review


class ReviewRepo(Repository[Review]):
    entity = Review
"""
ROUTER = """\
@router.get("")
def list_reviews(cursor: Union[uuid.UUID, None] = None, repo: ReviewRepo = Depends(review_repo)):
    return repo.page_after(cursor, 25)
"""
OVERRIDE = '''
    def page_after(self, cursor: Union[uuid.UUID, None], limit: int) -> List[Review]:
        """One page."""
        statement = select(self.entity).order_by(self.entity.id).limit(limit)
        return list(self.session.scalars(statement))
'''
SPEC = parse_resource("Review", ["body:str"])


@pytest.fixture
def reads(tmp_path: Path) -> InheritedReads:
    (tmp_path / "service").mkdir()
    (tmp_path / "service/__init__.py").write_text("")
    (tmp_path / "service/base.py").write_text(BASE)
    return InheritedReads(ProjectIndex(tmp_path), FormatStyle("ruff", 100, "double", "    "), frozenset({"service"}))


def planned(repo: str = REPO, router: str = ROUTER, old_repo: str | None = None) -> list[FileEdit]:
    return [
        FileEdit("service/api/reviews.py", None, textwrap.dedent(router)),
        FileEdit("service/repos/review.py", old_repo, textwrap.dedent(repo)),
    ]


# --- left alone ----------------------------------------------------------------------------


def test_a_method_the_clone_s_class_defines_is_its_own(reads: InheritedReads) -> None:
    own = REPO + "\n    def page_after(self, cursor, limit):\n        return []\n"
    edits = planned(repo=own)
    assert reads.own(edits, 0, "list_reviews", "Review") is None
    assert edits == planned(repo=own)


def test_a_class_the_project_has_already_is_not_the_clone_s(reads: InheritedReads) -> None:
    edits = planned(old_repo=REPO)
    assert reads.own(edits, 0, "list_reviews", "Review") is None
    assert edits == planned(old_repo=REPO)


def test_a_base_method_querying_no_attribute_holding_the_model_is_not_copied(
    reads: InheritedReads,
) -> None:
    router = ROUTER.replace("repo.page_after(cursor, 25)", "repo.everything()")
    edits = planned(router=router)
    assert reads.own(edits, 0, "list_reviews", "Review") is None
    assert edits == planned(router=router)


# --- overridden ----------------------------------------------------------------------------


def test_the_clone_s_class_gets_a_copy_of_the_base_method(reads: InheritedReads) -> None:
    edits = planned()
    owned = reads.own(edits, 0, "list_reviews", "Review")
    assert owned is not None
    assert (owned.at, owned.cls, owned.method.name, owned.model) == (1, "ReviewRepo", "page_after", "self.entity")
    expected = (
        "import uuid\nfrom typing import List, Union\n\nfrom sqlalchemy import select\n\n"
        + REPO
        + OVERRIDE
    )
    cst.parse_module(expected)  # a bad expectation fails loudly
    assert edits[1].new == expected
    assert edits[0] == planned()[0]  # the route is the conditions' business
    assert "ReviewRepo.page_after overrides its base's" in edits[1].why


def test_a_second_time_the_override_is_there(reads: InheritedReads) -> None:
    edits = planned()
    reads.own(edits, 0, "list_reviews", "Review")
    again = list(edits)
    assert reads.own(again, 0, "list_reviews", "Review") is None
    assert again == edits


def test_the_list_site_is_the_override(reads: InheritedReads) -> None:
    edits = planned()
    site = find_list_site(edits, SPEC, reads)
    assert site is not None
    assert (site.data, site.function, site.model, site.callee) == (1, "page_after", "self.entity", "page_after")


def test_an_override_an_earlier_option_made_is_the_list_site(reads: InheritedReads) -> None:
    edits = planned()
    reads.own(edits, 0, "list_reviews", "Review")  # --rbac ownership, before --filter
    site = find_list_site(edits, SPEC, reads)
    assert site is not None and (site.function, site.model) == ("page_after", "self.entity")


def test_without_inherited_reads_the_list_site_is_refused() -> None:
    from codemods.errors import ConventionError

    with pytest.raises(ConventionError, match="which is not the new resource's own code"):
        find_list_site(planned(), SPEC)
