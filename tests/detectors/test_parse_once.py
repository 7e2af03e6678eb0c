"""A text is parsed once while its tree is held: the stages after detection (cutting a big module
into statements, checking a plan) get the tree detection made of the same text."""

from __future__ import annotations

import gc
import weakref

from detectors.project import ProjectIndex, parsed


def test_the_same_text_gives_the_same_tree_while_it_is_held(tmp_path) -> None:
    (tmp_path / "main.py").write_text("from fastapi import FastAPI\n\napp = FastAPI()\n", encoding="utf-8")
    index = ProjectIndex(tmp_path)
    info = index.get("main.py")
    assert info is not None
    assert parsed(info.source) is info.tree  # detection's own tree, not a second parse


def test_a_tree_nobody_holds_is_not_kept() -> None:
    text = "value = 41 + 1\n"
    tree = parsed(text)
    assert parsed(text) is tree
    held = weakref.ref(tree)
    del tree
    gc.collect()
    assert held() is None  # the cache keeps no tree alive: a batch's replaced modules go
