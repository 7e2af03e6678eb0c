import uuid
from typing import Generic, List, TypeVar, Union

from pydantic import BaseModel

T = TypeVar("T")


class CursorMeta(BaseModel):
    next_cursor: Union[str, None]
    limit: int

    @classmethod
    def after(cls, next_id: Union[uuid.UUID, None], limit: int) -> "CursorMeta":
        return cls(next_cursor=None if next_id is None else str(next_id), limit=limit)


class Envelope(BaseModel, Generic[T]):
    data: T


class ListEnvelope(BaseModel, Generic[T]):
    data: List[T]
    meta: CursorMeta
