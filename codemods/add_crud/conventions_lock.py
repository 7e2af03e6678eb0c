"""The conventions lock: `[tool.add_crud.conventions]` values that replace what detection found."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from detectors.conventions import Conventions


@dataclass(frozen=True)
class Lockable:
    """A detected value a project may lock: where it sits in Conventions and what it may be."""

    finding: str  # the Conventions attribute: style, router_layout...
    field: str  # the finding's attribute
    allowed: tuple[Any, ...] | range  # a range for numbers

    def describe_allowed(self) -> str:
        if isinstance(self.allowed, range):
            return f"an integer from {self.allowed.start} to {self.allowed.stop - 1}"
        return "one of " + ", ".join(toml_text(v) for v in self.allowed)


# Only values every stage reads from Conventions, so a lock changes what is generated wherever
# the detection is used (tests/test_config.py proves each one); a value a stage reads from the
# exemplar's own code instead is not lockable, since locking it would change nothing.
LOCKABLE: dict[str, Lockable] = {
    "url_style": Lockable("router_layout", "url_style", ("kebab", "snake")),
    "trailing_slash": Lockable("router_registration", "trailing_slash", (True, False)),
    "quotes": Lockable("style", "quotes", ("double", "single")),
    "line_length": Lockable("style", "line_length", range(40, 321)),
    "formatter": Lockable("style", "formatter", ("ruff", "black")),
    "optional_style": Lockable("style", "optional_style", ("pipe", "optional", "union")),
    "list_style": Lockable("style", "list_style", ("builtin", "typing")),
    "imports": Lockable("style", "imports", ("absolute", "relative")),
}


@dataclass(frozen=True)
class Lock:
    """One locked convention: its key and the value the project set."""

    key: str
    value: Any

    def detected_in(self, conventions: Conventions) -> Any:
        spot = LOCKABLE[self.key]
        return getattr(getattr(conventions, spot.finding), spot.field)


def parse_locks(table: dict[str, Any]) -> tuple[Lock, ...]:
    """The locks of a `[tool.add_crud.conventions]` table; ValueError names the bad key."""
    locks = []
    for key, value in table.items():
        spot = LOCKABLE.get(key)
        if spot is None:
            raise ValueError(
                f"conventions.{key}: not a lockable convention ({', '.join(LOCKABLE)})"
            )
        # bool is an int in Python: true must not pass for a line length, nor 1 for true
        kinds = {int} if isinstance(spot.allowed, range) else {type(v) for v in spot.allowed}
        if type(value) not in kinds or value not in spot.allowed:
            raise ValueError(
                f"conventions.{key} = {toml_text(value)}: must be {spot.describe_allowed()}"
            )
        locks.append(Lock(key, value))
    return tuple(locks)


def apply_locks(conventions: Conventions, locks: tuple[Lock, ...]) -> Conventions:
    """`conventions` with each locked value in place of the detected one."""
    for lock in locks:
        spot = LOCKABLE[lock.key]
        finding = replace(getattr(conventions, spot.finding), **{spot.field: lock.value})
        conventions = replace(conventions, **{spot.finding: finding})
    return conventions


def lock_notes(detected: Conventions, locks: tuple[Lock, ...]) -> tuple[str, ...]:
    """One line per lock, for stderr: the value, where it was set, and what detection found."""
    return tuple(
        f"{lock.key}={_plain(lock.value)} (pyproject.toml; detected {_plain(lock.detected_in(detected))})"
        for lock in locks
    )


def _plain(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def toml_text(value: Any) -> str:
    """A value as TOML writes it, for messages about pyproject.toml."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return f"[{', '.join(map(toml_text, value))}]"
    return f'"{value}"' if isinstance(value, str) else str(value)
