"""A second parent row for the tests: the parent's fixture, copied, its unique values changed.

Before:
    @pytest_asyncio.fixture
    async def item(db_session: AsyncSession) -> Item:
        item = Item(name="Dune", sku="BOOK-0001")
        ...
After (`OtherRow("item", "other_item", {"sku"})`), the same plus:
    @pytest_asyncio.fixture
    async def other_item(db_session: AsyncSession) -> Item:
        item = Item(name="Dune", sku="BOOK-0001-2")
        ...
A unique column's literal value (a keyword or a dict entry of that name) changes so the two rows
can live side by side: a string gains `-2`, a number grows by one. `found` says whether the
fixture was there.
"""

from __future__ import annotations

import libcst as cst


class OtherRow(cst.CSTTransformer):
    """The fixture `name` copied as `new_name` right after it, once."""

    def __init__(self, name: str, new_name: str, unique: set[str]) -> None:
        super().__init__()
        self.name, self.new_name, self.unique = name, new_name, unique
        self.found = False

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        body = list(updated.body)
        if any(isinstance(s, cst.FunctionDef) and s.name.value == self.new_name for s in body):
            self.found = True
            return updated
        for i, stmt in enumerate(body):
            if isinstance(stmt, cst.FunctionDef) and stmt.name.value == self.name:
                self.found = True
                copy = stmt.with_changes(name=cst.Name(self.new_name)).visit(_Distinct(self.unique))
                copy = copy.with_changes(
                    leading_lines=stmt.leading_lines or [cst.EmptyLine(), cst.EmptyLine()]
                )
                body.insert(i + 1, copy)
                return updated.with_changes(body=body)
        return updated


class _Distinct(cst.CSTTransformer):
    """Unique columns' literal values, changed."""

    def __init__(self, unique: set[str]) -> None:
        super().__init__()
        self.unique = unique

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
        if updated.keyword is not None and updated.keyword.value in self.unique:
            return updated.with_changes(value=_changed(updated.value))
        return updated

    def leave_DictElement(
        self, original: cst.DictElement, updated: cst.DictElement
    ) -> cst.DictElement:
        if isinstance(updated.key, cst.SimpleString) and updated.key.evaluated_value in self.unique:
            return updated.with_changes(value=_changed(updated.value))
        return updated


def _changed(value: cst.BaseExpression) -> cst.BaseExpression:
    if isinstance(value, cst.SimpleString) and isinstance(value.evaluated_value, str):
        quote = value.quote
        return value.with_changes(value=f"{value.prefix}{quote}{value.raw_value}-2{quote}")
    if isinstance(value, cst.Integer):
        return cst.Integer(str(int(value.value) + 1))
    if isinstance(value, cst.FormattedString):
        return value.with_changes(parts=[*value.parts, cst.FormattedStringText("-2")])
    return value


class CopyFixture(cst.CSTTransformer):
    """The parent's fixture, from the test module defining it, into one that cannot reach it
    (fixtures outside a conftest.py serve their own module only): before the first function."""

    def __init__(self, fixture: cst.FunctionDef) -> None:
        super().__init__()
        self.fixture = fixture

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        body = list(updated.body)
        if any(
            isinstance(s, cst.FunctionDef) and s.name.value == self.fixture.name.value for s in body
        ):
            return updated
        at = next(
            (i for i, s in enumerate(body) if isinstance(s, (cst.FunctionDef, cst.ClassDef))),
            len(body),
        )
        body.insert(at, self.fixture.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()]))
        return updated.with_changes(body=body)
