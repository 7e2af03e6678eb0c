import uuid
from typing import Generic, List, Tuple, Type, TypeVar, Union

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.db import Base

EntityT = TypeVar("EntityT", bound=Base)


class Repository(Generic[EntityT]):
    """Persistence for one entity type; subclasses set `entity` and add their own lookups."""

    entity: Type[EntityT]

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, entity_id: uuid.UUID) -> Union[EntityT, None]:
        return self.session.get(self.entity, entity_id)

    def page_after(
        self, cursor: Union[uuid.UUID, None], limit: int
    ) -> Tuple[List[EntityT], Union[uuid.UUID, None]]:
        """Keyset page ordered by id; returns the rows and the cursor of the next page, if any."""
        statement = select(self.entity).order_by(self.entity.id).limit(limit + 1)
        if cursor is not None:
            statement = statement.where(self.entity.id > cursor)
        rows = list(self.session.scalars(statement))
        if len(rows) > limit:
            return rows[:limit], rows[limit - 1].id
        return rows, None

    def add(self, entity: EntityT) -> EntityT:
        self.session.add(entity)
        self.session.commit()
        self.session.refresh(entity)
        return entity

    def save(self, entity: EntityT) -> EntityT:
        self.session.commit()
        self.session.refresh(entity)
        return entity

    def remove(self, entity: EntityT) -> None:
        self.session.delete(entity)
        self.session.commit()
