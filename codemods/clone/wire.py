"""Wire the new resource in wherever the exemplar is wired in, in modules no resource owns.

Before:                                       After:
    from app.routers import auth, items           from app.routers import auth, items, orders
    app.include_router(items.router)              app.include_router(items.router)
                                                  app.include_router(orders.router)
    ROUTERS = [auth.router, items.router]         ROUTERS = [auth.router, items.router, orders.router]
    __all__ = ["Item", "User"]                    __all__ = ["Item", "Order", "User"]

Import lines gain the renamed name beside the exemplar's; a call naming the exemplar is
repeated for the new resource right after it (a deletion before that of a model the new one has
a foreign key to: rows go children first); list, tuple and set literals gain the renamed
element after the exemplar's (in sorted place when the literal is sorted). Statements inside
other resources' definitions are left alone: they are those resources' own code.

A registry class, one keeping a member per resource, gains the new resource's beside the
exemplar's, in any module, another resource's too (`is_registry`):
    class Permission(StrEnum):                    class Permission(StrEnum):
        VIEW_USERS = "view_users"                     VIEW_USERS = "view_users"
        VIEW_ITEMS = "view_items"                     VIEW_ITEMS = "view_items"
                                                      VIEW_ORDERS = "view_orders"
"""

from __future__ import annotations

import re
from collections.abc import Callable

import libcst as cst

from codemods.clone.rename_fields import cased_names
from codemods.names import ResourceNames, Spelling, spelling_forms, spelling_pattern
from codemods.parsing import remember_statement
from codemods.rename import rename_code, renamer
from codemods.visit import visit
from detectors.registries import ENUM_BASES, is_accessor


# the indent and newline `WireIn._code` prints statements with (those of an empty module)
_PRINTED = (cst.Module(body=[]).default_indent, cst.Module(body=[]).default_newline)
# a statement removing rows: `delete(Item)`, `session.query(Item).delete()`
_DELETES = re.compile(r"(?:\b|\.)delete\s*\(")


class WireIn(cst.CSTTransformer):
    def __init__(
        self,
        old: ResourceNames,
        new: ResourceNames,
        skip: set[str],
        url_style: str,
        resources: tuple[Spelling, ...] = (),
        references: frozenset[str] = frozenset(),
        registries_only: bool = False,
        fields: dict[str, str] | None = None,
    ):
        """`fields`: the paired fields' renames, which the clone's modules make in the names
        they define (`DepotSkuAlreadyExists` is `DepotCodeAlreadyExists` there)."""
        super().__init__()
        self.fields = fields or {}
        # a module of another resource: only its registries (a class keeping a member per
        # resource, a literal listing them) and the import lines they need are wired
        self.registries_only = registries_only
        self.registered = 0  # members and elements the registries gained
        self.old, self.new, self.url_style = old, new, url_style
        self.references = references  # the models the new one has a foreign key to
        self.pattern = _Spelling(spelling_pattern(old), resources, spelling_forms(old))
        self.new_pattern = spelling_pattern(new)
        self.skip = skip  # top-level definitions belonging to some resource
        self.resources = resources  # every resource's spellings: their functions are theirs
        self.depth = 0
        self.added: list[str] = []  # bound names the wiring added (imports), to check for use
        self.module_names: set[str] = set()
        self._codes: dict[int, tuple[cst.CSTNode, str]] = {}

    def _code(self, node: cst.CSTNode) -> str:
        """The node's code, generated once: a registry module of hundreds of resources (a
        conftest, an app) asks for each statement's several times."""
        hit = self._codes.get(id(node))
        if hit is None or hit[0] is not node:  # the node is kept with its code: ids are reused
            hit = self._codes[id(node)] = (node, cst.Module(body=[]).code_for_node(node))
        return hit[1]

    def module_code(self, module: cst.Module) -> str:
        """`module.code` of the module this pass returned, each top-level statement's text the
        one the pass generated of it where it is the node the pass read: a module wiring hundreds
        of resources (an app importing every router, a models package's `__all__`) is printed
        once, not again whole."""
        if (module.default_indent, module.default_newline) != _PRINTED or not module.has_trailing_newline or not module.body:
            return module.code  # `_code` prints as a module of libcst's defaults; a trailing newline is dropped
        texts = [self._code(stmt) for stmt in module.body]
        for stmt, text in zip(module.body, texts):
            # the next resource's wiring parses the module again: its long statements, as printed
            remember_statement(text, stmt)
        return "".join(
            [module.code_for_node(line) for line in module.header]
            + texts
            + [module.code_for_node(line) for line in module.footer]
        )

    def _rename(self, code: str) -> str:
        """Identifiers renamed as identifiers, strings holding a path in the URL style."""
        try:
            renamed = rename_code(code, self.old, self.new, self.url_style)
        except cst.ParserSyntaxError:  # a bare name or an expression
            renamed = cst.Module(body=[]).code_for_node(
                cst.parse_expression(code).visit(renamer(self.old, self.new, self.url_style))
            )
        return cased_names(renamed, self.fields, self.new) if self.fields else renamed

    def _mentions(self, node: cst.CSTNode) -> bool:
        """Whether `node` uses a module-level name of the exemplar (`Item`, `items.router`,
        `crud.item`): a local that happens to spell it (`tier` in a log message) is not wiring."""
        if not self.pattern.search(self._code(node)):
            return False
        if _plain_import_line(node):
            # the line's text is its import's and blank space: the import spells the exemplar,
            # which `_ExemplarNames` would find (an app's import of hundreds of routers)
            return True
        found = _ExemplarNames(self.pattern, self.module_names, self._code)
        visit(node, found)
        return found.hit

    def visit_Module(self, node: cst.Module) -> None:
        self.module_names = _module_level_names(node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        name = node.name.value
        if self.registries_only or name in self.skip or any(p.search(name) for p in self.resources):
            return False
        return bool(self.pattern.search(self._code(node)))  # nothing in it to wire otherwise

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        # class bodies belong to their classes (another model's relationships), but for a
        # registry's: the new resource gets its member beside the exemplar's (leave_ClassDef)
        return False

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        if not isinstance(updated.body, cst.IndentedBlock):
            return updated
        is_enum = any(_last_name(b.value) in ENUM_BASES for b in updated.bases)
        members = [_member_name(s) for s in updated.body.body]
        kinds = [_member_kind(s) for s in updated.body.body]
        kept = registry_members(is_enum, [(m, k) for m, k in zip(members, kinds) if m])
        if not is_registry(updated.name.value, kept, self.pattern, self.resources):
            return updated
        body, names = [], {m for m in members if m}
        for stmt, name in zip(updated.body.body, members):
            body.append(stmt)
            if name is None or name not in kept or not self.pattern.search(name):
                continue
            twin = cst.parse_statement(self._rename(self._code(stmt)))
            twin_name = _member_name(twin)
            if twin_name is None or twin_name in names or twin_name == name:
                continue
            names.add(twin_name)
            # a def keeps the blank lines above it; a member line goes right under the exemplar's
            lines = stmt.leading_lines if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)) else ()
            body.append(twin.with_changes(leading_lines=lines))
            self.registered += 1
        return updated.with_changes(body=updated.body.with_changes(body=body))

    def leave_ImportFrom(self, original: cst.ImportFrom, updated: cst.ImportFrom) -> cst.ImportFrom:
        if isinstance(updated.names, cst.ImportStar):
            return updated
        names = list(updated.names)
        existing = {a.evaluated_alias or a.evaluated_name for a in names}
        out = []
        for alias in names:
            out.append(alias)
            if self.pattern.search(alias.evaluated_name) and not _module_mentions(updated, self.pattern):
                new_name = self._rename(alias.evaluated_name)
                new_alias = self._rename(alias.evaluated_alias) if alias.evaluated_alias else None
                bound = new_alias or new_name
                if bound in existing or new_name == alias.evaluated_name:
                    continue
                self.added.append(bound)
                out.append(
                    alias.with_changes(
                        name=cst.Name(new_name),
                        asname=alias.asname.with_changes(name=cst.Name(new_alias)) if new_alias else None,
                    )
                )
        if len(out) == len(names):
            return updated
        if _is_sorted([a.evaluated_name for a in names]):
            out.sort(key=lambda a: (_group(a.evaluated_name), a.evaluated_name.lower()))
        return updated.with_changes(names=_punctuate(out, names))

    def visit_Call(self, node: cst.Call) -> None:
        self.depth += 1  # a literal inside a call is an argument (`tags=["items"]`), not a registry

    def visit_Param(self, node: cst.Param) -> None:
        self.depth += 1  # nor is a parameter's default (`def f(models=[Item])`)

    def leave_Param(self, original, updated):
        self.depth -= 1
        return updated

    def leave_Call(self, original, updated):
        self.depth -= 1
        return updated

    def leave_List(self, original, updated):
        return self._collection(updated)

    def leave_Tuple(self, original, updated):
        return self._collection(updated)

    def leave_Set(self, original, updated):
        return self._collection(updated)

    def _collection(self, node):
        elements = list(node.elements)
        if not elements or self.depth:
            return node
        codes = [cst.Module(body=[]).code_for_node(e.value) for e in elements]
        printed = {id(e.value): c for e, c in zip(elements, codes)}  # the sort below reads them again
        mine = [i for i, c in enumerate(codes) if self.pattern.search(c)]
        if not mine or any(self.new_pattern.search(c) for c in codes):
            return node
        out = list(elements)
        self.registered += len(mine)
        for offset, i in enumerate(mine):
            new_value = cst.parse_expression(self._rename(codes[i]))
            out.insert(i + 1 + offset, elements[i].with_changes(value=new_value))
        if _is_sorted(codes):
            out.sort(key=lambda e: (printed.get(id(e.value)) or cst.Module(body=[]).code_for_node(e.value)).lower())
        return node.with_changes(elements=_punctuate(out, elements))

    def leave_SimpleStatementLine(self, original, updated):
        return updated

    def leave_Module(self, original, updated):
        return updated.with_changes(body=self._block(updated.body))

    def leave_IndentedBlock(self, original, updated):
        return updated.with_changes(body=self._block(updated.body))

    def _block(self, body) -> list:
        body = list(body)
        present: set[str] | None = None  # the block's statements, once a twin is to be added
        imported: set[tuple[str, str, str | None]] = set()  # and the names its `from` lines import
        out = []
        i = 0
        while i < len(body):
            if not isinstance(body[i], cst.SimpleStatementLine) or (
                self.registries_only and not isinstance(body[i].body[0], (cst.Import, cst.ImportFrom))
            ):
                out.append(body[i])  # a def, a class, an `if`: visited inside, never repeated whole
                i += 1
                continue
            group = _statement_group(body, i) if self._mentions(body[i]) else [body[i]]
            out.extend(group)
            i += len(group)
            if not (_repeatable(group[0], self.pattern) or len(group) > 1) or not self._mentions(group[0]):
                continue
            renamed = [self._rename(self._code(s)) for s in group]
            if present is None:
                present = {self._code(s).strip() for s in body}
                imported = set().union(*(_imported_pairs(s) for s in body))
            if renamed[0].strip() in present:
                continue
            twins = [cst.parse_statement(r) for r in renamed]
            if len(twins) == 1 and (pairs := _imported_pairs(twins[0])) and pairs <= imported:
                # the block imports it already (`from app.models.supplier import Supplier,
                # SupplierTier` for a model that was there): a second line would redefine it
                continue
            twins = [t.with_changes(leading_lines=()) if k == 0 else t for k, t in enumerate(twins)]
            at = self._teardown_slot(out, group)
            if at is None:
                out.extend(twins)
            else:  # the comment or blank lines above the group stay above it, now above the twins
                twins[0] = twins[0].with_changes(leading_lines=out[at].leading_lines)
                out[at] = out[at].with_changes(leading_lines=())
                out[at:at] = twins
            for twin in twins:
                self.added += sorted(_import_bound(twin))
        return out

    def _teardown_slot(self, out: list, group: list) -> int | None:
        """Where a deleting group's twin goes: before the first statement deleting the rows of a
        model the new one points at (`delete(Item)` before `delete(Label)` fails on Label's
        foreign key), so rows go children first; None where nothing it points at is deleted
        before it (the twin follows the exemplar's group)."""
        if not self.references or not _DELETES.search(self._code(group[0])):
            return None
        for at, stmt in enumerate(out):
            code = self._code(stmt)
            if _DELETES.search(code) and any(re.search(rf"\b{re.escape(m)}\b", code) for m in self.references):
                return at
        return None


def is_registry(name: str, members: list[str], exemplar, resources: tuple[Spelling, ...]) -> bool:
    """Whether a class named `name` keeps one member per resource (a unit of work's `notes` and
    `users` properties, a permission enum's `VIEW_NOTES` and `VIEW_USERS`): a member spelling
    the exemplar has a twin spelling another resource, the same name but for the spelling.
    `members` are an enum's members or another class's methods (`registry_members`): a model's
    `category_id` and `user_id` columns are no registry, nor are a settings class's
    `PROJECT_NAME` and `FIRST_SUPERUSER`, nor a test class's tests."""
    if name.startswith("Test"):
        return False
    plain = getattr(exemplar, "plain", exemplar)
    mine = {plain.sub("{}", m) for m in members if exemplar.search(m)}
    if not mine:
        return False
    others = [p for p in resources if p.pattern != plain.pattern]
    return any(p.sub("{}", m) in mine for m in members if not exemplar.search(m) for p in others if p.search(m))


def registry_members(is_enum: bool, members: list[tuple[str, str]]) -> list[str]:
    """Of a class's (name, kind) members, kind "assign", "accessor" or "other", those a
    registry keeps per resource: an enum's members (assignments); another class's accessors,
    methods taking nothing but `self` (a unit of work's `notes` property). A method taking
    arguments (`get_membership_for_organisation(organisation_id)`) does work about its
    resource: it is no entry a new resource repeats."""
    return [n for n, kind in members if kind == ("assign" if is_enum else "accessor")]


def _member_kind(stmt: cst.CSTNode) -> str:
    """"assign", "accessor" (a def taking only `self`) or "other" (see `registry_members`)."""
    if isinstance(stmt, cst.FunctionDef):
        params = stmt.params
        names = [p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)]
        star = isinstance(params.star_arg, cst.Param) or params.star_kwarg is not None
        return "accessor" if is_accessor(names) and not star else "other"
    return "assign" if isinstance(stmt, cst.SimpleStatementLine) else "other"


def _last_name(node: cst.CSTNode) -> str | None:
    """`Enum` of `Enum` and of `enum.Enum`."""
    if isinstance(node, cst.Name):
        return node.value
    return node.attr.value if isinstance(node, cst.Attribute) else None


def _member_name(stmt: cst.CSTNode) -> str | None:
    """The name a class-body statement binds: a def's, or a plain assignment's single target."""
    if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
        return stmt.name.value
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1:
        small = stmt.body[0]
        if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
            return small.targets[0].target.value
        if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
            return small.target.value
    return None


class _Spelling:
    """The exemplar's spellings (a pattern's `search`), but for those inside a longer spelling of
    another resource: `Role` in `RoleGroup` and `role` in `role_group_schema` are RoleGroup's,
    never wiring of Role."""

    def __init__(self, pattern: Spelling, resources: tuple[Spelling, ...], forms: frozenset[str]):
        self.plain = pattern
        # only a resource whose spellings hold one of the exemplar's can cover one of its matches
        self.longer = tuple(
            p for p in resources if p.pattern != pattern.pattern and any(form in p.pattern for form in forms)
        )

    def search(self, text: str) -> re.Match[str] | None:
        for match in self.plain.finditer(text):
            if not self.longer:
                return match
            start, end = match.span()
            if not any(
                a <= start and end <= b and b - a > end - start
                for p in self.longer
                for a, b in (m.span() for m in p.finditer(text))
            ):
                return match
        return None


def _statement_group(body: list, i: int) -> list:
    """`statement = delete(Item)` and the statements right after it that use `statement`: they
    are repeated together. Any other statement is a group of one."""
    stmt = body[i]
    small = stmt.body[0] if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 else None
    if not (isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name)):
        return [stmt]
    name = small.targets[0].target.value
    group = [stmt]
    for follower in body[i + 1 :]:
        code = cst.Module(body=[]).code_for_node(follower)
        if not isinstance(follower, cst.SimpleStatementLine) or not re.search(rf"\b{re.escape(name)}\b", code):
            break
        if re.match(rf"\s*{re.escape(name)}\s*=", code):
            break
        group.append(follower)
    return group if len(group) > 1 else [stmt]


class _ExemplarNames(cst.CSTVisitor):
    def __init__(self, pattern: _Spelling, module_names: set[str], code: Callable[[cst.CSTNode], str]):
        self.pattern, self.module_names, self.hit = pattern, module_names, False
        self.code = code  # a node's code, generated once (`WireIn._code`)

    def visit_Name(self, node: cst.Name) -> None:
        if node.value in self.module_names and self.pattern.search(node.value):
            self.hit = True

    def visit_Attribute(self, node: cst.Attribute) -> None:
        root = node.value
        while isinstance(root, cst.Attribute):
            root = root.value
        attr = node.attr.value
        # `crud.item`, `models.Item`, `items.router`; not a setting such as `settings.PROJECT_NAME`
        if isinstance(root, cst.Name) and root.value in self.module_names and self.pattern.search(attr):
            self.hit = self.hit or not attr.isupper()

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.hit = self.hit or bool(self.pattern.search(self.code(node)))

    def visit_Import(self, node: cst.Import) -> None:
        self.hit = self.hit or bool(self.pattern.search(self.code(node)))


def _plain_import_line(node: cst.CSTNode) -> bool:
    """A line holding one import and no comment, above it or after it."""
    return (
        isinstance(node, cst.SimpleStatementLine)
        and len(node.body) == 1
        and isinstance(node.body[0], (cst.Import, cst.ImportFrom))
        and node.trailing_whitespace.comment is None
        and all(line.comment is None for line in node.leading_lines)
    )


def _module_level_names(module: cst.Module) -> set[str]:
    names: set[str] = set()
    for stmt in module.body:
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            names.add(stmt.name.value)
        for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
            names |= _import_bound(cst.SimpleStatementLine([small]))
            if isinstance(small, (cst.Assign, cst.AnnAssign)):
                targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]
                names |= {t.value for t in targets if isinstance(t, cst.Name)}
    return names


def _import_bound(stmt: cst.CSTNode) -> set[str]:
    out: set[str] = set()
    for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
        if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
            out |= {a.evaluated_alias or a.evaluated_name for a in small.names}
        elif isinstance(small, cst.Import):
            out |= {a.evaluated_alias or a.evaluated_name.split(".")[0] for a in small.names}
    return out


def _imported_pairs(stmt: cst.CSTNode) -> set[tuple[str, str, str | None]]:
    """(module, name, alias) of each name a `from` import line binds (relative: dots kept)."""
    out: set[tuple[str, str, str | None]] = set()
    for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
        if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
            module = "." * len(small.relative) + (cst.Module(body=[]).code_for_node(small.module) if small.module else "")
            out |= {(module, a.evaluated_name, a.evaluated_alias) for a in small.names}
    return out


def _repeatable(stmt: cst.CSTNode, pattern: _Spelling) -> bool:
    """A call statement (`app.include_router(items.router)`) or an import from the exemplar's
    own module (`from app.models.item import Item`; other imports are extended instead)."""
    if not (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1):
        return False
    small = stmt.body[0]
    if isinstance(small, cst.Expr):
        return isinstance(small.value, (cst.Call, cst.Await))
    if isinstance(small, cst.ImportFrom):
        return _module_mentions(small, pattern)
    if isinstance(small, cst.Import):
        return any(pattern.search(cst.Module(body=[]).code_for_node(a.name)) for a in small.names)
    return False


def _module_mentions(node: cst.ImportFrom, pattern: _Spelling) -> bool:
    """`from app.models.item import Item`: the module itself is the exemplar's (cloned, not wired)."""
    module = cst.Module(body=[]).code_for_node(node.module) if node.module else ""
    return bool(pattern.search(module))


def _group(name: str) -> int:
    return 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2


def _is_sorted(items: list[str]) -> bool:
    keys = [i.lower() for i in items]
    return len(items) > 1 and keys == sorted(keys)


def _punctuate(items: list, original: list) -> list:
    template = next((o.comma for o in original if o.comma is not cst.MaybeSentinel.DEFAULT), None)
    trailing = original[-1].comma is not cst.MaybeSentinel.DEFAULT
    out = []
    for i, item in enumerate(items):
        last = i == len(items) - 1
        comma = (
            (original[-1].comma if trailing else cst.MaybeSentinel.DEFAULT)
            if last
            else (template or cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        )
        out.append(item.with_changes(comma=comma))
    return out
