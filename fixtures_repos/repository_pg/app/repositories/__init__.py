from app.repositories.note import NoteRepository
from app.repositories.project import ProjectRepository
from app.repositories.user import UserRepository

__all__ = ["NoteRepository", "ProjectRepository", "UserRepository"]
