from .item import Item, ItemCreate, ItemInDB, ItemUpdate
from .user import User, UserCreate
