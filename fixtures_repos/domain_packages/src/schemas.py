import math
from typing import Generic, Optional, TypeVar

from pydantic import BaseModel, SerializeAsAny, computed_field

T = TypeVar("T")


class Meta(BaseModel):
    """Base class for the ``meta`` part of the response envelope."""


class PageMeta(Meta):
    page: int
    size: int
    total: int

    @computed_field
    @property
    def pages(self) -> int:
        return math.ceil(self.total / self.size) if self.size else 0


class ApiResponse(BaseModel, Generic[T]):
    data: T
    meta: Optional[SerializeAsAny[Meta]] = None
