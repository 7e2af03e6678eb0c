"""Habits the templates learn from the project's models: the length of its text columns (a key
held as text, `String(36)` for a UUID, is no text column's) and how it names tables; a batch
learns them from the project's own models, never from the resources it added a moment ago."""

from __future__ import annotations

from codemods.siblings import learn_habits
from detectors import ProjectIndex
from tests.detectors._project import make_project

MODELS = """
    import uuid

    import sqlalchemy as sa
    from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


    class Base(DeclarativeBase):
        pass


    class Account(Base):
        __tablename__ = "account"

        account_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=lambda: str(uuid.uuid4()))
        login: Mapped[str] = mapped_column(sa.String(120))


    class Device(Base):
        __tablename__ = "device"

        id: Mapped[int] = mapped_column(primary_key=True)
        account_id: Mapped[str] = mapped_column(sa.String(36), sa.ForeignKey("account.account_id"))
        label: Mapped[str] = mapped_column(sa.String(120))
        owner_id: Mapped[str] = mapped_column(sa.ForeignKey("account.account_id"))
"""


def test_keys_held_as_text_do_not_set_the_length_of_text_columns(tmp_path) -> None:
    root = make_project(tmp_path, {"app/__init__.py": "", "app/models.py": MODELS})
    assert learn_habits(ProjectIndex(root), "router").string_length == 120


BATCH_ADDED = """
    import sqlalchemy as sa
    from sqlalchemy.orm import Mapped, mapped_column

    from app.models import Base


    class Customer(Base):
        __tablename__ = "customer"

        id: Mapped[int] = mapped_column(primary_key=True)
        name: Mapped[str] = mapped_column(sa.String(36))


    class Invoice(Base):
        __tablename__ = "invoice"

        id: Mapped[int] = mapped_column(primary_key=True)
        number: Mapped[str] = mapped_column(sa.String(36))
        memo: Mapped[str] = mapped_column(sa.String(36))
"""


def test_a_batch_learns_from_the_projects_own_models_only(tmp_path) -> None:
    """Two resources a batch has just added (Customer, Invoice, their text columns String(36))
    set nothing for the next one: the project's own text columns are String(120)."""
    root = make_project(tmp_path, {"app/__init__.py": "", "app/models.py": MODELS, "app/added.py": BATCH_ADDED})
    index = ProjectIndex(root)
    assert learn_habits(index, "router").string_length == 36  # control: the added models count
    own = learn_habits(index, "router", own=frozenset({"Account", "Device"}))
    assert own.string_length == 120
