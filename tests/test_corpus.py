"""A corpus of generated project variants: our fixtures, changed the ways real trees differ.

Each variant is a fixture with a seeded set of changes: CRLF line endings, a UTF-8 BOM, a last
line without a newline, executable bits, and beside the exemplar's router a sibling copy that
does not decode as UTF-8 and one that does not parse. On every variant: add_crud exits 0, every
file it touched parses and keeps its line endings and BOM, files it did not name are byte for
byte unchanged, the project's own suite passes with the new tests, and a second run changes
nothing.
"""

from __future__ import annotations

import ast
import os
import random
import re
from pathlib import Path

import pytest

from tests.harness import ORDER, copy_fixture, run_codemod, run_project_tests, snapshot

BOM = b"\xef\xbb\xbf"
SEEDS = {  # fixture -> seeds of its variants
    "seed_async": (1,),
    "single_file": (3,),
    "legacy_orm_mode": (4,),
}
CASES = [(name, seed) for name, seeds in SEEDS.items() for seed in seeds]


def _python_files(project: Path) -> list[Path]:
    return sorted(p for p in project.rglob("*.py") if "__pycache__" not in p.parts)


def make_variant(project: Path, seed: int) -> list[str]:
    """Change the tree in place; the list says what was done (for failure messages)."""
    rng = random.Random(seed)
    done = []
    files = _python_files(project)
    for path in rng.sample(files, k=max(1, len(files) // 3)):
        data = path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        path.write_bytes(data)
        done.append(f"crlf {path.relative_to(project)}")
    for path in rng.sample(files, k=max(1, len(files) // 4)):
        if not path.read_bytes().startswith(BOM):
            path.write_bytes(BOM + path.read_bytes())
            done.append(f"bom {path.relative_to(project)}")
    for path in rng.sample(files, k=2):
        path.write_bytes(path.read_bytes().rstrip(b"\r\n"))
        done.append(f"no final newline {path.relative_to(project)}")
    for path in rng.sample(files, k=2):
        path.chmod(0o755)
        done.append(f"chmod 755 {path.relative_to(project)}")
    routers = [p for p in files if re.search(rb"@\w+\.(get|post)\(", p.read_bytes()) and "tests" not in p.parts]
    source = rng.choice(routers)
    text = source.read_bytes()
    (source.parent / "zz_legacy_latin1.py").write_bytes(b"# caf\xe9\n" + text)
    (source.parent / "zz_broken.py").write_bytes(text + b"\ndef broken(:\n")
    done.append(f"undecodable and unparsable copies of {source.relative_to(project)}")
    return done


def _named(stderr: str) -> set[str]:
    return set(re.findall(r"^\s+(?:created|modified)\s+(\S+)", stderr, re.M))


@pytest.mark.parametrize(("name", "seed"), CASES)
def test_a_generated_variant_takes_a_resource_cleanly(name: str, seed: int, tmp_path: Path) -> None:
    project = copy_fixture(name, tmp_path)
    changes = make_variant(project, seed)
    before = snapshot(project)

    proc = run_codemod(project, *ORDER, "--yes")
    assert proc.returncode == 0, f"{changes}\n{proc.stderr}"
    after = snapshot(project)
    named = _named(proc.stderr)
    changed = {p for p in after if before.get(p) != after[p]}
    assert changed and changed <= named, f"changed but not named: {changed - named}"

    for path in changed:
        data = after[path]
        if path.endswith(".py"):
            ast.parse(data.removeprefix(BOM).decode("utf-8"))
        old = before.get(path)
        if old is not None:
            assert data.startswith(BOM) == old.startswith(BOM), path
            if b"\r\n" in old:
                assert b"\n" not in data.replace(b"\r\n", b""), f"{path} lost its CRLF line endings"
            assert os.stat(project / path).st_mode == (project / path).stat().st_mode

    outcome = run_project_tests(project, "--ignore-glob=*zz_*")
    assert outcome.ok, f"{changes}\n{outcome.explain()}"

    again = run_codemod(project, *ORDER, "--yes")
    assert again.returncode == 0, again.stderr
    assert snapshot(project) == after
