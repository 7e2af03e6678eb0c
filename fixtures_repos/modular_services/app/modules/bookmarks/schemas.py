from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator


def clean_url(value: str) -> str:
    """Lower-case scheme and host, drop the fragment, and give bare hosts a '/' path."""
    parts = urlsplit(value.strip())
    scheme = parts.scheme.lower()
    if scheme not in {'http', 'https'} or not parts.netloc:
        raise ValueError('must be an absolute http(s) URL')
    return urlunsplit((scheme, parts.netloc.lower(), parts.path or '/', parts.query, ''))


class BookmarkIn(BaseModel):
    url: str = Field(max_length=2048)
    title: str = Field(min_length=1, max_length=200)
    notes: str | None = None
    is_favorite: bool = False

    @field_validator('url')
    @classmethod
    def normalise_url(cls, value: str) -> str:
        return clean_url(value)


class BookmarkPatch(BaseModel):
    url: str | None = Field(None, max_length=2048)
    title: str | None = Field(None, min_length=1, max_length=200)
    notes: str | None = None
    is_favorite: bool | None = None

    @field_validator('url', 'title', 'is_favorite')
    @classmethod
    def reject_null(cls, value: object) -> object:
        if value is None:
            raise ValueError('may be omitted but not null')
        return value

    @field_validator('url')
    @classmethod
    def normalise_url(cls, value: str) -> str:
        return clean_url(value)


class BookmarkOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    owner_id: int
    url: str
    title: str
    notes: str | None
    is_favorite: bool
    created_at: datetime
