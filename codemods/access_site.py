"""Where `--rbac` works: the new resource's router and tests in the plan, the project's fixtures.

One object per run holds the plan's edits as they change, the planned routes (read back from the
router's code), who signs in the tests (the conftest's headers fixtures) and how to write the
access tests beside the resource's own.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field, replace

import libcst as cst

from codemods.check import fix_unused
from codemods.clone.access_tests import Access, write_access_tests
from codemods.clone.other_user import OtherUser
from codemods.clone.route_tests import Route, headers_sent, routes_of
from codemods.clone.signed_in import (
    Conftest,
    SecondUser,
    ordinary,
    role_attributes,
    second_user,
    unique_keyword,
)
from codemods.context import first_party
from codemods.errors import ConventionError
from codemods.formatting import FormatStyle, format_code
from codemods.methods import route_of
from codemods.parsing import parse_module
from codemods.plan import FileEdit, Plan
from codemods.spec import ResourceSpec
from codemods.statuses import raised_statuses
from detectors.conventions import Conventions
from detectors.model_columns import find_model, model_columns
from detectors.project import ProjectIndex, is_test_path, parsed
from detectors.resources import app_instance


def new_router(edits: tuple[FileEdit, ...], conv: Conventions) -> tuple[int, list[Route]] | None:
    """The edit holding the resource's new routes (actions included), and those routes."""
    for i, edit in enumerate(edits):
        if not edit.path.endswith(".py") or is_test_path(edit.path):
            continue
        before = {getattr(s, "name", None) for s in parsed(edit.old).body} if edit.old else set()
        new = {n.name for n in parsed(edit.new).body if route_of(n) is not None and n.name not in before}
        if not new:
            continue
        crud = [r for r in routes_of(edit.new, conv.auth.dependency, conv.auth.param) if r.function in new]
        others = frozenset(new - {r.function for r in crud})
        actions = [r for r in routes_of(edit.new, conv.auth.dependency, conv.auth.param, others) if r.function in others]
        return i, [*crud, *actions]
    return None


@dataclass
class AccessSite:
    """The plan's edits as `--rbac` changes them, and what it reads of the resource and its tests."""

    plan: Plan
    at: int  # the router's edit
    routes: list[Route]
    spec: ResourceSpec
    index: ProjectIndex
    conv: Conventions
    key_type: str
    edits: list[FileEdit] = field(init=False)

    def __post_init__(self) -> None:
        self.edits = list(self.plan.edits)
        self.fmt = FormatStyle.from_style(self.conv.style)
        self.ours = first_party(self.index)

    # --- the router -------------------------------------------------------------------------
    @property
    def router(self) -> FileEdit:
        """The edit creating the resource's router."""
        return self.edits[self.at]

    def functions(self) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
        """The router module's top-level functions by name."""
        return {n.name: n for n in parsed(self.router.new).body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}

    def set_router(self, text: str, why: str) -> None:
        """The router's new text; the routes are read back from it."""
        self.edits[self.at] = replace(self.router, new=self.formatted(self.router.new, fix_unused(text, self.router.path)), why=(*self.router.why, why))
        found = new_router(tuple(self.edits), self.conv)
        self.routes = found[1] if found else []

    def formatted(self, before: str, after: str) -> str:
        """`after` formatted as the project formats, where `before` was (a formatted clone stays so)."""
        if not self.fmt.formatter or after == before or format_code(before, self.fmt) != before:
            return after
        return format_code(after, self.fmt)

    def user_dependencies(self) -> set[str]:
        """The dependencies giving the routes their signed-in user (named ones, guards built per call aside)."""
        found = {u for r in self.routes for u in r.users if u.isidentifier()}
        return found or ({self.conv.auth.dependency} if self.conv.auth.dependency and self.conv.auth.kind != "none" else set())

    def user_params(self, node: ast.FunctionDef | ast.AsyncFunctionDef, route: Route) -> set[str]:
        """The route's parameters holding the signed-in user."""
        out = set()
        args = [*node.args.args, *node.args.kwonlyargs]
        defaults = dict(zip([a.arg for a in node.args.args][::-1], node.args.defaults[::-1]))
        defaults.update({a.arg: d for a, d in zip(node.args.kwonlyargs, node.args.kw_defaults) if d})
        for a in args:
            text = " ".join(ast.unparse(n) for n in (a.annotation, defaults.get(a.arg)) if n is not None)
            if a.arg == self.conv.auth.param or any(u in text for u in route.users) or (
                self.conv.auth.user_model and self.conv.auth.user_model in text.replace("|", " ").split()
            ):
                out.add(a.arg)
        return out

    def owner_scoped(self) -> bool:
        """Whether every list and row route keeps to the signed-in user's rows: it reads the user's
        id (`current_user.id`) or hands the user to a check (`ensure_owner(row, current_user)`)."""
        nodes = self.functions()
        scoped = [r for r in self.routes if r.op in ("list", "get", "update", "delete")]
        return bool(scoped) and all(self._reads_user(nodes[r.function], r) for r in scoped)

    def changes_guarded(self) -> bool:
        """Whether the row is read by anyone but changed only by its owner (or a role): update and
        delete read the signed-in user and refuse with 403 (`if row.owner_id != user.id ...`)."""
        nodes = self.functions()
        changing = [r for r in self.routes if r.op in ("update", "delete")]
        refusals = self.other_status()
        return bool(changing) and all(
            self._reads_user(nodes[r.function], r) and refusals.get(r.op) == 403 for r in changing
        )

    def _reads_user(self, node, route: Route) -> bool:
        users = self.user_params(node, route)
        for n in (x for stmt in node.body for x in ast.walk(stmt)):
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id in users and n.attr == "id":
                return True
            if isinstance(n, ast.Call) and any(isinstance(a, ast.Name) and a.id in users for a in n.args):
                return True
        return False

    def other_status(self) -> dict[str, int]:
        """What each row route answers for another user's row: the project's refusal where it
        raises one besides 404 (`403`), else 404."""
        nodes, out = self.functions(), {}
        for r in self.routes:
            if r.op in ("get", "update", "delete") and r.op not in out:
                node = nodes[r.function]
                called = {c.func.id for c in ast.walk(node) if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)}
                # a check of the router's own (`ensure_owner(row, user)`) refuses for the route
                refusals = set().union(raised_statuses(node), *(raised_statuses(nodes[f]) for f in called & set(nodes))) & {400, 403}
                out[r.op] = min(refusals) if refusals else 404
        return out

    # --- the tests --------------------------------------------------------------------------
    def own_tests(self) -> list[int]:
        """The test modules the plan creates for the resource."""
        return [i for i, e in enumerate(self.edits) if e.created and is_test_path(e.path) and self.spec.names.plural_snake in e.path]

    def main_headers(self) -> str:
        """The headers fixture the resource's tests sign in with."""
        own = "\n".join(self.edits[i].new for i in self.own_tests())
        by_dependency = dict(self.conv.tests.fixture_for)
        found = next((by_dependency[u] for u in sorted(self.user_dependencies()) if u in by_dependency), None) or headers_sent(own)
        if found is None:
            raise ConventionError("--rbac: no test fixture signs in a user; access tests need one")
        return found

    def conftest(self, fixture: str) -> Conftest:
        """The conftest defining `fixture`, as the plan leaves it."""
        planned = {e.path: e.new for e in self.edits if e.path.endswith("conftest.py")}
        paths = [*planned, *(p for p in self.index.files if p.endswith("conftest.py") and p not in planned)]
        for path in paths:
            text = planned.get(path) or (self.index.root / path).read_text(encoding="utf-8")
            found = Conftest.of(path, text)
            if fixture in found.fixtures:
                return found
        raise ConventionError(f"--rbac: {fixture} is not defined in a conftest.py; access tests need it there")

    def role_check(self) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        """The project's role check function (the checker inside a factory included)."""
        rbac = self.conv.rbac
        info = self.index.module(rbac.dependency_module) if rbac.dependency and rbac.dependency_module else None
        return next((n for n in (info.tree.body if info else []) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == rbac.dependency), None)

    def second_user(self, headers: str) -> str:
        """The second user's headers fixture: the project's own, else one made in the conftest."""
        conftest = self.conftest(headers)
        found: SecondUser = second_user(conftest, headers, self.conv.auth.user_model, role_attributes(self.role_check()))
        if found.made_from is None:
            return found.headers
        user_model = find_model(self.index, self.conv.auth.user_model or "")
        unique = {c.name for c in model_columns(self.index, user_model) if c.unique} if user_model else set()
        texts = sorted(c.name for c in model_columns(self.index, user_model) if c.unique and c.kind in ("str", "text")) if user_model else []
        passed = unique_keyword(self.index, conftest, found.made_from[1] or "", texts)
        copy = OtherUser(found.made_from[0], found.made_from[1] or "", unique, passed)
        text = parse_module(conftest.text).visit(copy).code
        if not copy.made:
            raise ConventionError(
                f"access tests: copying {found.made_from[1]} changes no unique literal ({', '.join(sorted(unique)) or 'none'}); "
                "add a second user's headers fixture to the conftest"
            )
        self.set_text(conftest.path, text, "a second signed-in user for the access tests")
        return copy.other_headers

    def set_text(self, path: str, text: str, why: str) -> None:
        """The planned text of a project file (an edit of the plan, or a new edit of the file)."""
        for i, e in enumerate(self.edits):
            if e.path == path:
                self.edits[i] = replace(e, new=text, why=(*e.why, why))
                return
        old = (self.index.root / path).read_text(encoding="utf-8")
        self.edits.append(FileEdit(path, old, text, (why,)))

    def rewrite_tests(self, transformer: cst.CSTTransformer, why: str) -> None:
        """The resource's created test modules, through `transformer`."""
        for i in self.own_tests():
            e = self.edits[i]
            new = parse_module(e.new).visit(transformer).code
            if new != e.new:
                self.edits[i] = replace(e, new=fix_unused(new, e.path), why=(*e.why, why))

    def covered_ops(self, owner: str, other: str) -> frozenset[str]:
        """The cross-user cases the resource's own tests have (a request sending one user's
        headers in a test taking both): get, list, update or delete."""
        out = set()
        for i in self.own_tests():
            for test in ast.walk(parsed(self.edits[i].new)):
                if not isinstance(test, (ast.FunctionDef, ast.AsyncFunctionDef)) or not {owner, other} <= {a.arg for a in test.args.args}:
                    continue
                for call in (c for c in ast.walk(test) if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)):
                    sent = {k.value.id for k in call.keywords if k.arg == "headers" and isinstance(k.value, ast.Name)}
                    if sent & {owner, other} and call.args:
                        keyed = isinstance(call.args[0], (ast.JoinedStr, ast.Call))
                        op = {"get": "get" if keyed else "list", "patch": "update", "put": "update", "delete": "delete"}.get(call.func.attr)
                        if op:
                            out.add(op)
        return frozenset(out)

    def add_access_tests(self, access: Access) -> str:
        """The access tests module beside the resource's tests; the line saying what it covers."""
        own = self.own_tests()
        directory = self.edits[own[0]].path.rsplit("/", 1)[0] if own else (self.conv.tests.module_directory or self.conv.tests.directory)
        if directory is None:
            return "no access tests: the project has no test directory"
        conv = self.conv
        app = app_instance(self.index, conv.app.factory) if conv.app.factory else (
            (conv.app.module, conv.app.variable) if conv.app.module and conv.app.variable else None
        )
        envelope = conv.response.keys[0] if conv.response.wrapper == "envelope" and conv.response.keys else None
        text, note = write_access_tests(access, self.spec.names, self.spec.fields, app, conv.tests, self.key_type, envelope)
        if text is None:
            return note
        path = f"{directory}/test_{self.spec.names.plural_snake}_access.py"
        if not any(e.path == path for e in self.edits):
            self.edits.append(FileEdit(path, None, format_code(fix_unused(text, path), self.fmt), ("tests of the access rule",)))
        return note

    def prove_owner(self, kept: bool, only: frozenset[str] | None = None) -> tuple[Plan, list[str]]:
        """Tests that a second user cannot list, read, change or delete the rows (and 401); `only`
        the operations the rule covers (update and delete where anyone reads). For the exemplar's
        own rule (`kept`), what cannot be proved is said, never refused."""
        try:
            owner = self.main_headers()
            if kept:  # the exemplar's rule may let a flag (`is_superuser`) see every row: sign in without it
                fixtures = [owner, *self.conv.tests.auth_fixtures]
                owner = ordinary(self.conftest(owner), fixtures, role_attributes(self.role_check()))
            other = self.second_user(owner)
        except ConventionError as refused:
            if not kept:
                raise
            self.edits = list(self.plan.edits)
            found = self._unprivileged_viewer()
            if found is None:
                return self.done([f"rows scoped to their owner, as the exemplar does; no cross-user tests: {refused.args[0]}"])
            owner, other = found
        skip = self.covered_ops(owner, other) | (frozenset({"list", "get", "update", "delete"}) - only if only is not None else frozenset())
        access = Access(tuple(self.routes), owner, anonymous=not kept, other=other,
                        other_status=self.other_status() if kept else 404, skip_ops=skip)
        lines = (["rows scoped to their owner, as the exemplar does"] if kept else []) + [self.add_access_tests(access)]
        return self.done(lines)

    def _unprivileged_viewer(self) -> tuple[str, str] | None:
        """(owner, other): the tests' own user makes the row, and another of the project's users
        without the flag the role check grants on (`is_superuser`) tries to reach it."""
        main = self.main_headers()
        conftest = self.conftest(main)
        flags = role_attributes(self.role_check())
        other = next((f for f in self.conv.tests.auth_fixtures if f != main and f in conftest.fixtures
                      and True not in conftest.settings(f, flags).values()), None)
        return (main, other) if other is not None else None

    def done(self, lines: list[str]) -> tuple[Plan, list[str]]:
        """The plan with the edits made, and `lines` said."""
        return replace(self.plan, edits=tuple(self.edits), explain=(*self.plan.explain, *lines)), lines
