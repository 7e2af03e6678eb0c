"""Test values and bounds: a value the field accepts, and one it refuses, for every test writer."""

from __future__ import annotations

import pytest

from codemods.bounded_values import breaking, fit
from codemods.spec import parse_field


@pytest.mark.parametrize(
    "spec, literal, second, expected",
    [
        pytest.param("name:str", '"anything at all"', False, '"anything at all"', id="no-bounds-no-change"),
        pytest.param("name:str(3..80)", '"Games"', False, '"Games"', id="inside"),
        pytest.param("name:str(3..)", '"Go"', False, '"Gox"', id="padded"),
        pytest.param("name:str(..4)", '"Garden"', False, '"Gard"', id="cut"),
        pytest.param("name:str(..5)", '"name two"', True, '"e two"', id="second-keeps-its-end"),
        pytest.param("name:str(..5)", '"name one"', False, '"namex"', id="no-space-at-a-cut"),
        pytest.param("name:str(..4)", 'f"Order {n}"', False, 'f"Order {n}"', id="f-string-left-to-the-caller"),
        pytest.param("qty:int(1..)", "0", False, "1", id="int-up-to-the-minimum"),
        pytest.param("qty:int(..10)", "999", False, "10", id="int-down-to-the-maximum"),
        pytest.param("qty:int(10..20)", "3", True, "20", id="second-takes-the-other-bound"),
        pytest.param("qty:int(..1)", "3", True, "0", id="second-below-a-lone-maximum"),
        pytest.param("price:decimal(0..5)", '"12.50"', False, '"5.00"', id="decimal-keeps-its-string-and-places"),
        pytest.param("ratio:float(0..1)", "1.5", False, "1", id="float-to-the-nearest-bound"),
        pytest.param("qty:int(1..)", "n * 10", False, "n * 10", id="expression-unchanged"),
    ],
)
def test_fit_moves_a_literal_inside_the_bounds(spec: str, literal: str, second: bool, expected: str) -> None:
    assert fit(parse_field(spec), literal, second) == expected


@pytest.mark.parametrize(
    "spec, expected",
    [
        pytest.param("name:str", None, id="no-bounds"),
        pytest.param("name:str(3..5)", '"xxxxxx"', id="one-past-the-maximum-length"),
        pytest.param("name:str(3..)", '"xx"', id="one-short-of-the-minimum"),
        pytest.param("name:str(0..)", None, id="nothing-to-break"),
        pytest.param("qty:int(1..)", "0", id="int-below"),
        pytest.param("qty:int(..10)", "11", id="int-above"),
        pytest.param("price:decimal(0..1000)", '"1001"', id="decimal-above"),
        pytest.param("ratio:float(0..1)", "2", id="float-above"),
    ],
)
def test_breaking_is_one_past_a_bound(spec: str, expected: str | None) -> None:
    assert breaking(parse_field(spec)) == expected
