"""``[tool.gen-models]``: found upward, targets, flags over keys, mistakes at pyproject.toml:line:col."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import config
from generator.diagnostics import Diagnostics

from .helpers import ROOT, object_doc, write_docs

CHECK = ":heavy_check_mark:"
DOC = object_doc("A", f"| `id` | *string* | {CHECK} | N/A |")


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def _project(tmp_path: Path, table: str) -> Path:
    write_docs(
        tmp_path,
        {
            "pyproject.toml": f'[project]\nname = "x"\n\n{table}',
            "specs/models/a.md": DOC,
        },
    )
    return tmp_path


def test_a_bare_run_reads_the_nearest_pyproject_upward(tmp_path):
    root = _project(
        tmp_path,
        '[tool.gen-models]\nspecs = "specs"\nout = "out"\nkind = "dataclasses"\n',
    )
    (root / "deep" / "er").mkdir(parents=True)
    proc = _cli(root / "deep" / "er")
    assert proc.returncode == 0, proc.stderr
    assert "@dataclasses.dataclass" in (root / "out/models/a.py").read_text()


def test_flags_override_the_keys(tmp_path):
    root = _project(
        tmp_path,
        '[tool.gen-models]\nspecs = "specs"\nout = "out"\nkind = "dataclasses"\n',
    )
    assert _cli(root, "--kind", "pydantic", "--no-docs").returncode == 0
    assert (
        "BaseModel" in (root / "out/models/a.py").read_text()
        and not (root / "out/docs").exists()
    )


def test_targets_run_all_or_one(tmp_path):
    root = _project(
        tmp_path,
        '[tool.gen-models]\nspecs = "specs"\ndocs = false\n\n'
        '[[tool.gen-models.targets]]\nname = "pd"\nout = "out-pd"\n\n'
        '[[tool.gen-models.targets]]\nname = "dc"\nout = "out-dc"\nkind = "dataclasses"\n',
    )
    assert _cli(root, "--target", "dc").returncode == 0
    assert (root / "out-dc/models/a.py").exists() and not (root / "out-pd").exists()
    assert _cli(root).returncode == 0
    assert "BaseModel" in (root / "out-pd/models/a.py").read_text()
    proc = _cli(root, "--target", "nope")
    assert (
        proc.returncode == 2
        and "no target named 'nope' (targets: 'pd', 'dc')" in proc.stderr
    )


@pytest.mark.parametrize(
    ("table", "line", "col", "code"),
    [
        (
            '[tool.gen-models]\nspecs = "specs"\n  kinds = "x"\n',
            6,
            3,
            "config-unknown-key",
        ),
        ('[tool.gen-models]\nspecs = "specs"\ndocs = "no"\n', 6, 1, "config-type"),
        ('[tool.gen-models]\nkind = "dataclass"\n', 5, 1, "config-value"),
        ("[tool.gen-models]\nspecs = 1\n", 5, 1, "config-type"),
        (
            '[tool.gen-models]\n\n[[tool.gen-models.targets]]\nname = "a"\nout = true\n',
            8,
            1,
            "config-type",
        ),
        (
            '[tool.gen-models]\n\n[[tool.gen-models.targets]]\nout = "o"\n',
            6,
            1,
            "config-missing",
        ),
        ('[tool.gen-models]\nspecs = "specs\n', 5, 15, "config-syntax"),
        ('[tool.gen-models]\njobs = "2"\n', 5, 1, "config-type"),
        ("[tool.gen-models]\njobs = true\n", 5, 1, "config-type"),
        ("[tool.gen-models]\njobs = -1\n", 5, 1, "config-value"),
    ],
)
def test_mistakes_are_located(tmp_path, table, line, col, code):
    path = _project(tmp_path, table) / "pyproject.toml"
    diags = Diagnostics()
    assert config.load(path, diags) == []
    assert [(d.line, d.col, d.code) for d in diags.items] == [(line, col, code)], [
        str(d) for d in diags.items
    ]


def test_the_cli_prints_config_errors_and_exits_2(tmp_path):
    root = _project(
        tmp_path, '[tool.gen-models]\nspecs = "specs"\nout = "out"\nkinds = "x"\n'
    )
    proc = _cli(root)
    assert proc.returncode == 2
    assert "pyproject.toml:7:1: error: unknown key 'kinds'" in proc.stderr
    assert not (root / "out").exists()


def test_no_config_and_no_arguments_is_a_clear_error(tmp_path):
    proc = _cli(tmp_path)
    assert (
        proc.returncode == 2
        and "no [tool.gen-models]" in proc.stderr
        and "Traceback" not in proc.stderr
    )


def test_version_and_help(tmp_path):
    assert _cli(tmp_path, "--version").stdout.strip().startswith("gen-models ")
    help_text = _cli(tmp_path, "--help").stdout
    for key in list(config.KEYS) + [
        "targets",
        "--target",
        "--config",
        "--diagnostics-format",
    ]:
        assert key in help_text


@pytest.mark.parametrize("fmt", ["github", "json"])
def test_diagnostics_formats(tmp_path, fmt):
    specs = write_docs(
        tmp_path / "specs",
        {"models/a.md": object_doc("A", f"| `b` | [B](b.md) | {CHECK} | N/A |")},
    )
    proc = _cli(
        tmp_path, str(specs), str(tmp_path / "out"), "--diagnostics-format", fmt
    )
    assert proc.returncode == 2
    if fmt == "json":
        record = json.loads(proc.stdout.splitlines()[0])
        assert (
            record["code"] == "link-unresolved"
            and record["severity"] == "error"
            and record["line"] == 7
        )
    else:
        assert proc.stdout.startswith(
            f"::error file={specs / 'models/a.md'},line=7,col="
        )
        assert "title=link-unresolved::" in proc.stdout


def test_this_repo_configures_itself():
    targets = config.load(ROOT / "pyproject.toml", Diagnostics())
    assert [(Path(t.specs), Path(t.out)) for t in targets] == [
        (ROOT / "specs", ROOT / "out")
    ]


def test_jobs_come_from_the_key_and_the_flag_over_it(tmp_path):
    root = _project(tmp_path, '[tool.gen-models]\nspecs = "specs"\njobs = 3\n')
    diags = Diagnostics()
    [target] = config.load(root / "pyproject.toml", diags)
    assert target.jobs == 3 and target.options()["jobs"] == 3
    assert config.override(target, jobs=1).jobs == 1
    assert config.override(target, jobs=None).jobs == 3


def test_a_bad_jobs_flag_is_a_usage_error(tmp_path):
    root = _project(tmp_path, '[tool.gen-models]\nspecs = "specs"\nout = "out"\n')
    proc = _cli(root, "--jobs", "many")
    assert proc.returncode == 2 and "a number of processes" in proc.stderr
    assert _cli(root, "-j", "1").returncode == 0
