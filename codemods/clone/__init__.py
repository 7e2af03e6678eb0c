"""The exemplar cloner: the project's own nearest resource is the template."""
