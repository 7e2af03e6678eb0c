"""`one_process()`: within it nothing is forked, whatever the platform allows. `Tickets`: work
items shared between a process and its forked copy, each taken once."""

from __future__ import annotations

import os
import sys
import time

import pytest

from detectors import forked
from detectors.forked import Forked, Tickets, can_fork, one_process


@pytest.mark.skipif(not (sys.platform.startswith("linux") and hasattr(os, "fork")), reason="forks on Linux only")
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


@pytest.mark.skipif(not (sys.platform.startswith("linux") and hasattr(os, "fork")), reason="forks on Linux only")
def test_tickets_are_each_taken_once_by_whichever_process_asks() -> None:
    """A forked copy and this process take tickets in turn until none is left: between them,
    every number once."""
    tickets = Tickets(40)

    def take_all() -> list[int]:
        taken = []
        while (number := tickets.take()) is not None:
            taken.append(number)
            time.sleep(0.001)  # as a transform would, so that both get some
        return taken

    apart = Forked(take_all)
    here = take_all()
    there = apart.result()
    tickets.close()
    assert there is not None
    assert sorted(here + there) == list(range(40))


def test_tickets_count_from_none_to_a_byte() -> None:
    empty = Tickets(0)
    assert empty.take() is None
    empty.close()
    with pytest.raises(ValueError):
        Tickets(257)
