"""The shipped hooks, installed by the real ``pre-commit`` into a temporary git repository.

``gen-models`` regenerates and fails when it changed files (re-add them, commit again);
``gen-models-check`` only checks and names the stale files. pre-commit installs this repository
(at its HEAD commit) into a hook environment of its own: the first run needs the package index.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = """# Pet

## Fields

| Field | Type | Required | Description |
| ----- | ---- | -------- | ----------- |
| `id` | *string* | :heavy_check_mark: | N/A |
"""


def _env() -> dict[str, str]:
    """git and pre-commit without the machine's git configuration, with a pre-commit cache in .cache/."""
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(ROOT / ".cache" / "pre-commit"),
    )
    env.pop("GIT_DIR", None)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    return env


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env=_env(),
        check=check,
        timeout=900,
    )


@pytest.fixture(scope="module")
def hooks_repo(tmp_path_factory) -> tuple[str, str]:
    """This project as pre-commit fetches it: a git repository and a commit (the working tree as
    committed to a throwaway clone, so uncommitted changes are tested too)."""
    if (
        shutil.which("git") is None
        or shutil.which("pre-commit", path=os.path.dirname(sys.executable)) is None
    ):
        pytest.skip("needs git and pre-commit (the test extra installs it)")
    clone = tmp_path_factory.mktemp("hooks") / "gen-models"
    shutil.copytree(
        ROOT,
        clone,
        ignore=shutil.ignore_patterns(
            ".venv", ".cache", "__pycache__", ".git", "*.egg-info"
        ),
    )
    _git(clone, "init", "-q")
    _git(clone, "add", "-A")
    _git(clone, "commit", "-qm", "snapshot")
    return str(clone), _git(clone, "rev-parse", "HEAD").stdout.strip()


def test_both_hooks_with_the_real_pre_commit(tmp_path, hooks_repo):
    url, rev = hooks_repo
    repo = tmp_path / "api"
    (repo / "specs" / "models").mkdir(parents=True)
    (repo / "specs" / "models" / "pet.md").write_text(DOC)
    (repo / "pyproject.toml").write_text(
        '[tool.gen-models]\nspecs = "specs"\nout = "out"\n'
    )
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {url}\n    rev: {rev}\n    hooks:\n      - id: gen-models\n      - id: gen-models-check\n"
    )
    _git(repo, "init", "-q")
    pc = os.path.join(os.path.dirname(sys.executable), "pre-commit")
    proc = subprocess.run(
        [pc, "install"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(),
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr

    # first commit: the hook generates out/ and fails; the check hook fails too (out/ not staged yet
    # is fine for it: it reads the working tree, which the first hook has just regenerated)
    _git(repo, "add", "-A")
    first = _git(repo, "commit", "-qm", "docs", check=False)
    assert first.returncode != 0
    assert (
        "gen-models (regenerate models from their docs)" in first.stdout + first.stderr
    )
    assert (repo / "out" / "models" / "pet.py").exists()
    # re-add the generated files and commit again: both hooks pass
    _git(repo, "add", "-A")
    second = _git(repo, "commit", "-qm", "docs and models", check=False)
    assert second.returncode == 0, second.stdout + second.stderr

    # edit a doc: the regenerating hook updates the model and fails; the commit goes through once re-added
    (repo / "specs" / "models" / "pet.md").write_text(
        DOC + "| `name` | *string* | :heavy_minus_sign: | N/A |\n"
    )
    _git(repo, "add", "-A")
    third = _git(repo, "commit", "-qm", "name", check=False)
    assert third.returncode != 0
    assert "out/models/pet.py: regenerated" in third.stdout + third.stderr
    assert "name: str | None = None" in (repo / "out" / "models" / "pet.py").read_text()
    _git(repo, "add", "-A")
    assert _git(repo, "commit", "-qm", "name and model", check=False).returncode == 0

    # the check hook alone names a stale file and never writes
    (repo / "specs" / "models" / "pet.md").write_text(DOC)
    _git(repo, "add", "-A")
    run = subprocess.run(
        [pc, "run", "gen-models-check", "--all-files"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=900,
        env=_env(),
    )
    assert run.returncode == 1, run.stdout
    assert (
        "out/models/pet.py: would change (input changed: models/pet.md)" in run.stdout
    )
    assert "name: str | None = None" in (repo / "out" / "models" / "pet.py").read_text()
