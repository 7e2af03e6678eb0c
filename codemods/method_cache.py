"""The compiled code of the methods `dataclasses` writes, kept between runs as .pyc files keep
a module's.

`@dataclass` writes each class's `__init__`, `__repr__`, `__eq__` (and, frozen, `__hash__`,
`__setattr__`, `__delattr__`) as source text and compiles it when the class is made. libcst's
node classes and the tool's own make about 1,700 such texts (1,300 different), and compiling
them was 0.12 to 0.15 s of every run, a tenth of planning one resource on a large project:
Python keeps a module's bytecode, never these. `install()` gives the `dataclasses` module an
`exec` of its own (a module global comes before the builtin) that takes each text's code object
from a file of this Python's (named by its bytecode's magic number) and compiles only the texts
that file lacks; `save()` writes it back when the run compiled any.

Only compiling is skipped: the code object is what `compile` makes of the same text, with the
same flags as the builtin `exec` would (none of the caller's `__future__` imports), run by the
builtin `exec` in the namespaces `dataclasses` passes, so every class is made as without the
file. A file that is missing, truncated or unreadable is no file. It lives in the user's cache
directory (codemods/cache_home.py) and holds code this tool runs, so it is read only from there,
the user's own, as the plan cache's pickles are."""

from __future__ import annotations

import builtins
import hashlib
import importlib.util
import marshal
import os
import sys
import tempfile
import types
from typing import Any

from codemods.cache_home import cache_home

# entries beyond which the file starts afresh with the run's own (texts of older versions of the
# tool and of libcst pile up otherwise); a run uses about 1,300
MAX_ENTRIES = 8192

_installed = False
_stored: dict[bytes, bytes] = {}  # digest of a text -> its marshalled code, as read from the file
_used: dict[bytes, bytes] = {}  # the entries this run used or compiled
_compiled = 0  # texts compiled this run


def _file():
    """The file of this Python's entries, or None when caching is off."""
    home = cache_home("methods")
    if home is None:
        return None
    return home / f"{sys.implementation.cache_tag}-{importlib.util.MAGIC_NUMBER.hex()}.marshal"


def install() -> None:
    """From now on, classes `@dataclass` makes take their methods' code from the file."""
    global _installed
    if _installed:
        return
    _installed = True
    path = _file()
    if path is not None:
        try:
            with open(path, "rb") as f:
                stored = marshal.load(f)
            if isinstance(stored, dict):
                _stored.update(stored)
        except (OSError, EOFError, ValueError, TypeError):
            pass  # no file yet, or one cut short: compiled as usual, and written afresh
    import dataclasses

    # a global of the module, found before the builtin by its functions' `exec(...)`; typing
    # knows no such attribute, hence the ignore
    dataclasses.exec = _exec  # type: ignore[attr-defined]


def _exec(source: Any, globals: Any = None, locals: Any = None, /, **kwargs: Any) -> None:
    """The builtin `exec`, with a text's code taken from the file where it is there."""
    if isinstance(source, str):
        source = _code(source)
    builtins.exec(source, globals, locals, **kwargs)  # noqa: S102 - what dataclasses runs, as it would


def _code(text: str) -> Any:
    global _compiled
    key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
    raw = _used.get(key) or _stored.get(key)
    if raw is not None:
        try:
            code = marshal.loads(raw)
        except (EOFError, ValueError, TypeError):
            code = None
        if isinstance(code, types.CodeType):
            _used[key] = raw
            return code
    # as the builtin `exec` compiles a text: "<string>", and no flags of this module's
    code = compile(text, "<string>", "exec", dont_inherit=True)
    _used[key] = marshal.dumps(code)
    _compiled += 1
    return code


def save() -> None:
    """Write the file back if this run compiled texts it lacked; never fail the run."""
    if not _installed or not _compiled:
        return
    path = _file()
    if path is None:
        return
    # the file's entries as this run read them, and this run's, unless that makes too many
    entries = {**_stored, **_used} if len(_stored) + len(_used) <= MAX_ENTRIES else dict(_used)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            marshal.dump(entries, f)
        os.replace(tmp, path)  # whole or not at all: a concurrent run reads the old file or this
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
