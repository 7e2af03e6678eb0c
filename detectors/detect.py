"""Every detector over one project index: the conventions, each finding with its evidence."""

from __future__ import annotations

from pathlib import Path

from detectors.app import detect_app
from detectors.auth import detect_auth
from detectors.conventions import Conventions
from detectors.data_access import detect_data_access
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
    )

