import uuid

from fastapi import APIRouter, Depends, HTTPException, Query, status
from sqlalchemy.exc import IntegrityError

from app.api.deps import get_current_user, get_project_repository
from app.models import Project, User
from app.repositories import ProjectRepository
from app.schemas.project import ProjectIn, ProjectOut, ProjectPage, ProjectPatch

router = APIRouter(prefix="/projects", tags=["projects"])


@router.get("", response_model=ProjectPage)
async def list_projects(
    cursor: str | None = None,
    limit: int = Query(50, ge=1, le=200),
    repo: ProjectRepository = Depends(get_project_repository),
    current_user: User = Depends(get_current_user),
) -> ProjectPage:
    projects, next_cursor = await repo.list_for_owner(current_user.id, cursor=cursor, limit=limit)
    return ProjectPage(items=[ProjectOut.model_validate(project) for project in projects], next_cursor=next_cursor)


@router.post("", response_model=ProjectOut, status_code=status.HTTP_201_CREATED)
async def create_project(
    payload: ProjectIn,
    repo: ProjectRepository = Depends(get_project_repository),
    current_user: User = Depends(get_current_user),
) -> Project:
    project = Project(owner_id=current_user.id, **payload.model_dump())
    try:
        return await repo.add(project)
    except IntegrityError:
        raise HTTPException(status.HTTP_409_CONFLICT, detail="Project with this name already exists") from None


@router.get("/{project_id}", response_model=ProjectOut)
async def get_project(
    project_id: uuid.UUID,
    repo: ProjectRepository = Depends(get_project_repository),
    current_user: User = Depends(get_current_user),
) -> Project:
    project = await repo.get_for_owner(project_id, current_user.id)
    if project is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="Project not found")
    return project


@router.patch("/{project_id}", response_model=ProjectOut)
async def update_project(
    project_id: uuid.UUID,
    payload: ProjectPatch,
    repo: ProjectRepository = Depends(get_project_repository),
    current_user: User = Depends(get_current_user),
) -> Project:
    project = await repo.get_for_owner(project_id, current_user.id)
    if project is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="Project not found")
    try:
        return await repo.update(project, payload.model_dump(exclude_unset=True))
    except IntegrityError:
        raise HTTPException(status.HTTP_409_CONFLICT, detail="Project with this name already exists") from None


@router.delete("/{project_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_project(
    project_id: uuid.UUID,
    repo: ProjectRepository = Depends(get_project_repository),
    current_user: User = Depends(get_current_user),
) -> None:
    project = await repo.get_for_owner(project_id, current_user.id)
    if project is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="Project not found")
    await repo.delete(project)
