"""add_imports: merge into the module's import lines, never duplicate, place new lines like isort."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from codemods.formatting import FormatStyle
from codemods.imports import Import, add_imports, render_imports, section

RUFF = FormatStyle(formatter="ruff", line_length=88, quotes="double", indent="    ")
FIRST_PARTY = frozenset({"app"})
I = Import  # tables read better short


def code(text: str) -> str:
    return textwrap.dedent(text)


def add(before: str, imports: list[Import], style: FormatStyle = RUFF) -> str:
    return add_imports(cst.parse_module(before), imports, style, FIRST_PARTY).code


SECTIONED = code("""\
    import os
    from typing import Any

    from fastapi import APIRouter
    from sqlalchemy import select

    from app.db import get_session
    from app.models import Item

    router = APIRouter()
""")

CASES = [
    # -- nothing to do: the module comes back byte for byte ---------------------------------
    pytest.param(
        "from fastapi import APIRouter, Depends\n\nrouter = APIRouter()\n",
        [I("fastapi", "Depends")],
        "from fastapi import APIRouter, Depends\n\nrouter = APIRouter()\n",
        id="unchanged-from-import-present",
    ),
    pytest.param(
        "from fastapi import (Depends)  # odd spacing kept\n",
        [I("fastapi", "Depends")],
        "from fastapi import (Depends)  # odd spacing kept\n",
        id="unchanged-odd-formatting-untouched",
    ),
    pytest.param(
        "import uuid\n", [I("uuid")], "import uuid\n", id="unchanged-plain-import-present"
    ),
    pytest.param(
        "import os.path\n",
        [I("os")],
        "import os.path\n",
        id="unchanged-dotted-import-binds-package",
    ),
    pytest.param(
        "from datetime import datetime as dt\n",
        [I("datetime", "datetime", "dt")],
        "from datetime import datetime as dt\n",
        id="unchanged-aliased-import-present",
    ),
    pytest.param(
        "from sqlalchemy.orm import Session\n",
        [I("sqlmodel", "Session")],
        "from sqlalchemy.orm import Session\n",
        id="unchanged-name-already-bound-elsewhere",
    ),
    # -- merged into an existing `from m import ...` line -------------------------------------
    pytest.param(
        "from app.schemas import OrderCreate, OrderPublic\n",
        [I("app.schemas", "OrderUpdate")],
        "from app.schemas import OrderCreate, OrderPublic, OrderUpdate\n",
        id="merge-appended-in-order",
    ),
    pytest.param(
        "from app.schemas import OrderCreate, OrderUpdate\n",
        [I("app.schemas", "OrderPublic")],
        "from app.schemas import OrderCreate, OrderPublic, OrderUpdate\n",
        id="merge-sorted-into-the-middle",
    ),
    pytest.param(
        "from app.crud import MAX, OrderCreate, get_order\n",
        [I("app.crud", "list_orders"), I("app.crud", "Order"), I("app.crud", "LIMIT")],
        "from app.crud import LIMIT, MAX, Order, OrderCreate, get_order, list_orders\n",
        id="merge-order-by-type-constants-classes-functions",
    ),
    pytest.param(
        "from app.schemas import OrderPublic, OrderUpdate\n",
        [I("app.schemas", "OrdersPublic")],
        "from app.schemas import OrderPublic, OrdersPublic, OrderUpdate\n",
        id="merge-case-insensitive-within-group",
    ),
    pytest.param(
        "from app.schemas import b, a\n",
        [I("app.schemas", "c")],
        "from app.schemas import b, a, c\n",
        id="merge-unsorted-line-appended",
    ),
    pytest.param(
        "from datetime import datetime as dt\n",
        [I("datetime", "date")],
        "from datetime import date, datetime as dt\n",
        id="merge-next-to-alias",
    ),
    pytest.param(
        "from datetime import date\n",
        [I("datetime", "datetime", "dt")],
        "from datetime import date, datetime as dt\n",
        id="merge-aliased",
    ),
    pytest.param(
        "from .schemas import ItemCreate\n",
        [I(".schemas", "ItemUpdate")],
        "from .schemas import ItemCreate, ItemUpdate\n",
        id="merge-relative",
    ),
    pytest.param(
        "from app.models import Item  # noqa: F401\n",
        [I("app.models", "Order")],
        "from app.models import Item, Order  # noqa: F401\n",
        id="merge-keeps-trailing-comment",
    ),
    pytest.param(
        code("""\
            from app.models import (  # models
                Item,  # the item
                User,
            )
        """),
        [I("app.models", "Order")],
        code("""\
            from app.models import (  # models
                Item,  # the item
                Order,
                User,
            )
        """),
        id="merge-parenthesized-keeps-comments",
    ),
    pytest.param(
        "from app.schemas import ItemCreate, ItemPublic, ItemsPublic, ItemUpdate, OrderCreate\n",
        [I("app.schemas", "OrderPublic")],
        code("""\
            from app.schemas import (
                ItemCreate,
                ItemPublic,
                ItemsPublic,
                ItemUpdate,
                OrderCreate,
                OrderPublic,
            )
        """),
        id="merge-long-line-wrapped-by-formatter",
    ),
    pytest.param(
        "from app.models import Item; import os\n",
        [I("app.models", "Order")],
        "from app.models import Item; import os\nfrom app.models import Order\n",
        id="merge-never-drops-a-second-statement-on-the-line",
    ),
    pytest.param(
        "import os\n\nx = 1\n",
        [I("app.models", "Order"), I("app.models", "OrderCreate")],
        "import os\n\nfrom app.models import Order, OrderCreate\n\nx = 1\n",
        id="two-names-from-a-new-module-share-one-line",
    ),
    # -- a new line, in its isort section, after the closest module ---------------------------
    pytest.param(
        SECTIONED,
        [I("decimal", "Decimal")],
        SECTIONED.replace("import os\n", "import os\nfrom decimal import Decimal\n"),
        id="new-stdlib-from",
    ),
    pytest.param(
        SECTIONED,
        [I("uuid")],
        SECTIONED.replace("import os\n", "import os\nimport uuid\n"),
        id="new-stdlib-plain-before-froms",
    ),
    pytest.param(
        SECTIONED,
        [I("pydantic", "BaseModel")],
        SECTIONED.replace("from sqlalchemy", "from pydantic import BaseModel\nfrom sqlalchemy"),
        id="new-third-party-middle",
    ),
    pytest.param(
        SECTIONED,
        [I("anyio")],
        SECTIONED.replace("\nfrom fastapi", "\nimport anyio\nfrom fastapi"),
        id="new-third-party-first-in-section",
    ),
    pytest.param(
        SECTIONED,
        [I("app.deps", "SessionDep")],
        SECTIONED.replace("from app.models", "from app.deps import SessionDep\nfrom app.models"),
        id="new-first-party-middle",
    ),
    pytest.param(
        SECTIONED,
        [I("app.schemas", "OrderCreate")],
        SECTIONED.replace("import Item\n", "import Item\nfrom app.schemas import OrderCreate\n"),
        id="new-first-party-last",
    ),
    pytest.param(
        SECTIONED,
        [I("numpy", None, "np")],
        SECTIONED.replace("\nfrom fastapi", "\nimport numpy as np\nfrom fastapi"),
        id="new-aliased-plain",
    ),
    pytest.param(
        SECTIONED,
        [I("sqlalchemy.orm", "Session", "S")],
        SECTIONED.replace(
            "import select\n", "import select\nfrom sqlalchemy.orm import Session as S\n"
        ),
        id="new-aliased-from",
    ),
    pytest.param(
        "import os\n\nfrom app.models import Item\n\nx = 1\n",
        [I("fastapi", "Depends")],
        "import os\n\nfrom fastapi import Depends\n\nfrom app.models import Item\n\nx = 1\n",
        id="new-section-between-sections",
    ),
    pytest.param(
        "from app.models import Item\n\nx = 1\n",
        [I("os")],
        "import os\n\nfrom app.models import Item\n\nx = 1\n",
        id="new-section-before-all",
    ),
    pytest.param(
        "from __future__ import annotations\n\nfrom fastapi import FastAPI\n",
        [I("os")],
        "from __future__ import annotations\n\nimport os\n\nfrom fastapi import FastAPI\n",
        id="new-section-after-future",
    ),
    pytest.param(
        "from fastapi import APIRouter\n\nrouter = APIRouter()\n",
        [I(".deps", "SessionDep")],
        "from fastapi import APIRouter\n\nfrom .deps import SessionDep\n\nrouter = APIRouter()\n",
        id="new-relative-section-last",
    ),
    pytest.param(
        "from . import models\nfrom .schemas import ItemCreate\n",
        [I("..core", "settings")],
        "from ..core import settings\nfrom . import models\nfrom .schemas import ItemCreate\n",
        id="new-relative-furthest-first",
    ),
    pytest.param(
        "from ..core import settings\nfrom .schemas import ItemCreate\n",
        [I(".", "models")],
        "from ..core import settings\nfrom . import models\nfrom .schemas import ItemCreate\n",
        id="new-relative-closest-after",
    ),
    # -- a module without imports ----------------------------------------------------------
    pytest.param(
        '"""Orders."""\nx = 1\n',
        [I("app.models", "Order")],
        '"""Orders."""\n\nfrom app.models import Order\n\nx = 1\n',
        id="docstring-then-code",
    ),
    pytest.param(
        '"""Orders."""\n\n\ndef f():\n    pass\n',
        [I("app.models", "Order")],
        '"""Orders."""\n\nfrom app.models import Order\n\n\ndef f():\n    pass\n',
        id="docstring-then-def-two-blank-lines",
    ),
    pytest.param(
        '"""Orders."""\n',
        [I("app.models", "Order")],
        '"""Orders."""\n\nfrom app.models import Order\n',
        id="docstring-only",
    ),
    pytest.param(
        "x = 1\n",
        [I("app.models", "Order")],
        "from app.models import Order\n\nx = 1\n",
        id="code-only",
    ),
    pytest.param(
        "class A:\n    pass\n",
        [I("app.models", "Order")],
        "from app.models import Order\n\n\nclass A:\n    pass\n",
        id="class-only-two-blank-lines",
    ),
    pytest.param(
        "",
        [I("app.models", "Order")],
        "from app.models import Order\n",
        id="empty-module-ends-with-newline",
    ),
]


@pytest.mark.parametrize("before, imports, after", CASES)
def test_add_imports(before: str, imports: list[Import], after: str) -> None:
    expected = cst.parse_module(after).code  # a bad expectation fails here, loudly
    assert add(before, imports) == expected


@pytest.mark.parametrize("before, imports, after", CASES)
def test_add_imports_is_idempotent(before: str, imports: list[Import], after: str) -> None:
    once = add(before, imports)
    assert add(once, imports) == once


def test_nothing_to_add_returns_the_same_module_object() -> None:
    module = cst.parse_module("from fastapi import Depends\n")
    assert add_imports(module, [I("fastapi", "Depends")], RUFF, FIRST_PARTY) is module


def test_black_wraps_a_long_merged_line_too() -> None:
    black = FormatStyle(formatter="black", line_length=60, quotes="single", indent="    ")
    before = "from app.schemas import ItemCreate, ItemPublic, ItemUpdate\n"
    after = code("""\
        from app.schemas import (
            ItemCreate,
            ItemPublic,
            ItemUpdate,
            OrderCreate,
        )
    """)
    assert add(before, [I("app.schemas", "OrderCreate")], black) == cst.parse_module(after).code


@pytest.mark.parametrize(
    "imp, bound",
    [
        pytest.param(I("os"), "os", id="plain"),
        pytest.param(I("os.path"), "os", id="dotted-binds-package"),
        pytest.param(I("numpy", None, "np"), "np", id="plain-aliased"),
        pytest.param(I("fastapi", "Depends"), "Depends", id="from"),
        pytest.param(I("sqlalchemy.orm", "Session", "S"), "S", id="from-aliased"),
    ],
)
def test_import_binds(imp: Import, bound: str) -> None:
    assert imp.bound == bound


@pytest.mark.parametrize(
    "module, expected",
    [
        pytest.param("__future__", 0, id="future"),
        pytest.param("os.path", 1, id="stdlib"),
        pytest.param("fastapi", 2, id="third-party"),
        pytest.param("app.models", 3, id="first-party"),
        pytest.param(".models", 4, id="relative"),
    ],
)
def test_section(module: str, expected: int) -> None:
    assert section(module, FIRST_PARTY) == expected


def test_render_imports_for_a_new_module() -> None:
    imports = [
        I("fastapi", "Depends"),
        I("app.models", "OrderCreate"),
        I("uuid"),
        I("decimal", "Decimal"),
        I("__future__", "annotations"),
        I(".deps", "SessionDep"),
        I("..core", "settings"),
        I("fastapi", "APIRouter"),
        I("app.models", "Order"),
        I("numpy", None, "np"),
        I("sqlalchemy.orm", "Session", "S"),
        I("fastapi", "Depends"),
    ]
    expected = code("""\
        from __future__ import annotations

        import uuid
        from decimal import Decimal

        import numpy as np
        from fastapi import APIRouter, Depends
        from sqlalchemy.orm import Session as S

        from app.models import Order, OrderCreate

        from ..core import settings
        from .deps import SessionDep
    """)
    assert render_imports(imports, FIRST_PARTY) == cst.parse_module(expected).code


def test_render_imports_orders_names_by_type() -> None:
    imports = [
        I("app.crud", n) for n in ("get_order", "OrderUpdate", "MAX_ITEMS", "OrdersPublic", "Order")
    ]
    assert render_imports(imports, FIRST_PARTY) == (
        "from app.crud import MAX_ITEMS, Order, OrdersPublic, OrderUpdate, get_order\n"
    )


@pytest.mark.parametrize(
    "code, name, reads",
    [
        ("x = uuid4()", "uuid4", True),
        ("@pytest.fixture\ndef f(): ...", "pytest", True),
        ("x = uuid.uuid4()", "uuid4", False),  # an attribute of another name
        ("x = uuid4x()", "uuid4", False),  # inside a longer name
        ("x = my_uuid4()", "uuid4", False),
        ("", "pytest", False),
    ],
)
def test_a_name_is_read_only_as_a_name_of_its_own(code: str, name: str, reads: bool) -> None:
    from codemods.imports import reads_name

    assert reads_name(code, name) is reads
