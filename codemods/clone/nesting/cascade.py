"""A nested row goes with its parent: the key's foreign key deletes on cascade.

Before:  item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
After:   item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
The same for a revision's `sa.ForeignKeyConstraint(["item_id"], ["items.id"])`. Without it,
deleting a parent that has rows fails on a database enforcing foreign keys. A foreign key that
says what happens on delete keeps it.
"""

from __future__ import annotations

import libcst as cst

from codemods.clone.nesting.build import callee


class CascadeToParent(cst.CSTTransformer):
    """`ondelete="CASCADE"` on foreign keys to `table` (see the module docstring)."""

    def __init__(self, table: str) -> None:
        super().__init__()
        self.table = table
        self.done = False

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        if callee(updated) not in ("ForeignKey", "ForeignKeyConstraint"):
            return updated
        strings = [s for a in updated.args for s in _strings(a.value)]
        target = next(
            (s for s in strings if (s.evaluated_value or "").startswith(f"{self.table}.")), None
        )
        if target is None or any(a.keyword and a.keyword.value == "ondelete" for a in updated.args):
            return updated
        self.done = True
        value = cst.SimpleString(f"{target.quote}CASCADE{target.quote}")
        new = cst.Arg(
            value,
            keyword=cst.Name("ondelete"),
            equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        )
        args = list(updated.args)
        last = args[-1]
        args[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        args.append(new.with_changes(comma=last.comma))
        return updated.with_changes(args=args)


def _strings(node: cst.BaseExpression) -> list[cst.SimpleString]:
    if isinstance(node, cst.SimpleString):
        return [node]
    if isinstance(node, (cst.List, cst.Tuple)):
        return [e.value for e in node.elements if isinstance(e.value, cst.SimpleString)]
    return []
