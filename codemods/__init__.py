"""Codemods that insert new code into an existing FastAPI project, in its own style."""
