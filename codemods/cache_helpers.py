"""The cache helper modules written into a project, once: one per kind of `--cache`.

Each is plain code with no switches left in it; the few project facts (where the Redis URL
comes from, a client the project already creates, how it writes an optional type) replace a
marker. Each runs on every Python FastAPI supports: nothing of a newer Python than the project's
own code shows (`X | None` only where the project writes it so).
"""

from __future__ import annotations

from codemods.clone.field_code import optional_of

HEADERS = '''"""Cache-Control and an ETag on GET answers; a client already holding the body gets a 304."""

import hashlib

from fastapi import Request, Response
from fastapi.routing import APIRoute


def cached_route(max_age: int = 60) -> type:
    """A route class whose GET answers carry `Cache-Control: private, max-age=...` and an ETag."""

    class CachedRoute(APIRoute):
        def get_route_handler(self):
            handler = super().get_route_handler()

            async def with_etag(request: Request) -> Response:
                response = await handler(request)
                body = getattr(response, "body", None)
                if request.method != "GET" or response.status_code != 200 or body is None:
                    return response
                etag = f'"{hashlib.sha256(body).hexdigest()}"'
                # private: the answers may depend on who asks, so shared caches keep none
                headers = {"ETag": etag, "Cache-Control": f"private, max-age={max_age}"}
                tags = {t.strip() for t in request.headers.get("if-none-match", "").split(",")}
                if etag in tags or f"W/{etag}" in tags or "*" in tags:  # a weak match is one
                    return Response(status_code=304, headers=headers)
                response.headers.update(headers)
                return response

            return with_etag

    return CachedRoute
'''

_SHARED = '''

def _scope(resource: str, row: Any) -> str:
    return f"{resource}:{'list' if row is None else row}"


def _digest(request: Request, users: tuple) -> str:
    """The URL and who asks, hashed: a key holds neither a query nor a credential in clear."""
    who = ",".join(str(getattr(user, "id", user)) for user in users)
    return hashlib.sha256(f"{request.url.path}?{request.url.query}|{who}".encode()).hexdigest()


_adapters: dict = {}


def _plain(value: Any) -> Any:
    """Models dumped to dicts, as FastAPI on pydantic 1 does before it validates an answer."""
    if isinstance(value, BaseModel):
        return value.model_dump(by_alias=True) if hasattr(value, "model_dump") else value.dict(by_alias=True)
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _as_json(value: Any, model: Any) -> Any:
    """The value as FastAPI sends it through the route's response model."""
    if TypeAdapter is None:  # pydantic 1: FastAPI dumps models first, then validates
        return jsonable_encoder(parse_obj_as(model, _plain(value)))
    if model not in _adapters:
        _adapters[model] = TypeAdapter(model)
    adapter = _adapters[model]
    return adapter.dump_python(adapter.validate_python(value, from_attributes=True), mode="json", by_alias=True)
'''

_PYDANTIC = '''
try:
    from pydantic import TypeAdapter
except ImportError:  # pydantic 1
    TypeAdapter = None
    from pydantic import parse_obj_as
'''


def _isort(line: str) -> tuple[bool, str]:
    """isort's order in a section: `import x` lines first, then `from x import y`, by module."""
    return line.startswith("from "), line.split()[1].lower()


def _imports(stdlib: list[str], third_party: list[str], first_party: list[str], typing: tuple[str, ...] = ()) -> str:
    """The import block, sorted as isort would, then pydantic's by version; `typing`: names
    imported from typing besides Any."""
    third = sorted(["from fastapi import Request, Response", "from fastapi.encoders import jsonable_encoder",
                    "from fastapi.responses import JSONResponse",
                    "from pydantic import BaseModel", *third_party],
                   key=_isort)
    blocks = [sorted(["import hashlib", *stdlib, f"from typing import {', '.join(sorted({'Any', *typing}))}"], key=_isort), third]
    if first_party:
        blocks.append(first_party)
    return "\n\n".join("\n".join(b) for b in blocks) + "\n" + _PYDANTIC


_MEMORY_HEAD = '''"""Responses of the API kept in this process for a while; a write forgets what it changes.

A write bumps the generation of the row and of the lists, so no key of before is read again.
"""

'''

_MEMORY_API = '''
_entries: dict = {}
_generations: dict = {}
_lock = threading.Lock()


def key(resource: str, row: Any, request: Request, *users: Any) -> str:
    """The key of one answer: the row (or the lists) at its generation, the URL, who asks."""
    scope = _scope(resource, row)
    return f"{scope}:{_generations.get(scope, 0)}:{_digest(request, users)}"


def get(cache_key: str) -> __MAYBE_RESPONSE__:
    """The answer kept under the key, as sent the first time; None when there is none or it expired."""
    found = _entries.get(cache_key)
    if found is None or found[0] < time.monotonic():
        _entries.pop(cache_key, None)
        return None
    return JSONResponse(found[1])


def put(cache_key: str, value: Any, model: Any, ttl: int) -> Any:
    """Keep the value, serialized as `model`, for `ttl` seconds; return it for FastAPI to send."""
    if not isinstance(value, Response):  # a route building its own answer keeps nothing
        _entries[cache_key] = (time.monotonic() + ttl, _as_json(value, model))
    return value


def forget(resource: str, row: Any = None) -> None:
    """After a write: the row (when given) and every list of the resource are read afresh."""
    with _lock:
        for scope in (_scope(resource, None), *(() if row is None else (_scope(resource, row),))):
            _generations[scope] = _generations.get(scope, 0) + 1
            for stale in [k for k in _entries if k.startswith(scope + ":")]:
                _entries.pop(stale, None)


def clear() -> None:
    """Forget everything (tests start from an empty cache, as their database is new)."""
    with _lock:
        _entries.clear()
        _generations.clear()
'''


def _maybe_response(optional_style: str) -> tuple[str, tuple[str, ...]]:
    """`get`'s return annotation as the project writes optionals, and what it takes from typing:
    `Response | None` fails at import on the Pythons before 3.10 a project on `Optional` runs."""
    annotation, imports = optional_of("Response", optional_style)
    return annotation, tuple(i.name for i in imports if i.name)


def memory_helper(optional_style: str = "pipe") -> str:
    """The in-process helper, its optionals written as the project writes them."""
    annotation, typing = _maybe_response(optional_style)
    head = _MEMORY_HEAD + _imports(["import threading", "import time"], [], [], typing)
    return head + _MEMORY_API.replace("__MAYBE_RESPONSE__", annotation) + _SHARED

_REDIS_HEAD = '''"""Responses of the API kept in Redis for a while; a write forgets what it changes.

A write bumps the generation of the row and of the lists, so no key of before is read again;
old keys expire with their time to live.
"""

'''

_URL = '''
PREFIX = "__PREFIX__"  # this project's keys: another app may share the server
__REDIS_URL__
'''

_ASYNC_CLIENT = '''
_clients: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def client() -> redis.Redis:
    """The client of the running event loop: a connection belongs to the loop that opened it."""
    loop = asyncio.get_running_loop()
    if loop not in _clients:
        _clients[loop] = redis.Redis.from_url(REDIS_URL)
    return _clients[loop]
'''

_SYNC_CLIENT = '''
_client = None


def client() -> redis.Redis:
    """One client for the process: redis-py's pool is safe across threads."""
    global _client
    if _client is None:
        _client = redis.Redis.from_url(REDIS_URL)
    return _client
'''

_PROJECT_CLIENT = '''

def client():
    """The project's own Redis client."""
    return __CLIENT__
'''

_REDIS_API = '''

__ASYNC__def key(resource: str, row: Any, request: Request, *users: Any) -> str:
    """The key of one answer: the row (or the lists) at its generation, the URL, who asks."""
    scope = _scope(resource, row)
    generation = __AWAIT__client().get(f"{PREFIX}generation:{scope}")
    return f"{PREFIX}{scope}:{int(generation or 0)}:{_digest(request, users)}"


__ASYNC__def get(cache_key: str) -> __MAYBE_RESPONSE__:
    """The answer kept under the key, as sent the first time; None when there is none or it expired."""
    raw = __AWAIT__client().get(cache_key)
    return None if raw is None else JSONResponse(json.loads(raw))


__ASYNC__def put(cache_key: str, value: Any, model: Any, ttl: int) -> Any:
    """Keep the value, serialized as `model`, for `ttl` seconds; return it for FastAPI to send."""
    if not isinstance(value, Response):  # a route building its own answer keeps nothing
        __AWAIT__client().set(cache_key, json.dumps(_as_json(value, model)), ex=ttl)
    return value


__ASYNC__def forget(resource: str, row: Any = None) -> None:
    """After a write: the row (when given) and every list of the resource are read afresh."""
    for scope in (_scope(resource, None), *(() if row is None else (_scope(resource, row),))):
        __AWAIT__client().incr(f"{PREFIX}generation:{scope}")
'''


def redis_helper(
    is_async: bool,
    url_code: str,
    url_import: str,
    project_client: tuple[str, str] | None,
    project: str = "api",
    optional_style: str = "pipe",
) -> str:
    """The Redis helper: asyncio or sync client, the URL from `url_code` (imports in
    `url_import`), or the project's own client (module, name) when it creates one; its keys
    start with the project's name, its optionals are written as the project writes them."""
    annotation, typing = _maybe_response(optional_style)
    stdlib = ["import json"]
    stdlib += ["import os"] if "os." in url_code else []
    stdlib += ["import asyncio", "import weakref"] if is_async and project_client is None else []
    third = [] if project_client is not None else ["import redis.asyncio as redis" if is_async else "import redis"]
    first = [url_import] if url_import else []
    if project_client is not None:
        first.append(f"from {project_client[0]} import {project_client[1]} as _project_client")
    head = _REDIS_HEAD + _imports(stdlib, third, sorted(first), typing)
    if project_client is not None:
        client = _PROJECT_CLIENT.replace("__CLIENT__", "_project_client")
    else:
        client = _ASYNC_CLIENT if is_async else _SYNC_CLIENT
    api = _REDIS_API.replace("__ASYNC__", "async " if is_async else "").replace("__AWAIT__", "await " if is_async else "")
    api = api.replace("__MAYBE_RESPONSE__", annotation)
    url = _URL.replace("__PREFIX__", f"{project}:cache:").replace("__REDIS_URL__", f"REDIS_URL = {url_code}")
    return head + url + client + api + _SHARED
