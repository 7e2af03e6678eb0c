"""append_statements: add top-level statements, skip names the module already defines."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from codemods.append_statements import append_statements, defined_names
from codemods.errors import TargetError


def code(text: str) -> str:
    return textwrap.dedent(text)


ITEM = code("""\
    class Item(Base):
        name: str
""")
ORDER = code("""\
    class Order(Base):
        total: int
""")

CASES = [
    # -- nothing new: the module comes back byte for byte, the names reported as skipped ------
    pytest.param(
        ITEM + "\n\n" + ORDER,
        ORDER,
        None,
        ITEM + "\n\n" + ORDER,
        ["Order"],
        id="unchanged-class-already-defined",
    ),
    pytest.param(
        "def get_order():  # odd spacing kept\n  return 1\n",
        "def get_order():\n    return 2\n",
        None,
        "def get_order():  # odd spacing kept\n  return 1\n",
        ["get_order"],
        id="unchanged-function-already-defined",
    ),
    pytest.param(
        "OrderDep = Annotated[Order, Depends(get_order)]\n",
        "OrderDep = Annotated[Order, Depends()]\n",
        None,
        "OrderDep = Annotated[Order, Depends(get_order)]\n",
        ["OrderDep"],
        id="unchanged-assignment-already-defined",
    ),
    pytest.param(
        "limit: int = 10\n",
        "limit: int = 20\n",
        None,
        "limit: int = 10\n",
        ["limit"],
        id="unchanged-annotated-assignment-already-defined",
    ),
    # -- appended at the end -----------------------------------------------------------------
    pytest.param(
        ITEM, ORDER, None, ITEM + "\n\n" + ORDER, [], id="class-after-class-two-blank-lines"
    ),
    pytest.param(
        "import os\n",
        "def f():\n    pass\n",
        None,
        "import os\n\n\ndef f():\n    pass\n",
        [],
        id="def-after-import-two-blank-lines",
    ),
    pytest.param(
        "import os\n",
        "x = 1\n",
        None,
        "import os\n\nx = 1\n",
        [],
        id="plain-after-plain-one-blank-line",
    ),
    pytest.param(
        ITEM, "x = 1\n", None, ITEM + "\n\nx = 1\n", [], id="plain-after-class-two-blank-lines"
    ),
    pytest.param("", "x = 1\n", None, "x = 1\n", [], id="into-empty-module"),
    pytest.param(
        "x = 1", "y = 2\n", None, "x = 1\n\ny = 2\n", [], id="module-without-final-newline"
    ),
    pytest.param(
        ITEM,
        "x = 1\n" + "\n\n" + ORDER + "y = 2\n",
        None,
        ITEM + "\n\nx = 1\n\n\n" + ORDER + "\n\ny = 2\n",
        [],
        id="two-blank-lines-around-each-class",
    ),
    pytest.param("x = 1\n", "x = 2\ny = 3\n", None, "x = 1\n\ny = 3\n", ["x"], id="partly-defined"),
    pytest.param(
        ITEM,
        "@dataclass\nclass Point:\n    x: int\n",
        None,
        ITEM + "\n\n@dataclass\nclass Point:\n    x: int\n",
        [],
        id="decorated-class",
    ),
    pytest.param(
        "x = 1  # one\n# the end\n",
        "y = 2\n",
        None,
        "x = 1  # one\n\ny = 2\n# the end\n",
        [],
        id="before-the-closing-comment",
    ),
    # -- after an anchor ----------------------------------------------------------------------
    pytest.param(
        ITEM + "\n\nclass User(Base):\n    pass\n",
        ORDER,
        "Item",
        ITEM + "\n\n" + ORDER + "\n\nclass User(Base):\n    pass\n",
        [],
        id="after-anchor-class",
    ),
    pytest.param(
        "x = 1\ny = 2\n",
        "z = 3\n",
        "x",
        "x = 1\n\nz = 3\n\ny = 2\n",
        [],
        id="after-anchor-assignment",
    ),
    pytest.param(
        ITEM + "\n\n# about users\nclass User(Base):\n    pass\n",
        ORDER,
        "Item",
        ITEM + "\n\n" + ORDER + "\n\n# about users\nclass User(Base):\n    pass\n",
        [],
        id="after-anchor-next-keeps-its-comment",
    ),
    pytest.param(
        ITEM + "# about users\nclass User(Base):\n    pass\n",
        ORDER,
        "Item",
        ITEM + "\n\n" + ORDER + "\n\n# about users\nclass User(Base):\n    pass\n",
        [],
        id="after-anchor-tight-comment-is-not-lost",
    ),
    pytest.param(ITEM, ORDER, "Item", ITEM + "\n\n" + ORDER, [], id="after-anchor-that-is-last"),
]


@pytest.mark.parametrize("before, new_code, after_name, after, skipped", CASES)
def test_append_statements(
    before: str, new_code: str, after_name: str | None, after: str, skipped: list[str]
) -> None:
    expected = cst.parse_module(after).code  # a bad expectation fails here, loudly
    module, skipped_names = append_statements(cst.parse_module(before), new_code, after=after_name)
    assert module.code == expected
    assert skipped_names == skipped


@pytest.mark.parametrize("before, new_code, after_name, after, skipped", CASES)
def test_append_statements_is_idempotent(
    before: str, new_code: str, after_name: str | None, after: str, skipped: list[str]
) -> None:
    once, _ = append_statements(cst.parse_module(before), new_code, after=after_name)
    twice, skipped_again = append_statements(once, new_code, after=after_name)
    assert twice.code == once.code
    assert sorted(skipped_again) == sorted(
        {n for s in cst.parse_module(new_code).body for n in defined_names(s)}
    )


def test_nothing_new_returns_the_same_module_object() -> None:
    module = cst.parse_module(ITEM)
    assert append_statements(module, ITEM)[0] is module


def test_missing_anchor_raises_target_error() -> None:
    with pytest.raises(TargetError, match="cannot find 'Missing' to insert after") as exc:
        append_statements(cst.parse_module(ITEM), ORDER, after="Missing")
    assert "\n" not in str(exc.value)


@pytest.mark.parametrize(
    "statement, names",
    [
        pytest.param("class A:\n    pass\n", {"A"}, id="class"),
        pytest.param("def f():\n    pass\n", {"f"}, id="def"),
        pytest.param("async def f():\n    pass\n", {"f"}, id="async-def"),
        pytest.param("x = y = 1\n", {"x", "y"}, id="chained-assignment"),
        pytest.param("x: int = 1\n", {"x"}, id="annotated"),
        pytest.param("x = 1; y = 2\n", {"x", "y"}, id="two-on-a-line"),
        pytest.param("obj.attr = 1\n", set(), id="attribute-binds-nothing"),
        pytest.param("import os\n", set(), id="import-is-not-a-definition"),
    ],
)
def test_defined_names(statement: str, names: set[str]) -> None:
    assert defined_names(cst.parse_module(statement).body[0]) == names
