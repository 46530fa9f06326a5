"""The generated Python is valid, black-stable and free of unused or missing names."""

from __future__ import annotations

import ast
import json

import black
import pytest

from generator import generate, ir

from .helpers import ROOT

GOLDEN = ROOT / "tests" / "golden"
CASES = sorted(
    p.name
    for p in GOLDEN.iterdir()
    if (p / "options.json").is_file() or (p / "input").is_dir()
)
MODE = black.Mode(target_versions={black.TargetVersion.PY310}, line_length=88)


def _files(case: str) -> list[tuple[str, str]]:
    opts = (
        json.loads((GOLDEN / case / "options.json").read_text())
        if (GOLDEN / case / "options.json").exists()
        else {}
    )
    specs = (GOLDEN / case / opts.pop("input", "input")).resolve()
    if "templates" in opts:  # relative to the case
        opts["templates"] = str(GOLDEN / case / opts["templates"])
    result = generate(specs, write=False, **opts)
    assert result.ok
    return [(p, t) for p, t in result.files if p.endswith(".py")]


@pytest.mark.parametrize("case", CASES)
def test_black_stable_and_compiles(case):
    bad = []
    for path, text in _files(case):
        compile(text, path, "exec")
        if black.format_str(text, mode=MODE) != text:
            bad.append(path)
    assert not bad, f"not black-stable: {bad}"


@pytest.mark.parametrize("case", CASES)
def test_imports_are_used_and_names_defined(case):
    """A light pyflakes: every imported name is used, every loaded global name is bound."""
    import builtins

    for path, text in _files(case):
        tree = ast.parse(text)
        imported, bound, loaded = set(), set(), set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for a in node.names:
                    imported.add((a.asname or a.name).split(".")[0])
            elif isinstance(node, (ast.ClassDef, ast.FunctionDef)):
                bound.add(node.name)
            elif isinstance(node, ast.Name):
                (bound if isinstance(node.ctx, ast.Store) else loaded).add(node.id)
            elif isinstance(node, ast.arg):
                bound.add(node.arg)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                # quoted forward references, and whole alias values written as one string
                try:
                    expr = ast.parse(node.value, mode="eval")
                except SyntaxError:
                    continue
                loaded.update(n.id for n in ast.walk(expr) if isinstance(n, ast.Name))
            elif isinstance(node, ast.Attribute):
                pass
        if path.endswith("__init__.py"):
            continue  # lazy indexes import under TYPE_CHECKING for type checkers only
        unused = imported - loaded - {"annotations"}
        assert not unused, f"{path}: unused imports {sorted(unused)}"
        undefined = {n for n in loaded - imported - bound - set(dir(builtins))} - {
            "__name__"
        }
        # string constants (docstrings, values) are not names: only flag real Name loads
        real = {
            n.id
            for n in ast.walk(tree)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
        }
        assert not (
            undefined & real
        ), f"{path}: undefined names {sorted(undefined & real)}"


@pytest.mark.parametrize(
    "t, expected",
    [
        (ir.Prim("string", constraints=ir.Constraints(pattern="^a(?=b)")), True),
        (ir.Prim("string", constraints=ir.Constraints(pattern=r"(a)\1")), True),
        (ir.Prim("string", constraints=ir.Constraints(pattern="^[a-z]+$")), False),
        (ir.Prim("string", constraints=ir.Constraints(pattern="")), False),
        (ir.Prim("string"), False),
        # found wherever it stands in the type
        (
            ir.Nullable(
                ir.UnionOf(
                    (
                        ir.Prim("integer"),
                        ir.ListOf(
                            ir.DictOf(
                                ir.Prim(
                                    "string",
                                    constraints=ir.Constraints(pattern="(?<!x)y"),
                                )
                            )
                        ),
                    )
                )
            ),
            True,
        ),
        (ir.UnionOf((ir.Prim("integer"), ir.NULL)), False),
    ],
)
def test_needs_python_re(t, expected):
    from generator.render.python import needs_python_re

    assert needs_python_re(t) is expected
