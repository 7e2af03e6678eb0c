"""declared_version: the library version a project declares, from its lock, requirements or pyproject."""

from __future__ import annotations

from pathlib import Path

import pytest

from detectors.dependencies import Declared, declared_version, field_takes_ondelete
from detectors.project import ProjectIndex


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"requirements.txt": "fastapi==0.65\nSQLAlchemy==1.3.19\n"}, Declared((1, 3, 19), "requirements.txt")),
        ({"requirements-dev.txt": "sqlalchemy[asyncio]>=2.0.25 ; python_version >= '3.8'\n"}, Declared((2, 0, 25), "requirements-dev.txt")),
        ({"pyproject.toml": '[project]\nname = "x"\ndependencies = ["SQLAlchemy~=1.4.0"]\n'}, Declared((1, 4, 0), "pyproject.toml")),
        ({"pyproject.toml": '[tool.poetry.dependencies]\npython = "^3.8"\nsqlalchemy = "^1.3"\n'}, Declared((1, 3), "pyproject.toml")),
        # the lock says what is installed, whatever the bound
        ({"pyproject.toml": '[project]\ndependencies = ["sqlalchemy>=1.4"]\n',
          "poetry.lock": '[[package]]\nname = "SQLAlchemy"\nversion = "2.0.28"\n'}, Declared((2, 0, 28), "poetry.lock")),
        ({"requirements.txt": "sqlalchemy-utils==0.36.8\nsqlalchemy\n"}, None),  # another package; no version
        ({}, None),
    ],
)
def test_the_declared_version_and_where_it_is(tmp_path: Path, files: dict[str, str], expected: Declared | None) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    assert declared_version(tmp_path, "SQLAlchemy") == expected


def test_a_requirements_file_written_in_utf_16_is_read(tmp_path: Path) -> None:
    """`pip freeze > requirements.txt` in Windows PowerShell writes UTF-16 with a byte order mark."""
    (tmp_path / "requirements.txt").write_bytes("fastapi==0.115.0\nSQLAlchemy==2.0.36\n".encode("utf-16"))
    assert declared_version(tmp_path, "SQLAlchemy") == Declared((2, 0, 36), "requirements.txt")


@pytest.mark.parametrize(
    ("files", "takes"),
    [
        pytest.param({"requirements.txt": "sqlmodel==0.0.21\n"}, True, id="declared new enough"),
        pytest.param({"requirements.txt": "sqlmodel==0.0.16\n"}, False, id="declared older"),
        pytest.param({}, False, id="declared nowhere"),
        pytest.param(
            {
                "requirements.txt": "sqlmodel\n",
                "models.py": "from sqlmodel import Field, SQLModel\n\n\nclass Item(SQLModel, table=True):\n"
                '    owner_id: int = Field(foreign_key="user.id", ondelete="CASCADE")\n',
            },
            True,
            id="passed by the project's own code",
        ),
    ],
)
def test_a_sqlmodel_field_takes_ondelete_where_the_project_shows_it(
    tmp_path: Path, files: dict[str, str], takes: bool
) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert field_takes_ondelete(ProjectIndex(tmp_path)) is takes


def test_the_libraries_are_read_with_the_conventions(tmp_path: Path) -> None:
    """What the stages after detection need of the declarations comes with the conventions:
    planning reads no file of the project for it."""
    from detectors.conventions import Libraries
    from detectors.detect import detect_conventions

    root = Path(__file__).resolve().parents[2] / "fixtures_repos" / "fullstack_sqlmodel"
    libraries = detect_conventions(root).libraries
    assert isinstance(libraries, Libraries)
    assert [name for name, _ in libraries.declared] == ["SQLAlchemy", "sqlmodel", "pydantic"]
    assert libraries.version("sqlmodel") == declared_version(root, "sqlmodel")
    assert libraries.version("pydantic").version == (2, 7)  # how an optional decimal is bounded
    assert libraries.field_ondelete is field_takes_ondelete(ProjectIndex(root))
    with pytest.raises(KeyError):
        libraries.version("fastapi")  # not read: a library added to SINCE must be added to LIBRARIES
