"""The test module's fixture lifting route guards, lifting the parent's create route's guards too.

Before:
    @pytest.fixture
    def guards_off():
        app.dependency_overrides[get_current_superuser] = lambda: None
        yield
        app.dependency_overrides.pop(get_current_superuser, None)
After (`LiftGuards(["get_current_superuser", "require_editor"], "app")`):
    @pytest.fixture
    def guards_off():
        app.dependency_overrides[get_current_superuser] = lambda: None
        app.dependency_overrides[require_editor] = lambda: None
        yield
        app.dependency_overrides.pop(get_current_superuser, None)
        app.dependency_overrides.pop(require_editor, None)
The fixture is the one overriding dependencies around a `yield`, whatever its name (`fixture`
says which); a module without one gets `guards_off`, before its first function. The caller
imports the guards.
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m


def _override() -> m.SimpleStatementLine:
    """`app.dependency_overrides[dep] = ...`."""
    return m.SimpleStatementLine(
        [m.Assign([m.AssignTarget(m.Subscript(value=m.Attribute(attr=m.Name("dependency_overrides"))))])]
    )


def _yield() -> m.SimpleStatementLine:
    return m.SimpleStatementLine([m.Expr(m.Yield())])


class LiftGuards(cst.CSTTransformer):
    """Each guard overridden by the module's guard-lifting fixture, once."""

    def __init__(self, guards: list[str], app: str, default: str = "guards_off") -> None:
        super().__init__()
        self.guards, self.app = guards, app
        self.fixture = default

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        body = list(updated.body)
        for i, stmt in enumerate(body):
            if isinstance(stmt, cst.FunctionDef) and _lifts(stmt):
                self.fixture = stmt.name.value
                body[i] = self._extended(stmt)
                return updated.with_changes(body=body)
        if not self.guards:
            return updated
        new = cst.parse_statement(
            "@pytest.fixture\n"
            f"def {self.fixture}():\n"
            '    """The parent\'s create route lets every request through."""\n'
            "    yield\n"
        )
        assert isinstance(new, cst.FunctionDef)
        new = self._extended(new).with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()])
        at = next((i for i, s in enumerate(body) if isinstance(s, cst.FunctionDef)), len(body))
        body.insert(at, new)
        return updated.with_changes(body=body)

    def _extended(self, fixture: cst.FunctionDef) -> cst.FunctionDef:
        code = cst.Module([]).code_for_node(fixture)
        missing = [g for g in self.guards if f"dependency_overrides[{g}]" not in code]
        if not missing:
            return fixture
        lines = list(fixture.body.body)
        at = next(i for i, s in enumerate(lines) if m.matches(s, _yield()))
        on = [
            cst.parse_statement(f"{self.app}.dependency_overrides[{g}] = lambda: None\n")
            for g in missing
        ]
        off = [
            cst.parse_statement(f"{self.app}.dependency_overrides.pop({g}, None)\n")
            for g in missing
        ]
        lines = [*lines[:at], *on, lines[at], *lines[at + 1 :], *off]
        return fixture.with_changes(body=fixture.body.with_changes(body=lines))


def _lifts(node: cst.FunctionDef) -> bool:
    """A fixture overriding dependencies before it yields."""
    return (
        any("fixture" in cst.Module([]).code_for_node(d) for d in node.decorators)
        and any(m.matches(s, _override()) for s in node.body.body)
        and any(m.matches(s, _yield()) for s in node.body.body)
    )
