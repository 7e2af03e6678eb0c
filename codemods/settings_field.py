"""Give the project's settings class one more field, after its last annotated field.

Before (class_name="Settings", field="jwt_secret: str | None = None"):
    class Settings(BaseSettings):
        app_name: str = "Shop"

        model_config = SettingsConfigDict(env_file=".env")
After:
    class Settings(BaseSettings):
        app_name: str = "Shop"
        jwt_secret: str | None = None

        model_config = SettingsConfigDict(env_file=".env")
"""

from __future__ import annotations

import libcst as cst

from codemods.errors import TargetError


class AddSettingsField(cst.CSTTransformer):
    """Add `field` (one annotated assignment) to the module-level class `class_name`, unless a
    field of its name is there already."""

    def __init__(self, class_name: str, field: str):
        super().__init__()
        self.class_name, self.field = class_name, cst.parse_statement(field)
        self.name = self.field.body[0].target.value
        self.found = False
        self.added = False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False  # fields are the class's own statements: nothing nested is looked at

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        if updated.name.value != self.class_name or not isinstance(updated.body, cst.IndentedBlock):
            return updated
        self.found = True
        body = list(updated.body.body)
        fields = [i for i, s in enumerate(body) if isinstance(s, cst.SimpleStatementLine)
                  and isinstance(s.body[0], cst.AnnAssign) and isinstance(s.body[0].target, cst.Name)]
        if any(body[i].body[0].target.value == self.name for i in fields):
            return updated
        at = fields[-1] + 1 if fields else len(body)
        self.added = True
        body.insert(at, self.field)
        return updated.with_changes(body=updated.body.with_changes(body=body))

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        if not self.found:
            raise TargetError(f"cannot find the settings class {self.class_name} to add {self.name} to")
        return updated
