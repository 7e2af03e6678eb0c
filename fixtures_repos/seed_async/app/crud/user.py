from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.security import hash_password
from app.models import User
from app.schemas.user import UserCreate, UserUpdate


async def get_user(db: AsyncSession, user_id: int) -> User | None:
    return await db.get(User, user_id)


async def get_user_by_email(db: AsyncSession, email: str) -> User | None:
    return await db.scalar(select(User).where(User.email == email))


async def list_users(
    db: AsyncSession, *, cursor: int | None, limit: int
) -> tuple[list[User], int | None]:
    stmt = select(User).order_by(User.id)
    if cursor is not None:
        stmt = stmt.where(User.id > cursor)
    result = await db.scalars(stmt.limit(limit + 1))
    users = list(result.all())
    if len(users) > limit:
        users = users[:limit]
        return users, users[-1].id
    return users, None


async def create_user(db: AsyncSession, data: UserCreate, *, role: str = "user") -> User:
    values = data.model_dump(exclude={"password"})
    user = User(**values, hashed_password=hash_password(data.password), role=role)
    db.add(user)
    try:
        await db.commit()
    except IntegrityError:
        await db.rollback()
        raise
    await db.refresh(user)
    return user


async def update_user(db: AsyncSession, user: User, data: UserUpdate) -> User:
    values = data.model_dump(exclude_unset=True)
    password = values.pop("password", None)
    if password is not None:
        user.hashed_password = hash_password(password)
    for field, value in values.items():
        setattr(user, field, value)
    try:
        await db.commit()
    except IntegrityError:
        await db.rollback()
        raise
    await db.refresh(user)
    return user


async def delete_user(db: AsyncSession, user: User) -> None:
    await db.delete(user)
    await db.commit()
