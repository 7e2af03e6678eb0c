import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    database_url: str
    jwt_secret: str
    jwt_algorithm: str
    token_ttl_minutes: int


def load_settings() -> Settings:
    return Settings(
        database_url=os.environ.get("SERVICE_DATABASE_URL", "sqlite:///./service.db"),
        jwt_secret=os.environ.get("SERVICE_JWT_SECRET", "local-development-secret-change-me-0123456789"),
        jwt_algorithm="HS256",
        token_ttl_minutes=int(os.environ.get("SERVICE_TOKEN_TTL_MINUTES", "60")),
    )


settings = load_settings()
