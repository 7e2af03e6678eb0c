from decimal import Decimal
from itertools import count

from app import models
from app.auth import get_password_hash

DEFAULT_PASSWORD = "correct-horse-battery"

_sequence = count(1)


def create_user(db, *, password=DEFAULT_PASSWORD, **overrides):
    fields = {
        "email": f"reader{next(_sequence)}@example.com",
        "full_name": "Test Reader",
        "is_active": True,
    }
    fields.update(overrides)
    user = models.User(hashed_password=get_password_hash(password), **fields)
    db.add(user)
    db.commit()
    db.refresh(user)
    return user


def create_author(db, **overrides):
    fields = {"name": f"Author {next(_sequence)}", "bio": None, "born": None}
    fields.update(overrides)
    author = models.Author(**fields)
    db.add(author)
    db.commit()
    db.refresh(author)
    return author


def create_book(db, **overrides):
    n = next(_sequence)
    fields = {
        "title": f"Book {n}",
        "isbn": f"978-0-00-{n:06d}-0",
        "price": Decimal("19.99"),
        "published": False,
        "author_id": None,
    }
    fields.update(overrides)
    book = models.Book(**fields)
    db.add(book)
    db.commit()
    db.refresh(book)
    return book
