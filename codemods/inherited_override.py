"""A list the new resource reads through a method its data class inherits from a base class of the
project (a generic `Repository.page_after` every resource's repository shares): the clone's own
class gets an override, a copy of the base method as the base writes it, so `--rbac ownership`,
`--filter` and `--pagination` change the clone's query; the base and the other resources stay
byte-identical.

Before (the plan's edits; `Repository` is the project's, in another module):
    class InvoiceRepo(Repository[Invoice]):
        entity = Invoice
After (`InheritedReads.of(index, conv).own(edits, router_at, "list_invoices", "Invoice")`):
    class InvoiceRepo(Repository[Invoice]):
        entity = Invoice

        def page_after(self, cursor: Union[uuid.UUID, None], limit: int) -> Tuple[List[Invoice], ...]:
            statement = select(self.entity).order_by(self.entity.id).limit(limit + 1)
            ...
The base's type parameters are the class's arguments in the copy, which keeps querying
`self.entity`: the answer says so (`OwnRead.model`) for the transformers adding conditions.
The copy is made with the cloner's OwnCopies (clone/nesting/inherited.py), as `--parent` does.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace

import libcst as cst

from codemods.clone.nesting.bound_model import model_attributes
from codemods.clone.nesting.inherited import OwnCopies, inherited_lists
from codemods.context import first_party
from codemods.formatting import FormatStyle
from codemods.imports import add_imports
from codemods.plan import FileEdit
from detectors.conventions import Conventions
from detectors.project import ProjectIndex, is_test_path


@dataclass(frozen=True)
class OwnRead:
    """The override the clone's class got: its edit, class, method, and how the method spells the
    model it queries (`self.entity`)."""

    at: int
    cls: str
    method: ast.FunctionDef | ast.AsyncFunctionDef
    attributes: frozenset[str]  # the instance's attributes holding the model

    @property
    def model(self) -> str:
        return _spelled(self.method, self.attributes) or ""


@dataclass(frozen=True)
class InheritedReads:
    """Copies inherited list reads into the clone's own data class (see the module docstring)."""

    index: ProjectIndex
    fmt: FormatStyle
    parties: frozenset[str]

    @classmethod
    def of(cls, index: ProjectIndex, conv: Conventions) -> InheritedReads:
        return cls(index, FormatStyle.from_style(conv.style), first_party(index))

    def own(self, edits: list[FileEdit], router: int, route: str, model: str) -> OwnRead | None:
        """The route's read through an inherited method, overridden in the clone's class (`edits`
        changed in place); None, edits untouched, where the route reads none, the class is not
        one the plan adds, or the copy queries no attribute holding `model`."""
        data = [
            e.path
            for i, e in enumerate(edits)
            if i != router and e.path.endswith(".py") and not is_test_path(e.path) and _new_classes(e)
        ]
        texts = {e.path: e.new for e in edits if e.path in data or e.path == edits[router].path}
        found = inherited_lists(texts, [edits[router].path], data, {route}, self.index)
        if not found.routes:
            return None
        [(path, copies)] = found.copies.items()
        [(cls, [copy])] = copies.items()
        at = next(i for i, e in enumerate(edits) if e.path == path)
        held = model_attributes(texts[path], path, model, self.index).get(cls, frozenset())
        if cls not in _new_classes(edits[at]) or not held & _self_attributes(_as_ast(copy)):
            return None  # an existing class, or a copy whose query the conditions cannot find
        module = cst.parse_module(texts[path]).visit(OwnCopies(copies, found.renames))
        text = add_imports(module, found.imports.get(path, []), self.fmt, self.parties).code
        name = copy.name.value
        edits[at] = replace(edits[at], new=text, why=(*edits[at].why, f"{cls}.{name} overrides its base's"))
        method = next(
            m
            for c in ast.parse(text).body
            if isinstance(c, ast.ClassDef) and c.name == cls
            for m in c.body
            if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and m.name == name
        )
        return OwnRead(at, cls, method, held)

    def model_in(self, edit: FileEdit, method: ast.FunctionDef | ast.AsyncFunctionDef, model: str) -> str | None:
        """How a method of the plan's spells `model` through its instance (`self.entity` in an
        override an earlier option made); None where it does not."""
        for cls in ast.parse(edit.new).body:
            if isinstance(cls, ast.ClassDef) and any(getattr(m, "lineno", None) == method.lineno for m in cls.body):
                held = model_attributes(edit.new, edit.path, model, self.index).get(cls.name, frozenset())
                return _spelled(method, held)
        return None


def _spelled(method: ast.FunctionDef | ast.AsyncFunctionDef, attributes: frozenset[str]) -> str | None:
    """`self.entity`: the first of `attributes` the method queries through its instance."""
    held = sorted(attributes & _self_attributes(method))
    return f"{method.args.args[0].arg}.{held[0]}" if held else None


def _new_classes(edit: FileEdit) -> set[str]:
    """The top-level classes the edit adds."""
    before = {n.name for n in ast.parse(edit.old).body if isinstance(n, ast.ClassDef)} if edit.old else set()
    return {n.name for n in ast.parse(edit.new).body if isinstance(n, ast.ClassDef)} - before


def _self_attributes(method: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The attributes of the method's instance a call takes as its one argument (`select(self.entity)`)."""
    if not method.args.args:
        return set()
    me = method.args.args[0].arg
    return {
        c.args[0].attr
        for c in ast.walk(method)
        if isinstance(c, ast.Call)
        and len(c.args) == 1
        and isinstance(c.args[0], ast.Attribute)
        and isinstance(c.args[0].value, ast.Name)
        and c.args[0].value.id == me
    }


def _as_ast(method: cst.FunctionDef) -> ast.FunctionDef | ast.AsyncFunctionDef:
    node = ast.parse(cst.Module([]).code_for_node(method).strip() + "\n").body[0]
    assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    return node
