"""What `--plan` shows: the plan read back as a reviewer would read it, as text or JSON.

Everything here is read from the planned code itself (the new modules and the definitions added
to existing ones), so the report never claims what the code does not do: schemas with their
fields, models with columns and indexes, endpoints with method, path, status codes and
dependencies, the tests, plus why each file changes and which flag, config or detection decided
each choice.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import asdict, dataclass

from codemods.plan import Plan
from codemods.statuses import raised_statuses, status_code
from detectors.project import is_test_path, parsed

_VERBS = ("get", "post", "put", "patch", "delete")



@dataclass(frozen=True)
class FileChange:
    path: str
    action: str  # create | modify
    why: tuple[str, ...]


@dataclass(frozen=True)
class Schema:
    name: str
    module: str
    fields: tuple[str, ...]  # "total: Decimal"


@dataclass(frozen=True)
class Model:
    name: str
    module: str
    table: str
    columns: tuple[str, ...]  # "total: Mapped[Decimal] = mapped_column(Numeric(12, 2))"
    indexes: tuple[str, ...]  # column names with index=True or unique=True, and Index(...) names


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # the router's prefix plus the route's own path
    function: str
    module: str
    status_codes: tuple[int, ...]  # success first, then those the function raises, 422 on input
    dependencies: tuple[str, ...]


@dataclass(frozen=True)
class Choice:
    name: str
    value: str
    source: str  # flag | pyproject.toml | detected | default


@dataclass(frozen=True)
class PlanReport:
    resource: str
    explain: tuple[str, ...]  # the exemplar and why, fields, what was dropped or left out
    files: tuple[FileChange, ...]
    schemas: tuple[Schema, ...]
    models: tuple[Model, ...]
    endpoints: tuple[Endpoint, ...]
    tests: tuple[str, ...]  # path::name
    choices: tuple[Choice, ...]


def build_report(plan: Plan, resource: str, choices: tuple[Choice, ...]) -> PlanReport:
    """Read `plan` back into a PlanReport."""
    files, schemas, models, endpoints, tests = [], [], [], [], []
    known: set[str] = set()  # schema classes seen so far
    included = _include_prefixes(plan)
    for edit in plan.changed:
        files.append(FileChange(edit.path, "create" if edit.created else "modify", edit.why))
        if not edit.path.endswith(".py"):
            continue
        tree = _tree(edit.new)
        if tree is None:
            continue  # read by the check (a byte-order mark, syntax newer than this Python): nothing to say
        old_tree = _tree(edit.old) if edit.old is not None else None
        before = _names(old_tree) if old_tree is not None else set()
        added = [s for s in tree.body if isinstance(s, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and s.name not in before]
        if is_test_path(edit.path):
            tests += [f"{edit.path}::{n}" for s in added for n in _test_names(s)]
            continue
        stem = edit.path.rsplit("/", 1)[-1].removesuffix(".py")
        prefix = included.get(stem, "") + _router_prefix(tree)
        aliases = _dependency_aliases(tree)
        for stmt in added:
            if isinstance(stmt, ast.ClassDef):
                model = _model(stmt, edit.path)
                if model is not None:
                    models.append(model)
                elif _fields(stmt) or any(isinstance(b, ast.Name) and b.id in known for b in stmt.bases):
                    # a class of fields, or one deriving from such a class (`OrderCreate(OrderBase)`)
                    schemas.append(Schema(stmt.name, edit.path, _fields(stmt)))
                    known.add(stmt.name)
            else:
                endpoints += _endpoints(stmt, edit.path, prefix, aliases)
    return PlanReport(
        resource,
        plan.explain,
        tuple(files),
        tuple(schemas),
        tuple(models),
        tuple(endpoints),
        tuple(tests),
        choices,
    )


def as_json(report: PlanReport) -> str:
    """The report as JSON (`--plan --json`)."""
    return json.dumps(asdict(report), indent=2) + "\n"


def as_text(report: PlanReport) -> str:
    """The report for a reader (`--plan`)."""
    lines = [f"Plan for {report.resource}", ""]
    lines += [f"  {line}" for line in report.explain]
    lines += ["", "Files:"]
    lines += [f"  {f.action:<6} {f.path}" + (f"  ({'; '.join(f.why)})" if f.why else "") for f in report.files]
    for model in report.models:
        lines += ["", f"Model {model.name} (table {model.table or '?'}, {model.module}):"]
        lines += [f"  {c}" for c in model.columns]
        if model.indexes:
            lines.append(f"  indexes: {', '.join(model.indexes)}")
    for schema in report.schemas:
        lines += ["", f"Schema {schema.name} ({schema.module}):"]
        lines += [f"  {f}" for f in schema.fields] or ["  (no fields of its own)"]
    if report.endpoints:
        lines += ["", "Endpoints:"]
        for e in report.endpoints:
            codes = ", ".join(map(str, e.status_codes))
            deps = f"; depends on {', '.join(e.dependencies)}" if e.dependencies else ""
            lines.append(f"  {e.method} {e.path or '/'}  -> {codes}{deps}  ({e.module}: {e.function})")
    if report.tests:
        lines += ["", f"Tests ({len(report.tests)}):"]
        lines += [f"  {t}" for t in report.tests]
    if report.choices:
        lines += ["", "Choices:"]
        lines += [f"  {c.name} = {c.value}  ({c.source})" for c in report.choices]
    return "\n".join(lines) + "\n"


def _names(tree: ast.Module) -> set[str]:
    return {s.name for s in tree.body if isinstance(s, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))}


def _test_names(stmt: ast.stmt) -> list[str]:
    if isinstance(stmt, ast.ClassDef):
        return [f"{stmt.name}::{s.name}" for s in stmt.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name.startswith("test")]
    return [stmt.name] if stmt.name.startswith("test") else []


def _fields(cls: ast.ClassDef) -> tuple[str, ...]:
    """Annotated fields, and `@computed_field` properties marked as computed."""
    out = []
    for s in cls.body:
        if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name) and not s.target.id.startswith("_"):
            out.append(f"{s.target.id}: {ast.unparse(s.annotation)}")
        elif isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
            (d.id if isinstance(d, ast.Name) else getattr(d, "attr", "")) == "computed_field" for d in s.decorator_list
        ):
            returns = f": {ast.unparse(s.returns)}" if s.returns is not None else ""
            out.append(f"{s.name}{returns} (computed)")
    return tuple(out)


def _model(cls: ast.ClassDef, module: str) -> Model | None:
    """An ORM class: it names its table, or is a SQLModel with table=True."""
    table = next(
        (
            s.value.value
            for s in cls.body
            if isinstance(s, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__tablename__" for t in s.targets)
            and isinstance(s.value, ast.Constant)
        ),
        None,
    )
    is_table = any(k.arg == "table" and isinstance(k.value, ast.Constant) and k.value.value is True for k in cls.keywords)
    if table is None and not is_table:
        return None
    columns, indexes = [], []
    for s in cls.body:
        target = s.target if isinstance(s, ast.AnnAssign) else (s.targets[0] if isinstance(s, ast.Assign) else None)
        if not isinstance(target, ast.Name) or target.id.startswith("__"):
            if isinstance(s, ast.Assign) and isinstance(target, ast.Name) and target.id == "__table_args__":
                indexes += [ast.unparse(c) for c in ast.walk(s.value) if isinstance(c, ast.Call) and _callee(c) in ("Index", "UniqueConstraint")]
            continue
        columns.append(ast.unparse(s))
        value = s.value
        if isinstance(value, ast.Call) and any(
            k.arg in ("index", "unique", "primary_key") and isinstance(k.value, ast.Constant) and k.value.value is True
            for k in value.keywords
        ):
            kinds = [k.arg for k in value.keywords if k.arg in ("index", "unique", "primary_key") and getattr(k.value, "value", None) is True]
            indexes.append(f"{target.id} ({', '.join(kinds)})")
    return Model(cls.name, module, table or re.sub(r"(?<!^)(?=[A-Z])", "_", cls.name).lower(), tuple(columns), tuple(indexes))


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _tree(text: str) -> ast.Module | None:
    """The module's tree (the check parsed it already: the same tree, read only); None for one
    `ast` reads only otherwise (a leading byte-order mark, syntax newer than this Python)."""
    try:
        return parsed(text.removeprefix("\ufeff"))
    except (SyntaxError, ValueError):
        return None


def _include_prefixes(plan: Plan) -> dict[str, str]:
    """The prefixes the plan's new `include_router` calls give (`app.include_router(orders.router,
    prefix="/orders")`), by the module they name (`orders`): the path a router's routes are
    served under where its own `APIRouter()` sets none (tiangolo's template)."""
    out: dict[str, str] = {}
    for edit in plan.changed:
        if not edit.path.endswith(".py") or is_test_path(edit.path):
            continue
        new, old_tree = _tree(edit.new), _tree(edit.old) if edit.old is not None else None
        old = ast.dump(old_tree) if old_tree is not None else ""
        for node in ast.walk(new) if new is not None else ():
            if not (isinstance(node, ast.Call) and _callee(node) == "include_router" and node.args):
                continue
            named = node.args[0]
            module = named.value if isinstance(named, ast.Attribute) else named
            prefix = next((k.value for k in node.keywords if k.arg == "prefix"), None)
            if isinstance(module, ast.Name) and isinstance(prefix, ast.Constant) and isinstance(prefix.value, str):
                if ast.dump(node) not in old:  # a call the plan adds, not one of the project's
                    out[module.id] = prefix.value
    return out


def _router_prefix(tree: ast.Module) -> str:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _callee(node) == "APIRouter":
            for k in node.keywords:
                if k.arg == "prefix" and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str):
                    return k.value.value
    return ""


def _dependency_aliases(tree: ast.Module) -> dict[str, str]:
    """`CurrentUser = Annotated[User, Depends(get_current_user)]` -> {CurrentUser: get_current_user}."""
    out = {}
    for s in tree.body:
        if isinstance(s, (ast.Assign, ast.AnnAssign)):
            target = s.targets[0] if isinstance(s, ast.Assign) else s.target
            dep = _depends_in(s.value) if s.value is not None else None
            if isinstance(target, ast.Name) and dep:
                out[target.id] = dep
    return out


def _depends_in(node: ast.AST) -> str | None:
    for c in ast.walk(node):
        if isinstance(c, ast.Call) and _callee(c) in ("Depends", "Security") and c.args:
            return ast.unparse(c.args[0])
    return None


def _endpoints(func: ast.FunctionDef | ast.AsyncFunctionDef, module: str, prefix: str, aliases: dict[str, str]) -> list[Endpoint]:
    out = []
    for dec in func.decorator_list:
        if not (isinstance(dec, ast.Call) and isinstance(dec.func, ast.Attribute) and dec.func.attr in _VERBS):
            continue
        verb = dec.func.attr
        path = dec.args[0].value if dec.args and isinstance(dec.args[0], ast.Constant) else ""
        success = next((status_code(k.value) for k in dec.keywords if k.arg == "status_code"), None) or 200
        raised = sorted(raised_statuses(func))
        params = [*func.args.args, *func.args.kwonlyargs]
        dependencies = []
        defaults = [*func.args.defaults, *func.args.kw_defaults]
        for node in [*(p.annotation for p in params if p.annotation is not None), *(d for d in defaults if d is not None)]:
            dep = _depends_in(node)
            if dep:
                dependencies.append(dep)
            elif isinstance(node, ast.Name) and node.id in aliases:
                dependencies.append(aliases[node.id])
        takes_input = any(p.arg not in ("self",) for p in params)
        codes = [success, *(c for c in raised if c != success)]
        if takes_input and 422 not in codes:
            codes.append(422)
        out.append(Endpoint(verb.upper(), prefix + path, func.name, module, tuple(codes), tuple(dict.fromkeys(dependencies))))
    return out
