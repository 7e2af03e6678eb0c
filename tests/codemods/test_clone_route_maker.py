"""route_maker: a row made through the target's create route, called with its tests' fixtures."""

from __future__ import annotations

from pathlib import Path

from codemods.clone.route_maker import route_maker
from codemods.imports import Import
from detectors import ProjectIndex
from detectors.resources import find_footprints
from tests.harness import FIXTURES

SAMPLES = Path(__file__).resolve().parent.parent / "sample_projects"


def made(root: Path, model: str):
    index = ProjectIndex(root)
    return route_maker(index, next(f for f in find_footprints(index) if f.model == model))


def test_the_helper_posts_to_the_create_route_with_the_headers_the_tests_send() -> None:
    found = made(SAMPLES / "legacy_crudbase", "Item")  # its tests post inline, no helper
    assert found is not None
    maker, loan = found
    assert maker.call(defined_here=True) == "new_item(client, normal_user_token_headers)"
    assert maker.value == "{}" and maker.copied  # the helper returns the key; each module gets it
    assert loan.names == ("new_item",)
    assert 'client.post(app.url_path_for("create_item"), json={' in loan.code[0] and "headers=headers" in loan.code[0]
    assert Import("app.main", "app") in loan.imports


def test_a_resource_without_a_create_route_gives_no_helper() -> None:
    assert made(FIXTURES / "seed_async", "User") is None  # users sign up through auth, not /users


GUARDED = {
    "app/__init__.py": "",
    "app/db.py": "from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n\n\ndef get_db():\n    yield None\n",
    "app/models.py": (
        "from sqlalchemy import Integer, String\nfrom sqlalchemy.orm import Mapped, mapped_column\n\nfrom app.db import Base\n\n\n"
        "class Tag(Base):\n    __tablename__ = 'tags'\n    id: Mapped[int] = mapped_column(Integer, primary_key=True)\n"
        "    label: Mapped[str] = mapped_column(String(40), unique=True)\n"
    ),
    "app/deps.py": "def get_current_superuser():\n    return None\n",
    "app/tags.py": (
        "from fastapi import APIRouter, Depends\nfrom pydantic import BaseModel\n\nfrom app.db import get_db\nfrom app.deps import get_current_superuser\n"
        "from app.models import Tag\n\nrouter = APIRouter()\n\n\nclass TagCreate(BaseModel):\n    label: str\n\n\n"
        "@router.post('/tag', dependencies=[Depends(get_current_superuser)], status_code=201)\n"
        "def write_tag(tag: TagCreate, db=Depends(get_db)):\n    return Tag(label=tag.label)\n\n\n"
        "@router.get('/tags')\ndef read_tags(db=Depends(get_db)):\n    return []\n\n\n"
        "@router.get('/tag/{id}')\ndef read_tag(id: int, db=Depends(get_db)):\n    return None\n"
    ),
    "app/setup.py": "from fastapi import FastAPI\n\n\ndef create_application(router) -> FastAPI:\n    application = FastAPI()\n    application.include_router(router)\n    return application\n",
    "app/main.py": "from app.setup import create_application\nfrom app.tags import router\n\napp = create_application(router)\n",
    "tests/__init__.py": "",
    "tests/test_tags.py": (
        "from app.main import app\n\n\ndef test_create_tag(client, guards_off):\n"
        "    response = client.post(app.url_path_for('write_tag'), json={'label': 'x'})\n    assert response.status_code == 201\n"
    ),
}


def test_a_guarded_create_route_of_an_app_a_factory_builds_is_posted_to_with_its_guards_lifted(tmp_path: Path) -> None:
    """`dependencies=[Depends(get_current_superuser)]` on the create route: the helper overrides
    the guard for its own post and leaves the app's overrides as they were (a test lifting the
    same guard keeps it lifted); the app is the module-level one the factory builds."""
    for path, text in GUARDED.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    found = made(tmp_path, "Tag")
    assert found is not None
    maker, loan = found
    assert maker.call(defined_here=True) == "new_tag(client)"
    code = loan.code[0]
    assert "saved = dict(app.dependency_overrides)" in code
    assert "app.dependency_overrides[get_current_superuser] = lambda: None" in code
    assert code.index("app.dependency_overrides.update(saved)") > code.index('url_path_for("write_tag")')
    assert Import("app.main", "app") in loan.imports and Import("app.tags", "get_current_superuser") in loan.imports
    compile(code, "helper", "exec")
