"""The existing model lives beside another resource's (`--from-model Warehouse`, defined in
src/suppliers/models.py): the clone's model module is not written and its imports of the model
point at the model's home (codemods/clone/model_home.py)."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.model_home import TakeImport, without_class
from codemods.visit import visit


def _take(code: str, here: str = "src.warehouses.router", package: bool = False) -> tuple[str, list[str | None]]:
    take = TakeImport("Warehouse", "src.warehouses.models", here, package)
    out = visit(cst.parse_module(textwrap.dedent(code)), take).code
    return out, take.taken


def test_a_relative_import_of_the_model_is_taken_out() -> None:
    out, taken = _take("""\
        from .dependencies import get_service
        from .models import Warehouse
        from .schemas import WarehouseRead
        """)
    assert out == "from .dependencies import get_service\nfrom .schemas import WarehouseRead\n"
    assert taken == [None]


def test_an_absolute_import_is_taken_out_and_its_alias_kept() -> None:
    out, taken = _take("from src.warehouses.models import Warehouse as Model\nx = Model\n", here="tests.test_warehouses")
    assert out == "x = Model\n"
    assert taken == ["Model"]


def test_the_other_names_of_the_line_stay() -> None:
    out, taken = _take("from .models import Warehouse, WarehouseKind\n")
    assert out == "from .models import WarehouseKind\n"
    assert taken == [None]


def test_a_package_resolves_its_relative_imports_from_itself() -> None:
    out, taken = _take("from .models import Warehouse\n", here="src.warehouses", package=True)
    assert (out.strip(), taken) == ("", [None])


def test_imports_of_other_modules_and_names_are_left_alone() -> None:
    code = """\
        from src.suppliers.models import Warehouse
        from .models import WarehouseKind
        from ..products.models import Warehouse as Product


        def load():
            from .models import Warehouse

            return Warehouse
        """
    out, taken = _take(code)
    assert out == textwrap.dedent(code)  # the one in a function: the check names it if it dangles
    assert taken == []


def test_a_module_left_with_only_imports_is_not_written() -> None:
    code = '''\
        """Warehouses."""
        from sqlalchemy.orm import Mapped

        from src.database import Base

        __all__ = ["Warehouse"]


        class Warehouse(Base):
            id: Mapped[int]
        '''
    assert without_class(textwrap.dedent(code), "Warehouse") is None


def test_a_module_keeping_other_definitions_keeps_them() -> None:
    code = """\
        import enum


        class WarehouseKind(enum.Enum):
            COLD = "cold"


        class Warehouse(Base):
            kind: WarehouseKind
        """
    assert without_class(textwrap.dedent(code), "Warehouse") == textwrap.dedent("""\
        import enum


        class WarehouseKind(enum.Enum):
            COLD = "cold"
        """)
