"""The dependency module `--auth jwt` or `--auth api-key` writes into a project without auth.

jwt: a bearer token signed HS256 with the project's secret, whose `sub` claim names the caller
(PyJWT). api-key: the `X-API-Key` header, compared with the project's key in constant time.
The secret or key is read at each request (from the settings object, else the environment),
never written in code; unset, every request fails loudly rather than passing.
"""

from __future__ import annotations

from dataclasses import dataclass

JWT_DEPENDENCY = "get_current_user"
API_KEY_DEPENDENCY = "verify_api_key"

_JWT = '''"""Who is calling: the `sub` of a bearer token (JWT, HS256) signed with {secret_name}."""

{imports}

bearer = HTTPBearer(auto_error=False)


def get_current_user(credentials: {credentials} = Depends(bearer)) -> str:
    """The `sub` claim of a valid bearer token; 401 without one."""
    if credentials is None:
        raise _unauthorized("Not authenticated")
    try:
        claims = jwt.decode(
            credentials.credentials, _secret(), algorithms=["HS256"], options={{"require": ["sub"]}}
        )
    except jwt.InvalidTokenError:
        raise _unauthorized("Invalid token") from None
    return claims["sub"]


def _secret() -> str:
    secret = {secret}
    if not secret:
        raise RuntimeError("{secret_name} is not set: tokens cannot be checked")
    return secret


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED, detail=detail, headers={{"WWW-Authenticate": "Bearer"}}
    )
'''

_API_KEY = '''"""Who may call: a client sending the key ({secret_name}) in the X-API-Key header."""

{imports}

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)


def verify_api_key(api_key: {key} = Depends(api_key_header)) -> str:
    """The key sent, when it is the project's; 401 otherwise."""
    if api_key is None or not hmac.compare_digest(api_key.encode(), _key().encode()):
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Invalid or missing API key")
    return api_key


def _key() -> str:
    key = {secret}
    if not key:
        raise RuntimeError("{secret_name} is not set: keys cannot be checked")
    return key
'''


@dataclass(frozen=True)
class SecretSource:
    """Where the secret is read: its code (`os.environ.get("JWT_SECRET")`, `settings.jwt_secret`),
    the import it needs (`import os` is the standard library's; any other is the project's), and
    the name a person sets (`JWT_SECRET`)."""

    code: str
    imported: str
    name: str


def environment_secret(kind: str) -> SecretSource:
    """The secret read from the environment: JWT_SECRET or API_KEY."""
    name = "JWT_SECRET" if kind == "jwt" else "API_KEY"
    return SecretSource(f'os.environ.get("{name}")', "import os", name)


def render_dependency(kind: str, secret: SecretSource, optional: str) -> str:
    """The module's text; `optional` is how the project writes an optional type, `{}` for the type."""
    stdlib = ["import hmac"] if kind == "api-key" else []
    ours = []
    (stdlib if secret.imported == "import os" else ours).append(secret.imported)
    if "Optional[" in optional or "Union[" in optional:
        stdlib.append(f"from typing import {optional.split('[')[0]}")
    if kind == "jwt":
        third = ["import jwt", "from fastapi import Depends, HTTPException, status",
                 "from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer"]
        template, fields = _JWT, {"credentials": optional.format("HTTPAuthorizationCredentials")}
    else:
        third = ["from fastapi import Depends, HTTPException, status", "from fastapi.security import APIKeyHeader"]
        template, fields = _API_KEY, {"key": optional.format("str")}
    imports = "\n\n".join("\n".join(section) for section in (stdlib, third, ours) if section)
    return template.format(imports=imports, secret=secret.code, secret_name=secret.name, **fields)
