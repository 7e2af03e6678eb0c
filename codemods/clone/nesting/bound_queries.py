"""Nested data access in a class serving its model through `self` (a generic CRUD base's subclass).

Before (`self.model` holds Review: see bound_model):
    class CRUDReview(CRUDBase[Review, ReviewCreate, ReviewUpdate]):
        def create_with_owner(self, db: Session, *, obj_in: ReviewCreate, owner_id: int) -> Review:
            db_obj = self.model(**jsonable_encoder(obj_in), owner_id=owner_id)
            ...

        def get_multi_by_owner(self, db: Session, *, owner_id: int) -> List[Review]:
            return db.query(self.model).filter(Review.owner_id == owner_id).all()
After (`ScopeBoundQueries({"CRUDReview": {"model"}}, {"create_with_owner"},
{"get_multi_by_owner"}, "item_id", "int", "Review")`):
        def create_with_owner(self, db: Session, *, obj_in: ReviewCreate, owner_id: int, item_id: int) -> Review:
            db_obj = self.model(item_id=item_id, **jsonable_encoder(obj_in), owner_id=owner_id)
        ...
        def get_multi_by_owner(self, db: Session, *, owner_id: int, item_id: int) -> List[Review]:
            return db.query(self.model).filter(self.model.item_id == item_id).filter(...).all()
The methods are the clone's own: the shared base other resources use is never edited. Outside
those classes, and for the model named as itself, it is ScopeQueries.
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m
from codemods.clone.nesting.queries import ScopeQueries


class ScopeBoundQueries(ScopeQueries):
    """ScopeQueries where `self.<attr>` of the classes in `bound` is the model too."""

    def __init__(
        self,
        bound: dict[str, frozenset[str]],
        create: set[str],
        listing: set[str],
        key: str,
        annotation: str | None,
        model: str,
    ) -> None:
        super().__init__(create, listing, key, annotation, model)
        self.bound = bound
        self._holders = _Holders(bound)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._holders.enter_class(node)

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        self._holders.leave()
        return updated

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        super().visit_FunctionDef(node)
        self._holders.enter_function(node)

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        self._holders.leave()
        return _trailing_layout(updated, super().leave_FunctionDef(original, updated))

    def builds(self, call: cst.Call) -> bool:
        return super().builds(call) or self._holders.holds_model(call.func)

    def names_model(self, node: cst.BaseExpression) -> bool:
        return super().names_model(node) or self._holders.holds_model(node)


def bound_builders(
    module: cst.Module, bound: dict[str, frozenset[str]], among: set[str]
) -> set[str]:
    """The methods named in `among` that build a row through an attribute holding the model
    (`self.model(...)`)."""
    finder = _BuilderFinder(bound, among)
    module.visit(finder)
    return finder.found


def _trailing_layout(before: cst.FunctionDef, after: cst.FunctionDef) -> cst.FunctionDef:
    """A parameter appended after one that ended its line (`limit: int = 100\n    )`) takes
    that line end, so the closing parenthesis stays on its own line."""
    old = [*before.params.params, *before.params.kwonly_params]
    new = [*after.params.params, *after.params.kwonly_params]
    if len(new) != len(old) + 1 or not old or new[-1] is old[-1]:
        return after
    last = next(p for p in reversed(new[:-1]) if p.name.value == old[-1].name.value)
    space = last.whitespace_after_param
    if not isinstance(space, cst.ParenthesizedWhitespace):
        return after
    moved = {
        id(last): last.with_changes(whitespace_after_param=cst.SimpleWhitespace("")),
        id(new[-1]): new[-1].with_changes(whitespace_after_param=space),
    }
    params = after.params
    return after.with_changes(
        params=params.with_changes(
            params=[moved.get(id(p), p) for p in params.params],
            kwonly_params=[moved.get(id(p), p) for p in params.kwonly_params],
        )
    )


class _Holders:
    """Where a visit is, and so which `x.attr` holds the model: `x` the first parameter of a
    method of a class in `bound` (and of the functions nested in it, which close over it)."""

    def __init__(self, bound: dict[str, frozenset[str]]) -> None:
        self.bound = bound
        self._scopes: list[tuple[str, frozenset[str]]] = []  # (instance name, attributes)

    def enter_class(self, node: cst.ClassDef) -> None:
        self._scopes.append(("", self.bound.get(node.name.value, frozenset())))

    def enter_function(self, node: cst.FunctionDef) -> None:
        outer = self._scopes[-1] if self._scopes else ("", frozenset())
        params = node.params.params
        if outer[0] == "" and outer[1] and params:  # a method: `self` is its first parameter
            self._scopes.append((params[0].name.value, outer[1]))
        elif outer[0] and params and any(p.name.value == outer[0] for p in params):
            self._scopes.append(("", frozenset()))  # `self` shadowed: another object
        else:
            self._scopes.append(outer if outer[0] else ("", frozenset()))

    def leave(self) -> None:
        self._scopes.pop()

    def holds_model(self, node: cst.BaseExpression) -> bool:
        if not self._scopes:
            return False
        instance, attributes = self._scopes[-1]
        return bool(instance) and m.matches(
            node,
            m.Attribute(
                value=m.Name(instance), attr=m.Name(m.MatchIfTrue(lambda a: a in attributes))
            ),
        )


class _BuilderFinder(cst.CSTVisitor):
    def __init__(self, bound: dict[str, frozenset[str]], among: set[str]) -> None:
        super().__init__()
        self.among = among
        self.found: set[str] = set()
        self._holders = _Holders(bound)
        self._methods: list[str] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._holders.enter_class(node)

    def leave_ClassDef(self, original: cst.ClassDef) -> None:
        self._holders.leave()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._holders.enter_function(node)
        self._methods.append(node.name.value)

    def leave_FunctionDef(self, original: cst.FunctionDef) -> None:
        self._holders.leave()
        self._methods.pop()

    def visit_Call(self, node: cst.Call) -> None:
        if (
            self._methods
            and self._methods[-1] in self.among
            and self._holders.holds_model(node.func)
        ):
            self.found.add(self._methods[-1])
