"""Every fixture project passes its own test suite, run from its own root through the harness."""

from __future__ import annotations

import pytest

from tests.harness import FIXTURE_NAMES, run_project_tests


def test_there_are_nine_fixture_projects() -> None:
    assert FIXTURE_NAMES == (
        "domain_packages",
        "fullstack_sqlmodel",
        "legacy_orm_mode",
        "modular_services",
        "repository_pg",
        "seed_async",
        "single_file",
        "users_only",
        "versioned_envelope",
    )


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_project_suite_passes(name: str, fixture_copy) -> None:
    outcome = run_project_tests(fixture_copy(name))
    assert outcome.ok, outcome.explain()
    if name == "repository_pg" and outcome.skipped:
        pytest.skip(f"PostgreSQL not reachable: {outcome.skipped} tests of repository_pg skipped")
