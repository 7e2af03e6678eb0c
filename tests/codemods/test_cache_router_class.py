"""RouteClassArgument: the new router gets the route class answering GETs with an ETag."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from codemods.cache_router_class import RouteClassArgument


def code(text: str) -> str:
    return textwrap.dedent(text)


def changed(before: str, router: str = "router") -> tuple[str, RouteClassArgument]:
    transformer = RouteClassArgument(router, "http_cache.cached_route(60)")
    after = cst.parse_module(code(before)).visit(transformer).code
    compile(after, "after", "exec")  # a bad expectation fails loudly
    return after, transformer


@pytest.mark.parametrize(
    "before",
    [
        pytest.param('router = APIRouter(prefix="/orders")\n', id="another-variable"),
        pytest.param('api = APIRouter(prefix="/orders", route_class=TimedRoute)\n', id="a-route-class-already"),
        pytest.param("def make():\n    api = APIRouter()\n    return api\n", id="not-module-level-name"),
    ],
)
def test_no_change(before: str) -> None:
    after, _ = changed(before, router="api" if "api" in before.split("=")[0] else "other")
    assert after == code(before)


def test_the_argument_goes_last() -> None:
    after, t = changed('router = APIRouter(prefix="/orders", tags=["orders"])\n')
    assert after == 'router = APIRouter(prefix="/orders", tags=["orders"], route_class=http_cache.cached_route(60))\n'
    assert t.added and not t.kept


def test_a_call_without_arguments() -> None:
    after, _ = changed("router = APIRouter()\n")
    assert after == "router = APIRouter(route_class=http_cache.cached_route(60))\n"


def test_a_wrapped_call_keeps_its_trailing_comma() -> None:
    after, _ = changed("""\
        router = APIRouter(
            prefix="/orders",
            tags=["orders"],
        )
    """)
    assert "route_class=http_cache.cached_route(60)," in after
    assert after.count("route_class") == 1


def test_a_second_pass_changes_nothing() -> None:
    once, _ = changed('router = APIRouter(prefix="/orders")\n')
    twice, t = changed(once)
    assert twice == once and t.kept
