"""ResourceContext: every name, path and import spelling of the new resource, decided once.

Renderers only read it. It is built from the conventions (what the project does), the spec
(what the user asked for) and the habits learned from a sibling resource (how it spells things).
"""

from __future__ import annotations

import ast
import posixpath
from dataclasses import dataclass

from codemods.errors import ConventionError
from codemods.formatting import FormatStyle
from codemods.names import ResourceNames, named_instead
from codemods.parsing import parse_module
from codemods.siblings import Habits, learn_habits
from codemods.spec import ResourceSpec
from detectors._models import ModelClass, model_classes
from detectors.conventions import Conventions
from detectors.project import ModuleInfo, ProjectIndex, module_name
from detectors.orm import pk_type_of
from detectors.resources import declared_table, table_name

SUPPORTED_LAYOUTS = ("single_file", "routers_package", "versioned_endpoints", "domain_packages")
SUPPORTED_SESSIONS = ("depends", "annotated_alias", "repository")


@dataclass(frozen=True)
class Target:
    """A module the resource touches: its file and how other modules import it."""

    path: str
    module: str

    def relative_to(self, other: Target) -> str | None:
        """`.schemas` when both sit in the same package (for relative-import projects)."""
        if posixpath.dirname(self.path) == posixpath.dirname(other.path):
            return "." + self.module.rsplit(".", 1)[-1]
        return None


@dataclass(frozen=True)
class Sibling:
    """Source of an existing resource's modules, used for statements copied by analogy."""

    model: str
    model_module: ModuleInfo
    model_node: ast.ClassDef
    names: ResourceNames


@dataclass(frozen=True)
class ResourceContext:
    conv: Conventions
    spec: ResourceSpec
    habits: Habits
    fmt: FormatStyle
    first_party: frozenset[str]
    names: ResourceNames
    sibling: Sibling | None
    # class and function names
    model: str
    table: str | None
    create_schema: str
    update_schema: str
    read_schema: str
    list_schema: str | None
    # where things go
    model_target: Target
    schema_target: Target
    router_target: Target
    data_target: Target | None
    provider_target: Target | None  # module holding get_<x>_repository / get_<x>_service
    test_target: Target | None
    tests_skipped: str | None  # why no tests are generated, when they are not
    registration_path: str | None
    # the new model's primary key type (uuid | int | str), as its model is written: see `_key_type`
    key_type: str
    # the sibling's key type: where it is not the new model's (an existing model keyed otherwise),
    # nothing keyed is copied from the sibling's code
    sibling_key_type: str | None
    model_package: (
        str | None
    )  # dotted import path of the models registry, if models are re-exported
    domain_dir: str | None
    # URLs
    url_segment: str  # orders / line-items
    router_prefix: str  # "/orders"
    index: ProjectIndex
    fk_tables: dict  # model name -> table name, for the spec's fk fields

    # -- derived spellings -----------------------------------------------------------------

    @property
    def id_param(self) -> str:
        return self.habits.id_param.format(snake=self.names.snake)

    @property
    def declares_tablename(self) -> bool:
        """Whether model classes spell out `__tablename__` (not when the base derives it)."""
        return self.habits.tablename != "none"

    @property
    def object_var(self) -> str:
        """The loaded row's variable in endpoint bodies; never the same name as the body parameter."""
        name = self.habits.object_var.format(snake=self.names.snake)
        return f"db_{self.names.snake}" if name == self.body_param else name

    @property
    def body_param(self) -> str:
        return self.habits.body_param.format(snake=self.names.snake)

    @property
    def is_async(self) -> bool:
        return bool(self.conv.orm.is_async)

    @property
    def owned(self) -> bool:
        if self.conv.rbac.kind != "ownership" or self.conv.auth.param is None:
            return False
        # the model copies its owner column from the sibling: beside one without it, no owner
        return self.sibling is None or self.owner_field in _class_attributes(self.sibling.model_node)

    @property
    def owner_field(self) -> str:
        return self.conv.rbac.owner_field or "owner_id"

    @property
    def not_found(self) -> str:
        return self.habits.not_found.format(title=self.names.title)

    def module_binding(self, importer: Target, target: Target):
        """The import that binds `target` as a module object in `importer` (or, for a new file,
        in a neighbour of it) when the project refers to that module's names qualified."""
        from codemods.imports import Import

        directory = posixpath.dirname(importer.path)
        existing = self.index.get(importer.path)
        neighbours = (
            [existing]
            if existing
            else [
                m
                for m in self.index.modules
                if posixpath.dirname(m.path) == directory and not m.is_test
            ]
        )
        for info in neighbours:
            for local, (module, attr) in info.imports.items():
                if (
                    attr is not None
                    and f"{module}.{attr}" == target.module
                    and f"{local}." in info.source
                ):
                    package = module
                    if (
                        self.conv.style.imports == "relative"
                        and module == importer.module.rpartition(".")[0]
                    ):
                        package = "."
                    return Import(package, attr, local if local != attr else None)
        return None

    def fk_table(self, model: str) -> str:
        """The table an `fk[Model]` field points at, read from that model."""
        return self.fk_tables[model]

    def reexports(self, target: Target) -> bool:
        """Whether `target`'s package `__init__` re-exports its modules' names (`from .item import Item`)."""
        if "/" not in target.path:
            return False
        init = self.index.get(f"{posixpath.dirname(target.path)}/__init__.py")
        package = target.module.rpartition(".")[0]
        return init is not None and any(
            mod.startswith(package + ".") and attr and attr[:1].isupper()
            for mod, attr in init.imports.values()
        )

    def export_source(self, init_path: str, target: Target) -> str:
        """How a package `__init__` spells the import of one of its modules: `.order` where it
        re-exports relatively, else the absolute module."""
        init = self.index.get(init_path)
        if init is not None and any(line.startswith("from .") for line in init.lines):
            return "." + target.module.rsplit(".", 1)[-1]
        return target.module

    def package_of(self, target: Target) -> Target:
        directory = posixpath.dirname(target.path)
        return Target(f"{directory}/__init__.py", target.module.rpartition(".")[0])

    def module_alias(self, importer: Target, module: str, name: str) -> str | None:
        """`t` where `importer` (or, for a new file, its neighbours) writes `t.Optional` after
        `import typing as t` rather than importing `Optional` itself; else None."""
        existing = self.index.get(importer.path)
        if existing is not None and existing.imports.get(name) == (module, name):
            return None
        directory = posixpath.dirname(importer.path)
        test = posixpath.basename(importer.path).startswith("test_")
        neighbours = (
            [existing]
            if existing
            else [
                m
                for m in self.index.modules
                if posixpath.dirname(m.path) == directory and m.is_test == test
            ]
        )
        for info in neighbours:
            for local, (imported, attr) in info.imports.items():
                if attr is None and imported == module and f"{local}." in info.source:
                    return local
        return None

    def qualified_binding(self, importer: Target, name: str):
        """Where neighbouring modules write `deps.get_db` / `models.User`: the import binding the
        module object that holds `name`, else None."""
        from codemods.imports import Import

        directory = posixpath.dirname(importer.path)
        existing = self.index.get(importer.path)
        neighbours = (
            [existing]
            if existing
            else [
                m
                for m in self.index.modules
                if posixpath.dirname(m.path) == directory and not m.is_test
            ]
        )
        for info in neighbours:
            for local, (module, attr) in info.imports.items():
                if attr is None or f"{local}.{name}" not in info.source:
                    continue
                held = self.index.module(f"{module}.{attr}")
                if held is None:
                    continue
                defined = name in held.definitions
                reexported = (
                    held.path.endswith("__init__.py")
                    and name in held.imports
                    and self.index.path_of(held.imports[name][0]) is not None
                )
                if defined or reexported:
                    return Import(module, attr, local if local != attr else None)
        return None

    def rename_from_sibling(self, code: str, keep: frozenset[str] = frozenset()) -> str:
        """Sibling code renamed for this resource (identifiers, strings, paths in the URL style);
        the identifiers in `keep` (`get_current_active_user` beside `users_router`) stay."""
        from codemods.rename import rename_code

        # Kept names hide behind placeholders no spelling of a resource name can match.
        held = {name: f"__{i}__" for i, name in enumerate(sorted(keep))}
        if held:
            code = _swap_names(code, held)
        renamed = rename_code(
            code, self.sibling.names, self.names, self.conv.router_layout.url_style
        )
        return _swap_names(renamed, {v: k for k, v in held.items()}) if held else renamed

    def verb(self, op: str) -> str:
        return getattr(self.habits, f"{op}_verb")

    def endpoint_name(self, op: str) -> str:
        noun = self.names.plural_snake if op == "list" else self.names.snake
        if self.habits.noun_first:
            return f"{noun}_{self.verb(op)}"
        return f"{self.verb(op)}_{noun}"

    def import_of(self, target: Target, importer: Target) -> str:
        """How `importer` spells the module of `target`: relative inside a package if the project does."""
        if self.conv.style.imports == "relative":
            rel = target.relative_to(importer)
            if rel:
                return rel
        return target.module


def _swap_names(code: str, table: dict[str, str]) -> str:
    """`code` with the identifiers in `table` replaced (names only, never strings)."""
    import libcst as cst

    class Swap(cst.CSTTransformer):
        def leave_Name(self, original, updated):
            return updated.with_changes(value=table.get(updated.value, updated.value))

    return parse_module(code).visit(Swap()).code


def _dotted_for(index: ProjectIndex, path: str) -> str:
    """The import path of a file, as the project spells imports (with or without a `src.` root)."""
    name = module_name(path)
    head = name.split(".")[0]
    if head == "src" and not any(
        mod.startswith("src.") or mod == "src"
        for info in index.modules
        for mod, _ in info.imports.values()
    ):
        return name.split(".", 1)[1]
    return name


def first_party(index: ProjectIndex) -> frozenset[str]:
    tops = {p.split("/")[0][:-3] if "/" not in p else p.split("/")[0] for p in index.files}
    return frozenset(t for t in tops if t.isidentifier())


def _class_attributes(node: ast.ClassDef) -> set[str]:
    """The names a class body assigns (`owner_id: Mapped[int] = ...`, `owner_id = Column(...)`)."""
    names = {s.target.id for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)}
    return names | {t.id for s in node.body if isinstance(s, ast.Assign) for t in s.targets if isinstance(t, ast.Name)}


def _key_type(conv: Conventions, existing, sibling: Sibling | None) -> str:
    """The new model's key type: an existing model's own; else the sibling's, whose key column
    the model copies (not the project's most common one: a project with a str-keyed user and an
    int-keyed other model would get a model keyed one way and schemas, routes and tests the
    other); else the int key the templates write."""
    if existing is not None:
        found = pk_type_of(existing)
    elif sibling is not None and conv.orm.kind != "sqlmodel":  # the SQLModel template's key is int
        found = pk_type_of(ModelClass(sibling.model_module, sibling.model_node, conv.orm.kind))
    else:
        found = "int"
    return found if found in ("uuid", "int", "str") else "int"


def _sibling(index: ProjectIndex, habits: Habits) -> Sibling | None:
    for m in model_classes(index):
        if m.name == habits.sibling:
            return Sibling(m.name, m.module, m.node, ResourceNames.parse(m.name))
    return None


def _stem(names: ResourceNames, style: str) -> str:
    return names.plural_snake if style == "plural" else names.snake


def check_supported(conv: Conventions) -> None:
    """Stop with a clear message where the project does something we cannot yet write for."""
    if conv.orm.kind not in ("sqlalchemy", "sqlmodel"):
        what = conv.orm.other or conv.orm.kind
        raise ConventionError(
            f"ORM {what!r} is not supported (supported: SQLAlchemy, SQLModel); {conv.orm.note}"
        )
    if conv.router_layout.kind not in SUPPORTED_LAYOUTS:
        raise ConventionError(
            f"router layout is {conv.router_layout.kind}: {conv.router_layout.note}"
        )
    if conv.session.pattern not in SUPPORTED_SESSIONS:
        raise ConventionError(f"session pattern is {conv.session.pattern}: {conv.session.note}")
    if conv.router_layout.kind != "single_file" and conv.router_registration.style == "unknown":
        raise ConventionError(
            f"cannot tell where routers are registered: {conv.router_registration.note}"
        )
    if conv.schemas.location == "unknown":
        raise ConventionError(f"cannot tell where schemas live: {conv.schemas.note}")
    if conv.orm.style == "unknown":
        raise ConventionError(
            "cannot tell the model column style (mapped_column, Column or SQLModel)"
        )
    if conv.auth.kind == "other":
        raise ConventionError(f"auth scheme is not one we can apply yet: {conv.auth.note}")


def build_context(
    conv: Conventions,
    spec: ResourceSpec,
    index: ProjectIndex,
    into: str | None = None,
    own: frozenset[str] | None = None,
) -> ResourceContext:
    """Decide every name and target for `spec` in this project (`own`: a batch's models of the
    project's own, whose habits the batch's resources all follow)."""
    check_supported(conv)
    habits = learn_habits(index, conv.router_layout.router_variable, exclude=spec.names.pascal, own=own)
    names = spec.names
    layout = conv.router_layout.kind
    sibling = _sibling(index, habits)

    def target(path: str) -> Target:
        return Target(path, _dotted_for(index, path))

    suffix = conv.schemas
    create = f"{names.pascal}{suffix.create_suffix or 'Create'}"
    update = f"{names.pascal}{suffix.update_suffix or 'Update'}"
    read = f"{names.pascal}{suffix.read_suffix if suffix.read_suffix is not None else 'Response'}"
    list_schema = None
    if conv.response.list_shape == "object" and suffix.list_pattern:
        list_schema = suffix.list_pattern.format(name=names.pascal, plural=names.plural_pascal)
    elif conv.response.list_shape == "object":
        list_schema = f"{names.pascal}List"

    domain_dir = None
    if layout == "domain_packages":
        parent = conv.router_layout.directory or "."
        domain_stem = _stem(
            names, "plural" if sibling is None or _domain_is_plural(conv) else "singular"
        )
        domain_dir = domain_stem if parent == "." else f"{parent}/{domain_stem}"

    # Models
    orm = conv.orm
    existing = next((m for m in model_classes(index) if m.name == names.pascal), None)
    if existing is not None:  # --from-model: the model is where it is, its module the target
        model_target = target(existing.module.path)
    elif orm.models_location == "package":
        model_target = target(f"{orm.models_path}/{_stem(names, habits.module_stem)}.py")
    elif orm.models_location == "domain" and domain_dir:
        model_target = target(f"{domain_dir}/models.py")
    elif orm.models_location in ("module", "single_file") and orm.models_path:
        model_target = target(orm.models_path)
    else:
        raise ConventionError(f"cannot tell where models live ({orm.models_location})")

    # Schemas
    sch = conv.schemas
    if sch.location == "package" and sch.path:
        schema_target = target(f"{sch.path}/{_stem(names, habits.module_stem)}.py")
    elif sch.location == "domain" and domain_dir:
        schema_target = target(f"{domain_dir}/schemas.py")
    elif sch.location in ("module", "models_module", "single_file") and sch.path:
        schema_target = target(sch.path)
    else:
        raise ConventionError(f"cannot tell where schemas live ({sch.location})")

    # Router
    app_file = conv.app.file or "main.py"
    if layout == "single_file":
        router_target = target(into if into and into.endswith(".py") else app_file)
    elif layout == "domain_packages" and domain_dir:
        base = (
            posixpath.basename(conv.router_layout.modules[0])
            if conv.router_layout.modules
            else "router.py"
        )
        router_target = target(f"{domain_dir}/{base}")
    else:
        directory = (into.rstrip("/") if into else conv.router_layout.directory) or "."
        router_target = target(f"{directory}/{_stem(names, habits.router_stem)}.py")

    # Data access
    da = conv.data_access
    data_target = provider_target = None
    if da.kind == "functions":
        if da.layout == "single_module" and da.path and da.path.endswith(".py"):
            data_target = target(da.path)
        elif da.layout == "domain" and domain_dir:
            data_target = target(f"{domain_dir}/crud.py")
        elif da.path:
            data_target = target(f"{da.path}/{_stem(names, habits.module_stem)}.py")
    elif da.kind in ("repository", "service"):
        if da.layout == "domain" and domain_dir:
            data_target = target(
                f"{domain_dir}/{'service.py' if da.kind == 'service' else 'repository.py'}"
            )
        elif da.layout == "single_module" and da.path and da.path.endswith(".py"):
            data_target = target(da.path)
        elif da.path:
            data_target = target(f"{da.path}/{_stem(names, habits.module_stem)}.py")
        if conv.session.provider_module:
            provider_path = index.path_of(conv.session.provider_module)
            if (
                layout == "domain_packages"
                and domain_dir
                and provider_path
                and "/" in provider_path
            ):
                provider_target = target(f"{domain_dir}/{posixpath.basename(provider_path)}")
            elif provider_path:
                provider_target = target(provider_path)
    elif da.kind == "generic_crud_class" and da.path and sibling is not None:
        stem = _sibling_stem(index, da.path, sibling.names, names)
        if stem is None:
            raise ConventionError(f"cannot find the crud module of {sibling.model} under {da.path}")
        data_target = target(f"{da.path}/{stem}.py")
    elif da.kind not in ("inline",):
        raise ConventionError(f"data access layer {da.kind!r} is not supported yet; {da.note}")

    tests = conv.tests
    test_target = None
    tests_skipped = _tests_unwritable(conv, index)
    if tests_skipped is None:
        directory = tests.module_directory or tests.directory or "tests"
        test_target = target(f"{directory}/test_{names.plural_snake}.py")

    registration = conv.router_registration.file if layout != "single_file" else None
    segment = names.url_segment(conv.router_layout.url_style)
    return ResourceContext(
        conv=conv,
        spec=spec,
        habits=habits,
        fmt=FormatStyle.from_style(conv.style),
        first_party=first_party(index),
        names=names,
        sibling=sibling,
        model=names.pascal,
        table=(declared_table(existing) if existing is not None else None) or _table_name(names, habits),
        key_type=_key_type(conv, existing, sibling),
        sibling_key_type=_key_type(conv, None, sibling) if sibling is not None else None,
        create_schema=create,
        update_schema=update,
        read_schema=read,
        list_schema=list_schema,
        model_target=model_target,
        schema_target=schema_target,
        router_target=router_target,
        data_target=data_target,
        provider_target=provider_target,
        test_target=test_target,
        tests_skipped=tests_skipped,
        registration_path=registration,
        model_package=_dotted_for(index, orm.registry_file) if orm.registry_file else None,
        domain_dir=domain_dir,
        url_segment=segment,
        router_prefix=f"/{segment}",
        index=index,
        fk_tables=fk_tables(spec, index),
    )


def _sibling_stem(
    index: ProjectIndex, directory: str, old: ResourceNames, new: ResourceNames
) -> str | None:
    """The new module's file stem, spelled like the sibling's (`crud_item` -> `crud_order`)."""
    from codemods.rename import rename_text

    for path in index.files:
        if posixpath.dirname(path) == directory:
            stem = posixpath.basename(path)[:-3]
            renamed = rename_text(stem, old, new)
            if renamed != stem:
                return renamed
    return None


def fk_tables(spec: ResourceSpec, index: ProjectIndex) -> dict:
    """Each fk target's table, from its model's `__tablename__` (SQLModel: the lowercased class name)."""
    from codemods.errors import SpecError

    models = {m.name: m for m in model_classes(index)}
    tables = {}
    for field in spec.fields:
        if field.type != "fk":
            continue
        model = models.get(field.fk_target)
        if model is None and field.fk_target == spec.names.pascal:
            # its own table is made by the revision that adds the key: the clone writes no tree
            raise SpecError(
                f"field {field.name!r}: fk[{field.fk_target}] is the resource itself; a key to its own "
                "table is not supported yet"
            )
        if model is None:
            known = named_instead(field.fk_target or "", sorted(models))
            raise SpecError(
                f"field {field.name!r}: fk[{field.fk_target}] names no model of this project (models: {known})"
            )
        tables[field.fk_target] = table_name(model)
    return tables


def _tests_unwritable(conv: Conventions, index: ProjectIndex) -> str | None:
    """Why generated tests could not run in this project's test setup, or None when they can."""
    tests, auth = conv.tests, conv.auth
    if tests.client not in ("httpx_async", "testclient"):
        return "no test client (TestClient or httpx AsyncClient) found in the tests"
    shared = tests.module_client
    if not tests.client_fixture and shared is None:
        return "the tests have no client fixture to build on"
    if shared is not None and not tests.client_fixture and conv.pagination.style not in ("offset", "none"):
        # its tests share one database: rows they leave move the pages a test walks by cursor
        # or by page number (an offset list is read past them)
        return f"the tests build their client at module level and lists page by {conv.pagination.style}"
    if auth.applied == "endpoint" and not tests.auth_fixtures:
        return f"endpoints require {auth.dependency} but no auth-headers fixture was found in the tests"
    if auth.applied == "router" and not tests.client_fixture:
        if shared is not None and "headers" not in shared.setup.lower():
            return f"routers require {auth.dependency} and the tests' module-level client sends no credentials"
    elif auth.applied == "router":
        fixture = next(
            (
                f
                for m in index.relevant
                if m.is_test
                for f in m.tree.body
                if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                and f.name == tests.client_fixture
            ),
            None,
        )
        if fixture is None or "headers" not in ast.unparse(fixture).lower():
            return f"routers require {auth.dependency} and the client fixture {tests.client_fixture!r} sends no credentials"
    return None


def _table_name(names: ResourceNames, habits: Habits) -> str | None:
    if habits.tablename == "none":
        return names.pascal.lower()  # derived from the class name (SQLModel, declared_attr bases)
    return names.plural_snake if habits.tablename == "plural" else names.snake


def _domain_is_plural(conv: Conventions) -> bool:
    dirs = [posixpath.basename(posixpath.dirname(m)) for m in conv.router_layout.modules]
    return sum(d.endswith("s") for d in dirs) * 2 >= len(dirs)
