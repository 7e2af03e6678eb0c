from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    app_name: str = "Seed Async Inventory"
    database_url: str = "sqlite+aiosqlite:///./app.db"
    secret_key: str = "change-me-in-production-please-32b"
    jwt_algorithm: str = "HS256"
    access_token_expire_minutes: int = 60
    password_hash_iterations: int = 600_000


settings = Settings()
