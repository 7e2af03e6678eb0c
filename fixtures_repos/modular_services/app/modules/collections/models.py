from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from ...core.db import Base


class Collection(Base):
    __tablename__ = 'collections'
    __table_args__ = (UniqueConstraint('owner_id', 'name', name='uq_collections_owner_name'),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey('users.id', ondelete='CASCADE'), index=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    color: Mapped[str] = mapped_column(String(20), default='blue', server_default='blue')
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
