"""A batch judges a module's habits (kept formatted, imports sorted, relative imports) on the
project's own text, as a single run does: not on the text the resource before it left there. The
project's modules its resources join are tidied once, at its end, to what tidying them for each
resource gave."""

from __future__ import annotations

from pathlib import Path

import pytest

import codemods.add_crud.planning as planning
import codemods.tidy as tidy_module
from codemods.add_crud.cli import add_crud
from tests.harness import copy_fixture
from tests.test_batch_checks import SPEC  # three resources: Order, Report, Tag


def test_the_shared_modules_are_judged_as_the_project_wrote_them_and_tidied_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_fixture("seed_async", tmp_path)
    shared = ("tests/conftest.py", "app/main.py")
    project_texts = {path: (project / path).read_text(encoding="utf-8") for path in shared}
    judged: list[dict[str, str]] = []  # each tidying's habit for the shared modules it tidies
    real_tidy = tidy_module.tidy

    def tidy(edits, habits, *args, **kwargs):
        judged.append({path: habits[path][0] for path in shared if habits.get(path)})
        return real_tidy(edits, habits, *args, **kwargs)

    monkeypatch.setattr(planning, "tidy", tidy)  # each resource's
    monkeypatch.setattr(tidy_module, "tidy", tidy)  # the batch's, at its end
    (project / "resources.toml").write_text(SPEC, encoding="utf-8")
    monkeypatch.chdir(project)
    assert add_crud(["--spec", "resources.toml", "--allow-dirty", "--no-cache"]) == 0
    assert len(judged) == 4  # the three resources', then the batch's
    assert judged[:3] == [{}, {}, {}]  # each resource left them to the batch
    assert judged[3] == project_texts  # judged on the project's text, not the one a resource left
    assert "orders" in (project / "app/main.py").read_text() and "tags" in (project / "app/main.py").read_text()


@pytest.mark.parametrize("mode", ["--dry-run", "--patch-dir"])
def test_tidying_the_shared_modules_once_gives_what_tidying_them_for_each_resource_gave(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], mode: str
) -> None:
    """The batch's result, and each resource's patch, as when every resource tidied the app, the
    models package and the conftest it joined (a project kept formatted, its imports sorted)."""
    out = {}
    for each in (False, True):
        project = copy_fixture("seed_async", tmp_path / str(each))
        (project / "resources.toml").write_text(SPEC, encoding="utf-8")
        monkeypatch.chdir(project)
        with monkeypatch.context() as m:
            if each:
                m.setattr(planning.InBatch, "tidies_later", lambda self, path: False)
            patches = tmp_path / f"patches-{each}"
            args = ["--patch-dir", str(patches)] if mode == "--patch-dir" else ["--dry-run"]
            assert add_crud(["--spec", "resources.toml", "--no-cache", *args]) == 0
        printed = capsys.readouterr().out
        out[each] = {p.name: p.read_text() for p in sorted(patches.iterdir())} if mode == "--patch-dir" else printed
    assert out[False] == out[True]
    # the models package's imports sorted: each twin went in right after the exemplar's (Category)
    assert "+from app.models.order import Order\n+from app.models.report import Report\n+from app.models.tag import Tag\n" in (
        out[False]["all.patch"] if mode == "--patch-dir" else out[False]
    )
