"""`Forked(compute)`: `compute()` run in a forked copy of this process, its result sent back;
`Serving(serve)`: a forked copy answering request after request; `Tickets`: work items shared
out between a process and its copy as each gets free.

A fork shares everything this process has read so far (the project's syntax trees included)
without copying or sending it, so work that needs those trees can run on the other core while
this process does something else, as long as its result is plain data: pickled back, it must not
hold a syntax node or a module of the index (`plain`). `result()` is None where the copy did not
send a whole result (it raised, died or stalled): the caller then does the work itself, so
anything going wrong over there only costs time.
"""

from __future__ import annotations

import ast
import copyreg
import functools
import io
import os
import pickle
import re
import select
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

T = TypeVar("T")
Q = TypeVar("Q")
A = TypeVar("A")


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
    """Numbers dealt in rounds (`deal(n)`: 0..n-1), each taken once, by whichever of this process
    and its forked copies asks first: work shared out by who is free, not split by a guess of
    what each part costs. One byte each in a pipe made before the fork (a read of one byte takes
    it whole, a deal of at most 256 is one write no reader sees half of)."""

    def __init__(self) -> None:
        self._reader, self._writer = os.pipe()
        os.set_blocking(self._reader, False)  # an empty pipe: every ticket of the round is taken

    def deal(self, count: int) -> None:
        """Deal 0..count-1; the round before must be all taken (as `take` found it)."""
        if not 0 <= count <= 256:
            raise ValueError(f"{count} tickets: a byte each, 256 at most")
        os.write(self._writer, bytes(range(count)))  # far below a pipe's buffer: never blocks

    def take(self) -> int | None:
        """The next number of the round nobody has taken, None once all are."""
        try:
            got = os.read(self._reader, 1)
        except BlockingIOError:
            return None
        return got[0] if got else None

    def close(self) -> None:
        """Give the pipe back (a copy's ends go with the copy); once is enough."""
        if self._reader < 0:
            return
        os.close(self._reader)
        os.close(self._writer)
        self._reader = self._writer = -1


class Serving(Generic[Q, A]):
    """`serve(request)` answered by a forked copy of this process kept for many requests: forked
    once, while this process holds little, its pages are copied once, not for every request as a
    `Forked` each would copy them. Requests and answers are plain data, pickled (`_dumped`); one
    request is answered before the next is asked. `answer()` is None where the copy raised, died
    or stalled: the caller then does the work itself, and a copy that died answers nothing more.
    `first`: a request known at the fork, which the copy has as it is, nothing sent."""

    def __init__(self, serve: Callable[[Q], A], first: Q | None = None):
        requests, self._asking = os.pipe()
        self._answers, answering = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        self.pid = os.fork()
        if self.pid == 0:  # the copy: answer until the requests end, then end without teardown
            os.close(self._asking)
            os.close(self._answers)
            try:
                while first is not None or (sent := _received(requests, None)) is not None:
                    request, first = (first, None) if first is not None else (pickle.loads(sent), None)
                    try:
                        answer = serve(request)
                    except Exception:  # noqa: BLE001 - the asker does the work itself
                        answer = None
                    _send(answering, _dumped(answer))
            finally:
                os._exit(0)
        os.close(requests)
        os.close(answering)
        self.alive = True
        self._asked = first is not None

    def ask(self, request: Q) -> None:
        """Begin the copy's work on `request` (nothing, if the copy is gone)."""
        if not self.alive:
            return
        try:
            _send(self._asking, _dumped(request))
            self._asked = True
        except OSError:  # it died: a broken pipe
            self.alive = False

    def answer(self) -> A | None:
        """The copy's answer to the last request, once it is done; None if it sent none."""
        if not (self.alive and self._asked):
            return None
        self._asked = False
        got = _received(self._answers, Forked.STALL)
        if got is None:
            self.close()
            return None
        try:
            return pickle.loads(got)
        except Exception:  # noqa: BLE001 - a torn answer: the caller computes it instead
            return None

    def close(self, kill: bool = False) -> None:
        """End the copy (its requests end) and wait for it; `kill` it where nobody will wait for
        its answer (the user interrupted), as one that stalled is."""
        if self.pid is None:
            return
        os.close(self._asking)
        os.close(self._answers)
        if kill or not self.alive:  # it may be stuck on a request: it is no use to anyone
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self.alive, self.pid = False, None


def _dumped(value: Any) -> bytes:
    """`value` pickled, its compiled patterns by their text: the copy compiles each once
    (`_pattern`), not again in every request that holds it."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, re.Pattern: _reduced_pattern}
    pickler.dump(value)
    return out.getvalue()


def _reduced_pattern(pattern: re.Pattern) -> tuple[Callable[..., re.Pattern], tuple[Any, int]]:
    return _pattern, (pattern.pattern, pattern.flags)


@functools.lru_cache(maxsize=4096)
def _pattern(text: str | bytes, flags: int) -> re.Pattern:
    """`re.compile`, once per copy (re's own cache holds fewer than a large project's names)."""
    return re.compile(text, flags)


def _send(fd: int, payload: bytes) -> None:
    """`payload` whole, after its length (a pipe may take a large one in parts)."""
    data = memoryview(len(payload).to_bytes(8, "little") + payload)
    while data:
        data = data[os.write(fd, data):]


def _received(fd: int, stall: float | None) -> bytes | None:
    """The next payload `_send` sent on `fd`; None at the pipe's end, on a torn one, or after
    `stall` seconds without a byte."""
    head = _read_exactly(fd, 8, stall)
    if head is None:
        return None
    return _read_exactly(fd, int.from_bytes(head, "little"), stall)


def _read_exactly(fd: int, size: int, stall: float | None) -> bytes | None:
    chunks, left = [], size
    while left:
        ready, _, _ = select.select([fd], [], [], stall)
        if not ready:
            return None
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


class _NotPlain(Exception):
    pass


class _PlainPickler(pickle.Pickler):
    """Pickles plain data only: a syntax node or a module of the index (which the other process
    could not share) stops it."""

    def reducer_override(self, obj: Any) -> Any:
        # Asked only of objects other than None, booleans and exact ints, floats, strs, bytes,
        # lists, tuples, dicts and sets (the C pickler's fast path): a fact is mostly those, and
        # `persistent_id`, asked of every object, cost the facts worker a tenth of its reading.
        from detectors.project import ModuleInfo  # loaded: it is what forks

        if isinstance(obj, (ast.AST, ModuleInfo)):
            raise _NotPlain
        return NotImplemented


def plain(value: Any) -> bool:
    """Whether `value` can be sent from a forked copy as it is: plain data, no syntax node or
    module of the index inside."""
    try:
        _PlainPickler(io.BytesIO(), protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    except (_NotPlain, pickle.PicklingError, TypeError, AttributeError):
        return False
    return True


__all__ = ["Forked", "Serving", "Tickets", "can_fork", "one_process", "plain"]
