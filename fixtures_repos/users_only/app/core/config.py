from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    PROJECT_NAME: str = "Users Only"
    DATABASE_URL: str = "sqlite:///./app.db"

    # Override in every deployed environment: tokens signed with the default are forgeable.
    SECRET_KEY: str = "change-me-in-production"
    JWT_ALGORITHM: str = "HS256"
    ACCESS_TOKEN_EXPIRE_MINUTES: int = 60

    # OWASP recommendation for PBKDF2-HMAC-SHA256; tests lower it to stay fast.
    PASSWORD_HASH_ITERATIONS: int = 600_000


settings = Settings()
