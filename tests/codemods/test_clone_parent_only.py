"""OnlyDefinitions: a nesting transformer limited to the clone's statements of a shared module."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.client_input import DropInputField
from codemods.clone.nesting.only import OnlyDefinitions, added_definitions, defined_names
from codemods.clone.nesting.paths import NestRoutePaths
from codemods.clone.nesting.routes import NestRoutes

SHARED = textwrap.dedent("""\
    @app.get('/books/{book_id}')
    def read_book(book_id: int, db: Session = Depends(get_db)):
        return db.query(Book).filter(Book.id == book_id).first()


    # Reviews


    @app.get('/reviews/')
    def read_reviews(db: Session = Depends(get_db)):
        return db.query(Review).all()
""")


def _nest_routes(text: str, names: set[str] | None) -> tuple[str, NestRoutes]:
    routes = NestRoutes(
        cst.Param(cst.Name("author_id"), cst.Annotation(cst.Name("int"))),
        [cst.parse_statement("author = find_author(db, author_id)\n")],
        [],
        frozenset(),
        "Review",
    )
    transformer = routes if names is None else OnlyDefinitions(routes, names)
    return cst.parse_module(text).visit(transformer).code, routes


def test_an_existing_route_stays_byte_identical_while_the_new_one_is_nested() -> None:
    after, routes = _nest_routes(SHARED, {"read_reviews"})
    existing, _, new = after.partition("# Reviews")
    assert existing == SHARED.partition("# Reviews")[0]
    assert new == textwrap.dedent("""\



        @app.get('/reviews/')
        def read_reviews(author_id: int, db: Session = Depends(get_db)):
            author = find_author(db, author_id)
            return db.query(Review).all()
    """)
    assert routes.routes == ["read_reviews"]  # the project's route was never seen


def test_unlimited_the_same_transformers_nest_the_existing_route_too() -> None:
    # what the limit is for: over the whole module, the project's route would be nested as well
    after, routes = _nest_routes(SHARED, None)
    assert "def read_book(author_id: int, book_id: int, db" in after
    assert routes.routes == ["read_book", "read_reviews"]
    whole = cst.parse_module(SHARED).visit(NestRoutePaths("/authors/{author_id}")).code
    assert "@app.get('/authors/{author_id}/books/{book_id}')" in whole


def test_route_paths_go_under_the_parent_for_the_clone_s_routes_only() -> None:
    paths = NestRoutePaths("/authors/{author_id}")
    after = cst.parse_module(SHARED).visit(OnlyDefinitions(paths, {"read_reviews"})).code
    assert "@app.get('/books/{book_id}')\n" in after
    assert "@app.get('/authors/{author_id}/reviews/')" in after
    assert paths.done


def test_leave_module_sees_the_clone_s_classes_only() -> None:
    # both input classes carry the key; only the clone's loses it, its reader gets it back
    before = textwrap.dedent("""\
        class BookCreate(BaseModel):
            title: str
            author_id: int


        class ReviewCreate(BaseModel):
            rating: int
            author_id: int


        class ReviewOut(ReviewCreate):
            id: int
    """)
    drop = DropInputField("author_id", {"BookCreate", "ReviewCreate"})
    limited = OnlyDefinitions(drop, {"ReviewCreate", "ReviewOut"})
    after = cst.parse_module(before).visit(limited).code
    assert after == textwrap.dedent("""\
        class BookCreate(BaseModel):
            title: str
            author_id: int


        class ReviewCreate(BaseModel):
            rating: int


        class ReviewOut(ReviewCreate):
            author_id: int
            id: int
    """)
    assert drop.dropped == {"ReviewCreate"}


class _Appends(cst.CSTTransformer):
    """Appends `def added(): ...` to the module, and says which functions it saw there."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        self.seen = [s.name.value for s in updated.body if isinstance(s, cst.FunctionDef)]
        return updated.with_changes(body=[*updated.body, cst.parse_statement("def added(): ...\n")])


def test_statements_a_transformer_adds_follow_the_clone_s_not_the_end_of_the_file() -> None:
    before = "def mine(): ...\ndef test_new(): ...\ndef theirs(): ...\n"
    appends = _Appends()
    after = cst.parse_module(before).visit(OnlyDefinitions(appends, {"test_new"})).code
    assert after == "def mine(): ...\ndef test_new(): ...\ndef added(): ...\ndef theirs(): ...\n"
    assert appends.seen == ["test_new"]


class _Empties(cst.CSTTransformer):
    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        return updated.with_changes(body=[])


def test_a_transformer_cannot_drop_the_project_s_statements() -> None:
    before = "import os\ndef mine(): ...\nx = 1\ndef new(): ...\n"
    after = cst.parse_module(before).visit(OnlyDefinitions(_Empties(), {"new"})).code
    assert after == "import os\ndef mine(): ...\nx = 1\n"


def test_the_clone_s_definitions_are_the_names_the_edit_adds() -> None:
    old = "import os\nx = 1\ndef mine(): ...\nclass Mine: ...\n"
    new = old + "y: int = 2\nz = w = 3\nasync def new(): ...\nclass New: ...\nprint(x)\n"
    assert added_definitions(new, old) == {"y", "z", "w", "new", "New"}
    assert added_definitions("def f(): ...\n", None) == {"f"}


def test_a_statement_defines_its_function_class_or_assigned_names() -> None:
    assert defined_names(cst.parse_statement("def f(): ...\n")) == {"f"}
    assert defined_names(cst.parse_statement("a = b = 1\n")) == {"a", "b"}
    assert defined_names(cst.parse_statement("a.b = 1\n")) == frozenset()
    assert defined_names(cst.parse_statement("app.include_router(r)\n")) == frozenset()
