"""Benchmark add_crud, whole process, on a large project against a floor measured in the same run.

    python benchmarks/add_crud_bench.py [--copies N] [--batch B] [--repeat R] [--against DIR] [--unwired]

Builds, in a temporary directory, the seed_async fixture with its Item resource copied N times
under new names (model, schemas, data access, router, tests, wired into the app, the models
package and the conftest), then sorted and formatted by its own ruff configuration as
seed_async is kept, so the project has the shape of one that grew by cloning. With `--unwired`
the copies are not wired in: the app module, the models package and the conftest stay
seed_async's, and the figures say what a resource costs whatever the size of the modules every
resource is wired into. Then prints, as medians of R runs of a fresh interpreter each:

  floor      interpreter start + reading and `ast.parse` of every .py file of the project
  one        `add-crud Order ... --dry-run --no-cache`: one resource, planned and diffed, nothing
             written (a cold run: the result cache is neither read nor written; the tool's own
             compiled code, its .pyc files and codemods/method_cache.py's file, is in place, as
             after its first run on any project)
  again      the same run again on the unchanged project (a warm run: answered from the result
             cache, codemods/add_crud/result_cache.py, filled by one run before the timed ones)
  batch      `add-crud --spec` of B resources, --dry-run
  peak mem   the largest resident set of the runs above (ru_maxrss of the children)

and each figure's ratio to the floor. The issue's targets: one < 1.0 s and <= 2x the floor;
again <= 1x the floor; a batch of 50 < 5 s; peak memory < 500 MB. Nothing is written outside
the temporary directory, which is removed at exit.

Beside each figure stands the median CPU time of its runs (user and system, the processes each
run waited for included: its forked copies and ruff's runs). The targets are the time a run
takes; its CPU time says how much work it did, and moves less with the machine's speed.

With `--against DIR` (another checkout of this repository, an older commit say), every figure is
also taken with DIR's code, runs of the two taken in turn and the order swapped each round, and
both are printed with their ratio and the median of each round's difference: on a machine whose
speed wanders by a third within minutes, figures from separate runs compare the machine's
moments more than the code, and the paired difference least of all.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "fixtures_repos" / "seed_async"
FLOOR = "import ast, pathlib, sys\nfor p in pathlib.Path(sys.argv[1]).rglob('*.py'):\n    ast.parse(p.read_text())\n"
# the Item resource's own modules, copied under each new name
ITEM_FILES = ("app/models/item.py", "app/schemas/item.py", "app/crud/item.py", "app/routers/items.py", "tests/test_items.py")


def build(root: Path, copies: int, wired: bool = True) -> None:
    """seed_async with Item copied `copies` times (Widgetbbbk, Widgetbbck, ...), wired like Item
    (not `wired`: the app module, the models package and the conftest stay seed_async's), kept
    sorted and formatted."""
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("__pycache__", "*.db", ".pytest_cache"))
    main = (root / "app/main.py").read_text()
    models = (root / "app/models/__init__.py").read_text()
    conftest = (root / "tests/conftest.py").read_text()
    fixture = "@pytest_asyncio.fixture\nasync def item(" + conftest.split("async def item(", 1)[1].split("\n\n\n", 1)[0]
    imports = ""
    for n in range(copies):
        # letters whose plural is a plain -s (no digits, no s/x/y/z/h/o endings), as Item's is
        plain = "bcdfgjklmnpqrtvw"
        letters = "".join(plain[d] for d in (n // 256 % 16, n // 16 % 16, n % 16)) + "k"
        pascal, snake = f"Widget{letters}", f"widget{letters}"

        def renamed(text: str, pascal: str = pascal, snake: str = snake) -> str:
            # every spelling, inside identifiers too (`create_item`)
            text = text.replace("Item", pascal).replace("item", snake)
            return text.replace(f".{snake}s()", ".items()")  # dict.items() is no spelling of Item

        for path in ITEM_FILES:
            target = root / renamed(path)
            target.write_text(renamed((root / path).read_text()))
        main = main.replace("app.include_router(items.router)", f"app.include_router(items.router)\napp.include_router({snake}s.router)")
        main = main.replace("from app.routers import ", f"from app.routers import {snake}s, ", 1)
        models = models.replace("\n\n__all__ = [", f"\nfrom app.models.{snake} import {pascal}\n\n__all__ = [\"{pascal}\", ", 1)
        conftest += "\n\n" + renamed(fixture) + "\n"
        imports += f"from app.models import {pascal}\n"
    if wired:
        (root / "tests/conftest.py").write_text(imports + conftest)
        (root / "app/main.py").write_text(main)
        (root / "app/models/__init__.py").write_text(models)
    _kept_formatted(root)


def _kept_formatted(root: Path) -> None:
    """The project sorted (imports, `__all__`) and formatted by its own ruff configuration, as
    seed_async is: the copies' longer names run lines past the line length, and the wired
    modules would hold a 2,000-character import line and fixtures three blank lines apart. The
    tool formats and sorts a module whole where the project keeps it so (codemods/tidy.py):
    left as no formatter leaves them, the shared modules would cost the benchmark none of that
    work."""
    from ruff.__main__ import find_ruff_bin

    ruff = find_ruff_bin()
    subprocess.run([ruff, "check", "--no-cache", "--select", "I001,RUF022", "--fix", "--exit-zero", "--quiet", "."], cwd=root, check=True)
    subprocess.run([ruff, "format", "--no-cache", "--quiet", "."], cwd=root, check=True)


@dataclass(frozen=True)
class Took:
    """One run: the time it took, and its CPU time with that of every process it waited for (its
    forked copies, ruff). The machine's speed wanders; the work a change saves shows in the CPU
    time even where the time a run takes hides it in the noise."""

    wall: float
    cpu: float


def timed(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> Took:
    before = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False, env=env)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{proc.stderr[-2000:]}")
    return Took(took, _children_cpu() - before)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def median(args: list[str], cwd: Path, repeat: int, env: dict[str, str] | None = None) -> Took:
    runs = [timed(args, cwd, env) for _ in range(repeat)]
    return Took(statistics.median(t.wall for t in runs), statistics.median(t.cpu for t in runs))


def in_turn(args: list[str], cwd: Path, envs: dict[str, dict[str, str]], repeat: int) -> dict[str, list[Took]]:
    """Each version's `repeat` runs of `args` in `cwd`, round by round, the versions run in turn
    (the order swapped each round, so that neither always runs on a machine the other just
    warmed). `cwd` must hold no checkout of the tool: `python -m` puts it first on the path,
    before the version's own (PYTHONPATH), and both versions would run the code found there."""
    runs: dict[str, list[Took]] = {name: [] for name in envs}
    for round_ in range(repeat):
        for name in list(envs)[:: -1 if round_ % 2 else 1]:
            runs[name].append(timed(args, cwd, envs[name]))
    return runs


def paired(runs: dict[str, list[Took]], of: str = "wall") -> float:
    """The median of each round's difference, this version's time (`of`: "wall" or "cpu") less
    the other's: the two runs of a round meet the machine at nearly the same moment, so this
    moves less with its speed than the difference of the two medians does."""
    return statistics.median(getattr(t, of) - getattr(a, of) for t, a in zip(runs["this"], runs["against"]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another checkout of the tool, timed in turn with this one")
    parser.add_argument("--unwired", action="store_true",
                        help="the copies not wired into the app module, the models package and the conftest: what a "
                             "resource costs whatever the size of the modules every resource is wired into")
    a = parser.parse_args()
    trees = {"this": REPO}
    if a.against is not None:
        if not (a.against / "codemods" / "add_crud").is_dir():
            parser.error(f"--against {a.against}: not a checkout of this tool (no codemods/add_crud)")
        trees["against"] = a.against.resolve()
    # The tool as installed: pip compiles an installed package's modules, a checkout may hold none
    # (and PYTHONDONTWRITEBYTECODE keeps a run from writing them): compiling is no part of a run.
    for tree in trees.values():
        compileall.compile_dir(tree / "codemods", quiet=1)
        compileall.compile_dir(tree / "detectors", quiet=1)
    with tempfile.TemporaryDirectory(prefix="add-crud-bench-") as tmp:
        root = Path(tmp) / "project"
        build(root, a.copies, wired=not a.unwired)
        files = sum(1 for _ in root.rglob("*.py"))
        py = sys.executable
        floor = median([py, "-c", FLOOR, str(root)], root, a.repeat)
        tool = [py, "-m", "codemods.add_crud"]
        # each version's code first on the path; a cache of its own, never the user's
        envs = {
            name: {**os.environ, "PYTHONPATH": str(tree), "ADD_CRUD_CACHE_DIR": str(Path(tmp) / f"cache-{name}")}
            for name, tree in trees.items()
        }
        for name, env in envs.items():  # each version runs its own code, or the comparison is void
            found = subprocess.run([py, "-c", "import codemods; print(codemods.__file__)"], cwd=root, env=env,
                                   capture_output=True, text=True, check=True).stdout.strip()
            if not Path(found).resolve().is_relative_to(trees[name]):
                raise SystemExit(f"{name}: runs {found}, not the code of {trees[name]}")
        one_args = [*tool, "Order", "total:decimal", "status:enum[pending,paid]=pending", "--dry-run", "--project", str(root)]
        for env in envs.values():  # the tool's own compiled code in place, as after its first run
            timed([*one_args, "--no-cache"], root, env)
        one = in_turn([*one_args, "--no-cache"], root, envs, a.repeat)
        for env in envs.values():
            timed(one_args, root, env)  # fills the cache
        again = in_turn(one_args, root, envs, a.repeat)
        spec = root / "resources.toml"
        spec.write_text("".join(f'[[resources]]\nname = "Thing{n}"\nfields = ["title:str", "qty:int"]\n\n' for n in range(a.batch)))
        # a batch is long: timed once, unless compared (then as often as the others, in turn)
        batch = in_turn([*tool, "--spec", str(spec), "--dry-run", "--no-cache", "--project", str(root)], root, envs, a.repeat if a.against else 1)
        floor_after = median([py, "-c", FLOOR, str(root)], root, a.repeat) if a.against else floor
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    floor, floor_cpu = statistics.median([floor.wall, floor_after.wall]), statistics.median([floor.cpu, floor_after.cpu])
    timings = [
        ("one", one, "< 1.0 s and <= 2x floor"),
        ("again", again, "<= 1x floor"),
        (f"batch of {a.batch}", batch, "< 5 s (50)"),
    ]
    rows = [
        (name, {version: statistics.median(t.wall for t in took) for version, took in runs.items()},
         {version: statistics.median(t.cpu for t in took) for version, took in runs.items()}, target)
        for name, runs, target in timings
    ]
    wiring = ", not wired into the shared modules" if a.unwired else ""
    print(f"project: {files} .py files (seed_async + {a.copies} copies of Item{wiring}); medians of {a.repeat}")
    print(f"  {'floor':12} {floor:7.2f} s {'':63} cpu {floor_cpu:6.2f} s")
    for name, seconds, cpu, target in rows:
        print(f"  {name:12} {seconds['this']:7.2f} s  {seconds['this'] / floor:5.1f}x floor   target {target:24}"
              f"   cpu {cpu['this']:6.2f} s")
    print(f"  {'peak mem':12} {peak:7.0f} MB                   target < 500 MB")
    if a.against:
        print(f"against {trees['against']} (runs taken in turn with this checkout's):")
        for (name, seconds, cpu, _), (_, runs, _) in zip(rows, timings):
            this, other = seconds["this"], seconds["against"]
            print(f"  {name:12} {other:7.2f} s  {other / floor:5.1f}x floor   this/against {this / other:5.2f}"
                  f"   paired this-against {paired(runs):+6.2f} s, cpu {paired(runs, 'cpu'):+6.2f} s"
                  f" (against: {cpu['against']:.2f} s; {len(runs['this'])} rounds)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
