"""DropOverrideFixtures: a fixture lifting only guards the routes lost goes, with the tests' requests for it."""

from __future__ import annotations

from textwrap import dedent

import libcst as cst

from codemods.auth_drop_overrides import DropOverrideFixtures

BEFORE = dedent('''\
    import pytest


    @pytest.fixture
    def guards_off():
        """The routes' guards let every request through."""
        app.dependency_overrides[get_current_superuser] = lambda: None
        yield
        app.dependency_overrides.pop(get_current_superuser, None)


    @pytest.fixture
    def database():
        app.dependency_overrides[get_db] = lambda: session
        yield
        app.dependency_overrides.pop(get_db, None)


    def test_create_order(client, guards_off, database):
        assert client.post("/orders", json={}).status_code == 201
''')


def test_a_fixture_lifting_only_dropped_guards_goes_and_tests_stop_asking_for_it() -> None:
    after = cst.parse_module(BEFORE).visit(DropOverrideFixtures({"get_current_superuser"})).code
    assert "def guards_off" not in after
    assert "def test_create_order(client, database):" in after
    assert "def database():" in after  # it overrides the session, no guard: kept


def test_a_fixture_lifting_a_guard_still_in_use_stays() -> None:
    after = cst.parse_module(BEFORE).visit(DropOverrideFixtures({"get_current_user"})).code
    assert after == BEFORE
