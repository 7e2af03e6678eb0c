import uuid

from fastapi import APIRouter, Depends, HTTPException, Query, status

from app.api.deps import get_current_user, get_note_repository, get_project_repository
from app.models import Note, User
from app.repositories import NoteRepository, ProjectRepository
from app.schemas.note import NoteIn, NoteOut, NotePage, NotePatch

router = APIRouter(prefix="/notes", tags=["notes"])


@router.get("", response_model=NotePage)
async def list_notes(
    project_id: uuid.UUID | None = None,
    cursor: str | None = None,
    limit: int = Query(50, ge=1, le=200),
    repo: NoteRepository = Depends(get_note_repository),
    current_user: User = Depends(get_current_user),
) -> NotePage:
    notes, next_cursor = await repo.list_for_owner(current_user.id, cursor=cursor, limit=limit, project_id=project_id)
    return NotePage(items=[NoteOut.model_validate(note) for note in notes], next_cursor=next_cursor)


@router.post("", response_model=NoteOut, status_code=status.HTTP_201_CREATED)
async def create_note(
    payload: NoteIn,
    repo: NoteRepository = Depends(get_note_repository),
    project_repo: ProjectRepository = Depends(get_project_repository),
    current_user: User = Depends(get_current_user),
) -> Note:
    if await project_repo.get_for_owner(payload.project_id, current_user.id) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="Project not found")
    note = Note(owner_id=current_user.id, **payload.model_dump())
    return await repo.add(note)


@router.get("/{note_id}", response_model=NoteOut)
async def get_note(
    note_id: uuid.UUID,
    repo: NoteRepository = Depends(get_note_repository),
    current_user: User = Depends(get_current_user),
) -> Note:
    note = await repo.get_for_owner(note_id, current_user.id)
    if note is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="Note not found")
    return note


@router.patch("/{note_id}", response_model=NoteOut)
async def update_note(
    note_id: uuid.UUID,
    payload: NotePatch,
    repo: NoteRepository = Depends(get_note_repository),
    project_repo: ProjectRepository = Depends(get_project_repository),
    current_user: User = Depends(get_current_user),
) -> Note:
    note = await repo.get_for_owner(note_id, current_user.id)
    if note is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="Note not found")
    values = payload.model_dump(exclude_unset=True)
    if "project_id" in values and await project_repo.get_for_owner(values["project_id"], current_user.id) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="Project not found")
    return await repo.update(note, values)


@router.delete("/{note_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_note(
    note_id: uuid.UUID,
    repo: NoteRepository = Depends(get_note_repository),
    current_user: User = Depends(get_current_user),
) -> None:
    note = await repo.get_for_owner(note_id, current_user.id)
    if note is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="Note not found")
    await repo.delete(note)
