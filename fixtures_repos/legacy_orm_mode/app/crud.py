from typing import List, Optional

from sqlalchemy.orm import Session

from app import models, schemas


def get_user_by_email(db: Session, *, email: str) -> Optional[models.User]:
    return db.query(models.User).filter(models.User.email == email).first()


def create_user(
    db: Session, *, user_in: schemas.UserCreate, hashed_password: str
) -> models.User:
    db_user = models.User(
        email=user_in.email,
        full_name=user_in.full_name,
        hashed_password=hashed_password,
    )
    db.add(db_user)
    db.commit()
    db.refresh(db_user)
    return db_user


def get_author(db: Session, *, author_id: int) -> Optional[models.Author]:
    return db.query(models.Author).filter(models.Author.id == author_id).first()


def get_author_by_name(db: Session, *, name: str) -> Optional[models.Author]:
    return db.query(models.Author).filter(models.Author.name == name).first()


def get_authors(db: Session, *, skip: int = 0, limit: int = 100) -> List[models.Author]:
    return (
        db.query(models.Author)
        .order_by(models.Author.id)
        .offset(skip)
        .limit(limit)
        .all()
    )


def create_author(db: Session, *, author_in: schemas.AuthorCreate) -> models.Author:
    db_author = models.Author(**author_in.dict())
    db.add(db_author)
    db.commit()
    db.refresh(db_author)
    return db_author


def update_author(
    db: Session, *, db_author: models.Author, author_in: schemas.AuthorUpdate
) -> models.Author:
    update_data = author_in.dict(exclude_unset=True)
    for field, value in update_data.items():
        setattr(db_author, field, value)
    db.add(db_author)
    db.commit()
    db.refresh(db_author)
    return db_author


def remove_author(db: Session, *, db_author: models.Author) -> None:
    db.delete(db_author)
    db.commit()


def get_book(db: Session, *, book_id: int) -> Optional[models.Book]:
    return db.query(models.Book).filter(models.Book.id == book_id).first()


def get_book_by_isbn(db: Session, *, isbn: str) -> Optional[models.Book]:
    return db.query(models.Book).filter(models.Book.isbn == isbn).first()


def get_books(db: Session, *, skip: int = 0, limit: int = 100) -> List[models.Book]:
    return (
        db.query(models.Book).order_by(models.Book.id).offset(skip).limit(limit).all()
    )


def create_book(db: Session, *, book_in: schemas.BookCreate) -> models.Book:
    db_book = models.Book(**book_in.dict())
    db.add(db_book)
    db.commit()
    db.refresh(db_book)
    return db_book


def update_book(
    db: Session, *, db_book: models.Book, book_in: schemas.BookUpdate
) -> models.Book:
    update_data = book_in.dict(exclude_unset=True)
    for field, value in update_data.items():
        setattr(db_book, field, value)
    db.add(db_book)
    db.commit()
    db.refresh(db_book)
    return db_book


def remove_book(db: Session, *, db_book: models.Book) -> None:
    db.delete(db_book)
    db.commit()
