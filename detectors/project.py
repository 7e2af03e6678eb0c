"""ProjectIndex: the project's Python files, each read and parsed at most once.

Detection only reads, so it parses with the standard library's `ast` (about ten times faster
than libcst here) and only the files that can matter. Facts several detectors need (imports,
top-level definitions, endpoints) are computed once per module, in one pass.
"""

from __future__ import annotations

import ast
import gc
import os
import weakref
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from detectors._ast import (
    _AST,
    _CHILD_FIELDS_NO_CTX,
    EXPR_CONTEXTS,
    HTTP_METHODS,
    child_fields,
    dotted,
    parser_lines,
    unparsed,
    walk,
    walk_function,
)
from detectors._unparse_words import words_unparse_may_hold
from detectors.errors import ProjectError
from detectors.forked import can_fork
from detectors.module_facts import (
    WORKER_MIN_MODULES,
    ModuleRead,
    Sent,
    Worker,
    read_module,
    worker_share,
)

SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".venv",
        "venv",
        "env",
        ".env",
        "node_modules",
        "__pycache__",
        "build",
        "dist",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        "site-packages",
        ".eggs",
        "htmlcov",
    }
)
# A file mentioning none of these cannot define an app, a route, a model or a schema. Files
# that matter without them (a models/__init__.py re-exporting classes) are parsed on demand.
T = TypeVar("T")
RELEVANT_MARKERS = (b"fastapi", b"sqlalchemy", b"sqlmodel", b"pydantic", b"Depends", b"pytest")


@dataclass(frozen=True)
class Endpoint:
    """A route function: `@router.get("/path")` over a def."""

    module: ModuleInfo
    func: ast.FunctionDef | ast.AsyncFunctionDef
    router: str  # the decorated object's name (app, router)
    method: str
    path: str | None
    decorator: ast.Call

    @property
    def line(self) -> int:
        return self.decorator.lineno


class ModuleInfo:
    """One module of the project: its text, and its syntax tree and the facts read from it,
    each made on first use. A module the facts worker read (`detectors/module_facts.py`) comes
    with what that read gave, its imports and module facts, and is parsed here only if asked for
    more."""

    def __init__(
        self,
        path: str,
        name: str,
        source: str,
        tree: ast.Module | None = None,
        data: bytes | None = None,
        read: ModuleRead | None = None,
    ):
        self.path = path  # relative to the project root, forward slashes
        self.name = name  # dotted import path
        self.source = source
        self.data = data  # the file's bytes as read: an index of the same tree reuses the module while they hold
        self._tree = tree
        self._read = read
        self._summary: tuple[dict, dict, dict, list] | None = None
        self._facts: dict[Hashable, Any] = dict(read.facts) if read is not None else {}

    @property
    def tree(self) -> ast.Module:
        if self._tree is None:
            # read by the facts worker: the same bytes parse the same way here
            self._tree = parse_source(self.source, self.path)
        return self._tree

    def _summarised(self) -> tuple[dict, dict, dict, list]:
        summary = self._summary
        if summary is None:
            summary = self._summary = _summary_of(self)
        return summary

    @property
    def imports(self) -> dict[str, tuple[str, str | None]]:
        """Each imported name -> (module, attribute or None for a module import)."""
        if self._summary is None and self._read is not None:
            return self._read.imports
        # the summary's walk reads them; without it, the statements alone are walked
        return self._summary[0] if self._summary is not None else self.fact("imports", lambda: _imports_read(self))

    @property
    def definitions(self) -> dict[str, ast.stmt]:
        """Each top-level name -> the statement defining it (read off the top level alone, not
        the summary's walk of every node: a batch asks it of each module it changed)."""
        return self.fact("definitions", lambda: _top_level_definitions(self.tree))

    @property
    def class_names(self) -> frozenset[str]:
        """The names of the module's top-level classes."""
        if self._summary is None and self._read is not None:
            return self._read.class_names
        return self.fact("class names", lambda: frozenset(n for n, s in self.definitions.items() if isinstance(s, ast.ClassDef)))

    @property
    def by_type(self) -> dict[type, list[ast.AST]]:
        return self._summarised()[2]

    @property
    def endpoints(self) -> list[Endpoint]:
        if self._summary is None:
            # a module without routes is answered without its summary's walk of every node:
            # a batch's next index asks again of each module the resource before changed
            if self._read is not None and not self._read.routes:
                return []
            # and one with routes by walking its statements alone: the footprints ask for the
            # routes of every router module, most of which nothing asks to summarise
            return self.fact(_ENDPOINTS, lambda: _endpoints_read(self))
        return self._summarised()[3]

    def release(self) -> None:
        """Drop the endpoints (they refer back to the module), if they were made."""
        if self._summary is not None:
            self._summary[3].clear()
        self._facts.pop(_ENDPOINTS, None)

    def fact(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()` once per module: a fact read from this module alone. It stays with the
        module, so an index that reuses the module (a batch's next resource) reuses the fact."""
        try:
            return self._facts[key]
        except KeyError:
            value = self._facts[key] = compute()
            return value

    @cached_property
    def lines(self) -> list[str]:
        return self.source.splitlines()

    def unparsed(self, node: ast.AST) -> str:
        """`ast.unparse(node)` of a node of this module's tree outside f-strings, once per
        source text (see `detectors._ast.unparsed`)."""
        if _TREES.get(self.source) is not self.tree:
            return ast.unparse(node)  # a tree of rewritten text (newer syntax): its positions are not this text's
        return unparsed(self._parser_lines, node)

    def words_unparse_may_hold(self, node: ast.AST, words: tuple[str, ...]) -> frozenset[str]:
        """Those of `words` that may be in `ast.unparse(node)` (a node of this module's tree),
        told without unparsing: any other cannot be (see `detectors._unparse_words`)."""
        if _TREES.get(self.source) is not self.tree:
            return frozenset(words)  # a tree of rewritten text (newer syntax): its words need not be this text's
        return words_unparse_may_hold(self._parser_lines, node, words)

    @cached_property
    def _parser_lines(self) -> list[str]:
        return parser_lines(self.source)

    def nodes(self, *types: type) -> list[ast.AST]:
        """Every node of the given types, in source order of the walk."""
        if ast.Load not in self.by_type and any(t in EXPR_CONTEXTS for t in types):
            self._bucket_contexts()
        if len(types) == 1:
            return self.by_type.get(types[0], [])
        return [n for t in types for n in self.by_type.get(t, [])]

    @cached_property
    def fstring_parts(self) -> frozenset[int]:
        """The ids of the nodes inside the module's f-strings (whose positions Python before
        3.12 may give as the whole string's)."""
        return frozenset(id(sub) for j in self.nodes(ast.JoinedStr) for sub in walk(j, contexts=False)[1:])

    def calls_to(self, *names: str) -> list[ast.Call]:
        """The module's calls of a callee named one of `names` (the id of `f(...)`, the attribute
        of `x.f(...)`), in the order of `nodes(ast.Call)`. Several detectors each look for a few
        callees among all of a module's calls: the calls are sorted by callee name once."""
        if self.source.isascii() and not any(name in self.source for name in names):
            return []  # ASCII text spells every identifier as the tree has it (no normalising)
        calls = self.nodes(ast.Call)
        by_name = self.fact("calls by callee name", lambda: _calls_by_callee(calls))
        if len(names) == 1:
            return [calls[at] for at in by_name.get(names[0], ())]
        return [calls[at] for at in sorted(at for name in set(names) for at in by_name.get(name, ()))]

    def _bucket_contexts(self) -> None:
        """Load/Store/Del markers are left out of the indexing walk (nobody asks for them and
        they are a third of all nodes); bucket them, in walk order, the first time they are."""
        contexts: dict[type, list[ast.AST]] = {cls: [] for cls in EXPR_CONTEXTS}
        for node in walk(self.tree):
            if node.__class__ in contexts:
                contexts[node.__class__].append(node)
        self.by_type.update(contexts)

    @cached_property
    def is_test(self) -> bool:
        base = self.path.rsplit("/", 1)[-1]
        return base.startswith("test_") or base.endswith("_test.py") or base == "conftest.py"

    @property
    def mentions_fastapi(self) -> bool:
        return "fastapi" in self.source

    def line_text(self, line: int) -> str:
        return self.lines[line - 1].strip() if 0 < line <= len(self.lines) else ""


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a burst of long-lived allocations.

    Indexing keeps hundreds of thousands of AST nodes alive; with the collector running, every
    collection rescans the nodes kept so far, which costs more than parsing itself on a large
    project. Trees hold no reference cycles, so pausing leaves no garbage behind. On exit the
    survivors are moved to the oldest generation (`freeze` + `unfreeze`, two list splices) so
    the next young collection does not walk them all either, unless the process froze objects
    of its own. The previous state is restored, and nesting is harmless.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def is_test_path(path: str) -> bool:
    """A module of the test suite: under a tests directory, or named test_*.py / conftest.py."""
    parts = path.split("/")
    name = parts[-1]
    return name == "conftest.py" or name.startswith("test_") or any(p in ("tests", "test") for p in parts[:-1])


def module_name(rel_path: str) -> str:
    parts = rel_path[:-3].split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def resolve_relative(current: str, is_package: bool, level: int, target: str | None) -> str:
    base = current.split(".")
    if not is_package:
        base = base[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, target] if target else base)


def _downlevel_with_libcst(source: str) -> str:
    """Rewrite syntax newer than this Python (PEP 695 generics, `type` aliases) so `ast` can read it.

    Line numbers are kept: type-parameter brackets are dropped (a generic class gains a
    `Generic[...]` base instead) and a `type X = Y` statement becomes `X = Y` on the same line.
    """
    import libcst as cst

    class Downlevel(cst.CSTTransformer):
        def leave_FunctionDef(self, original, updated):
            return (
                updated.with_changes(type_parameters=None) if updated.type_parameters else updated
            )

        def leave_ClassDef(self, original, updated):
            if not updated.type_parameters:
                return updated
            # `class A[T](B)` becomes `class A(B, Generic[T])`: still generic, on the same line.
            names = [
                cst.SubscriptElement(cst.Index(cst.Name(p.param.name.value)))
                for p in updated.type_parameters.params
            ]
            generic = cst.Arg(cst.Subscript(cst.Name("Generic"), names))
            return updated.with_changes(type_parameters=None, bases=[*updated.bases, generic])

        def leave_TypeAlias(self, original, updated):
            return cst.Assign(targets=[cst.AssignTarget(target=updated.name)], value=updated.value)

    return cst.parse_module(source).visit(Downlevel()).code


# text -> its tree, while something holds the tree: the stages after detection (cutting a module
# into statements, checking a plan) ask again for texts detection parsed, and each is parsed once.
# Held weakly, so a module a batch has replaced goes with its last user; the trees parsed last
# are also held here, because the text a plan checks is the one the batch's next index reads.
_TREES: weakref.WeakValueDictionary[str, ast.Module] = weakref.WeakValueDictionary()
_RECENT: deque[ast.Module] = deque(maxlen=16)


def parsed(source: str) -> ast.Module:
    """`ast.parse(source)`, once per text while its tree is held (SyntaxError as ast raises it).
    The tree is shared: read it, never change it."""
    tree = _TREES.get(source)
    if tree is None:
        tree = _TREES[source] = ast.parse(source)
        _RECENT.append(tree)
    return tree


# trees parsed ahead of their first use (`parse_early`), held until that use is past
_EARLY: deque[ast.Module] = deque(maxlen=8)


def parse_early(sources: Iterable[str]) -> None:
    """Each text `parsed` now, its tree held until eight more are: a stage about to wait (for
    another process) parses what the stages after it will ask `parsed` for. One that does not
    parse is left to them: they say so."""
    for source in sources:
        try:
            _EARLY.append(parsed(source))
        except (SyntaxError, ValueError):  # ValueError: a null byte, before Python 3.12
            continue


def parse_source(source: str, path: str) -> ast.Module:
    """Parse with `ast` (`parsed`); fall back to libcst for syntax newer than the running Python."""
    try:
        return parsed(source)
    except SyntaxError as first_error:
        try:
            return ast.parse(_downlevel_with_libcst(source), filename=path)
        except Exception:
            raise first_error from None


def is_newer_syntax(source: str) -> bool:
    """Whether `source` parses only rewritten (`parse_source`): syntax newer than this Python."""
    try:
        parsed(source)
        return False
    except SyntaxError:
        pass
    try:
        parse_source(source, "<module>")
        return True
    except SyntaxError:
        return False


class ProjectIndex:
    """The project's modules, parsed lazily and at most once each."""

    def __init__(self, root: Path, reuse: ProjectIndex | None = None, changed: frozenset[str] | None = None):
        """Index the project at `root`. With `reuse`, an index of the same tree a moment ago (a
        batch planning resource after resource in one scratch copy), each module whose file
        holds the same bytes is taken from it as it is, facts and all. With `changed` too, the
        files written since `reuse` was made: any other it read is taken without reading it."""
        root = Path(root)
        if not root.is_dir():
            raise ProjectError(f"{root} is not a directory")
        self.root = root.resolve()
        self.skipped: list[str] = []
        # modules read only by rewriting syntax newer than this Python (see `parse_source`): the
        # stages after detection parse with this Python's `ast` and cannot edit them
        self.newer_syntax: list[str] = []
        self._modules: dict[str, ModuleInfo | None] = {}
        # Facts derived from the (immutable) trees, keyed by the detector that computes them:
        # resolved names, unparsed nodes, endpoint parameters. See `memo`.
        self._memo: dict[Hashable, Any] = {}  # each key's value has the type its compute gives
        # Memos kept from index to index of one tree (a batch's): unlike `_memo`, each entry
        # holds the modules its value was read from and is used only where they are still these.
        self.carried: dict[Hashable, Any] = reuse.carried if reuse is not None and reuse.root == self.root else {}
        self.files: list[str] = self._discover()
        self._by_name = {module_name(p): p for p in self.files}
        self.relevant: list[ModuleInfo] = []
        old = reuse._modules if reuse is not None and reuse.root == self.root else {}
        was_relevant = {id(m) for m in reuse.relevant} if reuse is not None else set()
        unchanged = set(reuse.files) - changed if old and reuse is not None and changed is not None else set()
        pending = [] if reuse is not None else self._share(self.files)
        worker = Worker(pending, self._send) if pending else None
        with gc_paused():
            try:
                self._read_here(old, unchanged, was_relevant, set(pending))
            except BaseException:
                if worker is not None:  # never left blocked on a pipe nobody reads
                    worker.abandon()
                raise
            if worker is not None:
                self._summarise_until(worker.ready)
                self._take(worker)

    def _read_here(
        self, old: dict[str, ModuleInfo | None], unchanged: set[str], was_relevant: set[int], shared: set[str]
    ) -> None:
        """Read every module but the worker's (`shared`): those of an earlier index of the same
        tree (`old`) taken as they are where unchanged, the others read and parsed."""
        for rel in self.files:
            if rel in shared:
                continue
            before = old.get(rel)
            if rel in unchanged:
                if before is not None:
                    self._modules[rel] = before
                    if id(before) in was_relevant:
                        self.relevant.append(before)
                    continue
                if rel not in old:  # read then, and no module of the app's: it is none now
                    continue
            data = (self.root / rel).read_bytes()
            if before is not None and before.data == data:  # the same text: the same facts
                self._modules[rel] = before
                if id(before) in was_relevant:
                    self.relevant.append(before)
                continue
            if _is_test_name(rel) or any(m in data for m in RELEVANT_MARKERS):
                info = self._load(rel, data)
                if info is not None:
                    self.relevant.append(info)

    def _summarise_until(self, done: Callable[[], bool]) -> None:
        """While the worker still reads (this process read its share first), summarise the
        modules read here: every stage after reads their summaries (the footprints and the
        conventions detected in a copy forked from this one, which inherits them), so the wait
        is spent on work each would otherwise do."""
        for info in self.relevant:
            if done():
                return
            info._summarised()

    @staticmethod
    def _share(files: list[str]) -> list[str]:
        """The modules a facts worker reads while this process reads the rest (none where the
        project is too small for a second process to pay, or none can be forked)."""
        share = worker_share(files, _is_test_name)
        return share if len(share) >= WORKER_MIN_MODULES and can_fork() else []

    def _send(self, rel: str) -> Sent:
        """In the worker: what it sends of the module at `rel` (see detectors/module_facts.py)."""
        data = (self.root / rel).read_bytes()
        info, newer, why = _read_module(rel, data)
        if info is None:
            return rel, None, why
        return rel, data, read_module(info, newer)

    def _take(self, worker: Worker) -> None:
        """The worker's modules, each as it read it (or read here, if it sent nothing whole),
        put among the relevant ones in the order of the files."""
        sent = worker.collect()
        if sent is None:
            taken = [self._load(rel) for rel in worker.paths]
        else:
            taken = []
            for rel, data, read in sent:
                if data is None:
                    self.skipped.append(str(read))
                    self._modules[rel] = None
                    taken.append(None)
                    continue
                assert isinstance(read, ModuleRead)
                if read.newer_syntax:
                    self.newer_syntax.append(rel)
                info = ModuleInfo(rel, module_name(rel), data.decode("utf-8-sig"), data=data, read=read)
                self._modules[rel] = info
                taken.append(info)
        position = {rel: at for at, rel in enumerate(self.files)}

        def at(rel: str) -> int:
            return position.get(rel, len(position))

        # in the order of the files, as when every module is read here
        self.relevant.extend(info for info in taken if info is not None)
        self.relevant.sort(key=lambda info: at(info.path))
        self.skipped.sort(key=lambda why: at(why.partition(":")[0]))
        self.newer_syntax.sort(key=at)

    def _discover(self) -> list[str]:
        found: list[str] = []
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = sorted(
                d for d in dirnames if d not in SKIP_DIRS and not d.endswith(".egg-info")
            )
            rel_dir = os.path.relpath(dirpath, self.root).replace(os.sep, "/")
            for fn in sorted(filenames):
                if fn.endswith(".py"):
                    found.append(fn if rel_dir == "." else f"{rel_dir}/{fn}")
        return found

    def _load(self, rel: str, data: bytes | None = None) -> ModuleInfo | None:
        if rel in self._modules:
            return self._modules[rel]
        if data is None:
            data = (self.root / rel).read_bytes()
        info, newer, why = _read_module(rel, data)
        if info is None:
            self.skipped.append(why)
        elif newer:
            self.newer_syntax.append(rel)
        self._modules[rel] = info
        return info

    # -- lookups -----------------------------------------------------------------------------

    def get(self, rel_path: str) -> ModuleInfo | None:
        """The module at a relative path, parsed on demand."""
        if rel_path not in self._modules and (self.root / rel_path).is_file():
            return self._load(rel_path)
        return self._modules.get(rel_path)

    def path_of(self, dotted_name: str) -> str | None:
        """The relative file of a dotted module name, trying `src.`-less spellings too."""
        for candidate in (dotted_name, f"src.{dotted_name}"):
            if candidate in self._by_name:
                return self._by_name[candidate]
        return None

    def module(self, dotted_name: str) -> ModuleInfo | None:
        path = self.path_of(dotted_name)
        return self.get(path) if path else None

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()` once per index for `key`. Keys hold `id()`s of nodes and modules, which
        the index keeps alive, so they stay valid for its lifetime."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
            return value

    def unparse(self, node: ast.AST) -> str:
        """`ast.unparse(node)`, once per node."""
        key = ("unparse", id(node))
        try:
            return self._memo[key]
        except KeyError:
            text = self._memo[key] = ast.unparse(node)
            return text

    def walk(self, node: ast.AST) -> list[ast.AST]:
        """The nodes under `node` in `ast.walk` order but for Load/Store/Del markers, once per
        node (for endpoint functions)."""
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return self._walk_function(node)[0]
        key = ("walk", id(node))
        try:
            return self._memo[key]
        except KeyError:
            nodes = self._memo[key] = walk(node, contexts=False)
            return nodes

    def walk_body(self, func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[list[ast.AST]]:
        """For each statement of `func.body`, its nodes as `walk` gives them (shares `walk(func)`)."""
        return self._walk_function(func)[1]

    def _walk_function(self, func: ast.FunctionDef | ast.AsyncFunctionDef):
        key = ("walk_function", id(func))
        try:
            return self._memo[key]
        except KeyError:
            found = self._memo[key] = walk_function(func)
            return found

    def resolve(
        self, info: ModuleInfo, name: str, depth: int = 0
    ) -> tuple[ModuleInfo, ast.stmt] | None:
        """Follow imports to the top-level definition of `name` as seen from `info`."""
        key = ("resolve", id(info), name, depth)
        try:
            return self._memo[key]
        except KeyError:
            found = self._memo[key] = self._resolve(info, name, depth)
            return found

    def _resolve(
        self, info: ModuleInfo, name: str, depth: int
    ) -> tuple[ModuleInfo, ast.stmt] | None:
        if depth > 4:
            return None
        head, _, rest = name.partition(".")
        if not rest and head in info.definitions:
            return info, info.definitions[head]
        if head in info.imports:
            mod, attr = info.imports[head]
            if attr is None:  # `import x.y as head` or `from pkg import module`
                target = self.module(mod)
                if target is not None and rest:
                    return self.resolve(target, rest, depth + 1)
                return None
            target = self.module(mod)
            if target is None:
                sub = self.module(f"{mod}.{attr}")  # `from pkg import module`
                if sub is not None and rest:
                    return self.resolve(sub, rest, depth + 1)
                return None
            if rest:
                sub = self.module(f"{mod}.{attr}")
                if sub is not None:
                    return self.resolve(sub, rest, depth + 1)
            return self.resolve(target, attr, depth + 1)
        return None

    def is_imported(self, rel_path: str) -> bool:
        """Whether a parsed module imports the module at `rel_path` (or, for a package's
        `__init__.py`, anything inside the package)."""
        dotted = module_name(rel_path)
        package = rel_path.endswith("__init__.py")
        for info in self.modules:
            for mod, attr in info.imports.values():
                full = f"{mod}.{attr}" if attr else mod
                if dotted in (mod, full) or (package and mod.startswith(dotted + ".")):
                    return True
        return False

    def import_path_of(self, info: ModuleInfo, name: str) -> str | None:
        """The dotted module where `name` (as used in `info`) is defined."""
        found = self.resolve(info, name)
        return found[0].name if found else None

    @property
    def modules(self) -> list[ModuleInfo]:
        """Every module parsed so far (the relevant ones plus those loaded on demand)."""
        return [m for m in self._modules.values() if m is not None]

    def endpoints(self) -> list[Endpoint]:
        return [e for m in self.relevant for e in m.endpoints]

    def replaced(self, before: ProjectIndex, kept: ProjectIndex) -> list[ModuleInfo]:
        """The modules of `before`, an index of the same tree a moment ago, that this one read
        again (their files changed) or no longer has, but for those `kept` holds."""
        return [
            m
            for rel, m in before._modules.items()
            if m is not None and self._modules.get(rel) is not m and kept._modules.get(rel) is not m
        ]

    def _release(self) -> None:
        """Break the module <-> endpoint reference cycles and drop the memo, so that an index
        nobody holds any more is freed at once by reference counting (for one-shot callers)."""
        self._memo.clear()
        for info in self._modules.values():
            if info is not None:
                info.release()


def _is_test_name(path: str) -> bool:
    base = path.rsplit("/", 1)[-1]
    return base.startswith("test_") or base.endswith("_test.py") or base == "conftest.py"


def _read_module(rel: str, data: bytes) -> tuple[ModuleInfo | None, bool, str]:
    """The module at `rel` with bytes `data`, parsed and summarised; whether it parsed only
    rewritten (syntax newer than this Python); and, where it does not parse, why."""
    try:
        source = data.decode("utf-8-sig")
        newer = False
        try:
            tree = parsed(source)
        except SyntaxError:
            tree = parse_source(source, rel)
            newer = True
    except (SyntaxError, UnicodeDecodeError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        where = f"{rel}:{line}" if line else rel
        return None, False, f"{where}: {type(exc).__name__}: {getattr(exc, 'msg', exc)}"
    return ModuleInfo(path=rel, name=module_name(rel), source=source, tree=tree, data=data), newer, ""


_SUMMARISED = frozenset({ast.ImportFrom, ast.Import, ast.FunctionDef, ast.AsyncFunctionDef})
# the fact holding the endpoints read off a module's statements (`ModuleInfo.endpoints`)
_ENDPOINTS = "endpoints"


def _summary_of(info: ModuleInfo) -> tuple[dict, dict, dict, list]:
    """The module's imports, definitions, node buckets and endpoints, read in one walk (the
    imports where they were not read off the statements alone before, see `_imports_read`)."""
    is_package = info.path.endswith("__init__.py")
    known = info._facts.get("imports")
    imports: dict[str, tuple[str, str | None]] = {}
    definitions = info.definitions
    by_type: dict[type, list[ast.AST]] = {}
    # the endpoints read before from the statements alone are these: the same objects, as every
    # reader of the module holds them (a batch's footprints compare routes by identity)
    read = info._facts.get(_ENDPOINTS)
    endpoints: list[Endpoint] = []
    tree = info.tree
    # One breadth-first pass (the order of `ast.walk`, see `detectors._ast.walk`) that buckets
    # every node by type and reads imports and route decorators as it meets them.
    plans = _CHILD_FIELDS_NO_CTX  # see ModuleInfo._bucket_contexts
    order = [tree]
    append = order.append
    for node in order:
        cls = node.__class__
        bucket = by_type.get(cls)
        if bucket is None:
            bucket = by_type[cls] = []
        bucket.append(node)
        fields = plans.get(cls)
        if fields is None:
            fields = child_fields(cls, contexts=False)
        for name in fields:
            value = getattr(node, name, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, _AST):
                        append(item)
            elif isinstance(value, _AST):
                append(value)
        if cls not in _SUMMARISED:
            continue
        if cls is ast.ImportFrom or cls is ast.Import:
            if known is None:
                _bind_imports(node, imports, info.name, is_package)
        elif read is None:  # FunctionDef, AsyncFunctionDef
            endpoints += _routes_of(info, node)
    if known is None:
        known = info._facts["imports"] = imports
    return known, definitions, by_type, endpoints if read is None else read


def _routes_of(info: ModuleInfo, node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[Endpoint]:
    """An endpoint for each route decorator of the function."""
    out = []
    for deco in node.decorator_list:
        route = _route_of(deco)
        if route is None:
            continue
        router, method = route
        path = None
        if deco.args and isinstance(deco.args[0], ast.Constant):
            path = deco.args[0].value if isinstance(deco.args[0].value, str) else None
        out.append(Endpoint(info, node, router, method, path, deco))
    return out


def _endpoints_read(info: ModuleInfo) -> list[Endpoint]:
    """The module's endpoints in the order its summary lists them (`ast.walk`'s), read off its
    statements alone: functions are statements, and the walk meets them in the same order."""
    return [
        endpoint
        for node in _statements_walked(info.tree)
        if node.__class__ is ast.FunctionDef or node.__class__ is ast.AsyncFunctionDef
        for endpoint in _routes_of(info, node)
    ]


# what holds statements: statements, except handlers and match cases (expressions never do)
_STATEMENT_HOLDERS = (ast.stmt, ast.excepthandler, getattr(ast, "match_case", ast.stmt))


def _statements_walked(tree: ast.Module) -> list[ast.AST]:
    """The module's statements (with the handlers and cases holding some) in the order `ast.walk`
    meets them: breadth first, each node's children in field order. Only those nodes hold
    statements, so walking them alone keeps that order."""
    order: list[ast.AST] = [tree]
    for node in order:
        for name in child_fields(node.__class__, contexts=False):
            value = getattr(node, name, None)
            if value.__class__ is list:
                order += [item for item in value if isinstance(item, _STATEMENT_HOLDERS)]
    return order[1:]


def _imports_read(info: ModuleInfo) -> dict[str, tuple[str, str | None]]:
    """Each name the module's imports bind, anywhere in it -> (module, attribute or None for a
    module import); of two binding one name, the later in `ast.walk`'s order."""
    is_package = info.path.endswith("__init__.py")
    imports: dict[str, tuple[str, str | None]] = {}
    for node in _statements_walked(info.tree):
        if node.__class__ is ast.ImportFrom or node.__class__ is ast.Import:
            _bind_imports(node, imports, info.name, is_package)
    return imports


def _bind_imports(node: ast.Import | ast.ImportFrom, imports: dict, here: str, is_package: bool) -> None:
    """What the import statement binds, into `imports` (over what an earlier one bound)."""
    if node.__class__ is ast.ImportFrom:
        base = node.module or ""
        if node.level:
            base = resolve_relative(here, is_package, node.level, node.module)
        for alias in node.names:
            imports[alias.asname or alias.name] = (base, alias.name)
        return
    for alias in node.names:
        if alias.asname:
            imports[alias.asname] = (alias.name, None)
        else:
            head = alias.name.split(".")[0]
            imports[head] = (head, None)


def _top_level_definitions(tree: ast.Module) -> dict[str, ast.stmt]:
    """Each name the module's top level defines -> the last statement defining it."""
    definitions: dict[str, ast.stmt] = {}
    for stmt in tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            definitions[stmt.name] = stmt
        elif isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    definitions[target.id] = stmt
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            definitions[stmt.target.id] = stmt
    return definitions


def _calls_by_callee(calls: list[ast.Call]) -> dict[str, list[int]]:
    """Callee name -> the positions in `calls` of the calls of it (`f(...)`, `x.f(...)`)."""
    by_name: dict[str, list[int]] = {}
    for at, call in enumerate(calls):
        func = call.func
        cls = func.__class__
        name = func.attr if cls is ast.Attribute else func.id if cls is ast.Name else None
        if name is not None:
            positions = by_name.get(name)
            if positions is None:
                by_name[name] = [at]
            else:
                positions.append(at)
    return by_name


def _route_of(deco: ast.expr) -> tuple[str, str] | None:
    """(router, method) of a route decorator (`@router.get("/")`), else None."""
    if not isinstance(deco, ast.Call) or not isinstance(deco.func, ast.Attribute):
        return None
    method = deco.func.attr
    if method not in HTTP_METHODS and method != "api_route":
        return None
    router = dotted(deco.func.value)
    return (router, method) if router is not None else None
