"""The older full-stack template's layout: a generic `CRUDBase` with one `crud.item` object per
model, packages that re-export (`schemas.Item`, `models.User`), `deps.get_db` through the module,
owner-scoped CRUD methods, and a base class that derives `__tablename__`."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.harness import ORDER, run_codemod, run_project_tests, snapshot

SAMPLE = Path(__file__).parent / "sample_projects" / "legacy_crudbase"
RESOURCE = ORDER


def test_generic_crud_class_layout_end_to_end(tmp_path: Path) -> None:
    project = tmp_path / "legacy_crudbase"
    shutil.copytree(SAMPLE, project)

    proc = run_codemod(project, *RESOURCE)
    assert proc.returncode == 0, proc.stderr

    crud = (project / "app/crud/crud_order.py").read_text()
    assert "class CRUDOrder(CRUDBase[Order, OrderCreate, OrderUpdate]):" in crud
    assert "def get_multi_by_owner(" in crud and "\norder = CRUDOrder(Order)\n" in crud
    assert "from .crud_order import order\n" in (project / "app/crud/__init__.py").read_text()
    assert (
        "from .order import Order, OrderCreate, OrderInDB, OrderUpdate\n"
        in (project / "app/schemas/__init__.py").read_text()
    )
    assert "from .order import Order\n" in (project / "app/models/__init__.py").read_text()
    assert "__tablename__" not in (project / "app/models/order.py").read_text()
    router = (project / "app/api/api_v1/endpoints/orders.py").read_text()
    for spelling in (
        "response_model=schemas.Order",
        "Depends(deps.get_db)",
        "models.User = Depends(deps.get_current_user)",
        "crud.order.get_multi_by_owner(",
        "crud.order.create_with_owner(",
        "crud.order.remove(",
    ):
        assert spelling in router, spelling

    outcome = run_project_tests(project, "-rA")
    assert outcome.ok and outcome.passed_in("tests/test_orders.py") >= 4, outcome.explain()  # the exemplar has 4

    after = snapshot(project)
    again = run_codemod(project, *RESOURCE)
    assert again.returncode == 0 and "already exists" in again.stderr, again.stderr
    assert snapshot(project) == after
