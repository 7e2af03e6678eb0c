"""A text is parsed once while its tree is held: the stages after detection (cutting a big module
into statements, checking a plan) get the tree detection made of the same text."""

from __future__ import annotations

import gc
import weakref

from detectors.project import _RECENT, ProjectIndex, parse_early, parsed


def test_the_same_text_gives_the_same_tree_while_it_is_held(tmp_path) -> None:
    (tmp_path / "main.py").write_text("from fastapi import FastAPI\n\napp = FastAPI()\n", encoding="utf-8")
    index = ProjectIndex(tmp_path)
    info = index.get("main.py")
    assert info is not None
    assert parsed(info.source) is info.tree  # detection's own tree, not a second parse


def test_a_tree_nobody_holds_is_kept_only_while_it_is_among_the_last_parsed() -> None:
    text = "value = 41 + 1\n"
    tree = parsed(text)
    assert parsed(text) is tree
    held = weakref.ref(tree)
    del tree
    gc.collect()
    assert held() is not None  # a batch's next index reads the text a plan checked last
    for n in range(_RECENT.maxlen or 0):
        parsed(f"other_{n} = {n}\n")
    gc.collect()
    assert held() is None  # older ones go: a batch's replaced modules are not all kept


def test_a_text_parsed_early_is_held_until_its_stage_asks_for_it() -> None:
    text = "answer = 6 * 7\n"
    parse_early([text, "broken = (\n", "nul = 1\x00\n"])  # one that does not parse is left to the stage that asks
    held = weakref.ref(parsed(text))
    for n in range(_RECENT.maxlen or 0):  # more than the last parsed are kept
        parsed(f"later_{n} = {n}\n")
    gc.collect()
    assert held() is not None
    assert parsed(text) is held()  # the stage gets the early tree, no second parse
