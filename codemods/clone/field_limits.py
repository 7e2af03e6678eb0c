"""Field bounds: `name:str(3..80)` and `qty:int(1..)` narrow whatever code the field has.

Runs after the field edits, so a kept, renamed or added field is in place under its new name.
The schema's constraint call gains or replaces the bounds, a model's String column takes the
maximum length as its own, and a test value the bounds refuse moves inside them.

Before (`name:str(3..80)`, kept from the exemplar):
    name: Mapped[str] = mapped_column(String(100))
    name: str = Field(min_length=1, max_length=100)
    payload = {"name": "Go"}
After:
    name: Mapped[str] = mapped_column(String(80))
    name: str = Field(min_length=3, max_length=80)
    payload = {"name": "Gox"}
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from codemods.bounded_values import fit
from codemods.imports import Import
from codemods.spec import FieldSpec
from codemods.visit import visit

# calls that carry a pydantic field's constraints, in either pydantic's spelling
_CONSTRAINT_CALLS = frozenset({"Field", "constr", "conint", "confloat", "condecimal"})
_COLUMN_CALLS = frozenset({"mapped_column", "Column"})
_STRICT = {"ge": "gt", "le": "lt"}


def _callee(call: cst.Call) -> str | None:
    func = call.func
    return func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", None)


def _calls(node: cst.CSTNode) -> list[cst.Call]:
    found: list[cst.Call] = []

    class _Collect(cst.CSTVisitor):
        def visit_Call(self, n: cst.Call) -> None:
            found.append(n)

    visit(node, _Collect())
    return found


def _kwarg(name: str, value: str) -> cst.Arg:
    return cst.Arg(
        value=cst.parse_expression(value),
        keyword=cst.Name(name),
        equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
    )


def _with_kwargs(call: cst.Call, pairs: tuple[tuple[str, str], ...]) -> cst.Call:
    """`call` with each keyword set: replaced where it is, appended where it is not. A bound
    replaces the exemplar's strict one on its side (`ge=0` drops `gt=0`)."""
    replaced = {_STRICT[name] for name, _ in pairs if name in _STRICT}
    args = [a for a in call.args if not (a.keyword and a.keyword.value in replaced)]
    for name, value in pairs:
        at = next((i for i, a in enumerate(args) if a.keyword and a.keyword.value == name), None)
        if at is not None:
            args[at] = args[at].with_changes(value=cst.parse_expression(value))
        else:
            if args and args[-1].comma is cst.MaybeSentinel.DEFAULT:
                args[-1] = args[-1].with_changes(
                    comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
                )
            args.append(_kwarg(name, value))
    return call.with_changes(args=args)


@dataclass
class FieldLimits(cst.CSTTransformer):
    """The transformer; `imports` collects what the code it adds needs (`Field`, `Decimal`)."""

    fields: dict[str, FieldSpec]  # column name -> a new field with limits
    field_module: str = "pydantic"
    test_code: bool = False  # a test module: literal payload values are made-up data
    imports: list[Import] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__()
        self.classes = 0

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes += 1

    def leave_ClassDef(self, original, updated):
        self.classes -= 1
        return updated

    # class bodies ------------------------------------------------------------------------------
    def leave_SimpleStatementLine(self, original, updated):
        if not self.classes or len(updated.body) != 1:
            return updated
        small = updated.body[0]
        target = small.target if isinstance(small, cst.AnnAssign) else None
        if isinstance(small, cst.Assign) and len(small.targets) == 1:
            target = small.targets[0].target
        spec = self.fields.get(target.value) if isinstance(target, cst.Name) else None
        if spec is None:
            return updated
        if any(_callee(c) in _COLUMN_CALLS for c in _calls(small)):
            return updated.with_changes(body=[visit(small, _ColumnLength(spec))])
        if isinstance(small, cst.AnnAssign):
            return updated.with_changes(body=[self._schema_field(small, spec)])
        return updated

    def _schema_field(self, node: cst.AnnAssign, spec: FieldSpec) -> cst.AnnAssign:
        pairs = self._constraints(spec)
        if any(_callee(c) in _CONSTRAINT_CALLS for c in _calls(node)):
            return visit(node, _Constrain(pairs))
        self.imports.append(Import(self.field_module, "Field"))
        if node.value is None:
            value = cst.parse_expression(f"Field({', '.join(f'{k}={v}' for k, v in pairs)})")
            return node.with_changes(value=value, equal=cst.AssignEqual())
        if isinstance(node.value, cst.Call):
            return node  # a default built by a call of its own: not ours to wrap
        default = cst.Module(body=[]).code_for_node(node.value)
        return node.with_changes(
            value=_with_kwargs(cst.parse_expression(f"Field(default={default})"), pairs)
        )

    def _constraints(self, spec: FieldSpec) -> tuple[tuple[str, str], ...]:
        pairs = spec.constraints()
        if any("Decimal(" in value for _, value in pairs):
            self.imports.append(Import("decimal", "Decimal"))
        return pairs

    # Alembic columns ---------------------------------------------------------------------------
    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        if _callee(updated) != "Column" or not updated.args:
            return updated
        first = updated.args[0].value
        name = first.evaluated_value if isinstance(first, cst.SimpleString) else None
        spec = self.fields.get(name) if isinstance(name, str) else None
        return visit(updated, _ColumnLength(spec)) if spec is not None else updated

    # test values -------------------------------------------------------------------------------
    def leave_DictElement(self, original, updated):
        key = updated.key.evaluated_value if isinstance(updated.key, cst.SimpleString) else None
        spec = self.fields.get(key) if self.test_code and isinstance(key, str) else None
        return updated.with_changes(value=_inside(updated.value, spec)) if spec else updated

    def leave_Arg(self, original, updated):
        spec = (
            self.fields.get(updated.keyword.value) if self.test_code and updated.keyword else None
        )
        return updated.with_changes(value=_inside(updated.value, spec)) if spec else updated

    def leave_Param(self, original, updated):
        """`def create_order(client, name="Ursula K. Le Guin")`: a helper's default for the field."""
        spec = self.fields.get(updated.name.value) if self.test_code and updated.default else None
        return updated.with_changes(default=_inside(updated.default, spec)) if spec else updated

    def leave_Assign(self, original, updated):
        """`title = random_lower_string()`: a variable named for the field takes a helper's text."""
        target = updated.targets[0].target if len(updated.targets) == 1 else None
        spec = self.fields.get(target.value) if self.test_code and isinstance(target, cst.Name) else None
        return updated.with_changes(value=_inside(updated.value, spec)) if spec else updated

    def leave_For(self, original, updated):
        """`for name in ("Audio", "Garden")`: a loop naming the field feeds it these values."""
        target = updated.target
        spec = (
            self.fields.get(target.value)
            if self.test_code and isinstance(target, cst.Name)
            else None
        )
        return updated.with_changes(iter=_inside(updated.iter, spec)) if spec else updated

    def leave_Comparison(self, original, updated):
        """`assert body["name"] == "Games"`: the value it expects moved as the payload's was."""
        spec = self.fields.get(_field_read(updated.left) or "") if self.test_code else None
        if spec is None:
            return updated
        targets = [
            t.with_changes(comparator=_inside(t.comparator, spec)) for t in updated.comparisons
        ]
        return updated.with_changes(comparisons=targets)


class _Constrain(cst.CSTTransformer):
    """Every constraint call of one statement (`Field(...)`, `constr(...)`) takes the bounds."""

    def __init__(self, pairs: tuple[tuple[str, str], ...]):
        super().__init__()
        self.pairs = pairs

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        if _callee(updated) not in _CONSTRAINT_CALLS:
            return updated
        if any(a.keyword and a.keyword.value == "sa_column" for a in updated.args):
            return updated  # SQLModel's own column: the length goes there (_ColumnLength)
        return _with_kwargs(updated, self.pairs)


class _ColumnLength(cst.CSTTransformer):
    """`String(100)`, `String(length=100)` or a bare `String` -> `String(80)` for `str(..80)`."""

    def __init__(self, spec: FieldSpec):
        super().__init__()
        self.high = spec.limits.high if spec.type == "str" and spec.limits else None

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        if self.high is None or _callee(updated) != "String":
            return updated
        length = next(
            (
                i
                for i, a in enumerate(updated.args)
                if a.keyword is None or a.keyword.value == "length"
            ),
            None,
        )
        if length is None:
            return updated.with_changes(args=[cst.Arg(cst.Integer(self.high)), *updated.args])
        args = list(updated.args)
        args[length] = args[length].with_changes(value=cst.Integer(self.high))
        return updated.with_changes(args=args)

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
        # a bare `String` passed as a column type (`mapped_column(String)`)
        value = updated.value
        bare = isinstance(value, (cst.Name, cst.Attribute))
        if (
            self.high is None
            or not bare
            or cst.Module(body=[]).code_for_node(value).split(".")[-1] != "String"
        ):
            return updated
        return updated.with_changes(value=cst.Call(value, args=[cst.Arg(cst.Integer(self.high))]))


def _field_read(node: cst.BaseExpression) -> str | None:
    """`body["name"]`, `order.name` or `[row["name"] for row in rows]` -> "name"."""
    if isinstance(node, (cst.ListComp, cst.SetComp, cst.GeneratorExp)):
        return _field_read(node.elt)
    if isinstance(node, cst.Attribute):
        return node.attr.value
    if isinstance(node, cst.Subscript) and len(node.slice) == 1:
        index = node.slice[0].slice
        if isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString):
            value = index.value.evaluated_value
            return value if isinstance(value, str) else None
    return None


def _inside(node: cst.BaseExpression, spec: FieldSpec) -> cst.BaseExpression:
    """A test value moved inside the field's bounds: a literal padded, cut or clamped, each of a
    tuple or list of them, a made-up f-string fitted, a helper's made-up text cut to the maximum
    length (`random_lower_string()[:30]`: its length is the helper's); others stay."""
    if isinstance(node, cst.Call) and spec.type in ("str", "text") and spec.limits is not None and spec.limits.high:
        return cst.Subscript(node, [cst.SubscriptElement(cst.Slice(lower=None, upper=cst.Integer(spec.limits.high)))])
    if isinstance(node, (cst.Tuple, cst.List, cst.Set)):
        return node.with_changes(
            elements=[e.with_changes(value=_inside(e.value, spec)) for e in node.elements]
        )
    if isinstance(node, cst.FormattedString):
        return fit_formatted(spec, node) or node
    literal = cst.Module(body=[]).code_for_node(node)
    fitted = fit(spec, literal)
    return node if fitted == literal else cst.parse_expression(fitted)


def fit_formatted(spec: FieldSpec, node: cst.FormattedString) -> cst.BaseExpression | None:
    """A made-up `f"Order {n}"` for a field with a length range, its text cut or padded so that
    holes of one to three characters fit (`f"O{n}"` for `str(..4)`), and the whole cut at the
    maximum where a computed hole could run longer (`f"S{uuid4().hex[:8]}"[:4]`); None when
    no cut fits."""
    if spec.limits is None or spec.type not in ("str", "text"):
        return node
    parts = list(node.parts)
    texts = [i for i, p in enumerate(parts) if isinstance(p, cst.FormattedStringText)]
    holes = [p for p in parts if isinstance(p, cst.FormattedStringExpression)]
    static = sum(len(parts[i].value) for i in texts)
    high = int(spec.limits.high) if spec.limits.high is not None else None
    if high is not None and static + 3 * len(holes) > high:
        budget = high - 3 * len(holes)
        if budget < 0 or not holes:
            return None
        for i in sorted(texts, key=lambda i: -len(parts[i].value)):
            cut = min(len(parts[i].value), static - budget)
            parts[i] = parts[i].with_changes(value=parts[i].value[: len(parts[i].value) - cut])
            static -= cut
        parts = [p for p in parts if not isinstance(p, cst.FormattedStringText) or p.value]
    short = int(spec.limits.low or 0) - static - len(holes)
    if short > 0:
        parts.append(cst.FormattedStringText("x" * short))
    fitted = node.with_changes(parts=parts)
    # a hole computing more than a name (`uuid4().hex[:8]`) is taken as up to 8 characters
    longest = static + sum(3 if isinstance(h.expression, cst.Name) else 8 for h in holes)
    if high is None or longest <= high:
        return fitted
    return cst.Subscript(
        fitted, [cst.SubscriptElement(cst.Slice(lower=None, upper=cst.Integer(str(high))))]
    )
