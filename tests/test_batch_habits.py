"""A batch judges a module's habits (kept formatted, imports sorted, relative imports) on the
project's own text, as a single run does: not on the text the resource before it left there."""

from __future__ import annotations

from pathlib import Path

import pytest

import codemods.add_crud.planning as planning
from codemods.add_crud.cli import add_crud
from tests.harness import copy_fixture
from tests.test_batch_checks import SPEC  # three resources: Order, Report, Tag


def test_every_resource_of_a_batch_judges_the_shared_modules_as_the_project_wrote_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_fixture("seed_async", tmp_path)
    shared = ("tests/conftest.py", "app/main.py")
    project_texts = {path: (project / path).read_text(encoding="utf-8") for path in shared}
    judged: list[dict[str, str]] = []
    real_tidy = planning.tidy

    def tidy(edits, habits, *args, **kwargs):
        judged.append({path: habits[path][0] for path in shared if habits.get(path)})
        return real_tidy(edits, habits, *args, **kwargs)

    monkeypatch.setattr(planning, "tidy", tidy)
    (project / "resources.toml").write_text(SPEC, encoding="utf-8")
    monkeypatch.chdir(project)
    assert add_crud(["--spec", "resources.toml", "--allow-dirty"]) == 0
    assert len(judged) == 3 and all(set(j) == set(shared) for j in judged)
    assert all(j == project_texts for j in judged)  # each edited the module the one before left
    assert "orders" in (project / "app/main.py").read_text() and "tags" in (project / "app/main.py").read_text()
