"""DropCases: parametrize cases naming a left-out route go; the test keeps the others."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.drop_cases import DropCases, case_strings


def code(text: str) -> str:
    return textwrap.dedent(text)


def writes(strings: tuple[str, ...]) -> bool:
    return any(s in ("post", "put", "delete") for s in strings)


def dropped(before: str, functions: set[str]) -> str:
    after = cst.parse_module(code(before)).visit(DropCases(functions, writes)).code
    compile(after, "after", "exec")
    return after


BEFORE = """\
    @pytest.mark.parametrize(
        "method, url",
        [
            ("get", "/orders/"),
            ("post", "/orders/"),
            ("get", "/orders/1"),
            ("delete", "/orders/1"),
        ],
    )
    def test_orders_require_authentication(client, method, url): ...
"""


def test_another_function_keeps_its_cases() -> None:
    assert dropped(BEFORE, {"test_other"}) == code(BEFORE)


def test_the_unwanted_cases_go_and_the_layout_stays() -> None:
    after = """\
        @pytest.mark.parametrize(
            "method, url",
            [
                ("get", "/orders/"),
                ("get", "/orders/1"),
            ],
        )
        def test_orders_require_authentication(client, method, url): ...
    """
    assert dropped(BEFORE, {"test_orders_require_authentication"}) == code(after)


def test_when_every_case_is_unwanted_the_decorator_is_left_for_the_caller() -> None:
    # leave_out drops such a test whole; an empty parametrize list would skip silently
    before = """\
        @pytest.mark.parametrize("method", ["post", "delete"])
        def test_writes(client, method): ...
    """
    assert dropped(before, {"test_writes"}) == code(before)


def test_case_strings_reads_tuples_and_single_values() -> None:
    tuple_case = cst.parse_expression('("get", "/orders/", 3)')
    assert case_strings(tuple_case) == ("get", "/orders/")
    assert case_strings(cst.parse_expression('"post"')) == ("post",)
