"""A `require_role` factory in the module of the project's auth dependency, where it has no role check.

Before:
    async def get_current_user(token: str = Depends(oauth2_scheme)) -> User:
        ...
After (`RoleFactory("get_current_user", "User", "role", is_async=True)`), right after it:
    def require_role(*roles: str):
        async def role_checker(current_user: User = Depends(get_current_user)) -> User:
            if getattr(current_user.role, "value", current_user.role) not in roles:
                raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Not enough permissions")
            return current_user

        return role_checker
The role is read from the user model's column holding roles (an enum's member or its value).
A module defining `require_role` already is left alone; `added` says whether it was written.
"""

from __future__ import annotations

import libcst as cst

from codemods.imports import Import

NAME = "require_role"
IMPORTS = (Import("fastapi", "Depends"), Import("fastapi", "HTTPException"), Import("fastapi", "status"))


def factory_code(dependency: str, user_model: str, attribute: str, is_async: bool, quote: str = '"') -> str:
    """The factory's source, checking `user.<attribute>` against the roles it is given."""
    read = f"current_user.{attribute}"
    detail = f"{quote}Not enough permissions{quote}"
    return (
        f"def {NAME}(*roles: str):\n"
        f"    {'async ' if is_async else ''}def role_checker(current_user: {user_model} = Depends({dependency})) -> {user_model}:\n"
        f"        if getattr({read}, {quote}value{quote}, {read}) not in roles:\n"
        f"            raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail={detail})\n"
        "        return current_user\n"
        "\n"
        "    return role_checker\n"
    )


class RoleFactory(cst.CSTTransformer):
    """The factory right after the auth dependency's definition, once."""

    def __init__(self, dependency: str, user_model: str, attribute: str, is_async: bool, quote: str = '"') -> None:
        super().__init__()
        self.dependency = dependency
        self.code = factory_code(dependency, user_model, attribute, is_async, quote)
        self.added = False

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        body = list(updated.body)
        if any(isinstance(s, cst.FunctionDef) and s.name.value == NAME for s in body):
            return updated
        at = next((i for i, s in enumerate(body) if isinstance(s, cst.FunctionDef) and s.name.value == self.dependency), None)
        if at is None:
            return updated
        factory = cst.parse_statement(self.code, config=updated.config_for_parsing)
        body.insert(at + 1, factory.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()]))
        self.added = True
        return updated.with_changes(body=body)
