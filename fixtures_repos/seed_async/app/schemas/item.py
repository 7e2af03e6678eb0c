from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class ItemCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    sku: str = Field(min_length=1, max_length=64)
    description: str | None = None
    price: float = Field(default=0.0, ge=0)
    quantity: int = Field(default=0, ge=0)
    category_id: int


class ItemUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    sku: str | None = Field(default=None, min_length=1, max_length=64)
    description: str | None = None
    price: float | None = Field(default=None, ge=0)
    quantity: int | None = Field(default=None, ge=0)
    category_id: int | None = None


class ItemResponse(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    sku: str
    description: str | None
    price: float
    quantity: int
    category_id: int
    owner_id: int
    created_at: datetime
    updated_at: datetime


class ItemListResponse(BaseModel):
    data: list[ItemResponse]
    next_cursor: int | None
    has_more: bool
