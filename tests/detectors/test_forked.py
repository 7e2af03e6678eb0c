"""`one_process()`: within it nothing is forked, whatever the platform allows."""

from __future__ import annotations

import os
import sys

import pytest

from detectors import forked
from detectors.forked import can_fork, one_process


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
