"""A batch's indexes carry each model's footprint to the next one, and use it only where every
module it was read from is still the same module."""

from __future__ import annotations

import shutil
from pathlib import Path

from detectors.project import ProjectIndex
from detectors.resources import find_footprints

SEED = Path(__file__).resolve().parents[2] / "fixtures_repos" / "seed_async"


def _seed(tmp_path: Path) -> Path:
    root = tmp_path / "seed"
    shutil.copytree(SEED, root, ignore=shutil.ignore_patterns("__pycache__", "*.db"))
    return root


def _by_model(index: ProjectIndex) -> dict:
    return {f.model: f for f in find_footprints(index)}


def test_a_footprint_whose_modules_are_unchanged_is_the_one_the_index_before_found(tmp_path) -> None:
    root = _seed(tmp_path)
    first = ProjectIndex(root)
    before = _by_model(first)
    (root / "app/notes.py").write_text("import fastapi\n")  # a module no footprint reads
    second = ProjectIndex(root, reuse=first, changed=frozenset({"app/notes.py"}))
    after = _by_model(second)
    assert after["Item"] is before["Item"]
    assert after["Category"] is before["Category"]


def test_a_change_to_a_module_a_footprint_read_gives_the_footprint_found_afresh(tmp_path) -> None:
    root = _seed(tmp_path)
    first = ProjectIndex(root)
    before = _by_model(first)
    # the create schema, read through the create route's body parameter, stops taking a field
    schemas = root / "app/schemas/item.py"
    text = schemas.read_text()
    create = text.index("class ItemCreate(")
    line = text.index("    description:", create)
    schemas.write_text(text[:line] + text[text.index("\n", line) + 1 :])
    second = ProjectIndex(root, reuse=first, changed=frozenset({"app/schemas/item.py"}))
    after = _by_model(second)
    assert "description" in {f.name for f in before["Item"].fields}
    assert "description" not in {f.name for f in after["Item"].fields}
    assert after["Item"] == _by_model(ProjectIndex(root))["Item"]
    assert after["Category"] is before["Category"]


def test_a_module_a_footprint_found_no_class_in_still_lacks_it_once_it_grows(tmp_path) -> None:
    # a batch adds a fixture to the conftest for each resource: the payload classes looked for
    # there are still not there, and the footprints stay the ones found before
    root = _seed(tmp_path)
    first = ProjectIndex(root)
    before = _by_model(first)
    conftest = root / "tests/conftest.py"
    conftest.write_text(conftest.read_text() + "\n\nasync def spare() -> None:\n    return None\n")
    second = ProjectIndex(root, reuse=first, changed=frozenset({"tests/conftest.py"}))
    after = _by_model(second)
    assert after == _by_model(ProjectIndex(root))  # what a fresh index finds
    assert after["Item"] is before["Item"]


def test_a_module_that_gains_the_class_looked_for_gives_the_footprint_found_afresh(tmp_path) -> None:
    root = _seed(tmp_path)
    first = ProjectIndex(root)
    before = _by_model(first)
    # the create schema moves to the router module, where it was looked for and absent
    schemas, router = root / "app/schemas/item.py", root / "app/routers/items.py"
    text = schemas.read_text()
    start = text.index("class ItemCreate(")
    end = text.index("\nclass ", start + 1)
    moved = text[start:end].replace("    description:", "    notes:", 1)
    router.write_text(router.read_text() + "\n\n" + moved + "\n")
    second = ProjectIndex(root, reuse=first, changed=frozenset({"app/routers/items.py"}))
    after = _by_model(second)
    assert after["Item"] == _by_model(ProjectIndex(root))["Item"]
    assert after["Category"] is before["Category"]
