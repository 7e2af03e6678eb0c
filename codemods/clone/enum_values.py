"""An enum field the clone shares with the exemplar, with other values: the values change.

The exemplar's `status` (`created`, `shipped`, `delivered`) is the new resource's `status`
(`pending`, `paid`): its enum class gets the new members, written as the exemplar writes members,
and every use of an old member or value takes the new one in the same position (the last new
value stands in for old values beyond the new list).

Before:                                   After:
    class OrderStatus(str, Enum):             class OrderStatus(str, Enum):
        CREATED = "created"                       PENDING = "pending"
        SHIPPED = "shipped"                       PAID = "paid"
    status = OrderStatus.CREATED              status = OrderStatus.PENDING
    json={"status": "shipped"}                json={"status": "paid"}
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst


@dataclass(frozen=True)
class EnumChange:
    field: str
    old: tuple[str, ...]
    new: tuple[str, ...]

    def value(self, old: str) -> str:
        i = self.old.index(old)
        return self.new[min(i, len(self.new) - 1)]


class EnumValues(cst.CSTTransformer):
    def __init__(self, changes: tuple[EnumChange, ...], resource: str):
        super().__init__()
        self.changes, self.resource = changes, resource
        self.members: dict[tuple[str, str], str] = {}  # (class, old member) -> new member

    def visit_Module(self, node: cst.Module) -> None:
        # classes first: member references anywhere in the module follow their renames
        for stmt in node.body:
            if isinstance(stmt, cst.ClassDef):
                self._plan_class(stmt)

    def _plan_class(self, node: cst.ClassDef) -> None:
        members = _members(node)
        for change in self.changes:
            if members and set(members.values()) == set(change.old):
                upper = all(name.isupper() for name in members)
                for name, value in members.items():
                    new = change.value(value)
                    self.members[(node.name.value, name)] = new.upper() if upper else new

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        members = _members(original)
        change = next((c for c in self.changes if members and set(members.values()) == set(c.old)), None)
        if change is None or not isinstance(updated.body, cst.IndentedBlock):
            return updated
        body = list(updated.body.body)
        at = [i for i, s in enumerate(body) if _member(s) is not None]
        template = body[at[0]]
        upper = all(name.isupper() for name in members)
        quote = _member(template)[1].value[0]
        new_members = [
            template.with_changes(
                body=[
                    template.body[0].with_changes(
                        targets=[cst.AssignTarget(cst.Name(v.upper() if upper else v))],
                        value=cst.SimpleString(f"{quote}{v}{quote}"),
                    )
                ]
            )
            for v in change.new
        ]
        new_members = [m if i == 0 else m.with_changes(leading_lines=()) for i, m in enumerate(new_members)]
        body = body[: at[0]] + new_members + [s for i, s in enumerate(body) if i > at[0] and i not in at]
        return updated.with_changes(body=updated.body.with_changes(body=body))

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        if not isinstance(updated.value, cst.Name):
            return updated
        owner, attr = updated.value.value, updated.attr.value
        new = self.members.get((owner, attr))
        if new is None:
            # the class defined in another module (`from app.entities import OrderStatus`):
            # known by the resource and the field it types (`OrderStatus`, not `HTTPStatus`)
            for change in self.changes:
                pascal = "".join(w.capitalize() for w in change.field.split("_"))
                if owner == f"{self.resource}{pascal}" and attr.lower() in change.old:
                    value = change.value(attr.lower())
                    new = value.upper() if attr.isupper() else value
        return updated.with_changes(attr=cst.Name(new)) if new is not None else updated

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.SimpleString:
        value = updated.evaluated_value
        for change in self.changes:
            if isinstance(value, str) and value in change.old:
                quote = updated.value[0] if updated.value[0] in "'\"" else '"'
                return updated.with_changes(value=f"{quote}{change.value(value)}{quote}")
        return updated


def _member(stmt: cst.CSTNode) -> tuple[str, cst.SimpleString] | None:
    if not (isinstance(stmt, cst.SimpleStatementLine) and isinstance(stmt.body[0], cst.Assign)):
        return None
    assign = stmt.body[0]
    target = assign.targets[0].target
    if isinstance(target, cst.Name) and isinstance(assign.value, cst.SimpleString):
        return target.value, assign.value
    return None


def _members(node: cst.ClassDef) -> dict[str, str]:
    out = {}
    for stmt in getattr(node.body, "body", ()):
        found = _member(stmt)
        if found is not None:
            out[found[0]] = found[1].evaluated_value
    return out
