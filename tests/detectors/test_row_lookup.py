"""row_lookup: how a resource's own get route finds one row by its key, read as code to copy."""

from __future__ import annotations

from pathlib import Path

from detectors.project import ProjectIndex
from detectors.resources import find_footprints
from detectors.row_lookup import row_lookup
from tests.detectors._project import index_project
from tests.harness import FIXTURES


def lookup_of(index: ProjectIndex, model: str):
    return row_lookup(index, next(f for f in find_footprints(index) if f.model == model))


def test_an_assigned_row_tested_against_none() -> None:
    found = lookup_of(ProjectIndex(FIXTURES / "seed_async"), "Category")
    assert found is not None
    assert (found.key, found.value, found.negated) == ("category_id", "await category_crud.get_category(db, category_id)", False)
    assert found.answer == ('raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Category not found")',)
    assert found.status == 404 and found.awaits
    assert [(p.name, p.code) for p in found.params] == [("db", "db: AsyncSession = Depends(get_db)")]
    assert dict((n, (m, a)) for n, m, a in found.imports)["category_crud"] == ("app.crud", "category")


def test_a_falsy_row_its_checks_and_dependencies_declared_by_their_aliases() -> None:
    found = lookup_of(ProjectIndex(FIXTURES / "fullstack_sqlmodel"), "Item")
    assert found is not None
    assert (found.value, found.negated, found.status) == ("session.get(Item, id)", True, 404)
    # the route then refuses another user's item: the check is copied with the row's name
    assert found.row == "item" and len(found.checks) == 1
    assert found.checks[0].startswith("if not current_user.is_superuser and (item.owner_id != current_user.id):")
    assert [(p.name, p.annotation, p.default) for p in found.params] == [
        ("current_user", "CurrentUser", ""), ("session", "SessionDep", "")
    ]
    assert ("Item", "app.models", "Item") in found.imports


def test_a_route_with_no_check_of_its_row_has_none() -> None:
    found = lookup_of(ProjectIndex(FIXTURES / "seed_async"), "Category")
    assert found is not None and (found.row, found.checks) == ("", ())


def test_a_call_returned_as_the_answer_raises_itself() -> None:
    found = lookup_of(ProjectIndex(FIXTURES / "modular_services"), "Collection")
    assert found is not None
    assert (found.value, found.answer) == ("await service.get(user, collection_id)", ())
    # the route says no status: its tests do (`client.get('/collections/999')`, then a 404)
    assert found.status == 404
    assert {p.name for p in found.params} == {"service", "user"}


def test_a_name_of_the_route_s_own_module_is_named_so() -> None:
    found = lookup_of(ProjectIndex(FIXTURES / "single_file"), "Author")
    assert found is not None and found.top_level == ("Author",)
    assert found.params[0].top_level == ("get_db",)  # defined in main.py beside the routes


def test_a_row_a_dependency_finds_is_no_lookup_to_copy() -> None:
    # domain_packages: `product: Product = Depends(valid_product_id)`; the route reads no key
    assert lookup_of(ProjectIndex(FIXTURES / "domain_packages"), "Product") is None


def test_an_answer_built_around_the_row_is_no_lookup_to_copy() -> None:
    # versioned_envelope: `return Envelope[...](data=_get_or_404(repo, shipment_id))`
    assert lookup_of(ProjectIndex(FIXTURES / "versioned_envelope"), "Shipment") is None


def _app(tmp_path: Path, route: str, tests: str = "") -> ProjectIndex:
    return index_project(tmp_path, {
        **({"tests/test_tags.py": tests} if tests else {}),
        "app/models.py": """
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
            class Base(DeclarativeBase):
                pass
            class Tag(Base):
                __tablename__ = "tags"
                id: Mapped[int] = mapped_column(primary_key=True)
                label: Mapped[str]
        """,
        "app/routes.py": """
            from fastapi import APIRouter, Depends, HTTPException, Query
            from app.models import Tag
            from app.db import get_db
            router = APIRouter(prefix="/tags")
            @router.post("")
            def create_tag(label: str, db=Depends(get_db)):
                return Tag(label=label)
        """ + route,
    })


def test_a_query_parameter_the_lookup_reads_is_no_dependency(tmp_path: Path) -> None:
    index = _app(tmp_path, """
            @router.get("/{tag_id}")
            def read_tag(tag_id: int, archived: bool = Query(False), db=Depends(get_db)):
                tag = db.get(Tag, (tag_id, archived))
                if tag is None:
                    raise HTTPException(404)
                return tag
    """)
    assert lookup_of(index, "Tag") is None


def test_a_plain_dependency_and_a_bare_status(tmp_path: Path) -> None:
    index = _app(tmp_path, """
            @router.get("/{tag_id}")
            def read_tag(tag_id: int, db=Depends(get_db)):
                tag = db.get(Tag, tag_id)
                if tag is None:
                    raise HTTPException(404, "gone")
                return tag
    """)
    found = lookup_of(index, "Tag")
    assert found is not None and found.status == 404 and not found.awaits
    assert [p.code for p in found.params] == ["db=Depends(get_db)"]


def test_a_status_the_route_does_not_say_is_the_one_its_tests_expect_of_a_missing_row(tmp_path: Path) -> None:
    # the row is found by a helper raising inside; two tests ask for a tag by a number as
    # written and expect a 400; another user's tag (an f-string of a row made) is no missing one
    index = _app(tmp_path, """
            from app.crud import find_or_fail
            @router.get("/{tag_id}")
            def read_tag(tag_id: int, db=Depends(get_db)):
                return find_or_fail(db, tag_id)
    """, tests="""
            def test_missing_tag(client):
                response = client.get("/tags/999")
                assert response.status_code == 400
            def test_missing_tag_again(client):
                answer = client.get("/tags/12345/")
                assert answer.status_code == 400
            def test_theirs(client, theirs):
                response = client.get(f"/tags/{theirs.id}")
                assert response.status_code == 403
    """)
    found = lookup_of(index, "Tag")
    assert found is not None and found.answer == () and found.status == 400
