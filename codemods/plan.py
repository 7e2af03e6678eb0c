"""A plan is data: every file edit with its old and new text and why, before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FileEdit:
    """One file's change. `old is None` means the file is created."""

    path: str  # relative to the project root, forward slashes
    old: str | None
    new: str
    why: tuple[str, ...] = ()

    @property
    def created(self) -> bool:
        return self.old is None

    @property
    def changes(self) -> bool:
        return self.old != self.new


@dataclass(frozen=True)
class Plan:
    """Ordered edits plus what the user should be told (routes added, skipped parts)."""

    edits: tuple[FileEdit, ...]
    routes: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())
    explain: tuple[str, ...] = ()  # the exemplar and why, fields, what was dropped or left out
    # modules of the project's own whose formatting and import order were left to a batch,
    # which tidies them once all its resources are in them (codemods/add_crud/batch.py)
    untidied: frozenset[str] = frozenset()

    @property
    def changed(self) -> tuple[FileEdit, ...]:
        return tuple(e for e in self.edits if e.changes)

    @property
    def empty(self) -> bool:
        return not self.changed
