"""How the project writes string enums: its own first string enum decides, else its Python."""

from __future__ import annotations

from detectors.project import ProjectIndex
from detectors.resources import enum_style
from tests.detectors._project import index_project, make_project

MAIN = "from fastapi import FastAPI\napp = FastAPI()\n"


def test_the_first_string_enum_of_the_project_decides(tmp_path) -> None:
    index = index_project(tmp_path, {
        "app/main.py": MAIN,
        "app/models/a.py": "import sqlalchemy\nfrom enum import Enum\nclass Plain(Enum):\n    A = 1\nclass Tier(str, Enum):\n    GOLD = 'gold'\n",
        "app/models/b.py": "import sqlalchemy\nfrom enum import StrEnum\nclass Kind(StrEnum):\n    A = 'a'\n",
    })
    assert enum_style(index) == "str_enum"


def test_without_a_string_enum_a_project_on_python_3_11_gets_strenum(tmp_path) -> None:
    files = {"app/main.py": MAIN, "pyproject.toml": "[project]\nrequires-python = '>=3.11'\n"}
    assert enum_style(index_project(tmp_path / "new", files)) == "strenum"
    files["pyproject.toml"] = "[project]\nrequires-python = '>=3.9'\n"
    assert enum_style(index_project(tmp_path / "old", files)) == "str_enum"


def test_a_module_changed_since_the_index_before_is_read_again(tmp_path) -> None:
    make_project(tmp_path, {"app/main.py": MAIN, "app/models/a.py": "import sqlalchemy\nX = 1\n"})
    first = ProjectIndex(tmp_path)
    assert enum_style(first) == "str_enum"
    (tmp_path / "app/models/a.py").write_text("import sqlalchemy\nfrom enum import StrEnum\nclass K(StrEnum):\n    A = 'a'\n")
    second = ProjectIndex(tmp_path, reuse=first, changed=frozenset({"app/models/a.py"}))
    assert enum_style(second) == "strenum"
