"""The exemplar's own files run ahead, on both cores.

`build_clone_plan` clones the exemplar's units in the shared modules (a fixture in a conftest, a
line in the app) and then each of its own files, in order. The files' transforming and their
ruff work do not depend on the units unless the units drop a definition, which they mostly do
not: so a forked copy begins the files (`Ahead.start`) while this process clones the units and
wires the shared modules (`Wirings.ahead` in plan.py), and once those are done this process
takes the files the copy has not begun (`Ahead.share`). The copy also places the imports each
whole module's added code needs (`Cloned.placed`). The loop then finds each file's clone done
(`clone_code`'s `ahead`). Where the units did drop something, or the copy failed, the files are
run here again: the result never depends on the copy.

A single run forks its copy there and then, for its one request. A batch keeps one copy for all
its resources (`Ahead` made before its first): forked per resource, a process holding every
resource's trees cost more in copied pages than the copy's work saved.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from codemods.clone.chain import CloneJob, Cloned, Cloning, finish_ahead, judge_exemplar, transform
from codemods.ruff_bin import started
from detectors.forked import Serving, Tickets


@dataclass(frozen=True)
class AheadFiles:
    """The files to run, as plain data: each file's (source, target path, whether the target
    exists already), in the exemplar's order, up to its first revision; what the units dropped
    (the guess: the files' clones drop it too, and add what they drop themselves)."""

    files: tuple[tuple[str, str, bool], ...]
    cloning: Cloning
    dropped: frozenset[str]


def run_ahead(request: AheadFiles, tickets: Tickets | None = None, judge: bool = False) -> dict[CloneJob, Cloned]:
    """Each file's clone job transformed as the loop will ask it, and finished (`finish_ahead`:
    their ruff work done side by side); with `tickets`, only the files whose ticket this process
    takes. A file adds what it dropped to the files after it (one whose target exists does not:
    the loop completes that module instead); a file the other process ran adds nothing, so a
    file after it that would have dropped more is missed and run again by the loop. `judge`:
    what finishing asks of the exemplar's modules is asked of all of them at once, while they
    are transformed (the copy does; the files left to this process are mostly none)."""
    ahead: dict[CloneJob, Cloned] = {}
    dropped = request.dropped
    judged = (
        started(judge_exemplar, [CloneJob(s, s, t, True, dropped) for s, t, _ in request.files], request.cloning)
        if judge and request.files
        else None
    )
    for at in range(len(request.files)) if tickets is None else iter(tickets.take, None):
        source, target, exists = request.files[at]
        job = CloneJob(source, source, target, True, dropped)
        try:
            ahead[job] = transform(job, request.cloning)
        except cst.ParserSyntaxError:
            break  # the loop says so, after what it finds wrong in the files before
        if not exists:
            dropped |= ahead[job].dropped
    if judged is not None:
        judged.result()
    return finish_ahead(ahead, request.cloning)


class Ahead:
    """A forked copy of this process running files ahead, request after request."""

    def __init__(self, first: AheadFiles | None = None) -> None:
        """Fork the copy; with `first`, it begins those files at once (`start` without sending
        them: a single run's copy is forked for the one request it has)."""
        self._tickets = Tickets()
        if first is not None:
            self._tickets.deal(len(first.files))
        self._serving: Serving[AheadFiles, dict[CloneJob, Cloned]] = Serving(
            lambda request: run_ahead(request, self._tickets, judge=True), first
        )

    @property
    def alive(self) -> bool:
        return self._serving.alive

    def start(self, request: AheadFiles) -> None:
        """The copy begins the files, taking them one by one."""
        self._tickets.deal(len(request.files))
        self._serving.ask(request)

    def share(self, request: AheadFiles) -> dict[CloneJob, Cloned]:
        """This process runs the files the copy has not begun."""
        return run_ahead(request, self._tickets)

    def finish(self) -> dict[CloneJob, Cloned] | None:
        """The copy's files, once it is done; None if it sent none. Every ticket of the request
        is taken by then (a copy that died leaves its own), so the next request starts afresh."""
        answer = self._serving.answer()
        while self._tickets.take() is not None:
            pass
        return answer

    def close(self, kill: bool = False) -> None:
        """End the copy (see `Serving.close`)."""
        self._serving.close(kill)
        self._tickets.close()
