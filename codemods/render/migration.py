"""An Alembic revision creating the new table, on top of the current head.

The revision id follows the project's numbering when it numbers revisions (0001, 0002, ...),
otherwise it is derived from the parent revision and table name, so re-running the codemod,
or running it in patch mode, writes the same file.
"""

from __future__ import annotations

import ast
import hashlib
import re

from codemods.context import ResourceContext
from codemods.edits import Edit, Statements
from codemods.render.code import column_type
from codemods.revision_files import DEFAULT_TEMPLATE, file_name, revision_time
from detectors._ast import const_str, last_name
from detectors.migrations import revision_heads, revision_links
from detectors.project import ModuleInfo


def _revisions(ctx: ResourceContext, directory: str) -> list[ModuleInfo]:
    out = []
    for path in ctx.index.files:
        if path.startswith(directory + "/") and path.count("/") == directory.count("/") + 1:
            info = ctx.index.get(path)
            if info is not None and "revision" in info.definitions:
                out.append(info)
    return out


def _creates(info: ModuleInfo, table: str) -> ast.Call | None:
    for call in info.nodes(ast.Call):
        if (
            last_name(call.func) == "create_table"
            and call.args
            and const_str(call.args[0]) == table
        ):
            return call
    return None


def _column_name(text: str) -> str | None:
    """The name a copied `sa.Column("id", ...)` (or `Column('id', ...)`) gives its column."""
    try:
        node = ast.parse(text.strip(), mode="eval").body
    except SyntaxError:
        return None
    if isinstance(node, ast.Call) and last_name(node.func) == "Column" and node.args:
        return const_str(node.args[0])
    return None


def render_migration(ctx: ResourceContext) -> list[Edit]:
    mig = ctx.conv.migrations
    if mig.kind != "alembic" or not mig.directory or ctx.conv.orm.kind not in ("sqlalchemy", "sqlmodel"):
        return []
    table = ctx.table or ctx.names.plural_snake
    revisions = _revisions(ctx, mig.directory)
    if any(_creates(info, table) for info in revisions):
        return []  # the table already has its migration
    links = [revision_links(r.tree) for r in revisions]
    ids = {rid: r for (rid, _), r in zip(links, revisions) if rid}
    heads = revision_heads(links)
    if len(heads) > 1:
        from codemods.errors import ConventionError

        raise ConventionError(
            f"alembic has {len(heads)} heads ({', '.join(sorted(heads))}); merge them first"
        )
    head = heads[0] if heads else None
    if head and re.fullmatch(r"\d+", head):
        revision = str(int(head) + 1).zfill(len(head))
    else:
        revision = hashlib.sha1(f"{head}:{table}".encode()).hexdigest()[:12]
    # as `alembic revision -m "create <table>"` names it, by alembic.ini's file_template
    template = mig.file_template or DEFAULT_TEMPLATE
    filename = file_name(template, revision, f"create {table}", revision_time(), mig.slug_length)
    if filename is None or "/" in filename:
        filename = f"{revision}_create_{table}.py"
    template = ids.get(head) if head else None
    text = _render(ctx, table, revision, head, template)
    return [
        Statements(
            f"{mig.directory}/{filename}",
            text,
            (),
            why=f"alembic revision {revision}: create {table}",
        )
    ]


def _render(
    ctx: ResourceContext, table: str, revision: str, head: str | None, template: ModuleInfo | None
) -> str:
    imports = [
        "from collections.abc import Sequence",
        "",
        "import sqlalchemy as sa",
        "from alembic import op",
    ]
    header_vars = [
        f'revision: str = "{revision}"',
        f"down_revision: str | None = {head!r}".replace("'", '"'),
        "branch_labels: str | Sequence[str] | None = None",
        "depends_on: str | Sequence[str] | None = None",
    ]
    returns = " -> None"
    copied: list[str] = []
    sib = ctx.sibling
    if template is not None:
        header_vars = _header_like(template, revision, head) or header_vars
        upgrade_def = template.definitions.get("upgrade")
        if isinstance(upgrade_def, ast.FunctionDef) and upgrade_def.returns is None:
            returns = ""
        import_stmts = [
            s for s in template.tree.body if isinstance(s, (ast.Import, ast.ImportFrom))
        ]
        if import_stmts:  # the block verbatim, blank lines between sections included
            imports = template.lines[import_stmts[0].lineno - 1 : import_stmts[-1].end_lineno]
        if sib is not None:
            sib_table = (
                sib.names.plural_snake if ctx.table == ctx.names.plural_snake else sib.names.snake
            )
            for info in _revisions(ctx, ctx.conv.migrations.directory):
                call = _creates(info, sib_table)
                if call is None:
                    continue
                keep = {"id", *ctx.conv.orm.timestamps} | (
                    {ctx.owner_field} if ctx.owned else set()
                )
                for arg in call.args[1:]:
                    if not isinstance(arg, ast.Call):
                        continue
                    kind = last_name(arg.func)
                    first = const_str(arg.args[0]) if arg.args else None
                    cols = (
                        [const_str(e) for e in arg.args[0].elts]
                        if arg.args and isinstance(arg.args[0], ast.List)
                        else []
                    )
                    if (
                        (kind == "Column" and first in keep)
                        or kind == "PrimaryKeyConstraint"
                        or (kind == "ForeignKeyConstraint" and cols and set(cols) <= keep)
                    ):
                        copied.append(
                            ctx.rename_from_sibling(ast.get_source_segment(info.source, arg))
                        )
                break
    columns = [c for c in copied if _column_name(c) == "id"]
    # a SQLModel project's revisions spell strings as SQLModel's autogenerate does
    autostring = any("import sqlmodel.sql.sqltypes" in line for line in imports)
    columns += _field_columns(ctx, autostring)
    columns += [c for c in copied if "Column(" in c and _column_name(c) != "id"]
    constraints = [c for c in copied if "Column(" not in c]
    if not any("PrimaryKeyConstraint" in c or "primary_key=True" in c for c in copied):
        constraints.append('sa.PrimaryKeyConstraint("id")')
    if not columns or _column_name(columns[0]) != "id":
        columns.insert(0, 'sa.Column("id", sa.Integer(), nullable=False)')
    indexes, drops = [], []
    if ctx.owned:
        name = f"ix_{table}_{ctx.owner_field}"
        indexes.append(
            f'op.create_index(op.f("{name}"), "{table}", ["{ctx.owner_field}"], unique=False)'
        )
        drops.insert(0, f'op.drop_index(op.f("{name}"), table_name="{table}")')
    for f in ctx.spec.fields:
        if f.unique or f.type in ("fk", "enum"):
            name = f"ix_{table}_{f.column_name}"
            indexes.append(
                f'op.create_index(op.f("{name}"), "{table}", ["{f.column_name}"], unique={f.unique})'
            )
            drops.insert(0, f'op.drop_index(op.f("{name}"), table_name="{table}")')
    enum_drops = [
        f'sa.Enum(name="{ctx.names.snake}_{f.name}").drop(op.get_bind(), checkfirst=True)'
        for f in ctx.spec.enum_fields()
    ]
    body = ",\n        ".join([f'"{table}"', *columns, *constraints])
    upgrade = "\n    ".join([f"op.create_table(\n        {body},\n    )", *indexes])
    downgrade = "\n    ".join([*drops, f'op.drop_table("{table}")', *enum_drops])
    doc = f'"""create {table}\n\nRevision ID: {revision}\nRevises: {head or ""}\n\n"""'
    return "\n".join(
        [
            doc,
            "",
            *imports,
            "",
            *header_vars,
            "",
            "",
            f"def upgrade(){returns}:\n    {upgrade}\n",
            "",
            f"def downgrade(){returns}:\n    {downgrade}\n",
        ]
    )


_HEADER = ("revision", "down_revision", "branch_labels", "depends_on")


def _header_like(template: ModuleInfo, revision: str, head: str | None) -> list[str]:
    """The revision identifiers written the way the head revision writes them (with or without
    annotations, which Python before 3.10 cannot evaluate when they say `str | None`)."""
    values = {"revision": revision, "down_revision": head}
    out = []
    for name in _HEADER:
        stmt = template.definitions.get(name)
        if not isinstance(stmt, (ast.Assign, ast.AnnAssign)) or stmt.value is None:
            return []
        if name not in values:
            out.append(ast.get_source_segment(template.source, stmt))
            continue
        target = ast.get_source_segment(template.source, stmt)
        value_text = ast.get_source_segment(template.source, stmt.value)
        start = target.rindex(value_text)
        new_value = f'"{values[name]}"' if values[name] is not None else "None"
        out.append(target[:start] + new_value + target[start + len(value_text) :])
    return out


def _field_columns(ctx: ResourceContext, autostring: bool = False) -> list[str]:
    out = []
    for f in ctx.spec.fields:
        if f.type == "enum":
            values = ", ".join(f'"{v}"' for v in f.enum_values)
            sa_type = f'sa.Enum({values}, name="{ctx.names.snake}_{f.name}")'
        elif f.type == "fk":
            sa_type = "sa.Uuid()" if ctx.key_type == "uuid" else "sa.Integer()"
            out.append(f'sa.Column("{f.column_name}", {sa_type}, nullable={f.optional})')
            out.append(
                f'sa.ForeignKeyConstraint(["{f.column_name}"], ["{ctx.fk_table(f.fk_target)}.id"])'
            )
            continue
        else:
            name, args = column_type(ctx, f, migration=True)
            sa_type = f"sa.{name}({args})"
            if autostring and name == "String":
                sa_type = f"sqlmodel.sql.sqltypes.AutoString({args})"
        out.append(f'sa.Column("{f.column_name}", {sa_type}, nullable={f.optional})')
    return out
