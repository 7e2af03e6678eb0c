"""A footprint reads the create schema's fields through its bases in other modules of the project
(SQLModel's habit: `TagCreate(TagBase)` with TagBase beside the table class), so those fields are
the client's, not set on the server."""

from __future__ import annotations

from pathlib import Path

from detectors.resources import find_footprints
from tests.detectors._project import index_project

FILES = {
    "app/__init__.py": "",
    "app/main.py": "from fastapi import FastAPI\n\nfrom app.routers import tags\n\napp = FastAPI()\napp.include_router(tags.router)\n",
    "app/models/__init__.py": "",
    "app/models/tag.py": """
        from sqlmodel import Field, SQLModel


        class TagBase(SQLModel):
            name: str | None = None
            description: str | None = None


        class Tag(TagBase, table=True):
            id: int | None = Field(default=None, primary_key=True)
            created_by_id: int | None = Field(default=None)
    """,
    "app/schemas/__init__.py": "",
    "app/schemas/tag.py": """
        from app.models.tag import TagBase


        class TagCreate(TagBase):
            pass
    """,
    "app/routers/__init__.py": "",
    "app/routers/tags.py": """
        from fastapi import APIRouter

        from app.schemas.tag import TagCreate

        router = APIRouter(prefix="/tags")


        @router.post("/")
        def create_tag(tag_in: TagCreate):
            return tag_in
    """,
}


def test_fields_of_a_schema_base_in_the_model_module_are_the_clients(tmp_path: Path) -> None:
    (tag,) = [f for f in find_footprints(index_project(tmp_path, FILES)) if f.model == "Tag"]
    assert "name" not in tag.server_set and "description" not in tag.server_set
    assert "created_by_id" in tag.server_set  # the create schema has no such field
