"""The patch run (``generator.patch``): a description edit is patched from the last run's
snapshot; anything it cannot vouch for is a full run. Each case ends with OUT byte for byte what
a cold run makes."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator import generate

from .helpers import outputs, replace_once, write_docs

M = "models/components"
HEAD = "| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |\n"
DOCS = {
    f"{M}/pet.md": "# Pet\n\nA pet.\n\n## Fields\n\n"
    + HEAD
    + "| `id` | *string* | :heavy_check_mark: | Its id. |\n"
    + "| `owner` | [components.Owner](../../models/components/owner.md) "
    + "| :heavy_minus_sign: | N/A |\n",
    f"{M}/owner.md": "# Owner\n\nWho owns one.\n\n## Fields\n\n"
    + HEAD
    + "| `name` | *string* | :heavy_check_mark: | A name. |\n",
    f"{M}/toy.md": "# Toy\n\nA toy.\n\n## Fields\n\n"
    + HEAD
    + "| `size` | *number* | :heavy_minus_sign: | N/A |\n",
}


def _specs(tmp: Path) -> Path:
    return write_docs(tmp / "specs", DOCS)


def _cold(specs: Path, tmp: Path) -> dict[str, bytes]:
    shutil.rmtree(tmp / "cold", ignore_errors=True)
    assert generate(specs, tmp / "cold").ok
    return outputs(tmp / "cold")


def test_a_description_edit_is_patched_into_what_a_cold_run_makes(tmp_path):
    specs, out = _specs(tmp_path), tmp_path / "out"
    assert generate(specs, out).ok
    before = outputs(out)
    replace_once(
        specs / M / "owner.md", "Who owns one.", "Who keeps one.\n\nAnd feeds it."
    )
    run = generate(specs, out)
    assert run.patched and run.ok
    assert run.package is None and run.naming is None
    after = outputs(out)
    changed = sorted(p for p in after if after[p] != before.get(p))
    assert changed == [
        "docs/README.md",
        "docs/models/components/owner.md",
        "models/components/owner.py",
    ]
    assert after == _cold(specs, tmp_path)
    # and again, over the changes the first patch run stored
    replace_once(specs / M / "owner.md", "And feeds it.", "And walks it.")
    run = generate(specs, out)
    assert run.patched and outputs(out) == _cold(specs, tmp_path)


def test_a_type_edit_is_patched_into_what_a_cold_run_makes(tmp_path):
    specs, out = _specs(tmp_path), tmp_path / "out"
    assert generate(specs, out).ok
    before = outputs(out)
    replace_once(specs / M / "owner.md", "| `name` | *string*", "| `name` | *number*")
    run = generate(specs, out)
    assert run.patched and run.ok
    after = outputs(out)
    changed = sorted(p for p in after if after[p] != before.get(p))
    assert changed == ["docs/models/components/owner.md", "models/components/owner.py"]
    assert after == _cold(specs, tmp_path)


def test_a_hand_edited_output_is_not_patched_over(tmp_path):
    specs, out = _specs(tmp_path), tmp_path / "out"
    assert generate(specs, out).ok
    # toy.py reads nothing of Owner: a patch run would keep it
    (out / M / "toy.py").write_text("# mine\n", encoding="utf-8")
    replace_once(specs / M / "owner.md", "Who owns one.", "Who owns two.")
    run = generate(specs, out)
    assert not run.patched
    assert any(d.code == "write-hand-edited" for d in run.diagnostics)
    assert outputs(out) == _cold(specs, tmp_path)


def test_a_damaged_snapshot_is_a_full_run(tmp_path):
    specs, out = _specs(tmp_path), tmp_path / "out"
    assert generate(specs, out).ok
    shards = sorted((out / ".gen-models" / "cache").glob("snapshot-*"))
    assert shards
    for shard in shards:
        shard.write_bytes(shard.read_bytes()[:-7] + b"damaged")
    replace_once(specs / M / "owner.md", "Who owns one.", "Who owns two.")
    run = generate(specs, out)
    assert not run.patched and run.ok
    assert outputs(out) == _cold(specs, tmp_path)


def test_a_doc_the_last_run_warned_about_is_a_full_run(tmp_path):
    specs, out = _specs(tmp_path), tmp_path / "out"
    # an unresolved reference, typed as Any with allow_missing: a warning at owner.md
    replace_once(
        specs / M / "owner.md", "| `name` | *string*", "| `name` | [x.Gone](gone.md)"
    )
    assert generate(specs, out, allow_missing=True).ok
    replace_once(specs / M / "owner.md", "Who owns one.", "Who owns two.")
    run = generate(specs, out, allow_missing=True)
    assert not run.patched
    assert any(d.file.endswith("owner.md") for d in run.diagnostics)


def test_after_a_patch_run_out_is_up_to_date_and_checks_clean(tmp_path):
    specs, out = _specs(tmp_path), tmp_path / "out"
    assert generate(specs, out).ok
    replace_once(specs / M / "owner.md", "Who owns one.", "Who owns two.")
    assert generate(specs, out).patched
    assert generate(specs, out, check=True).stale == []
    assert generate(specs, out).unchanged


def test_two_docs_edited_at_once_are_one_patch_run(tmp_path):
    specs, out = _specs(tmp_path), tmp_path / "out"
    assert generate(specs, out).ok
    replace_once(specs / M / "owner.md", "A name.", "The owner's name.")
    replace_once(specs / M / "toy.md", "A toy.", "A toy to play with.")
    run = generate(specs, out)
    assert run.patched
    assert outputs(out) == _cold(specs, tmp_path)


def test_a_patch_run_says_what_a_full_run_says_of_the_other_docs(tmp_path):
    specs, out = _specs(tmp_path), tmp_path / "out"
    # a warning at toy.md (an unresolved reference, typed as Any with allow_missing)
    replace_once(
        specs / M / "toy.md", "| `size` | *number*", "| `size` | [x.Gone](gone.md)"
    )
    first = generate(specs, out, allow_missing=True)
    assert any(d.file.endswith("toy.md") for d in first.diagnostics)
    replace_once(specs / M / "owner.md", "Who owns one.", "Who owns two.")
    run = generate(specs, out, allow_missing=True)
    assert run.patched
    shutil.rmtree(tmp_path / "cold", ignore_errors=True)
    cold = generate(specs, tmp_path / "cold", allow_missing=True)
    assert [str(d) for d in run.diagnostics] != []
    assert [d.message for d in run.diagnostics] == [d.message for d in cold.diagnostics]
    assert outputs(out) == outputs(tmp_path / "cold")
