"""Conventions + spec -> Plan: render every edit, then apply them to module texts with libcst."""

from __future__ import annotations

from pathlib import Path

import libcst as cst

from codemods.append_statements import append_statements
from codemods.context import ResourceContext, build_context
from codemods.edits import Edit, ExportName, ImportLine, IncludeRouter, Statements
from codemods.errors import ResourceExistsError, TargetError
from codemods.formatting import format_code
from codemods.imports import add_imports, render_imports
from codemods.insert_router_include import append_to_list, insert_include_call
from codemods.parsing import parse_module
from codemods.plan import FileEdit, Plan
from codemods.render.data_access import render_data_access
from codemods.render.migration import render_migration
from codemods.render.models import render_models
from codemods.render.pagination import pagination_of
from codemods.render.registration import render_registration
from codemods.render.router import render_router, route_summary
from codemods.render.schemas import render_schemas
from codemods.render.tests import render_tests
from codemods.spec import ResourceSpec
from detectors.conventions import Conventions
from detectors.project import ProjectIndex


def render_all(ctx: ResourceContext) -> list[Edit]:
    """Every edit of the resource, in dependency order: what is imported exists before its importer."""
    pag = pagination_of(ctx)
    data_edits, ops = render_data_access(ctx, pag)
    return [
        *render_models(ctx),
        *render_schemas(ctx),
        *data_edits,
        *render_router(ctx, pag, ops),
        *render_registration(ctx),
        *render_migration(ctx),
        *render_tests(ctx, pag),
    ]


class _Files:
    """Module texts as edits are applied: parsed once each with libcst, re-rendered at the end."""

    def __init__(self, ctx: ResourceContext):
        self.ctx = ctx
        self.root = Path(ctx.conv.root)
        self.original: dict[str, str | None] = {}
        self.modules: dict[str, cst.Module] = {}
        self.why: dict[str, list[str]] = {}
        self.skipped: list[str] = []

    def module(self, path: str) -> cst.Module:
        if path not in self.modules:
            file = self.root / path
            text = file.read_text(encoding="utf-8") if file.exists() else None
            self.original[path] = text
            if text is None:
                self.modules[path] = parse_module("")
            else:
                try:
                    self.modules[path] = parse_module(text)
                except cst.ParserSyntaxError as exc:
                    raise TargetError(
                        f"{path}:{exc.raw_line}: cannot parse: {exc.message}"
                    ) from None
        return self.modules[path]

    def set(self, path: str, module: cst.Module, why: str) -> None:
        self.modules[path] = module
        if why:
            self.why.setdefault(path, []).append(why)

    def apply(self, edit: Edit) -> None:
        module = self.module(edit.path)
        fmt, first_party = self.ctx.fmt, self.ctx.first_party
        if isinstance(edit, Statements):
            if edit.create_only and self.original[edit.path] is not None:
                self.skipped.append(f"{edit.path} already exists")
                return
            code = format_code(edit.code, fmt)
            if self.original[edit.path] is None and not module.body:
                imports = render_imports(list(edit.imports), first_party) if edit.imports else ""
                # One blank line after imports, two before a def or class (as black and ruff lay out).
                gap = (
                    "\n\n"
                    if code.lstrip().startswith(("def ", "class ", "@", "async def "))
                    else "\n"
                )
                text = format_code(imports + gap + code if imports else code, fmt)
                self.set(edit.path, parse_module(text), edit.why)
                return
            new, skipped = append_statements(module, code, after=edit.after)
            self.skipped += [f"{edit.path}: {name} already defined" for name in skipped]
            if new is not module:
                new = add_imports(new, list(edit.imports), fmt, first_party)
                self.set(edit.path, new, edit.why)
        elif isinstance(edit, IncludeRouter):
            if edit.in_list:
                new, changed = append_to_list(module, edit.target, edit.code, fmt)
            else:
                new, changed = insert_include_call(
                    module, edit.target, edit.code, fmt, edit.router_expr
                )
            if changed:
                new = add_imports(new, list(edit.imports), fmt, first_party)
                self.set(edit.path, new, edit.why)
            else:
                self.skipped.append(f"{edit.path}: {edit.router_expr} already registered")
        elif isinstance(edit, ImportLine):
            # each statement's own line: the comments above it belong to its code too
            lines = [module.code_for_node(s).strip().splitlines()[-1] for s in module.body]
            if edit.code.strip() in lines or edit.anchor.strip() not in lines:
                return  # there already, or its anchor is gone: nothing to place it after
            at = lines.index(edit.anchor.strip()) + 1
            while at < len(module.body) and _is_import_line(module.body[at]):
                at += 1  # after those placed there before it (a batch's): in the order they came
            statement = cst.parse_statement(edit.code).with_changes(leading_lines=())
            self.set(edit.path, module.with_changes(body=[*module.body[:at], statement, *module.body[at:]]), edit.why)
        elif isinstance(edit, ExportName):
            new = add_imports(module, list(edit.imports), fmt, first_party)
            has_all = any(
                isinstance(s, cst.SimpleStatementLine)
                and isinstance(s.body[0], cst.Assign)
                and any(
                    isinstance(t.target, cst.Name) and t.target.value == "__all__"
                    for t in s.body[0].targets
                )
                for s in new.body
            )
            if has_all:
                new, _ = append_to_list(new, "__all__", f'"{edit.name}"', fmt)
            if new is not module:
                self.set(edit.path, new, edit.why)

    def plan(self, routes: tuple[str, ...]) -> Plan:
        edits = []
        for path, module in self.modules.items():
            old = self.original[path]
            new = module.code
            if old != new:
                edits.append(FileEdit(path, old, new, tuple(self.why.get(path, ()))))
        return Plan(tuple(edits), routes, tuple(self.skipped))


def check_targets_parse(ctx: ResourceContext) -> None:
    """Refuse when a file we would read or edit could not be parsed: the plan would be wrong."""
    targets = {
        ctx.model_target.path,
        ctx.schema_target.path,
        ctx.router_target.path,
        ctx.conv.app.file,
        ctx.registration_path,
        ctx.conv.orm.registry_file,
        ctx.data_target.path if ctx.data_target else None,
        ctx.provider_target.path if ctx.provider_target else None,
    }
    directories = {p.rsplit("/", 1)[0] for p in targets if p and "/" in p}
    for skipped in ctx.conv.skipped_files:
        path = skipped.split(":", 1)[0]
        if path in targets or (
            path.endswith("__init__.py") and path.rsplit("/", 1)[0] in directories
        ):
            raise TargetError(f"{skipped} (fix the syntax error first; nothing was changed)")


def check_existing_model(ctx: ResourceContext) -> None:
    """A model of this name may only be completed when it has the fields the spec asks for."""
    from detectors._models import model_classes

    for model in model_classes(ctx.index):
        if model.name != ctx.model:
            continue
        columns = _inherited_fields(ctx.index, model.module, model.node)
        missing = [f.column_name for f in ctx.spec.fields if f.column_name not in columns]
        if missing:
            raise ResourceExistsError(
                f"{ctx.model} already exists in {model.module.path}:{model.node.lineno} without "
                f"{', '.join(missing)}; pick another name or match its fields"
            )


def _inherited_fields(index: ProjectIndex, module, node, depth: int = 0) -> set[str]:
    """Attributes a class declares, with those of its project base classes (SQLModel `XBase`)."""
    import ast

    from detectors._ast import dotted

    fields = {
        s.target.id
        for s in node.body
        if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
    }
    fields |= {
        t.id
        for s in node.body
        if isinstance(s, ast.Assign)
        for t in s.targets
        if isinstance(t, ast.Name)
    }
    for base in node.bases if depth < 5 else ():
        found = index.resolve(module, dotted(base) or "")
        if found and isinstance(found[1], ast.ClassDef):
            fields |= _inherited_fields(index, found[0], found[1], depth + 1)
    return fields


def build_plan(
    conventions: Conventions,
    spec: ResourceSpec,
    index: ProjectIndex,
    into: str | None = None,
    own: frozenset[str] | None = None,
) -> Plan:
    """The whole change for one resource, computed in memory; nothing touches disk here."""
    ctx = build_context(conventions, spec, index, into, own)
    check_targets_parse(ctx)
    check_existing_model(ctx)
    files = _Files(ctx)
    for edit in render_all(ctx):
        files.apply(edit)
    if ctx.tests_skipped:
        files.skipped.append(f"tests not generated: {ctx.tests_skipped}")
    return files.plan(route_summary(ctx))


def _is_import_line(stmt: cst.CSTNode) -> bool:
    return isinstance(stmt, cst.SimpleStatementLine) and all(isinstance(s, (cst.Import, cst.ImportFrom)) for s in stmt.body)
