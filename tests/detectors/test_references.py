"""A footprint's references: the foreign keys a model declares, however the column spells them,
and no reference where a column names no key."""

from __future__ import annotations

import ast
from pathlib import Path

from detectors.resources import _may_name_a_key, find_footprints
from tests.detectors._project import index_project

DB = "from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n"

MODELS = """
    import sqlalchemy as sa
    from sqlalchemy import Column, ForeignKey, Integer, String
    from sqlalchemy.orm import Mapped, mapped_column
    from sqlmodel import Field, SQLModel

    from app.db import Base


    class Owner(Base):
        __tablename__ = "owners"
        id = Column(Integer, primary_key=True)
        name = Column(String(50), nullable=False, default="ForeignKey")


    class Shelf(Base):
        __tablename__ = "shelves"
        id: Mapped[int] = mapped_column(primary_key=True)
        owner_id: Mapped[int] = mapped_column(sa.ForeignKey("owners.id", ondelete="CASCADE"))


    class Book(Base):
        __tablename__ = "books"
        id = Column(Integer, primary_key=True)
        shelf_id = Column(Integer, ForeignKey('shelves.id'), index=True)
        owner_id = Column(Integer, sa.ForeignKey(column="owners.id"))  # no string first: no reference read


    class Tag(SQLModel, table=True):
        id: int | None = Field(default=None, primary_key=True)
        book_id: int = Field(foreign_key="books.id")
"""


def test_each_spelling_of_a_foreign_key_is_a_reference(tmp_path: Path) -> None:
    index = index_project(tmp_path, {"app/db.py": DB, "app/models.py": MODELS})
    refs = {f.model: f.references for f in find_footprints(index)}
    assert refs == {
        "Owner": (),
        "Shelf": (("owner_id", "Owner"),),
        "Book": (("shelf_id", "Shelf"),),
        "Tag": (("book_id", "Book"),),
    }


def call(text: str) -> ast.Call:
    node = ast.parse(text, mode="eval").body
    assert isinstance(node, ast.Call)
    return node


def test_only_a_column_whose_words_spell_a_key_is_read_further() -> None:
    assert _may_name_a_key(call("Column(Integer, ForeignKey('a.id'))"))
    assert _may_name_a_key(call("mapped_column(sa.ForeignKey('a.id'))"))
    assert _may_name_a_key(call("Field(foreign_key='a.id')"))
    assert _may_name_a_key(call("Column(String, default='ForeignKey(a.id')"))  # the text would match
    assert not _may_name_a_key(call("Column(String(50), nullable=False, index=True)"))
    assert not _may_name_a_key(call("mapped_column(sa.Integer, primary_key=True)"))
