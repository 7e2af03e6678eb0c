"""Remove cases from `@pytest.mark.parametrize` lists of the named test functions.

`unwanted` decides from a case's string values (a tuple's strings, or the one string).

Before (unwanted: ("put", "/orders/1")):
    @pytest.mark.parametrize("method, url", [("get", "/orders/"), ("put", "/orders/1")])
    def test_orders_require_authentication(client, method, url): ...
After:
    @pytest.mark.parametrize("method, url", [("get", "/orders/")])
    def test_orders_require_authentication(client, method, url): ...
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst


def case_strings(element: cst.BaseExpression) -> tuple[str, ...]:
    """The string values of one parametrize case."""
    items = [e.value for e in element.elements] if isinstance(element, (cst.Tuple, cst.List)) else [element]
    return tuple(v.evaluated_value for v in items if isinstance(v, cst.SimpleString) and isinstance(v.evaluated_value, str))


class DropCases(cst.CSTTransformer):
    """Drop the parametrize cases `unwanted` names from `functions` (see module docstring)."""

    def __init__(self, functions: set[str], unwanted: Callable[[tuple[str, ...]], bool]):
        super().__init__()
        self.functions, self.unwanted = functions, unwanted

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        if updated.name.value not in self.functions:
            return updated
        return updated.with_changes(decorators=[self._decorator(d) for d in updated.decorators])

    def _decorator(self, decorator: cst.Decorator) -> cst.Decorator:
        call = decorator.decorator
        if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and call.func.attr.value == "parametrize"):
            return decorator
        if len(call.args) < 2 or not isinstance(call.args[1].value, (cst.List, cst.Tuple)):
            return decorator
        cases = call.args[1].value
        kept = [e for e in cases.elements if not self.unwanted(case_strings(e.value))]
        if len(kept) == len(cases.elements) or not kept:
            return decorator
        kept[-1] = kept[-1].with_changes(comma=cases.elements[-1].comma)
        args = [call.args[0], call.args[1].with_changes(value=cases.with_changes(elements=kept)), *call.args[2:]]
        return decorator.with_changes(decorator=call.with_changes(args=args))
