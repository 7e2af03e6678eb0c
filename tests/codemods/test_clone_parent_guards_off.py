"""LiftGuards: the fixture lifting route guards lifts the parent's create route's guards too."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.guards_off import LiftGuards

FIXTURE = """\
    import pytest


    @pytest.fixture
    def lifted():
        app.dependency_overrides[get_current_superuser] = lambda: None
        yield
        app.dependency_overrides.pop(get_current_superuser, None)


    def test_x(client, lifted):
        pass
"""


def lifted(before: str, guards: list[str]) -> tuple[str, str]:
    t = LiftGuards(guards, "app")
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    cst.parse_module(after)
    return after, t.fixture


def test_guards_lifted_already_change_nothing() -> None:
    before = textwrap.dedent(FIXTURE)
    assert lifted(FIXTURE, ["get_current_superuser"]) == (before, "lifted")


def test_no_guards_and_no_fixture_change_nothing() -> None:
    before = "def test_x(client):\n    pass\n"
    assert lifted(before, []) == (before, "guards_off")


def test_the_fixture_lifts_another_guard_around_its_yield() -> None:
    after, fixture = lifted(FIXTURE, ["get_current_superuser", "require_editor"])
    assert fixture == "lifted"
    assert after == textwrap.dedent("""\
        import pytest


        @pytest.fixture
        def lifted():
            app.dependency_overrides[get_current_superuser] = lambda: None
            app.dependency_overrides[require_editor] = lambda: None
            yield
            app.dependency_overrides.pop(get_current_superuser, None)
            app.dependency_overrides.pop(require_editor, None)


        def test_x(client, lifted):
            pass
    """)


def test_a_module_without_one_gets_one_before_its_first_function() -> None:
    after, fixture = lifted(
        "import pytest\n\n\ndef test_x(client):\n    pass\n", ["require_editor"]
    )
    assert fixture == "guards_off"
    assert after == textwrap.dedent('''\
        import pytest


        @pytest.fixture
        def guards_off():
            """The parent's create route lets every request through."""
            app.dependency_overrides[require_editor] = lambda: None
            yield
            app.dependency_overrides.pop(require_editor, None)


        def test_x(client):
            pass
    ''')
