"""`--parent` where the clone's tests are added to the very test module whose helper makes the
parent's rows (`create_author(client)`, posting to the parent's create route; see row_makers):
the clone's tests make their parent with it, and nothing else of the module changes.

Before (tests/test_main.py, the clone's tests added beside the project's):
    def create_review(client):
        response = client.post('/reviews/', json={'rating': 3})
        return response.json()
    def test_read_review(client):
        review = create_review(client)
        response = client.get(f'/reviews/{review["id"]}')
After:
    def create_review(client, author=None):
        if author is None:
            author = create_author(client)
        response = client.post(f'/authors/{author["id"]}/reviews/', json={'rating': 3})
        return response.json()
    def test_read_review(client):
        author = create_author(client)
        review = create_review(client, author=author)
        response = client.get(f'/authors/{author["id"]}/reviews/{review["id"]}')
In order: URLs under the parent (NestTestUrls), each function reading the parent takes it
(_TakeParent) and each test makes it with the helper (FactoryParent), the clone's helper makes
one where it is given none (ParentForFactory), and the four tests of the nesting
(MakerParentCases), a second parent made by the helper with its unique values changed. Every
step but the first runs on the clone's definitions only (OnlyDefinitions; NestTestUrls takes
them itself).
"""

from __future__ import annotations

import ast

import libcst as cst

from codemods import matching as m
from codemods.clone.nesting.factory import ParentForFactory
from codemods.clone.nesting.factory_tests import FactoryParent
from codemods.clone.nesting.lookup_key import variable_uses
from codemods.clone.nesting.maker_cases import MakerParentCases
from codemods.clone.nesting.only import OnlyDefinitions
from codemods.clone.nesting.parent import Parent, is_fixture
from codemods.clone.nesting.tests import NestTestUrls
from codemods.clone.make_row import with_fixtures
from codemods.clone.row_makers import RowMaker
from codemods.errors import ConventionError
from codemods.names import ResourceNames


def nest_maker_tests(
    path: str,
    texts: dict[str, str],
    functions: frozenset[str],
    parent: Parent,
    names: ResourceNames,
    segment: str,
    maker: RowMaker,
    missing: str,
) -> None:
    """The clone's tests of `path` (the definitions `functions`) nested under parents `maker`
    makes (see the module docstring); ConventionError where a shape does not fit."""
    snake = parent.names.snake
    node = next(
        (
            n
            for n in ast.parse(texts[path]).body
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == maker.function
        ),
        None,
    )
    if node is None or maker.fixture:
        raise ConventionError(
            f"--parent: {maker.function} is no helper of {path} to make parents with"
        )
    other = _other_parent(node, maker, parent)
    nested = NestTestUrls(
        segment,
        parent.segment,
        parent.key,
        None,
        snake,
        None,
        names.pascal,
        missing,
        functions,
        made=maker.value,
    )
    module = cst.parse_module(texts[path]).visit(nested)
    if nested.outside:
        raise ConventionError(
            f"--parent: {path} keeps {names.pascal} URLs outside its tests ({nested.outside[0]!r}); "
            "nesting those is not supported"
        )
    module = module.visit(OnlyDefinitions(_TakeParent(snake), functions))
    helper = _row_helper(module, functions, segment)
    needs = list(maker.args)
    optional = node.args.args[len(node.args.args) - len(node.args.defaults) :]
    accepts = frozenset(a.arg for a in optional)
    made = FactoryParent(snake, maker.function, needs, helper or "", frozenset(needs), accepts)
    module = module.visit(OnlyDefinitions(made, functions))
    if made.unreached:
        raise ConventionError(
            f"--parent: {made.unreached[0]} lacks what {maker.function} needs ({', '.join(needs)})"
        )
    if helper is not None:  # the clone's own helper makes its row under a parent too
        for_parent = ParentForFactory(
            helper, snake, None, maker.call(True), parent.key, set(), names.pascal
        )
        module = module.visit(OnlyDefinitions(for_parent, functions))
    cases = MakerParentCases(
        segment,
        parent.segment,
        maker.value.format(snake),
        other,
        missing,
        names.plural_snake,
        snake,
        functions,
        _collection_slash(module, functions, segment),
    )
    module = module.visit(OnlyDefinitions(cases, functions))
    if not cases.found:
        raise ConventionError(
            f"--parent: {path} has no test reading one {names.pascal} to derive the nesting tests from"
        )
    texts[path] = module.code


def _other_parent(
    node: ast.FunctionDef | ast.AsyncFunctionDef, maker: RowMaker, parent: Parent
) -> str:
    """The call making a second parent: the helper with each unique value it takes changed
    (`create_author(client, email='other-ursula@example.com')`); refused where it sends one it
    does not take, or takes one with no literal default."""
    params = node.args.args
    optional = [a.arg for a in params[len(params) - len(node.args.defaults) :]]
    defaults = dict(zip(optional, node.args.defaults))
    defaults |= {
        a.arg: d for a, d in zip(node.args.kwonlyargs, node.args.kw_defaults) if d is not None
    }
    taken = {a.arg for a in (*params, *node.args.kwonlyargs)}
    sent = {
        k.value: v
        for n in ast.walk(node)
        if isinstance(n, ast.Dict)
        for k, v in zip(n.keys, n.values)
        if isinstance(k, ast.Constant)
    }
    unique = sorted(f.name for f in parent.footprint.fields if f.unique)

    def literal(field: str) -> ast.Constant | None:
        value = defaults.get(field)
        ok = field in taken and isinstance(value, ast.Constant) and type(value.value) in (str, int)
        return value if ok else None

    changed_params = {field for field in unique if literal(field) is not None}
    extra = []
    for field in unique:
        value = literal(field)
        # a value made of a parameter changed below (`f'{email} name'`) changes with it
        follows = field in sent and any(
            isinstance(n, ast.Name) and n.id in changed_params for n in ast.walk(sent[field])
        )
        if value is not None:
            changed = f"other-{value.value}" if isinstance(value.value, str) else value.value + 1
            extra.append(f"{field}={changed!r}")
        elif follows:
            continue
        elif field in taken or field in sent:
            raise ConventionError(
                f"--parent {parent.footprint.model}: {maker.function} makes each one with the same "
                f"{field}; the nesting tests cannot make a second one with it"
            )
    return (
        f"{'await ' if maker.awaited else ''}{maker.function}({', '.join([*maker.args, *extra])})"
    )


def _row_helper(module: cst.Module, functions: frozenset[str], segment: str) -> str | None:
    """The clone's helper making one row through its create route: a function of the clone's,
    neither test nor fixture, posting to its URLs."""
    for node in ast.parse(module.code).body:
        if (
            isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.name in functions
            and not node.name.startswith("test")
            and not is_fixture(node)
            and any(
                isinstance(n, ast.Call)
                and isinstance(n.func, ast.Attribute)
                and n.func.attr == "post"
                and n.args
                and f"/{segment}" in ast.unparse(n.args[0])
                for n in ast.walk(node)
            )
        ):
            return node.name
    return None


def _collection_slash(module: cst.Module, functions: frozenset[str], segment: str) -> bool:
    """Whether the clone's tests request its collection with a trailing `/` (`.../reviews/`)."""
    return any(
        isinstance(n, ast.Constant)
        and isinstance(n.value, str)
        and n.value.endswith(f"/{segment}/")
        for node in ast.parse(module.code).body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in functions
        for n in ast.walk(node)
    )


class _TakeParent(cst.CSTTransformer):
    """`def test_x(client):` reading `author` it never binds -> `def test_x(client, author):`."""

    def __init__(self, parent: str) -> None:
        super().__init__()
        self.parent = parent

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # the tests and helpers are top-level

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        params = updated.params
        bound = {p.name.value for p in (*params.params, *params.kwonly_params)}
        bound |= {
            t.target.value
            for t in m.findall(updated.body, m.AssignTarget(m.Name()))
            if isinstance(t, cst.AssignTarget) and isinstance(t.target, cst.Name)
        }
        if self.parent in bound or not variable_uses(updated.body, self.parent):
            return updated
        # keyword-only after a parameter with a default (`def create_review(client, n=1, *, author)`)
        return with_fixtures(updated, [self.parent])
