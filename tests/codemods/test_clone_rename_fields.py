"""FieldRenamer: a paired field renamed where the code names it, and nowhere else.

A renamed field's word inside a dunder name is Python's, never the field: cloning a seed
script that finds a Tier by its `name` into one finding an Invoice by its `number` renames
`tier_name` and `Tier.name`, but `logging.getLogger(__name__)` and `if __name__ == "__main__":`
stay (`__number__` is an undefined name). A route keyed by the field renames its path's
placeholder with its parameter.
"""

from __future__ import annotations

from textwrap import dedent

import libcst as cst

from codemods.clone.rename_fields import FieldRenamer
from codemods.names import ResourceNames

BEFORE = dedent("""\
    import logging

    logger = logging.getLogger(__name__)


    def seed(session, tier_name):
        session.add(Tier(name=tier_name))
        logger.info("created %s", type(session).__name__)


    if __name__ == "__main__":
        seed(None, "free")
""")
AFTER = dedent("""\
    import logging

    logger = logging.getLogger(__name__)


    def seed(session, tier_number):
        session.add(Tier(number=tier_number))
        logger.info("created %s", type(session).__name__)


    if __name__ == "__main__":
        seed(None, "free")
""")


def test_dunders_keep_their_names_while_the_field_is_renamed() -> None:
    renamed = cst.parse_module(BEFORE).visit(FieldRenamer({"name": "number"}))
    assert renamed.code == AFTER


def test_a_field_named_like_a_dunders_word_leaves_dunder_strings_alone() -> None:
    code = 'if __name__ == "__main__":\n    run(main="__main__", x=main)\n'
    renamed = cst.parse_module(code).visit(FieldRenamer({"main": "entry"}))
    assert renamed.code == 'if __name__ == "__main__":\n    run(entry="__main__", x=entry)\n'


def test_a_route_keyed_by_the_field_keeps_its_path_and_parameter_together() -> None:
    """`/tier/{name}` with `name: str`: the parameter renamed, the path's placeholder too, or
    FastAPI reads `number` from the query string and answers 422."""
    code = dedent("""\
        @router.get("/tier/{name}")
        async def read_tier(name: str, request_id: str = "{name:path}"):
            return await crud.get(name=name, label="{other}")
    """)
    renamed = cst.parse_module(code).visit(FieldRenamer({"name": "number"}))
    assert renamed.code == dedent("""\
        @router.get("/tier/{number}")
        async def read_tier(number: str, request_id: str = "{number:path}"):
            return await crud.get(number=number, label="{other}")
    """)


SENTENCES = dedent('''\
    def create_depot(data):
        """Create a depot with a unique name."""
        if taken(data.name):
            raise HTTPException(409, detail="A depot with this name already exists")
        log.info(f"Depot {data.name}: name taken")
        raise ValueError("An email is required for each depot")


    MESSAGE = "the user's name and email"
''')
SENTENCES_AFTER = dedent('''\
    def create_depot(data):
        """Create a depot with a unique code."""
        if taken(data.code):
            raise HTTPException(409, detail="A depot with this code already exists")
        log.info(f"Depot {data.code}: code taken")
        raise ValueError("A unit price is required for each depot")


    MESSAGE = "the user's name and email"
''')


def test_a_sentence_about_the_resource_names_the_new_field_in_words() -> None:
    """`name` paired with `code`, `email` with `unit_price`: a message about the depot (already
    renamed from the exemplar) names the new fields, with the article the new word takes; a
    sentence about something else keeps its words, which need not be the field."""
    renamer = FieldRenamer({"name": "code", "email": "unit_price"}, resource=ResourceNames.parse("Depot"))
    assert cst.parse_module(SENTENCES).visit(renamer).code == SENTENCES_AFTER


def test_without_the_resource_sentences_are_left_alone() -> None:
    renamed = cst.parse_module('X = "A depot with this name already exists"\n').visit(FieldRenamer({"name": "code"}))
    assert renamed.code == 'X = "A depot with this name already exists"\n'


CASED = dedent('''\
    from .exceptions import DepotSkuAlreadyExists

    DEPOT_SKU_LENGTH = 64
    SKU_PATTERN = "[A-Z0-9]+"


    class DepotSkuAlreadyExists(Conflict):
        DETAIL = "A depot with this SKU already exists"


    def check(sku):
        raise DepotSkuAlreadyExists(f"SKU {sku} is taken")
''')
CASED_AFTER = dedent('''\
    from .exceptions import DepotCodeAlreadyExists

    DEPOT_CODE_LENGTH = 64
    SKU_PATTERN = "[A-Z0-9]+"


    class DepotCodeAlreadyExists(Conflict):
        DETAIL = "A depot with this code already exists"


    def check(code):
        raise DepotCodeAlreadyExists(f"SKU {code} is taken")
''')


def test_a_name_of_the_resource_and_the_field_is_renamed_in_its_own_case() -> None:
    """`sku` paired with `code`: the conflict class and constant named for the depot's sku are
    the code's; a name not about the depot (`SKU_PATTERN`) and a sentence not about it keep theirs."""
    renamer = FieldRenamer({"sku": "code"}, resource=ResourceNames.parse("Depot"))
    assert cst.parse_module(CASED).visit(renamer).code == CASED_AFTER


def test_the_resources_own_spelling_is_never_the_fields() -> None:
    """`name` paired with `code` in a NameTag resource: the `Name` of NameTag stays."""
    renamer = FieldRenamer({"name": "code"}, resource=ResourceNames.parse("NameTag"))
    code = "class NameTagNameTaken(Conflict):\n    pass\n"
    assert cst.parse_module(code).visit(renamer).code == "class NameTagCodeTaken(Conflict):\n    pass\n"
