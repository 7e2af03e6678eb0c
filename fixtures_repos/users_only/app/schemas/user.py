from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

# Deliberately loose: the confirmation e-mail is the real check, not a regex.
Email = Annotated[str, Field(max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
Password = Annotated[str, Field(min_length=8, max_length=128)]
FullName = Annotated[str, Field(min_length=1, max_length=255)]


class UserCreate(BaseModel):
    email: Email
    password: Password
    full_name: FullName | None = None


class UserUpdateMe(BaseModel):
    email: Email | None = None
    password: Password | None = None
    full_name: FullName | None = None


class UserPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    full_name: str | None
    is_active: bool
    is_superuser: bool
    created_at: datetime
