"""Computed fields: `@NAME=EXPR`, a value the read schema derives from the resource's own fields.

EXPR is arithmetic (`+ - * /`, unary minus, parentheses) over the resource's required number
fields and number literals, or concatenation (`+`) of its required text fields and string
literals. It is parsed with `ast` and anything else is refused, so the code written from it can
only read `self`'s fields: no calls, attributes, subscripts or names of anything else. A division
is by a literal other than zero only (a field could be 0 and every read would fail with a 500).

    @total_cents=qty*unit_cents      -> int
    @gross=price*1.2                 -> Decimal (price:decimal; the literal is written Decimal("1.2"))
    @label=first_name+" "+last_name  -> str
"""

from __future__ import annotations

import ast
import decimal
import io
import re
import tokenize
from collections.abc import Callable
from dataclasses import dataclass

from codemods.errors import ConventionError, SpecError

_TOKEN = re.compile(r"^@(?P<name>[a-z][a-z0-9_]*)=(?P<expr>.+)$")
_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_NUMBER_FIELDS = ("int", "float", "decimal")
_TEXT_FIELDS = ("str", "text")
_MAX_LENGTH = 200  # a command-line formula, not a program: keeps the parser's recursion shallow
# the annotation a computed value gets (decimal is written with the module's Decimal)
PYTHON_TYPES = {"int": "int", "float": "float", "decimal": "Decimal", "str": "str"}


@dataclass(frozen=True)
class ComputedField:
    """`@name=expr`: a read-only value of the read schema, never stored nor sent by clients."""

    name: str
    expression: str  # canonical, as `ast.unparse` writes it over the bare field names
    type: str  # int | float | decimal | str
    # (field, its type) of each field it reads, in order of first use
    reads: tuple[tuple[str, str], ...]

    def code(self, decimal_name: str = "Decimal") -> str:
        """The property's return expression: `self.qty * 100`."""
        return _rewrite(
            self, lambda name: ast.parse(f"self.{name}", mode="eval").body, decimal_name
        )

    def over(self, value: Callable[[str], str], decimal_name: str = "Decimal") -> str:
        """The expression over other values of the fields (`payload["qty"] * 100`): a test's
        expectation; `value(field)` is the code of that field's value, a decimal one's text."""

        def node(name: str) -> ast.expr:
            text = value(name)
            if dict(self.reads)[name] == "decimal" and text.startswith(('"', "'")):
                text = f"{decimal_name}({text})"
            elif dict(self.reads)[name] == "decimal":
                text = f"{decimal_name}(str({text}))"  # JSON carries a decimal as a string
            return ast.parse(text, mode="eval").body

        return _rewrite(self, node, decimal_name)


def property_code(
    computed: ComputedField, decimal_name: str = "Decimal", indent: str = "    "
) -> str:
    """The read schema's `@computed_field` property for it (pydantic 2), indented for a class body."""
    returns = decimal_name if computed.type == "decimal" else PYTHON_TYPES[computed.type]
    lines = (
        "@computed_field",
        "@property",
        f"def {computed.name}(self) -> {returns}:",
        f"    return {computed.code(decimal_name)}",
    )
    return "".join(f"{indent}{line}\n" for line in lines)


def require_pydantic_2(computed: tuple[ComputedField, ...], pydantic_version: int | None) -> None:
    """Refuse computed fields where the schemas are written for pydantic 1, which has none."""
    if computed and pydantic_version == 1:
        raise ConventionError(
            f"computed field {computed[0].name!r}: @computed_field needs pydantic 2, and this "
            "project writes pydantic 1 schemas (orm_mode); leave it out or move the schemas to pydantic 2"
        )


def parse_computed(text: str, fields: dict[str, str], optional: set[str]) -> ComputedField:
    """`@name=expr` checked against the resource's fields (name -> type); SpecError says why not."""
    match = _TOKEN.match(text.strip())
    if not match:
        raise SpecError(
            f"computed field {text!r} does not parse; expected @name=expression, e.g. @total=qty*price"
        )
    name, source = match.group("name"), match.group("expr").strip()
    if len(source) > _MAX_LENGTH:
        raise SpecError(
            f"computed field {name!r}: the expression is longer than {_MAX_LENGTH} characters"
        )
    try:
        tree = ast.parse(source, mode="eval").body
    except SyntaxError:
        raise SpecError(f"computed field {name!r}: {source!r} is not an expression") from None
    reads: list[str] = []
    kind = _Checker(name, fields, optional, reads).kind(tree)
    if not reads:
        raise SpecError(
            f"computed field {name!r}: {source!r} reads no field; a constant is not computed"
        )
    return ComputedField(name, ast.unparse(tree), kind, tuple((f, fields[f]) for f in reads))


class _Checker:
    """The type of each node of the expression, refusing every node outside the small language."""

    def __init__(self, name: str, fields: dict[str, str], optional: set[str], reads: list[str]):
        self.name, self.fields, self.optional, self.reads = name, fields, optional, reads

    def refuse(self, why: str) -> SpecError:
        return SpecError(f"computed field {self.name!r}: {why}")

    def kind(self, node: ast.expr) -> str:
        if isinstance(node, ast.Name):
            return self.field(node.id)
        if isinstance(node, ast.Constant) and not isinstance(node.value, bool):
            if isinstance(node.value, int):
                return "int"
            if isinstance(node.value, float):
                return "float"
            if isinstance(node.value, str):
                return "str"
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            inner = self.kind(node.operand)
            if inner == "str":
                raise self.refuse("a string takes no sign")
            return inner
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            return self.binary(node)
        shown = ast.unparse(node)
        raise self.refuse(
            f"{shown!r} is not allowed; only + - * / over the resource's fields and literals"
        )

    def field(self, name: str) -> str:
        if name not in self.fields:
            raise self.refuse(f"{name!r} is not a field of the resource")
        kind = self.fields[name]
        if kind not in (*_NUMBER_FIELDS, *_TEXT_FIELDS):
            raise self.refuse(
                f"field {name!r} is {kind}; only int, float, decimal, str and text fields compute"
            )
        if name in self.optional:
            raise self.refuse(f"field {name!r} is optional; a missing value has no arithmetic")
        if name not in self.reads:
            self.reads.append(name)
        return "str" if kind in _TEXT_FIELDS else kind

    def binary(self, node: ast.BinOp) -> str:
        left, right = self.kind(node.left), self.kind(node.right)
        op = _OPERATORS[type(node.op)]
        if "str" in (left, right):
            if (left, right, op) != ("str", "str", "+"):
                raise self.refuse(f"{ast.unparse(node)!r}: text only joins text, with +")
            return "str"
        if op == "/" and not _nonzero_literal(node.right):
            raise self.refuse(
                f"{ast.unparse(node)!r}: divide by a literal other than 0 (a field may be 0)"
            )
        if "decimal" in (left, right):
            other = right if left == "decimal" else left
            other_node = node.right if left == "decimal" else node.left
            if other == "float" and not _number_literal(other_node):
                raise self.refuse(
                    f"{ast.unparse(node)!r}: a decimal and a float field do not mix exactly"
                )
            return "decimal"
        if "float" in (left, right) or op == "/":
            return "float"
        return "int"


def _number_literal(node: ast.expr) -> bool:
    if isinstance(node, ast.UnaryOp):
        return _number_literal(node.operand)
    return isinstance(node, ast.Constant) and type(node.value) in (int, float)


def _float_literal(node: ast.expr) -> bool:
    return _number_literal(node) and isinstance(ast.literal_eval(node), float)


def _nonzero_literal(node: ast.expr) -> bool:
    return _number_literal(node) and ast.literal_eval(node) != 0


class _Substitute(ast.NodeTransformer):
    """Field names become the given values; a float literal beside a decimal becomes a Decimal."""

    def __init__(self, value: Callable[[str], ast.expr], types: dict[str, str], decimal_name: str):
        self.value, self.types, self.decimal_name = value, types, decimal_name

    def visit_Name(self, node: ast.Name) -> ast.expr:
        return self.value(node.id)

    def visit_BinOp(self, node: ast.BinOp) -> ast.expr:
        sides = (node.left, node.right)
        decimal_side = any(_is_decimal(s, self.types) for s in sides)
        node.left, node.right = (
            self.exact(s) if decimal_side and _float_literal(s) else self.visit(s) for s in sides
        )
        return node

    def exact(self, node: ast.expr) -> ast.expr:
        # Decimal * float raises TypeError: the literal is written as the exact Decimal it reads as
        text = str(decimal.Decimal(repr(ast.literal_eval(node))))
        return ast.parse(f'{self.decimal_name}("{text}")', mode="eval").body


def _is_decimal(node: ast.expr, types: dict[str, str]) -> bool:
    if isinstance(node, ast.Name):
        return types.get(node.id) == "decimal"
    if isinstance(node, ast.UnaryOp):
        return _is_decimal(node.operand, types)
    if isinstance(node, ast.BinOp):
        return _is_decimal(node.left, types) or _is_decimal(node.right, types)
    return False


def _rewrite(computed: ComputedField, value: Callable[[str], ast.expr], decimal_name: str) -> str:
    tree = ast.parse(computed.expression, mode="eval").body
    tree = _Substitute(value, dict(computed.reads), decimal_name).visit(tree)
    return _double_quoted(ast.unparse(tree))


def _double_quoted(code: str) -> str:
    """`'x'` -> `"x"`: ast.unparse writes repr's quotes; code and tests here write double ones.
    A string holding a double quote or an escape keeps its quotes."""
    out = []
    for tok in tokenize.generate_tokens(io.StringIO(code).readline):
        text = tok.string
        if tok.type == tokenize.STRING and text.startswith("'") and '"' not in text and "\\" not in text:
            text = f'"{text[1:-1]}"'  # as long as before: the positions still hold
        out.append(tok._replace(string=text))
    return tokenize.untokenize(out)
