"""Nested routes: every route of the clone finds its parent first and keeps to the parent's rows.

Before:
    @router.get("/{review_id}")
    async def get_review(review_id: int, db: AsyncSession = Depends(get_db)) -> Review:
        review = await review_crud.get_review(db, review_id)
        if review is None:
            raise HTTPException(status_code=404, detail="Review not found")
        return review
After (`item_id: int`, and the parent's own lookup, cloned from its item route):
    async def get_review(item_id: int, review_id: int, db: AsyncSession = Depends(get_db)) -> Review:
        item = await item_crud.get_item(db, item_id)
        if item is None:
            raise HTTPException(status_code=404, detail="Item not found")
        review = await review_crud.get_review(db, review_id)
        if review is None or review.item_id != item_id:
            raise HTTPException(status_code=404, detail="Review not found")
        return review
The create route passes `item_id=item_id` to the model it builds (or to the data access building
it), the list route to the data access listing rows; `calls` names those functions, for
ScopeQueries, and the dependencies reading a route's row (`Depends(valid_review_id)`), for
ScopeRowDependency. A route this cannot scope is named in `unscoped`.
"""

from __future__ import annotations

import builtins

import libcst as cst

from codemods import matching as m
from codemods.clone.nesting.build import builds_row, callee, with_key, with_keyword

VERBS = ("get", "post", "put", "patch", "delete")
_BUILTINS = frozenset(dir(builtins))


class NestRoutes(cst.CSTTransformer):
    """Each route function of the module, nested under the parent (see the module docstring)."""

    def __init__(
        self,
        key_param: cst.Param,
        lookup: list[cst.BaseStatement],
        extra_params: list[cst.Param],
        data_functions: frozenset[str],
        model: str,
        data_objects: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__()
        self.key_param = key_param
        self.key = key_param.name.value
        self.lookup = lookup
        self.extra = extra_params
        self.data_functions = data_functions
        self.data_objects = data_objects  # generic data access (`crud_reviews = FastCRUD(...)`)
        self.model = model
        self.calls: dict[str, set[str]] = {
            "create": set(),
            "list": set(),
            "row": set(),
            "payload": set(),  # classes a create builds for the data access, now given the key
        }
        self.unscoped: list[str] = []
        self.routes: list[str] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # routes are top-level; nothing nested is one

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        route = _route(updated)
        if route is None:
            return updated
        verb, path = route
        if any(
            p.name.value == self.key
            for p in (*updated.params.params, *updated.params.kwonly_params)
        ):
            return updated  # nested already
        self.routes.append(updated.name.value)
        path_params = {p.split("}")[0].split(":")[0] for p in path.split("{")[1:]}
        updated = updated.with_changes(params=self._params(updated.params))
        body = list(updated.body.body)
        at = (
            1
            if body and m.matches(body[0], m.SimpleStatementLine([m.Expr(m.SimpleString())]))
            else 0
        )
        # the parent's lookup goes in last: its calls are no data access of the clone's, even
        # where the parent's service names a method as the clone's does (`service.get`)
        if path_params:
            body, scoped = self._filter(body, path_params)
            if not scoped:
                body, scoped = scope_row(body, path_params, self.key)
            if not scoped:  # the row comes from a dependency of the clone's: it is scoped there
                found = self._row_dependencies(updated.params)
                self.calls["row"] |= found
                scoped = bool(found)
        elif verb == "post":
            inputs = {
                p.name.value
                for p in (*updated.params.params, *updated.params.kwonly_params)
                if p.default is None
                and p.name.value != self.key
                and p.name.value not in path_params
            }
            body, scoped = self._pass_key(body, "create", inputs)
            if not scoped:
                body, scoped = self._payload(body)
        else:
            body, scoped = self._pass_key(body, "list", None)
            if not scoped:
                body, scoped = self._filter(body, None)
        if not scoped:
            self.unscoped.append(updated.name.value)
        body[at:at] = self.lookup
        return updated.with_changes(body=updated.body.with_changes(body=body))

    def _params(self, params: cst.Parameters) -> cst.Parameters:
        """The key first, then the parameters the parent's lookup needs that the route lacks."""
        have = {p.name.value for p in (*params.params, *params.kwonly_params)}
        keyword_only = not params.params and bool(params.kwonly_params)
        positional, kwonly = list(params.params), list(params.kwonly_params)
        for param in (self.key_param, *(p for p in self.extra if p.name.value not in have)):
            if keyword_only:
                kwonly = insert_param(kwonly, 0 if param is self.key_param else len(kwonly), param)
            else:
                first_default = next(
                    (i for i, p in enumerate(positional) if p.default is not None), len(positional)
                )
                if param.default is None:  # the key first; a required one before any default
                    at = 0 if param is self.key_param else first_default
                else:  # `item_id: int = Path(...)` goes where the defaults start
                    at = first_default if param is self.key_param else len(positional)
                positional = insert_param(positional, at, param)
        return params.with_changes(params=positional, kwonly_params=kwonly)

    def _row_dependencies(self, params: cst.Parameters) -> set[str]:
        """Dependencies of the clone's data code giving a route its row (`review: Review = Depends(valid_review_id)`)."""
        out = set()
        for p in (*params.params, *params.kwonly_params):
            if not m.findall(p, m.Name(self.model)):
                continue
            for call in m.findall(
                p, m.Call(func=m.Name("Depends") | m.Attribute(attr=m.Name("Depends")))
            ):
                if call.args and isinstance(call.args[0].value, (cst.Name, cst.Attribute)):
                    name = call.args[0].value
                    name = name.value if isinstance(name, cst.Name) else name.attr.value
                    if name in self.data_functions:
                        out.add(name)
        return out

    def _pass_key(self, body: list, op: str, inputs: set[str] | None) -> tuple[list, bool]:
        """`Review(...)` built here gets the key; else the data access call does (`calls`)."""
        model = self.model
        key = self.key
        done = False
        found: set[str] = set()
        data_functions = self.data_functions

        class _Pass(cst.CSTTransformer):
            def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
                nonlocal done
                if done:
                    return updated
                name = callee(updated)
                builds = op == "create" and builds_row(updated, model)
                if isinstance(updated.func, cst.Name) and name in _BUILTINS:
                    return updated  # `list(rows)` is no data access
                reads = name in data_functions and (
                    inputs is None
                    or any(
                        m.matches(a.value, m.Name()) and a.value.value in inputs
                        for a in updated.args
                    )
                )
                if not (builds or reads):
                    return updated
                if any(a.keyword and a.keyword.value == key for a in updated.args):
                    # `project_id=project_id`: it filtered by the key already (see optional_key)
                    passed = any(
                        a.keyword and a.keyword.value == key and m.matches(a.value, m.Name(key))
                        for a in updated.args
                    )
                    if reads and passed:
                        done = True
                        found.add(name or "")
                    return updated
                done = True
                if reads:
                    found.add(name or "")
                    return with_keyword(updated, key)
                return with_key(updated, model, key)

        out = [stmt.visit(_Pass()) for stmt in body]
        self.calls[op] |= found
        return out, done

    def _filter(self, body: list, path_params: set[str] | None) -> tuple[list, bool]:
        """A generic data access filtering by keywords gets the key as one more filter:
        `crud_reviews.get(db=db, id=id)` -> `crud_reviews.get(db=db, id=id, item_id=item_id)`
        (for a row route, only the call reading the row by its path parameter)."""
        key, objects = self.key, self.data_objects
        done = False

        class _Filter(cst.CSTTransformer):
            def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
                nonlocal done
                if done or not m.matches(
                    updated.func, m.Attribute(value=m.Name(m.MatchIfTrue(lambda v: v in objects)))
                ):
                    return updated
                keywords = {a.keyword.value: a.value for a in updated.args if a.keyword}
                if path_params is not None and not any(
                    isinstance(v, cst.Name) and v.value in path_params for v in keywords.values()
                ):
                    return updated
                done = True
                return updated if key in keywords else with_keyword(updated, key)

        out = [stmt.visit(_Filter()) for stmt in body]
        return out, done

    def _payload(self, body: list) -> tuple[list, bool]:
        """Where a create hands generic data access a class built from a dict
        (`ReviewCreateInternal(**data)`), that class gets the key (`calls["payload"]`)."""
        if not any(
            m.findall(
                stmt,
                m.Call(m.Attribute(m.Name(m.MatchIfTrue(lambda v: v in self.data_objects)))),
            )
            for stmt in body
        ):
            return body, False
        key, found = self.key, set()

        class _Payload(cst.CSTTransformer):
            def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
                if (
                    found
                    or not isinstance(updated.func, cst.Name)
                    or updated.func.value in _BUILTINS
                    or [a.star for a in updated.args] != ["**"]
                ):
                    return updated
                found.add(updated.func.value)
                return with_keyword(updated, key)

        out = [stmt.visit(_Payload()) for stmt in body]
        self.calls["payload"] |= found
        return out, bool(found)


def insert_param(params: list[cst.Param], at: int, new: cst.Param) -> list[cst.Param]:
    """`new` at `at`, taking the layout of the commas around it (one per line stays so)."""
    if not params:
        return [new.with_changes(comma=cst.MaybeSentinel.DEFAULT)]
    out = list(params)
    if at < len(out):
        out.insert(at, new.with_changes(comma=out[at].comma if at < len(out) - 1 else out[0].comma))
    else:
        last = out[-1]
        comma = (
            out[-2].comma if len(out) > 1 else cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        )
        if isinstance(comma, cst.MaybeSentinel):
            comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        out[-1] = last.with_changes(comma=comma)
        out.append(new.with_changes(comma=last.comma))
    return out


def scope_row(body: list, path_params: set[str], key: str) -> tuple[list, bool]:
    """`if row is None:` after the row is read by its path parameter gains `or row.KEY != KEY`."""
    read: set[str] = set()
    for i, stmt in enumerate(body):
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, cst.Assign) and _mentions(small.value, path_params):
                    read |= {
                        t.target.value for t in small.targets if isinstance(t.target, cst.Name)
                    }
        elif isinstance(stmt, cst.If) and read:
            row = _missing_test(stmt.test)
            if row in read:
                other = cst.Comparison(
                    cst.Attribute(cst.Name(row), cst.Name(key)),
                    [cst.ComparisonTarget(cst.NotEqual(), cst.Name(key))],
                )
                test = cst.BooleanOperation(stmt.test, cst.Or(), other)
                return [*body[:i], stmt.with_changes(test=test), *body[i + 1 :]], True
    return body, False


def _missing_test(test: cst.BaseExpression) -> str | None:
    """`row is None` or `not row` -> "row"."""
    if (
        isinstance(test, cst.Comparison)
        and isinstance(test.left, cst.Name)
        and len(test.comparisons) == 1
        and isinstance(test.comparisons[0].operator, cst.Is)
        and m.matches(test.comparisons[0].comparator, m.Name("None"))
    ):
        return test.left.value
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not) and isinstance(test.expression, cst.Name):
        return test.expression.value
    return None


def _mentions(node: cst.CSTNode, names: set[str]) -> bool:
    return bool(m.findall(node, m.Name(m.MatchIfTrue(lambda v: v in names))))


def _route(node: cst.FunctionDef) -> tuple[str, str] | None:
    """(verb, path) of a route function: `@router.patch("/{id}")`."""
    for dec in node.decorators:
        d = dec.decorator
        if (
            isinstance(d, cst.Call)
            and isinstance(d.func, cst.Attribute)
            and d.func.attr.value in VERBS
        ):
            first = d.args[0].value if d.args and d.args[0].keyword is None else None
            path = first.evaluated_value if isinstance(first, cst.SimpleString) else ""
            return d.func.attr.value, str(path)
    return None
