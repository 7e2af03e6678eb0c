import asyncio
from pathlib import Path

from alembic.config import Config
from sqlalchemy import URL, inspect
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from alembic import command

ALEMBIC_INI = Path(__file__).resolve().parents[1] / "alembic.ini"


async def table_names(url: URL) -> set[str]:
    engine = create_async_engine(url, poolclass=NullPool)
    async with engine.connect() as conn:
        names = await conn.run_sync(lambda sync_conn: inspect(sync_conn).get_table_names())
    await engine.dispose()
    return set(names)


async def test_alembic_upgrade_head_creates_all_tables(empty_database_url: URL) -> None:
    config = Config(str(ALEMBIC_INI))
    config.set_main_option(
        "sqlalchemy.url", empty_database_url.render_as_string(hide_password=False).replace("%", "%%")
    )

    # alembic/env.py runs its own event loop, so drive alembic from a worker thread.
    await asyncio.to_thread(command.upgrade, config, "head")
    assert {"alembic_version", "users", "projects", "notes"} <= await table_names(empty_database_url)

    await asyncio.to_thread(command.downgrade, config, "base")
    assert await table_names(empty_database_url) == {"alembic_version"}
