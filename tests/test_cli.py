"""The add-crud command line: help, and bad input answered with one line, exit 2, nothing written."""

from __future__ import annotations

import gc
import shutil
import sys
from pathlib import Path

import pytest

from tests.harness import copy_fixture, run, run_codemod, snapshot


def _one_line_error(proc, prefix: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [
        line
        for line in proc.stderr.splitlines()
        # the error is one line; what was detected and chosen before it is said on lines of its own
        if line.strip() and not line.startswith(("detected:", "could not parse", "exemplar ", "  "))
    ]
    assert len(lines) == 1 and lines[0].startswith(prefix), proc.stderr


def test_help_for_both_commands(tmp_path: Path) -> None:
    proc = run(tmp_path, sys.executable, "-m", "codemods.add_crud", "--help")
    assert proc.returncode == 0 and "--dry-run" in proc.stdout and "enum[a,b]" in proc.stdout
    proc = run(tmp_path, sys.executable, "-m", "detectors", "--help")
    assert proc.returncode == 0 and "--json" in proc.stdout


def test_console_script_is_the_same_command(tmp_path: Path) -> None:
    script = shutil.which("add-crud", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip(
            "the add-crud console script is not installed in this environment (pip install -e .)"
        )
    proc = run(tmp_path, script, "--help")
    assert proc.returncode == 0 and "--patch" in proc.stdout


@pytest.mark.parametrize(
    ("args", "prefix"),
    [
        pytest.param(
            ("Order", "total:money"),
            "spec error: field 'total' has unknown type",
            id="unknown-type",
        ),
        pytest.param(
            ("order",), "spec error: resource name 'order' must be PascalCase", id="not-pascal"
        ),
        pytest.param(
            ("Order", "status:enum[]"), "spec error: field 'status': enum needs", id="empty-enum"
        ),
        pytest.param(
            ("Order", "qty:int=many"), "spec error: field 'qty': default 'many'", id="bad-default"
        ),
        pytest.param(("Order", "id:int"), "spec error: field name 'id' is reserved", id="reserved"),
        pytest.param(
            ("Category", "title:str"),
            "already exists: Category already exists in app/models/category.py",
            id="existing-model-other-fields",
        ),
        pytest.param(
            ("Depends",),
            "target error: app/routers/dependses.py: Depends would be both imported from fastapi and imported from app.models",
            id="name-shadowing-an-import",
        ),
        pytest.param(
            ("Order", "date:date"),
            "spec error: field name 'date' would shadow the 'date' that field annotations use",
            id="field-shadowing-its-type",
        ),
        pytest.param(
            ("Order", "model_dump:str"),
            "spec error: field name 'model_dump' is in pydantic's protected model_ namespace",
            id="field-in-pydantic-namespace",
        ),
        pytest.param(
            ("Order", "self:str"),
            "spec error: field name 'self' would shadow the method argument",
            id="field-self",
        ),
        pytest.param(
            ("Order", "customer:fk[Customer]?"),
            "spec error: field 'customer': fk[Customer] names no model",
            id="fk-to-unknown-model",
        ),
        pytest.param(
            ("Node", "parent:fk[Node]?"),
            "spec error: field 'parent': fk[Node] is the resource itself; a key to its own table is not supported yet",
            id="fk-to-itself",
        ),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(args, prefix, tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    before = snapshot(project)
    _one_line_error(run_codemod(project, *args), prefix)
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("option", "prefix"),
    [
        pytest.param(("--action", "ship:"), "spec error: --action 'ship:': expected ship:FIELD=VALUE with FIELD one of total", id="action"),
        pytest.param(("--filter", "nope"), "spec error: --filter 'nope': nope is not a field of Order (total)", id="filter"),
    ],
)
def test_an_option_naming_no_field_is_refused_before_the_project_is_read(option, prefix, tmp_path: Path) -> None:
    # no FastAPI application here: reading the project would refuse it for that first
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (tmp_path / "tool.py").write_text("print('hello')\n")
    _one_line_error(run_codemod(tmp_path, "Order", "total:decimal", *option), prefix)


def test_no_fastapi_app(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (tmp_path / "tool.py").write_text("print('hello')\n")
    _one_line_error(run_codemod(tmp_path, "Order"), "project error: no FastAPI application found")


def test_target_with_syntax_error_changes_nothing(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    registry = project / "app/models/__init__.py"
    registry.write_text(registry.read_text() + "broken(\n")
    before = snapshot(project)
    _one_line_error(run_codemod(project, "Order"), "target error: app/models/__init__.py:")
    assert snapshot(project) == before


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="PEP 695 generics parse from Python 3.12 on")
def test_a_module_to_edit_in_newer_syntax_than_the_tools_python_is_named_not_blamed_on_the_clone(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    main = project / "app/main.py"
    main.write_text(main.read_text() + "\n\ndef identity[T](value: T) -> T:\n    return value\n")
    before = snapshot(project)
    proc = run_codemod(project, "Order", "total:decimal")
    _one_line_error(proc, "target error: app/main.py:")
    assert "Python syntax newer than 3." in proc.stderr and "does not compile" not in proc.stderr
    assert snapshot(project) == before


def test_a_bug_of_the_tool_is_one_line_too_not_a_traceback(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from codemods.add_crud import cli

    def broken() -> int:
        raise RecursionError("maximum recursion depth exceeded")

    def exit_(code: int) -> None:
        raise SystemExit(code)

    monkeypatch.setattr(cli, "add_crud", broken)
    monkeypatch.setattr(cli, "_exit", exit_)
    monkeypatch.setattr(sys, "argv", ["add-crud", "Order"])
    try:
        with pytest.raises(SystemExit) as ended:
            cli.main()
    finally:
        gc.enable()  # main() pauses the collector for the process it ends
    err = capsys.readouterr().err
    assert ended.value.code == 1
    assert err.count("\n") == 1 and err.startswith("add-crud: internal error: RecursionError: maximum recursion")


def test_unsupported_orm_is_refused(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (tmp_path / "main.py").write_text(
        "from fastapi import FastAPI\nfrom tortoise.models import Model\n\napp = FastAPI()\n\n\n"
        "@app.get('/ping')\ndef ping():\n    return {}\n"
    )
    _one_line_error(
        run_codemod(tmp_path, "Order"), "convention error: ORM 'tortoise' is not supported"
    )


def test_check_and_plan_write_nothing(tmp_path: Path) -> None:
    project = copy_fixture("single_file", tmp_path)
    before = snapshot(project)
    check = run_codemod(project, "Order", "--check")
    assert check.returncode == 1 and "main.py" in check.stderr
    plan = run_codemod(project, "Order", "--plan")
    assert plan.returncode == 0 and "POST /orders/  -> 201" in plan.stdout
    assert snapshot(project) == before


def test_a_piped_run_hands_over_all_of_its_output_and_its_exit_code(tmp_path: Path) -> None:
    """The command ends without the interpreter's teardown (cli._exit): what it printed must
    still reach a pipe whole, and its exit code the caller."""
    project = copy_fixture("seed_async", tmp_path)
    dry = run_codemod(project, "Order", "total:decimal", "--dry-run")
    assert dry.returncode == 0 and dry.stdout.endswith("\n")
    (tmp_path / "order.patch").write_text(dry.stdout)
    applies = run(project, "git", "apply", "--check", str(tmp_path / "order.patch"))
    assert applies.returncode == 0, applies.stderr
    check = run_codemod(project, "Order", "total:decimal", "--check")
    assert check.returncode == 1 and check.stderr.strip()


def test_project_root_is_found_from_a_subdirectory(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    proc = run(
        project / "app" / "routers", sys.executable, "-m", "codemods.add_crud", "Order", "--dry-run"
    )
    assert proc.returncode == 0, proc.stderr
    assert "+++ b/app/routers/orders.py" in proc.stdout


def test_into_places_the_router_and_registers_it_from_there(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    (project / "app/api").mkdir()
    (project / "app/api/__init__.py").write_text("")
    proc = run_codemod(project, "Order", "--into", "app/api/")
    assert proc.returncode == 0, proc.stderr
    assert (project / "app/api/orders.py").is_file() and not (
        project / "app/routers/orders.py"
    ).exists()
    main = (project / "app/main.py").read_text()
    assert "from app.api import orders\n" in main and "app.include_router(orders.router)\n" in main


@pytest.mark.parametrize(
    "args, prefix",
    [
        pytest.param(
            ("--into", "../outside"),
            "convention error: --into ../outside is outside the project",
            id="into-outside",
        ),
        pytest.param(
            ("--into", "/tmp/elsewhere"),
            "convention error: --into /tmp/elsewhere is outside the project",
            id="into-absolute",
        ),
        pytest.param(
            ("--plan", "--dry-run"),
            "project error: --dry-run and --plan cannot be combined",
            id="two-modes",
        ),
        pytest.param(
            ("--patch", "."), "cannot write: .: Is a directory", id="patch-to-a-directory"
        ),
    ],
)
def test_misplaced_output_is_one_line_and_writes_nothing(args, prefix, tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    before = snapshot(project)
    proc = run_codemod(project, "Order", *args)
    _one_line_error(proc, prefix)
    assert snapshot(project) == before
    assert not (tmp_path / "outside").exists() and not Path("/tmp/elsewhere").exists()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_uncommitted_changes_in_a_file_to_edit_are_refused_unless_allowed(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    git = ("git", "-c", "user.email=t@t", "-c", "user.name=t")
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-qm", "base")):
        run(project, *git, *args)
    (project / "app/main.py").write_text(
        (project / "app/main.py").read_text() + "# work in progress\n"
    )
    before = snapshot(project)
    proc = run_codemod(project, "Order", "--yes")
    _one_line_error(
        proc,
        "target error: uncommitted changes in app/main.py: commit or stash them, or pass --allow-dirty",
    )
    assert snapshot(project) == before
    assert run_codemod(project, "Order", "--yes", "--allow-dirty").returncode == 0
    assert "# work in progress" in (project / "app/main.py").read_text()


def test_a_syntax_error_in_the_app_module_is_named_with_its_line(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    main = project / "app/main.py"
    main.write_text(main.read_text() + "def broken(:\n")
    proc = run_codemod(project, "Order", "--yes")
    _one_line_error(proc, "project error: no FastAPI application found; cannot parse app/main.py:")


def test_a_name_too_long_for_the_filesystem_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    before = snapshot(project)
    proc = run_codemod(project, "Ab" * 110, "--yes")  # 220 characters, 110 words: a 330-byte file name
    _one_line_error(proc, "cannot write: ")
    assert "File name too long; nothing was written" in proc.stderr
    assert snapshot(project) == before


def test_a_template_resource_whose_name_is_taken_is_refused(tmp_path: Path) -> None:
    project = copy_fixture("users_only", tmp_path)  # no resource to clone: templates
    before = snapshot(project)
    proc = run_codemod(project, "Base", "--yes")
    _one_line_error(proc, "convention error: app/models/base.py: Base already defined, and it is not Base's")
    assert snapshot(project) == before


def test_a_sort_key_that_descends_is_a_value_without_the_equals_sign() -> None:
    """`--sort -total` means `--sort=-total` (argparse alone would take `-total` for an option);
    short options stay options."""
    from codemods.add_crud.cli import _dash_values

    assert _dash_values(["Order", "total:decimal", "--sort", "-total,created_at"]) == [
        "Order", "total:decimal", "--sort=-total,created_at"]
    assert _dash_values(["--sort", "created_at,-total"]) == ["--sort", "created_at,-total"]
    assert _dash_values(["--sort", "-h"]) == ["--sort", "-h"]
    assert _dash_values(["--sort", "--dry-run"]) == ["--sort", "--dry-run"]
    assert _dash_values(["--filter", "-total"]) == ["--filter", "-total"]


def test_sort_with_a_descending_key_plans_as_with_the_equals_sign(tmp_path: Path) -> None:
    project = copy_fixture("seed_async", tmp_path)
    paged = ("--pagination", "offset", "--dry-run")  # seed_async's keyset cursor refuses a sort
    spaced = run_codemod(project, "Order", "total:decimal", "--sort", "-total", *paged)
    joined = run_codemod(project, "Order", "total:decimal", "--sort=-total", *paged)
    assert spaced.returncode == 0, spaced.stderr
    assert "sort" in spaced.stdout and spaced.stdout == joined.stdout
