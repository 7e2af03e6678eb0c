"""`parse_module(code)`: libcst's parse, once per text, taking again the statements printed before.

The stages of a run each parse the text the previous stage wrote, and a batch plans the same
wiring files again for every resource: a third of the parses were of a text parsed before. A
libcst tree is immutable (every edit makes a new one), so one tree per text can be shared.

A batch also parses, for each resource, the long statement the resource before it printed: the
app's import of hundreds of routers, the models package's `__all__`, each one name longer. A pass
that prints such a statement hands it over (`remember_statement`), and a text holding it again
as a top-level statement is parsed with a placeholder line in its place, the node put back in
the tree: the same tree, for a parse of a few lines instead of hundreds.
"""

from __future__ import annotations

import functools
import secrets

import libcst as cst

from codemods.slicing import cut_statements

# a statement shorter than this parses in about the time looking for it takes
LEAST_REMEMBERED = 2000
# the statements printed last, by their text: a batch moves on with the texts of its shared modules
_KEPT = 16
_PRINTED: dict[str, cst.SimpleStatementLine] = {}


# 128 trees: a batch of 50 on a 1,000-module project peaked at 376 MB keeping 512, at 327 MB
# keeping 128, in the same time
@functools.lru_cache(maxsize=128)
def parse_module(code: str) -> cst.Module:
    """`libcst.parse_module(code)`, the same tree for the same text."""
    if _PRINTED and any(text in code for text in tuple(_PRINTED)):  # (a snapshot: threads parse too)
        module = _parse_reusing(code)
        if module is not None:
            return module
    return cst.parse_module(code)


def remember_statement(text: str, node: cst.CSTNode) -> None:
    """Keep a top-level statement `node`, printed as `text` by libcst (its leading lines included),
    for the parses of texts that hold it. Only long simple statements whose leading lines hold
    no comment: the lines a top-level statement owns in any module it stands in."""
    if (
        len(text) < LEAST_REMEMBERED
        or not isinstance(node, cst.SimpleStatementLine)
        or any(line.comment is not None for line in node.leading_lines)
        or text in _PRINTED
    ):
        return
    if len(_PRINTED) >= _KEPT:
        del _PRINTED[next(iter(_PRINTED))]
    _PRINTED[text] = node


def _parse_reusing(code: str) -> cst.Module | None:
    """The tree of `code`, each top-level statement (but the first, whose leading lines libcst
    gives the module) that is a remembered text taken as remembered; None where none is one, or
    the text cannot be cut into statements by lines."""
    cut = cut_statements(code)
    if cut is None:
        return None
    token = f"__reused_{secrets.token_hex(4)}"
    if token in code:
        return None
    parts: list[str] = []
    nodes: dict[str, cst.SimpleStatementLine] = {}
    for at, (_, chunk) in enumerate(cut.units):
        node = _PRINTED.get(chunk) if at else None
        if node is None:
            parts.append(chunk)
            continue
        name = f"{token}_{len(nodes)}"
        nodes[name] = node
        parts.append(f"{name}\n")
    if not nodes:
        return None
    module = cst.parse_module("".join(parts) + cut.footer)
    body = []
    for stmt in module.body:
        name = _placeholder(stmt)
        body.append(nodes.pop(name) if name in nodes else stmt)
    if nodes:  # a placeholder not found as a statement of its own: never a tree that is not the text's
        return None
    return module.with_changes(body=body)


def _placeholder(stmt: cst.CSTNode) -> str | None:
    """The name a placeholder line holds: a bare name on a line of its own, nothing above it."""
    if (
        isinstance(stmt, cst.SimpleStatementLine)
        and len(stmt.body) == 1
        and not stmt.leading_lines
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, cst.Name)
    ):
        return stmt.body[0].value.value
    return None
