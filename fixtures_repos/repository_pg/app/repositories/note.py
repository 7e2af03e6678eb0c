import uuid
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.pagination import decode_cursor, encode_cursor
from app.models import Note


class NoteRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_for_owner(self, id: uuid.UUID, owner_id: uuid.UUID) -> Note | None:
        stmt = select(Note).where(Note.id == id, Note.owner_id == owner_id)
        return await self.session.scalar(stmt)

    async def list_for_owner(
        self, owner_id: uuid.UUID, *, cursor: str | None, limit: int, project_id: uuid.UUID | None = None
    ) -> tuple[list[Note], str | None]:
        stmt = (
            select(Note)
            .where(Note.owner_id == owner_id)
            .order_by(Note.created_at.desc(), Note.id.desc())
            .limit(limit + 1)
        )
        if project_id is not None:
            stmt = stmt.where(Note.project_id == project_id)
        if cursor is not None:
            created_at, last_id = decode_cursor(cursor)
            stmt = stmt.where(tuple_(Note.created_at, Note.id) < tuple_(created_at, last_id))
        notes = list(await self.session.scalars(stmt))
        if len(notes) <= limit:
            return notes, None
        last = notes[limit - 1]
        return notes[:limit], encode_cursor(last.created_at, last.id)

    async def add(self, note: Note) -> Note:
        self.session.add(note)
        try:
            await self.session.commit()
        except IntegrityError:
            await self.session.rollback()
            raise
        await self.session.refresh(note)
        return note

    async def update(self, note: Note, values: dict[str, Any]) -> Note:
        for field, value in values.items():
            setattr(note, field, value)
        try:
            await self.session.commit()
        except IntegrityError:
            await self.session.rollback()
            raise
        await self.session.refresh(note)
        return note

    async def delete(self, note: Note) -> None:
        await self.session.delete(note)
        await self.session.commit()
