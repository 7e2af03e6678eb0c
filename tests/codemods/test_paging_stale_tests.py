"""drop_stale_tests: cloned tests that page the old way leave with it."""

from __future__ import annotations

import textwrap

from codemods.paging_stale_tests import drop_stale_tests
from codemods.plan import FileEdit
from codemods.spec import parse_resource

SPEC = parse_resource("Order", ("total:decimal",))
TESTS = textwrap.dedent(
    """\
    def test_read_orders(client):
        assert client.get("/orders/").status_code == 200


    def test_read_orders_skip_and_limit(client):
        assert client.get("/orders/?skip=1&limit=2").json() == []


    def test_read_orders_params(client):
        assert client.get("/orders/", params={"skip": 0, "limit": 1}).json()["count"] == 1


    def test_read_orders_cursor(client):
        assert client.get("/orders/").json()["next_cursor"] is None
    """
)


def kept(edit: FileEdit) -> list[str]:
    return [line[4:].split("(")[0] for line in edit.new.splitlines() if line.startswith("def ")]


def test_tests_sending_unread_parameters_or_reading_a_gone_field_go() -> None:
    edits = [FileEdit("tests/test_orders.py", None, TESTS)]
    lines = drop_stale_tests(edits, SPEC, ("skip",), "--pagination cursor", gone=("next_cursor",))
    assert kept(edits[0]) == ["test_read_orders"]
    dropped = "test_read_orders_cursor, test_read_orders_params, test_read_orders_skip_and_limit"
    assert lines == [f"dropped (the list does not read what they send): {dropped}"]


def test_a_count_in_the_answer_is_not_a_parameter_sent() -> None:
    edits = [FileEdit("tests/test_orders.py", None, TESTS)]
    drop_stale_tests(edits, SPEC, ("count",), "--pagination page")
    assert len(kept(edits[0])) == 4


def test_a_later_run_drops_only_the_tests_it_merges_in() -> None:
    old = TESTS.split("\n\n\ndef test_read_orders_params")[0] + "\n"
    edits = [FileEdit("tests/test_orders.py", old, TESTS)]
    drop_stale_tests(edits, SPEC, ("skip",), "--pagination cursor", added_only=True)
    assert kept(edits[0]) == ["test_read_orders", "test_read_orders_skip_and_limit", "test_read_orders_cursor"]
