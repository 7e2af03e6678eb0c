"""`edit_sliced(text, keep, edit)`: run a text edit on only the top-level statements it needs.

Wiring a resource into a registry module of hundreds of resources (a conftest with a fixture
each, an app with an `include_router` each) edits a few statements, yet parsing the whole module
with libcst and generating its code again cost most of a large project's run. Here Python's own
parser (in C, about fifty times faster) splits the module into top-level statements; those
`keep` does not want are replaced, each run of them, by one placeholder line, the edit runs on
that much smaller text, and the placeholders are given back their text. A statement's text
reaches from the line after the previous statement to its own last line, so the blank lines
and comments before it travel with it and the untouched parts come back byte for byte.

The first two statements are always kept (a docstring, and what a first import goes before), as
is the statement after a kept one (`stmt = delete(Item)` and the line that runs it are repeated
together). So are the imports, unless the edit says it never adds an import line of its own: one
that does (the import merger) places it among all the module's imports, and needs to see each. Should the edit
drop or repeat a placeholder, or raise, it runs again on the whole text: an error then names
the module's own lines, and slicing only ever saves time.
"""

from __future__ import annotations

import ast
import itertools
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from detectors.project import parsed

# below this many top-level statements the whole module is cheap enough to parse. Slicing pays
# well below a registry of hundreds: wiring a batch's resource into seed_async's conftest (about
# forty statements) took 47 ms whole and 15 ms sliced, its app module 24 ms and 14 ms.
MIN_STATEMENTS = 16
# an edit that only places imports sees the imports and two statements: it pays from this many
MIN_STATEMENTS_IMPORTS_ONLY = 12


Keep = Callable[[ast.stmt, str], bool]  # (a top-level statement, its text) -> whether the edit needs it


def edit_sliced(text: str, keep: Keep, edit: Callable[[str], str], imports: bool = True) -> str:
    """`edit(text)`, run on the top-level statements `keep` wants when the module is big; with
    `imports=False` the imports too are only those `keep` wants (an edit that places none)."""
    return _edit(text, keep, edit, imports, MIN_STATEMENTS)


def edit_imports(text: str, edit: Callable[[str], str]) -> str:
    """`edit(text)` for an edit that only adds imports (the import merger), run on the module's
    imports and its first two statements: a cloned module is parsed and printed again for them."""
    return _edit(text, lambda node, chunk: False, edit, True, MIN_STATEMENTS_IMPORTS_ONLY)


def _edit(text: str, keep: Keep, edit: Callable[[str], str], imports: bool, least: int) -> str:
    sliced = _slice(text, keep, imports, least)
    if sliced is None:
        return edit(text)
    reduced, elided = sliced
    try:
        edited = edit(reduced)
        restored = _restore(edited, elided)
    except Exception:  # noqa: BLE001 - raised again by the whole text, with its own line numbers
        restored = None
    if restored is None:
        return edit(text)
    _remember(restored, edited, elided)
    return restored


@dataclass(frozen=True)
class Cut:
    """A module cut into its top-level statements, each with its text (blank lines and comments
    before it included), and the text after the last of them."""

    units: tuple[tuple[ast.stmt, str], ...]
    footer: str

    @property
    def text(self) -> str:
        return "".join(chunk for _, chunk in self.units) + self.footer


# The cut of each text a sliced edit gave back, made from the small text the edit returned and
# the statements left out of it: the module's next edit (wiring after cloning) is cut without
# parsing the whole module again. The last few only: a batch moves on to the next text.
_CUTS: dict[str, Cut] = {}
_CUTS_KEPT = 8


def cut_statements(text: str, least: int = 0) -> Cut | None:
    """`text` cut into top-level statements, each with its text; None where it has fewer than
    `least` statements (a text a sliced edit gave back is cut whatever its size) or is not
    plain enough to cut by lines."""
    if text in _CUTS:
        return _CUTS[text]
    if "\r" in text or "\f" in text or not text.endswith("\n"):
        return None
    try:
        body = parsed(text).body  # the tree detection made of it, if it did
    except (SyntaxError, ValueError):
        return None  # the edit reports it, with its own message
    if len(body) < max(least, 1):
        return None
    lines = text.splitlines(keepends=True)
    if len(lines) != text.count("\n"):
        return None  # a line separator Python's parser does not count as one
    units = _units(body)
    starts = [0, *itertools.accumulate(map(len, lines))]  # where each line begins in the text
    chunks = [text[starts[units[i - 1][1] if i else 0] : starts[end]] for i, (_, end) in enumerate(units)]
    return Cut(tuple((node, chunk) for (node, _), chunk in zip(units, chunks)), text[starts[units[-1][1]] :])


Elided = dict[str, list[tuple[ast.stmt, str]]]  # placeholder line -> the statements it stands for


def _slice(text: str, keep: Keep, imports: bool, least: int) -> tuple[str, Elided] | None:
    """The reduced text and what each placeholder line stands for; None where the text has fewer
    than `least` statements (slicing does not pay) or is not plain enough to cut by lines."""
    cut = cut_statements(text, least)
    if cut is None:
        return None
    units = cut.units
    asked = [keep(node, chunk) for node, chunk in units]
    wanted = [
        asked[i] or (i > 0 and asked[i - 1]) or i <= 1 or (imports and isinstance(node, (ast.Import, ast.ImportFrom)))
        for i, (node, _) in enumerate(units)
    ]
    token = f"__sliced_{secrets.token_hex(4)}"
    if token in text or keep(ast.parse(token).body[0], token):
        return None
    parts: list[str] = []
    elided: Elided = {}
    for i, unit in enumerate(units):
        if wanted[i]:
            parts.append(unit[1])
        elif i and not wanted[i - 1]:
            elided[parts[-1]].append(unit)
        else:
            placeholder = f"{token}_{len(elided)}\n"
            elided[placeholder] = [unit]
            parts.append(placeholder)
    return "".join(parts) + cut.footer, elided


def _units(body: list[ast.stmt]) -> list[tuple[ast.stmt, int]]:
    """Each top-level statement with the line it ends on (1-based: the exclusive end of its text);
    statements that share a line (`a = 1; b = 2`) are one unit, seen as the first of them."""
    units: list[tuple[ast.stmt, int]] = []
    for node in body:
        first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", ()))])
        last = node.end_lineno or node.lineno
        if units and first <= units[-1][1]:
            units[-1] = (units[-1][0], max(last, units[-1][1]))
        else:
            units.append((node, last))
    return units


def _restore(code: str, elided: Elided) -> str | None:
    """The edited reduced text with each placeholder line replaced by its statements' text."""
    lines = code.splitlines(keepends=True)
    seen = [line for line in lines if line in elided]
    if len(seen) != len(elided) or len(set(seen)) != len(seen):
        return None
    return "".join("".join(chunk for _, chunk in elided[line]) if line in elided else line for line in lines)


def _remember(restored: str, edited: str, elided: Elided) -> None:
    """Keep the cut of `restored`: the edited reduced text's statements (parsing it is cheap), each
    placeholder among them replaced by the statements it stood for."""
    cut = cut_statements(edited)
    if cut is None:
        return
    units: list[tuple[ast.stmt, str]] = []
    for node, chunk in cut.units:
        line = f"{node.value.id}\n" if isinstance(node, ast.Expr) and isinstance(node.value, ast.Name) else ""
        if line not in elided or not chunk.endswith(line):
            units.append((node, chunk))
            continue
        (first, text), *rest = elided[line]
        units += [(first, chunk[: -len(line)] + text), *rest]  # the lines the edit put before it lead
    whole = Cut(tuple(units), cut.footer)
    if whole.text != restored:
        return  # never a cut that does not give the text back
    if len(_CUTS) >= _CUTS_KEPT:
        del _CUTS[next(iter(_CUTS))]
    _CUTS[restored] = whole
