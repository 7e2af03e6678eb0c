import secrets
from typing import Optional

from fastapi import Security
from fastapi.security import APIKeyHeader

from src.config import settings
from src.exceptions import NotAuthenticated

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)


async def verify_api_key(api_key: Optional[str] = Security(api_key_header)) -> str:
    if api_key is None or not secrets.compare_digest(api_key, settings.api_key):
        raise NotAuthenticated(headers={"WWW-Authenticate": "APIKey"})
    return api_key
