from app.models.note import Note
from app.models.project import Project
from app.models.user import User

__all__ = ["Note", "Project", "User"]
