"""A required foreign key in the cloned tests: each row they make points at a row of the target,
taken from the target's own pytest fixture.

The cloned tests make rows without the new key (`fk[Customer]` is new to the clone); a required
key would make every create fail. Each test or fixture the plan adds that builds a whole row (a
payload holding every other required field, or the model's constructor) asks for the target's
fixture and sets the key from it.

Before (test, `customer_id` required, fixture `customer` in conftest.py):
    async def test_create_order(client, auth_headers):
        response = await client.post("/orders", json={"total": "1.00"}, headers=auth_headers)
After:
    async def test_create_order(client, auth_headers, customer):
        response = await client.post("/orders", json={"total": "1.00", "customer_id": customer.id}, headers=auth_headers)
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace

import libcst as cst

from codemods.clone.nesting.parent import row_fixture
from codemods.errors import ConventionError
from codemods.plan import FileEdit
from codemods.spec import FieldSpec, ResourceSpec
from detectors.project import ProjectIndex, is_test_path


@dataclass(frozen=True)
class RequiredKey:
    """The key to set and where its value comes from."""

    column: str  # customer_id
    fixture: str  # customer: the target's pytest fixture giving one row
    key: str  # id: the target's key attribute
    model: str  # Order: the new resource's model, whose constructor calls get the key
    required: frozenset[str]  # the new resource's other required fields: a whole payload holds them all
    fields: frozenset[str]  # all its other fields: a payload holds one at least
    scope: str  # the directory of the fixture's conftest.py: the tests below it reach the fixture


class SetRequiredKey(cst.CSTTransformer):
    """Set `key.column` in the whole-row payloads and constructor calls of the functions named in
    `functions` (those the plan adds), each of which then asks for `key.fixture`."""

    def __init__(self, key: RequiredKey, functions: frozenset[str]):
        super().__init__()
        self.key, self.functions = key, functions
        self.stack: list[bool] = []  # per function being visited: whether it set the key
        self.module_level: list[str] = []  # whole-row payloads outside any function: cannot be set
        self.active = False  # inside a function the plan adds
        self.top = ""  # the top-level function being visited

    def visit_Module(self, node: cst.Module) -> bool:
        """Find the row makers: helpers spreading a module-level whole row and their own keywords
        (`payload = {**PAYLOAD, **changes}`); a call to one passes the key as one more keyword."""
        rows: dict[str, cst.Dict] = {}
        for stmt in node.body:
            small = stmt.body[0] if isinstance(stmt, cst.SimpleStatementLine) and stmt.body else None
            if (
                isinstance(small, cst.Assign)
                and len(small.targets) == 1
                and isinstance(small.targets[0].target, cst.Name)
                and isinstance(small.value, cst.Dict)
                and self._whole(small.value)
            ):
                rows[small.targets[0].target.value] = small.value
        self.rows = rows
        self.makers: set[str] = set()
        # reads of a module-level row in the functions the plan adds, and those that carry the key
        self.reads: dict[str, int] = dict.fromkeys(rows, 0)
        self.carried: dict[str, int] = dict.fromkeys(rows, 0)
        for stmt in node.body:
            if not isinstance(stmt, cst.FunctionDef) or not isinstance(stmt.params.star_kwarg, cst.Param):
                continue
            spread = {stmt.params.star_kwarg.name.value}
            for d in _dicts(stmt):
                starred = {e.value.value for e in d.elements if isinstance(e, cst.StarredDictElement) and isinstance(e.value, cst.Name)}
                if starred & set(rows) and starred & spread:
                    self.makers.add(stmt.name.value)
                    for name in starred & set(rows):  # its callers pass the key
                        self.carried[name] += 1
        return True

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        self.module_level += [name for name in self.rows if self.reads[name] > self.carried[name]]
        return updated

    def visit_Name(self, node: cst.Name) -> None:
        if self.stack and self.active and node.value in getattr(self, "rows", {}):
            self.reads[node.value] += 1

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
        """`json=PAYLOAD` (a module-level row) in a function the plan adds: `{**PAYLOAD, key: ...}`."""
        value = updated.value
        if not (self.stack and self.active and isinstance(value, cst.Name) and value.value in getattr(self, "rows", {})):
            return updated
        self.stack[-1] = True
        self.carried[value.value] += 1
        return updated.with_changes(value=cst.parse_expression(f'{{**{value.value}, "{self.key.column}": {self.key.fixture}.{self.key.key}}}'))

    def _whole(self, d: cst.Dict) -> bool:
        keys = {e.key.evaluated_value for e in d.elements if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)}
        return self.key.column not in keys and self.key.required <= keys and bool(self.key.fields & keys)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.stack.append(False)
        if len(self.stack) == 1:
            self.top = node.name.value
            self.active = node.name.value in self.functions and node.name.value != self.key.fixture
        return True

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        used = self.stack.pop()
        if self.stack:  # a nested function: its enclosing one asks for the fixture
            self.stack[-1] |= used
            return updated
        if not used or original.name.value not in self.functions or original.name.value == self.key.fixture:
            return updated
        names = {p.name.value for p in (*updated.params.params, *updated.params.kwonly_params)}
        if self.key.fixture in names:
            return updated
        fixture = cst.Param(cst.Name(self.key.fixture))
        params = list(updated.params.params)
        if params and params[-1].default is not None:  # after defaults only keyword-only may follow
            return updated.with_changes(params=updated.params.with_changes(kwonly_params=[*updated.params.kwonly_params, fixture]))
        if params:
            last = params[-1]
            if isinstance(last.comma, cst.Comma):  # a trailing comma (one per line): the fixture takes one too
                fixture = fixture.with_changes(comma=last.comma)
                # the line break and indent before a parameter live in the comma (or paren) before it
                between = params[-2].comma if len(params) > 1 else cst.Comma(whitespace_after=updated.whitespace_before_params)
                params[-1] = last.with_changes(comma=between)
            else:  # the space before `)` (a line break) follows the fixture now
                fixture = fixture.with_changes(whitespace_after_param=last.whitespace_after_param)
                last = last.with_changes(whitespace_after_param=cst.SimpleWhitespace(""))
                params[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        return updated.with_changes(params=updated.params.with_changes(params=[*params, fixture]))

    def leave_Dict(self, original: cst.Dict, updated: cst.Dict) -> cst.Dict:
        keys = {e.key.evaluated_value for e in updated.elements if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)}
        spread = [e.value.value for e in updated.elements if isinstance(e, cst.StarredDictElement) and isinstance(e.value, cst.Name)]
        rows = [name for name in spread if name in getattr(self, "rows", {})]
        if rows and self.stack and self.active and self.top not in self.makers and self.key.column not in keys:
            # `{**PAYLOAD, "note": None}` in a test: the row it spreads gets the key here
            self.stack[-1] = True
            self.carried[rows[0]] += 1
            return _with_element(updated, self.key.column, f"{self.key.fixture}.{self.key.key}")
        if self.key.column in keys or not self.key.required <= keys or not self.key.fields & keys:
            return updated
        if not self.stack:
            if not any(original is row for row in getattr(self, "rows", {}).values()):
                self.module_level.append(self.key.column)  # a row no name holds: no function can carry the key
            return updated
        if not self.active:
            return updated
        self.stack[-1] = True
        return _with_element(updated, self.key.column, f"{self.key.fixture}.{self.key.key}")

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        func = updated.func
        if isinstance(func, cst.Name) and func.value in getattr(self, "makers", ()) and self.stack and self.active:
            keywords = {a.keyword.value for a in updated.args if a.keyword is not None}
            if self.key.column not in keywords:
                self.stack[-1] = True
                return _with_keyword(updated, self.key.column, f"{self.key.fixture}.{self.key.key}")
            return updated
        name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else None
        if name != self.key.model or not self.stack or not self.active:
            return updated
        keywords = {a.keyword.value for a in updated.args if a.keyword is not None}
        if self.key.column in keywords or not self.key.required <= keywords or not self.key.fields & keywords:
            return updated
        self.stack[-1] = True
        return _with_keyword(updated, self.key.column, f"{self.key.fixture}.{self.key.key}")


def _with_element(d: cst.Dict, key: str, value: str) -> cst.Dict:
    """`d` with `"key": value` last."""
    element = cst.DictElement(cst.SimpleString(f'"{key}"'), cst.parse_expression(value))
    elements = list(d.elements)
    if elements:
        last = elements[-1]
        elements[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        element = element.with_changes(comma=last.comma)
    return d.with_changes(elements=[*elements, element])


def _with_keyword(call: cst.Call, name: str, value: str) -> cst.Call:
    """`call` with one more keyword argument, last."""
    args = list(call.args)
    arg = cst.Arg(cst.parse_expression(value), keyword=cst.Name(name),
                  equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")))
    if not args:
        return call.with_changes(args=[arg])
    last = args[-1]
    args[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    return call.with_changes(args=[*args, arg.with_changes(comma=last.comma)])


def _dicts(node: cst.CSTNode) -> list[cst.Dict]:
    found: list[cst.Dict] = []

    class _Dicts(cst.CSTVisitor):
        def visit_Dict(self, d: cst.Dict) -> None:
            found.append(d)

    node.visit(_Dicts())
    return found


def required_key(index: ProjectIndex, footprints, f: FieldSpec, spec: ResourceSpec) -> RequiredKey:
    """Where the tests take the required key `f` from: the target's conftest fixture."""
    target = next((t for t in footprints if t.model == f.fk_target), None)
    found = row_fixture(index, target) if target is not None else None
    if found is None or not found[0].endswith("conftest.py"):
        raise ConventionError(
            f"field {f.name!r}: tests for a required fk need a row of {f.fk_target} to point at, and no conftest.py "
            f"fixture makes one; mark it optional ({f.name}:fk[{f.fk_target}]?) or add such a fixture"
        )
    others = [g for g in spec.fields if g is not f and g.type != "fk"]
    return RequiredKey(
        f.column_name,
        found[1],
        target.key[0],
        spec.names.pascal,
        frozenset(g.column_name for g in others if not g.optional and g.default is None),
        frozenset(g.column_name for g in others),
        found[0].rsplit("/", 1)[0] if "/" in found[0] else "",
    )


def set_required_keys(edits: tuple[FileEdit, ...], keys: tuple[RequiredKey, ...]) -> tuple[FileEdit, ...]:
    """The plan's test code with each required key set from its fixture; ConventionError where a
    new test module builds whole rows at module level (`PAYLOAD = {...}`), which no fixture reaches."""
    for required in keys:
        edits = _set_one(edits, required)
    return edits


def _set_one(edits: tuple[FileEdit, ...], required: RequiredKey) -> tuple[FileEdit, ...]:
    out = []
    for edit in edits:
        below = required.scope == "" or edit.path.startswith(f"{required.scope}/")
        if not (edit.path.endswith(".py") and is_test_path(edit.path) and below):
            out.append(edit)
            continue
        before = {getattr(n, "name", None) for n in ast.parse(edit.old).body} if edit.old else set()
        added = frozenset(n.name for n in ast.parse(edit.new).body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name not in before)
        setter = SetRequiredKey(required, added)
        new = cst.parse_module(edit.new).visit(setter).code
        if setter.module_level and edit.created:
            raise ConventionError(
                f"field {required.column!r} is required, and {edit.path} builds whole rows at module "
                f"level, where no fixture reaches; mark the key optional (the test modules of --filter, "
                f"--sort, --cache and the like make rows that way)"
            )
        out.append(replace(edit, new=new) if new != edit.new else edit)
    return tuple(out)
