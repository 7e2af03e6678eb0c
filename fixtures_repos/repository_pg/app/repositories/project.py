import uuid
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.pagination import decode_cursor, encode_cursor
from app.models import Project


class ProjectRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_for_owner(self, id: uuid.UUID, owner_id: uuid.UUID) -> Project | None:
        stmt = select(Project).where(Project.id == id, Project.owner_id == owner_id)
        return await self.session.scalar(stmt)

    async def list_for_owner(
        self, owner_id: uuid.UUID, *, cursor: str | None, limit: int
    ) -> tuple[list[Project], str | None]:
        stmt = (
            select(Project)
            .where(Project.owner_id == owner_id)
            .order_by(Project.created_at.desc(), Project.id.desc())
            .limit(limit + 1)
        )
        if cursor is not None:
            created_at, last_id = decode_cursor(cursor)
            stmt = stmt.where(tuple_(Project.created_at, Project.id) < tuple_(created_at, last_id))
        projects = list(await self.session.scalars(stmt))
        if len(projects) <= limit:
            return projects, None
        last = projects[limit - 1]
        return projects[:limit], encode_cursor(last.created_at, last.id)

    async def add(self, project: Project) -> Project:
        self.session.add(project)
        try:
            await self.session.commit()
        except IntegrityError:
            await self.session.rollback()
            raise
        await self.session.refresh(project)
        return project

    async def update(self, project: Project, values: dict[str, Any]) -> Project:
        for field, value in values.items():
            setattr(project, field, value)
        try:
            await self.session.commit()
        except IntegrityError:
            await self.session.rollback()
            raise
        await self.session.refresh(project)
        return project

    async def delete(self, project: Project) -> None:
        await self.session.delete(project)
        await self.session.commit()
