"""clone_code with jobs transformed ahead: the same clone, its ruff work done side by side before.

A resource's own modules are cloned one after another (each may drop what the one before
dropped); their transforming is guessed ahead and their ruff runs (unused imports, formatting)
done together. What clone_code then gives must be what it gives on its own.
"""

from __future__ import annotations

import subprocess
from textwrap import dedent

import pytest

from codemods import check, formatting
from codemods.clone import chain
from codemods.clone.chain import CloneJob, Cloning, clone_code, finish_ahead, transform
from codemods.clone.field_map import map_fields
from codemods.formatting import FormatStyle
from codemods.names import ResourceNames
from codemods.spec import parse_resource
from detectors.resources import FieldInfo

CRUD = dedent("""\
    from app.models import Customer
    from app.text import normalise


    def make_customer(db, payload):
        customer = Customer(name=normalise(payload["name"]), email=payload["email"])
        db.add(customer)
        return customer
""")
# the clone without `name`: `normalise` served only it, so its import goes
CLONED = dedent("""\
    from app.models import Review


    def make_review(db, payload):
        review = Review(email=payload["email"])
        db.add(review)
        return review
""")
SCHEMA = "from pydantic import BaseModel\n\n\nclass CustomerIn(BaseModel):\n    name: str\n    email: str\n"


@pytest.fixture(autouse=True)
def nothing_known() -> None:
    """Each test starts with no ruff answer remembered."""
    check._FIXED.clear()
    check._FOUND.clear()
    formatting._MODULES.clear()
    formatting.format_code.cache_clear()


def cloning() -> Cloning:
    exemplar = tuple(FieldInfo(n, "str", optional=False, unique=False, has_default=False) for n in ("name", "email"))
    spec = parse_resource("Review", ["email:str"])
    return Cloning(
        ResourceNames.parse("Customer"),
        spec.names,
        map_fields(exemplar, spec.fields),
        "plural",
        fmt=FormatStyle("ruff", 88, "double", "    "),
        first_party=frozenset({"app"}),
        modules=frozenset({"app.models", "app.text"}),
    )


def jobs() -> list[CloneJob]:
    return [CloneJob(CRUD, CRUD, "app/crud/review.py", True), CloneJob(SCHEMA, SCHEMA, "app/schemas/review.py", True)]


def test_a_job_done_ahead_is_the_clone_it_would_have_been() -> None:
    alone = [clone_code(j.code, cloning(), j.context, j.path, j.whole_module) for j in jobs()]
    assert alone[0].code == CLONED
    ahead = {job: transform(job, cloning()) for job in jobs()}
    finish_ahead(ahead, cloning())
    assert [clone_code(j.code, cloning(), j.context, j.path, j.whole_module, ahead=ahead) for j in jobs()] == alone


def test_a_job_done_ahead_is_neither_transformed_nor_run_through_ruff_again(monkeypatch: pytest.MonkeyPatch) -> None:
    ahead = {job: transform(job, cloning()) for job in jobs()}
    finish_ahead(ahead, cloning())
    runs: list[object] = []
    real = subprocess.run
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: runs.append(a) or real(*a, **k))
    monkeypatch.setattr(chain, "transform", lambda job, c: pytest.fail(f"{job.path} transformed again"))
    for j in jobs():
        clone_code(j.code, cloning(), j.context, j.path, j.whole_module, ahead=ahead)
    assert runs == []


def test_a_job_the_guess_missed_is_cloned_as_asked() -> None:
    # the guess had nothing dropped elsewhere; the clone is asked with `normalise` dropped there
    ahead = {job: transform(job, cloning()) for job in jobs()}
    asked = clone_code(CRUD, cloning(), CRUD, "app/crud/review.py", True, frozenset({"normalise"}), ahead)
    assert asked == clone_code(CRUD, cloning(), CRUD, "app/crud/review.py", True, frozenset({"normalise"}))
