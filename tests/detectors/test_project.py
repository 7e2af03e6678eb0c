"""ProjectIndex: which files are read, what survives bad syntax, and newer syntax on Python 3.11."""

from __future__ import annotations

import ast
import sys

import pytest

from detectors import detect_conventions
from detectors.errors import ProjectError
from detectors.project import ProjectIndex, parse_source
from tests.detectors._project import make_project

MAIN = """
    from fastapi import FastAPI

    app = FastAPI()


    @app.get("/items")
    def list_items():
        return []
"""


def test_syntax_error_is_skipped_not_fatal(tmp_path) -> None:
    make_project(
        tmp_path,
        {
            "app/main.py": MAIN,
            "app/broken.py": "from fastapi import APIRouter\n\ndef oops(:\n    pass\n",
        },
    )
    index = ProjectIndex(tmp_path)
    assert [m.path for m in index.relevant] == ["app/main.py"]
    assert len(index.skipped) == 1
    assert index.skipped[0].startswith("app/broken.py:3: SyntaxError")
    conventions = detect_conventions(tmp_path, index)
    assert conventions.app.file == "app/main.py"
    assert conventions.skipped_files == tuple(index.skipped)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="PEP 695 parses natively from 3.12")
def test_pep695_syntax_parses_through_the_libcst_fallback(tmp_path) -> None:
    with pytest.raises(SyntaxError):
        ast.parse("type Alias = int\n")
    make_project(
        tmp_path,
        {
            "app/main.py": MAIN,
            "app/utils.py": """
            from pydantic import BaseModel


            def first[T](items: list[T]) -> T:
                return items[0]


            type ItemId = int


            class Page[T](BaseModel):
                items: list[T]
        """,
        },
    )
    index = ProjectIndex(tmp_path)
    assert index.skipped == []
    info = index.get("app/utils.py")
    assert info is not None and info in index.relevant
    assert {"first", "ItemId", "Page"} <= set(info.definitions)
    assert info.definitions["first"].lineno == 4  # line numbers survive the rewrite
    assert info.definitions["ItemId"].lineno == 8
    page = info.definitions["Page"]
    assert [ast.unparse(b) for b in page.bases] == ["BaseModel", "Generic[T]"]


def test_parse_source_reports_real_syntax_errors() -> None:
    with pytest.raises(SyntaxError):
        parse_source("def f(:\n", "bad.py")


def test_only_relevant_files_are_parsed_up_front(tmp_path) -> None:
    make_project(
        tmp_path,
        {
            "app/main.py": MAIN,
            "app/util.py": "def slug(s):\n    return s.lower()\n",
            ".venv/lib/fastapi_copy.py": "from fastapi import FastAPI\napp = FastAPI()\n",
            "node_modules/x.py": "import fastapi\n",
        },
    )
    index = ProjectIndex(tmp_path)
    assert index.files == ["app/main.py", "app/util.py"]
    assert [m.path for m in index.relevant] == ["app/main.py"]
    util = index.get("app/util.py")  # parsed on demand
    assert util is not None and "slug" in util.definitions


def test_endpoints_and_relative_imports_are_indexed(tmp_path) -> None:
    make_project(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/db.py": "from sqlalchemy.orm import Session\n\n\ndef get_db():\n    yield Session()\n",
            "app/routers/items.py": """
            from fastapi import APIRouter, Depends

            from ..db import get_db

            router = APIRouter()


            @router.get("/items")
            def list_items(db=Depends(get_db)):
                return []


            @router.delete("/items/{item_id}")
            def delete_item(item_id: int):
                return None
        """,
        },
    )
    index = ProjectIndex(tmp_path)
    items = index.get("app/routers/items.py")
    assert [(e.router, e.method, e.path, e.line) for e in items.endpoints] == [
        ("router", "get", "/items", 8),
        ("router", "delete", "/items/{item_id}", 13),
    ]
    assert items.imports["get_db"] == ("app.db", "get_db")
    assert index.import_path_of(items, "get_db") == "app.db"


def test_missing_directory_is_a_project_error(tmp_path) -> None:
    with pytest.raises(ProjectError, match="is not a directory"):
        ProjectIndex(tmp_path / "nope")


def test_an_index_of_the_same_tree_reuses_the_modules_whose_bytes_are_unchanged(tmp_path) -> None:
    make_project(
        tmp_path,
        {
            "app/main.py": MAIN,
            "app/util.py": "def slug(s):\n    return s.lower()\n",
            "app/models.py": "import sqlalchemy\n",
            "app/old.py": "import fastapi\n",
        },
    )
    first = ProjectIndex(tmp_path)
    util = first.get("app/util.py")  # parsed on demand: reused as well
    (tmp_path / "app/models.py").write_text("import sqlalchemy\nX = 1\n")  # changed
    (tmp_path / "app/old.py").unlink()  # removed
    (tmp_path / "app/new.py").write_text("import pydantic\n")  # added
    second = ProjectIndex(tmp_path, reuse=first)
    assert second.get("app/main.py") is first.get("app/main.py")
    assert second.get("app/util.py") is util
    assert second.get("app/models.py") is not first.get("app/models.py")
    assert "X" in second.get("app/models.py").definitions
    assert [m.path for m in second.relevant] == ["app/main.py", "app/models.py", "app/new.py"]
    assert second.get("app/old.py") is None


def test_a_fact_of_a_module_is_computed_once_and_travels_with_the_module(tmp_path) -> None:
    make_project(tmp_path, {"app/main.py": MAIN})
    first = ProjectIndex(tmp_path)
    calls = []

    def count() -> int:
        calls.append(1)
        return len(calls)

    assert first.get("app/main.py").fact("answer", count) == 1
    second = ProjectIndex(tmp_path, reuse=first)
    assert second.get("app/main.py").fact("answer", count) == 1
    assert calls == [1]


def test_an_index_of_another_tree_reuses_nothing(tmp_path) -> None:
    for name in ("a", "b"):
        make_project(tmp_path / name, {"app/main.py": MAIN})
    first = ProjectIndex(tmp_path / "a")
    second = ProjectIndex(tmp_path / "b", reuse=first)
    assert second.get("app/main.py") is not first.get("app/main.py")


def test_told_which_files_changed_an_index_reads_only_those_and_the_new_ones(tmp_path, monkeypatch) -> None:
    from pathlib import Path

    make_project(
        tmp_path,
        {
            "app/main.py": MAIN,
            "app/util.py": "def slug(s):\n    return s.lower()\n",  # no module of the app's: never parsed
            "app/models.py": "import sqlalchemy\n",
        },
    )
    first = ProjectIndex(tmp_path)
    (tmp_path / "app/models.py").write_text("import sqlalchemy\nX = 1\n")  # what a plan wrote
    (tmp_path / "app/new.py").write_text("import pydantic\n")
    read: list[str] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or real(self))
    second = ProjectIndex(tmp_path, reuse=first, changed=frozenset({"app/models.py", "app/new.py"}))
    assert sorted(read) == ["models.py", "new.py"]
    assert second.get("app/main.py") is first.get("app/main.py")
    assert "X" in second.get("app/models.py").definitions
    assert [m.path for m in second.relevant] == ["app/main.py", "app/models.py", "app/new.py"]


# A module without routes answers `endpoints` from a walk of its statements alone: the answer
# must be the one the full walk gives, wherever a route function stands.
ROUTES_AT_DEPTH = {
    "top level": "@router.get('/')\ndef f(): ...\n",
    "in a class": "class C:\n    @router.post('/')\n    def f(self): ...\n",
    "in a factory": "def make(router):\n    @router.api_route('/', methods=['GET'])\n    async def f(): ...\n    return f\n",
    "in a try handler": "try:\n    pass\nexcept ImportError:\n    @app.router.delete('/x')\n    def f(): ...\n",
    "in an else": "if flag:\n    pass\nelse:\n    @router.put('/')\n    def f(): ...\n",
    "in a match case": "match x:\n    case 1:\n        @router.patch('/')\n        def f(): ...\n",
    "none: a call, not a route": "@pytest.fixture()\ndef f(): ...\nx = client.get('/')\n",
    "none: a route of a call": "@get_router().get('/')\ndef f(): ...\n",
}


def _routes(endpoints) -> list[tuple]:
    return [(e.func, e.router, e.method, e.path, e.decorator) for e in endpoints]


@pytest.mark.parametrize("where", sorted(ROUTES_AT_DEPTH))
def test_a_route_is_found_by_the_statement_walk_wherever_the_full_walk_finds_it(where: str) -> None:
    from detectors.project import ModuleInfo, _endpoints_read, _summary_of

    source = ROUTES_AT_DEPTH[where]
    tree = ast.parse(source)
    summarised = _summary_of(ModuleInfo("m.py", "m", source, tree))[3]
    read = _endpoints_read(ModuleInfo("m.py", "m", source, tree))
    assert _routes(read) == _routes(summarised)
    assert bool(read) is not where.startswith("none")


def test_every_fixture_module_has_the_same_routes_by_both_walks_in_the_same_order() -> None:
    from pathlib import Path

    from detectors.project import ModuleInfo, _endpoints_read, _summary_of

    fixtures = Path(__file__).resolve().parents[2] / "fixtures_repos"
    for path in fixtures.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        read = _endpoints_read(ModuleInfo(path.name, "m", source, tree))
        assert _routes(read) == _routes(_summary_of(ModuleInfo(path.name, "m", source, tree))[3]), path


def test_a_module_summarised_after_its_routes_were_read_keeps_the_same_endpoints() -> None:
    from detectors.project import ModuleInfo

    source = "@router.get('/')\ndef f(): ...\n\n@router.post('/')\ndef g(): ...\n"
    info = ModuleInfo("m.py", "m", source, ast.parse(source))
    read = info.endpoints  # the statements alone
    assert [e.func.name for e in read] == ["f", "g"]
    assert info.by_type[ast.FunctionDef]  # now summarised: every node walked
    assert info.endpoints is read and all(a is b for a, b in zip(info.endpoints, read))


def _imports_by_full_walk(tree: ast.Module, name: str, package: bool) -> dict:
    """The imports as read before: every node walked, the later of two bindings kept."""
    from detectors.project import resolve_relative

    imports: dict = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = resolve_relative(name, package, node.level, node.module) if node.level else node.module or ""
            for alias in node.names:
                imports[alias.asname or alias.name] = (base, alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                head = alias.name.split(".")[0]
                imports[alias.asname or head] = (alias.name, None) if alias.asname else (head, None)
    return imports


REBOUND = """
from a import x
def f():
    from b import x
    try:
        from c import x
    except ImportError:
        from d import x
class C:
    from e import y
match v:
    case 1:
        import f.g as x
if t:
    from .h import z
"""


def test_imports_read_off_the_statements_are_those_of_the_full_walk() -> None:
    """Read off the statements alone, in `ast.walk`'s order: where a name is bound twice the
    same binding wins, in the fixtures and in a module rebinding a name at every depth."""
    from pathlib import Path

    from detectors.project import ModuleInfo, _imports_read

    fixtures = Path(__file__).resolve().parents[2] / "fixtures_repos"
    sources = [("app/rebound.py", REBOUND)] + [
        (p.relative_to(fixtures).as_posix(), p.read_text(encoding="utf-8")) for p in fixtures.rglob("*.py")
    ]
    for path, source in sources:
        tree = ast.parse(source)
        name = path[:-3].replace("/", ".").removesuffix(".__init__")
        info = ModuleInfo(path, name, source, tree)
        assert _imports_read(info) == _imports_by_full_walk(tree, name, path.endswith("__init__.py")), path
    info = ModuleInfo("app/rebound.py", "app.rebound", REBOUND, ast.parse(REBOUND))
    assert _imports_read(info)["x"] == ("d", "x")  # the deepest binding is the last met
    assert _imports_read(info)["z"] == ("app.h", "z")
