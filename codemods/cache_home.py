"""Where the tool keeps what it remembers between runs: a directory of the user's cache.

One directory per kind under the tool's cache root: `plans` (codemods/add_crud/result_cache.py)
and `methods` (codemods/method_cache.py). The root is the user's cache directory for the tool
(platformdirs), or `ADD_CRUD_CACHE_DIR`; `ADD_CRUD_NO_CACHE=1` turns every kind off. Never the
project's directory: nothing the tool remembers is written into the project.
"""

from __future__ import annotations

import os
from pathlib import Path

DISTRIBUTION = "fastapi-crud-codemods"  # the package's name: its version, its cache directory


def cache_home(kind: str) -> Path | None:
    """The directory of `kind`, or None when caching is off."""
    if os.environ.get("ADD_CRUD_NO_CACHE", "") not in ("", "0"):
        return None
    root = os.environ.get("ADD_CRUD_CACHE_DIR")
    if not root:
        import platformdirs  # here: a run with the cache off never needs it

        root = platformdirs.user_cache_dir(DISTRIBUTION)
    return Path(root) / kind
