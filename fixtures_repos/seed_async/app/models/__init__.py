from app.models.base import Base
from app.models.category import Category
from app.models.item import Item
from app.models.user import User

__all__ = ["Base", "Category", "Item", "User"]
