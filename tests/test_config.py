"""`[tool.add_crud]`: defaults for any option, a conventions lock, and where each value came from."""

from __future__ import annotations

import importlib.metadata
import sys
import textwrap
from pathlib import Path

import pytest

from codemods.add_crud.cli import parser
from codemods.add_crud.config import options_of, read_config
from codemods.add_crud.conventions_lock import LOCKABLE
from codemods.errors import ConfigError
from codemods.option_values import parse_methods
from tests.harness import copy_fixture, run, run_codemod, snapshot


def _configure(project: Path, table: str) -> None:
    path = project / "pyproject.toml"
    before = path.read_text() if path.is_file() else ""
    path.write_text(before + "\n" + textwrap.dedent(table).strip() + "\n")


def _dry_run(project: Path, *args: str) -> str:
    proc = run_codemod(project, *args, "--dry-run")
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


# keys come from the parser: a new option is configurable the day it is added
def test_every_long_option_but_project_help_and_version_is_a_key() -> None:
    keys = set(options_of(parser()))
    assert {
        "like",
        "methods",
        "as_written",
        "into",
        "allow_dirty",
        "yes",
        "plan",
        "dry_run",
    } <= keys
    assert not keys & {"project", "help", "version", "name", "fields"}


def test_values_are_read_typed_and_paths_are_from_the_root(tmp_path: Path) -> None:
    _configure(
        tmp_path,
        """
        [tool.add_crud]
        like = "Item"
        methods = "read-only"
        as_written = true
        into = "app/api"
        [tool.add_crud.conventions]
        url_style = "snake"
        line_length = 88
        """,
    )
    config = read_config(tmp_path, parser(), {"methods": parse_methods})
    values = {item.dest: item.value for item in config.options}
    assert values == {
        "like": "Item",
        "methods": "read-only",
        "as_written": True,
        "into": tmp_path / "app/api",
    }
    assert [(lock.key, lock.value) for lock in config.locks] == [
        ("url_style", "snake"),
        ("line_length", 88),
    ]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        pytest.param(
            'likes = "Item"',
            "config error: pyproject.toml [tool.add_crud] likes: no such option (options: ",
            id="unknown-option",
        ),
        pytest.param(
            'project = ".."',
            "config error: pyproject.toml [tool.add_crud] project: no such option",
            id="project-is-not-configurable",
        ),
        pytest.param(
            'as_written = "yes"',
            'config error: pyproject.toml [tool.add_crud] as_written = "yes": must be true or false',
            id="switch-not-a-boolean",
        ),
        pytest.param(
            "like = 3",
            "config error: pyproject.toml [tool.add_crud] like = 3: must be a non-empty string",
            id="value-not-a-string",
        ),
        pytest.param(
            'action = "cancel"',
            'config error: pyproject.toml [tool.add_crud] action = "cancel": must be a list of non-empty strings',
            id="repeatable-option-not-a-list",
        ),
        pytest.param(
            'methods = "everything"',
            "config error: pyproject.toml [tool.add_crud] methods = \"everything\": --methods 'everything':",
            id="methods-checked-like-the-flag",
        ),
        pytest.param(
            '[tool.add_crud.conventions]\npagination = "page"',
            "config error: pyproject.toml [tool.add_crud] conventions.pagination: not a lockable convention",
            id="unknown-convention",
        ),
        pytest.param(
            '[tool.add_crud.conventions]\nurl_style = "camel"',
            'config error: pyproject.toml [tool.add_crud] conventions.url_style = "camel": must be one of "kebab", "snake"',
            id="unknown-convention-value",
        ),
        pytest.param(
            "[tool.add_crud.conventions]\nline_length = true",
            "config error: pyproject.toml [tool.add_crud] conventions.line_length = true: must be an integer",
            id="boolean-for-a-number",
        ),
        pytest.param(
            "[tool.add_crud.conventions]\ntrailing_slash = 1",
            "config error: pyproject.toml [tool.add_crud] conventions.trailing_slash = 1: must be one of true, false",
            id="number-for-a-boolean",
        ),
    ],
)
def test_bad_config_is_one_line_exit_2_and_writes_nothing(
    table: str, message: str, tmp_path: Path
) -> None:
    project = copy_fixture("seed_async", tmp_path)
    header = "" if table.startswith("[") else "[tool.add_crud]\n"
    _configure(project, header + table)
    before = snapshot(project)
    proc = run_codemod(project, "Order", "--yes")
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith(message), proc.stderr
    assert snapshot(project) == before


def test_unit_errors_are_config_errors(tmp_path: Path) -> None:
    _configure(tmp_path, "[tool.add_crud]\nyes = 1")
    with pytest.raises(ConfigError, match=r"pyproject.toml \[tool.add_crud\] yes = 1"):
        read_config(tmp_path, parser())


def test_a_flag_beats_the_config_and_the_config_beats_detection(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    detected = run_codemod(project, "Order", "--plan")
    assert "exemplar Category (most complete resource" in detected.stderr
    _configure(project, '[tool.add_crud]\nlike = "Item"\nas_written = true')
    configured = run_codemod(project, "Order", "--plan")
    assert "exemplar Item (--like Item" in configured.stderr
    assert "  like=Item (pyproject.toml)\n" in configured.stderr
    assert "  as_written (pyproject.toml)\n" in configured.stderr
    assert "hardened" not in configured.stderr  # as_written took effect
    flagged = run_codemod(project, "Order", "--plan", "--like", "Category")
    assert "exemplar Category (--like Category" in flagged.stderr
    assert "  like=Category (flag)\n" in flagged.stderr


def test_into_in_the_config_is_relative_to_the_project_root(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    (project / "app/api").mkdir()
    (project / "app/api/__init__.py").write_text("")
    _configure(project, '[tool.add_crud]\ninto = "app/api"')
    proc = run(project / "app", sys.executable, "-m", "codemods.add_crud", "Order", "--yes")
    assert proc.returncode == 0, proc.stderr
    assert "  into=app/api (pyproject.toml)\n" in proc.stderr
    assert (project / "app/api/orders.py").is_file()


# Each lock, on a project where its detection is used: the needle is absent with `before` locks
# and present with `after` (formatter: users_only is black-formatted, and black keeps quotes).
LOCK_EFFECTS = [
    pytest.param(
        "seed_async", {}, {"url_style": '"snake"'}, 'prefix="/line_items"', id="url_style-cloned"
    ),
    pytest.param(
        "users_only",
        {},
        {"url_style": '"snake"'},
        'LINE_ITEMS_URL = "/api/line_items"',
        id="url_style-templates",
    ),
    pytest.param(
        "users_only", {}, {"trailing_slash": "true"}, '@router.get("/", ', id="trailing_slash"
    ),
    pytest.param("seed_async", {}, {"quotes": '"single"'}, "@field_validator('qty'", id="quotes"),
    pytest.param(
        "seed_async", {}, {"line_length": "60"}, "+from fastapi import (\n", id="line_length"
    ),
    pytest.param(
        "users_only",
        {"quotes": '"single"'},
        {"quotes": '"single"', "formatter": '"ruff"'},
        "__tablename__ = 'line_items'",
        id="formatter",
    ),
    pytest.param(
        "users_only",
        {},
        {"optional_style": '"optional"'},
        "Mapped[Optional[str]]",
        id="optional_style",
    ),
    pytest.param(
        "users_only",
        {},
        {"list_style": '"typing"'},
        "response_model=List[LineItemPublic]",
        id="list_style",
    ),
    pytest.param(
        "users_only", {}, {"imports": '"relative"'}, "+from .base import Base\n", id="imports"
    ),
]


def test_every_lockable_convention_has_an_effect_test() -> None:
    tested = {key for p in LOCK_EFFECTS for key in p.values[2]}
    assert tested == set(LOCKABLE)


@pytest.mark.parametrize(("fixture", "before", "after", "needle"), LOCK_EFFECTS)
def test_a_lock_changes_what_is_generated(fixture, before, after, needle, tmp_path: Path) -> None:
    diffs = []
    for n, locks in enumerate((before, after)):
        project = copy_fixture(fixture, tmp_path / str(n))
        lines = "".join(f"{key} = {value}\n" for key, value in locks.items())
        _configure(project, "[tool.add_crud.conventions]\n" + lines)
        diffs.append(_dry_run(project, "LineItem", "qty:int", "note:str?"))
    assert needle not in diffs[0] and needle in diffs[1]


def test_a_lock_says_what_it_replaced(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    _configure(project, '[tool.add_crud.conventions]\nurl_style = "snake"')
    proc = run_codemod(project, "LineItem", "--plan")
    assert "  url_style=snake (pyproject.toml; detected kebab)\n" in proc.stderr


def test_version_is_the_installed_distributions(tmp_path: Path) -> None:
    proc = run(tmp_path, sys.executable, "-m", "codemods.add_crud", "--version")
    assert proc.returncode == 0
    assert proc.stdout == f"add-crud {importlib.metadata.version('fastapi-crud-codemods')}\n"


def test_a_repeatable_option_is_a_list_in_the_config(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + '\n[tool.add_crud]\naction = ["cancel:status=cancelled"]\n')
    proc = run_codemod(project, "Order", "total:decimal", "status:enum[pending,cancelled]=pending", "--plan")
    assert proc.returncode == 0, proc.stderr
    assert "POST /orders/{order_id}/cancel" in proc.stdout
