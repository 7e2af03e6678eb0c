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

import ast
import functools
import importlib
import io
import os
import pickle
import select
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

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


class _NotPlain(Exception):
    pass


class _PlainPickler(pickle.Pickler):
    """Pickles plain data only: a syntax node or a module (which the other process could not
    share) stops it."""

    def persistent_id(self, obj: Any) -> None:
        from detectors.project import ModuleInfo  # loaded: it is what calls the worker

        if isinstance(obj, (ast.AST, ModuleInfo)):
            raise _NotPlain


def _plain(value: Any) -> bool:
    try:
        _PlainPickler(io.BytesIO(), protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    except (_NotPlain, pickle.PicklingError, TypeError, AttributeError):
        return False
    return True


def read_module(info: ModuleInfo, newer_syntax: bool) -> ModuleRead:
    """What the worker sends for a module it parsed: its summary and its plain module facts."""
    facts = {}
    for key, fn in MODULE_FACTS.items():
        try:
            value = fn(info)
        except Exception:  # noqa: BLE001, S112 - computed again here if asked, and raised here then
            continue
        if _plain(value):
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
    """A forked process reading `paths` with `read(path)`; `collect()` waits for what it sent
    (None if it sent nothing whole, or nothing for `STALL` seconds: the caller reads those
    modules itself)."""

    STALL = 60.0

    def __init__(self, paths: list[str], read: Callable[[str], Sent]):
        self.paths = paths
        # imported before the fork, so that the worker computes every fact
        for declaring in FACT_MODULES:
            importlib.import_module(declaring)
        reader, writer = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        self.pid = os.fork()
        if self.pid == 0:  # the worker: read, send, and end without the interpreter's teardown
            os.close(reader)
            code = 1
            try:
                payload = pickle.dumps([read(p) for p in paths], protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(writer, "wb") as out:
                    out.write(payload)
                code = 0
            finally:
                os._exit(code)
        os.close(writer)
        self._reader = reader

    def abandon(self) -> None:
        """Stop the worker and forget it (its reader failed before collecting)."""
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self._reader)

    def collect(self) -> list[Sent] | None:
        chunks = []
        with os.fdopen(self._reader, "rb", buffering=0) as stream:
            while True:
                ready, _, _ = select.select([stream], [], [], self.STALL)
                if not ready:  # stuck: it is no use to anyone
                    os.kill(self.pid, signal.SIGKILL)
                    chunks = []
                    break
                chunk = stream.read(1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
        _, status = os.waitpid(self.pid, 0)
        if status != 0 or not chunks:
            return None
        try:
            sent = pickle.loads(b"".join(chunks))
        except Exception:  # noqa: BLE001 - a torn payload: read the modules here instead
            return None
        return sent if [s[0] for s in sent] == self.paths else None


def can_fork() -> bool:
    """Whether a worker can be forked here: on Linux (fork is unsafe on macOS, absent on
    Windows), from a process running one thread (a fork copies the caller's thread alone, and a
    lock another held would stay held in the worker)."""
    return (
        sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1
    )


def worker_share(paths: Iterable[str], is_test: Callable[[str], bool]) -> list[str]:
    """The modules a worker reads: the test modules (`test_*.py`, `*_test.py`). Detection reads
    the app's modules whole, and conftest files for their fixtures."""
    return [p for p in paths if is_test(p) and not p.endswith("conftest.py")]


__all__ = [
    "MODULE_FACTS",
    "ModuleRead",
    "Worker",
    "can_fork",
    "module_fact",
    "read_module",
    "worker_share",
]
