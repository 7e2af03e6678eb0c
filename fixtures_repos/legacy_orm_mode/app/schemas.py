from datetime import date
from typing import Optional

from pydantic import BaseModel, condecimal, constr


class Token(BaseModel):
    access_token: str
    token_type: str


class UserBase(BaseModel):
    email: constr(min_length=3, max_length=255)
    full_name: Optional[constr(max_length=100)] = None


class UserCreate(UserBase):
    password: constr(min_length=8)


class User(UserBase):
    id: int
    is_active: bool

    class Config:
        orm_mode = True


class AuthorBase(BaseModel):
    name: constr(min_length=1, max_length=200)
    bio: Optional[str] = None
    born: Optional[date] = None


class AuthorCreate(AuthorBase):
    pass


class AuthorUpdate(BaseModel):
    name: Optional[constr(min_length=1, max_length=200)] = None
    bio: Optional[str] = None
    born: Optional[date] = None


class Author(AuthorBase):
    id: int

    class Config:
        orm_mode = True


class BookBase(BaseModel):
    title: constr(min_length=1, max_length=200)
    isbn: constr(min_length=10, max_length=17)
    price: condecimal(ge=0, max_digits=10, decimal_places=2)
    published: bool = False
    author_id: Optional[int] = None


class BookCreate(BookBase):
    pass


class BookUpdate(BaseModel):
    title: Optional[constr(min_length=1, max_length=200)] = None
    isbn: Optional[constr(min_length=10, max_length=17)] = None
    price: Optional[condecimal(ge=0, max_digits=10, decimal_places=2)] = None
    published: Optional[bool] = None
    author_id: Optional[int] = None


class Book(BookBase):
    id: int

    class Config:
        orm_mode = True
