"""revision_files: the file name alembic gives a new revision, from alembic.ini's file_template."""

from __future__ import annotations

from datetime import datetime

import pytest

from codemods.revision_files import file_name, is_dated, revision_time, slug

WHEN = datetime(2026, 3, 7, 9, 5, 4)
DATED = "%(year)d_%(month).2d_%(day).2d_%(hour).2d%(minute).2d-%(rev)s_%(slug)s"


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("%(rev)s_%(slug)s", "ab12cd34ef56_create_orders.py"),
        (DATED, "2026_03_07_0905-ab12cd34ef56_create_orders.py"),
        ("%(epoch)s_%(slug)s", f"{int(WHEN.timestamp())}_create_orders.py"),
        ("%(second).2d_%(rev)s", "04_ab12cd34ef56.py"),
    ],
    ids=["alembic-default", "dated", "epoch", "seconds"],
)
def test_the_template_is_filled_in_as_alembic_fills_it(template: str, expected: str) -> None:
    assert file_name(template, "ab12cd34ef56", "create orders", WHEN) == expected


def test_a_template_with_a_token_alembic_does_not_know_gives_no_name() -> None:
    assert file_name("%(branch)s_%(rev)s", "ab12", "create orders", WHEN) is None


@pytest.mark.parametrize(
    ("message", "length", "expected"),
    [
        ("add orders table", 40, "add_orders_table"),
        ("Add Orders: table (v2)!", 40, "add_orders_table_v2"),
        ("create the table holding every customer order line", 20, "create_the_table_"),
    ],
    ids=["words", "punctuation-and-case", "cut-at-a-word-past-the-length"],
)
def test_the_slug_is_the_messages_words(message: str, length: int, expected: str) -> None:
    assert slug(message, length) == expected


def test_only_templates_with_a_time_token_are_dated() -> None:
    assert is_dated(DATED) and is_dated("%(epoch)s_%(rev)s")
    assert not is_dated("%(rev)s_%(slug)s") and not is_dated(None)


def test_source_date_epoch_fixes_the_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert revision_time() == datetime.fromtimestamp(1767225600)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert abs((revision_time() - datetime.now()).total_seconds()) < 5
