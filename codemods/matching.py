"""`libcst.matchers`, imported the first time a matcher is built.

Importing it builds several hundred matcher classes, about a third of a second: more than
planning a resource costs once the tool's own modules are compiled. Most runs need none (the
nesting, ownership and guard edits do), so a module writes `from codemods import matching as m`
and only runs that use a matcher pay for it. Module-level matchers would defeat this: build them
in a function.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    import libcst.matchers

    return getattr(libcst.matchers, name)
