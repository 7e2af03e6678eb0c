"""What an edit added to a module, as the passes after the clone ask it."""

from __future__ import annotations

from codemods.edited_statements import added_functions


def test_the_functions_an_edit_adds_are_its_new_top_level_ones_and_its_new_classes_methods() -> None:
    old = "def keep():\n    pass\n\n\nclass Kept:\n    def m(self):\n        pass\n"
    new = old + "\n\ndef helper():\n    pass\n\n\nclass TestOrders:\n    def test_one(self):\n        pass\n"
    assert added_functions(new, old) == {"helper", "test_one"}
    assert added_functions(new, None) == {"keep", "m", "helper", "test_one"}  # a new module: all of them
