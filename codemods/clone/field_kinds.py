"""What computed and union fields add to a clone once its modules are written: the read schema's
`@computed_field` properties, the create test's check of their values, and a 422 case per union.

Runs over the plan's texts after the sub-models are placed (the schemas are complete by then).
"""

from __future__ import annotations

import libcst as cst

from codemods.clone.computed_fields import add_computed
from codemods.clone.computed_tests import check_computed
from codemods.clone.union_cases import add_union_cases
from codemods.computed import require_pydantic_2
from codemods.errors import ConventionError, CrudToolError
from codemods.formatting import format_code
from codemods.imports import add_imports
from codemods.parsing import parse_module
from codemods.spec import ResourceSpec
from detectors.project import is_test_path


def finish_field_kinds(
    texts, spec: ResourceSpec, pydantic_version: int | None, fmt, first_party, completing: bool
) -> list[str]:
    """Edit the plan's texts in place; notes say what was added and what could not be. Refuses
    computed fields under pydantic 1, or with no read schema to carry them."""
    require_pydantic_2(spec.computed, pydantic_version)
    if not spec.computed and not any(f.type == "union" for f in spec.fields):
        return []
    placed = tested = False
    test_paths = [p for p in texts.current if p.endswith(".py") and is_test_path(p)]
    for path in [p for p in texts.current if p.endswith(".py")]:
        text = texts.read(path) or ""
        module = parse_module(text)
        if is_test_path(path):
            module, imports = check_computed(module, spec.computed)
            module = add_union_cases(module, spec.fields, spec.names.snake)
            why = "tests of the computed and union fields"
            tested |= module.code != text
        else:
            before = texts.original.get(path) or ""
            existing = frozenset(
                s.name.value for s in parse_module(before).body if isinstance(s, cst.ClassDef)
            )
            module, imports, found = add_computed(module, spec.computed, spec.names, existing)
            placed |= found
            why = "computed fields " + ", ".join(c.name for c in spec.computed)
        if module.code != text:
            new = add_imports(module, imports, fmt, first_party).code
            texts.write(path, format_code(new, fmt) if _formatted(text, fmt) else new, why)
    if spec.computed and not placed and not completing:
        raise ConventionError(
            f"computed field {spec.computed[0].name!r}: {spec.names.pascal} has no read schema "
            "(a class with from_attributes) to carry it"
        )
    notes = [
        f"field {c.name} computed ({c.type}): {c.expression}, on the read schema"
        for c in spec.computed
    ]
    if test_paths and not tested and not completing:
        # the cloned tests post no literal payload with the new fields: nothing to copy from
        notes.append(
            "no create test posting a literal payload: write the unknown-type 422 case and the "
            "computed checks by hand"
        )
    return notes


def _formatted(text: str, fmt) -> bool:
    """Whether the module is as the project's formatter writes it (then so is what we add)."""
    try:
        return fmt is not None and format_code(text, fmt).strip() == text.strip()
    except CrudToolError:
        return False
