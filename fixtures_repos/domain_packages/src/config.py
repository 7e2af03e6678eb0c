from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_", env_file=".env", extra="ignore")

    app_name: str = "Inventory Service"
    database_url: str = "sqlite+aiosqlite:///./inventory.db"
    api_key: str = "dev-api-key"
    debug: bool = False


settings = Settings()
