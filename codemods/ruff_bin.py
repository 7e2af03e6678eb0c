"""`ruff_bin()`: the ruff executable the tool runs, found once per process; `run_all`: several
ruff runs side by side; `started`: one begun while the caller goes on.

ruff's own lookup reads the interpreter's install scheme (sysconfig) on every call; a plan runs
ruff dozens of times to format, sort imports and check.
"""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


# Finding the binary reads sysconfig, whose first reading fills a module-level dict in steps:
# another thread reading it meanwhile gets None for a variable (and ruff's lookup then fails on
# `"ruff" + None`). So it is found once, under a lock, whatever thread asks first.
_FINDING = threading.Lock()
_FOUND: list[str] = []


def ruff_bin() -> str:
    """The path of the ruff binary installed beside the tool."""
    if not _FOUND:
        with _FINDING:
            if not _FOUND:
                from ruff.__main__ import find_ruff_bin

                _FOUND.append(find_ruff_bin())
    return _FOUND[0]


def run_all(runs: Sequence[tuple[list[str], str, Path | None]]) -> list[subprocess.CompletedProcess[str]]:
    """Each (args, stdin text, cwd) run to completion, in order, on every core: a ruff run on one
    module is mostly its start-up, and the runs of a plan's modules do not depend on each other."""
    def run(job: tuple[list[str], str, Path | None]) -> subprocess.CompletedProcess[str]:
        args, text, cwd = job
        return subprocess.run(args, input=text, capture_output=True, text=True, encoding="utf-8", cwd=cwd)

    if len(runs) < 2:  # no thread for one run
        return [run(job) for job in runs]
    with ThreadPoolExecutor(max_workers=min(len(runs), 2 * (os.cpu_count() or 1))) as pool:
        return list(pool.map(run, runs))


def started(run: Callable[..., T], *args: object) -> Future[T]:
    """`run(*args)` begun in a thread of its own, its result (or error) at `.result()`: a ruff
    run is mostly waiting for the process, so the caller's own work goes on meanwhile."""
    pool = ThreadPoolExecutor(max_workers=1)
    future = pool.submit(run, *args)
    pool.shutdown(wait=False)
    return future
