from typing import Union

from sqlalchemy import select

from service.entities.user import User
from service.repos.base import Repository


class UserRepo(Repository[User]):
    entity = User

    def by_email(self, email: str) -> Union[User, None]:
        return self.session.scalar(select(User).where(User.email == email))
