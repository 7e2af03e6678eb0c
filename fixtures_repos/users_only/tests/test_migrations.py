from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from app.models import Base

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def alembic_config(tmp_path: Path) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{tmp_path / 'migrations.db'}")
    return config


def test_upgrade_head_then_downgrade_base(alembic_config: Config) -> None:
    engine = create_engine(alembic_config.get_main_option("sqlalchemy.url"))
    try:
        command.upgrade(alembic_config, "head")
        inspector = inspect(engine)
        assert "users" in inspector.get_table_names()
        assert {c["name"] for c in inspector.get_columns("users")} == set(
            Base.metadata.tables["users"].columns.keys()
        )

        command.downgrade(alembic_config, "base")
        assert inspect(engine).get_table_names() == ["alembic_version"]
    finally:
        engine.dispose()


def test_migrations_match_models(alembic_config: Config) -> None:
    command.upgrade(alembic_config, "head")
    engine = create_engine(alembic_config.get_main_option("sqlalchemy.url"))
    try:
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()

    assert diff == []
