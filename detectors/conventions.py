"""The conventions profile: one frozen finding per convention, each with its evidence.

Detectors build these; codemods only read them. `UNKNOWN` is a real value, never a guess:
a finding that could not be made says in `note` what was looked for.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

UNKNOWN = "unknown"


@dataclass(frozen=True)
class Evidence:
    """Where a finding was read from: a file, a line, and what stood there."""

    path: str
    line: int
    seen: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.seen}"


@dataclass(frozen=True)
class Finding:
    """Fields shared by every finding: evidence, and a note for unknown or mixed values."""

    evidence: tuple[Evidence, ...] = field(default=(), kw_only=True)
    note: str = field(default="", kw_only=True)
    mixed: bool = field(default=False, kw_only=True)


@dataclass(frozen=True)
class AppFinding(Finding):
    file: str | None = None
    variable: str | None = None
    factory: str | None = None
    module: str | None = None  # dotted import path of `file`


@dataclass(frozen=True)
class RouterLayoutFinding(Finding):
    kind: str = UNKNOWN  # single_file | routers_package | versioned_endpoints | domain_packages
    directory: str | None = None
    router_variable: str | None = None  # name of the APIRouter in each router module
    modules: tuple[str, ...] = ()  # router modules found, relative paths
    url_style: str = "kebab"  # how multi-word resources appear in paths: kebab | snake


@dataclass(frozen=True)
class RouterRegistrationFinding(Finding):
    file: str | None = None
    style: str = UNKNOWN  # app_include_router | aggregator_router | loop | decorators
    prefix_on: str | None = None  # router | include
    target: str | None = None  # the variable routers are included into
    list_name: str | None = None  # loop style: the list of routers
    aggregator_file: str | None = None  # aggregator style: where api_router lives
    trailing_slash: bool = False  # collection routes spelled "/" (or "/items/") vs ""


@dataclass(frozen=True)
class OrmFinding(Finding):
    kind: str = UNKNOWN  # sqlalchemy | sqlmodel | none | other
    is_async: bool | None = None
    style: str = UNKNOWN  # mapped_column | column | sqlmodel
    base: str | None = None  # declarative base class name
    base_module: str | None = None
    models_location: str = UNKNOWN  # package | module | domain | single_file
    models_path: str | None = None  # directory or module holding models
    registry_file: str | None = None  # module that imports every model (models/__init__.py)
    # (module, line) where a module imports models only so that they are registered (an
    # alembic env.py's bare `import app.auth.models`): its last such import line, verbatim
    model_imports: tuple[tuple[str, str], ...] = ()
    pk_type: str = UNKNOWN  # int | uuid | str
    timestamps: tuple[str, ...] = ()
    other: str | None = None  # name of an unsupported ORM when kind == other
    query_api: str = "select"  # select (`select(Model)`, 1.4+) | query (`db.query(Model)`)


@dataclass(frozen=True)
class SessionFinding(Finding):
    pattern: str = UNKNOWN  # depends | annotated_alias | repository | service | other
    dependency: str | None = None  # the session provider (get_db)
    dependency_module: str | None = None
    alias: str | None = None  # SessionDep
    alias_module: str | None = None
    param: str | None = None  # db | session
    session_type: str | None = None  # Session | AsyncSession
    annotated: bool = False  # depends pattern written `db: Annotated[Session, Depends(get_db)]`
    typed: bool = True  # False: depends pattern written untyped, `db=Depends(get_db)`
    # repository/service pattern: the object endpoints receive instead of a session
    provider: str | None = None  # get_project_repository
    provider_module: str | None = None
    object_param: str | None = None  # repo | service
    object_class: str | None = None  # ProjectRepository
    counts: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class AuthFinding(Finding):
    kind: str = UNKNOWN  # jwt_bearer | api_key_header | none | other
    dependency: str | None = None  # get_current_user / verify_api_key
    dependency_module: str | None = None
    alias: str | None = None  # CurrentUser
    alias_module: str | None = None
    applied: str | None = None  # endpoint | router
    param: str | None = None  # current_user
    user_model: str | None = None
    annotated: bool = False  # written `current_user: Annotated[User, Depends(get_current_user)]`
    typed: bool = True  # False: written untyped, `current_user=Depends(get_current_user)`


@dataclass(frozen=True)
class RbacFinding(Finding):
    kind: str = UNKNOWN  # none | role | ownership
    dependency: str | None = None  # require_role / get_current_active_superuser
    dependency_module: str | None = None
    owner_field: str | None = None  # owner_id
    also: tuple[str, ...] = ()  # the other kinds seen, e.g. ("role",) next to ownership


@dataclass(frozen=True)
class ResponseFinding(Finding):
    wrapper: str = UNKNOWN  # none | envelope
    model: str | None = None  # ApiResponse
    model_module: str | None = None
    keys: tuple[str, ...] = ()  # envelope keys (data, meta)
    list_shape: str = UNKNOWN  # list | object | envelope
    list_keys: tuple[str, ...] = ()  # object keys for list responses (data, count)
    meta_model: str | None = None  # PageMeta
    delete_status: int | None = None  # 204 or 200
    delete_returns: str | None = None  # model returned on delete (Message) when not 204


@dataclass(frozen=True)
class PaginationFinding(Finding):
    style: str = UNKNOWN  # cursor | offset | page | none
    params: tuple[tuple[str, str], ...] = ()  # (name, default source)
    max_limit: int | None = None
    dependency: str | None = None  # a pagination dependency class/function, if any
    dependency_module: str | None = None


@dataclass(frozen=True)
class SchemasFinding(Finding):
    location: str = UNKNOWN  # package | module | domain | models_module | single_file
    path: str | None = None
    create_suffix: str | None = None
    update_suffix: str | None = None
    read_suffix: str | None = None  # "" means the bare name
    list_suffix: str | None = None
    list_pattern: str | None = (
        None  # how list models are named, e.g. "{name}ListResponse", "{plural}Public"
    )
    pydantic_version: int | None = None
    orm_mode: str | None = None  # from_attributes | orm_mode
    base_class: str | None = None  # BaseModel / SQLModel
    uses_base_schema: bool = False  # XBase holding shared fields


@dataclass(frozen=True)
class DataAccessFinding(Finding):
    kind: str = UNKNOWN  # functions | generic_crud_class | repository | service | inline
    path: str | None = None  # directory or module holding it
    layout: str | None = None  # per_resource | single_module | domain


@dataclass(frozen=True)
class MigrationsFinding(Finding):
    kind: str = UNKNOWN  # alembic | none
    directory: str | None = None
    # alembic.ini's file_template, as alembic formats it (`%(rev)s_%(slug)s`); None: not set there
    file_template: str | None = None
    slug_length: int = 40  # alembic.ini's truncate_slug_length


@dataclass(frozen=True)
class ModuleClient:
    """A test client a test module builds at its top level (`client = TestClient(app)`), which
    its tests call with no fixture to hand it out: `setup` is what the module writes before it
    (an engine, a dependency override, the client itself), imports left out, `imports` those."""

    name: str
    module: str
    line: int
    setup: str
    imports: tuple[tuple[str, str | None, str | None], ...] = ()  # (module, name, alias)


@dataclass(frozen=True)
class TestsFinding(Finding):
    directory: str | None = None
    client: str = UNKNOWN  # httpx_async | testclient
    async_marker: str = UNKNOWN  # asyncio | anyio | none | auto
    client_fixture: str | None = None
    db_fixture: str | None = None
    auth_fixtures: tuple[str, ...] = ()
    # the header fixture tests send to get through a dependency: (dependency, fixture) pairs
    fixture_for: tuple[tuple[str, str], ...] = ()
    anonymous_client_fixture: str | None = None  # a client that sends no credentials
    module_client: ModuleClient | None = None  # without a client fixture: one built at module level
    module_directory: str | None = None  # where per-resource test modules live
    url_prefix: str | None = None  # how tests spell the API prefix, e.g. settings.API_V1_STR


@dataclass(frozen=True)
class StyleFinding(Finding):
    quotes: str = "double"  # double | single
    indent: str = "    "
    line_length: int | None = None
    optional_style: str = (
        "pipe"  # pipe (X | None) | optional (Optional[X]) | union (Union[X, None])
    )
    list_style: str = "builtin"  # builtin (list[X]) | typing (List[X])
    imports: str = "absolute"  # absolute | relative
    formatter: str | None = None  # ruff | black


@dataclass(frozen=True)
class Declared:
    """A library's version as the project declares it, and where."""

    version: tuple[int, ...]
    source: str  # the file, relative to the project root

    @property
    def text(self) -> str:
        return ".".join(map(str, self.version))


# the libraries generated code may need a newer release of than a project has (see
# codemods/library_versions.py): their declared versions are read with the conventions
LIBRARIES = ("SQLAlchemy", "sqlmodel", "pydantic")


@dataclass(frozen=True)
class Libraries:
    """What the project declares of `LIBRARIES`, and whether its SQLModel `Field` takes
    `ondelete` (`detectors.dependencies.field_takes_ondelete`)."""

    declared: tuple[tuple[str, Declared | None], ...] = field(default=())  # (library, as declared)
    field_ondelete: bool = False

    def version(self, package: str) -> Declared | None:
        """How the project declares `package`, one of `LIBRARIES` (None where it does not)."""
        found = dict(self.declared)
        if package not in found:
            raise KeyError(f"{package} is not among the libraries read with the conventions")
        return found[package]


@dataclass(frozen=True)
class Conventions:
    """Everything detected about one project; the only input codemods take from detectors."""

    root: str
    app: AppFinding
    router_layout: RouterLayoutFinding
    router_registration: RouterRegistrationFinding
    orm: OrmFinding
    session: SessionFinding
    auth: AuthFinding
    rbac: RbacFinding
    response: ResponseFinding
    pagination: PaginationFinding
    schemas: SchemasFinding
    data_access: DataAccessFinding
    migrations: MigrationsFinding
    tests: TestsFinding
    style: StyleFinding
    skipped_files: tuple[str, ...] = ()  # files that could not be parsed, with the reason
    libraries: Libraries = Libraries()  # the versions of the libraries generated code may need

    def findings(self) -> dict[str, Finding]:
        """The findings by JSON key, in display order."""
        return {
            f.name: getattr(self, f.name)
            for f in dataclasses.fields(self)
            if isinstance(getattr(self, f.name), Finding)
        }

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: one object per finding, evidence as "path:line: seen" strings."""
        out: dict[str, Any] = {}
        for key, finding in self.findings().items():
            obj: dict[str, Any] = {}
            for f in dataclasses.fields(finding):
                value = getattr(finding, f.name)
                if f.name == "evidence":
                    value = [str(e) for e in value]
                elif f.name == "is_async":
                    obj["async"] = value
                    continue
                elif isinstance(value, tuple):
                    value = [list(v) if isinstance(v, tuple) else v for v in value]
                elif dataclasses.is_dataclass(value):  # a part of the finding (its module client)
                    value = dataclasses.asdict(value)
                obj[f.name] = value
            out[key] = obj
        out["skipped_files"] = list(self.skipped_files)
        return out
