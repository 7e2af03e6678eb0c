"""CascadeToParent: the key's foreign key deletes the nested rows with their parent."""

from __future__ import annotations

import libcst as cst
import pytest

from codemods.clone.nesting.cascade import CascadeToParent


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            'owner_id = mapped_column(ForeignKey("users.id"))\n', None, id="another table"
        ),
        pytest.param(
            'item_id = mapped_column(ForeignKey("items.id", ondelete="SET NULL"))\n',
            None,
            id="says already",
        ),
        pytest.param(
            'item_id = mapped_column(ForeignKey("items.id"), index=True)\n',
            'item_id = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)\n',
            id="model",
        ),
        pytest.param(
            "sa.ForeignKeyConstraint(['item_id'], ['items.id'],)\n",
            "sa.ForeignKeyConstraint(['item_id'], ['items.id'], ondelete='CASCADE',)\n",
            id="revision, its quotes and trailing comma",
        ),
        pytest.param(
            'item_id: int = Field(foreign_key="items.id", index=True)\n',
            'item_id: int = Field(foreign_key="items.id", index=True, ondelete="CASCADE")\n',
            id="SQLModel field",
        ),
        pytest.param(
            'owner_id: int = Field(foreign_key="users.id")\n', None, id="SQLModel field to another table"
        ),
    ],
)
def test_cascade(before: str, after: str | None) -> None:
    t = CascadeToParent("items")
    assert cst.parse_module(before).visit(t).code == (after or before)
    assert t.done == (after is not None)


def test_a_sqlmodel_field_that_cannot_say_it_holds_the_revision_back() -> None:
    """SQLModel before 0.0.21 has no `ondelete`: the field stays, and says the revision must."""
    t = CascadeToParent("items", field_ondelete=False)
    before = 'item_id: int = Field(foreign_key="items.id", index=True)\n'
    assert cst.parse_module(before).visit(t).code == before
    assert t.held and not t.done
