"""A model's relationship goes with the clone only where a foreign key the clone keeps backs it:
beside a dropped key (`notebook_id`) SQLAlchemy cannot join it, and the app would not start."""

from __future__ import annotations

from textwrap import dedent

from codemods.clone.chain import Cloning, clone_code
from codemods.clone.field_map import map_fields
from codemods.names import ResourceNames, spelling_pattern
from codemods.spec import parse_resource
from detectors.resources import FieldInfo

NOTE = dedent('''\
    from sqlalchemy import ForeignKey, String
    from sqlalchemy.orm import Mapped, mapped_column, relationship

    from app.models.base import Base


    class Note(Base):
        __tablename__ = "notes"

        id: Mapped[int] = mapped_column(primary_key=True)
        notebook_id: Mapped[int] = mapped_column(ForeignKey("notebooks.id"))
        title: Mapped[str] = mapped_column(String(64))

        notebook: Mapped["Notebook"] = relationship("Notebook", back_populates="notes")
''')
EXEMPLAR = (FieldInfo("notebook_id", "fk", False, False, False), FieldInfo("title", "str", False, False, False))


def _cloned(fields: list[str]) -> str:
    spec = parse_resource("Order", fields)
    cloning = Cloning(
        ResourceNames.parse("Note"), spec.names, map_fields(EXEMPLAR, spec.fields), "kebab",
        others=(spelling_pattern(ResourceNames.parse("Notebook")),),
    )
    return clone_code(NOTE, cloning, NOTE, "app/models/order.py", True, frozenset()).code


def test_a_relationship_whose_key_was_dropped_goes_with_it() -> None:
    code = _cloned(["total:decimal"])
    assert "notebook_id" not in code and "relationship(" not in code


def test_a_relationship_whose_key_the_clone_keeps_stays() -> None:
    code = _cloned(["total:decimal", "notebook_id:fk[Notebook]"])
    assert "notebook_id" in code and 'relationship("Notebook"' in code
