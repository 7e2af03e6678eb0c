"""`Forked(compute)`: `compute()` run in a forked copy of this process, its result sent back;
`Tickets`: work items shared out between the two as each gets free.

A fork shares everything this process has read so far (the project's syntax trees included)
without copying or sending it, so work that needs those trees can run on the other core while
this process does something else, as long as its result is plain data: pickled back, it must not
hold a syntax node or a module of the index (`plain`). `result()` is None where the copy did not
send a whole result (it raised, died or stalled): the caller then does the work itself, so
anything going wrong over there only costs time.
"""

from __future__ import annotations

import ast
import io
import os
import pickle
import select
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

T = TypeVar("T")


# how many `one_process()` blocks are open: none, and a copy may be forked
_one_process = 0


def can_fork() -> bool:
    """Whether a copy can be forked here: on Linux (fork is unsafe on macOS, absent on
    Windows), from a process running one thread (a fork copies the caller's thread alone, and a
    lock another held would stay held in the copy), outside `one_process()`."""
    return (
        not _one_process
        and sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and threading.active_count() == 1
    )


@contextmanager
def one_process() -> Iterator[None]:
    """Within, nothing is forked. For work done in a process that holds much: each page the copy
    or this process then writes to (a reference count changing is enough) is copied, and a
    batch, holding the trees of every resource planned so far, paid more for that than the
    copy's work saved (50 resources under --keep-going: 35.6 s forking, 25.9 s not)."""
    global _one_process
    _one_process += 1
    try:
        yield
    finally:
        _one_process -= 1


class Forked(Generic[T]):
    """`compute()` begun in a forked copy of this process (call only where `can_fork()`)."""

    # seconds without a byte from the copy before it is given up as stuck
    STALL = 60.0

    def __init__(self, compute: Callable[[], T]):
        reader, writer = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        self.pid = os.fork()
        if self.pid == 0:  # the copy: compute, send, and end without the interpreter's teardown
            os.close(reader)
            code = 1
            try:
                payload = pickle.dumps(compute(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(writer, "wb") as out:
                    out.write(payload)
                code = 0
            finally:
                os._exit(code)
        os.close(writer)
        self._reader = reader

    def ready(self) -> bool:
        """Whether the copy has begun sending (it sends its whole result at its very end), so
        that `result()` would not wait on its computing."""
        ready, _, _ = select.select([self._reader], [], [], 0)
        return bool(ready)

    def result(self) -> T | None:
        """What the copy computed, once it is done; None if it sent nothing whole."""
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
            return pickle.loads(b"".join(chunks))
        except Exception:  # noqa: BLE001 - a torn payload: the caller computes it instead
            return None

    def abandon(self) -> None:
        """Stop the copy and forget it (the caller failed before taking its result)."""
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self._reader)


class Tickets:
    """The numbers 0..n-1, each taken once, by whichever of this process and its forked copies
    asks first: work shared out by who is free, not split by a guess of what each part costs.
    One byte each in a pipe (a read of one byte takes it whole); make it before the fork."""

    def __init__(self, count: int):
        if not 0 <= count <= 256:
            raise ValueError(f"{count} tickets: a byte each, 256 at most")
        reader, writer = os.pipe()
        os.write(writer, bytes(range(count)))  # far below a pipe's buffer: never blocks
        os.close(writer)  # with no writer left, an empty pipe reads as its end
        self._reader = reader

    def take(self) -> int | None:
        """The next number nobody has taken, None once all are."""
        got = os.read(self._reader, 1)
        return got[0] if got else None

    def close(self) -> None:
        """Give the pipe back (a copy's end goes with the copy)."""
        os.close(self._reader)


class _NotPlain(Exception):
    pass


class _PlainPickler(pickle.Pickler):
    """Pickles plain data only: a syntax node or a module of the index (which the other process
    could not share) stops it."""

    def persistent_id(self, obj: Any) -> None:
        from detectors.project import ModuleInfo  # loaded: it is what forks

        if isinstance(obj, (ast.AST, ModuleInfo)):
            raise _NotPlain


def plain(value: Any) -> bool:
    """Whether `value` can be sent from a forked copy as it is: plain data, no syntax node or
    module of the index inside."""
    try:
        _PlainPickler(io.BytesIO(), protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    except (_NotPlain, pickle.PicklingError, TypeError, AttributeError):
        return False
    return True


__all__ = ["Forked", "Tickets", "can_fork", "one_process", "plain"]
