"""The parent's lookup by its key, where its item route finds the row by another column.

The nested path names the parent by its key (`/tier/{tier_id}/review`), which the child's
foreign key holds; an item route reading `GET /tier/{name}` finds the row by its name.
Before (`LookupByKey("name", "id", "Tier", {"name"})`):
    db_tier = await crud_tiers.get(db=db, schema_to_select=TierRead, name=name)
    tier = (await db.execute(select(Tier).where(Tier.name == name))).scalar_one_or_none()
After:
    db_tier = await crud_tiers.get(db=db, schema_to_select=TierRead, id=name)
    tier = (await db.execute(select(Tier).where(Tier.id == name))).scalar_one_or_none()
Two shapes name the column: a keyword filter given the parameter, and the model's attribute
compared with it. `rewritten` counts them: any other use of the parameter (`variable_uses`) still
reads it as the column's value.
"""

from __future__ import annotations

import libcst as cst

from codemods import matching as m


class LookupByKey(cst.CSTTransformer):
    """`column=param` -> `key=param`; `Model.column == param` -> `Model.key == param`."""

    def __init__(self, param: str, key: str, model: str, columns: set[str]) -> None:
        super().__init__()
        self.param, self.key, self.model = param, key, model
        self.columns = columns - {key}
        self.rewritten = 0

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
        if (
            original.keyword is not None
            and original.keyword.value in self.columns
            and m.matches(original.value, m.Name(self.param))
        ):
            self.rewritten += 1
            return updated.with_changes(keyword=cst.Name(self.key))
        return updated

    def leave_Comparison(self, original: cst.Comparison, updated: cst.Comparison) -> cst.Comparison:
        sides = [updated.left, *(t.comparator for t in updated.comparisons)]
        if (
            len(updated.comparisons) == 1
            and isinstance(updated.comparisons[0].operator, cst.Equal)
            and any(m.matches(s, m.Name(self.param)) for s in sides)
            and any(self._column(s) for s in sides)
        ):
            self.rewritten += 1
            return updated.with_changes(
                left=self._keyed(updated.left),
                comparisons=[
                    t.with_changes(comparator=self._keyed(t.comparator))
                    for t in updated.comparisons
                ],
            )
        return updated

    def _column(self, node: cst.BaseExpression) -> bool:
        return (
            isinstance(node, cst.Attribute)
            and m.matches(node.value, m.Name(self.model))
            and node.attr.value in self.columns
        )

    def _keyed(self, node: cst.BaseExpression) -> cst.BaseExpression:
        return node.with_changes(attr=cst.Name(self.key)) if self._column(node) else node


def variable_uses(node: cst.CSTNode, name: str) -> int:
    """How often `node` reads the variable `name` (not an attribute or a keyword spelled so)."""
    counter = _Uses(name)
    node.visit(counter)
    return counter.count


class _Uses(cst.CSTVisitor):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name, self.count = name, 0

    def visit_Name(self, node: cst.Name) -> None:
        self.count += node.value == self.name

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)
        return False

    def visit_Param(self, node: cst.Param) -> bool:
        return False
