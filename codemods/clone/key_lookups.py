"""Each new foreign key is looked up before the row is written, the way its target's get route
looks a row up (detectors/row_lookup.py): a key naming no row is the target's 404, not the
database's refusal (a 500 where it enforces keys) or a row pointing nowhere (where it does not).

Before (`buyer_id:fk[Category]`, Category's get route finds its row with
`await category_crud.get_category(db, category_id)`):
    @router.post("")
    async def create_order(data: OrderCreate, db: AsyncSession = Depends(get_db)) -> Order:
        order = await order_crud.create_order(db, data)
        return order
After:
    @router.post("")
    async def create_order(data: OrderCreate, db: AsyncSession = Depends(get_db)) -> Order:
        if await category_crud.get_category(db, data.buyer_id) is None:
            raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Category not found")
        order = await order_crud.create_order(db, data)
        return order
An update route, and a create route for an optional key, look up only a key that is sent
(`if data.buyer_id is not None and ...`). A dependency the lookup reads that the route lacks
(another resource's repository) becomes a parameter of the route, declared as the target's
route declares it. Beside the cloned create test, one posting a key naming no row expects the
target's answer (`add_missing_key_cases`).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, replace

import libcst as cst

from codemods.clone.create_test import find_create_test
from codemods.edited_statements import added_functions
from codemods.formatting import FormatStyle
from codemods.imports import Import, add_imports, imports_binding
from codemods.names_read import names_read
from codemods.paging_params import last_name
from codemods.parsing import parse_module
from codemods.plan import FileEdit
from codemods.spec import FieldSpec
from detectors.project import ProjectIndex, is_test_path
from detectors.resources import Footprint, op_of_route, top_level_names
from detectors.row_lookup import LookupParam, RowLookup, row_lookup

_WRITES = frozenset({"post", "put", "patch"})
_EQUAL = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))


@dataclass(frozen=True)
class KeyLookup:
    """One new foreign key and how its target finds a row."""

    field: str  # the key's attribute on the request body: `buyer_id`
    optional: bool
    lookup: RowLookup
    target_snake: str  # names a parameter the route needs where the target's name is taken
    missing: str | None = None  # a key naming no row, as code (for the test); None: no test


class _Substitute(cst.CSTTransformer):
    """Names read (never attribute names or keywords) replaced by expressions."""

    def __init__(self, by: dict[str, cst.BaseExpression]):
        super().__init__()
        self.by = by

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        return False  # only its value is a name read: see leave_Attribute

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        return updated.with_changes(value=updated.value.visit(self))

    def visit_Arg(self, node: cst.Arg) -> bool:
        return False  # `author_id=author_id`: the keyword stays

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
        return updated.with_changes(value=updated.value.visit(self))

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.BaseExpression:
        return self.by.get(updated.value, updated)


def add_key_lookups(
    module: cst.Module, path: str, lookups: tuple[KeyLookup, ...], functions: frozenset[str],
    bodies: dict[str, frozenset[str]],
) -> tuple[cst.Module, list[Import], frozenset[str]]:
    """`module` (at `path`) with each key looked up in the create and update routes among
    `functions` (the clone's), the imports that needs, and the keys looked up. `bodies`: each
    key's classes a request body carrying it is (`classes_holding`)."""
    bound = _bindings(module, path)
    body = list(module.body)
    imports: list[Import] = []
    done: set[str] = set()
    for at, stmt in enumerate(body):
        op = _write_op(stmt) if isinstance(stmt, cst.FunctionDef) and stmt.name.value in functions else None
        if op is None:
            continue
        func = stmt
        for key in reversed(lookups):  # each goes before the ones after it: in the spec's order
            edited = _looked_up(func, key, op, bodies.get(key.field, frozenset()), bound)
            if edited is not None:
                func, needed = edited
                imports += needed
                done.add(key.field)
        body[at] = func
    return module.with_changes(body=body), imports, frozenset(done)


def _write_op(func: cst.FunctionDef) -> str | None:
    """create or update, by the route decorator's method and path."""
    for decorator in func.decorators:
        call = decorator.decorator
        if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute)):
            continue
        method = call.func.attr.value
        if method not in _WRITES:
            continue
        given = next((a.value for a in call.args if a.keyword is None or a.keyword.value == "path"), None)
        path = given.evaluated_value if isinstance(given, cst.SimpleString) else "" if given is None else None
        op = op_of_route(method, path) if isinstance(path, str) else None
        if op in ("create", "update"):
            return op
    return None


def _params(func: cst.FunctionDef) -> list[cst.Param]:
    p = func.params
    return [*p.posonly_params, *p.params, *p.kwonly_params]


def _body_param(func: cst.FunctionDef, bodies: frozenset[str]) -> str | None:
    """The parameter the request body fills: the one annotated with a class holding the key
    (`bodies`: `OrderCreate`, `schemas.OrderIn`, `Annotated[OrderIn, Body()]`); None unless
    exactly one."""
    found = []
    for param in _params(func):
        annotation = param.annotation.annotation if param.annotation is not None else None
        if isinstance(annotation, cst.Subscript) and annotation.slice:
            first = annotation.slice[0].slice
            annotation = first.value if isinstance(first, cst.Index) else None
        if annotation is not None and last_name(annotation) in bodies:
            found.append(param.name.value)
    return found[0] if len(found) == 1 else None


def classes_holding(texts: list[str], field: str) -> frozenset[str]:
    """The classes of `texts` that declare `field` (`buyer_id: int`), or derive from one that
    does, by name: the request bodies that can carry the key."""
    bases: dict[str, set[str]] = {}
    holding: set[str] = set()
    for text in texts:
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(
                    b.attr if isinstance(b, ast.Attribute) else b.id for b in node.bases if isinstance(b, (ast.Name, ast.Attribute))
                )
                if any(isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name) and s.target.id == field for s in node.body):
                    holding.add(node.name)
    grown = True
    while grown:
        more = {name for name, of in bases.items() if of & holding} - holding
        holding |= more
        grown = bool(more)
    return frozenset(holding)


def _tests_field(func: cst.FunctionDef, body: str, field: str) -> bool:
    """Whether an `if` of the route reads `body.field` already: the key is looked up."""
    tests: list[cst.BaseExpression] = []

    class Ifs(cst.CSTVisitor):
        def visit_If(self, node: cst.If) -> None:
            tests.append(node.test)

    func.body.visit(Ifs())
    read = re.compile(rf"(?<![\w.]){re.escape(body)}\.{re.escape(field)}\b")
    return any(read.search(cst.Module([]).code_for_node(test)) for test in tests)


def _looked_up(
    func: cst.FunctionDef, key: KeyLookup, op: str, bodies: frozenset[str], bound: dict[str, tuple[str, str | None] | None]
) -> tuple[cst.FunctionDef, list[Import]] | None:
    """The route with `key` looked up before the first statement reading the body, and the
    imports it needs; None where the lookup cannot be written here (said by the caller's note)."""
    lookup = key.lookup
    body = _body_param(func, bodies)
    if body is None or _tests_field(func, body, key.field):
        return None
    if lookup.awaits and func.asynchronous is None:
        return None
    if any(name not in bound for name in lookup.top_level):
        return None  # a name of the target's own module: here too only in a module they share
    names = {p.name.value for p in _params(func)}
    by: dict[str, cst.BaseExpression] = {lookup.key: cst.Attribute(cst.Name(body), cst.Name(key.field))}
    added: list[LookupParam] = []
    for wanted in lookup.params:
        declared = (" ".join(wanted.annotation.split()), " ".join(wanted.default.split()))
        same = next((p for p in _params(func) if _declared(p) == declared), None)
        if same is not None:
            by[wanted.name] = cst.Name(same.name.value)
            continue
        name = wanted.name if wanted.name not in names and wanted.name not in names_read(func.body) else f"{key.target_snake}_{wanted.name}"
        if name in names:
            return None
        names.add(name)
        by[wanted.name] = cst.Name(name)
        if any(n not in bound for n in wanted.top_level):
            return None
        added.append(replace(wanted, name=name, code=name + wanted.code[len(wanted.name):]))
    needed = []
    for local, module, attribute in [*lookup.imports, *(i for p in added for i in p.imports)]:
        if local in bound:
            if bound[local] != (module, attribute):
                return None  # the name means something else here
            continue
        needed.append(_import(local, module, attribute))
    if lookup.checks:  # the checks read the row: bound to a name the route leaves free
        taken = names | names_read(func.body) | set(by)
        free = [n for n in (lookup.row, key.target_snake, f"{key.target_snake}_row") if n not in taken]
        if not free:
            return None
        by[lookup.row] = cst.Name(free[0])
    at = next((i for i, s in enumerate(func.body.body) if body in names_read(s)), None)
    if at is None:
        return None
    statements = list(func.body.body)
    statements[at:at] = _statements(key, op, body, by)
    func = func.with_changes(body=func.body.with_changes(body=statements))
    for param in added:
        func = _with_param(func, param)
    return func, needed


def _declared(param: cst.Param) -> tuple[str, str]:
    """(annotation, default) as written, whitespace aside: how a dependency is told apart."""
    code = cst.Module([]).code_for_node
    annotation = code(param.annotation.annotation) if param.annotation is not None else ""
    default = code(param.default) if param.default is not None else ""
    return " ".join(annotation.split()), " ".join(default.split())


def _statements(key: KeyLookup, op: str, body: str, by: dict[str, cst.BaseExpression]) -> list[cst.BaseStatement]:
    """The lookup as the route's statements: the test of the value found (or the call raising
    by itself), or, where the target's route checks the row it found, the row bound (`by` names
    it) and then tested and checked; all under a test that the key is sent where it may not be."""
    lookup = key.lookup
    code = cst.Module([]).code_for_node

    def written(statement: str) -> list[str]:
        return code(cst.parse_statement(statement).visit(_Substitute(by))).strip().splitlines()

    value = code(cst.parse_expression(lookup.value).visit(_Substitute(by)))
    sent = f"{body}.{key.field} is not None" if key.optional or op == "update" else ""
    if lookup.answer and lookup.checks:
        row = code(by[lookup.row])
        lines = [f"{row} = {value}", f"if not {row}:" if lookup.negated else f"if {row} is None:"]
        lines += [f"    {line}" for s in lookup.answer for line in written(s)]
        lines += [line for check in lookup.checks for line in written(check)]
        if sent:
            lines = [f"if {sent}:", *(f"    {line}" for line in lines)]
        return list(cst.parse_module("\n".join(lines) + "\n").body)
    if lookup.answer:
        missing = f"not {value}" if lookup.negated else f"{value} is None"
        test = f"{sent} and {missing}" if sent else missing
        answer = [line for s in lookup.answer for line in written(s)]
        return [cst.parse_statement(f"if {test}:\n" + "".join(f"    {a}\n" for a in answer))]
    # the call raises where there is no row
    return [cst.parse_statement(f"if {sent}:\n    {value}\n") if sent else cst.parse_statement(f"{value}\n")]


def _with_param(func: cst.FunctionDef, param: LookupParam) -> cst.FunctionDef:
    """`func` taking `param` too: among the keyword-only parameters where it has them, else
    last where it has a default, else before the first parameter with one."""
    made = cst.parse_statement(f"def f({param.code}): pass\n")
    assert isinstance(made, cst.FunctionDef)
    new = made.params.params[0]
    params = func.params
    if params.kwonly_params:
        listed = list(params.kwonly_params)
        return func.with_changes(params=params.with_changes(kwonly_params=_inserted(listed, len(listed), new)))
    listed = list(params.params)
    at = len(listed) if new.default is not None else next((i for i, p in enumerate(listed) if p.default is not None), len(listed))
    return func.with_changes(params=params.with_changes(params=_inserted(listed, at, new)))


def _inserted(params: list[cst.Param], at: int, new: cst.Param) -> list[cst.Param]:
    """`params` with `new` at `at`, laid out as the others: one per line stays one per line
    (the last keeps the trailing comma, the rest the comma between)."""
    between = next((p.comma for p in params[:-1]), cst.MaybeSentinel.DEFAULT)
    if at == len(params) and params:
        last = params[-1]
        return [*params[:-1], last.with_changes(comma=between), new.with_changes(comma=last.comma)]
    return [*params[:at], new.with_changes(comma=between), *params[at:]]


def _import(local: str, module: str, attribute: str | None) -> Import:
    if attribute is None:
        return Import(module, None, None if local == module.split(".")[0] else local)
    return Import(module, attribute, None if local == attribute else local)


def _bindings(module: cst.Module, path: str) -> dict[str, tuple[str, str | None] | None]:
    """Each top-level name -> (module, attribute) of the import binding it (a relative one made
    absolute from `path`), or None for a name bound otherwise (a definition, an assignment)."""
    tree = ast.parse(module.code)
    out: dict[str, tuple[str, str | None] | None] = {name: None for stmt in tree.body for name in top_level_names(stmt)}
    out.update({i.bound: (i.module, i.name) for i in imports_binding(tree, path, names_read(module))})
    return out


def add_missing_key_cases(module: cst.Module, keys: tuple[KeyLookup, ...], snake: str, own: bool = True) -> cst.Module:
    """`module` with, next to its create test, a test posting each key naming no row and
    expecting the target's answer (none where it has no create test posting the key). `own`:
    the module is the resource's; else only a create test named for it (`snake`) is copied."""
    for key in reversed(keys):  # each goes right after the create test: in the spec's order
        status = key.lookup.status
        if status is None or key.missing is None:
            continue
        name = f"test_create_{snake}_{key.field}_not_found"
        # the create test posting the key; an optional key its create test leaves out is added
        found = find_create_test(module, {key.field}) or (find_create_test(module, set()) if key.optional else None)
        defined = {s.name.value for s in module.body if isinstance(s, cst.FunctionDef)}
        if found is None or name in defined or not (own or snake in found.function.name.value):
            continue
        kept = list(found.function.body.body[: found.status_at])
        check = cst.parse_statement(f"assert {found.response}.status_code == {status}, {found.response}.text\n")
        case = found.function.with_changes(name=cst.Name(name), body=found.function.body.with_changes(body=[*kept, check]))
        case = case.visit(_KeyValue(found.payload, key.field, cst.parse_expression(key.missing)))
        case = _without_unread(case, found.function)
        at = module.body.index(found.function) + 1
        case = case.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()])
        module = module.with_changes(body=[*module.body[:at], case, *module.body[at:]])
    return module


def _without_unread(case: cst.FunctionDef, original: cst.FunctionDef) -> cst.FunctionDef:
    """`case` without what only the key it no longer sends read: the row the original made for
    it (`project = make_project(...)`), the fixture it asked for."""
    statements = list(case.body.body)
    for stmt in reversed(list(statements)):
        name = _assigned_name(stmt)
        rest = [s for s in statements if s is not stmt]
        if name is not None and not any(name in names_read(s) for s in rest) and name in names_read(original.body):
            statements.remove(stmt)
    case = case.with_changes(body=case.body.with_changes(body=statements))
    params = case.params
    kept = [p for p in params.params if p.name.value in names_read(case.body) or p.name.value not in names_read(original.body)]
    if len(kept) == len(params.params):
        return case
    if kept and params.params[-1] not in kept:
        kept[-1] = kept[-1].with_changes(comma=params.params[-1].comma)
    return case.with_changes(params=params.with_changes(params=kept))


def _assigned_name(stmt: cst.BaseStatement) -> str | None:
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(stmt.body[0], cst.Assign):
        targets = stmt.body[0].targets
        if len(targets) == 1 and isinstance(targets[0].target, cst.Name):
            return targets[0].target.value
    return None


class _KeyValue(cst.CSTTransformer):
    """The payload's value for the key becomes one naming no row (added where it sends none; a
    keyword of the helper call building it)."""

    def __init__(self, payload: cst.Dict | cst.Call, field: str, value: cst.BaseExpression):
        super().__init__()
        self.payload, self.field, self.value = payload, field, value

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        if not original.deep_equals(self.payload):
            return updated
        args = [a for a in updated.args if not (a.keyword is not None and a.keyword.value == self.field)]
        if args:
            args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        return updated.with_changes(args=[*args, cst.Arg(self.value, keyword=cst.Name(self.field), equal=_EQUAL)])

    def leave_Dict(self, original: cst.Dict, updated: cst.Dict) -> cst.Dict:
        if not original.deep_equals(self.payload):
            return updated
        sent = [isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString) and e.key.evaluated_value == self.field
                for e in updated.elements]
        if any(sent):
            return updated.with_changes(elements=[e.with_changes(value=self.value) if s else e for e, s in zip(updated.elements, sent)])
        quote = next((e.key.value[0] for e in updated.elements if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)), '"')
        added = cst.DictElement(cst.SimpleString(f"{quote}{self.field}{quote}"), self.value)
        elements = list(updated.elements)
        if elements and elements[-1].comma is cst.MaybeSentinel.DEFAULT:
            elements[-1] = elements[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        elif elements:  # a trailing comma (one element per line): the new one takes it too
            added = added.with_changes(comma=elements[-1].comma)
        return updated.with_changes(elements=[*elements, added])


def keys_to_look_up(index: ProjectIndex, footprints: tuple[Footprint, ...], keys: list[FieldSpec], own: str) -> tuple[KeyLookup, ...]:
    """How each of the new foreign `keys` is looked up: as its target's get route finds a row
    (`row_lookup`); none for a key whose target has no such route, or is the resource (`own`)."""
    targets = {f.model: f for f in footprints}
    out = []
    for f in keys:
        target = targets.get(f.fk_target or "")
        lookup = row_lookup(index, target) if target is not None and target.model != own else None
        if lookup is not None:
            missing = {"int": "2**31 - 1", "uuid": '"00000000-0000-0000-0000-000000000000"'}.get(target.key[1])
            out.append(KeyLookup(f.column_name, f.optional, lookup, target.names.snake, missing))
    return tuple(out)


def not_looked_up(names: list[str]) -> str:
    """The plan's note for the new keys clients send that are not looked up."""
    return (
        f"not looked up before the row is written: {', '.join(names)} (where the database enforces "
        "foreign keys, a key naming no row is a 500: its target has no get route finding a row in a "
        "way to copy)"
    )


def look_up_keys(
    texts: dict[str, str], keys: tuple[KeyLookup, ...], functions: frozenset[str], fmt: FormatStyle | None,
    first_party: frozenset[str],
) -> dict[str, tuple[str, frozenset[str]]]:
    """The modules of `texts` (path -> text; test modules aside) whose routes among `functions`
    look keys up, each edited with the keys it looks up."""
    changed: dict[str, tuple[str, frozenset[str]]] = {}
    paths = [p for p in texts if p.endswith(".py") and not is_test_path(p)] if keys else []
    bodies = {k.field: classes_holding([texts[p] for p in paths], k.field) for k in keys}
    for path in paths:
        module, imports, found = add_key_lookups(parse_module(texts[path]), path, keys, functions, bodies)
        if found:
            changed[path] = (add_imports(module, imports, fmt, first_party).code if fmt is not None else module.code, found)
    return changed


def finish_key_lookups(
    texts, keys: tuple[KeyLookup, ...], functions: frozenset[str], fmt: FormatStyle | None, first_party: frozenset[str]
) -> frozenset[str]:
    """Edit the plan's texts in place (`look_up_keys`): the keys looked up in the clone's routes
    (`functions`). The keys looked up."""
    changed = look_up_keys({p: texts.read(p) or "" for p in texts.current}, keys, functions, fmt, first_party)
    for path, (new, found) in changed.items():
        texts.write(path, new, _looked_up_why(found))
    return frozenset().union(*(found for _, found in changed.values()))


def look_up_in_edits(
    edits: tuple[FileEdit, ...], keys: tuple[KeyLookup, ...], fmt: FormatStyle | None, first_party: frozenset[str]
) -> tuple[tuple[FileEdit, ...], frozenset[str]]:
    """`edits` with the keys looked up in the routes they add (`look_up_keys`), and the keys
    looked up."""
    functions = frozenset(name for e in edits if e.path.endswith(".py") for name in added_functions(e.new, e.old))
    changed = look_up_keys({e.path: e.new for e in edits}, keys, functions, fmt, first_party)
    edited = tuple(
        replace(e, new=changed[e.path][0], why=(*e.why, _looked_up_why(changed[e.path][1]))) if e.path in changed else e
        for e in edits
    )
    return edited, frozenset().union(*(found for _, found in changed.values()))


def _looked_up_why(found: frozenset[str]) -> str:
    return "foreign keys looked up: " + ", ".join(sorted(found))


def missing_key_tests(edits: tuple[FileEdit, ...], keys: tuple[KeyLookup, ...], snake: str) -> tuple[FileEdit, ...]:
    """The plan's test modules with a test of each key looked up (`add_missing_key_cases`):
    once the tests post every required key (required_fk.py), so the copy posts a whole row."""
    out = []
    for edit in edits:
        if keys and edit.path.endswith(".py") and is_test_path(edit.path):
            # the clone's own tests: a module it writes, or its tests among others'
            module = add_missing_key_cases(parse_module(edit.new), keys, snake, edit.created)
            edit = replace(edit, new=module.code, why=(*edit.why, "keys naming no row: the target's answer")) if module.code != edit.new else edit
        out.append(edit)
    return tuple(out)


__all__ = [
    "KeyLookup", "add_key_lookups", "classes_holding", "add_missing_key_cases", "finish_key_lookups", "keys_to_look_up",
    "look_up_in_edits", "look_up_keys", "missing_key_tests", "not_looked_up",
]
