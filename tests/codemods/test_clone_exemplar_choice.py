"""The default exemplar: among resources as complete, a top-level one before one nested under
another resource's row, whose every layer carries that nesting."""

from __future__ import annotations

from dataclasses import replace

from codemods.clone.plan import choose_exemplar
from codemods.names import ResourceNames
from codemods.spec import parse_resource
from detectors.resources import FieldInfo, Footprint

OPS = ("list", "get", "create", "update", "delete")


def footprint(model: str, prefix: str) -> Footprint:
    names = ResourceNames.parse(model)
    base = f"{prefix}/{names.plural_snake}"
    return Footprint(
        model=model,
        names=names,
        model_path=f"app/models/{names.snake}.py",
        files=(),
        units=(),
        ops=OPS,
        layers=("model", "router"),
        fields=(FieldInfo("title", "str", False, False, False),),
        routes=tuple(
            (method, path, "app/routes.py", f"{op}_{names.snake}")
            for method, path, op in (
                ("get", base, "list"),
                ("post", base, "create"),
                ("get", f"{base}/{{id}}", "get"),
                ("patch", f"{base}/{{id}}", "update"),
                ("delete", f"{base}/{{id}}", "delete"),
            )
        ),
    )


RATE_LIMIT = footprint("RateLimit", "/tiers/{tier_name}")  # under a tier's row
TIER = footprint("Tier", "")


def test_a_nested_resource_is_told_by_its_routes() -> None:
    assert RATE_LIMIT.nested and not TIER.nested
    # a path parameter after the resource's own segment is its row, no parent
    assert not replace(TIER, routes=(("get", "/tiers/{tier_id}/approve", "m.py", "approve"),)).nested


def test_a_top_level_resource_is_cloned_before_a_nested_one_as_complete() -> None:
    spec = parse_resource("Order", ["total:decimal"])
    assert choose_exemplar((RATE_LIMIT, TIER), spec, None, None).footprint.model == "Tier"
    # only nested ones: one of them still serves
    assert choose_exemplar((RATE_LIMIT,), spec, None, None).footprint.model == "RateLimit"
