"""Who the access tests sign in as, read from the project's conftest: fixtures and what they hold.

A headers fixture (`auth_headers`) rests on a chain: the fixtures it takes (`normal_user`) and
the conftest's helpers it calls (`_create_user(...)`). Two headers fixtures sign in users of the
same kind when their chains have the same shape (literals and fixture names aside) and give the
same values to what the project's role check reads (`role`, `is_superuser`). A user has a role
when a literal of its chain is that role (`role="admin"`).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from codemods.errors import ConventionError
from codemods.imports import imports_binding
from detectors.project import ProjectIndex


@dataclass(frozen=True)
class Conftest:
    """The fixtures and helper functions of the conftest holding the headers fixture."""

    path: str
    text: str
    fixtures: dict[str, ast.FunctionDef | ast.AsyncFunctionDef]
    helpers: dict[str, ast.FunctionDef | ast.AsyncFunctionDef]

    @classmethod
    def of(cls, path: str, text: str) -> Conftest:
        """The conftest's top-level functions, fixtures apart from helpers."""
        fixtures, helpers = {}, {}
        for node in ast.parse(text).body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                (fixtures if any(_is_fixture(d) for d in node.decorator_list) else helpers)[node.name] = node
        return cls(path, text, fixtures, helpers)

    def chain(self, name: str) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
        """The fixture, the conftest fixtures it takes and the helpers it calls, depth first."""
        out: list = []
        todo = [self.fixtures[name]] if name in self.fixtures else []
        while todo:
            node = todo.pop(0)
            if node in out:
                continue
            out.append(node)
            todo += [self.fixtures[a.arg] for a in node.args.args if a.arg in self.fixtures]
            todo += [
                self.helpers[c.func.id]
                for c in ast.walk(node)
                if isinstance(c, ast.Call) and isinstance(c.func, ast.Name) and c.func.id in self.helpers
            ]
        return out

    def literals(self, name: str) -> set[object]:
        """Every constant of the fixture's chain."""
        return {n.value for f in self.chain(name) for n in ast.walk(f) if isinstance(n, ast.Constant)}

    def settings(self, name: str, attrs: set[str]) -> dict[str, object]:
        """The literal values the chain gives to `attrs`, by keyword or by a helper's parameter."""
        out: dict[str, object] = {}
        for f in self.chain(name):
            for call in (c for c in ast.walk(f) if isinstance(c, ast.Call)):
                for kw in call.keywords:
                    if kw.arg in attrs and isinstance(kw.value, ast.Constant):
                        out[kw.arg] = kw.value.value
                helper = self.helpers.get(call.func.id) if isinstance(call.func, ast.Name) else None
                if helper is not None:
                    for param, value in zip(helper.args.args, call.args):
                        if param.arg in attrs and isinstance(value, ast.Constant):
                            out[param.arg] = value.value
        return out

    def user_fixture(self, headers: str, user_model: str | None) -> str | None:
        """The fixture giving the headers fixture its user (a parameter typed as the user model)."""
        node = self.fixtures.get(headers)
        for a in node.args.args if node is not None else ():
            if a.arg in self.fixtures and (
                _last(a.annotation) == user_model or _last(self.fixtures[a.arg].returns) == user_model
            ):
                return a.arg
        # untyped (`def auth_headers(user)`): its one fixture parameter, which no annotation says is other
        given = [a for a in (node.args.args if node is not None else ()) if a.arg in self.fixtures]
        if len(given) == 1 and given[0].annotation is None and self.fixtures[given[0].arg].returns is None:
            return given[0].arg
        return None

    def shape(self, name: str) -> str:
        """The chain's code with literals and the names of fixtures and their functions blanked."""
        blank = _Blank(set(self.fixtures))
        return "\n".join(ast.dump(blank.visit(_copy(f))) for f in self.chain(name))


@dataclass(frozen=True)
class SecondUser:
    """The second signed-in user of the access tests: its headers fixture, made or the project's."""

    headers: str
    made_from: tuple[str, str | None] | None = None  # (headers, user) fixtures copied, when made


def second_user(conftest: Conftest, headers: str, user_model: str | None, role_attrs: set[str]) -> SecondUser:
    """The project's own second user like the one of `headers`, else the fixtures to copy."""
    mine = conftest.shape(headers)
    values = conftest.settings(headers, role_attrs)
    for name in conftest.fixtures:
        same_kind = name != headers and conftest.shape(name) == mine and conftest.settings(name, role_attrs) == values
        # another user: other fixtures or helpers behind it, or other literals (its email)
        if same_kind and (conftest.chain(name)[1:] != conftest.chain(headers)[1:] or conftest.literals(name) != conftest.literals(headers)):
            return SecondUser(name)
    user = conftest.user_fixture(headers, user_model)
    if user is None:
        raise ConventionError(
            f"access tests: {headers} in {conftest.path} takes no fixture of the user model to copy for a second user"
        )
    node = conftest.fixtures[headers]
    if not any(isinstance(n, ast.Name) and n.id == user for stmt in node.body for n in ast.walk(stmt)):
        raise ConventionError(
            f"access tests: {headers} in {conftest.path} signs in without reading {user}; a copy would sign in the same user"
        )
    return SecondUser(f"other_{headers}", (headers, user))


def ordinary(conftest: Conftest, fixtures: list[str], role_attrs: set[str]) -> str:
    """The first headers fixture whose user holds no flag the role check grants on
    (`is_superuser=True` may see every row)."""
    return next((f for f in fixtures if f in conftest.fixtures and True not in conftest.settings(f, role_attrs).values()), fixtures[0])


def role_attributes(check: ast.FunctionDef | ast.AsyncFunctionDef | None) -> set[str]:
    """What a role check tests of the user: `if user.role not in roles:` -> {"role"}."""
    tests = [n.test for n in ast.walk(check) if isinstance(n, ast.If)] if check is not None else []
    return {
        n.attr
        for t in tests
        for n in ast.walk(t)
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.attr != "id"
    }


def with_role(conftest: Conftest, candidates: list[str], roles: tuple[str, ...]) -> list[str]:
    """The headers fixtures among `candidates` whose chain holds one of the roles as a literal."""
    return [c for c in candidates if c in conftest.fixtures and set(roles) & conftest.literals(c)]


def _is_fixture(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return ast.unparse(target).split(".")[-1] == "fixture"


def _last(node: ast.expr | None) -> str | None:
    return ast.unparse(node).split(".")[-1].split("[")[0] if node is not None else None


def _copy(node: ast.AST) -> ast.AST:
    return ast.parse(ast.unparse(node)).body[0] if isinstance(node, ast.stmt) else ast.parse(ast.unparse(node), mode="eval").body


class _Blank(ast.NodeTransformer):
    def __init__(self, fixtures: set[str]) -> None:
        self.fixtures = fixtures

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        return ast.Constant("" if isinstance(node.value, str) else 0)

    def visit_Name(self, node: ast.Name) -> ast.AST:
        return ast.Name("_", node.ctx) if node.id in self.fixtures else node

    def visit_arg(self, node: ast.arg) -> ast.AST:
        return ast.arg("_" if node.arg in self.fixtures else node.arg, node.annotation)

    def visit_FunctionDef(self, node):
        node = self.generic_visit(node)
        node.name = "_" if node.name in self.fixtures else node.name
        return node

    visit_AsyncFunctionDef = visit_FunctionDef


def unique_keyword(index: ProjectIndex, conftest: Conftest, user: str, columns: list[str]) -> tuple[str, str, str] | None:
    """(callee, column, value) where the fixture `user` makes its row with a helper of the test suite
    taking one of the unique text `columns` (`factories.create_user(db, **overrides)`, or a
    parameter of a helper the conftest defines)."""
    node = conftest.fixtures.get(user)
    tree = ast.parse(conftest.text)
    for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)) if node is not None and columns else ():
        callee = ast.unparse(call.func)
        head, _, attr = callee.partition(".")
        found = imports_binding(tree, conftest.path, {head})
        if found:
            dotted = f"{found[0].module}.{found[0].name}" if attr and found[0].name else found[0].module
            module = index.module(dotted)
            name = attr or (found[0].name or "")
            helper = next((n for n in module.tree.body if getattr(n, "name", None) == name), None) if module else None
        else:  # a helper of the conftest's own (`_create_user(factory, "member@example.com", ...)`)
            helper = next((n for n in tree.body if getattr(n, "name", None) == callee), None)
        if not isinstance(helper, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        takes = {a.arg for a in (*helper.args.args, *helper.args.kwonlyargs)}
        column = next((c for c in columns if c in takes or helper.args.kwarg is not None), None)
        if column is not None:
            return callee, column, f'"other-{user}@example.com"'
    return None
