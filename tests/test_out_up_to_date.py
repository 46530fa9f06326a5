"""The committed example output must be exactly what ``gen-models specs/ out/`` makes of specs/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from generator import generate

ROOT = Path(__file__).resolve().parents[1]


def test_out_matches_specs():
    result = generate(ROOT / "specs", ROOT / "out", check=True)
    assert result.ok, [str(d) for d in result.diagnostics]
    assert (
        result.stale == []
    ), f"out/ is stale; run `gen-models specs/ out/`: {result.stale}"


def test_check_mode_reports_what_a_run_would_change(tmp_path):
    specs = tmp_path / "specs"
    shutil.copytree(ROOT / "specs", specs)
    extra = specs / "models" / "operations" / "extra.md"
    extra.write_text(
        "# Extra\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `a` | *string* | :heavy_check_mark: | N/A |\n"
    )
    out = tmp_path / "out"
    generate(specs, out)
    target = (
        next(  # edited by hand (not extra's module: that one is then kept, not removed)
            p
            for p in sorted(out.glob("models/operations/*.py"))
            if p.name != "extra.py"
        )
    )
    target.write_text(target.read_text() + "# edited\n")
    (out / "models" / "stray.py").write_text(
        ""
    )  # not gen-models': left alone, never reported
    extra.unlink()  # its module and doc would be removed
    result = generate(specs, out, check=True)
    removed = {"models/operations/extra.py", "docs/models/operations/extra.md"}
    assert removed <= set(result.stale)
    assert target.relative_to(out).as_posix() in result.stale
    assert "models/stray.py" not in result.stale
    cli = subprocess.run(
        [sys.executable, "-m", "generator", str(specs), str(out), "--check"],
        capture_output=True,
        text=True,
    )
    assert cli.returncode == 1, cli.stderr
    assert "out of date" in cli.stderr


def test_out_imports_and_validates_the_seed_example():
    sys.path.insert(0, str(ROOT / "out"))
    try:
        from models import PostV2RouterImagesGenerationsResponseBody as Body

        body = Body.model_validate(
            {
                "id": "<id>",
                "created": 7730.84,
                "choices": [{"index": 9587.41}],
                "model": "Alpine",
                "object": "<value>",
            }
        )
        assert body.choices[0].index == 9587.41
        assert body.object == "<value>"
        assert body.model_dump(exclude_none=True)["object"] == "<value>"
    finally:
        sys.path.remove(str(ROOT / "out"))
        for name in [
            m for m in sys.modules if m == "models" or m.startswith("models.")
        ]:
            del sys.modules[name]
