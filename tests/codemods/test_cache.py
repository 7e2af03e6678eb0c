"""`--cache`: the option's grammar, where the helper goes, and the Redis facts read from the project."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from codemods.cache_helpers import HEADERS, memory_helper, redis_helper
from codemods.cache_place import helper_module, project_client, redis_url, shared_package
from codemods.check import pyflakes
from codemods.errors import ConventionError, SpecError
from codemods.option_values import CacheChoice, parse_cache
from detectors import ProjectIndex


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("none", CacheChoice("none")),
        ("headers", CacheChoice("headers", 60)),
        ("headers:120", CacheChoice("headers", 120)),
        ("memory:5", CacheChoice("memory", 5)),
        (" redis:3600 ", CacheChoice("redis", 3600)),
    ],
)
def test_values(text: str, choice: CacheChoice) -> None:
    assert parse_cache(text) == choice


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("fast", "'fast' is not one of none, headers[:max_age], memory[:ttl] or redis[:ttl]"),
        ("headers:abc", "'abc' is not a whole number of seconds"),
        ("memory:0", "'0' is not a whole number of seconds"),
        ("redis:-5", "'-5' is not a whole number of seconds"),
        ("memory:²", "is not a whole number of seconds"),
        ("none:30", "none takes no seconds"),
    ],
)
def test_bad_values_say_why(text: str, message: str) -> None:
    with pytest.raises(SpecError, match=None) as caught:
        parse_cache(text)
    assert message in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("helper", [HEADERS, memory_helper(), redis_helper(True, 'os.environ.get("REDIS_URL", "x")', "", None),
                                    redis_helper(False, "str(settings.redis_url)", "from app.config import settings", None),
                                    redis_helper(True, "str(settings.redis_url)", "from app.config import settings", ("app.redis", "pool"))],
                         ids=["headers", "memory", "redis-async", "redis-sync-settings", "redis-project-client"])
def test_helpers_compile_without_pyflakes_findings(helper: str) -> None:
    compile(helper, "helper", "exec")
    assert pyflakes(helper, "helper.py") == []


@pytest.mark.parametrize(("style", "annotation"), [("optional", "Optional[Response]"), ("union", "Union[Response, None]"), ("pipe", "Response | None")])
@pytest.mark.parametrize("kind", ["memory", "redis-async", "redis-sync"])
def test_helpers_write_optionals_as_the_project_does(kind: str, style: str, annotation: str) -> None:
    """A project on `Optional` may run a Python before 3.10, where `Response | None` in a
    signature fails at import: the helpers write what the project writes."""
    helper = memory_helper(style) if kind == "memory" else redis_helper(kind == "redis-async", '"redis://x"', "", None, "api", style)
    gets = [n for n in ast.parse(helper).body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == "get"]
    assert [ast.unparse(g.returns) for g in gets if g.returns is not None] == [annotation]
    assert pyflakes(helper, "helper.py") == []


@pytest.mark.parametrize("helper", [HEADERS, memory_helper("optional"), redis_helper(False, '"redis://x"', "", None, "api", "optional")],
                         ids=["headers", "memory", "redis"])
def test_helpers_of_an_optional_project_use_nothing_newer_than_python_3_8(helper: str) -> None:
    tree = ast.parse(helper, feature_version=(3, 8))
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.BinOp) and isinstance(n.op, ast.BitOr)]
    newer = {"removeprefix", "removesuffix"}  # str methods of 3.9
    assert not [n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr in newer]


def project(tmp_path: Path, files: dict[str, str]) -> ProjectIndex:
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(textwrap.dedent(text))
    return ProjectIndex(tmp_path)


APP = {
    "app/__init__.py": "",
    "app/models.py": "class Item(Base):\n    __tablename__ = 'items'\n",
    "app/routers/__init__.py": "",
    "app/routers/items.py": "from fastapi import APIRouter\nfrom app import models\nfrom app.core import security\nrouter = APIRouter()\n\n@router.get('/items')\ndef list_items():\n    return []\n",
    "app/routers/orders.py": "from fastapi import APIRouter\nrouter = APIRouter()\n",
}


def test_the_shared_helpers_package_is_found_by_what_it_holds(tmp_path: Path) -> None:
    index = project(tmp_path, {
        **APP,
        "app/core/__init__.py": "",
        "app/core/security.py": "def hash_password(p):\n    return p\n",
        "app/core/config.py": "class Settings(BaseSettings):\n    name: str = 'x'\n",
        # functions only, but it reads the models: data access, not shared helpers
        "app/crud/__init__.py": "",
        "app/crud/item.py": "from app.models import Item\n\ndef get(db):\n    return db.get(Item)\n",
    })
    assert shared_package(index, "app/routers/orders.py") == "app/core"
    assert helper_module(index, "app/routers/orders.py", "memory", False).path == "app/core/memory_cache.py"


def test_without_one_the_helper_goes_above_the_routers(tmp_path: Path) -> None:
    # schemas are data, not shared helpers
    index = project(tmp_path, {**APP, "app/api/__init__.py": "", "app/api/schemas.py": "class ItemRead(BaseModel):\n    id: int\n",
                                "app/routers/items.py": APP["app/routers/items.py"] + "from app.api import schemas\n"})
    helper = helper_module(index, "app/routers/orders.py", "headers", True)
    assert (helper.path, helper.imported.module, helper.imported.name) == ("app/http_cache.py", "app", "http_cache")


def test_a_helper_of_an_earlier_run_is_reused(tmp_path: Path) -> None:
    index = project(tmp_path, {**APP, "app/memory_cache.py": memory_helper()})
    helper = helper_module(index, "app/routers/orders.py", "memory", False)
    assert helper.path == "app/memory_cache.py" and helper.text is None


def test_a_module_of_that_name_that_is_not_the_helper_is_refused(tmp_path: Path) -> None:
    index = project(tmp_path, {**APP, "app/memory_cache.py": "CACHE = {}\n"})
    with pytest.raises(ConventionError, match="app/memory_cache.py exists and is not the cache helper"):
        helper_module(index, "app/routers/orders.py", "memory", False)


def test_the_redis_url_comes_from_the_settings_object(tmp_path: Path) -> None:
    index = project(tmp_path, {**APP, "app/config.py": """\
        from pydantic_settings import BaseSettings

        class Settings(BaseSettings):
            database_url: str = "sqlite:///x.db"
            cache_dsn: str = "redis://cache:6379/1"

        settings = Settings()
    """})
    assert redis_url(index) == ("str(settings.cache_dsn)", "from app.config import settings")


def test_without_a_redis_setting_the_url_is_read_from_the_environment(tmp_path: Path) -> None:
    index = project(tmp_path, {**APP, "app/config.py": "class Settings(BaseSettings):\n    name: str = 'x'\n\nsettings = Settings()\n"})
    assert redis_url(index) == ('os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")', "")


@pytest.mark.parametrize(
    ("text", "is_async", "found"),
    [
        ("import redis.asyncio as aioredis\npool = aioredis.from_url('redis://x')\n", True, ("app.cache_client", "pool")),
        ("from redis.asyncio import Redis\nclient = Redis(host='x')\n", True, ("app.cache_client", "client")),
        ("import redis\nclient = redis.Redis(host='x')\n", False, ("app.cache_client", "client")),
        ("import redis\nclient = redis.Redis(host='x')\n", True, None),  # a sync client cannot serve async routes
        ("from app.cache import make\nclient = make()\n", False, None),
    ],
)
def test_a_redis_client_the_project_creates_is_reused(tmp_path: Path, text: str, is_async: bool, found) -> None:
    index = project(tmp_path, {**APP, "app/cache_client.py": text})
    assert project_client(index, is_async) == found


def test_redis_keys_start_with_the_project_name(tmp_path: Path) -> None:
    index = project(tmp_path, {**APP, "pyproject.toml": '[project]\nname = "seed-async"\n'})
    helper = helper_module(index, "app/routers/orders.py", "redis", True)
    assert 'PREFIX = "seed-async:cache:"' in (helper.text or "")
