"""Drop what the exemplar has only because of fields the new resource lacks.

Runs after field substitution. A definition named for a dropped field (`get_item_by_sku`,
`test_create_item_duplicate_sku`), or validating one (`@field_validator("sku")`), goes whole;
a statement that still reads a dropped field (`if data.sku: ...`) goes alone. A definition
named for the resource and another one (`test_delete_category_cascades_items`) is about their
relation, which the new resource does not have: it goes too, as does any definition named for a
resource whose foreign key was dropped (`def warehouse(...)` fixture, `test_create_in_a_warehouse`). Then what only the dropped code used goes too: names of dropped
definitions and local variables (imports only it used go in the chain's last step, ruff's F401 fix).

Before (dropped `sku`):
    def get_item_by_sku(db, sku): ...
    async def create_item(db, data):
        existing = get_item_by_sku(db, data.sku)
        ...
After:
    async def create_item(db, data):
        ...
"""

from __future__ import annotations

import functools
import re
from typing import TypeVar

import libcst as cst

from codemods.docstrings import is_docstring
from codemods.imports import is_library_class
from codemods.names import Spelling
from codemods.visit import visit

Body = cst.IndentedBlock | cst.Module


class _Refs(cst.CSTVisitor):
    """Whether a node reads one of `fields` (attribute, keyword, string key) or `names`."""

    def __init__(self, fields: set[str], names: set[str], own=None, library: frozenset[str] = frozenset()):
        self.fields, self.names, self.found, self.own = fields, names, False, own
        self.library = library

    def visit_Call(self, node: cst.Call) -> bool:
        if not is_library_class(node.func, self.library):
            return True
        # `sa.PrimaryKeyConstraint("id", name=...)`: its keywords are the library's options, its
        # other arguments may still name a field (`sa.UniqueConstraint("sku")`)
        for arg in node.args:
            visit(arg.value, self)
        return False

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value in self.fields:
            self.found = True

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None and node.keyword.value in self.fields:
            self.found = True

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        value = node.evaluated_value
        if value in self.fields:
            self.found = True
        elif isinstance(value, str) and self.own is not None and self.own.search(value):
            # an index or constraint name of the resource's table built from a field: ix_orders_sku
            if any(word.search(value) for _, word in _field_words(frozenset(self.fields))):
                self.found = True

    def visit_Attribute_attr(self, node: cst.Attribute) -> None:
        if node.attr.value in self.names:
            self.found = True

    def visit_Name(self, node: cst.Name) -> None:
        if node.value in self.names:
            self.found = True


@functools.lru_cache(maxsize=64)
def _field_words(fields: frozenset[str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each field, sorted, with the pattern of a name holding it as a word (`total` in
    `check_total_positive`, `sku` in `ix_orders_sku`), compiled once per set of fields: every
    definition and constraint name of a module is tried against every field."""
    return tuple((f, re.compile(rf"(^|_){re.escape(f)}(_|$)")) for f in sorted(fields))


def _refers(node: cst.CSTNode, fields: set[str], names: set[str], own=None, library: frozenset[str] = frozenset()) -> bool:
    visitor = _Refs(fields, names, own, library)
    visit(node, visitor)
    return visitor.found


def _header(stmt: cst.CSTNode) -> list[cst.CSTNode]:
    """The parts of a compound statement outside its blocks (its test, iterable, items)."""
    if isinstance(stmt, (cst.If, cst.While)):
        return [stmt.test]
    if isinstance(stmt, cst.For):
        return [stmt.target, stmt.iter]
    if isinstance(stmt, cst.With):
        return list(stmt.items)
    if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
        return list(stmt.decorators)
    return []


class _Dropper:
    def __init__(self, fields: set[str], names: set[str], own, others, invalid_payload_tests, unlinked=(), library=frozenset()):
        self.library = library
        self.unlinked = unlinked
        self.fields, self.names = fields, names
        self.named_for = _field_words(frozenset(fields))
        self.invalid_payload_tests = invalid_payload_tests
        self.own, self.others = own, others
        self.dropped: set[str] = set()
        self.why: dict[str, str] = {}  # dropped definition -> why, for --plan
        self.local: set[str] = set()  # locals of the function being walked whose binding went

    def block(self, body: list[cst.CSTNode], top: bool) -> list[cst.CSTNode]:
        out = []
        for stmt in body:
            new = self.statement(stmt, top)
            if isinstance(new, list):
                out += new
            elif new is not None:
                out.append(new)
        return out

    def statement(self, stmt: cst.CSTNode, top: bool) -> cst.CSTNode | None:
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            name = stmt.name.value
            field = next((f for f, spelled in self.named_for if spelled.search(name)), None)
            if field is not None:
                return self._drop(name, f"named for the dropped field {field}")
            if any(_refers(h, self.fields, self.names, library=self.library) for h in _header(stmt)):
                return self._drop(name, "its decorator names a dropped field")
            if name in self.invalid_payload_tests:
                return self._drop(name, "its invalid payload was about a dropped field")
            # `LineItemCreate` spells Item only inside the new resource's own name: not a relation
            residue = self.own.sub("", name) if self.own else name
            if any(o.search(residue) for o in self.unlinked) or (
                self.own and self.own.search(name) and any(o.search(residue) for o in self.others)
            ):
                return self._drop(name, "about a relation to another resource the new one lacks")
            if isinstance(stmt, cst.ClassDef):
                return _with_body(stmt, self._inner(stmt.body))
            outer, self.local = self.local, set()
            try:
                return self.function(stmt)
            finally:
                self.local = outer
        names = self.names | self.local
        if isinstance(stmt, cst.SimpleStatementLine):
            if _refers(stmt, self.fields, names, self.own, self.library):
                for small in stmt.body:
                    # a module-level name goes everywhere; a local only within its function
                    (self.dropped if top else self.local).update(_bound(small))
                return None
            return stmt
        if any(_refers(h, self.fields, names, library=self.library) for h in _header(stmt)):
            return None
        one_sided = _one_sided(stmt, self.fields)
        if one_sided is not None:
            return self.block(list(one_sided.body), top)
        if isinstance(stmt, cst.If) and stmt.orelse is not None:
            orelse = stmt.orelse
            if isinstance(orelse, cst.Else):
                orelse = _with_body(orelse, self._inner(orelse.body))
            else:
                orelse = self.statement(orelse, False)
            if orelse is not stmt.orelse:
                stmt = stmt.with_changes(orelse=orelse)
        if isinstance(stmt, cst.Try):
            handlers = [_with_body(h, self._inner(h.body)) for h in stmt.handlers]
            if any(new is not old for new, old in zip(handlers, stmt.handlers)):
                stmt = stmt.with_changes(handlers=handlers)
        if hasattr(stmt, "body") and isinstance(stmt.body, cst.IndentedBlock):
            return _with_body(stmt, self._inner(stmt.body))
        return stmt

    def _inner(self, block: cst.BaseSuite) -> cst.BaseSuite:
        if not isinstance(block, cst.IndentedBlock):
            return block
        body = self.block(list(block.body), top=False)
        if len(body) == len(block.body) and all(new is old for new, old in zip(body, block.body)):
            return block  # nothing in it went: the block as it was, not a copy
        return block.with_changes(body=body or [cst.SimpleStatementLine([cst.Pass()])])

    def _drop(self, name: str, why: str) -> None:
        self.dropped.add(name)
        self.why.setdefault(name, why)
        return None

    def function(self, stmt: cst.FunctionDef) -> cst.FunctionDef | None:
        """A function left with nothing but `pass` did only the dropped fields' work: it goes."""
        new = _without_field_locals(_with_body(stmt, self._inner(stmt.body)), self.fields, stmt)
        if _only_pass(new.body) and not _only_pass(stmt.body):
            return self._drop(stmt.name.value, "nothing left once the dropped fields' code went")
        return _without_idle_params(stmt, new)


NodeT = TypeVar("NodeT", cst.ClassDef, cst.FunctionDef, cst.Else, cst.ExceptHandler, cst.ExceptStarHandler, cst.BaseCompoundStatement)


def _with_body(node: NodeT, body: cst.BaseSuite) -> NodeT:
    """`node` with `body`: the node itself where the body is the one it has (nothing went)."""
    return node if body is node.body else node.with_changes(body=body)


def _one_sided(stmt: cst.CSTNode, fields: set[str]) -> cst.IndentedBlock | None:
    """Of `if x: A else: B` where only one branch reads a dropped field (B scopes rows to an
    owner the new resource lacks), the other branch: it is what the new resource does always."""
    if not (isinstance(stmt, cst.If) and isinstance(stmt.orelse, cst.Else)):
        return None
    then, other = stmt.body, stmt.orelse.body
    if not (isinstance(then, cst.IndentedBlock) and isinstance(other, cst.IndentedBlock)):
        return None
    then_reads, other_reads = _refers(then, fields, set()), _refers(other, fields, set())
    if then_reads == other_reads:
        return None
    return other if then_reads else then


def _without_field_locals(func: cst.FunctionDef, fields: set[str], before: cst.FunctionDef) -> cst.FunctionDef:
    """`title = random_lower_string()` whose `title` nothing reads any more held a dropped
    field's value, and `data = response.json()` whose every read went with the dropped asserts
    served only them: both go. A local still read (`body = response.json()`) stays."""
    if not isinstance(func.body, cst.IndentedBlock):
        return func
    reads = _name_counts(func.body)
    locals_seen = {p.name.value for p in (*func.params.params, *func.params.kwonly_params)}
    kept = []
    for stmt in func.body.body:
        bound = set().union(*(_bound(s) for s in stmt.body)) if isinstance(stmt, cst.SimpleStatementLine) else set()
        # (any local nothing reads: the exemplar read it, or its own check would have said so)
        idle = bound and all(reads.get(n, 0) <= 1 for n in bound) and not bound & {"_", "__all__"}
        if idle:
            value = getattr(stmt.body[0], "value", None)
            if not bound <= fields and _may_act(value, locals_seen):
                kept.append(stmt.with_changes(body=[cst.Expr(value)]))  # the call still happens
            continue
        locals_seen |= bound
        kept.append(stmt)
    if kept == list(func.body.body):
        return func
    return func.with_changes(body=func.body.with_changes(body=kept or [cst.SimpleStatementLine([cst.Pass()])]))


# HTTP methods that change nothing on the server: a test reading a response it no longer asserts
# loses nothing by not sending the request
_READS = frozenset({"get", "head", "options"})


def _may_act(value: cst.CSTNode | None, local_names: set[str]) -> bool:
    """Whether dropping `x = value` could drop an action: an awaited call (`await
    use_case.execute(...)` does its work whatever it returns) but a request that only reads
    (`await client.get(...)`: GET changes nothing), or a call, unless it reads a local
    (`response.json()`); `random_lower_string()` only makes a value, but we cannot know that."""
    if isinstance(value, cst.Await):
        awaited = value.expression
        reads = isinstance(awaited, cst.Call) and isinstance(awaited.func, cst.Attribute) and awaited.func.attr.value in _READS
        return not reads
    if not isinstance(value, cst.Call):
        return False
    call = value
    if not isinstance(call, cst.Call):
        return True
    func = call.func
    return not (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value in local_names)


def _name_counts(node: cst.CSTNode) -> dict[str, int]:
    counter = _Count()
    visit(node, counter)
    return counter.counts


class _Count(cst.CSTVisitor):
    """How often each name is used under a node."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}

    def visit_Name(self, n: cst.Name) -> None:
        self.counts[n.value] = self.counts.get(n.value, 0) + 1


def _without_idle_params(before: cst.FunctionDef, after: cst.FunctionDef) -> cst.FunctionDef:
    """A dependency (`repo: Repo = Depends(repo)`) or test fixture parameter that only the dropped
    code used goes with it; other parameters stay, their callers pass them."""
    if after.body is before.body:
        return after  # the same body uses the same names
    used_before, used_after = set(_name_counts(before.body)), set(_name_counts(after.body))
    is_test = after.name.value.startswith("test_")
    keep = [
        p
        for p in after.params.params
        if not (
            (p.default is not None or is_test)
            and p.name.value in used_before
            and p.name.value not in used_after
        )
    ]
    if len(keep) == len(after.params.params):
        return after
    return after.with_changes(params=after.params.with_changes(params=_recomma(keep, after.params.params)))


def _recomma(params: list, original) -> list:
    last = original[-1].comma
    return [p.with_changes(comma=last) if i == len(params) - 1 else p for i, p in enumerate(params)]


def _only_pass(block: cst.BaseSuite) -> bool:
    body = [s for s in getattr(block, "body", ()) if not is_docstring(s)]
    return (
        len(body) == 1
        and isinstance(body[0], cst.SimpleStatementLine)
        and all(isinstance(small, cst.Pass) for small in body[0].body)
    )



class _Messages(cst.CSTTransformer):
    """A message naming the resource and a dropped field loses the field:
    "Order with this email already exists" -> "Order already exists", "Order SKU ..." -> "Order ..."."""

    def __init__(self, own: Spelling, fields: set[str]):
        super().__init__()
        words = "|".join(re.escape(f.replace("_", " ")) for f in sorted(fields, key=len, reverse=True))
        self.own = own
        # any case: messages capitalise acronyms ("Item SKU already exists")
        self.field = re.compile(rf"\s+(?:with\s+(?:this|that|the|a|an)\s+)?(?i:{words})\b(?=\s)")

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.SimpleString:
        value = updated.value
        if not self.own.search(value) or not self.field.search(value):
            return updated
        return updated.with_changes(value=self.field.sub("", value))


def _bound(small: cst.CSTNode) -> set[str]:
    if isinstance(small, cst.Assign):
        return {t.target.value for t in small.targets if isinstance(t.target, cst.Name)}
    if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
        return {small.target.value}
    return set()


def drop_extras(
    module: cst.Module,
    dropped_fields: set[str],
    own: Spelling | None = None,
    others: tuple[Spelling, ...] = (),
    touched: set[str] = frozenset(),
    names: set[str] = frozenset(),
    unlinked: tuple[Spelling, ...] = (),
    library: frozenset[str] = frozenset(),
) -> tuple[cst.Module, dict[str, str]]:
    """The module without code tied to `dropped_fields`, nor definitions named for the resource
    and another one (`own` and `others` spell them); also what went, each with why."""
    names = set(names)
    gone: set[str] = set()
    reasons: dict[str, str] = {}
    if own is not None and dropped_fields:
        module = visit(module, _Messages(own, dropped_fields))
    # A test whose payload changed and that expects 422 tested a constraint of a field that is
    # gone (or no longer applies): the new payload is valid, so the test would be wrong.
    functions = [s for s in module.body if isinstance(s, cst.FunctionDef)] + [
        f
        for c in module.body
        if isinstance(c, cst.ClassDef) and isinstance(c.body, cst.IndentedBlock)
        for f in c.body.body
        if isinstance(f, cst.FunctionDef)
    ]
    invalid = {
        f.name.value
        for f in functions
        if f.name.value in touched
        and re.search(r"\b422\b|UNPROCESSABLE", cst.Module(body=[f]).code)
    }
    while True:
        dropper = _Dropper(dropped_fields, names, own, others, invalid, unlinked, library)
        new_body = dropper.block(list(module.body), top=True)
        module = module.with_changes(body=new_body)
        for name, why in dropper.why.items():
            reasons.setdefault(name, why)
        if not dropper.dropped - gone:
            return module, {name: reasons.get(name, "used only by dropped code") for name in gone}
        gone |= dropper.dropped
        names |= gone
