"""too_new: new code using a name newer than the library version the project declares is refused."""

from __future__ import annotations

from pathlib import Path

from codemods.library_versions import too_new
from codemods.plan import FileEdit
from detectors.dependencies import detect_libraries
from detectors.project import ProjectIndex

MODEL = "from sqlalchemy import Column, Integer, Uuid\n\n\nclass Shipment(Base):\n    ref = Column(Uuid)\n"
REVISION = "import sqlalchemy as sa\n\n\ndef upgrade():\n    sa.Column('ref', sa.Uuid())\n"


def _declared(root: Path):
    """The libraries the project at `root` declares, as detection reads them."""
    return detect_libraries(ProjectIndex(root))


def test_a_name_the_declared_version_lacks_is_named_with_the_declaration(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("SQLAlchemy==1.3.19\n")
    why = too_new((FileEdit("app/models.py", None, MODEL),), _declared(tmp_path))
    assert why == (
        "app/models.py: the new code uses sqlalchemy.Uuid, which SQLAlchemy 2.0 added; "
        "the project declares SQLAlchemy 1.3.19 (requirements.txt)"
    )
    assert "sqlalchemy.Uuid" in (too_new((FileEdit("migrations/0002.py", None, REVISION),), _declared(tmp_path)) or "")


def test_a_newer_declaration_no_declaration_or_a_name_the_project_uses_already_pass(tmp_path: Path) -> None:
    edit = FileEdit("app/models.py", None, MODEL)
    assert too_new((edit,), _declared(tmp_path)) is None  # nothing declared: nothing known to be missing
    (tmp_path / "requirements.txt").write_text("SQLAlchemy==2.0.25\n")
    assert too_new((edit,), _declared(tmp_path)) is None
    (tmp_path / "requirements.txt").write_text("SQLAlchemy==1.3.19\n")
    assert too_new((FileEdit("app/models.py", MODEL, MODEL + "\n# more\n"),), _declared(tmp_path)) is None


def test_every_library_a_newer_name_comes_from_is_read_with_the_conventions() -> None:
    from codemods.library_versions import SINCE
    from detectors.conventions import LIBRARIES

    assert {package for package, _ in SINCE.values()} <= set(LIBRARIES)
