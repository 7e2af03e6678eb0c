"""Every detector over one project index: the conventions, each finding with its evidence."""

from __future__ import annotations

from pathlib import Path

from detectors.app import detect_app
from detectors.auth import detect_auth
from detectors.conventions import Conventions
from detectors.data_access import detect_data_access
from detectors.dependencies import detect_libraries
from detectors.forked import Forked, can_fork
from detectors.layout import detect_router_layout
from detectors.migrations import detect_migrations
from detectors.orm import detect_orm
from detectors.pagination import detect_pagination
from detectors.project import ProjectIndex, gc_paused
from detectors.rbac import detect_rbac
from detectors.registration import detect_router_registration
from detectors.response import detect_response
from detectors.schemas import detect_schemas
from detectors.session import detect_session
from detectors.style import detect_style
from detectors.test_setup import detect_tests


def detect_conventions(root: Path | str, index: ProjectIndex | None = None) -> Conventions:
    """Detect every convention of the project at `root` (raises ProjectError without an app)."""
    own_index = index is None
    with gc_paused():  # see gc_paused: the index's trees would be rescanned over and over
        index = index or ProjectIndex(Path(root))
        try:
            return _detect(index)
        finally:
            if own_index:
                index._release()


# Relevant modules a project must have before its conventions are detected on the other core:
# below this, detecting costs less than forking a copy of the process to do it.
APART_MIN_MODULES = 200


class Detection:
    """The conventions of the project at `root`, being detected: on a large project in a forked
    copy of this process (`detectors/forked.py`; the conventions are plain data), so that the
    caller can meanwhile import the planning stages and read the footprints; else here, when
    asked for."""

    def __init__(self, root: Path | str, index: ProjectIndex):
        self.root, self.index = root, index
        apart = len(index.relevant) >= APART_MIN_MODULES and can_fork()
        self._copy = Forked(lambda: detect_conventions(root, index)) if apart else None
        self._found: Conventions | None = None

    @property
    def apart(self) -> bool:
        """Whether the conventions are being detected in another process."""
        return self._copy is not None

    def ready(self) -> bool:
        """Whether `conventions()` would answer without waiting on the copy."""
        return self._copy is None or self._copy.ready()

    def conventions(self) -> Conventions:
        """The conventions (detected here if the copy sent none: an error is raised here)."""
        if self._found is None:
            found = self._copy.result() if self._copy is not None else None
            self._copy = None
            self._found = found if found is not None else detect_conventions(self.root, self.index)
        return self._found


def _detect(index: ProjectIndex) -> Conventions:
    app = detect_app(index)
    layout = detect_router_layout(index, app)
    session = detect_session(index)
    auth = detect_auth(index)
    return Conventions(
        root=str(index.root),
        app=app,
        router_layout=layout,
        router_registration=detect_router_registration(index, app, layout),
        orm=detect_orm(index, app),
        session=session,
        auth=auth,
        rbac=detect_rbac(index, auth),
        response=detect_response(index),
        pagination=detect_pagination(index),
        schemas=detect_schemas(index, app),
        data_access=detect_data_access(index, session),
        migrations=detect_migrations(index),
        tests=detect_tests(index),
        style=detect_style(index),
        skipped_files=tuple(index.skipped),
        libraries=detect_libraries(index),
    )

