"""TOML reading on every Python the tool supports: tomllib from 3.11, the tomli backport on 3.10."""

from __future__ import annotations

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

__all__ = ["tomllib"]
