"""`--filter status,customer_name` and `--sort created_at,-total`: query parameters of the list route.

Parsed once against the spec, then added to the plan by a pass over the planned code (like
`actions.with_actions`). The list route gains the parameters (QueryParams) and passes them to the
data access it calls; the query there collects the filters' conditions on its root and orders by
the chosen column, ties broken by the key (QueryFilters, QueryOrder), so the pagination built on
that query pages through the filtered, sorted rows. Filtered columns get an index (ColumnIndex),
and a test module proves each filter, each sort both ways, paging under a filter and the 422.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from codemods.check import fix_unused
from codemods.clone.field_code import optional_of
from codemods.clone.query_tests import QueryTests, write_query_tests
from codemods.clone.route_tests import headers_sent, routes_of
from codemods.column_index import ColumnIndex
from codemods.column_range import value_range
from codemods.context import first_party
from codemods.errors import ConventionError, SpecError
from codemods.formatting import FormatStyle, format_code
from codemods.imports import Import, add_imports, used_imports
from codemods.inherited_override import InheritedReads
from codemods.list_site import (
    ListSite,
    PlannedModel,
    body_names,
    cursor_key_of,
    find_list_site,
    function_names,
    ordering_of,
    paging_of,
    planned_model,
)
from codemods.option_values import RANGED, parse_filters
from codemods.paging_sort import can_follow, follow_sort
from codemods.parsing import parse_module
from codemods.plan import FileEdit, Plan
from codemods.query_filters import QueryFilters
from codemods.query_order import QueryOrder
from codemods.query_params import QueryParam, QueryParams
from codemods.revision_indexes import RevisionIndexes
from codemods.spec import FieldSpec, ResourceSpec
from detectors.conventions import Conventions
from detectors.project import ProjectIndex, is_test_path
from detectors.range_params import RangeNaming, detect_range_naming
from detectors.resources import app_instance, find_footprints

_PY = {"str": "str", "text": "str", "int": "int", "float": "float", "bool": "bool", "fk": "int"}
_IMPORTED = {
    "decimal": Import("decimal", "Decimal"),
    "date": Import("datetime", "date"),
    "datetime": Import("datetime", "datetime"),
    "uuid": Import("uuid", "UUID"),
}


@dataclass(frozen=True)
class Sort:
    """The `?sort=` whitelist: `keys` (columns), each ascending or `-` descending; `default` as typed."""

    keys: tuple[str, ...]
    default: str

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(v for k in self.keys for v in (k, f"-{k}"))


def parse_sort(text: str, columns: tuple[str, ...], name: str) -> Sort:
    """`--sort created_at,-total` against the model's `columns`; SpecError says why not."""
    given = [k.strip() for k in text.split(",") if k.strip()]
    keys = []
    for key in given or [""]:
        column = key.removeprefix("-")
        if column not in columns:
            raise SpecError(
                f"--sort {text!r}: {column or 'nothing'} is not a column of {name} ({', '.join(columns)})"
            )
        if column not in keys:
            keys.append(column)
    return Sort(tuple(keys), given[0])


def with_list_query(
    plan: Plan,
    filter_text: str | None,
    sort_text: str | None,
    spec: ResourceSpec,
    index: ProjectIndex,
    conv: Conventions,
    key_type: str = "int",
) -> tuple[Plan, list[str]]:
    """The plan with the list route's filters and sort, the filtered columns indexed and a test
    module for them; and the lines saying what was done."""
    filters = parse_filters(filter_text, spec) if filter_text is not None else ()
    edits = list(plan.edits)
    site = find_list_site(edits, spec, InheritedReads.of(index, conv))
    if site is None:
        if any(f.model == spec.names.pascal for f in find_footprints(index)):
            # the resource is in place, its list route with it: a second run adds nothing
            return plan, [
                f"--filter/--sort: {spec.names.pascal}'s list route is in place; left as it is"
            ]
        raise ConventionError(
            "--filter/--sort: the new resource has no list endpoint (--methods leaves it out?)"
        )
    planned = planned_model(edits, spec)
    sort = (
        parse_sort(sort_text, planned.columns, spec.names.pascal) if sort_text is not None else None
    )
    paging = paging_of(site.route, conv.pagination)
    keyset = sort is not None and paging is not None and paging[0] == "cursor"
    if keyset and not can_follow(site, sort.keys, spec):  # a keyset --pagination wrote can follow
        raise ConventionError(
            f"--sort {sort_text}: the list pages with a keyset cursor over its fixed order "
            f"({ordering_of(site.query)}); another order would skip and repeat rows between pages. "
            "Drop --sort, or list with offset or page pagination"
        )
    ranges = detect_range_naming(index)
    style = FormatStyle.from_style(conv.style)
    # a parameter must not hide a name the body uses (`status.HTTP_404_NOT_FOUND`, a `total` count)
    taken = (body_names(site.route), body_names(site.query))
    params, wanted, conditions = _params(
        filters, ranges, site.model, conv.style.optional_style, taken, planned
    )
    if sort is not None:
        params.append(QueryParam("sort", _literal(sort.values), f'"{sort.default}"'))
        wanted.add(Import("typing", "Literal"))
    parties = first_party(index)
    router = edits[site.router]
    module = parse_module(router.new).visit(
        QueryParams(site.route.name, tuple(params), site.callee)
    )
    edits[site.router] = replace(
        router,
        new=add_imports(module, used_imports(sorted(wanted), module.code), style, parties).code,
    )
    data = edits[site.data]
    module = parse_module(data.new)
    if filters:
        module = module.visit(QueryFilters(site.function, site.model, tuple(conditions)))
    if sort is not None:
        module = module.visit(QueryOrder(site.function, site.model, sort.keys, sort.default))
    edits[site.data] = replace(
        data,
        new=add_imports(module, used_imports(sorted(wanted), module.code), style, parties).code,
    )
    if keyset:
        follow_sort(edits, site)
    lines = []
    if filters:
        named = [name for f in filters for name, _ in _bounds(f, ranges)]
        lines.append(f"filters on {site.route.name}: {', '.join(named)}")
        lines += _index(edits, planned, tuple(f.column_name for f in filters))
    if filters and ranges.evidence:
        lines.append(f"ranges spelled as the project does ({ranges.evidence})")
    if sort is not None:
        lines.append(
            f"sort on {site.route.name}: {', '.join(sort.values)} (default {sort.default}, ties by id)"
        )
    for at in {site.router, site.data, *([planned.at] if filters else [])}:
        edits[at] = replace(edits[at], why=(*edits[at].why, "--filter/--sort"))
    test_edit, note = _tests(
        edits, site, filters, sort, paging, ranges, spec, index, conv, key_type
    )
    lines.append(note)
    if test_edit is not None:
        edits.append(test_edit)
    return replace(plan, edits=tuple(edits), explain=(*plan.explain, *lines)), lines


def _params(
    filters, ranges: RangeNaming, model: str, optional_style: str, taken: tuple[set[str], set[str]], planned: PlannedModel
):
    """The route's query parameters, the imports their types need, and the conditions over the
    query function's parameters. A name the route's body uses (`status`, fastapi's module) is
    the route's `status_`, read from `?status=`; one the query function uses is its `status_`.
    A parameter compared with an int or a decimal column is bounded by its range (column_range.py)."""
    params: list[QueryParam] = []
    wanted: set[Import] = set()
    conditions: list[tuple[QueryParam, str]] = []
    for field in filters:
        column = f"{model}.{field.column_name}"
        kind = _literal(field.enum_values) if field.type == "enum" else _PY.get(field.type)
        if field.type == "enum":
            wanted.add(Import("typing", "Literal"))
        if kind is None:
            imp = _IMPORTED[field.type]
            wanted.add(imp)
            kind = imp.name or ""
        annotation, more = optional_of(kind, optional_style)
        wanted |= set(more)
        bounds = value_range(field.type, planned.statement(field.column_name))
        for name, operator in _bounds(field, ranges):
            local, passed = (f"{name}_" if name in names else name for names in taken)
            query = [*([f'alias="{name}"'] if local != name else []), *(f"{k}={v}" for k, v in bounds)]
            if query:
                wanted.add(Import("fastapi", "Query"))
            default = f"Query(None, {', '.join(query)})" if query else "None"
            params.append(
                QueryParam(local, annotation, default, passed if passed != local else None)
            )
            conditions.append(
                (QueryParam(passed, annotation, "None"), f"{column} {operator} {passed}")
            )
    return params, wanted, conditions


def _bounds(field: FieldSpec, ranges: RangeNaming) -> list[tuple[str, str]]:
    """Each query parameter of a filtered field with its comparison: `status` ==, `total__gte` >=..."""
    named = [(field.column_name, "==")]
    if field.type in RANGED:
        named += [(ranges.low(field.column_name), ">="), (ranges.high(field.column_name), "<=")]
    return named


def _literal(values: tuple[str, ...]) -> str:
    return "Literal[" + ", ".join(f'"{v}"' for v in values) + "]"


def _index(edits: list[FileEdit], planned: PlannedModel, columns: tuple[str, ...]) -> list[str]:
    """Index `columns` in the model and in the revision creating its table; the lines saying so."""
    model = edits[planned.at]
    marker = ColumnIndex(planned.classes, columns, planned.column_call)
    edits[planned.at] = replace(model, new=parse_module(model.new).visit(marker).code)
    lines = [f"indexed in the model: {', '.join(c for c in columns if c in marker.indexed)}"]
    missed = [c for c in columns if c not in marker.indexed]
    if missed:
        lines.append(f"not indexed (no column of the model found): {', '.join(missed)}")
    for at, edit in enumerate(edits):
        if edit.created and "create_table" in edit.new and "def upgrade" in edit.new:
            revision = RevisionIndexes(
                planned.table, tuple(c for c in columns if c in marker.indexed)
            )
            new = parse_module(edit.new).visit(revision).code
            if revision.added:
                edits[at] = replace(edit, new=new, why=(*edit.why, "--filter indexes"))
                lines.append(f"indexed in {edit.path}: {', '.join(revision.added)}")
    return lines


def _tests(edits, site: ListSite, filters, sort, paging, ranges, spec, index, conv, key_type):
    """A test module for the filters and the sort, beside the resource's own tests."""
    router = edits[site.router]
    before = function_names(router.old) if router.old else set()
    routes = [
        r
        for r in routes_of(router.new, conv.auth.dependency, conv.auth.param)
        if r.function not in before
    ]
    listing = next((r for r in routes if r.function == site.route.name), None)
    create = next((r for r in routes if r.op == "create"), None)
    own_tests = [
        e.path
        for e in edits
        if e.created and is_test_path(e.path) and spec.names.plural_snake in e.path
    ]
    directory = (
        own_tests[0].rsplit("/", 1)[0]
        if own_tests
        else (conv.tests.module_directory or conv.tests.directory)
    )
    if directory is None or listing is None:
        return None, "no tests for the filters and sort: the project has no test directory"
    app = (
        app_instance(index, conv.app.factory)
        if conv.app.factory
        else (
            (conv.app.module, conv.app.variable) if conv.app.module and conv.app.variable else None
        )
    )
    own = next((e.new for e in edits if e.path in own_tests), "")
    envelope = (
        conv.response.keys[0]
        if conv.response.wrapper == "envelope" and conv.response.keys
        else None
    )
    cursor_key = cursor_key_of(edits, index, site) if paging is not None and paging[0] == "cursor" else None
    query = QueryTests(
        filters,
        sort,
        paging[:3] if paging else None,
        cursor_key,
        ranges,
        paging[3] if paging else 1,
    )
    text, note = write_query_tests(
        query,
        listing,
        create,
        spec.names,
        spec.fields,
        app,
        conv.tests,
        key_type,
        envelope,
        headers_sent(own),
    )
    if text is None:
        return None, note
    path = f"{directory}/test_{spec.names.plural_snake}_query.py"
    text = format_code(fix_unused(text, path), FormatStyle.from_style(conv.style))
    return FileEdit(path, None, text, ("tests of the filters and sort",)), note
