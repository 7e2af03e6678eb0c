"""Field substitution: the exemplar's field code becomes the new resource's field code.

Runs after the rename and the field renames (`rename_fields.py`), so a paired field already
carries its new name. What is left: the constructs that list fields drop the exemplar's unpaired
fields and gain the new ones, written like a field of the same kind next to them.

Before (class body, dropped `sku`, added `total:decimal`):
    name: Mapped[str] = mapped_column(String(120))
    sku: Mapped[str] = mapped_column(String(40), unique=True)
After:
    name: Mapped[str] = mapped_column(String(120))
    total: Mapped[Decimal] = mapped_column(Numeric(12, 2))

Field-listing constructs: class bodies (models, schemas), dict payloads, keyword payloads
(constructor and factory calls) and `Column("name", ...)` lists (Alembic revisions).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field

import libcst as cst

from codemods.clone import field_code
from codemods.clone.computed_fields import reads_rows
from codemods.clone.field_limits import fit_formatted
from codemods.clone.field_map import FieldMap, same_kind
from codemods.errors import ConventionError
from codemods.formatting import FormatStyle, format_code, format_snippets
from codemods.imports import Import, is_library_class
from codemods.names import ResourceNames, spelling_pattern
from codemods.spec import FieldSpec
from codemods.visit import visit


@dataclass(frozen=True)
class ModuleStyle:
    """How the module being edited writes optionals and SQLAlchemy names."""

    optional: str  # pipe | optional | union
    sa_prefix: str  # "sa" when columns are written `sa.String`, "" for `String`
    field_module: str = "pydantic"  # where the module's `Field` comes from (sqlmodel for SQLModel)
    sequence: str = "builtin"  # builtin (`list[str]`) | typing (`List[str]`, as Python before 3.9 needs)
    uuid4: str = "uuid4"  # how a fresh value calls it (`uuid.uuid4`)

    @classmethod
    def of(cls, text: str) -> ModuleStyle:
        """The style of the module `text` (read once per text: a batch clones the same exemplar
        modules, and the shared ones, for every resource)."""
        return _module_style(text)

    @classmethod
    def read(cls, text: str) -> ModuleStyle:
        optional = "optional" if "Optional[" in text else "union" if "Union[" in text else "pipe"
        # each pattern only where its words are: a search that finds nothing reads every line of
        # a conftest of hundreds of fixtures, a test for the words reads it far faster
        match = re.search(r"^import sqlalchemy as (\w+)", text, re.M) if "import sqlalchemy as" in text else None
        prefix = match.group(1) if match else ("sqlalchemy" if "sqlalchemy.Column" in text else "")
        source = re.search(r"^from (\w+) import [^\n]*\bField\b", text, re.M) if "Field" in text else None
        module = source.group(1) if source else "sqlmodel" if "sqlmodel" in text else "pydantic"
        # `uuid.uuid4()` where the module imports `uuid` whole and not `uuid4` by name
        whole = (
            "import uuid" in text
            and re.search(r"^import uuid\s*$", text, re.M)
            and not re.search(r"^from uuid import .*\buuid4\b", text, re.M)
        )
        uuid4 = "uuid.uuid4" if whole else "uuid4"
        return cls(optional, prefix, module, "typing" if "List[" in text else "builtin", uuid4)


@functools.lru_cache(maxsize=64)
def _module_style(text: str) -> ModuleStyle:
    return ModuleStyle.read(text)


def _target(stmt: cst.CSTNode) -> str | None:
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1:
        small = stmt.body[0]
        if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
            return small.target.value
        if (
            isinstance(small, cst.Assign)
            and len(small.targets) == 1
            and isinstance(small.targets[0].target, cst.Name)
            and isinstance(small.value, cst.Call)
        ):
            return small.targets[0].target.value
    return None


def _code(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


# keywords `mapped_column` takes only where the class is mapped as a dataclass (MappedAsDataclass)
_DATACLASS_KEYWORDS = frozenset({"init", "default_factory", "kw_only", "repr", "compare"})


def _column_keywords(stmt: cst.CSTNode) -> set[str]:
    small = stmt.body[0] if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 else None
    value = small.value if isinstance(small, (cst.AnnAssign, cst.Assign)) else None
    if not isinstance(value, cst.Call):
        return set()
    return {a.keyword.value for a in value.args if a.keyword is not None}


def _dataclass_mapped(body: list) -> bool:
    """Whether the class's columns are dataclass fields: one of them says how `__init__` takes it."""
    return any(_column_keywords(stmt) & _DATACLASS_KEYWORDS for stmt in body)


def _init_default(stmt: cst.CSTNode) -> bool:
    """A dataclass field `__init__` may leave out: it has a default (or is no parameter of it)."""
    return bool(_column_keywords(stmt) & {"default", "default_factory", "init"})


def _dataclass_default(stmt: cst.CSTNode) -> cst.CSTNode:
    """`default=list` is a dataclass field's default value (the type itself): a new list each
    time is `default_factory=list`."""
    code = _code(stmt)
    fixed = re.sub(r"\bdefault=(list|dict|set)\b", r"default_factory=\1", code)
    return stmt if fixed == code else cst.parse_statement(fixed)


def _in_init_order(kept: list, added: list, at: int) -> list:
    """The class body with `added` in it at `at`, but a field `__init__` needs never after one
    with a default (a dataclass refuses it): those go before the first defaulted field."""
    needed = [a for a in added if not _init_default(a)]
    defaulted = [a for a in added if _init_default(a)]
    first = next((i for i, stmt in enumerate(kept) if _column_keywords(stmt) & {"default", "default_factory"}), len(kept))
    early = min(at, first)
    return kept[:early] + needed + kept[early:at] + defaulted + kept[at:]


# the keywords bounding a schema field's value (pydantic's `Field`)
_BOUNDED = re.compile(r"\b(?:min_length|max_length|ge|gt|le|lt|max_digits|decimal_places|pattern|regex|min_items|max_items)\s*=")


def _looks_optional(text: str) -> bool:
    return "None" in text or "Optional[" in text or "nullable=True" in text.replace(" ", "")


def _style(texts: list[str]) -> str:
    joined = "\n".join(texts)
    return "mapped" if "Mapped[" in joined else "column" if "Column(" in joined else "annotated"


def _replace_word(text: str, old: str, new: str) -> str:
    return re.sub(rf"(?<![A-Za-z0-9_]){re.escape(old)}(?![A-Za-z0-9_])", new, text)


@dataclass
class FieldEdits(cst.CSTTransformer):
    """The transformer; `imports` collects what added code needs, `enums` the enum types and
    object sub-models it uses."""

    fmap: FieldMap
    names: ResourceNames
    style: ModuleStyle
    fk_tables: dict[str, str]
    fmt: FormatStyle | None = None
    others: tuple = ()  # the other resources' spelling patterns
    linked: tuple = ()  # spellings of the models the clone keeps a foreign key to
    test_code: bool = False  # a test module: every payload is made-up data
    fk_keys: dict = field(default_factory=dict)  # model -> its key's kind (int, uuid, str)
    # names the module imports from libraries: their classes take no payload (a constraint's
    # `name=` is its name, not the resource's field)
    library: frozenset[str] = frozenset()
    digits: str = "none"  # how an optional decimal's digits are bounded (field_code.OPTIONAL_DIGITS)
    imports: list[Import] = field(default_factory=list)
    enums: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        super().__init__()
        self.current = set(self.fmap.kept) | set(self.fmap.rename_table.values()) | set(self.fmap.dropped)
        info = {e.name: e for e in self.fmap.exemplar}
        for a, b in self.fmap.rename_table.items():
            info[b] = info[a]
        self.info = info
        self.own = spelling_pattern(self.names)
        self.functions: list[str] = []
        self.statement_links = False  # the statement being visited names a linked model
        self.touched: set[str] = set()  # functions whose payloads lost or gained fields
        self.emptied: set[str] = set()  # test functions a partial payload of which lost every field
        self.python_dicts: set[int] = set()  # dicts compared with a Python-mode dump (visit_Comparison)
        self.factories: set[int] = set()  # the parameters of row factories (visit_FunctionDef)
        self.factory_calls: list[str] = []  # the row factories being visited
        self.removed_params: set[str] = set()
        self.passing: list[set[str]] = []  # per function visited: its parameters for dropped fields
        # function -> positions of parameters it lost: its callers lose those arguments too
        self.removed_positions: dict[str, tuple[int, ...]] = {}  # parameters named for dropped fields (filters)
        self.required = {
            n for n, e in info.items() if not e.optional and not e.has_default and n in self.current
        }

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.functions.append(node.name.value)
        # the function's own parameters for dropped fields: passed on as `name=name`, they go with it
        params = (*node.params.params, *node.params.kwonly_params)
        self.passing.append({p.name.value for p in params if p.name.value in self.fmap.dropped})
        if self.test_code and self.passing[-1] and _builds_from(node, self.passing[-1]):
            # a row factory of the tests (`build_note(*, title="Note title")` making
            # `Note(title=title)`): the new fields take its dropped ones' place, parameters passed
            # on to the class, defaulting to sample values (never in the app's own code)
            self.factories.add(id(node.params))
            self.factory_calls.append(node.name.value)

    def visit_Module(self, node: cst.Module) -> None:
        # dicts later spread into a class (`models.Author(**fields)`) hold Python values, not JSON
        self.spread: set[str] = set()
        visit(node, _Spread(self.spread))

    def visit_Assign(self, node: cst.Assign) -> None:
        self.assigning = [t.target.value for t in node.targets if isinstance(t.target, cst.Name)]

    def visit_Comparison(self, node: cst.Comparison) -> None:
        # `model.model_dump() == {...}`: the dict holds what a dump in Python mode gives, a
        # Decimal and not "12.50" (a JSON-mode dump, `mode="json"`, gives the JSON values)
        sides = [node.left, *(c.comparator for c in node.comparisons)]
        if any(_python_dump(side) for side in sides):
            self.python_dicts |= {id(side) for side in sides if isinstance(side, cst.Dict)}

    def leave_Assign(self, original, updated):
        self.assigning = []
        return updated

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        # the statement's code is only generated when there are links to look for in it
        code = _code(node) if self.linked else ""
        self.statement_links = any(p.search(code) for p in self.linked)

    def _touch(self) -> None:
        if self.functions:
            self.touched.add(self.functions[0])

    # class bodies ---------------------------------------------------------------------------
    def leave_FunctionDef(self, original, updated):
        if self.factory_calls and self.factory_calls[-1] == self.functions[-1] and id(original.params) in self.factories:
            self.factory_calls.pop()
        self.functions.pop()
        self.passing.pop()
        names = [p.name.value for p in (*original.params.posonly_params, *original.params.params)]
        gone = tuple(i for i, n in enumerate(names) if n in self.fmap.dropped)
        if gone:
            self.removed_positions[original.name.value] = gone
        return updated

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        updated = self._without_relations(updated)
        body = list(updated.body.body)
        positions = [i for i, s in enumerate(body) if _target(s) in self.current]
        if not positions or not isinstance(updated.body, cst.IndentedBlock):
            return updated
        texts = {_target(body[i]): _code(body[i]) for i in positions}
        partial = all(_looks_optional(t) for t in texts.values()) and any(
            n in self.required for n in texts
        )
        first_drop = next((i for i in positions if _target(body[i]) in self.fmap.dropped), None)
        kept = [s for s in body if _target(s) not in self.fmap.dropped]
        # a schema reading rows (`from_attributes`) answers with what the columns hold: the
        # bounds a request is checked against are no part of it
        bounded = not reads_rows(updated)
        codes = [self._field_code(f, texts, partial, bounded) for f in self.fmap.added]
        if self.fmt:  # the written fields formatted in one ruff run, not one each
            format_snippets([code for code, written in codes if written is not None], self.fmt, depth=1)
        added = [self._class_field(f, *code, texts) for f, code in zip(self.fmap.added, codes)]
        if not added and len(kept) == len(body):
            return updated
        remaining = [i for i, s in enumerate(kept) if _target(s) in self.current]
        at = remaining[-1] + 1 if remaining else (first_drop if first_drop is not None else len(kept))
        if _dataclass_mapped(body):
            new_body = _in_init_order(kept, [_dataclass_default(a) for a in added], at)
        else:
            new_body = kept[:at] + added + kept[at:]
        if not new_body:
            new_body = [cst.SimpleStatementLine([cst.Pass()])]
        return updated.with_changes(body=updated.body.with_changes(body=new_body))

    def _field_code(self, f: FieldSpec, texts: dict[str, str], partial: bool, bounded: bool = True) -> tuple[str, field_code.Written | None]:
        """The new field's line: one of the class's own fields renamed, where one of its kind is
        written alike (None beside it), or written afresh (with what wrote it, to format)."""
        if f.type in ("object", "union") and self.style.field_module == "sqlmodel":
            # a SQLModel table class would hold the sub-model itself, which JSON cannot store
            raise ConventionError(f"field {f.name!r}: {f.type} fields are not supported in SQLModel classes yet; use {f.name}:json")
        optional = f.optional or partial
        example = None
        if f.default is None and f.type not in ("enum", "fk"):
            for name, text in texts.items():
                e = self.info.get(name)
                if (
                    e is not None
                    and e.kind == f.type
                    and _looks_optional(text) == optional
                    and (partial or not e.has_default)
                    and (e.unique == f.unique or not f.unique)
                    # an update schema's bounds are its column's (`max_length=200` of a
                    # String(200)): they go with the field only where the model's line is
                    # that field's too, not where the new column is written afresh
                    and (not partial or not _BOUNDED.search(text) or (e.optional == f.optional and not e.has_default))
                ):
                    example = (name, text)
                    break
        if example is not None:
            code = _replace_word(example[1], example[0], f.column_name)
            if not f.unique:
                code = re.sub(r",\s*unique=True|unique=True,\s*", "", code)
            return code, None
        written = field_code.class_field(
            _style(list(texts.values())),
            self.names,
            f,
            partial=partial,
            bounded=bounded,
            digits=self.digits,
            optional_style=self.style.optional,
            sa_prefix=self.style.sa_prefix,
            fk_table=self.fk_tables.get(f.fk_target or ""),
            fk_key=self.fk_keys.get(f.fk_target or "", "int"),
            field_module=self.style.field_module,
            sequence_style=self.style.sequence,
        )
        return written.code, written

    def _class_field(self, f: FieldSpec, code: str, written: field_code.Written | None, texts: dict[str, str]) -> cst.CSTNode:
        """The new field's statement (`_field_code`), a written one formatted where it goes."""
        if written is not None:
            code = format_code(code, self.fmt, depth=1) if self.fmt else code
            self.imports += written.imports
            if f.type == "enum":
                self.enums.add(field_code.enum_class_name(self.names, f))
            if f.type in ("object", "union") and _style(list(texts.values())) == "annotated":
                # placed like an enum (defined once, imported by the other users)
                self.enums.add(field_code.member_class_name(self.names, f))
        return cst.parse_statement(code)

    # dict payloads ----------------------------------------------------------------------------
    def leave_Dict(self, original: cst.Dict, updated: cst.Dict) -> cst.Dict:
        keys = [_key(e) for e in updated.elements]
        if not set(keys) & self.current:
            return updated
        full = self.required <= set(keys)
        carried = self._carried([(k, e.value) for e, k in zip(updated.elements, keys)])
        elements = [
            e.with_changes(key=e.key.with_changes(value=e.key.value.replace(k, carried[k]))) if k in carried else e
            for e, k in zip(updated.elements, keys)
            if k not in self.fmap.dropped or k in carried
        ]
        python = any(n in getattr(self, "spread", ()) for n in getattr(self, "assigning", ()))
        python = python or id(original) in self.python_dicts
        new_values = self._payload(full, bool(elements), python=python, skip=set(carried.values()))
        # a dropped field's made-up value (`f"Article {n}"`) serves a new text field: it stays
        # unique where the sample would repeat, and what it reads (`n`) stays read
        made_up = [
            (self.info[k].kind, e.value)
            for e, k in zip(updated.elements, keys)
            if k in self.fmap.dropped and isinstance(e.value, cst.FormattedString)
        ]
        added = {f.column_name: f for f in self.fmap.added}
        # unique fields first (a repeated sample would collide), then those of the same kind
        order = sorted(
            range(len(new_values)),
            key=lambda i: (not getattr(added.get(new_values[i][0]), "unique", False), i),
        )
        taken: set[int] = set()
        for exact in (True, False):  # a value of the same kind first, then any text value
            for i in order:
                name = new_values[i][0]
                kind = getattr(added.get(name), "type", None)
                if i in taken or kind not in ("str", "text"):
                    continue
                pick = next(
                    (m for m in made_up if (m[0] == kind or not exact) and fit_formatted(added[name], m[1])),
                    None,
                )
                if pick is not None:
                    made_up.remove(pick)
                    taken.add(i)
                    new_values[i] = (name, cst.Module(body=[]).code_for_node(fit_formatted(added[name], pick[1])))
        varying = [e.value for e, k in zip(updated.elements, keys) if k in self._exemplar_unique]
        # or from a made-up value another new unique field took: two fields, both unique per row
        varying += [
            cst.parse_expression(new_values[i][1])
            for i in sorted(taken)
            if getattr(added.get(new_values[i][0]), "unique", False)
        ]
        # or, last, from a made-up value a kept field has (`f"Note {uuid4().hex[:8]}"`)
        varying += [e.value for e, k in zip(updated.elements, keys) if k in self.current and isinstance(e.value, cst.FormattedString)]
        new_values = self._varied(new_values, taken, varying)
        if self.current <= set(keys):
            # every field, optional ones too (a response asserted whole): a field without a
            # sample value (a new foreign key) is there as null
            named = {n for n, _ in new_values} | set(carried.values())
            new_values += [(f.column_name, "None") for f in self.fmap.added if f.optional and f.column_name not in named]
        if len(elements) != len(updated.elements) or new_values:
            self._touch()
        if self.test_code and self.functions and not full and updated.elements and not elements and not new_values:
            self.emptied.add(self.functions[0])  # an update sending nothing: empty_updates.py
        self._import_uuid4(new_values)
        extra = [
            cst.DictElement(cst.SimpleString(f'"{name}"'), cst.parse_expression(value))
            for name, value in new_values
        ]
        return updated.with_changes(elements=_commas(elements + extra, updated.elements))

    def _import_uuid4(self, values: list[tuple[str, str]]) -> None:
        """The import a fresh value (`fresh_sample`) needs, where one is among `values`."""
        call = f"{self.style.uuid4}()"
        if any(v.startswith(call) or "{" + call in v for _, v in values):
            self.imports.append(field_code.uuid4_import(self.style.uuid4))

    def _varied(self, new_values: list[tuple[str, str]], taken: set[int], varying: list) -> list[tuple[str, str]]:
        """A new unique text field with nothing made up to take: derived from a value that varies
        as the rows do (`varying`, best first), so rows that differ there differ here too."""
        if not varying:
            return new_values
        added = {f.column_name: f for f in self.fmap.added}
        out = list(new_values)
        for i, (name, _) in enumerate(out):
            f = added.get(name)
            if i in taken or f is None or not f.unique or f.type not in ("str", "text"):
                continue
            derived = _derived(varying[0], f.name.replace("_", " "))
            if isinstance(derived, cst.FormattedString):
                derived = fit_formatted(f, derived)
            elif f.limits is not None:
                derived = None  # a plain string of its own length: the sample knows the bounds
            if derived is not None:
                out[i] = (name, cst.Module(body=[]).code_for_node(derived))
        return out

    @property
    def _exemplar_unique(self) -> set[str]:
        """The payload keys, under their new names, of the fields the exemplar keeps unique."""
        renames = dict(self.fmap.renames)
        kept = set(self.fmap.kept) | set(renames)
        return {renames.get(e.name, e.name) for e in self.fmap.exemplar if e.unique and e.name in kept}

    def _carried(self, pairs: list[tuple[str | None, cst.BaseExpression]]) -> dict[str, str]:
        """stand-in -> its field, for each (key, value) of a payload where the field asked anew
        (see field_map.py) takes the value the exemplar's field had: a value of the same kind,
        reading nothing the drop takes (`data.name`), and no null where the field is required."""
        if not self.fmap.stand_ins:
            return {}
        back = {b: a for a, b in self.fmap.stand_ins}
        specs = {f.column_name: f for f in self.fmap.added}
        out = {}
        for key, value in pairs:
            if key not in back:
                continue
            code = cst.Module(body=[]).code_for_node(value)
            null = isinstance(value, cst.Name) and value.value == "None"
            if any(b in code for b in back) or null and not specs[back[key]].optional:
                continue
            if not same_kind(self.info[key], specs[back[key]]):  # `body:str` for a text body: a value of another kind
                continue
            out[key] = back[key]
        return out

    def _payload(self, full: bool, has_other: bool, python: bool, skip: set[str] = frozenset()) -> list[tuple[str, str]]:
        """Sample values for the added fields (but those in `skip`, which the payload has)."""
        values = []
        for f in self.fmap.added:
            if f.column_name in skip:
                continue
            if not full and (has_other or values):
                break
            value = self._sample(f, second=not full, python=python)
            # calling uuid4 as the module does (`uuid.uuid4()` where it imports `uuid` whole)
            fresh = field_code.fresh_sample(f, self.style.uuid4) if f.unique and self.test_code else None
            if fresh is not None and value is not None:
                # a unique field takes a value of its own each time a test sends it, unless one
                # that varies with the rows is found for it after (`_varied`): a loop or a row
                # factory sends it again, and where the suite keeps one database from test to
                # test (the full-stack template's), so does the next test sending the same sample
                value = fresh
            if value is not None and (full or not f.optional):
                values.append((f.column_name, value))
        if not full and not has_other and not values:
            # a partial payload (an update's) left with nothing to send: an optional field
            # serves, or the update it tests changes nothing
            sampled = ((f, self._sample(f, second=True, python=python)) for f in self.fmap.added if f.column_name not in skip)
            values = [(f.column_name, v) for f, v in sampled if v is not None][:1]
        return values

    def _sample(self, f: FieldSpec, second: bool, python: bool) -> str | None:
        value = field_code.sample(f, second)
        if value is None or not python:
            return value
        if f.type == "decimal":
            self.imports.append(Import("decimal", "Decimal"))
            return f"Decimal({value})"
        if f.type == "date":
            self.imports.append(Import("datetime", "date"))
            return "date(2024, 2, 3)" if second else "date(2024, 1, 2)"
        if f.type == "datetime":
            self.imports += [Import("datetime", "datetime"), Import("datetime", "timezone")]
            return f"datetime(2024, {2 if second else 1}, 2, 3, 4, 5, tzinfo=timezone.utc)"
        if f.type == "uuid":
            self.imports.append(Import("uuid"))
            return f"uuid.UUID({value})"
        return value

    # keyword payloads -------------------------------------------------------------------------
    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        updated = self._one_way(self._without_positions(updated))
        passed = self.passing[-1] if self.passing else set()
        through = [
            a for a in updated.args
            if a.keyword is not None and a.keyword.value in passed and isinstance(a.value, cst.Name) and a.value.value == a.keyword.value
        ]
        if through:  # `list_orders(db, limit=limit, status=status)`: the filter parameter went
            self._touch()
            kept = [a for a in updated.args if a not in through]
            callee = cst.Module(body=[]).code_for_node(updated.func).split(".")[-1]
            if self.factory_calls and self.factory_calls[-1] == self.functions[-1] and callee[:1].isupper():
                # the row factory's class gets the new fields' parameters (see leave_Parameters)
                kept += [cst.Arg(value=cst.Name(f.column_name), keyword=cst.Name(f.column_name), equal=_EQUAL) for f in self.fmap.added]
            updated = updated.with_changes(args=_commas(kept, updated.args))
        keywords = [a.keyword.value if a.keyword else None for a in updated.args]
        mine = set(keywords) & self.current
        if not mine or is_library_class(updated.func, self.library):
            return self._columns(updated)
        full = self.required <= set(keywords)
        unique = {name for name, e in self.info.items() if e.unique}  # a stand-in's too
        if mine <= set(self.fmap.dropped) & unique and not self.test_code and not _literal_payload(updated.args, self.current):
            # `crud.exists(db, name=data.name)` looks a row up by a dropped unique field: left
            # whole for extras to drop with its statement (without it, it would match any row);
            # a filter on a plain field (`project_id=...`) just goes
            return updated
        carried = self._carried([(k, a.value) for a, k in zip(updated.args, keywords) if k is not None])
        args = [
            a.with_changes(keyword=cst.Name(carried[k])) if k in carried else a
            for a, k in zip(updated.args, keywords)
            if k not in self.fmap.dropped or k in carried
        ]
        if len(args) != len(updated.args) or carried:
            self._touch()
        callee = cst.Module(body=[]).code_for_node(updated.func).split(".")[-1]
        # a class built from its input (`Item(title=data.title)`), not a lookup (`get_by_name(name=...)`)
        source = _copied_from(updated.args, self.current) if callee[:1].isupper() else None
        if source is not None:
            # `Item(title=data.title, ...)` copies its input field by field: so do the new fields
            values = [(f.column_name, f"{source}.{f.column_name}") for f in self.fmap.added]
        elif full and (self.test_code or _literal_payload(updated.args, self.current)):
            values = self._payload(full, True, python=True, skip=set(carried.values()))
            varying = [a.value for a, k in zip(updated.args, keywords) if k in self._exemplar_unique]
            values = self._varied(values, set(), varying)
            self._import_uuid4(values)
        else:
            # `crud.get(db, name=name)` looks a row up by its fields: a lookup, not data to fill
            values = []
        extra = [
            cst.Arg(value=cst.parse_expression(v), keyword=cst.Name(k), equal=_EQUAL) for k, v in values
        ]
        return updated.with_changes(args=_commas(args + extra, updated.args))

    def leave_Decorator(self, original: cst.Decorator, updated: cst.Decorator) -> cst.Decorator:
        """`@field_validator("reference", "weight_kg")` without `reference`: the validator still
        applies to the fields that remain (with none left, extras drops it whole)."""
        call = updated.decorator
        if not isinstance(call, cst.Call):
            return updated
        named = [
            a.value.evaluated_value if isinstance(a.value, cst.SimpleString) and a.keyword is None else None
            for a in call.args
        ]
        gone = [n for n in named if n in self.fmap.dropped]
        if not gone or not any(n in self.current and n not in gone for n in named):
            return updated
        args = [a for a, n in zip(call.args, named) if n not in self.fmap.dropped]
        return updated.with_changes(decorator=call.with_changes(args=_commas(args, call.args)))

    def _without_positions(self, call: cst.Call) -> cst.Call:
        """`create_note(client, headers, project["id"])` after `create_note` lost `project_id`."""
        gone = self.removed_positions.get(call.func.value) if isinstance(call.func, cst.Name) else None
        if not gone:
            return call
        positional = [a for a in call.args if a.keyword is None and not a.star]
        if len(positional) != len([a for a in call.args if a.keyword is None]):
            return call  # *args: positions unknown
        drop = {id(positional[i]) for i in gone if i < len(positional)}
        args = [a for a in call.args if id(a) not in drop]
        return call if len(args) == len(call.args) else call.with_changes(args=_commas(args, call.args))

    def _without_relations(self, node: cst.ClassDef) -> cst.ClassDef:
        """A relationship to another resource that no foreign key of this class points at
        (`books = relationship("Book")` on the exemplar), or only the key of a dropped field
        (`notebook = relationship("Notebook")` beside a dropped `notebook_id`), is the
        exemplar's, not the clone's: SQLAlchemy could not join it and the app would not start."""
        if not isinstance(node.body, cst.IndentedBlock):
            return node
        codes = [_code(s) for s in node.body.body]
        # the keys the clone keeps: a dropped field's key (`notebook_id`) points nowhere now
        keys = " ".join(
            c for s, c in zip(node.body.body, codes)
            if ("ForeignKey" in c or "foreign_key" in c) and _target(s) not in self.fmap.dropped
        )
        kept = []
        for stmt, code in zip(node.body.body, codes):
            if re.search(r"\b[Rr]elationship\(", code):
                residue = self.own.sub("", code)  # `line_items` spells Item only inside LineItem
                targets = [o for o in self.others if o.search(residue)]
                if targets and not any(o.search(keys) for o in targets):
                    continue
            kept.append(stmt)
        if len(kept) == len(codes):
            return node
        return node.with_changes(body=node.body.with_changes(body=kept))

    def _one_way(self, call: cst.Call) -> cst.Call:
        """`relationship(back_populates="items")` names an attribute on the other model, which
        has none for the new resource: the clone's relationship stays one-way, unless the other
        model is one the clone keeps a foreign key to (BackRelations gives it the attribute)."""
        if self.statement_links:
            return call
        args = [
            a
            for a in call.args
            if not (a.keyword and a.keyword.value in ("back_populates", "backref"))
            or not isinstance(a.value, cst.SimpleString)
            or not self.own.search(a.value.evaluated_value)
        ]
        return call if len(args) == len(call.args) else call.with_changes(args=_commas(args, call.args))

    def _columns(self, call: cst.Call) -> cst.Call:
        """`op.create_table("items", sa.Column("id", ...), sa.Column("sku", ...), ...)`."""
        names = [_column_name(a.value) for a in call.args]
        if not set(names) & self.current:
            return call
        args = [
            a
            for a, n in zip(call.args, names)
            if n not in self.fmap.dropped and not _mentions_field(a.value, set(self.fmap.dropped))
        ]
        last = max((i for i, a in enumerate(args) if _column_name(a.value) in self.current), default=None)
        if last is None:
            last = max((i for i, a in enumerate(args) if _column_name(a.value)), default=len(args) - 1)
        extra = [
            cst.Arg(
                value=cst.parse_expression(
                    field_code.migration_column(
                        self.names,
                        f,
                        self.style.sa_prefix,
                        self.fk_tables.get(f.fk_target or ""),
                        self.fk_keys.get(f.fk_target or "", "int"),
                    )
                )
            )
            for f in self.fmap.added
        ]
        args = args[: last + 1] + extra + args[last + 1 :]
        # the model's unique columns, after the table's other constraints as autogenerate puts them
        uniques = [u for f in self.fmap.added if (u := field_code.migration_unique(f, self.style.sa_prefix))]
        at = max((i + 1 for i, a in enumerate(args) if a.keyword is None), default=len(args))
        args[at:at] = [cst.Arg(value=cst.parse_expression(u)) for u in uniques]
        return call.with_changes(args=_commas(args, call.args))

    def _factory_params(self, updated: cst.Parameters, keep) -> cst.Parameters:
        """A row factory's parameters: the new fields' where its first dropped one was, typed as
        its dropped ones were, each defaulting to a sample (None where the field is optional)."""
        lists = {"params": list(updated.params), "kwonly_params": list(updated.kwonly_params)}
        where = next(k for k, ps in lists.items() if any(p.name.value in self.fmap.dropped for p in ps))
        params = lists[where]
        at = next(i for i, p in enumerate(params) if p.name.value in self.fmap.dropped)
        typed, equal = params[at].annotation is not None, params[at].equal
        if not isinstance(equal, cst.AssignEqual):  # it had no default: PEP 8's spacing
            space = cst.SimpleWhitespace(" " if typed else "")
            equal = cst.AssignEqual(whitespace_before=space, whitespace_after=space)
        at -= sum(1 for p in params[:at] if p.name.value in self.fmap.dropped)
        new = []
        for f in self.fmap.added:
            text, imports = field_code.python_type(self.names, f, self.fk_keys.get(f.fk_target or "", "int"), self.style.sequence)
            if f.type == "enum":
                self.enums.add(text)
            value = self._sample(f, second=False, python=True) if not f.optional else "None"
            if value is None:
                value = "None"
            if value == "None":
                text, more = field_code.optional_of(text, self.style.optional)
                imports = (*imports, *more)
            if typed:
                self.imports += imports
            new.append(
                cst.Param(
                    name=cst.Name(f.column_name),
                    annotation=cst.Annotation(cst.parse_expression(text)) if typed else None,
                    default=cst.parse_expression(value),
                    equal=equal,
                )
            )
        kept = keep(params)
        if where == "params":  # positional ones: no parameter without a default after one with
            at = max([at, *(i + 1 for i, p in enumerate(kept) if p.default is None and i >= at)])
        lists[where] = _commas(kept[:at] + new + kept[at:], params)
        other = "kwonly_params" if where == "params" else "params"
        lists[other] = _commas(keep(lists[other]), getattr(updated, other))
        return updated.with_changes(**lists)

    # parameters (filters on a dropped field) --------------------------------------------------------
    def leave_Parameters(self, original: cst.Parameters, updated: cst.Parameters) -> cst.Parameters:
        def keep(params):
            return [p for p in params if p.name.value not in self.fmap.dropped]

        for p in (*updated.params, *updated.kwonly_params):
            if p.name.value in self.fmap.dropped:
                self.removed_params.add(p.name.value)

        if len(keep(updated.params)) == len(updated.params) and len(
            keep(updated.kwonly_params)
        ) == len(updated.kwonly_params):
            return updated
        if id(original) in self.factories:
            return self._factory_params(updated, keep)
        kwonly = _commas(keep(updated.kwonly_params), updated.kwonly_params)
        star = updated.star_arg
        if not kwonly and isinstance(star, cst.ParamStar):
            star = cst.MaybeSentinel.DEFAULT  # a bare `*` needs a keyword-only parameter after it
        return updated.with_changes(
            params=_commas(keep(updated.params), updated.params), kwonly_params=kwonly, star_arg=star
        )


def _builds_from(node: cst.FunctionDef, names: set[str]) -> bool:
    """Whether the function passes one of its parameters `names` on to a class as `name=name`."""
    found = []

    class _Calls(cst.CSTVisitor):
        def visit_Call(self, call: cst.Call) -> None:
            callee = cst.Module(body=[]).code_for_node(call.func).split(".")[-1]
            if callee[:1].isupper() and any(
                a.keyword is not None and a.keyword.value in names and isinstance(a.value, cst.Name) and a.value.value == a.keyword.value
                for a in call.args
            ):
                found.append(call)

    visit(node.body, _Calls())
    return bool(found)


_EQUAL = cst.AssignEqual(
    whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
)


def _names(node: cst.CSTNode) -> list[cst.Name]:
    found: list[cst.Name] = []

    class _Collect(cst.CSTVisitor):
        def visit_Name(self, n: cst.Name) -> None:
            found.append(n)

    visit(node, _Collect())
    return found


def _python_dump(node: cst.CSTNode) -> bool:
    """`x.model_dump(...)` or pydantic 1's `x.dict(...)`, not in JSON mode."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)):
        return False
    if node.func.attr.value not in ("model_dump", "dict"):
        return False
    return not any(a.keyword is not None and a.keyword.value == "mode" for a in node.args)


class _Spread(cst.CSTVisitor):
    """Names spread as keywords into a class: `fields` in `models.Author(**fields)`."""

    def __init__(self, found: set[str]):
        self.found = found

    def visit_Call(self, node: cst.Call) -> None:
        callee = cst.Module(body=[]).code_for_node(node.func).split(".")[-1]
        if callee[:1].isupper():
            for a in node.args:
                if a.star == "**":  # `**fields`, `**(defaults | fields)`
                    self.found |= {n.value for n in _names(a.value)}


def _literal_payload(args, fields: set[str]) -> bool:
    """Whether every field keyword of a call carries a literal (`Item(name="Dune", price=9)`)."""
    values = [a.value for a in args if a.keyword is not None and a.keyword.value in fields]
    return bool(values) and all(_is_literal(v) for v in values)


def _is_literal(node: cst.CSTNode) -> bool:
    if isinstance(node, (cst.SimpleString, cst.Integer, cst.Float, cst.ConcatenatedString)):
        return True
    if isinstance(node, cst.Name):
        return node.value in ("True", "False", "None")
    if isinstance(node, cst.UnaryOperation):
        return _is_literal(node.expression)
    if isinstance(node, cst.FormattedString):
        return True  # f"Item {i}": made-up data
    if isinstance(node, cst.Call):  # Decimal("1.50"), date(2024, 1, 1), Status.OPEN
        return all(_is_literal(a.value) for a in node.args)
    if isinstance(node, cst.Attribute):
        return isinstance(node.value, cst.Name) and node.value.value[:1].isupper()
    return False


def _copied_from(args, fields: set[str]) -> str | None:
    """`data` when every field keyword of a call is `keyword=data.keyword`, else None."""
    sources = set()
    for a in args:
        if a.keyword is None or a.keyword.value not in fields:
            continue
        value = a.value
        if not (isinstance(value, cst.Attribute) and value.attr.value == a.keyword.value):
            return None
        sources.add(cst.Module(body=[]).code_for_node(value.value))
    return sources.pop() if len(sources) == 1 else None


def _key(element: cst.BaseDictElement) -> str | None:
    if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString):
        return element.key.evaluated_value
    return None


def _mentions_field(node: cst.CSTNode, fields: set[str]) -> bool:
    """A constraint or index argument naming a dropped field (`sa.ForeignKeyConstraint(["project_id"], ...)`)."""
    if not isinstance(node, cst.Call) or _column_name(node):
        return False
    found = []

    class Visitor(cst.CSTVisitor):
        def visit_SimpleString(self, n: cst.SimpleString) -> None:
            if n.evaluated_value in fields:
                found.append(n)

    visit(node, Visitor())
    return bool(found)


def _column_name(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Call) and node.args:
        func = node.func
        name = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", None)
        first = node.args[0].value
        if name == "Column" and isinstance(first, cst.SimpleString):
            return first.evaluated_value
    return None


def _commas(items: list, original: list | tuple) -> list:
    """Re-punctuate args/elements/params after some were dropped or added: each keeps its own
    comma, the new last one takes the original last one's (the closing line's indentation)."""
    if not items:
        return []
    original = list(original)
    last_comma = original[-1].comma if original else cst.MaybeSentinel.DEFAULT
    middle = next(
        (o.comma for o in original[:-1] if o.comma is not cst.MaybeSentinel.DEFAULT),
        cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
    )
    out = []
    for i, item in enumerate(items):
        if i == len(items) - 1:
            out.append(item.with_changes(comma=last_comma))
        elif original and item is original[-1] or item.comma is cst.MaybeSentinel.DEFAULT:
            out.append(item.with_changes(comma=middle))
        else:
            out.append(item)
    return out


def _derived(value: cst.BaseExpression, words: str) -> cst.BaseExpression | None:
    """`value` with `words` after it, as a string: "Audio" -> "Audio email", `name` ->
    f"{name} email", f"Article {n}" -> f"Article {n} email"; None when it cannot be spelled."""
    code = cst.Module(body=[]).code_for_node(value)
    if isinstance(value, cst.SimpleString) and isinstance(value.evaluated_value, str):
        text = json.dumps(f"{value.evaluated_value} {words}")
    elif isinstance(value, cst.FormattedString) and value.end in ('"', "'") and not value.start.endswith(('"""', "'''")):
        text = code[: -len(value.end)] + f" {words}" + value.end
    elif isinstance(value, (cst.Name, cst.Attribute)):
        text = f'f"{{{code}}} {words}"'
    else:
        return None
    return cst.parse_expression(text)
