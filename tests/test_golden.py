"""Golden tests: every ``tests/golden/<case>/`` holds ``input/`` (markdown docs laid out like an SDK),
``expected/`` (exactly the files ``generate()`` produces), ``diagnostics.txt`` (every diagnostic, one a
line), optionally ``options.json`` (keyword arguments for ``generate``) and ``check.py`` (a script that
imports the generated package and exercises it; it runs in a subprocess with the fresh output on
``sys.path``). ``options.json`` may name another case's input (``"input": "../ts_v2/input"``) so one
doc set is generated in both output kinds, and a folder of templates (``"templates": "templates"``,
relative to the case) that replace the package's; ``lib/`` holds modules of the user's the generated
code imports (on ``sys.path`` for the subprocesses). Every case's package is also smoke-imported: each
module imported, every class's annotations resolved.

Update the expectations with ``GEN_MODELS_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` or
``pytest tests/test_golden.py --update-golden``.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import generate

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(
    p.name
    for p in GOLDEN.iterdir()
    if (p / "input").is_dir() or (p / "options.json").is_file()
)
UPDATE = os.environ.get("GEN_MODELS_UPDATE_GOLDEN", "") not in ("", "0")


def options(case: Path) -> dict:
    f = case / "options.json"
    opts = json.loads(f.read_text()) if f.exists() else {}
    opts.setdefault("package", "models")
    opts.setdefault("input", "input")
    return opts


def run(case: Path):
    opts = options(case)
    if "templates" in opts:
        opts["templates"] = str(case / opts["templates"])
    return generate((case / opts.pop("input")).resolve(), write=False, **opts)


# imports every module of the generated package and resolves every class's annotations
SMOKE = """
import dataclasses, importlib, inspect, pkgutil, sys, typing
import pydantic
pkg = importlib.import_module(sys.argv[1])
names = [pkg.__name__] + [m.name for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + ".")]
count = 0
for name in names:
    mod = importlib.import_module(name)
    for attr in getattr(mod, "__all__", []):
        getattr(mod, attr)  # the lazy index resolves every entry
    for obj in vars(mod).values():
        if inspect.isclass(obj) and obj.__module__ == name:
            try:
                typing.get_type_hints(obj)
            except Exception as exc:
                raise AssertionError(f"annotations of {name}.{obj.__name__} do not resolve: {exc!r}") from exc
            if issubclass(obj, pydantic.BaseModel):
                obj.model_rebuild(raise_errors=True)  # cycles complete lazily; this must succeed
            count += 1
        elif isinstance(obj, typing.TypeAliasType if hasattr(typing, "TypeAliasType") else ()) or type(obj).__name__ == "TypeAliasType":
            pydantic.TypeAdapter(obj)
            count += 1
assert count, "no models"
"""


def read_tree(root: Path) -> dict[str, str]:
    if not root.is_dir():
        return {}
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def write_tree(root: Path, files: dict[str, str]) -> None:
    if root.exists():
        shutil.rmtree(root)
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")


def diagnostics_text(result) -> str:
    return "".join(f"{d}\n" for d in result.diagnostics)


def compare(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    problems = []
    for path in sorted(set(expected) - set(actual)):
        problems.append(f"missing file (expected but not generated): {path}")
    for path in sorted(set(actual) - set(expected)):
        problems.append(f"extra file (generated but not expected): {path}")
    for path in sorted(set(expected) & set(actual)):
        if expected[path] != actual[path]:
            diff = difflib.unified_diff(
                expected[path].splitlines(keepends=True),
                actual[path].splitlines(keepends=True),
                f"expected/{path}",
                f"actual/{path}",
            )
            problems.append(f"different file: {path}\n" + "".join(diff))
    return problems


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str) -> None:
    case = GOLDEN / name
    result = run(case)
    actual = dict(result.files)
    diags = diagnostics_text(result)
    if UPDATE:
        write_tree(case / "expected", actual)
        (case / "diagnostics.txt").write_text(diags, encoding="utf-8", newline="\n")
    assert result.exit_code == 0, diags
    problems = compare(read_tree(case / "expected"), actual)
    expected_diags = (
        (case / "diagnostics.txt").read_text(encoding="utf-8")
        if (case / "diagnostics.txt").exists()
        else ""
    )
    if expected_diags != diags:
        problems.append(
            "different diagnostics\n"
            + "".join(
                difflib.unified_diff(
                    expected_diags.splitlines(True),
                    diags.splitlines(True),
                    "expected",
                    "actual",
                )
            )
        )
    assert not problems, (
        f"golden case {name!r} is stale (GEN_MODELS_UPDATE_GOLDEN=1 to update):\n\n"
        + "\n".join(problems)
    )


# generator bugs the suite has found and that are not fixed yet: case -> reason (strict xfail, so a
# fix makes the test fail until the entry is removed)
KNOWN_BUGS: dict[str, str] = {}


@pytest.mark.parametrize(
    "name",
    [
        (
            pytest.param(c, marks=pytest.mark.xfail(reason=KNOWN_BUGS[c], strict=True))
            if c in KNOWN_BUGS
            else c
        )
        for c in CASES
    ],
)
def test_generated_package_works(name: str, tmp_path: Path) -> None:
    """Import the freshly generated package (all of it), then run the case's ``check.py`` against it."""
    case = GOLDEN / name
    result = run(case)
    assert result.exit_code == 0, diagnostics_text(result)
    write_tree(tmp_path / "out", dict(result.files))
    path = [str(tmp_path / "out")]
    if (case / "lib").is_dir():
        path.append(str(case / "lib"))
    pythonpath = os.pathsep.join(path)
    env = dict(os.environ, PYTHONPATH=pythonpath, PYTHONDONTWRITEBYTECODE="1")
    package = options(case)["package"]
    proc = subprocess.run(
        [sys.executable, "-c", SMOKE, package],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (
        proc.returncode == 0
    ), f"smoke import of {package} failed:\n{proc.stdout}\n{proc.stderr}"
    if not (case / "check.py").exists():
        return
    proc = subprocess.run(
        [sys.executable, "-X", "dev", str(case / "check.py")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, f"check.py failed:\n{proc.stdout}\n{proc.stderr}"
