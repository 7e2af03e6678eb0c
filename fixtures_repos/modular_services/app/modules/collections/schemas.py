from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

PALETTE = frozenset({'blue', 'green', 'orange', 'purple', 'red', 'gray'})


def clean_color(value: str) -> str:
    color = value.strip().lower()
    if color not in PALETTE:
        raise ValueError(f'must be one of: {", ".join(sorted(PALETTE))}')
    return color


class CollectionIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    description: str | None = None
    color: str = 'blue'

    @field_validator('color')
    @classmethod
    def normalise_color(cls, value: str) -> str:
        return clean_color(value)


class CollectionPatch(BaseModel):
    name: str | None = Field(None, min_length=1, max_length=100)
    description: str | None = None
    color: str | None = None

    @field_validator('name', 'color')
    @classmethod
    def reject_null(cls, value: object) -> object:
        if value is None:
            raise ValueError('may be omitted but not null')
        return value

    @field_validator('color')
    @classmethod
    def normalise_color(cls, value: str) -> str:
        return clean_color(value)


class CollectionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    owner_id: int
    name: str
    description: str | None
    color: str
    created_at: datetime
