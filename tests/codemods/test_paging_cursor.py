"""The cursor helper `--pagination cursor` writes: opaque cursors, keyset conditions, 400s."""

from __future__ import annotations

import base64
import importlib.util
import json
import types

import pytest
from fastapi import HTTPException, Response
from sqlalchemy import Column, Integer, Numeric, create_engine, select
from sqlalchemy.orm import Session, declarative_base

from codemods.imports import Import
from codemods.paging_cursor import HELPER, CursorHelper

Base = declarative_base()


class Row(Base):
    __tablename__ = "rows"
    id = Column(Integer, primary_key=True)
    total = Column(Numeric(10, 2))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> types.ModuleType:
    """The helper as a project imports it, from the file the run writes."""
    path = tmp_path_factory.mktemp("helper") / "cursor_pages.py"
    path.write_text(HELPER)
    spec = importlib.util.spec_from_file_location("cursor_pages", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def forged(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode()


def test_no_cursor_is_the_first_page(pages) -> None:
    assert pages.after_cursor(None, Row.id) == []


def test_a_cursor_round_trips_to_the_keyset_condition(pages) -> None:
    cursor = pages.next_cursor([Row(id=7)], 1, "id")
    (condition,) = pages.after_cursor(cursor, Row.id)
    assert str(condition.compile(compile_kwargs={"literal_binds": True})) == "rows.id > 7"


def test_a_descending_sort_keeps_its_ties_ascending(pages) -> None:
    cursor = pages.next_cursor([Row(id=7, total=5)], 1, "total", "id")
    (condition,) = pages.after_cursor(cursor, Row.total, Row.id, descending=True)
    shown = str(condition.compile(compile_kwargs={"literal_binds": True}))
    assert shown == "rows.total < 5 OR rows.total = 5 AND rows.id > 7"


@pytest.mark.parametrize("cursor", ["not a cursor!", "bm90IGpzb24", forged(["x"]), forged([1, 2]), forged({"id": 1}), forged([True]), "é"])
def test_a_cursor_the_api_did_not_write_is_a_400(pages, cursor: str) -> None:
    with pytest.raises(HTTPException) as raised:
        pages.after_cursor(cursor, Row.id)
    assert raised.value.status_code == 400


def test_the_last_page_has_no_next_cursor(pages) -> None:
    assert pages.next_cursor([Row(id=1)], 2, "id") is None
    assert pages.next_cursor([], 2, "id") is None


def test_a_bare_list_carries_its_next_cursor_in_a_header(pages) -> None:
    response = Response()
    rows = [Row(id=1), Row(id=2)]
    assert pages.with_next_cursor(response, rows, 2, "id") is rows
    assert pages.after_cursor(response.headers[pages.NEXT_CURSOR_HEADER], Row.id)
    last = Response()
    pages.with_next_cursor(last, rows, 3, "id")
    assert pages.NEXT_CURSOR_HEADER not in last.headers


def test_pages_on_two_columns_neither_skip_nor_repeat_ties(pages) -> None:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as db:
        db.add_all(Row(id=i, total=[5, 3, 5, 3, 5][i - 1]) for i in range(1, 6))
        db.commit()
        seen, cursor = [], None
        while True:
            query = select(Row).order_by(Row.total, Row.id).where(*pages.after_cursor(cursor, Row.total, Row.id)).limit(2)
            rows = db.scalars(query).all()
            seen += [r.id for r in rows]
            cursor = pages.next_cursor(rows, 2, "total", "id")
            if cursor is None:
                break
        assert seen == [2, 4, 1, 3, 5]
        seen, cursor = [], None
        while True:
            query = select(Row).order_by(Row.total.desc(), Row.id).where(*pages.after_cursor(cursor, Row.total, Row.id, descending=True)).limit(2)
            rows = db.scalars(query).all()
            seen += [r.id for r in rows]
            cursor = pages.next_cursor(rows, 2, "total", "id")
            if cursor is None:
                break
        assert seen == [1, 3, 5, 2, 4]


@pytest.mark.parametrize(
    ("importer", "relative", "expected"),
    [
        ("app/routers/orders.py", False, Import("app", "cursor_pages")),
        ("app/routers/orders.py", True, Import("..", "cursor_pages")),
        ("app/main.py", True, Import(".", "cursor_pages")),
        ("tests/test_orders.py", True, Import("app", "cursor_pages")),  # no package in common
    ],
)
def test_the_helper_is_imported_the_way_the_project_imports(importer: str, relative: bool, expected: Import) -> None:
    helper = CursorHelper("app/cursor_pages.py", Import("app", "cursor_pages"), None, relative)
    assert helper.imported_into(importer) == expected
