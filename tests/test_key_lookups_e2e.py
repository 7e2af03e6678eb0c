"""A foreign key the clone writes afresh is stored as clients send it, and the plan says so.

seed_async's Item looks its `category_id` up before writing (a 404 for a category that does not
exist); a clone keeping that field keeps the lookup. A key the exemplar has no field for is
written without one: the plan names it, as where the database enforces foreign keys a key
naming no row is a 500. A key the server sets (the owner) and a nested resource's key to its
parent (taken from the path, the parent looked up) are not the client's to get wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness import copy_fixture, run_codemod

NOTE = "not looked up before the row is written"


def _planned(tmp_path: Path, *args: str):
    project = copy_fixture("seed_async", tmp_path)
    proc = run_codemod(project, *args, "--dry-run")
    assert proc.returncode == 0, proc.stderr
    return proc


def test_a_key_the_exemplar_has_no_field_for_is_named_as_not_looked_up(tmp_path: Path) -> None:
    proc = _planned(tmp_path, "Order", "total:decimal", "buyer_id:fk[User]", "--like", "Item")
    notes = [line.strip() for line in proc.stderr.splitlines() if NOTE in line]
    assert notes == [f"{NOTE}: buyer_id (where the database enforces foreign keys, a key naming no row is a 500)"]


def test_a_key_the_exemplar_looks_up_keeps_its_lookup_and_no_note(tmp_path: Path) -> None:
    proc = _planned(tmp_path, "Order", "total:decimal", "category_id:fk[Category]", "--like", "Item")
    assert NOTE not in proc.stderr
    assert "await category_crud.get_category(db, data.category_id) is None" in proc.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("Order", "total:decimal", "owner:fk[User]", "--like", "Item"),  # set from the signed-in user
        ("Review", "body:str", "item_id:fk[Item]", "--parent", "Item"),  # the path's, the parent looked up
    ],
    ids=["server-set", "parent"],
)
def test_keys_clients_do_not_send_get_no_note(tmp_path: Path, args: tuple[str, ...]) -> None:
    assert NOTE not in _planned(tmp_path, *args).stderr
