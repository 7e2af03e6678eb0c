"""Registering a router: a call after the last sibling include, or an element of a router list."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from codemods.errors import TargetError
from codemods.formatting import FormatStyle
from codemods.insert_router_include import append_to_list, insert_include_call

RUFF = FormatStyle(formatter="ruff", line_length=88, quotes="double", indent="    ")
SINGLE = FormatStyle(formatter="ruff", line_length=88, quotes="single", indent="    ")
ORDERS = "app.include_router(orders.router)"


def code(text: str) -> str:
    return textwrap.dedent(text)


MODULE_LEVEL = code("""\
    app = FastAPI()
    app.include_router(items.router)
    app.include_router(users.router, prefix="/users")


    @app.get("/")
    def root():
        return {}
""")
FACTORY = code("""\
    def create_app() -> FastAPI:
        app = FastAPI()
        app.include_router(items.router)
        return app
""")

INCLUDE_CASES = [
    # -- already included: unchanged byte for byte --------------------------------------------
    pytest.param(
        MODULE_LEVEL.replace("items", "orders"),
        "app",
        ORDERS,
        "orders.router",
        MODULE_LEVEL.replace("items", "orders"),
        id="unchanged-already-included",
    ),
    pytest.param(
        FACTORY.replace("items", "orders"),
        "app",
        ORDERS,
        "orders.router",
        FACTORY.replace("items", "orders"),
        id="unchanged-already-included-in-factory",
    ),
    pytest.param(
        "app.include_router(orders.router, prefix='/o')  # odd\nappend_here = 1\n",
        "app",
        "app.include_router(orders.router, prefix='/orders')",
        "orders.router",
        "app.include_router(orders.router, prefix='/o')  # odd\nappend_here = 1\n",
        id="unchanged-included-with-other-arguments",
    ),
    # -- inserted after the last include ------------------------------------------------------
    pytest.param(
        MODULE_LEVEL,
        "app",
        ORDERS,
        "orders.router",
        MODULE_LEVEL.replace('"/users")\n', '"/users")\napp.include_router(orders.router)\n'),
        id="module-level-after-last",
    ),
    pytest.param(
        FACTORY,
        "app",
        "app.include_router(orders.router, prefix='/orders', tags=['orders'])",
        "orders.router",
        FACTORY.replace(
            "items.router)\n",
            'items.router)\n    app.include_router(orders.router, prefix="/orders", tags=["orders"])\n',
        ),
        id="inside-app-factory-formatted",
    ),
    pytest.param(
        code("""\
            api_router = APIRouter()
            api_router.include_router(items.router, prefix="/items")
            app.include_router(api_router)
        """),
        "api_router",
        "api_router.include_router(orders.router, prefix='/orders')",
        "orders.router",
        code("""\
            api_router = APIRouter()
            api_router.include_router(items.router, prefix="/items")
            api_router.include_router(orders.router, prefix="/orders")
            app.include_router(api_router)
        """),
        id="on-the-named-target-only",
    ),
    pytest.param(
        "app.include_router(items.router)  # items\n# the end\n",
        "app",
        ORDERS,
        "orders.router",
        "app.include_router(items.router)  # items\napp.include_router(orders.router)\n# the end\n",
        id="comments-stay-put",
    ),
    pytest.param(
        "app.include_router(\n    items.router,\n    prefix='/items',\n)\n",
        "app",
        ORDERS,
        "orders.router",
        "app.include_router(\n    items.router,\n    prefix='/items',\n)\napp.include_router(orders.router)\n",
        id="after-a-multi-line-include",
    ),
]


@pytest.mark.parametrize("before, target, call, router_expr, after", INCLUDE_CASES)
def test_insert_include_call(
    before: str, target: str, call: str, router_expr: str, after: str
) -> None:
    expected = cst.parse_module(after).code  # a bad expectation fails here, loudly
    module, changed = insert_include_call(cst.parse_module(before), target, call, RUFF, router_expr)
    assert module.code == expected
    assert changed is (before != after)


@pytest.mark.parametrize("before, target, call, router_expr, after", INCLUDE_CASES)
def test_insert_include_call_is_idempotent(
    before: str, target: str, call: str, router_expr: str, after: str
) -> None:
    once, _ = insert_include_call(cst.parse_module(before), target, call, RUFF, router_expr)
    twice, changed = insert_include_call(once, target, call, RUFF, router_expr)
    assert (twice.code, changed) == (once.code, False)


def test_already_included_returns_the_same_module_object() -> None:
    module = cst.parse_module("app.include_router(orders.router)\n")
    assert insert_include_call(module, "app", ORDERS, RUFF, "orders.router") == (module, False)


@pytest.mark.parametrize(
    "before",
    [
        pytest.param("app = FastAPI()\n", id="no-include-at-all"),
        pytest.param("api_router.include_router(items.router)\n", id="includes-on-another-target"),
        pytest.param("app.mount('/static', static)\n", id="other-calls-on-the-target"),
    ],
)
def test_no_include_to_anchor_raises_target_error(before: str) -> None:
    with pytest.raises(
        TargetError, match=r"no app.include_router\(...\) call to insert after"
    ) as exc:
        insert_include_call(cst.parse_module(before), "app", ORDERS, RUFF, "orders.router")
    assert "\n" not in str(exc.value)


def test_the_call_is_formatted_for_its_real_depth() -> None:
    # 49 characters: fits in 56 columns at one level deep (4 spaces), not at three (12 spaces).
    call = 'app.include_router(orders.router, prefix="/orders")'
    before = code("""\
        class Setup:
            def register(self, app):
                if app:
                    app.include_router(items.router)
    """)
    after = code("""\
        class Setup:
            def register(self, app):
                if app:
                    app.include_router(items.router)
                    app.include_router(
                        orders.router, prefix="/orders"
                    )
    """)
    narrow = FormatStyle(formatter="ruff", line_length=56, quotes="double", indent="    ")
    module, _ = insert_include_call(cst.parse_module(before), "app", call, narrow, "orders.router")
    assert module.code == cst.parse_module(after).code
    assert max(len(line) for line in module.code.splitlines()) <= 56


LIST_CASES = [
    # -- already listed: unchanged byte for byte ----------------------------------------------
    pytest.param(
        "routers = [auth.router, orders.router]\n",
        "routers",
        "orders.router",
        RUFF,
        "routers = [auth.router, orders.router]\n",
        id="unchanged-router-listed",
    ),
    pytest.param(
        "__all__ = ['Item', 'Order']  # odd quotes\n",
        "__all__",
        '"Order"',
        RUFF,
        "__all__ = ['Item', 'Order']  # odd quotes\n",
        id="unchanged-same-string-other-quotes",
    ),
    # -- a router list ------------------------------------------------------------------------
    pytest.param(
        "routers = [auth.router, items.router]\n",
        "routers",
        "orders.router",
        RUFF,
        "routers = [auth.router, items.router, orders.router]\n",
        id="router-list-appended",
    ),
    pytest.param(
        "routers = [users.router, items.router]\n",
        "routers",
        "orders.router",
        RUFF,
        "routers = [users.router, items.router, orders.router]\n",
        id="unsorted-list-appended-at-end",
    ),
    pytest.param(
        "routers = []\n",
        "routers",
        "orders.router",
        RUFF,
        "routers = [orders.router]\n",
        id="empty-list",
    ),
    pytest.param(
        "ROUTERS = [a.router, b.router, c.router, d.router, e.router, f.router, g.router, h.router]\n",
        "ROUTERS",
        "orders.router",
        RUFF,
        code("""\
            ROUTERS = [
                a.router,
                b.router,
                c.router,
                d.router,
                e.router,
                f.router,
                g.router,
                h.router,
                orders.router,
            ]
        """),
        id="long-list-wrapped-by-formatter",
    ),
    # -- __all__ ------------------------------------------------------------------------------
    pytest.param(
        '__all__ = ["Item", "User"]\n',
        "__all__",
        '"Order"',
        RUFF,
        '__all__ = ["Item", "Order", "User"]\n',
        id="sorted-__all__-kept-sorted",
    ),
    pytest.param(
        '__all__ = ["User", "Item"]\n',
        "__all__",
        '"Order"',
        RUFF,
        '__all__ = ["User", "Item", "Order"]\n',
        id="unsorted-__all__-appended",
    ),
    pytest.param(
        '__all__ = ["Item"]\n',
        "__all__",
        '"Order"',
        RUFF,
        '__all__ = ["Item", "Order"]\n',
        id="one-element-appended",
    ),
    pytest.param(
        "__all__ = ['Item', 'User']\n",
        "__all__",
        '"Order"',
        SINGLE,
        "__all__ = ['Item', 'Order', 'User']\n",
        id="single-quoted-__all__-sorted-by-value",
    ),
    pytest.param(
        code("""\
            __all__ = [
                "Item",  # the item
                "User",
            ]
        """),
        "__all__",
        '"Order"',
        RUFF,
        code("""\
            __all__ = [
                "Item",  # the item
                "Order",
                "User",
            ]
        """),
        id="multi-line-__all__-keeps-comments",
    ),
    # -- tuples ---------------------------------------------------------------------------------
    pytest.param(
        '__all__ = ("Item", "User")\n',
        "__all__",
        '"Order"',
        RUFF,
        '__all__ = ("Item", "Order", "User")\n',
        id="tuple-sorted",
    ),
    pytest.param(
        '__all__ = ("Item",)\n',
        "__all__",
        '"Order"',
        RUFF,
        '__all__ = ("Item", "Order")\n',
        id="one-element-tuple",
    ),
    pytest.param(
        "__all__ = ()\n",
        "__all__",
        '"Order"',
        RUFF,
        '__all__ = ("Order",)\n',
        id="empty-tuple-stays-a-tuple",
    ),
    pytest.param(
        '__all__ = "Item", "User"\n',
        "__all__",
        '"Order"',
        RUFF,
        '__all__ = ("Item", "Order", "User")\n',
        id="bare-tuple",
    ),
]


@pytest.mark.parametrize("before, name, element, style, after", LIST_CASES)
def test_append_to_list(
    before: str, name: str, element: str, style: FormatStyle, after: str
) -> None:
    expected = cst.parse_module(after).code  # a bad expectation fails here, loudly
    module, changed = append_to_list(cst.parse_module(before), name, element, style)
    assert module.code == expected
    assert changed is (before != after)


@pytest.mark.parametrize("before, name, element, style, after", LIST_CASES)
def test_append_to_list_is_idempotent(
    before: str, name: str, element: str, style: FormatStyle, after: str
) -> None:
    once, _ = append_to_list(cst.parse_module(before), name, element, style)
    twice, changed = append_to_list(once, name, element, style)
    assert (twice.code, changed) == (once.code, False)


def test_only_the_named_list_changes_and_leading_lines_stay() -> None:
    before = 'import x\n\n# exported\n__all__ = ["Item"]\nother = ["Item"]\n'
    module, _ = append_to_list(cst.parse_module(before), "__all__", '"Order"', RUFF)
    assert module.code == 'import x\n\n# exported\n__all__ = ["Item", "Order"]\nother = ["Item"]\n'


@pytest.mark.parametrize(
    "before, message",
    [
        pytest.param("x = 1\n", "no module-level list '__all__'", id="no-such-list"),
        pytest.param(
            "def f():\n    __all__ = []\n", "no module-level list '__all__'", id="not-module-level"
        ),
        pytest.param('__all__ = "Item"\n', "__all__ is not a list literal", id="not-a-list"),
        pytest.param(
            '__all__ = ["Item"] + base.__all__\n',
            "__all__ is not a list literal",
            id="an-expression",
        ),
    ],
)
def test_append_to_list_errors(before: str, message: str) -> None:
    with pytest.raises(TargetError, match=message) as exc:
        append_to_list(cst.parse_module(before), "__all__", '"Order"', RUFF)
    assert "\n" not in str(exc.value)
