"""A required foreign key in the new tests: each row they make points at a row of the target,
made the way the project's own tests make one.

The cloned (or templated) tests make rows without the new key (`fk[Customer]` is new to them); a
required key would make every create fail. Each test, fixture or helper the plan adds that builds
a whole row (a payload holding every other required field, the model's constructor or schema)
sets the key (SetRequiredKey) from a row of the target. `required_key` chooses where that row
comes from, in this order: the target's conftest fixture (asked for as a parameter); its fixture
in its own test module (copied: borrowed.py); the helper its tests make rows with
(row_makers.py, called first by MakeRowFirst: make_row.py); its create route (route_maker.py).

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

from codemods import matching as m
from codemods.clone.borrowed import Borrowed, borrowed, lend
from codemods.clone.fixture_through_helpers import pass_fixture
from codemods.clone.make_row import MakeRowFirst, with_fixtures, with_keyword
from codemods.clone.nesting.fixture_made import conftest_trees, header_owners
from codemods.clone.nesting.parent import row_fixture
from codemods.clone.route_maker import route_maker
from codemods.clone.row_makers import RowMaker, row_maker
from codemods.clone.row_per_signer import RowPerSigner
from codemods.context import first_party
from codemods.edited_statements import added_functions
from codemods.errors import ConventionError
from codemods.formatting import FormatStyle
from codemods.imports import add_imports
from codemods.parsing import parse_module
from codemods.plan import FileEdit
from codemods.spec import FieldSpec, ResourceSpec
from codemods.visit import visit
from detectors.project import ProjectIndex, is_test_path
from detectors.style import detect_style


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
    # where the target's tests make rows with a helper instead: `fixture` names the row it returns
    maker: RowMaker | None = None
    loan: Borrowed | None = None  # the fixture or helper, copied into modules that cannot reach it
    style: FormatStyle | None = None  # for the imports a module calling the helper needs
    first_party: frozenset[str] = frozenset()
    kind: str = "int"  # the target's key type: int, str, uuid
    # its other columns (foreign keys, those the server sets: its key, timestamps): a row may
    # hold them too, and nothing that is none of its columns (`{"page": 1, "total": 0}`, a
    # list's meta, is no row of a resource with a `total`)
    columns: frozenset[str] = frozenset()
    # the fields of another resource the module makes rows of (the nested one's, where this is its
    # parent's key): a dict holding nothing but those may be one of its rows, and is left alone
    others: frozenset[str] = frozenset()
    # each headers fixture of the conftest -> the user it signs in: a request sent as another
    # user points at a row that user made (row_per_signer.py)
    signers: tuple[tuple[str, str], ...] = ()

    @property
    def value(self) -> str:
        """The key's value as code: `customer.id`, `customer["id"]`."""
        return self.maker.value.format(self.fixture) if self.maker else f"{self.fixture}.{self.key}"

    @property
    def json_value(self) -> str:
        """The value in a JSON payload: a row's UUID key as its text (`str(customer.id)`: json
        cannot encode a UUID); a key read from a response (`customer["id"]`) is text already."""
        value = self.value
        return f"str({value})" if self.kind == "uuid" and not value.endswith("]") else value


class SetRequiredKey(cst.CSTTransformer):
    """Set `key.column` in the whole-row payloads and constructor calls of the functions named in
    `functions` (those the plan adds), each of which then asks for `key.fixture` (with a maker,
    MakeRowFirst makes the row instead)."""

    def __init__(self, key: RequiredKey, functions: frozenset[str]):
        super().__init__()
        self.key, self.functions = key, functions
        self.stack: list[bool] = []  # per function being visited: whether it set the key
        self.module_level: list[str] = []  # whole-row payloads outside any function: cannot be set
        self.active = False  # inside a function the plan adds
        self.top = ""  # the top-level function being visited
        self.field_reads: set[int] = set()  # the names read as `row["field"]` (visit_Subscript)

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
            own_row = any(self._whole(d) for d in _dicts(stmt))  # a row of the resource, not the target's
            if stmt.name.value in self.functions and own_row and _merges(stmt, spread.pop()) and _called(node, stmt.name.value):
                # a whole row of its own, its keywords merged in (`payload.update(overrides)`), called
                # here: its callers pass the key too
                self.makers.add(stmt.name.value)
        return True

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        self.module_level += [name for name in self.rows if self.reads[name] > self.carried[name]]
        return updated

    def visit_Subscript(self, node: cst.Subscript) -> None:
        """`PAYLOAD["note"]` reads one field of the row, which the key leaves as it is: not a read
        of the whole row that would have to carry the key."""
        if isinstance(node.value, cst.Name):
            self.field_reads.add(id(node.value))

    def visit_Name(self, node: cst.Name) -> None:
        if id(node) in self.field_reads:
            return
        if self.stack and self.active and node.value in getattr(self, "rows", {}):
            self.reads[node.value] += 1

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
        """`json=PAYLOAD` (a module-level row) in a function the plan adds: `{**PAYLOAD, key: ...}`."""
        value = updated.value
        if not (self.stack and self.active and isinstance(value, cst.Name) and value.value in getattr(self, "rows", {})):
            return updated
        self.stack[-1] = True
        self.carried[value.value] += 1
        return updated.with_changes(value=cst.parse_expression(f'{{**{value.value}, "{self.key.column}": {self.key.json_value}}}'))

    def _whole(self, d: cst.Dict) -> bool:
        keys = {e.key.evaluated_value for e in d.elements if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)}
        return self.key.column not in keys and self._row(keys)

    def _row(self, keys: set[str]) -> bool:
        """Whether a dict with these keys is a whole row of the resource but its key (sent or
        expected back): every required field, one field at least, nothing else but its columns."""
        ours = keys <= self.key.fields | self.key.columns and not (self.key.others and keys <= self.key.others)
        return self.key.required <= keys and bool(self.key.fields & keys) and ours

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
        if self.key.maker is not None:  # MakeRowFirst makes the row where it is read
            return updated
        return with_fixtures(updated, [self.key.fixture])

    def leave_Dict(self, original: cst.Dict, updated: cst.Dict) -> cst.Dict:
        keys = {e.key.evaluated_value for e in updated.elements if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)}
        spread = [e.value.value for e in updated.elements if isinstance(e, cst.StarredDictElement) and isinstance(e.value, cst.Name)]
        rows = [name for name in spread if name in getattr(self, "rows", {})]
        if rows and self.stack and self.active and self.top not in self.makers and self.key.column not in keys:
            # `{**PAYLOAD, "note": None}` in a test: the row it spreads gets the key here
            self.stack[-1] = True
            self.carried[rows[0]] += 1
            return _with_element(updated, self.key.column, self.key.json_value)
        if self.key.column in keys or not self._row(keys):
            return updated
        if self.stack and self.top in self.makers:  # its callers pass the key
            return updated
        if not self.stack:
            if not any(original is row for row in getattr(self, "rows", {}).values()):
                self.module_level.append(self.key.column)  # a row no name holds: no function can carry the key
            return updated
        if not self.active:
            return updated
        self.stack[-1] = True
        return _with_element(updated, self.key.column, self.key.json_value)

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        func = updated.func
        if isinstance(func, cst.Name) and func.value in getattr(self, "makers", ()) and self.stack and self.active:
            keywords = {a.keyword.value for a in updated.args if a.keyword is not None}
            if self.key.column not in keywords:
                self.stack[-1] = True
                return with_keyword(updated, self.key.column, self.key.value)
            return updated
        name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else None
        # the model or one of its schemas (`OrderCreate(...)`, validated before the crud layer saves it)
        schema = name is not None and name.startswith(self.key.model) and name[len(self.key.model) :][:1].isupper()
        if not (name == self.key.model or schema) or not self.stack or not self.active:
            return updated
        keywords = {a.keyword.value for a in updated.args if a.keyword is not None}
        if self.key.column in keywords or not self.key.required <= keywords or not self.key.fields & keywords:
            return updated
        self.stack[-1] = True
        return with_keyword(updated, self.key.column, self.key.value)


def _with_element(d: cst.Dict, key: str, value: str) -> cst.Dict:
    """`d` with `"key": value` last."""
    element = cst.DictElement(cst.SimpleString(f'"{key}"'), cst.parse_expression(value))
    elements = list(d.elements)
    if elements:
        last = elements[-1]
        elements[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        element = element.with_changes(comma=last.comma)
    return d.with_changes(elements=[*elements, element])


def _merges(function: cst.FunctionDef, kwargs: str) -> bool:
    """Whether the function builds a whole-looking dict and merges its `**kwargs` into one:
    `payload.update(kwargs)`, `{..., **kwargs}` or `payload | kwargs`."""
    if not kwargs:
        return False
    merged = m.Call(func=m.Attribute(attr=m.Name("update")), args=[m.Arg(m.Name(kwargs))])
    spread = m.StarredDictElement(m.Name(kwargs))
    union = m.BinaryOperation(operator=m.BitOr(), right=m.Name(kwargs))
    return bool(m.findall(function, merged | spread | union))


def _called(module: cst.Module, name: str) -> bool:
    return bool(m.findall(module, m.Call(func=m.Name(name))))


def _dicts(node: cst.CSTNode) -> list[cst.Dict]:
    found: list[cst.Dict] = []

    class _Dicts(cst.CSTVisitor):
        def visit_Dict(self, d: cst.Dict) -> None:
            found.append(d)

    visit(node, _Dicts())
    return found


def required_key(
    index: ProjectIndex, footprints, f: FieldSpec, spec: ResourceSpec, server_set: tuple[str, ...] = ("id",)
) -> RequiredKey:
    """Where the tests take a row of the required key `f`'s target from, in this order: its
    fixture in a conftest.py; its fixture in its test module (copied where needed); the helper its
    tests make rows with (row_makers.py); its create route (route_maker.py). ConventionError
    without any. `server_set`: the new model's columns no client sends (its key, timestamps)."""
    target = next((t for t in footprints if t.model == f.fk_target), None)
    others = [g for g in spec.fields if g is not f and g.type != "fk"]
    key = RequiredKey(
        f.column_name,
        target.names.snake if target is not None else "",
        target.key[0] if target is not None else "id",
        spec.names.pascal,
        frozenset(g.column_name for g in others if not g.optional and g.default is None),
        frozenset(g.column_name for g in others),
        "",
        kind=target.key[1] if target is not None else "int",
        columns=frozenset(g.column_name for g in spec.fields if g is not f and g.type == "fk") | frozenset(server_set),
    )
    found = row_fixture(index, target) if target is not None else None
    if found is not None:
        path, name = found
        if path.endswith("conftest.py"):
            return replace(key, fixture=name, scope=path.rsplit("/", 1)[0] if "/" in path else "")
        return _with_loan(replace(key, fixture=name), index, path, name)
    maker = row_maker(index, target) if target is not None else None
    if maker is not None:
        # what makes the target's row a signed-in user's: a column the server sets (its owner),
        # passed as its tests pass it (`owner_id=user.id`, `user` a fixture some headers fixture
        # signs in); anything else stays as the helper fills it in
        signers = header_owners(conftest_trees(index), frozenset(fp.model for fp in footprints))
        owners = set(signers.values())
        owned = tuple(k for k in maker.keywords if k.name in target.server_set and set(k.fixtures) <= owners)
        maker = replace(maker, keywords=owned)
        scope = maker.path.rsplit("/", 1)[0] if maker.fixture and "/" in maker.path else ""
        key = replace(key, maker=maker, scope=scope, signers=tuple(sorted(signers.items())))
        return _with_loan(key, index, maker.path, maker.function) if maker.copied else _with_loan(key, index)
    through = route_maker(index, target) if target is not None else None
    if through is not None:
        signers = tuple(sorted(header_owners(conftest_trees(index), frozenset(fp.model for fp in footprints)).items()))
        return replace(_with_loan(key, index), maker=through[0], loan=through[1], signers=signers)
    raise ConventionError(
        f"field {f.name!r}: tests for a required fk need a row of {f.fk_target} to point at, and its tests "
        f"make none with a fixture or a helper, nor post to a create route of it; mark it optional "
        f"({f.name}:fk[{f.fk_target}]?) or add such a fixture"
    )


def _with_loan(key: RequiredKey, index: ProjectIndex, path: str | None = None, name: str | None = None) -> RequiredKey:
    """The key with the style of the imports it adds, and the definition at path:name to copy."""
    style = FormatStyle.from_style(detect_style(index))
    module = index.get(path) if path else None
    loan = borrowed(module, name) if module is not None and name else None
    return replace(key, loan=loan, style=style, first_party=first_party(index))


def set_required_keys(edits: tuple[FileEdit, ...], keys: tuple[RequiredKey, ...]) -> tuple[FileEdit, ...]:
    """The plan's test code with each required key set from its fixture or helper; ConventionError
    where a new test module builds whole rows at module level (`PAYLOAD = {...}`), which neither
    reaches, or where a function cannot call the helper."""
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
        setter = SetRequiredKey(required, added_functions(edit.new, edit.old))
        module = visit(parse_module(edit.new), setter)
        if setter.module_level and edit.created:
            raise ConventionError(
                f"field {required.column!r} is required, and {edit.path} builds whole rows at module "
                f"level, where no fixture reaches; mark the key optional (the test modules of --filter, "
                f"--sort, --cache and the like make rows that way)"
            )
        if module.code != edit.new:
            module = _reach(module, edit, required)
        out.append(replace(edit, new=module.code) if module.code != edit.new else edit)
    return tuple(out)


def _reach(module: cst.Module, edit: FileEdit, required: RequiredKey) -> cst.Module:
    """The module after SetRequiredKey, given what its reads of the row need: the helper's calls
    (MakeRowFirst), a copy of the fixture or helper it cannot import, the imports of either."""
    defines = {getattr(n, "name", None) for n in ast.parse(module.code).body}
    maker = required.maker
    if maker is None and required.fixture:  # a helper given the fixture's row takes it from its callers
        module = pass_fixture(module, required.fixture, added_functions(edit.new, edit.old))
    if maker is not None:
        here = maker.function in defines and not maker.fixture
        making = MakeRowFirst(maker, required.fixture, added_functions(edit.new, edit.old), here, maker.keywords)
        module = visit(module, making)
        module = visit(module, RowPerSigner(required.fixture, dict(required.signers), added_functions(edit.new, edit.old)))
        if making.unreached:
            raise ConventionError(
                f"field {required.column!r} is required, and {edit.path}: {making.unreached[0]} cannot call "
                f"{maker.function} (it lacks {', '.join(dict.fromkeys([*maker.params, *(f for k in maker.keywords for f in k.fixtures)]))}, "
                "or is not async) to make the "
                f"{required.fixture} it points at; mark the key optional"
            )
        if here:
            return module
    if required.loan is not None:
        module = lend(
            module, required.loan,
            lambda name: f"field {required.column!r} is required, and {edit.path} defines {name} otherwise than "
            f"the module {required.fixture} rows are made in; mark the key optional",
        )
    imports = [*(required.loan.imports if required.loan else ()), *(maker.imports if maker else ())]
    if imports and required.style is not None:
        module = add_imports(module, imports, required.style, required.first_party)
    return module
