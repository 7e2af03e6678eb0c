"""The data-access layer the project uses, and how endpoints call it.

functions:  get_order(db, order_id) ... in a crud module (one per resource, or one shared)
repository: class OrderRepository(session) with a provider get_order_repository() in the deps module
service:    class OrderService(session) with a provider, the same shape under another name
inline:     no layer; the endpoints query the session themselves
"""

from __future__ import annotations

from codemods.context import ResourceContext
from codemods.edits import Edit
from codemods.render.crud_functions import render_functions
from codemods.render.data_ops import DataOps
from codemods.render.generic_crud import render_generic_class
from codemods.render.pagination import Pagination
from codemods.render.repository import render_class_layer


def render_data_access(ctx: ResourceContext, pag: Pagination) -> tuple[list[Edit], DataOps]:
    kind = ctx.conv.data_access.kind
    if kind == "functions" and ctx.data_target is not None:
        return render_functions(ctx, pag)
    if kind in ("repository", "service") and ctx.data_target is not None:
        return render_class_layer(ctx, pag, kind)
    if kind == "generic_crud_class" and ctx.data_target is not None:
        return render_generic_class(ctx, pag)
    return [], DataOps("inline", ctx, prefix="", methods={}, kwonly=False)
