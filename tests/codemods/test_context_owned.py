"""ResourceContext.owned: templates scope rows to their owner only where the model gets an owner column."""

from __future__ import annotations

from dataclasses import replace

from codemods.context import Sibling, build_context
from codemods.names import ResourceNames
from codemods.spec import parse_resource
from detectors import ProjectIndex, detect_conventions
from detectors._models import model_classes
from tests.harness import FIXTURES


def test_rows_are_owned_only_beside_a_sibling_model_with_the_owner_column() -> None:
    # the model template copies the owner column from the sibling: routes scoped to an owner
    # beside a model without one would read a column the table lacks
    index = ProjectIndex(FIXTURES / "seed_async")
    conv = detect_conventions(index.root, index)
    conv = replace(conv, rbac=replace(conv.rbac, kind="ownership", owner_field="owner_id"))
    ctx = build_context(conv, parse_resource("Order", []), index)

    def sibling(name: str) -> Sibling:
        m = next(m for m in model_classes(index) if m.name == name)
        return Sibling(m.name, m.module, m.node, ResourceNames.parse(m.name))

    assert replace(ctx, sibling=sibling("Item")).owned  # Item.owner_id
    assert not replace(ctx, sibling=sibling("Category")).owned
    assert replace(ctx, sibling=None).owned  # nothing to copy from: the detected rule holds
