"""The columns of one existing model, read for `--from-model`: what each holds and who sets it.

SQLAlchemy (`Mapped[...] = mapped_column(...)`, `Column(...)`) and SQLModel (`x: int = Field(...)`)
alike: the kind of value (the spec grammar's words), nullability, uniqueness, the default as
written, the enum class, the foreign key's model, a string's length, and whether the server
sets it (primary key, `server_default`, `onupdate`, `default_factory`/`default=func.now()`).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from detectors._ast import last_name
from detectors._models import ModelClass, model_classes
from detectors.project import ProjectIndex
from detectors.resources import _class_fields, _classify, enum_named, table_name


@dataclass(frozen=True)
class ColumnInfo:
    name: str
    kind: str  # str text int float bool decimal date datetime uuid json enum fk, or "other"
    nullable: bool
    unique: bool
    default: str | None  # the default as written (`0`, `"x"`, `Tier.gold`), None when there is none
    server_set: bool  # the key, or a value the database or the ORM fills in
    enum_class: str | None = None
    enum_values: tuple[str, ...] = ()
    fk_model: str | None = None
    length: int | None = None  # String(120)
    annotation: str = ""


def find_model(index: ProjectIndex, name: str, path: str | None = None) -> ModelClass | None:
    """The model class `name` (in `path` when given)."""
    return next((m for m in model_classes(index) if m.name == name and (path is None or m.module.path == path)), None)


def model_columns(index: ProjectIndex, model: ModelClass) -> tuple[ColumnInfo, ...]:
    """Every column of `model` (relationships left out), in class order."""
    tables = {table_name(m): m.name for m in model_classes(index)}
    out = []
    for name, (annotation, value) in _class_fields(model.module, model.node).items():
        if name.startswith("_") or re.search(r"\b[Rr]elationship\(", value) or name == "model_config":
            continue
        if not value and not annotation:
            continue
        kind, nullable = _classify(annotation, value)
        call = _call(value)
        keywords = {k.arg: k.value for k in call.keywords} if call is not None else {}
        key = _true(keywords.get("primary_key"))
        server = key or any(k in keywords for k in ("onupdate", "server_onupdate", "default_factory"))
        default = keywords.get("default")
        server_default = keywords.get("server_default")
        if server_default is not None:
            if isinstance(server_default, ast.Constant):  # server_default="false": a plain default
                default = default or server_default
            elif default is None:  # server_default=func.now() alone: the database computes it
                server = True
        if call is None and value:  # `x: int = 0` in a SQLModel
            default = ast.parse(value, mode="eval").body
        if default is not None and not _literal(default, kind):
            server = True  # default=func.now(), default=datetime.utcnow: computed by the ORM
        enum_class, values = enum_named(index, model.module, f"{annotation} {value}") if kind == "enum" else (None, ())
        fk = re.search(r"ForeignKey\(\s*['\"]([\w.]+)\.\w+['\"]", value) or re.search(r"foreign_key=['\"]([\w.]+)\.\w+['\"]", value)
        length = re.search(r"\b(?:String|VARCHAR|Unicode)\((\d+)", value) or re.search(r"max_length=(\d+)", value)
        out.append(
            ColumnInfo(
                name,
                kind,
                nullable or _true(keywords.get("nullable")),
                _true(keywords.get("unique")),
                ast.unparse(default) if default is not None and not _none(default) else None,
                server,
                enum_class,
                values,
                tables.get(fk.group(1).split(".")[-1]) if fk else None,
                int(length.group(1)) if length else None,
                annotation,
            )
        )
    return tuple(out)


def _call(value: str) -> ast.Call | None:
    try:
        node = ast.parse(value, mode="eval").body if value else None
    except SyntaxError:
        return None
    return node if isinstance(node, ast.Call) and last_name(node.func) in ("mapped_column", "Column", "Field") else None


def _literal(node: ast.expr, kind: str) -> bool:
    """A default a client could have sent: a literal, `Decimal("1")`, or an enum member."""
    if kind == "enum" and isinstance(node, ast.Attribute):
        return True
    if isinstance(node, ast.Call) and last_name(node.func) == "Decimal":
        return all(isinstance(a, ast.Constant) for a in node.args)
    try:
        ast.literal_eval(node)
    except ValueError:
        return False
    return True


def _true(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def _none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None
