"""The `add-crud` command as installed: the method cache set up before the command's modules
(and the dataclasses they define) are imported, then the command run."""


def main() -> None:
    from codemods import method_cache

    method_cache.install()
    from codemods.add_crud.cli import main as command

    command()
