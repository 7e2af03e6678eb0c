"""`[tool.add_crud]` in the project's pyproject.toml: option defaults and the conventions lock.

A flag beats the config, and the config beats detection. The keys are the parser's own long
options (`--as-written` is `as_written`), so a new option is configurable the day it exists.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codemods.add_crud.conventions_lock import Lock, parse_locks, toml_text
from codemods.errors import ConfigError, CrudToolError
from detectors._toml import tomllib

CONFIG_FILE = "pyproject.toml"
TABLE = "[tool.add_crud]"
# --project finds the config, so the config cannot move it; --help and --version are not defaults
# --spec, --from-models and --patch-dir name what one run does, not a default for every run
NOT_CONFIGURABLE = frozenset({"help", "version", "project", "spec", "from_models", "patch_dir"})


@dataclass(frozen=True)
class Option:
    """A long option as the config spells it: `as_written` for `--as-written`."""

    key: str
    dest: str
    is_switch: bool  # on/off (store_true): a TOML boolean; otherwise a string
    is_path: bool  # relative to the project root in the config, to the working directory as a flag
    is_list: bool = False  # repeatable (`--action`): a TOML list of strings


@dataclass(frozen=True)
class Origin:
    """Where a value that is not the tool's default came from: flag, pyproject.toml or detected."""

    key: str
    value: Any
    source: str

    def __str__(self) -> str:
        if self.value is True:  # a switch: its name says it
            return f"{self.key} ({self.source})"
        return f"{self.key}={self.value} ({self.source})"


@dataclass(frozen=True)
class ConfigValue:
    """One option the config set: the parser's dest, its value, and the text as written."""

    dest: str
    value: Any
    text: Any


@dataclass(frozen=True)
class ProjectConfig:
    """What the project's `[tool.add_crud]` table set: option values, and locks."""

    options: tuple[ConfigValue, ...] = ()
    locks: tuple[Lock, ...] = ()


def options_of(parser: argparse.ArgumentParser) -> dict[str, Option]:
    """Every configurable long option of `parser`, by config key."""
    out = {}
    # argparse lists its actions only in `_actions`, unchanged since Python 2.7
    for action in parser._actions:
        long = [s for s in action.option_strings if s.startswith("--")]
        if not long:
            continue
        key = long[0][2:].replace("-", "_")
        if key not in NOT_CONFIGURABLE:
            repeatable = isinstance(action.default, list)  # action="append" starts from a list
            out[key] = Option(key, action.dest, action.nargs == 0, action.type is Path, repeatable)
    return out


def read_config(
    root: Path,
    parser: argparse.ArgumentParser,
    checks: dict[str, Callable[[str], object]] | None = None,
) -> ProjectConfig:
    """The `[tool.add_crud]` table of root/pyproject.toml; `checks` validate values by dest."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return ProjectConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{CONFIG_FILE} does not parse: {exc}") from None
    table = data.get("tool", {}).get("add_crud", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{CONFIG_FILE} tool.add_crud: must be a table, {TABLE}")
    options = options_of(parser)
    values = []
    for key, value in table.items():
        if key == "conventions":
            continue
        option = options.get(key)
        if option is None:
            known = ", ".join(sorted(options))
            raise ConfigError(f"{CONFIG_FILE} {TABLE} {key}: no such option (options: {known})")
        checked = _value(option, value, root, (checks or {}).get(option.dest))
        values.append(ConfigValue(option.dest, checked, value))
    locks = table.get("conventions", {})
    if not isinstance(locks, dict):
        raise ConfigError(
            f"{CONFIG_FILE} {TABLE} conventions: must be a table, [tool.add_crud.conventions]"
        )
    try:
        return ProjectConfig(tuple(values), parse_locks(locks))
    except ValueError as exc:
        raise ConfigError(f"{CONFIG_FILE} {TABLE} {exc}") from None


def _value(option: Option, value: Any, root: Path, check: Callable[[str], object] | None) -> Any:
    where = f"{CONFIG_FILE} {TABLE} {option.key}"
    if option.is_switch:
        if not isinstance(value, bool):
            raise ConfigError(f"{where} = {toml_text(value)}: must be true or false")
        return value
    if option.is_list:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ConfigError(f"{where} = {toml_text(value)}: must be a list of non-empty strings")
        return list(value)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where} = {toml_text(value)}: must be a non-empty string")
    if check is not None:
        try:
            check(value)
        except CrudToolError as exc:
            raise ConfigError(
                f"{where} = {toml_text(value)}: {exc.args[0] if exc.args else exc}"
            ) from None
    if option.is_path:
        return Path(value) if value == "-" else root / value  # "-" is stdout, as with the flag
    return value


def given_on_command_line(
    make_parser: Callable[[], argparse.ArgumentParser], argv: Sequence[str]
) -> frozenset[str]:
    """The dests the command line itself set (a flag beats the config only when it was given)."""
    parser = make_parser()  # a parser of its own: its defaults are suppressed below
    for action in parser._actions:
        action.default = argparse.SUPPRESS
    return frozenset(vars(parser.parse_args(list(argv))))


def merge(
    args: argparse.Namespace,
    given: frozenset[str],
    config: ProjectConfig,
    parser: argparse.ArgumentParser,
) -> tuple[argparse.Namespace, tuple[Origin, ...]]:
    """`args` with the config's values where no flag was given, and where each non-default came from."""
    merged = argparse.Namespace(**vars(args))
    from_config = {}
    for item in config.options:
        if item.dest not in given:
            setattr(merged, item.dest, item.value)
            from_config[item.dest] = item.text
    origins = []
    for option in options_of(parser).values():
        value = getattr(merged, option.dest)
        if value != parser.get_default(option.dest):
            if option.dest in from_config:
                origins.append(Origin(option.key, from_config[option.dest], CONFIG_FILE))
            else:
                origins.append(Origin(option.key, value, "flag"))
    return merged, tuple(origins)
