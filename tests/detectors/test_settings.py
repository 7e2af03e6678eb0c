"""detect_settings: the project's pydantic settings class and the instance its code reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from detectors.settings import detect_settings
from tests.detectors._project import index_project

CASES = [
    pytest.param(
        {"app/config.py": """
            from pydantic_settings import BaseSettings


            class Settings(BaseSettings):
                database_url: str = "sqlite://"


            settings = Settings()
        """},
        ("app/config.py", "app.config", "Settings", "settings", False),
        id="instance",
    ),
    pytest.param(
        {"core/conf.py": """
            import pydantic_settings


            class AppConfig(pydantic_settings.BaseSettings):
                DATABASE_URL: str = "sqlite://"
                SECRET: str = "x"


            config = AppConfig()
        """},
        ("core/conf.py", "core.conf", "AppConfig", "config", True),
        id="qualified-base-capitals",
    ),
    pytest.param(
        {"app/config.py": """
            from functools import lru_cache

            from pydantic_settings import BaseSettings


            class Settings(BaseSettings):
                database_url: str = "sqlite://"


            @lru_cache
            def get_settings() -> Settings:
                return Settings()
        """},
        ("app/config.py", "app.config", "Settings", None, False),
        id="factory-no-instance",
    ),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_detect_settings(files, expected, tmp_path: Path) -> None:
    found = detect_settings(index_project(tmp_path, files))
    assert (found.path, found.module, found.class_name, found.instance, found.upper) == expected


def test_no_settings(tmp_path: Path) -> None:
    assert detect_settings(index_project(tmp_path, {"main.py": "import os\nURL = os.environ['URL']\n"})) is None


def test_tests_settings_are_not_the_projects(tmp_path: Path) -> None:
    files = {"tests/conftest.py": "from pydantic_settings import BaseSettings\n\n\nclass S(BaseSettings):\n    a: int = 1\n\n\ns = S()\n"}
    assert detect_settings(index_project(tmp_path, files)) is None
