"""ORM models.

Import every model here so that ``Base.metadata`` is complete for Alembic and the tests.
"""

from app.models.base import Base, TimestampMixin
from app.models.user import User

__all__ = ["Base", "TimestampMixin", "User"]
