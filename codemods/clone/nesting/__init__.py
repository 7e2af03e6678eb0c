"""`--parent`: a resource nested under another (`/items/{item_id}/reviews`).

`parent` finds the parent (its footprint, read route, test fixture or helper); `nest` is the
pass over the planned code, calling one transformer per kind of edit (the other modules).
"""
