import uuid
from typing import Any, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator


class WarehouseCreate(BaseModel):
    code: str = Field(min_length=2, max_length=32)
    name: str = Field(min_length=1, max_length=120)
    capacity: int = Field(ge=0)
    active: bool = True


class WarehouseChange(BaseModel):
    code: Union[str, None] = Field(None, min_length=2, max_length=32)
    name: Union[str, None] = Field(None, min_length=1, max_length=120)
    capacity: Union[int, None] = Field(None, ge=0)
    active: Union[bool, None] = None

    @field_validator("code", "name", "capacity", "active")
    @classmethod
    def reject_explicit_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("may be omitted, but not set to null")
        return value


class WarehouseView(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    code: str
    name: str
    capacity: int
    active: bool
