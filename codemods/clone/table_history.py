"""The exemplar's table as the later revisions leave it, written back into the revision creating it.

A project whose revisions alter a table after creating it (ids turned into UUIDs, a foreign key
given ON DELETE CASCADE, a column added) has no create_table saying what the table is now: the
revision creating it says what it was. Cloned as it is, the new table gets the old shape (integer
keys beside a model keyed by UUIDs, and `alembic upgrade` fails on its foreign key). So before
the creating revision is cloned, its create_table (and the indexes made beside it) get every
later operation on the table applied, in the order alembic runs them:

    creating revision                               later revisions
    op.create_table("item",                         op.add_column("item", sa.Column("new_id", sa.UUID()))
        sa.Column("id", sa.Integer()),              op.drop_column("item", "id")
        sa.Column("title", sa.String()),            op.alter_column("item", "new_id", new_column_name="id")
        sa.PrimaryKeyConstraint("id"))              op.create_primary_key("item_pkey", "item", ["id"])

    becomes
    op.create_table("item",
        sa.Column("title", sa.String()),
        sa.Column("id", sa.UUID()),
        sa.PrimaryKeyConstraint("id"))

Operations on other tables and statements running SQL (`op.execute`, data migrations) are left
out. An operation on the table this cannot follow (a rename of the table, a constraint it cannot
find by name) stops the clone in one line rather than giving a revision of a shape nobody knows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import libcst as cst

from codemods.errors import ConventionError
from codemods.imports import imported_names
from codemods.parsing import parse_module

# positional arguments of each operation after which its table comes (`op.drop_constraint(name, table)`)
_TABLE_AT = {
    "add_column": 0, "drop_column": 0, "alter_column": 0, "drop_constraint": 1, "create_primary_key": 1,
    "create_foreign_key": 1, "create_unique_constraint": 1, "create_check_constraint": 1, "create_index": 1,
    "drop_index": None, "create_table": 0, "drop_table": 0, "rename_table": 0, "create_table_comment": 0,
}
_IGNORED = frozenset({"execute", "bulk_insert", "get_bind", "get_context", "f", "inline_literal"})
_MODULE = cst.Module([])


def _code(node: cst.CSTNode) -> str:
    return _MODULE.code_for_node(node)


def _string(node: cst.BaseExpression | None) -> str | None:
    """A plain string, or `op.f("name")`'s."""
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    if isinstance(node, cst.Call) and _code(node.func).endswith(".f") and node.args:
        return _string(node.args[0].value)
    return None


def _strings(node: cst.BaseExpression | None) -> list[str] | None:
    if isinstance(node, (cst.List, cst.Tuple)):
        found = [_string(e.value) for e in node.elements]
        strings = [f for f in found if f is not None]
        return strings if len(strings) == len(found) else None
    return None


def _kw(call: cst.Call, name: str) -> cst.Arg | None:
    return next((a for a in call.args if a.keyword is not None and a.keyword.value == name), None)


def _positional(call: cst.Call) -> list[cst.BaseExpression]:
    return [a.value for a in call.args if a.keyword is None and not a.star]


def _with_kw(call: cst.Call, name: str, value: cst.BaseExpression | None) -> cst.Call:
    """The call with keyword `name` set to `value` (None: taken out)."""
    args = [a for a in call.args if not (a.keyword is not None and a.keyword.value == name)]
    if value is not None:
        args.append(cst.Arg(value=value, keyword=cst.Name(name), equal=cst.AssignEqual(
            whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))))
    return call.with_changes(args=_commas(args))


def _commas(args: list[cst.Arg]) -> list[cst.Arg]:
    return [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in args]


@dataclass
class _Table:
    """The table's columns (by name, in order), its constraints and its indexes (by name)."""

    name: str
    sa: str  # how the revisions name sqlalchemy (`sa`)
    columns: dict[str, cst.Call] = field(default_factory=dict)
    constraints: list[cst.Call] = field(default_factory=list)
    indexes: dict[str, str] = field(default_factory=dict)  # name -> `op.create_index(...)` text
    added_indexes: list[str] = field(default_factory=list)  # made by the later revisions
    used: list[cst.CSTNode] = field(default_factory=list)  # nodes taken from later revisions

    def local_columns(self, constraint: cst.Call) -> list[str]:
        kind = _code(constraint.func).rsplit(".", 1)[-1]
        values = _positional(constraint)
        if kind == "ForeignKeyConstraint":
            return _strings(values[0]) or [] if values else []
        return [s for s in (_string(v) for v in values) if s is not None]


def _split(call: cst.Call, table: str) -> tuple[_Table | None, list[cst.Arg], list[cst.Arg]]:
    columns, constraints = {}, []
    rest = [a for a in call.args[1:]]
    for arg in rest:
        value = arg.value
        if arg.keyword is not None or not isinstance(value, cst.Call):
            continue
        kind = _code(value.func).rsplit(".", 1)[-1]
        if kind == "Column":
            name = _string(value.args[0].value) if value.args else None
            if name is None:
                return None, [], []
            columns[name] = value
        else:
            constraints.append(value)
    kwargs = [a for a in rest if a.keyword is not None]
    return _Table(table, "sa", columns, constraints), [a for a in rest if a.keyword is None and not isinstance(a.value, cst.Call)], kwargs


def table_as_altered(creation: str, later: Sequence[tuple[str, str]], table: str) -> str:
    """`creation` (a revision's text) with its create_table of `table`, and the indexes it makes
    on it, as the `later` revisions ((path, text), in the order alembic applies them) leave them;
    `creation` itself where none of them touches the table."""
    ops = [(path, name, args, batch) for path, text in later for name, args, batch in _operations(text, table)]
    if not ops:
        return creation
    module = parse_module(creation)
    upgrade = next((s for s in module.body if isinstance(s, cst.FunctionDef) and s.name.value == "upgrade"), None)
    if upgrade is None or not isinstance(upgrade.body, cst.IndentedBlock):
        return creation
    found = next(((i, call) for i, call in _statements(upgrade.body.body) if _op(call) == "create_table" and _table_arg(call, "create_table") == table), None)
    if found is None:
        return creation
    _, create = found
    state, plain, kwargs = _split(create, table)
    if state is None:
        raise ConventionError(f"cannot read the columns of {table} in its creating revision")
    state.sa = _sa_name(module)
    for _, call in _statements(upgrade.body.body):
        if _op(call) == "create_index" and _table_arg(call, "create_index") == table:
            name = _string(call.args[0].value) if call.args else None
            if name is not None:
                state.indexes[name] = _code(call)
    for path, name, call, batch in ops:
        try:
            _apply(state, name, call, batch)
        except ConventionError as exc:
            raise ConventionError(f"{path}: {exc.args[0]}; the table cannot be cloned as it is now") from None
    return _written(module, upgrade, create, state, plain, kwargs, later)


def _operations(text: str, table: str) -> Iterator[tuple[str, cst.Call, bool]]:
    """(operation, call, from a batch) for each operation of the revision's upgrade on `table`."""
    try:
        module = parse_module(text)
    except cst.ParserSyntaxError:
        return
    upgrade = next((s for s in module.body if isinstance(s, cst.FunctionDef) and s.name.value == "upgrade"), None)
    if upgrade is None or not isinstance(upgrade.body, cst.IndentedBlock):
        return
    yield from _walk(upgrade.body.body, table, None)


def _walk(body: Sequence[cst.BaseStatement], table: str, batch: str | None) -> Iterator[tuple[str, cst.Call, bool]]:
    for stmt in body:
        if isinstance(stmt, cst.With) and isinstance(stmt.body, cst.IndentedBlock):
            item = stmt.items[0] if stmt.items else None
            call = item.item if item is not None else None
            alias = item.asname.name if item is not None and item.asname is not None else None
            if isinstance(call, cst.Call) and _code(call.func).endswith("batch_alter_table") and isinstance(alias, cst.Name):
                if _string(call.args[0].value if call.args else None) == table:
                    yield from _walk(stmt.body.body, table, alias.value)
                continue
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                call = small.value if isinstance(small, cst.Expr) else None
                if not isinstance(call, cst.Call) or not isinstance(call.func, cst.Attribute):
                    continue
                owner, name = _code(call.func.value), call.func.attr.value
                if batch is not None and owner == batch:
                    yield name, call, True
                elif owner == "op" and name not in _IGNORED and _names_table(call, name, table):
                    yield name, call, False


def _names_table(call: cst.Call, name: str, table: str) -> bool:
    if name == "create_foreign_key":  # the table holding the key is the second argument
        return _table_arg(call, name) == table
    return _table_arg(call, name) == table or (
        name not in _TABLE_AT and any(_string(a.value) == table for a in call.args)
    )


def _table_arg(call: cst.Call, name: str) -> str | None:
    named = _kw(call, "table_name")
    if named is not None:
        return _string(named.value)
    at = _TABLE_AT.get(name)
    values = _positional(call)
    return _string(values[at]) if at is not None and len(values) > at else None


def _op(call: cst.Call) -> str | None:
    return call.func.attr.value if isinstance(call.func, cst.Attribute) and _code(call.func.value) == "op" else None


def _statements(body: Sequence[cst.BaseStatement]) -> Iterator[tuple[int, cst.Call]]:
    for i, stmt in enumerate(body):
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
                    yield i, small.value


def _apply(state: _Table, name: str, call: cst.Call, batch: bool) -> None:
    """One operation on the table, applied to its state (a batch operation names no table)."""
    values = _positional(call)
    at = _TABLE_AT.get(name)
    if not batch and at is not None and len(values) > at:
        values = values[:at] + values[at + 1 :]  # the table, which is this one
    if name == "add_column" and values and isinstance(values[0], cst.Call):
        column = values[0]
        key = _string(column.args[0].value) if column.args else None
        if key is None:
            raise ConventionError(f"op.{name} on {state.name} adds a column this cannot name")
        state.columns[key] = column
        state.used.append(column)
    elif name == "drop_column" and values:
        key = _string(values[0])
        if key not in state.columns:
            raise ConventionError(f"op.{name} on {state.name} drops {key}, which it does not have")
        del state.columns[key]
        # PostgreSQL drops the constraints and indexes involving the column with it
        state.constraints = [c for c in state.constraints if key not in state.local_columns(c)]
        gone = {n for n, t in state.indexes.items() if key in _index_columns(t)}
        state.indexes = {n: t for n, t in state.indexes.items() if n not in gone}
    elif name == "alter_column" and values:
        _alter(state, _string(values[0]), call)
    elif name == "drop_constraint" and values:
        kind = _kw(call, "type_")
        _drop_constraint(state, _string(values[0]), _string(kind.value) if kind is not None else None)
    elif name == "create_primary_key" and len(values) >= 2:
        columns = _strings(values[1])
        if columns is None:
            raise ConventionError(f"op.{name} on {state.name}: columns this cannot read")
        state.constraints.append(_constraint(state, "PrimaryKeyConstraint", [f'"{c}"' for c in columns], values[0]))
    elif name == "create_unique_constraint" and len(values) >= 2:
        columns = _strings(values[1])
        if columns is None:
            raise ConventionError(f"op.{name} on {state.name}: columns this cannot read")
        state.constraints.append(_constraint(state, "UniqueConstraint", [f'"{c}"' for c in columns], values[0]))
    elif name == "create_foreign_key" and len(values) >= 4:
        referent, local, remote = _string(values[1]), _strings(values[2]), _strings(values[3])
        if referent is None or local is None or remote is None:
            raise ConventionError(f"op.{name} on {state.name}: a key this cannot read")
        extra = [f"{a.keyword.value}={_code(a.value)}" for a in call.args if a.keyword is not None and a.keyword.value in ("ondelete", "onupdate", "deferrable", "initially")]
        args = [_list(local), _list([f"{referent}.{c}" for c in remote])]
        state.constraints.append(_constraint(state, "ForeignKeyConstraint", args, values[0], extra))
        state.used.extend(a.value for a in call.args if a.keyword is not None)
    elif name == "create_index" and values:
        key = _string(values[0])
        if key is None:
            raise ConventionError(f"op.{name} on {state.name}: an index this cannot name")
        rest = call.args[1:] if batch else [a for i, a in enumerate(call.args) if i >= 2 or (i == 1 and a.keyword is not None)]
        parts = [_code(call.args[0].value), f'"{state.name}"', *(_code(a).strip().rstrip(",") for a in rest)]
        state.indexes[key] = f"op.create_index({', '.join(parts)})"
        state.added_indexes.append(key)
        state.used.extend(a.value for a in rest)
    elif name == "drop_index" and values:
        key = _string(values[0])
        if key not in state.indexes:
            raise ConventionError(f"op.{name} on {state.name} drops {key}, which it does not know")
        del state.indexes[key]
    elif name in ("create_check_constraint",) and len(values) >= 2:
        state.constraints.append(_constraint(state, "CheckConstraint", [_code(values[1])], values[0]))
    elif name in _IGNORED or name == "create_table_comment":
        return
    else:
        raise ConventionError(f"op.{name} on {state.name} is an operation this cannot follow")


def _list(items: list[str]) -> str:
    return "[" + ", ".join(f'"{i}"' for i in items) + "]"


def _constraint(state: _Table, kind: str, args: list[str], name: cst.BaseExpression | None, extra: Sequence[str] = ()) -> cst.Call:
    """`sa.<kind>(*args, name=..., *extra)`, the name spelled as the operation spelled it
    (`op.f(...)`), before the options, as alembic writes a constraint."""
    none = name is None or (isinstance(name, cst.Name) and name.value == "None")
    named = [] if none else [f"name={_code(name)}"]
    return cst.ensure_type(cst.parse_expression(f"{state.sa}.{kind}({', '.join([*args, *named, *extra])})"), cst.Call)


def _alter(state: _Table, key: str | None, call: cst.Call) -> None:
    if key not in state.columns:
        raise ConventionError(f"op.alter_column on {state.name} alters {key}, which it does not have")
    column = state.columns[key]
    for arg in call.args:
        if arg.keyword is None:
            continue
        what = arg.keyword.value
        if what == "nullable":
            column = _with_kw(column, "nullable", arg.value)
        elif what == "server_default":
            none = isinstance(arg.value, cst.Name) and arg.value.value == "None"
            column = _with_kw(column, "server_default", None if none else arg.value)
            state.used.append(arg.value)
        elif what == "type_":
            column = _with_type(column, arg.value)
            state.used.append(arg.value)
    renamed = _kw(call, "new_column_name")
    new_key = _string(renamed.value) if renamed is not None else None
    if renamed is not None and new_key is None:
        raise ConventionError(f"op.alter_column on {state.name} renames {key} to a name this cannot read")
    if new_key is not None:
        first = column.args[0]
        column = column.with_changes(args=[first.with_changes(value=cst.SimpleString(f'"{new_key}"')), *column.args[1:]])
        state.columns = {(new_key if k == key else k): (column if k == key else c) for k, c in state.columns.items()}
        state.constraints = [_renamed_in(c, key, new_key) for c in state.constraints]
        state.indexes = {n: t.replace(f'"{key}"', f'"{new_key}"').replace(f"'{key}'", f"'{new_key}'") for n, t in state.indexes.items()}
    else:
        state.columns[key] = column


def _renamed_in(constraint: cst.Call, old: str, new: str) -> cst.Call:
    """The constraint with column `old` spelled `new` wherever it lists it."""

    class Rename(cst.CSTTransformer):
        def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.SimpleString:
            return cst.SimpleString(f'"{new}"') if original.evaluated_value == old else updated

    kind = _code(constraint.func).rsplit(".", 1)[-1]
    if kind == "ForeignKeyConstraint" and constraint.args:  # only its own columns, not the referent's
        first = constraint.args[0]
        return constraint.with_changes(args=[first.visit(Rename()), *constraint.args[1:]])
    return cst.ensure_type(constraint.visit(Rename()), cst.Call)


def _with_type(column: cst.Call, type_: cst.BaseExpression) -> cst.Call:
    """The column with its type (the positional argument after its name that is no ForeignKey,
    Sequence, Identity or Computed) as `type_`; inserted where it has none."""
    args = list(column.args)
    for i, arg in enumerate(args[1:], 1):
        if arg.keyword is not None:
            break
        called = _code(arg.value.func).rsplit(".", 1)[-1] if isinstance(arg.value, cst.Call) else ""
        if called not in ("ForeignKey", "Sequence", "Identity", "Computed"):
            args[i] = arg.with_changes(value=type_)
            return column.with_changes(args=_commas(args))
    args.insert(1, cst.Arg(value=type_))
    return column.with_changes(args=_commas(args))


def _drop_constraint(state: _Table, name: str | None, kind: str | None) -> None:
    """The constraint named `name` taken out: one naming itself so, else the one PostgreSQL names
    so by default (`item_pkey`, `item_owner_id_fkey`, `item_title_key`), in the table's
    constraints or on its columns."""
    if name is None:
        raise ConventionError(f"op.drop_constraint on {state.name}: a constraint this cannot name")
    for c in state.constraints:
        named = _kw(c, "name")
        if named is not None and _string(named.value) == name:
            state.constraints.remove(c)
            return
    table = state.name
    if name == f"{table}_pkey" or kind == "primary":
        kept = [c for c in state.constraints if not _code(c.func).endswith("PrimaryKeyConstraint")]
        if len(kept) < len(state.constraints):
            state.constraints = kept
            return
        for key, column in state.columns.items():
            if _kw(column, "primary_key") is not None:
                state.columns[key] = _with_kw(column, "primary_key", None)
                return
    for suffix, kinds in (("_fkey", ("ForeignKeyConstraint",)), ("_key", ("UniqueConstraint",))):
        if not name.startswith(f"{table}_") or not name.endswith(suffix):
            continue
        columns = name[len(table) + 1 : -len(suffix)]
        for c in state.constraints:
            if _code(c.func).rsplit(".", 1)[-1] in kinds and "_".join(state.local_columns(c)) == columns:
                state.constraints.remove(c)
                return
        column = state.columns.get(columns)
        if column is not None and suffix == "_fkey":
            kept = [a for a in column.args if not (isinstance(a.value, cst.Call) and _code(a.value.func).endswith("ForeignKey"))]
            if len(kept) < len(column.args):
                state.columns[columns] = column.with_changes(args=_commas(kept))
                return
        if column is not None and suffix == "_key" and _kw(column, "unique") is not None:
            state.columns[columns] = _with_kw(column, "unique", None)
            return
    raise ConventionError(f"op.drop_constraint on {state.name} drops {name}, which it cannot find")


def _sa_name(module: cst.Module) -> str:
    for stmt in module.body:
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, cst.Import):
                    for alias in small.names:
                        if alias.evaluated_name == "sqlalchemy":
                            return alias.evaluated_alias or "sqlalchemy"
    return "sa"


def _written(module, upgrade, create, state: _Table, plain, kwargs, later) -> str:
    """The creating revision with the table's create_table, indexes and the imports the taken
    nodes need, as the state says."""
    args = [_code(a.value) for a in plain] + [_code(c) for c in state.columns.values()]
    args += [_code(c) for c in state.constraints] + [_code(a).rstrip().rstrip(",") for a in kwargs]
    # libcst indents the lines of a bracket by the block it stands in: written from column 0
    call = f'op.create_table(\n    "{state.name}",\n' + "".join(f"    {a},\n" for a in args) + ")"
    new_create = cst.ensure_type(cst.parse_expression(call), cst.Call)
    indexes = [state.indexes[n] for n in state.added_indexes if n in state.indexes]

    class Rewrite(cst.CSTTransformer):
        def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
            if original.name.value not in ("upgrade", "downgrade") or not isinstance(updated.body, cst.IndentedBlock):
                return updated
            body: list[cst.BaseStatement] = []
            for stmt in updated.body.body:
                calls = [c for _, c in _statements([stmt])]
                index = next((c for c in calls if _op(c) in ("create_index", "drop_index") and _table_arg(c, _op(c) or "") == state.name), None)
                if index is not None:  # the creating revision's own indexes, as they are now
                    name = _string(index.args[0].value) if index.args else None
                    if name in state.indexes and name not in state.added_indexes:
                        body.append(cst.parse_statement(state.indexes[name]) if _op(index) == "create_index" else stmt)
                    continue
                if original.name.value == "downgrade" and any(_op(c) == "drop_table" and _table_arg(c, "drop_table") == state.name for c in calls):
                    body += [cst.parse_statement(f'op.drop_index({_index_name(t)}, table_name="{state.name}")') for t in reversed(indexes)]
                body.append(stmt)
                if original.name.value == "upgrade" and any(c is new_create for c in calls):
                    body += [cst.parse_statement(t) for t in indexes]
            return updated.with_changes(body=updated.body.with_changes(body=body))

        def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
            return new_create if original is create else updated

    rewritten = module.visit(Rewrite())
    return _with_imports(rewritten, state, later).code


def _index_columns(text: str) -> list[str]:
    """The columns an `op.create_index(name, table, [columns], ...)` text lists."""
    call = cst.ensure_type(cst.parse_expression(text), cst.Call)
    values = _positional(call)
    return (_strings(values[2]) or []) if len(values) > 2 else []


def _index_name(text: str) -> str:
    call = cst.ensure_type(cst.parse_expression(text), cst.Call)
    return _code(call.args[0].value)


def _with_imports(module: cst.Module, state: _Table, later: Sequence[tuple[str, str]]) -> cst.Module:
    """The module with the later revisions' imports of the names the taken nodes use
    (`postgresql.UUID`), where it binds none of them."""
    used: set[str] = set()

    class Names(cst.CSTVisitor):
        def visit_Name(self, node: cst.Name) -> None:
            used.add(node.value)

    for node in [*state.used, *state.columns.values(), *state.constraints]:
        node.visit(Names())
    bound = imported_names(module)
    wanted: list[cst.SimpleStatementLine] = []
    for _, text in later:
        try:
            other = parse_module(text)  # the tree _operations read: parsed once
        except cst.ParserSyntaxError:
            continue
        for stmt in other.body:
            if isinstance(stmt, cst.SimpleStatementLine) and all(isinstance(s, (cst.Import, cst.ImportFrom)) for s in stmt.body):
                names = imported_names(cst.Module([stmt]))
                if names & (used - bound) and _code(stmt) not in {_code(w) for w in wanted}:
                    wanted.append(stmt)
                    bound |= names
    if not wanted:
        return module
    last = max((i for i, s in enumerate(module.body) if isinstance(s, cst.SimpleStatementLine) and all(isinstance(x, (cst.Import, cst.ImportFrom)) for x in s.body)), default=-1)
    body = list(module.body)
    return module.with_changes(body=[*body[: last + 1], *(w.with_changes(leading_lines=()) for w in wanted), *body[last + 1 :]])
