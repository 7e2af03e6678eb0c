import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator


class NoteIn(BaseModel):
    project_id: uuid.UUID
    title: str = Field(min_length=1, max_length=200)
    body: str = ""
    is_pinned: bool = False


class NotePatch(BaseModel):
    project_id: uuid.UUID | None = None
    title: str | None = Field(default=None, min_length=1, max_length=200)
    body: str | None = None
    is_pinned: bool | None = None

    @field_validator("project_id", "title", "body", "is_pinned")
    @classmethod
    def reject_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("must not be null")
        return value


class NoteOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    owner_id: uuid.UUID
    project_id: uuid.UUID
    title: str
    body: str
    is_pinned: bool
    created_at: datetime
    updated_at: datetime


class NotePage(BaseModel):
    items: list[NoteOut]
    next_cursor: str | None
