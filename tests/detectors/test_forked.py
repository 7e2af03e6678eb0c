"""`one_process()`: within it nothing is forked, whatever the platform allows. `Tickets`: work
items shared between a process and its forked copy, each taken once. `Serving`: one forked copy
answering request after request."""

from __future__ import annotations

import os
import sys
import time

import pytest

from detectors import forked
from detectors.forked import Forked, Serving, Tickets, can_fork, one_process

FORKS = pytest.mark.skipif(not (sys.platform.startswith("linux") and hasattr(os, "fork")), reason="forks on Linux only")


@FORKS
def test_nothing_is_forked_within_one_process(monkeypatch) -> None:
    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)  # the test runner may run threads
    assert can_fork()
    with one_process():
        assert not can_fork()
        with one_process():  # nested: the inner block's end does not reopen forking
            pass
        assert not can_fork()
    assert can_fork()


def test_one_process_ends_with_an_error_too(monkeypatch) -> None:
    with pytest.raises(RuntimeError), one_process():
        raise RuntimeError("planning failed")
    assert forked._one_process == 0


@FORKS
def test_tickets_are_each_taken_once_by_whichever_process_asks() -> None:
    """A forked copy and this process take tickets in turn until none is left: between them,
    every number of the round once."""
    tickets = Tickets()
    tickets.deal(40)

    def take_all() -> list[int]:
        taken = []
        while (number := tickets.take()) is not None:
            taken.append(number)
            time.sleep(0.001)  # as a transform would, so that both get some
        return taken

    apart = Forked(take_all)
    here = take_all()
    there = apart.result()
    assert there is not None
    assert sorted(here + there) == list(range(40))
    tickets.deal(3)  # the next round starts afresh
    assert [tickets.take(), tickets.take(), tickets.take(), tickets.take()] == [0, 1, 2, None]
    tickets.close()


def test_tickets_are_dealt_from_none_to_a_byte() -> None:
    tickets = Tickets()
    tickets.deal(0)
    assert tickets.take() is None
    with pytest.raises(ValueError):
        tickets.deal(257)
    tickets.close()


def _answer(request: tuple[str, int]) -> tuple[int, int]:
    kind, number = request
    if kind == "raise":
        raise RuntimeError("the copy's work failed")
    if kind == "die":
        os._exit(3)
    return os.getpid(), number * 2


@FORKS
def test_one_copy_answers_request_after_request() -> None:
    serving = Serving(_answer)
    answers = []
    for number in (1, 2, 3):
        serving.ask(("double", number))
        answers.append(serving.answer())
    serving.close()
    assert [a[1] for a in answers] == [2, 4, 6]
    assert len({a[0] for a in answers}) == 1 and answers[0][0] != os.getpid()  # one copy, not here


@FORKS
def test_a_request_known_at_the_fork_is_answered_without_being_sent() -> None:
    serving = Serving(_answer, ("double", 21))
    assert serving.answer()[1] == 42
    serving.ask(("double", 1))
    assert serving.answer()[1] == 2
    serving.close()


@FORKS
def test_a_request_that_fails_is_answered_none_and_the_copy_goes_on() -> None:
    serving = Serving(_answer)
    serving.ask(("raise", 0))
    assert serving.answer() is None
    serving.ask(("double", 5))
    assert serving.answer()[1] == 10
    serving.close()


@FORKS
def test_a_copy_that_died_answers_nothing_more() -> None:
    serving = Serving(_answer)
    serving.ask(("die", 0))
    assert serving.answer() is None
    assert not serving.alive
    serving.ask(("double", 5))  # nothing is sent to a copy that is gone
    assert serving.answer() is None
    serving.close()


@FORKS
def test_patterns_reach_the_copy_as_the_same_patterns() -> None:
    """Compiled patterns are sent as their text and flags, and compiled once in the copy."""
    import re

    def matched(request: tuple[re.Pattern, str]) -> tuple[bool, bool]:
        pattern, text = request
        return bool(pattern.search(text)), pattern is forked._pattern(pattern.pattern, pattern.flags)

    serving = Serving(matched)
    serving.ask((re.compile(r"\border\b", re.IGNORECASE), "An ORDER here"))
    assert serving.answer() == (True, True)
    serving.close()


@FORKS
def test_closing_twice_is_closing_once() -> None:
    """A batch's copy killed where planning was interrupted is closed again as the batch ends."""
    from codemods.clone.ahead import Ahead

    ahead = Ahead()
    ahead.close(kill=True)
    ahead.close()
    assert not ahead.alive


def test_plain_data_may_be_sent_from_a_copy() -> None:
    """What a forked copy may send back as it is: containers of constants at any depth, and
    objects that pickle (a frozen dataclass of the index's facts is one)."""
    from detectors.module_facts import ModuleRead

    assert forked.plain([("get", "/items/{}", "headers", 200)])
    assert forked.plain({"a": (1, 2.5, None, True, b"x", frozenset({"b"}))})
    assert forked.plain(ModuleRead(imports={"x": ("app.x", None)}, class_names=frozenset({"Item"}), routes=False))


def test_a_syntax_node_or_a_module_of_the_index_is_no_plain_data() -> None:
    """However deep it stands: the other process shares neither (and a syntax node pickled
    would arrive as a copy that no index holds)."""
    import ast

    from detectors.project import ModuleInfo

    node = ast.parse("x = 1").body[0]
    info = ModuleInfo(path="app/x.py", name="app.x", source="x = 1\n", tree=ast.parse("x = 1"))
    assert not forked.plain(node)
    assert not forked.plain([("x", 1), {"deep": [(node,)]}])
    assert not forked.plain({"module": info})
    assert not forked.plain(lambda: 1)  # no pickling at all
