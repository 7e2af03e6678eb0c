"""`codemods.visit.visit` is libcst's `node.visit`, only faster: same callbacks, same result.

Every spec runs the same visitor both ways over real modules (the fixture projects' own code)
and compares what the callbacks saw and the tree that came back.
"""

from __future__ import annotations

import inspect

import libcst as cst
import pytest

from codemods.visit import visit
from tests.harness import FIXTURES

SOURCES = sorted(p for p in FIXTURES.rglob("*.py") if "__pycache__" not in p.parts)[::3]
SAMPLE = """\
from .models import *
from . import (a as b, c)
import os.path as osp

@decorator(x=1)
async def f(a: int, /, b=2, *args, c: str = "x", **kw) -> dict[str, int]:
    \"\"\"Doc.\"\"\"
    global g
    x = [i async for i in y if i] ; z = {k: v for k, v in w.items()}
    del x[0], z
    with open(p) as fh, other() as (o1, o2):
        try:
            yield from gen(*args, **kw)
        except* (ValueError, TypeError) as e:
            raise RuntimeError(f"{e!r:>{width}} {a=}") from e
        finally:
            pass
    match command:
        case {"go": [int(n), *rest]} | Point(x=0) if n > 0:
            return lambda q, *, r=1: q @ r
        case _:
            assert not a, "no"
    while (n := n - 1) > 0:
        continue
    else:
        print(~a if a else -b, a ** 2, a[1:2:3], ...)
    return {**kw, "k": not a or b and c}


class C(Base, metaclass=Meta):
    x: int = 0
    type_alias = int | None
"""


def _modules() -> list[tuple[str, cst.Module]]:
    out = [("sample", cst.parse_module(SAMPLE))]
    out += [(str(p.relative_to(FIXTURES)), cst.parse_module(p.read_text(encoding="utf-8"))) for p in SOURCES]
    return out


MODULES = _modules()
NODE_TYPES = [
    c for _, c in inspect.getmembers(cst, inspect.isclass) if issubclass(c, cst.CSTNode) and not inspect.isabstract(c)
]


def _recorder(base: type, only: frozenset[str] | None = None) -> type:
    """A visitor recording every callback libcst may call, for every node type and field (or
    for the node types `only` names)."""
    methods = {}
    for node_type in NODE_TYPES:
        t = node_type.__name__
        if only is not None and t not in only:
            continue
        methods[f"visit_{t}"] = lambda self, node, t=t: self.seen.append((f"visit_{t}", id(node)))
        if base is cst.CSTVisitor:
            methods[f"leave_{t}"] = lambda self, node, t=t: self.seen.append((f"leave_{t}", id(node)))
        else:
            methods[f"leave_{t}"] = lambda self, original, updated, t=t: (
                self.seen.append((f"leave_{t}", id(original))) or updated
            )
        for field in getattr(node_type, "__dataclass_fields__", {}):
            for when in ("visit", "leave"):
                name = f"{when}_{t}_{field}"
                methods[name] = lambda self, node, name=name: self.seen.append((name, id(node)))
    return type(f"Recording{base.__name__}", (base,), {"__init__": _init, **methods})


def _init(self) -> None:
    super(type(self), self).__init__()
    self.seen = []


@pytest.mark.parametrize("base", [cst.CSTVisitor, cst.CSTTransformer])
def test_every_callback_is_called_in_the_same_order_on_the_same_nodes(base: type) -> None:
    recorder = _recorder(base)
    for name, module in MODULES:
        slow, fast = recorder(), recorder()
        module.visit(slow)
        result = visit(module, fast)
        assert fast.seen == slow.seen, name
        assert result is module  # nothing changed: the very same tree comes back


@pytest.mark.parametrize(
    "only",
    [
        frozenset({"Comment"}),  # inside whitespace, inside commas and brackets
        frozenset({"FunctionDef", "ClassDef", "SimpleStatementLine"}),  # no expression holds one
        frozenset({"Param", "Lambda"}),
        frozenset({"SimpleWhitespace", "Integer"}),
    ],
)
def test_a_visitor_of_a_few_node_types_sees_them_as_libcst_shows_them(only: frozenset[str]) -> None:
    # subtrees that cannot hold those types are left unwalked: the callbacks are the same
    for base in (cst.CSTVisitor, cst.CSTTransformer):
        recorder = _recorder(base, only)
        for name, module in MODULES:
            slow, fast = recorder(), recorder()
            module.visit(slow)
            assert visit(module, fast) is module
            assert fast.seen == slow.seen, name


class _Edits(cst.CSTTransformer):
    """Every kind of change a transformer makes: replace, remove, flatten, skip a subtree."""

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False  # nothing inside a class is touched

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        return updated.with_changes(value=updated.value + "_x") if len(updated.value) == 1 else updated

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg | cst.RemovalSentinel:
        return cst.RemoveFromParent() if updated.keyword is not None else updated

    def leave_Pass(self, original: cst.Pass, updated: cst.Pass) -> cst.RemovalSentinel:
        return cst.RemoveFromParent()  # a body left empty by it keeps libcst's rule

    def leave_Expr(self, original, updated):
        return cst.FlattenSentinel([updated, updated])

    def leave_Decorator(self, original, updated):
        return cst.RemoveFromParent()

    def leave_Return(self, original, updated):
        return updated.with_changes(value=None)

    def leave_ImportAlias(self, original, updated):
        return updated.with_changes(asname=None, comma=cst.MaybeSentinel.DEFAULT)


def test_a_transformer_gives_the_same_tree() -> None:
    for name, module in MODULES:
        slow = module.visit(_Edits())
        fast = visit(module, _Edits())
        assert fast.code == slow.code, name
        assert fast.deep_equals(slow), name


def test_a_removal_the_parent_cannot_take_fails_as_in_libcst() -> None:
    class RemoveTarget(cst.CSTTransformer):  # an Assign left without targets is invalid
        def leave_AssignTarget(self, original, updated):
            return cst.RemoveFromParent()

    class RemoveName(cst.CSTTransformer):  # a required child cannot go at all
        def leave_Name(self, original, updated):
            return cst.RemoveFromParent()

    module = cst.parse_module("x = 1\n")
    for transformer, error in ((RemoveTarget, cst.CSTValidationError), (RemoveName, TypeError)):
        with pytest.raises(error):
            module.visit(transformer())
        with pytest.raises(error):
            visit(module, transformer())


def test_a_visitor_overriding_the_generic_hooks_is_left_to_libcst() -> None:
    class Counting(cst.CSTVisitor):
        def __init__(self) -> None:
            super().__init__()
            self.nodes = 0

        def on_visit(self, node: cst.CSTNode) -> bool:
            self.nodes += 1
            return True

    slow, fast = Counting(), Counting()
    module = MODULES[0][1]
    module.visit(slow)
    visit(module, fast)
    assert fast.nodes == slow.nodes > 100


def test_a_node_visited_alone_comes_back_as_libcst_gives_it() -> None:
    statement = cst.parse_statement("def f(a, b=1):\n    return a(b=b)\n")
    assert visit(statement, _Edits()).deep_equals(statement.visit(_Edits()))


def test_a_node_rebuilt_with_the_same_values_keeps_the_tree_as_it_was() -> None:
    class Same(cst.CSTTransformer):  # answers a copy of every name, changing nothing
        def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
            return updated.with_changes(value="".join(updated.value))

    for _, module in MODULES[:5]:
        assert visit(module, Same()) is module


def test_a_visitor_class_made_by_a_function_goes_with_its_last_visitor() -> None:
    import gc
    import weakref

    def count_names(node: cst.CSTNode) -> tuple[int, weakref.ref[type]]:
        class Names(cst.CSTVisitor):  # a new class on every call
            seen = 0

            def visit_Name(self, name: cst.Name) -> None:
                type(self).seen += 1

        visit(node, Names())
        return Names.seen, weakref.ref(Names)

    seen, made = count_names(MODULES[0][1])
    gc.collect()
    assert seen > 10 and made() is None  # the tables kept per class do not keep the class


def test_a_node_types_children_are_read_from_the_same_source_inspect_gives() -> None:
    """The source of each `_visit_and_replace_children`, read off its code object, is the text
    `inspect.getsource` finds by tokenizing the file."""
    import inspect
    import textwrap

    from codemods.visit import _source_of

    methods = [t._visit_and_replace_children for t in vars(cst).values() if isinstance(t, type) and "_visit_and_replace_children" in vars(t)]
    assert len(methods) > 100
    assert [m.__qualname__ for m in methods if _source_of(m) != textwrap.dedent(inspect.getsource(m))] == []


def test_warming_reads_each_node_type_as_the_walk_would_until_told_to_stop() -> None:
    """`warm` fills the same tables a walk fills on meeting each node type (in a fresh process:
    this one has read some already); told it is done at once, it reads nothing."""
    import subprocess
    import sys

    script = """
import inspect, libcst as cst
from codemods import cst_reach, visit
from codemods.cst_reach import reachable
visit.warm(lambda: True)
assert visit._fields == {} and reachable.cache_info().currsize == 0
asked = []
visit.warm(lambda: asked.append(1) and False)
types = [getattr(cst, n) for n in cst.__all__ if isinstance(getattr(cst, n), type)
         and issubclass(getattr(cst, n), cst.CSTNode) and not inspect.isabstract(getattr(cst, n))]
assert len(asked) == len(types) > 100 and set(visit._fields) >= set(types)
warmed = {t: (visit._fields[t], reachable(t)) for t in types}
visit._fields.clear(); reachable.cache_clear(); cst_reach._child_types.cache_clear()
assert all((visit._fields_of(t), reachable(t)) == warmed[t] for t in types)
print("ok")
"""
    from tests.harness import REPO_ROOT

    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO_ROOT, check=False)
    assert ran.stdout.strip() == "ok", ran.stderr
