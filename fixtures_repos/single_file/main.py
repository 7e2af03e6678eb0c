import os
from contextlib import asynccontextmanager
from typing import List, Optional

from fastapi import Depends, FastAPI, HTTPException, status
from pydantic import BaseModel, ConfigDict
from sqlalchemy import Column, ForeignKey, Integer, String, Text, create_engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, declarative_base, relationship, sessionmaker

# ---------------------------------------------------------------------------
# Database
# ---------------------------------------------------------------------------

SQLALCHEMY_DATABASE_URL = os.getenv('DATABASE_URL', 'sqlite:///./library.db')

engine = create_engine(
    SQLALCHEMY_DATABASE_URL, connect_args={'check_same_thread': False}
)
SessionLocal = sessionmaker(autocommit=False, autoflush=False, bind=engine)

Base = declarative_base()


# ---------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------


class Author(Base):
    __tablename__ = 'authors'

    id = Column(Integer, primary_key=True, index=True)
    name = Column(String, nullable=False)
    email = Column(String, unique=True, index=True, nullable=False)
    bio = Column(Text, nullable=True)

    books = relationship('Book', back_populates='author', cascade='all, delete-orphan')


class Book(Base):
    __tablename__ = 'books'

    id = Column(Integer, primary_key=True, index=True)
    title = Column(String, index=True, nullable=False)
    isbn = Column(String, unique=True, index=True, nullable=False)
    published_year = Column(Integer, nullable=True)
    author_id = Column(Integer, ForeignKey('authors.id'), nullable=False)

    author = relationship('Author', back_populates='books')


# ---------------------------------------------------------------------------
# Schemas
# ---------------------------------------------------------------------------


class AuthorBase(BaseModel):
    name: str
    email: str
    bio: Optional[str] = None


class AuthorCreate(AuthorBase):
    pass


class AuthorUpdate(BaseModel):
    name: Optional[str] = None
    email: Optional[str] = None
    bio: Optional[str] = None


class AuthorOut(AuthorBase):
    model_config = ConfigDict(from_attributes=True)

    id: int


class BookBase(BaseModel):
    title: str
    isbn: str
    published_year: Optional[int] = None
    author_id: int


class BookCreate(BookBase):
    pass


class BookUpdate(BaseModel):
    title: Optional[str] = None
    isbn: Optional[str] = None
    published_year: Optional[int] = None
    author_id: Optional[int] = None


class BookOut(BookBase):
    model_config = ConfigDict(from_attributes=True)

    id: int


# ---------------------------------------------------------------------------
# Dependencies
# ---------------------------------------------------------------------------


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


# ---------------------------------------------------------------------------
# Application
# ---------------------------------------------------------------------------


@asynccontextmanager
async def lifespan(app: FastAPI):
    Base.metadata.create_all(bind=engine)
    yield


app = FastAPI(title='Library API', lifespan=lifespan)


# ---------------------------------------------------------------------------
# Authors
# ---------------------------------------------------------------------------


@app.get('/authors/', response_model=List[AuthorOut])
def read_authors(db: Session = Depends(get_db)):
    return db.query(Author).all()


@app.get('/authors/{author_id}', response_model=AuthorOut)
def read_author(author_id: int, db: Session = Depends(get_db)):
    db_author = db.query(Author).filter(Author.id == author_id).first()
    if db_author is None:
        raise HTTPException(
            status_code=status.HTTP_404_NOT_FOUND, detail='Author not found'
        )
    return db_author


@app.post('/authors/', response_model=AuthorOut, status_code=status.HTTP_201_CREATED)
def create_author(author: AuthorCreate, db: Session = Depends(get_db)):
    db_author = Author(**author.model_dump())
    db.add(db_author)
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        raise HTTPException(
            status_code=status.HTTP_409_CONFLICT,
            detail='Author with this email already exists',
        )
    db.refresh(db_author)
    return db_author


@app.patch('/authors/{author_id}', response_model=AuthorOut)
def update_author(author_id: int, author: AuthorUpdate, db: Session = Depends(get_db)):
    db_author = db.query(Author).filter(Author.id == author_id).first()
    if db_author is None:
        raise HTTPException(
            status_code=status.HTTP_404_NOT_FOUND, detail='Author not found'
        )
    for field, value in author.model_dump(exclude_unset=True).items():
        setattr(db_author, field, value)
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        raise HTTPException(
            status_code=status.HTTP_409_CONFLICT,
            detail='Author with this email already exists',
        )
    db.refresh(db_author)
    return db_author


@app.delete('/authors/{author_id}', status_code=status.HTTP_204_NO_CONTENT)
def delete_author(author_id: int, db: Session = Depends(get_db)):
    db_author = db.query(Author).filter(Author.id == author_id).first()
    if db_author is None:
        raise HTTPException(
            status_code=status.HTTP_404_NOT_FOUND, detail='Author not found'
        )
    db.delete(db_author)
    db.commit()


# ---------------------------------------------------------------------------
# Books
# ---------------------------------------------------------------------------


@app.get('/books/', response_model=List[BookOut])
def read_books(db: Session = Depends(get_db)):
    return db.query(Book).all()


@app.get('/books/{book_id}', response_model=BookOut)
def read_book(book_id: int, db: Session = Depends(get_db)):
    db_book = db.query(Book).filter(Book.id == book_id).first()
    if db_book is None:
        raise HTTPException(
            status_code=status.HTTP_404_NOT_FOUND, detail='Book not found'
        )
    return db_book


@app.post('/books/', response_model=BookOut, status_code=status.HTTP_201_CREATED)
def create_book(book: BookCreate, db: Session = Depends(get_db)):
    db_author = db.query(Author).filter(Author.id == book.author_id).first()
    if db_author is None:
        raise HTTPException(
            status_code=status.HTTP_404_NOT_FOUND, detail='Author not found'
        )
    db_book = Book(**book.model_dump())
    db.add(db_book)
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        raise HTTPException(
            status_code=status.HTTP_409_CONFLICT,
            detail='Book with this ISBN already exists',
        )
    db.refresh(db_book)
    return db_book


@app.patch('/books/{book_id}', response_model=BookOut)
def update_book(book_id: int, book: BookUpdate, db: Session = Depends(get_db)):
    db_book = db.query(Book).filter(Book.id == book_id).first()
    if db_book is None:
        raise HTTPException(
            status_code=status.HTTP_404_NOT_FOUND, detail='Book not found'
        )
    update_data = book.model_dump(exclude_unset=True)
    if 'author_id' in update_data:
        db_author = (
            db.query(Author).filter(Author.id == update_data['author_id']).first()
        )
        if db_author is None:
            raise HTTPException(
                status_code=status.HTTP_404_NOT_FOUND, detail='Author not found'
            )
    for field, value in update_data.items():
        setattr(db_book, field, value)
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        raise HTTPException(
            status_code=status.HTTP_409_CONFLICT,
            detail='Book with this ISBN already exists',
        )
    db.refresh(db_book)
    return db_book


@app.delete('/books/{book_id}', status_code=status.HTTP_204_NO_CONTENT)
def delete_book(book_id: int, db: Session = Depends(get_db)):
    db_book = db.query(Book).filter(Book.id == book_id).first()
    if db_book is None:
        raise HTTPException(
            status_code=status.HTTP_404_NOT_FOUND, detail='Book not found'
        )
    db.delete(db_book)
    db.commit()
