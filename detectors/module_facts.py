"""Facts of one module alone, and a second process that reads them for a share of the project.

A detector that reads something from a module without looking at any other (the client calls a
test module makes, the style of its first enum) declares it with `@module_fact`: the function
is then computed once per module, and for a module the facts worker read, taken from what the
worker sent. On a large project the worker parses the test modules on the other core while
this process parses the app's, and sends back each module's imports, class names, whether it
defines routes and every module fact whose value is plain data. A test module is then parsed
here only if a detector asks for more (its fixtures, a fact holding syntax nodes).

The worker is a fork of this process, so it runs the same code on the same bytes: what it sends
equals what this process would compute. Anything that goes wrong in it (it dies, it sends
nothing) leaves this process reading those modules itself.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from detectors.forked import Forked, plain

if TYPE_CHECKING:
    from detectors.project import ModuleInfo

T = TypeVar("T")

# key -> the function computing the fact from one module (see `module_fact`)
MODULE_FACTS: dict[str, Callable[[ModuleInfo], Any]] = {}

# The modules declaring module facts (a fact declared elsewhere is computed here when asked,
# only not ahead by the worker).
FACT_MODULES = ("detectors.detect", "detectors.resources")

# Test modules a project must have before a worker reads them: below this, starting one costs
# about what it saves.
WORKER_MIN_MODULES = 64


@dataclass(frozen=True)
class ModuleRead:
    """What the facts worker read of one module: enough to answer the scans every detector makes
    over all modules without parsing it again."""

    imports: dict[str, tuple[str, str | None]]
    class_names: frozenset[str]
    routes: bool  # it defines route functions (then its endpoints are read here, from its tree)
    facts: dict[str, Any] = field(default_factory=dict)
    newer_syntax: bool = False  # it parsed only rewritten (`parse_source`)


def module_fact(fn: Callable[[ModuleInfo], T]) -> Callable[[ModuleInfo], T]:
    """Declare `fn(info)` a fact of the module alone: computed once per module (kept with it,
    so a batch's next index reuses it) and by the facts worker for the modules it reads."""
    key = f"{fn.__module__}.{fn.__qualname__}"
    MODULE_FACTS[key] = fn

    @functools.wraps(fn)
    def read(info: ModuleInfo) -> T:
        return info.fact(key, lambda: fn(info))

    return read


def read_module(info: ModuleInfo, newer_syntax: bool) -> ModuleRead:
    """What the worker sends for a module it parsed: its summary and its plain module facts."""
    facts = {}
    for key, fn in MODULE_FACTS.items():
        try:
            value = fn(info)
        except Exception:  # noqa: BLE001, S112 - computed again here if asked, and raised here then
            continue
        if plain(value):
            facts[key] = value
    return ModuleRead(
        imports=dict(info.imports),
        class_names=info.class_names,
        routes=bool(info.endpoints),
        facts=facts,
        newer_syntax=newer_syntax,
    )


# what the worker sends for each module: (path, bytes, read) or (path, None, why it was skipped)
Sent = tuple[str, bytes | None, "ModuleRead | str"]


class Worker:
    """The test modules `paths` read with `read(path)` in a forked copy (`detectors/forked.py`);
    `collect()` gives what it sent, or None where it sent nothing whole (the caller reads those
    modules itself)."""

    def __init__(self, paths: list[str], read: Callable[[str], Sent]):
        self.paths = paths
        # imported before the fork, so that the worker computes every fact
        for declaring in FACT_MODULES:
            importlib.import_module(declaring)
        self._copy = Forked(lambda: [read(p) for p in paths])

    def ready(self) -> bool:
        """Whether `collect()` would answer without waiting on the worker's reading."""
        return self._copy.ready()

    def collect(self) -> list[Sent] | None:
        sent = self._copy.result()
        return sent if sent is not None and [s[0] for s in sent] == self.paths else None

    def abandon(self) -> None:
        self._copy.abandon()


def worker_share(paths: Iterable[str], is_test: Callable[[str], bool]) -> list[str]:
    """The modules a worker reads: the test modules (`test_*.py`, `*_test.py`). Detection reads
    the app's modules whole, and conftest files for their fixtures."""
    return [p for p in paths if is_test(p) and not p.endswith("conftest.py")]


__all__ = [
    "MODULE_FACTS",
    "ModuleRead",
    "Worker",
    "module_fact",
    "read_module",
    "worker_share",
]
