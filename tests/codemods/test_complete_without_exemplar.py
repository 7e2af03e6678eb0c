"""A resource serving every operation already is left alone even where nothing of the project
can be cloned to compare it with: the templates would otherwise write it a second time (and a
router beside its own one that the checks refuse)."""

from __future__ import annotations

from tests.codemods.test_render_key_type import PROJECT
from tests.detectors._project import make_project
from tests.harness import run_codemod

GADGETS = """
    from fastapi import APIRouter, Depends
    from sqlalchemy.ext.asyncio import AsyncSession

    from app.accounts.models import Gadget
    from app.database import get_session

    router = APIRouter()


    @router.get("/gadgets")
    async def list_gadgets(session: AsyncSession = Depends(get_session)):
        return []


    @router.get("/gadgets/{gadget_id}")
    async def get_gadget(gadget_id: int, session: AsyncSession = Depends(get_session)):
        return await session.get(Gadget, gadget_id)


    @router.post("/gadgets", status_code=201)
    async def create_gadget(label: str, session: AsyncSession = Depends(get_session)):
        return Gadget(label=label)


    @router.patch("/gadgets/{gadget_id}")
    async def update_gadget(gadget_id: int, label: str, session: AsyncSession = Depends(get_session)):
        return await session.get(Gadget, gadget_id)


    @router.delete("/gadgets/{gadget_id}", status_code=204)
    async def delete_gadget(gadget_id: int, session: AsyncSession = Depends(get_session)):
        return None
"""


def _files(gadgets: str) -> dict[str, str]:
    """The accounts project with the gadgets router beside its own, both included."""
    return {
        **PROJECT,
        "app/gadgets.py": gadgets,
        "pyproject.toml": "[project]\nname = \"shop\"\n",
        "app/main.py": (
            "from fastapi import FastAPI\n\n"
            "from app.gadgets import router as gadgets_router\n"
            "from app.accounts.routes import router as accounts_router\n\n"
            "app = FastAPI()\n"
            'app.include_router(accounts_router, prefix="/accounts")\n'
            "app.include_router(gadgets_router)\n"
        ),
    }


def test_a_resource_serving_every_operation_is_left_alone(tmp_path) -> None:
    root = make_project(tmp_path, _files(GADGETS))
    proc = run_codemod(root, "Gadget", "label:str", "--dry-run")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().endswith("Gadget already exists and is complete; nothing to change")
    assert proc.stdout == ""


def test_a_model_with_columns_its_create_schema_lacks_is_found_whole(tmp_path) -> None:
    """`--from-model Gadget` on a model whose create schema takes fewer columns than it has (a
    status the server sets) says it has endpoints, not that it lacks the columns it has."""
    with_schema = GADGETS.replace(
        "router = APIRouter()",
        "from pydantic import BaseModel\n\n\n    class GadgetCreate(BaseModel):\n        label: str\n\n\n    router = APIRouter()",
    ).replace("create_gadget(label: str,", "create_gadget(body: GadgetCreate,").replace("Gadget(label=label)", "Gadget(label=body.label)")
    files = _files(with_schema)
    files["app/accounts/models.py"] = files["app/accounts/models.py"].replace(
        'label: Mapped[str] = mapped_column(sa.String(80))',
        'label: Mapped[str] = mapped_column(sa.String(80))\n            status: Mapped[str] = mapped_column(sa.String(20), default="new")',
    )
    root = make_project(tmp_path, files)
    proc = run_codemod(root, "--from-model", "Gadget", "--dry-run")
    assert proc.returncode == 0, proc.stderr
    assert "without" not in proc.stderr
