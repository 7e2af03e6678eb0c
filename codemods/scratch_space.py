"""Where the tool's own scratch files go: a memory-backed directory where the machine has one.

Planning writes many small files that it reads back at once and then deletes: a batch's copy of
the project (a thousand modules for a large one), and the texts that ruff checks, fixes and
formats as files. On a disk every file made and removed goes through the file system's journal,
and on some machines that is most of the cost: on the one the benchmark ran on, copying its
1,032-module project took 1.04 s under /tmp and 0.06 s under /dev/shm, and a batch of 20
resources took 8.7-9.7 s there against 10.1-12.2 s on the disk, with the same output.

Only the tool's scratch files go there, never the project's own, and never a `--verify` run's
copy (the project's own tests run there and may write what they like). Where the user named a
temporary directory (TMPDIR, TEMP or TMP), that is where they go, as everywhere else.
"""

from __future__ import annotations

import errno
import functools
import os
import sys
import tempfile
from pathlib import Path

# Linux's shared-memory file system: a tmpfs every process may write to
MEMORY_BACKED = Path("/dev/shm")
# free room a memory-backed directory must have to be used: far more than a batch's copy of a
# large project takes, so that it never fills up what other programs share
LEAST_FREE = 1 << 30


@functools.cache
def scratch_dir() -> str | None:
    """The directory for `tempfile`'s `dir=`: the memory-backed one where it can be used, else
    None (tempfile's own choice, the user's TMPDIR included)."""
    return chosen(os.environ, sys.platform, MEMORY_BACKED, LEAST_FREE)


def chosen(environ, platform: str, candidate: Path, least_free: int) -> str | None:
    """`candidate` where nobody named a temporary directory, the system is Linux, and it is a
    directory this process may write in with `least_free` bytes free; else None."""
    if any(environ.get(name) for name in ("TMPDIR", "TEMP", "TMP")) or not platform.startswith("linux"):
        return None
    try:
        if not candidate.is_dir() or not os.access(candidate, os.W_OK | os.X_OK):
            return None
        room = os.statvfs(candidate)
        if room.f_bavail * room.f_frsize < least_free:
            return None
        # what a container or a security policy forbids, permissions do not always show
        os.rmdir(tempfile.mkdtemp(prefix="add-crud-probe-", dir=candidate))
    except OSError:
        return None
    return str(candidate)


def out_of_room(exc: OSError) -> bool:
    """Whether `exc` says the file system is full (the caller then starts again on the disk)."""
    return exc.errno in (errno.ENOSPC, errno.EDQUOT)


__all__ = ["LEAST_FREE", "MEMORY_BACKED", "chosen", "out_of_room", "scratch_dir"]
