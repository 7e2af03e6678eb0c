"""`ruff_bin()`: the ruff executable the tool runs, found once per process.

ruff's own lookup reads the interpreter's install scheme (sysconfig) on every call; a plan runs
ruff dozens of times to format, sort imports and check.
"""

from __future__ import annotations

import functools


@functools.cache
def ruff_bin() -> str:
    """The path of the ruff binary installed beside the tool."""
    from ruff.__main__ import find_ruff_bin

    return find_ruff_bin()
