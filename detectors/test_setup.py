"""Test conventions: directory, client, async marker and the fixtures tests lean on."""

from __future__ import annotations

import ast
import posixpath
from collections import Counter
from dataclasses import dataclass

from detectors._ast import dotted, kwarg, last_name, parser_lines, source_segment
from detectors._test_calls import fixtures_by_dependency
from detectors._toml import tomllib
from detectors.conventions import Evidence, ModuleClient, TestsFinding
from detectors.module_facts import module_fact
from detectors.project import ModuleInfo, ProjectIndex

SESSION_NOT = ("engine", "maker", "factory", "url", "headers", "override")
ANONYMOUS_WORDS = ("without", "anon", "unauth", "no_", "public")


_CLIENTS = ("TestClient", "AsyncClient")


def _is_anonymous(name: str) -> bool:
    return any(w in name for w in ANONYMOUS_WORDS)


def _is_fixture(func: ast.AST) -> bool:
    for deco in getattr(func, "decorator_list", []):
        target = deco.func if isinstance(deco, ast.Call) else deco
        if (dotted(target) or "").endswith("fixture"):
            return True
    return False


def fixture_name(fx: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """The name tests ask for the fixture by: its decorator's `name=` where it sets one
    (`@pytest.fixture(name="client")` over `def fixture_client`), else the function's."""
    for deco in fx.decorator_list:
        if isinstance(deco, ast.Call) and (dotted(deco.func) or "").endswith("fixture"):
            named = kwarg(deco, "name")
            if isinstance(named, ast.Constant) and isinstance(named.value, str) and named.value.isidentifier():
                return named.value
    return fx.name


def _fixtures(info: ModuleInfo) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [
        n
        for n in info.tree.body
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and _is_fixture(n)
    ]


@dataclass(frozen=True)
class _TestModuleReading:
    """What `detect_tests` counts in one test module, read from it alone."""

    clients: tuple[str, ...]  # the client class each client construction names, in order
    markers: tuple[str, ...]  # `asyncio` / `anyio` for each `pytest.mark.<it>` written
    fixtures: bool  # it defines fixtures (read from its tree, for what they hand out)
    async_tests: bool  # it has `async def test_...` at top level
    # (name, line) of each client the module builds at its top level (`client = TestClient(app)`)
    module_clients: tuple[tuple[str, int], ...] = ()


@module_fact
def _reading(m: ModuleInfo) -> _TestModuleReading:
    clients = []
    for call in m.nodes(ast.Call):
        func = call.func  # last_name is the id of a Name or the attr of an Attribute
        if getattr(func, "attr", None) in _CLIENTS or getattr(func, "id", None) in _CLIENTS:
            clients.append(last_name(func))
    markers = [
        node.attr
        for node in m.nodes(ast.Attribute)
        if node.attr in ("asyncio", "anyio") and dotted(node) in ("pytest.mark.asyncio", "pytest.mark.anyio")
    ]
    return _TestModuleReading(
        clients=tuple(clients),
        markers=tuple(markers),
        fixtures=bool(_fixtures(m)),
        async_tests=any(isinstance(n, ast.AsyncFunctionDef) and n.name.startswith("test_") for n in m.tree.body),
        module_clients=module_clients(m.tree),
    )


def module_clients(tree: ast.Module) -> tuple[tuple[str, int], ...]:
    """(name, line) of each client the module builds at its top level (`client = TestClient(app)`)."""
    return tuple(
        (n.targets[0].id, n.lineno)
        for n in tree.body
        if isinstance(n, ast.Assign)
        and len(n.targets) == 1
        and isinstance(n.targets[0], ast.Name)
        and isinstance(n.value, ast.Call)
        and last_name(n.value.func) in _CLIENTS
    )


# the words of the needles looked for in every fixture's text: most fixtures hold none
_ALWAYS_ASKED = ("TestClient", "AsyncClient", "Authorization")


class _FixtureText:
    """A fixture's `ast.unparse` text for `needle in text`, unparsed only when a needle asked
    for may be in it: a needle holding one of `_ALWAYS_ASKED` that cannot be in it is not."""

    def __init__(self, module: ModuleInfo, fx: ast.FunctionDef | ast.AsyncFunctionDef):
        self._module, self._fx = module, fx
        self._text: str | None = None
        self._possible: frozenset[str] | None = None

    def __contains__(self, needle: str) -> bool:
        if self._text is None:
            if self._possible is None:
                self._possible = self._module.words_unparse_may_hold(self._fx, _ALWAYS_ASKED)
            if any(w in needle and w not in self._possible for w in _ALWAYS_ASKED):
                return False
            self._text = ast.unparse(self._fx)
        return needle in self._text


def _typed_client(fx: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the fixture's return annotation names a client (`-> TestClient`, `AsyncIterator[AsyncClient]`)."""
    return fx.returns is not None and any(
        last_name(n) in _CLIENTS for n in ast.walk(fx.returns) if isinstance(n, (ast.Name, ast.Attribute))
    )


def _is_factory(fx: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the fixture builds its clients only inside a function of its own, which it hands
    out, and is not typed as a client."""
    if _typed_client(fx):
        return False
    nested = [n for n in ast.walk(fx) if n is not fx and isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))]
    inside = {id(c) for f in nested for c in ast.walk(f)}
    built = [
        c for c in ast.walk(fx)
        if isinstance(c, ast.Call) and last_name(c.func) in _CLIENTS
    ]
    return bool(built) and all(id(c) in inside for c in built)


def detect_tests(index: ProjectIndex) -> TestsFinding:
    """Read conftest fixtures and test modules to learn how this project writes API tests."""
    tests = [m for m in index.relevant if m.is_test]
    if not tests:
        return TestsFinding(note="no test_*.py or conftest.py files found")
    roots = Counter(m.path.split("/")[0] if "/" in m.path else "." for m in tests)
    directory = roots.most_common(1)[0][0]
    evidence: list[Evidence] = []

    client_kinds: Counter[str] = Counter()
    clients: list[tuple[ModuleInfo, ast.AST]] = []
    sessions: list[tuple[int, str]] = []
    auth_fixtures: list[str] = []
    for m in tests:
        for name in _reading(m).clients:
            if name == "TestClient":
                client_kinds["testclient"] += 1
            elif name == "AsyncClient":
                client_kinds["httpx_async"] += 1
        for fx in _fixtures(m) if _reading(m).fixtures else ():
            text = _FixtureText(m, fx)
            name = fixture_name(fx)
            if "TestClient(" in text or "AsyncClient(" in text or _typed_client(fx):
                clients.append((m, fx))
            elif any(w in name for w in ("session", "db")) and not any(
                w in name for w in SESSION_NOT
            ):
                # Prefer the plain names, then fixtures that hand out a session object.
                score = (name in ("db", "session", "db_session")) * 2 + (
                    "yield" in text or "return" in text
                )
                sessions.append((score, name))
            is_client = "TestClient(" in text or "AsyncClient(" in text
            if not is_client and ("headers" in name or "Authorization" in text):
                auth_fixtures.append(name)
    # a fixture handing out a function that builds clients (`client_factory`) is no client:
    # tests call it first; a fixture that is one (built, typed so, or calling such a factory)
    # comes before it
    factories = {fixture_name(fx) for _, fx in clients if _is_factory(fx)}
    listed = {id(fx) for _, fx in clients}
    for m in tests if factories else ():
        for fx in _fixtures(m) if _reading(m).fixtures else ():
            params = {a.arg for a in fx.args.args} & factories
            calls = any(isinstance(c, ast.Call) and isinstance(c.func, ast.Name) and c.func.id in params for c in ast.walk(fx))
            if calls and id(fx) not in listed and not _is_factory(fx):
                clients.append((m, fx))
    clients.sort(key=lambda c: (_is_factory(c[1]), _is_anonymous(fixture_name(c[1])), fixture_name(c[1]) != "client"))
    client_fixture = fixture_name(clients[0][1]) if clients else None
    anon = next((fixture_name(fx) for _, fx in clients if _is_anonymous(fixture_name(fx))), None)
    if clients:
        m, fx = clients[0]
        evidence.append(Evidence(m.path, fx.lineno, source_segment(m.lines, fx)))
    db_fixture = max(sessions)[1] if sessions else None
    client = client_kinds.most_common(1)[0][0] if client_kinds else "unknown"

    markers: Counter[str] = Counter()
    for m in tests:
        markers.update(_reading(m).markers)
        if "anyio_backend" in m.source:
            markers["anyio"] += 1
    mode = _asyncio_mode(index)
    if markers:
        async_marker = markers.most_common(1)[0][0]
    elif mode == "auto":
        async_marker = "auto"
    else:
        has_async_tests = any(_reading(m).async_tests for m in tests)
        async_marker = "unknown" if has_async_tests else "none"

    test_modules = [m for m in tests if m.path.rsplit("/", 1)[-1].startswith("test_")]
    # without a client fixture, a client a test module builds at its top level, which its tests use
    shared = None if client_fixture else _module_client(test_modules)
    if shared is not None:
        evidence.append(Evidence(shared.module, shared.line, f"{shared.name} = ... (module level)"))
    api_modules = [m for m in test_modules if client_fixture and client_fixture in m.source]
    module_dirs = Counter(posixpath.dirname(m.path) for m in (api_modules or test_modules))
    module_directory = module_dirs.most_common(1)[0][0] if module_dirs else directory
    return TestsFinding(
        directory=directory,
        client=client,
        async_marker=async_marker,
        client_fixture=client_fixture,
        db_fixture=db_fixture,
        auth_fixtures=tuple(auth_fixtures),
        fixture_for=tuple(
            sorted((d, f) for d, f in fixtures_by_dependency(index).items() if f in auth_fixtures)
        ),
        anonymous_client_fixture=anon,
        module_client=shared,
        module_directory=module_directory,
        evidence=tuple(evidence),
        note=f"asyncio_mode={mode}" if mode else "",
    )


def _module_client(test_modules: list[ModuleInfo]) -> ModuleClient | None:
    """The first client a test module builds at its top level and its own tests call, with the
    statements before it that it needs (an engine, a dependency override), as written."""
    for m in test_modules:
        for name, line in _reading(m).module_clients:
            if not _tests_call(m, name):
                continue
            setup, imports = _setup_before(m, line)
            return ModuleClient(name=name, module=m.path, line=line, setup=setup, imports=imports)
    return None


def _tests_call(m: ModuleInfo, name: str) -> bool:
    """Whether a test function of the module calls a method of the module-level `name`."""
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name)
        and n.func.value.id == name
        for test in m.tree.body
        if isinstance(test, (ast.FunctionDef, ast.AsyncFunctionDef)) and test.name.startswith("test")
        for n in ast.walk(test)
    )


def _setup_before(m: ModuleInfo, line: int) -> tuple[str, tuple[tuple[str, str | None, str | None], ...]]:
    """The module's top-level statements up to the one at `line`, as written (their comments and
    blank lines too), without its docstring and imports; and those imports, as (module, name,
    alias) with `name` None for `import module`."""
    imports: list[tuple[str, str | None, str | None]] = []
    kept: list[tuple[int, int]] = []  # (first line, last line) of each statement kept
    left: set[int] = set()  # the lines of the statements left out
    for at, node in enumerate(m.tree.body):
        if node.lineno > line:
            break
        first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", ()))])
        span = (first, node.end_lineno or node.lineno)
        if isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            imports += [(base, a.name, a.asname) for a in node.names if base != "__future__"]
        elif isinstance(node, ast.Import):
            imports += [(a.name, None, a.asname) for a in node.names]
        elif not (at == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
            kept.append(span)
            continue
        left.update(range(span[0], span[1] + 1))
    lines = parser_lines(m.source)
    chunks: list[str] = []
    for at, (first, last) in enumerate(kept):
        if at:  # the comments and blank lines between two kept statements, as written
            chunks += [lines[n - 1] for n in range(kept[at - 1][1] + 1, first) if n not in left]
        chunks.append("\n".join(lines[first - 1 : last]))
    return "\n".join(chunks) + "\n", tuple(imports)


def _asyncio_mode(index: ProjectIndex) -> str | None:
    for name in ("pyproject.toml", "pytest.ini", "setup.cfg", "tox.ini"):
        path = index.root / name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if name == "pyproject.toml":
            try:
                opts = tomllib.loads(text).get("tool", {}).get("pytest", {}).get("ini_options", {})
            except tomllib.TOMLDecodeError:
                continue
            if "asyncio_mode" in opts:
                return str(opts["asyncio_mode"])
        elif "asyncio_mode" in text:
            for line in text.splitlines():
                if line.strip().startswith("asyncio_mode"):
                    return line.split("=", 1)[1].strip()
    return None
