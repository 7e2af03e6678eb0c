"""The Alembic revision that `add_crud` clones works on a real PostgreSQL database.

On a fresh copy of `fixtures_repos/repository_pg` (async SQLAlchemy + asyncpg, Alembic with an async
`env.py` that reads the `DATABASE_URL` setting), the codemod is run once as a user would:

    python -m codemods.add_crud Order total:decimal status:enum[pending,paid]=pending \
        note:text? customer_name:str --yes

It clones the `notes` exemplar, including `alembic/versions/0002_create_notes.py`. Each test then
gets its own throwaway database (dropped afterwards), points `DATABASE_URL` at it and runs the
project's own `alembic` command. This module proves that:

1. `alembic upgrade head` creates an `orders` table with exactly the requested fields plus the
   columns the exemplar contributes (id, owner_id, created_at, updated_at), with the requested
   nullability, and an `orderstatus` enum type holding `pending` and `paid`;
2. `alembic check` (autogenerate against the models) finds no difference between the upgraded
   database and `Base.metadata`, i.e. the new revision matches the new model;
3. `alembic downgrade -1` drops `orders` and leaves every other table in place;
4. the downgrade leaves nothing of the revision behind: the `orderstatus` type is gone and
   `alembic upgrade head` works again.

As a control, the unmodified fixture passes `alembic check`, so a difference found in (2) comes
from the codemod. Everything is skipped when PostgreSQL is not reachable at 127.0.0.1:5432.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.harness import ORDER, copy_fixture, run, run_codemod

asyncpg = pytest.importorskip("asyncpg")

FIXTURE = "repository_pg"
RESOURCE = ORDER
HOST, PORT, USER = "127.0.0.1", 5432, "postgres"
URL_ENV_VAR = "DATABASE_URL"  # read by app/core/config.py, used by alembic/env.py

FIXTURE_TABLES = {"alembic_version", "users", "projects", "notes"}
# Column -> (information_schema data_type, is_nullable).
ORDERS_COLUMNS = {
    # cloned from the exemplar (notes)
    "id": ("uuid", "NO"),
    "owner_id": ("uuid", "NO"),
    "created_at": ("timestamp with time zone", "NO"),
    "updated_at": ("timestamp with time zone", "NO"),
    # requested on the command line
    "total": ("numeric", "NO"),
    "status": ("USER-DEFINED", "NO"),
    "note": ("text", "YES"),
    "customer_name": ("character varying", "NO"),
}

AlembicRunner = Callable[..., subprocess.CompletedProcess[str]]


# --------------------------------------------------------------------------- database helpers


async def _fetch(database: str, sql: str, *args: Any) -> list[Any]:
    conn = await asyncpg.connect(host=HOST, port=PORT, user=USER, database=database, timeout=5)
    try:
        return await conn.fetch(sql, *args)
    finally:
        await conn.close()


def fetch(database: str, sql: str, *args: Any) -> list[Any]:
    return asyncio.run(_fetch(database, sql, *args))


def tables(database: str) -> set[str]:
    rows = fetch(
        database,
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    )
    return {row["table_name"] for row in rows}


def columns(database: str, table: str) -> dict[str, tuple[str, str]]:
    rows = fetch(
        database,
        "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
        "WHERE table_schema = 'public' AND table_name = $1",
        table,
    )
    return {row["column_name"]: (row["data_type"], row["is_nullable"]) for row in rows}


def enum_labels(database: str, type_name: str) -> list[str]:
    rows = fetch(
        database,
        "SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid "
        "WHERE t.typname = $1 ORDER BY e.enumsortorder",
        type_name,
    )
    return [row["enumlabel"] for row in rows]


def type_exists(database: str, type_name: str) -> bool:
    return bool(fetch(database, "SELECT 1 FROM pg_type WHERE typname = $1", type_name))


def current_revision(database: str) -> list[str]:
    return [
        row["version_num"] for row in fetch(database, "SELECT version_num FROM alembic_version")
    ]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def postgres() -> None:
    """Skip the module unless PostgreSQL answers at 127.0.0.1:5432."""
    try:
        fetch("postgres", "SELECT 1")
    except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        pytest.skip(f"PostgreSQL not reachable at {HOST}:{PORT} as {USER}: {exc!r}")


@pytest.fixture(scope="module")
def project(postgres: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh copy of the fixture with the Order resource added by the codemod."""
    project = copy_fixture(FIXTURE, tmp_path_factory.mktemp("alembic_pg"))
    proc = run_codemod(project, *RESOURCE, "--yes")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (project / "app" / "models" / "order.py").is_file(), proc.stderr
    return project


@pytest.fixture
def database(postgres: None) -> Iterator[str]:
    """A throwaway, empty database, dropped at teardown whatever happened."""
    name = f"crud_codemods_alembic_{uuid.uuid4().hex[:16]}"
    fetch("postgres", f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        fetch("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def alembic(database: str, monkeypatch: pytest.MonkeyPatch) -> AlembicRunner:
    """`alembic ARGS` inside a project, with the project's `DATABASE_URL` pointing at `database`.

    `tests.harness.run` copies `os.environ`, so the variable is set here with monkeypatch.
    """
    monkeypatch.setenv(URL_ENV_VAR, f"postgresql+asyncpg://{USER}@{HOST}:{PORT}/{database}")

    def alembic(project: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        proc = run(project, sys.executable, "-m", "alembic", *args, timeout=120)
        if ok:
            assert proc.returncode == 0, (
                f"alembic {' '.join(args)}: exit {proc.returncode}\n{proc.stdout}{proc.stderr}"
            )
        return proc

    return alembic


# --------------------------------------------------------------------------- the spec


def test_control_the_unmodified_fixture_matches_its_models(
    alembic: AlembicRunner, database: str, tmp_path: Path
) -> None:
    pristine = copy_fixture(FIXTURE, tmp_path)
    alembic(pristine, "upgrade", "head")
    assert tables(database) == FIXTURE_TABLES
    alembic(pristine, "check")


def test_upgrade_head_creates_the_orders_table(
    project: Path, alembic: AlembicRunner, database: str
) -> None:
    alembic(project, "upgrade", "head")

    assert tables(database) == FIXTURE_TABLES | {"orders"}
    assert columns(database, "orders") == ORDERS_COLUMNS
    assert enum_labels(database, "orderstatus") == ["pending", "paid"]


def test_migrations_match_the_models(project: Path, alembic: AlembicRunner) -> None:
    """`alembic check` autogenerates against `Base.metadata` (compare_type=True in env.py)."""
    alembic(project, "upgrade", "head")

    proc = alembic(project, "check", ok=False)
    assert proc.returncode == 0, f"models and migrations differ:\n{proc.stdout}{proc.stderr}"
    assert "No new upgrade operations detected" in proc.stdout + proc.stderr


def test_downgrade_drops_orders_and_keeps_the_other_tables(
    project: Path, alembic: AlembicRunner, database: str
) -> None:
    alembic(project, "upgrade", "head")
    assert "orders" in tables(database)

    alembic(project, "downgrade", "-1")

    assert tables(database) == FIXTURE_TABLES
    assert current_revision(database) == ["0002"]  # the exemplar's revision is head again


def test_downgrade_leaves_nothing_behind_so_upgrade_works_again(
    project: Path, alembic: AlembicRunner, database: str
) -> None:
    alembic(project, "upgrade", "head")
    alembic(project, "downgrade", "-1")

    assert not type_exists(database, "orderstatus"), (
        "downgrade -1 left the orderstatus enum type behind"
    )
    alembic(project, "upgrade", "head")
    assert "orders" in tables(database)


def _revision_file(project: Path, name: str, revision: str, down: str) -> None:
    (project / "alembic/versions" / name).write_text(
        f'"""{name}"""\n\nrevision = "{revision}"\ndown_revision = {down}\nbranch_labels = None\n'
        "depends_on = None\n\n\ndef upgrade() -> None:\n    pass\n\n\ndef downgrade() -> None:\n    pass\n",
        encoding="utf-8",
    )


def test_a_history_ending_in_a_merge_revision_gets_the_new_revision_on_top_of_the_merge(
    alembic: AlembicRunner, database: str, tmp_path: Path
) -> None:
    """Two branches off 0002, merged by 0005 (its parents a tuple over several lines): one head,
    as `alembic heads` says, and the new revision goes on top of it."""
    project = copy_fixture(FIXTURE, tmp_path)
    _revision_file(project, "0003_branch_a.py", "0003", '"0002"')
    _revision_file(project, "0004_branch_b.py", "0004", '"0002"')
    _revision_file(project, "0005_merge.py", "0005", '(\n    "0003",\n    "0004",\n)')
    proc = run_codemod(project, *RESOURCE, "--yes")
    assert proc.returncode == 0, proc.stderr
    created = (project / "alembic/versions/0006_create_orders.py").read_text(encoding="utf-8")
    assert 'down_revision: str | None = "0005"' in created and "Revises: 0005" in created
    assert alembic(project, "heads").stdout.split() == ["0006", "(head)"]
    alembic(project, "upgrade", "head")
    assert "orders" in tables(database)


def test_a_project_naming_revisions_by_date_gets_one_dated_now_that_alembic_runs(
    alembic: AlembicRunner, database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """alembic.ini's file_template names files by date and id: the new revision's file is named
    as `alembic revision -m "create orders"` would name it at the time of the run (fixed here
    by SOURCE_DATE_EPOCH), its header says that time, and alembic runs it on top of the head."""
    project = copy_fixture(FIXTURE, tmp_path)
    ini = project / "alembic.ini"
    ini.write_text(
        ini.read_text(encoding="utf-8").replace(
            "file_template = %%(rev)s_%%(slug)s",
            "file_template = %%(year)d_%%(month).2d_%%(day).2d_%%(hour).2d%%(minute).2d-%%(rev)s_%%(slug)s",
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    when = datetime.fromtimestamp(1767225600)
    proc = run_codemod(project, *RESOURCE, "--yes")
    assert proc.returncode == 0, proc.stderr
    created = sorted((project / "alembic/versions").glob(f"{when:%Y_%m_%d_%H%M}-*.py"))
    assert [p.name for p in created] == ["%s-0003_create_orders.py" % f"{when:%Y_%m_%d_%H%M}"]
    text = created[0].read_text(encoding="utf-8")
    assert f"Create Date: {when}" in text
    assert alembic(project, "heads").stdout.split() == ["0003", "(head)"]
    alembic(project, "upgrade", "head")
    assert "orders" in tables(database)


def test_a_table_altered_after_its_revision_is_cloned_as_it_is_now(
    alembic: AlembicRunner, database: str, tmp_path: Path
) -> None:
    """The exemplar's revision gave its owner key no ON DELETE; a later revision, no resource's
    own (`cascade owners`), dropped the key and made it again with CASCADE, as the model says.
    The new table's revision is the table as it is now: `alembic check` finds no difference
    between the database and the models."""
    project = copy_fixture(FIXTURE, tmp_path)
    notes = project / "alembic/versions/0002_create_notes.py"
    cascade = 'sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_notes_owner_id_users"), ondelete="CASCADE")'
    text = notes.read_text(encoding="utf-8")
    assert cascade in text
    notes.write_text(text.replace(cascade, cascade.replace(', ondelete="CASCADE"', "")), encoding="utf-8")
    (project / "alembic/versions/0003_cascade_owners.py").write_text(
        '"""cascade owners"""\n\nfrom alembic import op\n\nrevision = "0003"\ndown_revision = "0002"\n'
        "branch_labels = None\ndepends_on = None\n\n\ndef upgrade() -> None:\n"
        '    op.drop_constraint(op.f("fk_notes_owner_id_users"), "notes", type_="foreignkey")\n'
        '    op.create_foreign_key(\n        op.f("fk_notes_owner_id_users"), "notes", "users", ["owner_id"], ["id"], ondelete="CASCADE"\n    )\n\n\n'
        "def downgrade() -> None:\n"
        '    op.drop_constraint(op.f("fk_notes_owner_id_users"), "notes", type_="foreignkey")\n'
        '    op.create_foreign_key(op.f("fk_notes_owner_id_users"), "notes", "users", ["owner_id"], ["id"])\n',
        encoding="utf-8",
    )
    alembic(project, "upgrade", "head")
    alembic(project, "check")  # the control: the altered history matches the models
    proc = run_codemod(project, *RESOURCE, "--yes")
    assert proc.returncode == 0, proc.stderr
    created = (project / "alembic/versions/0004_create_orders.py").read_text(encoding="utf-8")
    assert 'name=op.f("fk_orders_owner_id_users"), ondelete="CASCADE"' in created
    alembic(project, "upgrade", "head")
    alembic(project, "check")


def test_unique_fields_are_unique_in_the_database_as_in_the_model(
    alembic: AlembicRunner, database: str, tmp_path: Path
) -> None:
    """The exemplar has no unique column to clone: the revision makes the model's uniqueness
    itself, a unique constraint for a plain column and a unique index for an indexed one (an
    enum), so `alembic check` finds nothing and the database refuses a second row's code."""
    project = copy_fixture(FIXTURE, tmp_path)
    proc = run_codemod(project, "Depot", "code:str!", "city:str", "grade:enum[low,high]!", "--yes")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    alembic(project, "upgrade", "head")
    proc = alembic(project, "check", ok=False)
    assert proc.returncode == 0, f"models and migrations differ:\n{proc.stdout}{proc.stderr}"
    unique = fetch(
        database,
        "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
        "WHERE i.indrelid = 'depots'::regclass AND i.indisunique AND NOT i.indisprimary ORDER BY a.attname",
    )
    assert [row["attname"] for row in unique] == ["code", "grade"]
    alembic(project, "downgrade", "-1")
    assert "depots" not in tables(database)
