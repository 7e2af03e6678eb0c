from typing import List

from fastapi import APIRouter, Depends, HTTPException, Response, status
from sqlalchemy.orm import Session

from app import crud, models, schemas
from app.auth import get_current_active_user
from app.database import get_db

router = APIRouter(prefix="/authors", tags=["authors"])


@router.get("/", response_model=List[schemas.Author])
def read_authors(
    skip: int = 0,
    limit: int = 100,
    db: Session = Depends(get_db),
    current_user: models.User = Depends(get_current_active_user),
):
    return crud.get_authors(db, skip=skip, limit=limit)


@router.post("/", response_model=schemas.Author, status_code=status.HTTP_201_CREATED)
def create_author(
    author_in: schemas.AuthorCreate,
    db: Session = Depends(get_db),
    current_user: models.User = Depends(get_current_active_user),
):
    if crud.get_author_by_name(db, name=author_in.name):
        raise HTTPException(
            status_code=status.HTTP_400_BAD_REQUEST,
            detail="An author with this name already exists",
        )
    return crud.create_author(db, author_in=author_in)


@router.get("/{author_id}", response_model=schemas.Author)
def read_author(
    author_id: int,
    db: Session = Depends(get_db),
    current_user: models.User = Depends(get_current_active_user),
):
    db_author = crud.get_author(db, author_id=author_id)
    if db_author is None:
        raise HTTPException(
            status_code=status.HTTP_404_NOT_FOUND, detail="Author not found"
        )
    return db_author


@router.put("/{author_id}", response_model=schemas.Author)
def update_author(
    author_id: int,
    author_in: schemas.AuthorUpdate,
    db: Session = Depends(get_db),
    current_user: models.User = Depends(get_current_active_user),
):
    db_author = crud.get_author(db, author_id=author_id)
    if db_author is None:
        raise HTTPException(
            status_code=status.HTTP_404_NOT_FOUND, detail="Author not found"
        )
    if author_in.name is not None and author_in.name != db_author.name:
        if crud.get_author_by_name(db, name=author_in.name):
            raise HTTPException(
                status_code=status.HTTP_400_BAD_REQUEST,
                detail="An author with this name already exists",
            )
    return crud.update_author(db, db_author=db_author, author_in=author_in)


@router.delete("/{author_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_author(
    author_id: int,
    db: Session = Depends(get_db),
    current_user: models.User = Depends(get_current_active_user),
):
    db_author = crud.get_author(db, author_id=author_id)
    if db_author is None:
        raise HTTPException(
            status_code=status.HTTP_404_NOT_FOUND, detail="Author not found"
        )
    crud.remove_author(db, db_author=db_author)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
