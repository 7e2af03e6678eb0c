import os
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Settings:
    app_name: str = 'linkshelf'
    database_url: str = 'sqlite+aiosqlite:///./linkshelf.db'
    echo_sql: bool = False


@lru_cache
def get_settings() -> Settings:
    return Settings(
        app_name=os.getenv('LINKSHELF_APP_NAME', Settings.app_name),
        database_url=os.getenv('LINKSHELF_DATABASE_URL', Settings.database_url),
        echo_sql=os.getenv('LINKSHELF_ECHO_SQL') == '1',
    )
