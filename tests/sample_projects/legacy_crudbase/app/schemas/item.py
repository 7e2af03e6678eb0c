from typing import Optional

from pydantic import BaseModel, ConfigDict


class ItemBase(BaseModel):
    title: Optional[str] = None
    description: Optional[str] = None


class ItemCreate(ItemBase):
    title: str


class ItemUpdate(ItemBase):
    pass


class ItemInDBBase(ItemBase):
    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    owner_id: int


class Item(ItemInDBBase):
    pass


class ItemInDB(ItemInDBBase):
    pass
