"""The length new text columns get is the one the project's text columns have most often; a key
held as text (`String(36)` for a UUID, and the foreign keys to it) is no text column's."""

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
