"""`--spec resources.toml`: many resources in one run, read and checked before the project is.

    [defaults]                  # any per-resource option, applied to every resource
    pagination = "cursor"

    [[resources]]
    name = "Order"
    fields = ["total:decimal", "customer_id:fk[Customer]"]
    methods = "read-only"       # any option of the command line, spelled as in [tool.add_crud]
    filters = ["total"]         # those taking several values in the plural too (actions, filters)

The keys are the parser's own long options (as in `[tool.add_crud]`), so a new option can be
given per resource the day it exists. Errors name the file, the resource and the key. The
resources are planned in dependency order: one that another refers to (`fk[Customer]`,
`parent = "Customer"`) comes first, otherwise the file's order holds.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codemods.add_crud.config import NOT_CONFIGURABLE, options_of
from codemods.add_crud.conventions_lock import toml_text
from codemods.errors import ConfigError, CrudToolError
from codemods.option_values import parse_action, parse_filters
from codemods.spec import ResourceSpec, parse_resource
from detectors._toml import tomllib

# what a resource of the file may not set: the run's own modes, which hold for the whole batch
RUN_WIDE = frozenset({"dry_run", "patch", "check", "show_plan", "as_json", "yes", "debug", "allow_dirty", "verify", "spec", "from_models", "keep_going", "patch_dir"})


@dataclass(frozen=True)
class Entry:
    """One resource of the file: its name, fields and options (config keys), as checked."""

    name: str
    fields: tuple[str, ...]
    options: tuple[tuple[str, Any], ...]  # (config key, value): strings, booleans, lists
    where: str  # "resources.toml resource 2 (Order)", for errors

    def value(self, key: str) -> Any:
        return dict(self.options).get(key)


def read_spec(
    path: Path,
    parser: argparse.ArgumentParser,
    checks: dict[str, Callable[[str], object]],
) -> tuple[Entry, ...]:
    """The file's resources, each with [defaults] under its own keys, in dependency order."""
    shown = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ConfigError(f"--spec {path}: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{shown} does not parse: {exc}") from None
    unknown = sorted(set(data) - {"defaults", "resources"})
    if unknown:
        raise ConfigError(f"{shown}: unknown table {unknown[0]!r} (tables: [defaults], [[resources]])")
    options = {k: o for k, o in options_of(parser).items() if o.dest not in RUN_WIDE and k not in NOT_CONFIGURABLE}
    defaults = data.get("defaults", {})
    if not isinstance(defaults, dict):
        raise ConfigError(f"{shown} defaults: must be a table, [defaults]")
    resources = data.get("resources")
    if not isinstance(resources, list) or not resources or not all(isinstance(r, dict) for r in resources):
        raise ConfigError(f"{shown}: no [[resources]]; each resource is a [[resources]] table with a name")
    default_keys: dict[str, str] = {}
    checked_defaults = _options(defaults, options, checks, f"{shown} defaults", default_keys)
    entries = []
    for number, table in enumerate(resources, 1):
        name = table.get("name")
        where = f"{shown} resource {number}" + (f" ({name})" if isinstance(name, str) else "")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{where}: name = \"Order\" is missing")
        fields = table.get("fields", [])
        if not isinstance(fields, list) or not all(isinstance(f, str) for f in fields):
            raise ConfigError(f"{where} fields = {toml_text(fields)}: must be a list of strings")
        rest = {k: v for k, v in table.items() if k not in ("name", "fields")}
        own_keys: dict[str, str] = {}
        own = _options(rest, options, checks, where, own_keys)
        merged = {**checked_defaults, **own}
        if fields and "from_model" in merged:
            raise ConfigError(f"{where}: from_model reads the fields from the model: give no fields")
        if "from_model" not in merged:
            try:
                spec = parse_resource(name, fields)
            except CrudToolError as exc:
                raise ConfigError(f"{where}: {exc}") from None
            _check_fields_named(merged, spec, where, {**{k: f"{g} (from [defaults])" for k, g in default_keys.items()}, **own_keys})
        entries.append(Entry(name.strip(), tuple(fields), tuple(merged.items()), where))
    names = [e.name for e in entries]
    twice = next((n for n in names if names.count(n) > 1), None)
    if twice is not None:
        raise ConfigError(f"{shown}: resource {twice} is given twice")
    return in_dependency_order(tuple(entries))


# options taking several values, spelled in the plural as well (`actions = [...]`, `filters = [...]`)
_MANY = ("filter", "sort")


def _key(key: str, options) -> str:
    """The option `key` names: itself, or the plural of one taking several values."""
    single = key[:-1] if key.endswith("s") else None
    if key not in options and single in options and (options[single].is_list or single in _MANY):
        return single
    return key


def _options(table: dict, options, checks, where: str, spelled: dict[str, str]) -> dict[str, Any]:
    """The table's options, each under its key, its value checked (`spelled`: key -> the key as
    written, for the errors the resource's fields find later)."""
    out = {}
    for given, value in table.items():
        key = _key(given, options)
        spelled.setdefault(key, given)
        if key in out:
            raise ConfigError(f"{where} {given}: given twice (as {key} and {key}s)")
        option = options.get(key)
        if option is None:
            raise ConfigError(f"{where} {given}: no such option (options: {', '.join(sorted(options))})")
        if option.is_switch:
            if not isinstance(value, bool):
                raise ConfigError(f"{where} {given} = {toml_text(value)}: must be true or false")
        elif option.is_list:
            value = [value] if isinstance(value, str) else value
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise ConfigError(f"{where} {given} = {toml_text(value)}: must be a list of non-empty strings")
        else:
            if isinstance(value, list) and key in ("filter", "sort", "methods"):
                value = ",".join(value)  # filter = ["status", "total"] reads as the flag's list
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{where} {given} = {toml_text(value)}: must be a non-empty string")
            check = checks.get(option.dest)
            if check is not None:
                try:
                    check(value)
                except CrudToolError as exc:
                    raise ConfigError(f"{where} {given} = {toml_text(value)}: {exc.args[0] if exc.args else exc}") from None
        out[key] = value
    return out


# the options whose values name the resource's fields, parsed against them (option key -> parser)
_FIELD_OPTIONS: dict[str, Callable[[str, ResourceSpec], object]] = {"action": parse_action, "filter": parse_filters}


def _check_fields_named(options: dict[str, Any], spec: ResourceSpec, where: str, spelled: dict[str, str]) -> None:
    """Refuse, naming the file, the resource and the key, an action or filter naming no field of
    the resource's: the same check the planning makes, before anything is read."""
    for key, parse in _FIELD_OPTIONS.items():
        value = options.get(key)
        for text in [value] if isinstance(value, str) else value or ():
            try:
                parse(text, spec)
            except CrudToolError as exc:
                raise ConfigError(f"{where} {spelled.get(key, key)} = {toml_text(value)}: {exc.args[0] if exc.args else exc}") from None


def refers_to(entry: Entry) -> set[str]:
    """The models an entry needs before it: fk targets and its parent."""
    targets = set()
    for text in entry.fields:
        kind = text.partition(":")[2]
        if kind.startswith("fk[") and "]" in kind:
            targets.add(kind[3 : kind.index("]")].strip())
    parent = entry.value("parent")
    if isinstance(parent, str):
        targets.add(parent.rpartition(":")[2])
    return targets


def in_dependency_order(entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """Each entry after the entries it refers to; otherwise in the file's order. A cycle is refused."""
    by_name = {e.name: e for e in entries}
    done: list[Entry] = []
    placed: set[str] = set()

    def place(entry: Entry, path: tuple[str, ...]) -> None:
        if entry.name in placed:
            return
        if entry.name in path:
            cycle = " -> ".join((*path[path.index(entry.name):], entry.name))
            raise ConfigError(f"{entry.where}: the resources refer to each other in a cycle ({cycle}); make one of the keys optional in a later run")
        for target in sorted(refers_to(entry), key=lambda n: [e.name for e in entries].index(n) if n in by_name else -1):
            if target in by_name and target != entry.name:
                place(by_name[target], (*path, entry.name))
        placed.add(entry.name)
        done.append(entry)

    for entry in entries:
        place(entry, ())
    return tuple(done)


def entry_argv(entry: Entry, options: dict) -> list[str]:
    """The command line that asks for this one resource: `Order total:decimal --methods read-only`."""
    argv = [] if entry.value("from_model") else [entry.name, *entry.fields]
    for key, value in entry.options:
        flag = f"--{key.replace('_', '-')}"
        option = options[key]
        if option.is_switch:
            argv += [flag] if value else []
        elif option.is_list:
            for item in value:
                argv += [flag, item]
        else:
            argv += [f"{flag}={value}"]  # `=`: a value starting with - (--sort=-total) stays a value
    return argv


def entries_from_models(root: Path, directory: Path) -> tuple[tuple[Entry, ...], list[str]]:
    """An entry (`--from-model path:Model`) for each model under `directory` (a package, or one
    module holding the models: `app/models.py`) without endpoints, and a line for each model
    passed over and why."""
    from detectors import ProjectIndex, detect_conventions
    from detectors.resources import find_footprints

    try:
        under = (Path.cwd() / directory).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise ConfigError(f"--from-models {directory}: not inside the project ({root})") from None
    module = under.endswith(".py") and (root / under).is_file()
    if not module and not (root / under).is_dir():
        raise ConfigError(f"--from-models {directory}: neither a directory nor a Python module")
    index = ProjectIndex(root)
    user_model = detect_conventions(root, index).auth.user_model
    prefix = "" if under == "." else f"{under}/"
    entries, skipped = [], []
    for footprint in find_footprints(index):
        if not (footprint.model_path == under if module else footprint.model_path.startswith(prefix)):
            continue
        if footprint.routes:
            skipped.append(f"{footprint.model}: has endpoints already ({footprint.model_path}); skipped")
        elif footprint.model == user_model:
            skipped.append(f"{footprint.model}: the model the auth dependency returns (passwords, tokens); skipped")
        else:
            where = f"--from-models {directory} model {footprint.model}"
            entries.append(Entry(footprint.model, (), (("from_model", f"{footprint.model_path}:{footprint.model}"),), where))
    return in_dependency_order(tuple(entries)), skipped
