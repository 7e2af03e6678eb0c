"""A field written afresh is bounded in the request schemas by the column written for it, and a
filter's query parameters by the column they are compared with.

The clone writes a new `str` column as String(255) (a str(..N) one as String(N)) and a decimal
as Numeric(12, 2); the create and update schemas bound them (`max_length=255`, 12 digits and 2
places, an optional decimal's too), so a longer text or a larger number is a 422 rather than
PostgreSQL refusing the row (asyncpg's StringDataRightTruncationError or NumericValueOutOfRangeError,
a 500). The response schema, which reads rows (`from_attributes`), takes no bound. A filter's
parameter is bound as the column's type in the query: past INTEGER or NUMERIC(12, 2) it was a
500 too ("value out of int32 range", "numeric field overflow"), now a 422. Proved on
repository_pg, whose suite runs on PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness import copy_fixture, run_codemod, run_project_tests

# written into the project beside the generated tests: values around the columns' ranges
RANGE_TESTS = '''\
from httpx import AsyncClient

URL = "/api/v1/gadgets"


async def test_values_as_large_as_their_columns_are_taken(client: AsyncClient, auth_headers: dict[str, str]) -> None:
    payload = {"label": "Lamp", "note": "n" * 255, "price": "9999999999.99", "cost": "9999999999.99"}
    response = await client.post(URL, json=payload, headers=auth_headers)
    assert response.status_code == 201, response.text


@pytest.mark.parametrize(
    "change",
    [{"note": "n" * 256}, {"price": "12345678901.5"}, {"price": "1.255"}, {"cost": "12345678901.5"}],
    ids=["note", "price", "price-places", "cost"],
)
async def test_values_beyond_their_columns_are_a_422(client: AsyncClient, auth_headers: dict[str, str], change) -> None:
    response = await client.post(URL, json={"label": "Lamp", "cost": "1.00"} | change, headers=auth_headers)
    assert response.status_code == 422, response.text
    created = await client.post(URL, json={"label": "Lamp", "cost": "1.00"}, headers=auth_headers)
    assert created.status_code == 201, created.text
    patched = await client.patch(f"{URL}/{created.json()['id']}", json=change, headers=auth_headers)
    assert patched.status_code == 422, patched.text
'''


def test_a_new_column_s_range_is_checked_before_the_database_sees_it(tmp_path: Path) -> None:
    project = copy_fixture("repository_pg", tmp_path)
    proc = run_codemod(project, "Gadget", "label:str", "note:str?", "price:decimal?", "cost:decimal", "--yes", "--allow-dirty")
    assert proc.returncode == 0, proc.stderr
    schemas = (project / "app/schemas/gadget.py").read_text()
    assert schemas.count("note: str | None = Field(default=None, max_length=255)") == 2  # create, update
    # repository_pg declares pydantic>=2.7, which takes the digits on an optional decimal's Field
    assert schemas.count("price: Decimal | None = Field(default=None, max_digits=12, decimal_places=2)") == 2
    assert "    note: str | None = None\n" in schemas  # the response schema's
    (project / "tests/test_gadget_ranges.py").write_text("import pytest\n" + RANGE_TESTS)
    outcome = run_project_tests(project, "-rA", "tests/test_gadget_ranges.py")
    if outcome.skipped and not outcome.passed:
        pytest.skip("repository_pg: PostgreSQL not reachable on 127.0.0.1:5432")
    assert outcome.ok and outcome.passed == 5, outcome.explain()


FILTER_TESTS = '''\
import pytest
from httpx import AsyncClient


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"qty": 2**31 - 1}, 200), ({"qty": 2**40}, 422), ({"qty__gte": 2**40}, 422), ({"qty__lte": -(2**40)}, 422),
        ({"price__lte": "9999999999.99"}, 200), ({"price": "123456789012345.5"}, 422), ({"price__gte": "1e30"}, 422),
    ],
)
async def test_filters_past_their_columns_are_a_422(client: AsyncClient, auth_headers: dict[str, str], params, status) -> None:
    response = await client.get("/api/v1/gadgets", params=params, headers=auth_headers)
    assert response.status_code == status, response.text
'''


def test_a_filter_s_parameters_are_bounded_by_the_column_they_are_compared_with(tmp_path: Path) -> None:
    project = copy_fixture("repository_pg", tmp_path)
    proc = run_codemod(
        project, "Gadget", "label:str", "qty:int?", "price:decimal?", "--filter", "qty,price", "--yes", "--allow-dirty"
    )
    assert proc.returncode == 0, proc.stderr
    route = (project / "app/api/v1/endpoints/gadgets.py").read_text()
    assert "qty__gte: int | None = Query(None, ge=-(2**31), le=2**31 - 1)," in route
    assert "price: Decimal | None = Query(None, gt=-(10**10), lt=10**10)," in route
    (project / "tests/test_gadget_filter_ranges.py").write_text(FILTER_TESTS)
    outcome = run_project_tests(project, "-rA", "tests/test_gadget_filter_ranges.py", "tests/test_gadgets_query.py")
    if outcome.skipped and not outcome.passed:
        pytest.skip("repository_pg: PostgreSQL not reachable on 127.0.0.1:5432")
    assert outcome.ok and outcome.passed >= 7, outcome.explain()
