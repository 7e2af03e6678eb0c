"""Every first-party import a plan adds resolves: to a module of the project or one the plan
creates, and to a name that module defines. Pyflakes judges one module at a time; a clone that
imports a schema module it decided not to write (or a name its neighbour no longer defines) is
only found when the app is imported, and then the project no longer starts.

An import is taken as it is where the project's own code makes the same one (the project
knows what its build makes), or where it cannot be judged from here (a module whose names
come from `__getattr__` or a star import)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator

from codemods.edited_statements import added_statements
from codemods.names import ResourceNames, spells
from codemods.plan import FileEdit
from detectors.project import ProjectIndex, module_name, parsed, resolve_relative


def unresolved_import(edits: Iterable[FileEdit], index: ProjectIndex, new: ResourceNames | None = None) -> str | None:
    """`path:line: why` for the first import the edits add that does not resolve, else None.
    With `new`, the resource added: an attribute spelling it, read off a class or module of the
    project (`Permission.ORDERS_READ`, renamed from `ITEMS_READ`), must be defined there too."""
    found = unresolved_imports(edits, index, new, first=True)
    return next(iter(found.values()), None)


def unresolved_imports(
    edits: Iterable[FileEdit],
    index: ProjectIndex,
    new: ResourceNames | None = None,
    judged: frozenset[str] | None = None,
    first: bool = False,
) -> dict[str, str]:
    """path -> `path:line: why` for each module whose added imports do not resolve (the first
    one alone with `first`). With `judged`, only those modules' imports are judged; the other
    edits are what they may import from."""
    edits = list(edits)
    out: dict[str, str] = {}
    texts = {e.path: e.new for e in edits if e.path.endswith(".py") and e.new is not None}
    paths, packages, tops = _planned_modules(index, list(texts))

    def known() -> set[tuple[str, str | None]]:
        # asked only of an import that does not resolve: reading every module's imports cost
        # more than the rest of the check
        return index.memo("import pairs", lambda: {pair for info in index.modules for pair in info.imports.values()})

    for edit in edits:
        if edit.path not in texts or edit.path in out or judged is not None and edit.path not in judged:
            continue
        if first and out:
            break
        try:
            tree = parsed(texts[edit.path])
            before = _imports_of(edit.old, edit.path, index) if edit.old is not None else set()
        except SyntaxError:
            continue  # the check says where
        # what the edit added or changed: an import or a read in the statements the old text
        # holds is the module's own (a conftest of hundreds of fixtures gains one)
        added = added_statements(tree, texts[edit.path], edit.old)
        for (base, name), line in module_imports(added, edit.path).items():
            if base.split(".")[0] not in tops or (base, name) in before:
                continue
            why = _missing(base, name, paths, packages, texts, index)
            if why and (base, name) not in known():
                out[edit.path] = f"{edit.path}:{line}: {why}"
                break
        if edit.path not in out and new is not None and _reads_spelling(texts[edit.path], new):
            why = _undefined_attribute(tree, added, edit.path, new, paths, tops, texts, index)
            if why:
                out[edit.path] = f"{edit.path}:{why}"
    return out


Modules = tuple[dict[str, str], frozenset[str], frozenset[str]]


def _planned_modules(index: ProjectIndex, planned: list[str]) -> Modules:
    """`_modules` of the project's files and the plan's: the project's read once per index (a
    batch judges the plans of many resources against it), the plan's added."""
    paths, packages, tops = index.memo("import check modules", lambda: _modules(index.files))
    new = [p for p in planned if paths.get(module_name(p)) != p]
    if not new:
        return paths, packages, tops
    more = _modules(new)
    if any(paths.get(name, path) != path for name, path in more[0].items()):
        return _modules([*index.files, *planned])  # a planned module takes a name the project's has
    return {**paths, **more[0]}, packages | more[1], tops | more[2]


def _modules(files) -> Modules:
    """Each module name of `files` with its path (a src layout's `pkg.mod` for src/pkg/mod.py
    too), every package above them, and their top-level packages."""
    paths = {module_name(p): p for p in files}
    for name, path in list(paths.items()):
        if name.startswith("src."):
            paths.setdefault(name[4:], path)
    packages = frozenset(name.rsplit(".", i)[0] for name in paths for i in range(1, name.count(".") + 1))
    return paths, packages, frozenset(name.split(".")[0] for name in paths)


def _undefined_attribute(
    tree: ast.Module, added: ast.Module, path: str, new: ResourceNames, paths, tops, texts, index
) -> str | None:
    """`line: why` for an attribute spelling the new resource, read in `added` (the statements
    the edit added to the module `tree`) off a name the module imports from the project, whose
    class or module does not bind it. The names no library defines are those spelling the
    resource a moment ago added, so only those are judged: a class's other attributes may come
    from bases outside the project."""
    imported = {}
    here, package = module_name(path), path.endswith("__init__.py")
    for node in _statements(tree):
        if isinstance(node, ast.ImportFrom):
            base = resolve_relative(here, package, node.level, node.module) if node.level else node.module or ""
            if base.split(".")[0] in tops:
                imported.update({a.asname or a.name: (base, a.name) for a in node.names})
    for node in ast.walk(added):
        if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in imported):
            continue
        if not spells(new, node.attr):
            continue
        base, name = imported[node.value.id]
        owner = _module_tree(f"{base}.{name}", paths, texts, index)
        bound = _bound(owner) if owner is not None else _class_bound(base, name, paths, texts, index)
        if bound is not None and node.attr not in bound and "__getattr__" not in bound and "*" not in bound:
            return f"{node.lineno}: {node.value.id}.{node.attr} is defined nowhere ({name} of {base} has no {node.attr})"
    return None


def _module_tree(dotted: str, paths, texts, index: ProjectIndex) -> ast.Module | None:
    path = paths.get(dotted)
    if path is None:
        return None
    if path in texts:
        try:
            return parsed(texts[path])
        except SyntaxError:
            return None
    info = index.get(path)
    return info.tree if info is not None else None


def _class_bound(base: str, name: str, paths, texts, index: ProjectIndex, depth: int = 0) -> set[str] | None:
    """The names class `name` of module `base` binds in its body and in its bases defined in the
    same module; None where it is no class found there (nothing to judge)."""
    tree = _module_tree(base, paths, texts, index)
    cls = next((s for s in tree.body if isinstance(s, ast.ClassDef) and s.name == name), None) if tree else None
    if cls is None or depth > 3:
        return None
    out = _bound(ast.Module(body=cls.body, type_ignores=[]))
    for b in cls.bases:
        if isinstance(b, ast.Name) and any(isinstance(s, ast.ClassDef) and s.name == b.id for s in tree.body):
            out |= _class_bound(base, b.id, paths, texts, index, depth + 1) or set()
    return out


def module_imports(tree: ast.Module, path: str) -> dict[tuple[str, str | None], int]:
    """(module, name) of each import of the module, anywhere in it, and its line; `import a.b`
    is (a.b, None)."""
    here, package = module_name(path), path.endswith("__init__.py")
    out: dict[tuple[str, str | None], int] = {}
    for node in _statements(tree):
        if isinstance(node, ast.ImportFrom):
            base = resolve_relative(here, package, node.level, node.module) if node.level else node.module or ""
            for alias in node.names:
                out.setdefault((base, alias.name), node.lineno)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                out.setdefault((alias.name, None), node.lineno)
    return out


def _imports_of(text: str, path: str, index: ProjectIndex):
    """`module_imports` of a module's text as it is in the project (the index's module, read
    once per run), else of `text` parsed."""
    info = index.get(path)
    if info is not None and info.source == text:
        return info.fact("module imports", lambda: module_imports(info.tree, path))
    return module_imports(parsed(text), path)


# `.attribute` in a module's text: where no attribute spells the new resource, the module is
# answered without walking its tree (a conftest of hundreds of fixtures, asked once per resource).
_ATTRIBUTE = re.compile(r"\.\s*([A-Za-z_]\w*)")


def _reads_spelling(text: str, new: ResourceNames) -> bool:
    return any(spells(new, name) for name in set(_ATTRIBUTE.findall(text)))


def _statements(tree: ast.Module) -> Iterator[ast.stmt]:
    """Every statement of the module, in nested blocks and function bodies too (where imports
    live), without walking the expressions, which are most of a tree's nodes."""
    todo: list[ast.stmt] = list(reversed(tree.body))
    while todo:
        stmt = todo.pop()
        yield stmt
        inner: list[ast.stmt] = []
        for name in ("body", "orelse", "finalbody", "handlers", "cases"):
            block = getattr(stmt, name, None)
            if block.__class__ is list:
                inner += block
        todo += reversed(inner)


def _missing(base: str, name: str | None, paths, packages, texts, index: ProjectIndex) -> str | None:
    if name is not None and f"{base}.{name}" in paths or name is not None and f"{base}.{name}" in packages:
        return None  # `from pkg import module`
    if base not in paths:
        if base in packages and name is None:
            return None
        return f"imports {base}, which is neither in the project nor planned"
    if name is None or name == "*":
        return None
    path = paths[base]
    if path in texts:
        tree = parsed(texts[path])
    else:
        info = index.get(path)
        if info is None:
            return None
        tree = info.tree
    bound = _bound(tree)
    if name in bound or "__getattr__" in bound or "*" in bound:
        return None
    return f"imports {name} from {base}, which does not define it"


def _bound(tree: ast.Module) -> set[str]:
    """The names a module binds at its top level, in conditional and guarded blocks too
    (`if TYPE_CHECKING:`, `try: ... except ImportError:`); `*` for a star import."""
    out: set[str] = set()
    todo = list(tree.body)
    while todo:
        stmt = todo.pop()
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(stmt.name)
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            out |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            for alias in stmt.names:
                out.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(stmt, (ast.If, ast.Try, ast.With, ast.For, ast.While)):
            todo += [*stmt.body, *getattr(stmt, "orelse", []), *getattr(stmt, "finalbody", [])]
            todo += [s for h in getattr(stmt, "handlers", []) for s in h.body]
            if isinstance(stmt, ast.For):
                out |= {n.id for n in ast.walk(stmt.target) if isinstance(n, ast.Name)}
        elif hasattr(ast, "TypeAlias") and isinstance(stmt, getattr(ast, "TypeAlias")):
            out.add(stmt.name.id)
    return out
