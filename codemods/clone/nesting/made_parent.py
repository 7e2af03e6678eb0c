"""`--parent` where the parent's tests make its rows with a helper of their own (no fixture, no
typed factory): each nested test makes its parent the same way.

The helper is the one a required foreign key's tests would use (required_fk.py): the function
the parent's tests make rows with, called as they call it (row_makers.py), copied into the new
test module where it lives in another test module (borrowed.py). In order, on each test module
of the clone:
1. tests moving a row to another parent or filtering by one go (DropParentMoves);
2. URLs under the parent the test makes, `customer["id"]` (NestTestUrls, `made`);
3. each test makes that parent (MakeParentAlike, then MakeRowFirst), and the clone's row helper
   makes one where it is given none; a request another user sends under it expects what the
   parent's lookup answers them, where that keeps to the user's own rows (OthersParentAnswers);
4. the helper copied where the module lacks it (Borrow), with its imports;
5. the four tests of the nesting (MadeParentCases).
"""

from __future__ import annotations

import ast

import libcst as cst

from codemods.clone.borrowed import Borrowed, borrowed, lend
from codemods.clone.make_row import MakeRowFirst
from codemods.clone.nesting.alike import MakeParentAlike
from codemods.clone.nesting.made_cases import MadeParentCases
from codemods.clone.nesting.moves import DropParentMoves
from codemods.clone.nesting.nodes import called_names, find_names
from codemods.clone.nesting.others_parent import OthersParentAnswers
from codemods.clone.nesting.parent import Parent
from codemods.clone.nesting.tests import NestTestUrls
from codemods.clone.row_makers import RowMaker, row_maker
from codemods.errors import ConventionError
from codemods.imports import add_imports
from detectors.project import ProjectIndex
from detectors.resources import Footprint


def parent_maker(index: ProjectIndex, fp: Footprint) -> tuple[RowMaker, Borrowed | None] | None:
    """How the parent's own tests make one row of `fp` without a fixture (row_makers.py), and the
    definitions a test module lacking them copies; None where they make none with a helper (a
    parent made through its create route is through_urls.py's and through_routes.py's)."""
    maker = row_maker(index, fp)
    if maker is None or maker.fixture:  # a fixture giving the helper is asked for: not handled here
        return None
    module = index.get(maker.path) if maker.copied else None
    return maker, borrowed(module, maker.function) if module is not None else None


def nest_made_tests(
    tests,
    texts: dict[str, str],
    added: dict[str, frozenset[str]],
    parent: Parent,
    names,
    segment: str,
    made: tuple[RowMaker, Borrowed | None],
    missing: str,
    fmt,
    first_party: frozenset[str],
    cases: bool = True,
    going: frozenset[str] = frozenset(),
) -> list[str]:
    """Steps 1-5 above on the test edits `tests` (their texts in `texts`, the functions each adds
    in `added`; step 5 where `cases`: other tests of the clone may have them); returns the tests
    dropped in step 1."""
    maker, loan = made
    variable = parent.names.snake
    dropped: list[str] = []
    for e in tests:
        functions = added[e.path]
        module = cst.parse_module(texts[e.path])
        if e.old is None:
            moves = DropParentMoves(parent.key, functions)
            module = module.visit(moves)
            dropped += moves.dropped
        nested = NestTestUrls(
            segment,
            parent.segment,
            parent.key,
            None,
            variable,
            None,
            names.pascal,
            missing,
            functions,
            made=maker.value,
        )
        module = module.visit(nested)
        if nested.outside:
            raise ConventionError(
                f"--parent: {e.path} keeps {names.pascal} URLs outside its tests ({nested.outside[0]!r}); "
                "nesting those is not supported"
            )
        defines = {getattr(n, "name", None) for n in ast.parse(module.code).body}
        here = maker.function in defines
        module = module.visit(MakeParentAlike(maker, variable, functions, here))
        making = MakeRowFirst(maker, variable, functions, here)
        module = module.visit(making)
        if making.unreached:
            raise ConventionError(
                f"--parent {parent.footprint.model}: in {e.path}, {making.unreached[0]} cannot call "
                f"{maker.function} (it lacks {', '.join(maker.params)}, or is not async) to make the "
                f"{variable} its URLs go under"
            )
        if parent.route.owned is not None:  # another user is refused at the parent's lookup
            answers = OthersParentAnswers(maker.function, parent.route.owned.status)
            module = module.visit(answers)
            undecided = sorted(set(answers.undecided) - going)  # `going`: taken out by --methods after
            if undecided:
                raise ConventionError(
                    f"--parent {parent.footprint.model}: {undecided[0]} asks under another "
                    f"user's {variable}, which {parent.route.function} refuses by a status its own "
                    "code does not say"
                )
        if e.old is None and cases:
            derived = MadeParentCases(
                segment, parent.segment, variable, missing, names.plural_snake, parent.names.snake
            )
            module = module.visit(derived)
            if not derived.found:
                raise ConventionError(
                    f"--parent: {e.path} has no test reading one {names.pascal} under the "
                    f"{variable} it makes to derive the nesting tests from"
                )
        calls = set(called_names(module))
        if loan is not None and not here and maker.function in calls:
            module = lend(
                module, loan,
                lambda name: f"--parent {parent.footprint.model}: {e.path} defines {name} otherwise than the module its rows are made in",
            )
        used = {n.value for n in find_names(module)}
        imports = [i for i in (*(loan.imports if loan else ()), *maker.imports) if i.bound in used]
        if imports and module.code != texts[e.path]:
            module = add_imports(module, imports, fmt, first_party)
        texts[e.path] = module.code
    return dropped
