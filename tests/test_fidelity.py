"""Clone fidelity: a twin of an existing resource comes out as the project's authors wrote it.

For each fixture and sample project, `../shared/tools/fidelity.py` runs add_crud with `--like E`
for a twin of resource E with E's own fields, renames the output back and compares it with E's
code definition by definition. The bar: at least 90 % of the definitions identical and a mean
similarity of at least 97 %.

The twin's name is E's with its first letter changed (Category -> Zategory, Item -> Otem): the
same length in every spelling, so the project's formatter breaks lines where it broke E's, and
the same first sound, so a sentence keeps E's article (`an item`, `an otem`; `a ztem` would be
renamed back to `a item`). A shorter name gives lines the formatter joins, which the renaming
back cannot undo either (see the README's figures).
users_only is absent: its only model is the auth user, nothing to clone.

The twin is cloned `--as-written`: the bar measures the cloner. By default the clone also gets
the bounds and null checks that turn the exemplar's 500s on bad input into 422s (BoundedParams,
NullGuard); those lines are the project's code deliberately changed, proved by
tests/test_generated_hardening.py, and the README gives both figures.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.harness import FIXTURES, REPO_ROOT
from tests.twin import twin_fields

FIDELITY = REPO_ROOT.parent / "shared" / "tools" / "fidelity.py"
SAMPLES = REPO_ROOT / "tests" / "sample_projects"
CASES = {
    "seed_async": "Item",
    "fullstack_sqlmodel": "Project",
    "domain_packages": "Product",
    "single_file": "Author",
    "legacy_orm_mode": "Author",
    "modular_services": "Bookmark",
    "repository_pg": "Note",
    "versioned_envelope": "Shipment",
    "legacy_crudbase": "Item",
    "tutorial_sql_app": "Item",
}
_SCORE = re.compile(r"fidelity: (\d+)/(\d+) identical, mean similarity (\d+)%")


@pytest.mark.skipif(not FIDELITY.is_file(), reason=f"{FIDELITY} is not checked out beside this repo")
@pytest.mark.parametrize("name", sorted(CASES))
def test_a_twin_reproduces_the_exemplar(name: str) -> None:
    project = FIXTURES / name if (FIXTURES / name).is_dir() else SAMPLES / name
    exemplar = CASES[name]
    twin = ("O" if exemplar[0] in "AEIOU" else "Z") + exemplar[1:]  # the same first sound
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    proc = subprocess.run(
        [sys.executable, str(FIDELITY), "--project", str(project), "--exemplar", exemplar,
         "--new", twin, "--python", sys.executable, "--",
         twin, *twin_fields(project, exemplar), "--like", exemplar, "--as-written"],
        check=False, capture_output=True, text=True, env=env, timeout=300,
    )
    score = _SCORE.search(proc.stdout)
    assert score, proc.stdout + proc.stderr
    identical, units, mean = map(int, score.groups())
    assert units and identical / units >= 0.9 and mean >= 97, proc.stdout
