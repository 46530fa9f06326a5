"""End-to-end checks over real SDK corpora (``../shared/corpora``): generate, import, validate the
docs' own examples against the models, then type-check and format-check the generated package.

seed-ts (318 docs) and the Go, Java, C#, PHP and Ruby docs of Speakeasy's generator tests
(``gentests-go``, ``gentests-java``, ``gentests-csharp``, ``gentests-php``, ``gentests-ruby``, of
2023) run by default (marker ``corpus``; deselect with ``-m "not corpus"``).
One small inline case (no corpus needed) checks the example-validation machinery itself.
orq-node (~18 000 docs) and orq-python are opt-in: ``GEN_MODELS_BIG_CORPORA=1``.
Tests skip when an archive is missing. The example checks share ``benchmarks/examples.py``.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.corpora import (
    BIG_CORPORA_ENV,
    REPO,
    SLOW_CHECKS_ENV,
    big_corpora_enabled,
    corpus_docs,
    language_docs,
    slow_checks_enabled,
)

MIN_RATE = 0.995

_big = pytest.mark.skipif(
    not big_corpora_enabled(), reason=f"big corpus: set {BIG_CORPORA_ENV}=1"
)
CORPORA = [
    pytest.param("seed-ts", id="seed-ts", marks=pytest.mark.corpus),
    pytest.param("gentests-go", id="gentests-go", marks=pytest.mark.corpus),
    pytest.param("gentests-java", id="gentests-java", marks=pytest.mark.corpus),
    pytest.param("gentests-csharp", id="gentests-csharp", marks=pytest.mark.corpus),
    pytest.param("gentests-php", id="gentests-php", marks=pytest.mark.corpus),
    pytest.param("gentests-ruby", id="gentests-ruby", marks=pytest.mark.corpus),
    pytest.param("orq-node", id="orq-node", marks=[pytest.mark.corpus, _big]),
    # the Python docs of the same API as orq-node: with the slow checks only (CI stays under 15
    # minutes; every Python-docs construct is in the goldens and the fuzzers)
    pytest.param(
        "orq-python",
        id="orq-python",
        marks=[
            pytest.mark.corpus,
            _big,
            pytest.mark.skipif(
                not slow_checks_enabled(), reason=f"set {SLOW_CHECKS_ENV}=1"
            ),
        ],
    ),
]


def _load_examples_module():
    name = "gen_models_benchmark_examples"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(
        name, REPO / "benchmarks" / "examples.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


examples = _load_examples_module()


@pytest.fixture(scope="module", params=CORPORA)
def report(request, tmp_path_factory):
    """Generate the corpus once per module into a temp dir; import and validate its examples."""
    name = request.param
    docs = (
        language_docs(name.split("-", 1)[1])
        if name.startswith("gentests-")
        else corpus_docs(name)
    )
    out = tmp_path_factory.mktemp(f"corpus-{name}")
    package = "corpus_" + name.replace("-", "_")
    rep = examples.run(docs, out, package=package)
    yield rep
    for mod in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
        del sys.modules[mod]
    if str(out) in sys.path:
        sys.path.remove(str(out))


def test_generates_without_errors(report):
    assert report.generate_ok, "error diagnostics:\n" + "\n".join(
        report.diagnostics[:50]
    )
    assert not report.diagnostics


def test_every_module_imports(report):
    assert report.generate_ok
    assert report.modules > 0
    assert not report.import_failures, "\n".join(
        f"{m}: {e}" for m, e in report.import_failures[:50]
    )


def _describe(outcomes, limit: int = 40) -> str:
    lines = []
    for o in outcomes[:limit]:
        where = o.doc + ("" if o.source == "usage" else f" [{o.source}]")
        if o.errors:
            e = o.errors[0]
            lines.append(
                f"{where}: {e['loc']}: {e['type']}: {e['msg']} (input {e['input']})"
            )
        else:
            lines.append(f"{where}: {o.status}: {o.reason}")
    if len(outcomes) > limit:
        lines.append(f"... and {len(outcomes) - limit} more")
    return "\n".join(lines)


def test_examples_parse(report):
    """The literal parser understands every example (anything else is Unsupported, counted apart)."""
    assert report.generate_ok
    bad = [o for o in report.outcomes if o.status == "syntax"]
    assert not bad, "examples the TS literal parser could not read:\n" + _describe(bad)


@pytest.mark.parametrize("source", ["usage", "member"])
def test_examples_validate(report, source):
    """The docs' own example values validate against the generated models (>= 99.5 %)."""
    assert report.generate_ok
    counts = report.counts(source)
    if counts["ok"] + counts["failed"] == 0:
        pytest.skip(f"no parsable {source} examples in this corpus")
    failures = [o for o in report.select(source) if o.status in ("failed", "no-class")]
    assert counts["rate"] >= MIN_RATE, (
        f"{source} examples: {counts['ok']} ok, {counts['failed']} failed, "
        f"rate {counts['rate']:.4f} < {MIN_RATE}\n" + _describe(failures)
    )


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(cwd))
    return subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800
    )


# mypy over orq-node's 18,000 modules (about 50 s) runs with GEN_MODELS_SLOW_CHECKS=1 only, so CI
# stays under 15 minutes: the gentests corpora check every dialect's output with mypy in CI
SLOW = {("mypy", "orq-node")}


def _slow(check: str, report) -> None:
    name = report.package.removeprefix("corpus_").replace("_", "-")
    if (check, name) in SLOW and not slow_checks_enabled():
        pytest.skip(f"{check} over 18,000 modules: set {SLOW_CHECKS_ENV}=1")


def test_mypy_strict(report):
    """``mypy --strict`` is clean on the generated package."""
    pytest.importorskip("mypy")
    _slow("mypy", report)
    assert report.generate_ok
    out = Path(report.out)
    res = _run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--cache-dir",
            str(out / ".mypy_cache"),
            "-p",
            report.package,
        ],
        out,
    )
    assert res.returncode == 0, (res.stdout + res.stderr)[-8000:]


def test_black_check(report):
    """The generated package is black-formatted."""
    _slow("black", report)
    assert report.generate_ok
    out = Path(report.out)
    res = _run([sys.executable, "-m", "black", "--check", "-q", report.package], out)
    assert res.returncode == 0, (res.stdout + res.stderr)[-8000:]


# ---------------------------------------------------------------- the machinery, on an inline doc

_NULL_DOC = """# APIError

## Example Usage

```typescript
import { APIError } from "x/models/components";

let value: APIError = {
  code: null,
  message: "<value>",
  nested: {
    flag: true,
  },
};
```

## Fields

| Field | Type | Required | Description |
| ----- | ---- | -------- | ----------- |
| `code` | *string* | :heavy_check_mark: | N/A |
| `message` | *string* | :heavy_check_mark: | N/A |
| `nested` | [components.Nested](../../models/components/nested.md) | :heavy_check_mark: | N/A |
"""

_NESTED_DOC = """# Nested

## Example Usage

```typescript
import { Nested } from "x/models/components";

let value: Nested = {
  flag: true,
};
```

## Fields

| Field | Type | Required | Description |
| ----- | ---- | -------- | ----------- |
| `flag` | *boolean* | :heavy_check_mark: | N/A |
"""


def test_inline_examples_validate_and_null_means_nullable(tmp_path):
    """A required TS field whose own example is ``null`` is nullable (Speakeasy writes ``null``
    only for nullable properties); the example then validates, and nothing is lost on a round trip.
    """
    docs = tmp_path / "docs" / "models" / "components"
    docs.mkdir(parents=True)
    (docs / "apierror.md").write_text(_NULL_DOC)
    (docs / "nested.md").write_text(_NESTED_DOC)
    rep = examples.run(
        tmp_path / "docs", tmp_path / "out", package="inline_null_models"
    )
    try:
        assert rep.generate_ok, rep.diagnostics
        assert not rep.import_failures
        c = rep.counts("usage")
        assert (c["examples"], c["ok"], c["failed"], c["lossy"]) == (
            2,
            2,
            0,
            0,
        ), _describe(rep.outcomes)
    finally:
        for mod in [m for m in sys.modules if m.startswith("inline_null_models")]:
            del sys.modules[mod]
