"""model_attributes: which `self.<attr>` holds the model, read from the class's bases."""

from __future__ import annotations

import textwrap
from pathlib import Path

from codemods.clone.nesting.bound_model import model_attributes
from detectors import ProjectIndex

BASE = """\
from typing import Generic, Type, TypeVar

ModelType = TypeVar("ModelType")
CreateSchemaType = TypeVar("CreateSchemaType")


class CRUDBase(Generic[ModelType, CreateSchemaType]):
    def __init__(self, model: Type[ModelType]):
        self.model = model
"""


def attributes(tmp_path: Path, clone: str, base: str = BASE, model: str = "Review") -> dict:
    (tmp_path / "app").mkdir()
    (tmp_path / "app/__init__.py").write_text("")
    (tmp_path / "app/base.py").write_text(textwrap.dedent(base))
    return model_attributes(
        textwrap.dedent(clone), "app/crud_review.py", model, ProjectIndex(tmp_path)
    )


def test_the_base_s_type_parameter_binds_the_attribute_its_constructor_sets(tmp_path: Path) -> None:
    clone = """\
        from app.base import CRUDBase

        class CRUDReview(CRUDBase[Review, ReviewCreate]):
            def create_with_owner(self, db, *, obj_in):
                return self.model(**obj_in)
    """
    assert attributes(tmp_path, clone) == {"CRUDReview": frozenset({"model"})}


def test_another_model_in_that_position_binds_nothing(tmp_path: Path) -> None:
    clone = (
        "from app.base import CRUDBase\n\nclass CRUDItem(CRUDBase[Item, ItemCreate]):\n    pass\n"
    )
    assert attributes(tmp_path, clone) == {}


def test_the_constructor_call_binds_an_untyped_parameter(tmp_path: Path) -> None:
    base = """\
        class Repository:
            def __init__(self, table, session=None):
                self.table = table
                self.session = session
    """
    clone = """\
        from app.base import Repository

        class ReviewRepository(Repository):
            pass

        reviews = ReviewRepository(Review)
    """
    assert attributes(tmp_path, clone, base) == {"ReviewRepository": frozenset({"table"})}


def test_super_init_and_a_class_attribute_bind_too(tmp_path: Path) -> None:
    base = """\
        class Repository:
            def __init__(self, table):
                self.table = table
    """
    clone = """\
        from app import base

        class ReviewRepository(base.Repository):
            kind = Review

            def __init__(self):
                super().__init__(Review)
    """
    assert attributes(tmp_path, clone, base) == {"ReviewRepository": frozenset({"table", "kind"})}


def test_a_type_parameter_passed_through_an_intermediate_base(tmp_path: Path) -> None:
    base = (
        BASE
        + """

T = TypeVar("T")


class OwnedBase(CRUDBase[T, CreateSchemaType]):
    pass
"""
    )
    clone = "from app.base import OwnedBase\n\nclass CRUDReview(OwnedBase[Review, ReviewCreate]):\n    pass\n"
    assert attributes(tmp_path, clone, base) == {"CRUDReview": frozenset({"model"})}


def test_a_base_outside_the_project_binds_nothing(tmp_path: Path) -> None:
    clone = "from fastcrud import FastCRUD\n\nclass ReviewCRUD(FastCRUD[Review]):\n    pass\n"
    assert attributes(tmp_path, clone) == {}
