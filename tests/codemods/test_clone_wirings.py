"""The modules a clone wires the new resource into are wired as soon as the units are cloned,
while the exemplar's files run on the other core (`Wirings.ahead`); a module a later stage
changes since is wired again from its new text (`Wirings.now`). The wiring itself is
`_wiring`'s (tests/codemods/test_clone_wire.py): here it is a stand-in that records its calls.
What `_write_wirings` asks ruff of the wired texts (an import it added that goes unused) is
asked while they wait."""

from __future__ import annotations

import time

import pytest

from codemods import check
from codemods.clone.plan import Wirings
from codemods.errors import TargetError


class _Texts:
    def __init__(self, texts: dict[str, str]):
        self.current = dict(texts)

    def read(self, path: str) -> str | None:
        return self.current.get(path)


def _stand_in(calls: list[tuple[str, str | None]], failing: frozenset[str] = frozenset()):
    def make(texts, path: str, owned: bool):
        text = texts.read(path)
        calls.append((path, text))
        if path in failing and "fixed" not in (text or ""):
            raise TargetError(f"{path}:1: cannot parse")
        return None if owned else (path, text, f"{text}wired\n", ["Order"])

    return make


def test_each_module_is_wired_once_when_nothing_changes_it_after() -> None:
    calls: list[tuple[str, str | None]] = []
    wirings = Wirings([("app/main.py", False), ("tests/conftest.py", False)], _stand_in(calls))
    texts = _Texts({"app/main.py": "app\n", "tests/conftest.py": "fixtures\n"})
    wirings.ahead(texts)
    assert wirings.now(texts) == [
        ("app/main.py", "app\n", "app\nwired\n", ["Order"]),
        ("tests/conftest.py", "fixtures\n", "fixtures\nwired\n", ["Order"]),
    ]
    assert calls == [("app/main.py", "app\n"), ("tests/conftest.py", "fixtures\n")]


def test_a_module_changed_after_it_was_wired_is_wired_again_from_its_new_text() -> None:
    calls: list[tuple[str, str | None]] = []
    wirings = Wirings([("app/main.py", False), ("app/models/enums.py", False)], _stand_in(calls))
    texts = _Texts({"app/main.py": "app\n", "app/models/enums.py": "class Status: ...\n"})
    wirings.ahead(texts)
    texts.current["app/models/enums.py"] = "class Status: ...\nclass OrderStatus: ...\n"  # an enum placed there
    assert [w[2] for w in wirings.now(texts)] == ["app\nwired\n", "class Status: ...\nclass OrderStatus: ...\nwired\n"]
    assert calls[-1] == ("app/models/enums.py", "class Status: ...\nclass OrderStatus: ...\n")
    assert len(calls) == 3


def test_without_wiring_ahead_every_module_is_wired_now() -> None:
    calls: list[tuple[str, str | None]] = []
    wirings = Wirings([("app/main.py", False), ("app/users/models.py", True)], _stand_in(calls))
    texts = _Texts({"app/main.py": "app\n", "app/users/models.py": "class User: ...\n"})
    assert wirings.now(texts) == [("app/main.py", "app\n", "app\nwired\n", ["Order"])]  # a resource's module: none
    assert len(calls) == 2


def test_a_module_that_cannot_be_wired_ahead_is_refused_in_its_turn() -> None:
    calls: list[tuple[str, str | None]] = []
    wirings = Wirings([("app/main.py", False)], _stand_in(calls, failing=frozenset({"app/main.py"})))
    texts = _Texts({"app/main.py": "app = (\n"})
    wirings.ahead(texts)  # says nothing: what goes wrong before the wiring is said first
    with pytest.raises(TargetError, match="app/main.py:1: cannot parse"):
        wirings.now(texts)


def test_a_module_that_could_not_be_wired_ahead_is_wired_once_a_later_stage_mended_it() -> None:
    calls: list[tuple[str, str | None]] = []
    wirings = Wirings([("app/main.py", False)], _stand_in(calls, failing=frozenset({"app/main.py"})))
    texts = _Texts({"app/main.py": "app = (\n"})
    wirings.ahead(texts)
    texts.current["app/main.py"] = "app = 1  # fixed\n"
    assert wirings.now(texts) == [("app/main.py", "app = 1  # fixed\n", "app = 1  # fixed\nwired\n", ["Order"])]


def test_the_imports_wiring_added_are_judged_while_the_wirings_wait(monkeypatch) -> None:
    asked: list[tuple[list[tuple[str, str]], str]] = []
    monkeypatch.setattr(check, "_prefetch", lambda pairs, select: asked.append((list(pairs), select)) or {})
    calls: list[tuple[str, str | None]] = []
    paths = [("app/main.py", False), ("app/models/__init__.py", False), ("app/users/models.py", True)]
    wirings = Wirings(paths, _stand_in(calls))
    texts = _Texts({"app/main.py": "app\n", "app/models/__init__.py": "models\n", "app/users/models.py": "class User: ...\n"})
    wirings.ahead(texts)
    for _ in range(200):  # begun by `ahead`, on a thread of its own
        if asked:
            break
        time.sleep(0.005)
    assert asked, "the judging was not begun by Wirings.ahead"
    wirings.now(texts)  # it waits for the judging, whose answers `_write_wirings` finds
    # a package's __init__ re-exports what it imports: `_write_wirings` never asks of it. Every
    # F rule is asked, though the wiring reads F401: the plan's check asks them of the same text
    assert asked == [([("app\nwired\n", "app/main.py")], "F")]
    assert wirings.texts() == ["app\nwired\n", "models\nwired\n"]
