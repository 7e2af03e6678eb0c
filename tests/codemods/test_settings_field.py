"""AddSettingsField: the project's settings class gets one more field."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from codemods.errors import TargetError
from codemods.settings_field import AddSettingsField

SETTINGS = """\
    class Settings(BaseSettings):
        model_config = SettingsConfigDict(env_file=".env")

        app_name: str = "Shop"
        database_url: str = "sqlite://"

        @property
        def debug(self) -> bool:
            return False
"""


def changed(before: str, field: str = "jwt_secret: str | None = None") -> tuple[str, AddSettingsField]:
    transformer = AddSettingsField("Settings", field)
    after = cst.parse_module(textwrap.dedent(before)).visit(transformer).code
    compile(after, "after", "exec")
    return after, transformer


def test_the_field_follows_the_last_field() -> None:
    after, t = changed(SETTINGS)
    assert after == textwrap.dedent(SETTINGS).replace(
        'database_url: str = "sqlite://"\n', 'database_url: str = "sqlite://"\n    jwt_secret: str | None = None\n'
    )
    assert t.added


def test_a_field_of_that_name_stays() -> None:
    once, _ = changed(SETTINGS)
    twice, t = changed(once)
    assert twice == once and not t.added


def test_a_nested_class_of_that_name_is_not_it() -> None:
    with pytest.raises(TargetError, match="cannot find the settings class Settings"):
        changed("class Outer:\n    class Settings:\n        a: int = 1\n")
