"""An exemplar whose table a revision creates together with others is cloned from its part alone.

repository_pg's first revision (`0001_create_users_and_projects.py`) creates `users` and
`projects`; its file name spells the resource, so it is among Project's files. Cloned whole, the
new revision created `users` a second time (`alembic upgrade` failed on PostgreSQL: "relation
users already exists") and renamed the user's `full_name` with the project's `name`. The new
revision now holds the new table's operations only, on top of the head, and the project's own
migration test (`alembic upgrade head` on an empty database) passes.
"""

from __future__ import annotations

from pathlib import Path

from tests.harness import copy_fixture, run_codemod, suite_passes


def test_the_new_revision_creates_the_new_table_alone(tmp_path: Path) -> None:
    project = copy_fixture("repository_pg", tmp_path)
    proc = run_codemod(project, "Task", "title:str", "done:bool?", "--like", "Project", "--yes")
    assert proc.returncode == 0, proc.stderr
    [revision] = (project / "alembic/versions").glob("0003_*.py")
    upgrade = revision.read_text().split("def upgrade", 1)[1].split("def downgrade", 1)[0]
    assert upgrade.count("op.create_table(") == 1 and '"tasks"' in upgrade
    assert '"users"' not in upgrade.split("sa.ForeignKeyConstraint")[0] and "full_title" not in upgrade
    suite_passes(project, "tests/test_migrations.py", postgres=True)
