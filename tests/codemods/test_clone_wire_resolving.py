"""A module whose wiring would import a twin of the exemplar's name that nothing of the clone
defines (a document of another route that happens to spell the exemplar) is left as it is, said
in a note, rather than the whole plan being refused by the import check."""

from __future__ import annotations

from pathlib import Path

from tests.harness import copy_fixture, run_codemod


def test_a_wiring_importing_a_name_nothing_defines_is_left_out(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    (project / "app/docs").mkdir()
    (project / "app/docs/__init__.py").write_text("")
    (project / "app/docs/texts.py").write_text('CATEGORY_ITEMS_DOC = {"summary": "the items of a category"}\n')
    catalog = "from app.docs.texts import CATEGORY_ITEMS_DOC\n\nDOCS = [CATEGORY_ITEMS_DOC]\n"
    (project / "app/docs/catalog.py").write_text(catalog)
    proc = run_codemod(project, "Order", "total:decimal", "--yes")
    assert proc.returncode == 0, proc.stderr
    assert "not wired: app/docs/catalog.py (imports ORDER_ITEMS_DOC from app.docs.texts, which does not define it)" in proc.stderr
    assert (project / "app/docs/catalog.py").read_text() == catalog
    assert (project / "app/routers/orders.py").is_file()
