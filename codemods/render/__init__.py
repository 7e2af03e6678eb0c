"""Renderers: functions from a ResourceContext to edits, one module per concern."""
