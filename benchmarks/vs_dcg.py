"""gen-models against datamodel-codegen on one OpenAPI spec, in the same run:
``python benchmarks/vs_dcg.py [SPEC] [--repeat N] [--black-check] [-- GEN_MODELS_ARGS...]``.

Both run as their command-line tools would, each in a fresh process into a fresh temporary
folder: ``gen-models SPEC OUT`` (default settings: models and docs) and ``datamodel-codegen
--input SPEC --input-file-type openapi --output OUT/models.py`` (default settings). Prints the
wall time of each (the best of ``--repeat``), their ratio (the goal: gen-models at most 0.3 of
datamodel-codegen's time), and, in fresh interpreters, the cost of importing the result:
``import models`` (the goal: under 0.2 s), ``from models import <every name of the root index>``
the way a user would, and every module of the package; datamodel-codegen's one module beside it.
``--black-check`` runs ``black --check`` over gen-models' output. What follows ``--`` goes to
gen-models: ``-- --emit models`` times the job datamodel-codegen does (models, no docs). SPEC defaults to the orq spec of
the corpora cache. Timings on a shared machine are noisy: compare figures of one run.
gen-models' modules are compiled to bytecode first, as an install has them (datamodel-codegen's,
installed from a wheel, are). Creating files right after deleting many is slow on some file
systems (ext4 without a journal sets recently freed inodes aside): the outputs go below
``--tmp`` (default: the repository's ``.cache/bench``), and the cost of creating a file there is
printed first (``precompiled.creation_cost``): delete no big folder just before a run.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from precompiled import creation_cost, precompile, scratch

REPO = Path(__file__).resolve().parents[1]
GOAL_RATIO = 0.3
GOAL_IMPORT = 0.2


def default_spec() -> Path:
    """The orq spec, unpacked into the corpora cache by the tests' helper if needed."""
    cache = os.environ.get("GEN_MODELS_CACHE") or str(REPO / ".cache" / "corpora")
    spec = Path(cache) / "orq-openapi-specs" / "orq.yaml"
    if not spec.is_file():
        sys.path.insert(0, str(REPO / "tests"))
        try:
            from support.corpora import openapi_corpus

            spec = openapi_corpus("orq-openapi") / "orq.yaml"
        except BaseException:  # pytest's skip: the archive is not there
            pass
    return spec


def tool(name: str) -> str:
    """The console script ``name`` of this interpreter's environment (else the one on PATH)."""
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else (shutil.which(name) or name)


def timed(
    cmd: list[str], cwd: Path | None = None
) -> tuple[tuple[float, float], subprocess.CompletedProcess]:
    """(wall seconds, CPU seconds of the process and its children) and the process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    took = (wall, cpu)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return took, proc


IMPORT = """
import importlib, pkgutil, re, sys, time
what = sys.argv[1]
t = time.perf_counter()
import models
took = time.perf_counter() - t
if what == "names":
    names = re.findall(r"import (\\w+) as", open("models/__init__.pyi").read())
    t = time.perf_counter()
    exec("from models import " + ", ".join(names))
    took += time.perf_counter() - t
    print(took, len(names))
elif what == "modules":
    n = 0
    t = time.perf_counter()
    for m in pkgutil.walk_packages(models.__path__, "models."):
        importlib.import_module(m.name)
        n += 1
    took += time.perf_counter() - t
    print(took, n)
else:
    print(took, 1)
"""


def import_time(cwd: Path, what: str) -> tuple[float, int] | str:
    """Seconds to import in a fresh interpreter (bytecode compiled by an earlier run first), or
    why it does not import."""
    cmd = [sys.executable, "-c", IMPORT, what]
    subprocess.run(cmd, cwd=cwd, capture_output=True)  # writes __pycache__
    best = (float("inf"), 0)
    for _ in range(3):
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
        if proc.returncode != 0:
            return "does not import: " + proc.stderr.strip().split("\n")[-1]
        took, n = proc.stdout.split()
        best = min(best, (float(took), int(n)))
    return best


def shown(result: tuple[float, int] | str) -> str:
    return result if isinstance(result, str) else f"{result[0]:6.3f} s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("spec", nargs="?", type=Path, default=default_spec())
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--black-check", action="store_true")
    ap.add_argument(
        "--tmp",
        help="folder for the outputs (default: .cache/bench; see precompiled.scratch)",
    )
    # what follows ``--`` is for gen-models (argparse alone hands it to SPEC, or refuses it)
    argv = sys.argv[1:]
    cut = argv.index("--") if "--" in argv else len(argv)
    args = ap.parse_args(argv[:cut])
    args.gen_models_args = argv[cut + 1 :]
    if not args.spec.is_file():
        sys.exit(f"{args.spec}: no such spec (unpack the corpora, or name one)")
    print(precompile())
    print(creation_cost(scratch(args.tmp)))
    gm_cmd = [sys.executable, "-m", "generator", "-q"]
    dcg_cmd = [tool("datamodel-codegen"), "--input-file-type", "openapi"]
    ours, theirs = [], []
    with tempfile.TemporaryDirectory(prefix="vs-dcg-", dir=scratch(args.tmp)) as tmp:
        root = Path(tmp)
        for run in range(args.repeat):
            gm_out = root / f"gm{run}"
            dcg_out = root / f"dcg{run}"
            dcg_out.mkdir()
            took, _ = timed(
                gm_cmd + [str(args.spec), str(gm_out), *args.gen_models_args]
            )
            ours.append(took)
            took, _ = timed(
                dcg_cmd
                + ["--input", str(args.spec), "--output", str(dcg_out / "models.py")]
            )
            theirs.append(took)
            print(
                f"run {run + 1}: gen-models {ours[-1][0]:.2f} s "
                f"(CPU {ours[-1][1]:.2f} s), datamodel-codegen {theirs[-1][0]:.2f} s "
                f"(CPU {theirs[-1][1]:.2f} s)"
            )
        gm_out, dcg_out = root / "gm0", root / "dcg0"
        modules = sum(1 for _ in (gm_out / "models").rglob("*.py"))
        # what the run generated: gen-models' own folder (manifest, cache, state) aside
        files = sum(
            1
            for p in gm_out.rglob("*")
            if p.is_file() and ".gen-models" not in p.relative_to(gm_out).parts
        )
        classes = len(
            re.findall(r"^class ", (dcg_out / "models.py").read_text(), flags=re.M)
        )
        a, b = min(ours), min(theirs)  # best wall time (and its CPU time)
        print(f"\nspec: {args.spec.name}")
        print(
            f"gen-models:        {a[0]:6.2f} s wall, {a[1]:6.2f} s CPU  "
            f"({modules} modules, {files} files)"
        )
        print(
            f"datamodel-codegen: {b[0]:6.2f} s wall, {b[1]:6.2f} s CPU  "
            f"({classes} classes in one module)"
        )
        verdict = "met" if a[0] <= GOAL_RATIO * b[0] else "missed"
        print(
            f"ratio:             {a[0] / b[0]:6.2f} wall,   {a[1] / b[1]:6.2f} CPU  "
            f"(goal <= {GOAL_RATIO} wall: {verdict})"
        )
        plain = import_time(gm_out, "plain")
        ok = not isinstance(plain, str) and plain[0] < GOAL_IMPORT
        print(
            f"\nimport models:               {shown(plain)}  "
            f"(goal < {GOAL_IMPORT} s: {'met' if ok else 'missed'})"
        )
        names = import_time(gm_out, "names")
        n = "" if isinstance(names, str) else f" {names[1]}"
        print(f"from models import <all{n}>: {shown(names)}")
        every = import_time(gm_out, "modules")
        n = "" if isinstance(every, str) else f" ({every[1]})"
        print(f"every module{n}:        {shown(every)}")
        print(f"datamodel-codegen's module:  {shown(import_time(dcg_out, 'plain'))}")
        if args.black_check:
            proc = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "black",
                    "--check",
                    "-q",
                    str(gm_out / "models"),
                ],
                capture_output=True,
                text=True,
            )
            print(
                f"\nblack --check: {'clean' if proc.returncode == 0 else proc.stderr[-2000:]}"
            )


if __name__ == "__main__":
    main()
