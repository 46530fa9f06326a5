"""The write stage never removes or replaces what gen-models did not write."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator import generate
from generator.write import WriteRefused, write

from .helpers import object_doc, run_cli, snapshot, write_docs

CHECK = ":heavy_check_mark:"
ROW = f"| `id` | *string* | {CHECK} | N/A |"
DOCS = {
    "docs/models/components/a.md": object_doc("A", ROW),
    "docs/models/components/b.md": object_doc("B", ROW),
}


def _specs(tmp_path: Path, docs: dict[str, str] = DOCS) -> Path:
    return write_docs(tmp_path / "specs", docs)


def _codes(result) -> set[str]:
    return {d.code for d in result.diagnostics if d.severity.name == "ERROR"}


# ---------------------------------------------------------------- SPECS and OUT overlap


def test_out_equal_to_specs_is_refused(tmp_path):
    specs = _specs(tmp_path)
    before = snapshot(specs)
    result = generate(specs, specs)
    assert _codes(result) == {"write-overlap"} and result.exit_code == 2
    assert snapshot(specs) == before


def test_out_inside_specs_is_refused(tmp_path):
    specs = _specs(tmp_path)
    result = generate(specs, specs / "out")
    assert _codes(result) == {"write-overlap"}
    assert not (specs / "out").exists()


def test_specs_inside_out_is_refused_sdk_checkout(tmp_path):
    """``gen-models docs .`` in an SDK checkout must not touch ./docs or the READMEs."""
    sdk = write_docs(
        tmp_path / "sdk",
        {**DOCS, "README.md": "# My SDK\n", "docs/sdks/x/README.md": "# X\n"},
    )
    before = snapshot(sdk)
    proc = run_cli(sdk / "docs", sdk)
    assert proc.returncode == 2, proc.stderr
    assert "[write-overlap]" in proc.stderr and "Traceback" not in proc.stderr
    assert snapshot(sdk) == before


def test_overlap_through_a_symlink_is_refused(tmp_path):
    specs = _specs(tmp_path)
    (tmp_path / "alias").symlink_to(specs)
    result = generate(specs, tmp_path / "alias")
    assert _codes(result) == {"write-overlap"}


# ---------------------------------------------------------------- files gen-models did not write


def test_a_users_file_in_the_way_is_never_replaced(tmp_path):
    out = tmp_path / "out"
    write_docs(out, {"models/__init__.py": "# mine\n", "docs/notes.md": "my notes\n"})
    before = snapshot(out)
    result = generate(_specs(tmp_path), out)
    assert _codes(result) == {"write-not-owned"}
    assert "models/__init__.py" in next(
        d.message for d in result.diagnostics if d.code == "write-not-owned"
    )
    assert snapshot(out) == before


def test_a_users_files_beside_the_output_are_left_alone(tmp_path):
    specs = _specs(tmp_path)
    out = tmp_path / "out"
    write_docs(
        out,
        {"docs/notes.md": "my notes\n", "models/mine.txt": "mine\n", "keep.txt": "x"},
    )
    assert generate(specs, out).ok
    (specs / "docs/models/components/b.md").unlink()
    result = generate(specs, out)
    assert result.ok, [str(d) for d in result.diagnostics]
    assert (out / "docs/notes.md").read_text() == "my notes\n"
    assert (out / "models/mine.txt").read_text() == "mine\n" and (
        out / "keep.txt"
    ).read_text() == "x"
    assert (
        not (out / "models/components/b.py").exists()
        and (out / "models/components/a.py").exists()
    )


@pytest.mark.parametrize("what", ["file", "symlink"])
def test_a_package_folder_that_is_a_file_or_symlink_is_refused(tmp_path, what):
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = write_docs(tmp_path / "elsewhere", {"x.py": "precious\n"})
    if what == "file":
        (out / "models").write_text("a file\n")
    else:
        (out / "models").symlink_to(elsewhere)
    result = generate(_specs(tmp_path), out)
    assert _codes(result) == {"write-not-owned"}
    assert snapshot(elsewhere) == {"x.py": b"precious\n"}
    assert not (out / "docs").exists()


def test_out_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "out").write_text("x")
    result = generate(_specs(tmp_path), tmp_path / "out")
    assert _codes(result) == {"write-not-owned"}
    assert (tmp_path / "out").read_text() == "x"


def test_a_manifest_cannot_make_write_remove_foreign_files(tmp_path):
    """The manifest is input too: a path in it that leaves OUT is never followed."""
    out = tmp_path / "out"
    precious = write_docs(tmp_path, {"precious.txt": "keep"}) / "precious.txt"
    write_docs(
        out,
        {
            ".gen-models/manifest.json": '{"format": 1, "files": {"../precious.txt": "'
            + "0" * 64
            + '"}}'
        },
    )
    result = generate(_specs(tmp_path), out)
    assert result.ok
    assert precious.read_text() == "keep"
    assert any(d.code == "write-manifest" for d in result.diagnostics)


# ---------------------------------------------------------------- nothing to generate


@pytest.mark.parametrize(
    "docs",
    [
        {},
        {"docs/README.md": "# SDK\n\nSome prose.\n"},
        {"docs/models/x.txt": "not markdown"},
    ],
    ids=["empty", "only-non-model-docs", "no-markdown"],
)
def test_no_model_docs_is_an_error_that_leaves_out_alone(tmp_path, docs):
    specs = _specs(tmp_path)
    out = tmp_path / "out"
    assert generate(specs, out).ok
    before = snapshot(out)
    empty = tmp_path / "empty"
    empty.mkdir()
    write_docs(empty, docs)
    result = generate(empty, out)
    assert _codes(result) == {"read-no-models"} and result.exit_code == 2
    assert snapshot(out) == before


def test_a_failed_run_does_not_create_out(tmp_path):
    specs = _specs(
        tmp_path,
        {"docs/models/a.md": object_doc("A", f"| `b` | [B](b.md) | {CHECK} | N/A |")},
    )
    result = generate(specs, tmp_path / "new" / "out")
    assert result.exit_code == 2
    assert not (tmp_path / "new").exists()


def test_a_refused_write_does_not_create_out(tmp_path):
    with pytest.raises(WriteRefused):
        write(tmp_path / "out", [("models/x.py", "x = 1\n"), ("models/x.py/y.py", "")])
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- incremental writes and the manifest


def test_a_second_run_rewrites_nothing(tmp_path):
    specs, out = _specs(tmp_path), tmp_path / "out"
    assert generate(specs, out).ok

    def times() -> (
        dict[Path, int]
    ):  # the output and the manifest (state.json and the cache are local bookkeeping)
        return {
            p: p.stat().st_mtime_ns
            for p in out.rglob("*")
            if p.is_file()
            and p.name not in ("state.json", "lock")
            and p.parent.name != "cache"
        }

    before = times()
    os.utime(
        out / "models/components/a.py", ns=(1, 1)
    )  # touched: the run must look, not trust
    before[out / "models/components/a.py"] = 1
    result = generate(specs, out)
    assert result.ok and not result.unchanged and result.changed == []
    assert times() == before
    again = generate(
        specs, out
    )  # nothing touched since: known up to date without generating
    assert again.ok and again.unchanged and again.files == []
    assert times() == before


def test_removed_inputs_remove_their_outputs_and_empty_folders(tmp_path):
    specs, out = (
        _specs(tmp_path, {**DOCS, "docs/models/extra/c.md": object_doc("C", ROW)}),
        tmp_path / "out",
    )
    assert generate(specs, out).ok
    assert (out / "models/extra/c.py").exists()
    (specs / "docs/models/extra/c.md").unlink()
    result = generate(specs, out)
    assert result.ok
    assert (
        not (out / "models/extra").exists() and not (out / "docs/models/extra").exists()
    )


def test_a_hand_edited_file_is_reported(tmp_path):
    specs, out = _specs(tmp_path), tmp_path / "out"
    assert generate(specs, out).ok
    a = out / "models/components/a.py"
    a.write_text(a.read_text().replace("id: str", "id: int"))
    (specs / "docs/models/components/a.md").write_text(
        object_doc("A", ROW, f"| `x` | *string* | {CHECK} | N/A |")
    )
    result = generate(specs, out)
    assert [d.file for d in result.diagnostics if d.code == "write-hand-edited"] == [
        os.fspath(a)
    ]
    assert "x: str" in a.read_text()


def test_a_hand_edited_orphan_is_kept(tmp_path):
    specs, out = _specs(tmp_path), tmp_path / "out"
    assert generate(specs, out).ok
    b = out / "models/components/b.py"
    b.write_text("# my edits\n")
    (specs / "docs/models/components/b.md").unlink()
    result = generate(specs, out)
    assert any(d.code == "write-hand-edited" for d in result.diagnostics)
    assert b.read_text() == "# my edits\n"


def test_check_lists_exactly_what_a_run_then_changes(tmp_path):
    """``check`` and ``write`` follow one plan: every file check lists, and only those, is what
    the run changes; a hand-edited orphan is kept by both (a warning, not a removal)."""
    specs = _specs(
        tmp_path,
        {**DOCS, "docs/models/components/c.md": object_doc("C", ROW)},
    )
    out = tmp_path / "out"
    assert generate(specs, out).ok
    a = out / "models/components/a.py"
    a.write_text(a.read_text().replace("id: str", "id: int"))  # edited by hand
    b = out / "models/components/b.py"
    b.write_text("# my edits\n")  # edited by hand, and its input goes
    (specs / "docs/models/components/b.md").unlink()
    (specs / "docs/models/components/c.md").unlink()  # its outputs go
    (specs / "docs/models/components/d.md").write_text(object_doc("D", ROW))  # added
    checked = generate(specs, out, check=True)
    listed = sorted(c.path for c in checked.changes)
    kept = [d.file for d in checked.diagnostics if d.code == "write-hand-edited"]
    assert kept == [os.fspath(b)]
    assert "models/components/b.py" not in listed
    assert {"models/components/a.py", "models/components/c.py"} <= set(listed)
    assert {"models/components/d.py", "docs/models/components/d.md"} <= set(listed)
    actions = {c.path: c.action for c in checked.changes}
    assert actions["models/components/c.py"] == "remove"
    assert actions["models/components/d.py"] == "add"
    written = generate(specs, out)
    assert sorted(p for p in written.changed if not p.startswith(".gen-models")) == [
        p for p in listed if not p.startswith(".gen-models")
    ]
    assert b.read_text() == "# my edits\n"
    assert generate(specs, out, check=True).changes == []


def test_output_of_a_version_without_manifest_is_adopted(tmp_path):
    """Modules that say 'generated by gen-models' in their header were written by gen-models 0.1."""
    specs, out = _specs(tmp_path), tmp_path / "out"
    assert generate(specs, out, docs=False).ok
    (out / ".gen-models/manifest.json").unlink()
    a = out / "models/components/a.py"
    a.write_text(a.read_text() + "# older\n")
    assert generate(specs, out, docs=False).ok
    assert "# older" not in a.read_text()


# ---------------------------------------------------------------- killed runs


def test_leftovers_of_killed_runs_are_reported_by_check_and_removed_by_a_run(tmp_path):
    specs, out = _specs(tmp_path), tmp_path / "out"
    assert generate(specs, out).ok
    write_docs(
        out,
        {
            ".gen-models/stage-abc123/models/x.py": "junk",
            ".gen-models-abcd1234/new/models/y.py": "junk",
        },
    )
    result = generate(specs, out, check=True)
    assert {".gen-models/stage-abc123", ".gen-models-abcd1234"} <= set(result.stale)
    assert result.exit_code == 1
    result = generate(specs, out)
    assert result.ok
    assert (
        not (out / ".gen-models/stage-abc123").exists()
        and not (out / ".gen-models-abcd1234").exists()
    )
    assert generate(specs, out, check=True).stale == []


def test_a_users_folder_that_looks_like_a_stage_is_kept(tmp_path):
    specs, out = _specs(tmp_path), tmp_path / "out"
    write_docs(out, {".gen-models-abcd1234/mine.txt": "mine"})
    assert generate(specs, out).ok
    assert (out / ".gen-models-abcd1234/mine.txt").exists()


def test_check_writes_nothing(tmp_path):
    specs = _specs(tmp_path)
    result = generate(specs, tmp_path / "out", check=True)
    assert result.exit_code == 1 and not (tmp_path / "out").exists()


def test_cli_summary_names_no_traceback(tmp_path):
    proc = run_cli(_specs(tmp_path), tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"\d+ modules in .*, \d+ file\(s\) changed", proc.stderr)


# ---------------------------------------------------------------- the explaining check


def test_check_says_why_each_file_would_change(tmp_path):
    specs = _specs(tmp_path, {**DOCS, "docs/models/extra/c.md": object_doc("C", ROW)})
    out = tmp_path / "out"
    assert generate(specs, out).ok
    (specs / "docs/models/components/a.md").write_text(
        object_doc("A", ROW, f"| `x` | *string* | {CHECK} | N/A |")
    )
    (specs / "docs/models/extra/c.md").unlink()
    b = out / "models/components/b.py"
    b.write_text(b.read_text() + "# mine\n")
    changes = {
        c.path: (c.action, c.reason) for c in generate(specs, out, check=True).changes
    }
    assert changes["models/components/a.py"] == (
        "change",
        "input changed: docs/models/components/a.md",
    )
    assert changes["models/components/b.py"] == (
        "change",
        "edited by hand since gen-models wrote it",
    )
    assert changes["models/extra/c.py"] == (
        "remove",
        "input removed: docs/models/extra/c.md",
    )
    assert changes["docs/README.md"][0] == "change" and changes["docs/README.md"][
        1
    ].startswith("other inputs changed")


def test_check_names_changed_options_and_shows_a_capped_diff(tmp_path):
    specs, out = _specs(tmp_path), tmp_path / "out"
    assert generate(specs, out).ok
    result = generate(specs, out, check=True, kind="dataclasses")
    reasons = {c.reason for c in result.changes if c.path.endswith("a.py")}
    assert reasons == {"options changed (kind: 'pydantic' -> 'dataclasses')"}
    assert any(
        line.startswith("+@dataclasses.dataclass")
        for c in result.changes
        for line in c.diff
    )
    proc = run_cli(specs, out, "--check", "--kind", "dataclasses")
    assert proc.returncode == 1
    assert (
        "models/components/a.py: would change (options changed (kind: 'pydantic' -> 'dataclasses'))"
        in proc.stderr
    )
    assert "+@dataclasses.dataclass(kw_only=True)" in proc.stderr


def test_check_when_nothing_changed_is_quick_and_clean(tmp_path):
    specs, out = _specs(tmp_path), tmp_path / "out"
    assert generate(specs, out).ok
    result = generate(specs, out, check=True)
    assert result.unchanged and result.exit_code == 0 and result.stale == []


def test_a_big_file_that_shrinks_is_not_hand_edited(tmp_path):
    """A file of gen-models' over 1 MiB (orq-node's docs/README.md is 4 MiB) that a run makes
    shorter is read whole before its digest is compared: no false hand-edit warning."""
    out = tmp_path / "out"
    big = "x" * (2 << 20)
    write(out, [("docs/README.md", big + "yyyyyyyy\n")])
    from generator.diagnostics import Diagnostics

    diags = Diagnostics()
    write(out, [("docs/README.md", big + "y\n")], diags)
    assert [d.code for d in diags.sorted()] == []
    assert (out / "docs/README.md").read_text() == big + "y\n"


def test_staging_threads_share_whole_folders():
    """Each staging thread creates the files of whole folders (threads creating files in one
    folder wait on its lock): every file once, no folder split, the big folders spread.
    """
    from generator.write.transaction import _by_folder

    files = [(f"big/{i}.py", b"") for i in range(50)]
    files += [(f"docs/big/{i}.md", b"") for i in range(48)]
    files += [(f"small{k}/{i}.py", b"") for k in range(6) for i in range(k + 1)]
    shares = _by_folder(files, 4)
    assert len(shares) == 4
    assert sorted(f for share in shares for f in share) == sorted(files)
    owner = {}
    for n, share in enumerate(shares):
        for rel, _ in share:
            assert owner.setdefault(rel.rsplit("/", 1)[0], n) == n
    assert owner["big"] != owner["docs/big"]
    assert max(map(len, shares)) == 50  # the biggest folder alone sets the pace
    assert _by_folder(files[:3], 4) == [files[:3]]  # one folder: one thread


def test_the_journal_names_the_staged_manifest_instead_of_holding_it(tmp_path):
    """The new manifest waits in the stage, not in the journal (on a big corpus it is 18 MB,
    which the journal's JSON would escape and copy once more every run); applying the journal
    moves it in."""
    import json

    from generator.write import transaction

    meta = tmp_path / ".gen-models"
    meta.mkdir()
    folder = transaction.stage(meta, [("models/a.py", b"a = 1\n")])
    manifest = b'{"files": {"models/a.py": "' + b"0" * 64 + b'"}}\n'
    journal = transaction.begin(meta, folder, ["models/a.py"], [], manifest)
    assert "manifest" not in json.loads((meta / transaction.JOURNAL).read_bytes())
    transaction.apply(tmp_path, journal)
    assert (meta / "manifest.json").read_bytes() == manifest
    assert (tmp_path / "models/a.py").read_bytes() == b"a = 1\n"
    assert not folder.exists() and not (meta / transaction.JOURNAL).exists()


def test_a_journal_of_format_1_is_still_finished(tmp_path):
    """A journal an older gen-models left (the manifest inside it) is carried out by the next run."""
    import json

    from generator.diagnostics import Diagnostics
    from generator.write import transaction

    meta = tmp_path / ".gen-models"
    meta.mkdir()
    folder = transaction.stage(meta, [("models/a.py", b"a = 1\n")])
    old = {
        "format": 1,
        "stage": folder.name,
        "moves": ["models/a.py"],
        "removals": [],
        "manifest": '{"files": {}}\n',
    }
    (meta / transaction.JOURNAL).write_text(json.dumps(old))
    diags = Diagnostics()
    transaction.recover(tmp_path, diags)
    assert [d.code for d in diags.items] == ["write-repaired"]
    assert (meta / "manifest.json").read_text() == '{"files": {}}\n'
    assert (tmp_path / "models/a.py").read_bytes() == b"a = 1\n"


# ---------------------------------------------------------------- the manifest rewritten in place


def _manifest_tables(rnd) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Paths JSON must escape, paths that begin other paths, a path in every table."""
    names = ["a", "a.py", "a/b", 'q"uote', "tab\tx", "caf\u00e9", "x\u2028y", "z"]
    paths = [f"{p}/{n}" for p in ("models", "models/a", "docs") for n in names]
    files = {p: f"{rnd.getrandbits(256):064x}" for p in paths}
    inputs = {p + ".md": f"{rnd.getrandbits(256):064x}" for p in names}
    sources = {p: p.split("/")[-1] + ".md" for p in paths[::2]}
    return files, inputs, sources


def test_the_manifest_patched_is_the_manifest_dumped():
    import random

    from generator.write import manifest
    from generator.write.manifest import Stamp

    rnd = random.Random(7)
    for _ in range(200):
        files, inputs, sources = _manifest_tables(rnd)
        stamp = Stamp("1.0", {"kind": "pydantic", "emit": ["models"]}, "t" * 64, inputs)
        old_bytes = manifest.dumps(files, stamp, sources)
        old = manifest.loads(old_bytes)
        assert old is not None
        new_files, new_inputs, new_sources = dict(files), dict(inputs), dict(sources)
        for table in (new_files, new_inputs, new_sources):
            for key in rnd.sample(sorted(table), rnd.choice([0, 1, 2, 3, len(table)])):
                table[key] = f"{rnd.getrandbits(256):064x}"
        new_stamp = Stamp(stamp.version, stamp.options, stamp.templates, new_inputs)
        got = manifest.patched(old_bytes, old, new_files, new_stamp, new_sources)
        assert got == manifest.dumps(new_files, new_stamp, new_sources)
    # more than digests changed: not patched (written out whole)
    files, inputs, sources = _manifest_tables(rnd)
    stamp = Stamp("1.0", {"kind": "pydantic"}, "t" * 64, inputs)
    old_bytes = manifest.dumps(files, stamp, sources)
    old = manifest.loads(old_bytes)
    assert old is not None
    fewer = dict(files)
    fewer.pop("models/a")
    other = Stamp("1.0", {"kind": "dataclasses"}, "t" * 64, inputs)
    for args in [
        (fewer, stamp, sources),
        ({**files, "models/new": "0" * 64}, stamp, sources),
        (files, other, sources),
        (files, Stamp("1.1", stamp.options, stamp.templates, inputs), sources),
        (files, stamp, {}),
        (files, None, sources),
    ]:
        assert manifest.patched(old_bytes, old, *args) is None


def test_an_edit_run_patches_the_manifest_a_cold_run_would_write(tmp_path, monkeypatch):
    from generator.write import manifest

    specs = _specs(tmp_path)
    out, cold = tmp_path / "out", tmp_path / "cold"
    assert generate(specs, out).ok
    made = []
    real = manifest.patched

    def spy(*args, **kwargs):
        made.append(real(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(manifest, "patched", spy)
    doc = specs / "docs/models/components/a.md"
    doc.write_text(doc.read_text().replace("\n\n", "\n\nEdited.\n\n", 1))
    assert generate(specs, out).ok
    assert made and made[-1] is not None  # the edit run rewrote entries in place
    assert generate(specs, cold).ok
    name = ".gen-models/manifest.json"
    assert (out / name).read_bytes() == (cold / name).read_bytes()


@pytest.mark.parametrize(
    "rel",
    ["../x", "a//b", "/a", "a/", ".", "..", "a/./b", "a/../b", "x/.", "./a", "a/.."]
    + ["", "a\\b", "c:x", "a\0b"],
)
def test_a_manifest_with_any_unsafe_path_is_damaged(rel):
    """The manifest's paths are tested all at once: one bad path among good ones is found."""
    import json

    from generator.write import manifest
    from generator.write.paths import UnsafePath, safe

    with pytest.raises(UnsafePath):
        safe(rel)
    for first in ("models/a.py", "zz", ".a"):
        files = {first: "0" * 64, rel: "1" * 64, "models/b.py": "2" * 64}
        data = json.dumps({"format": 2, "files": files}).encode()
        assert manifest.loads(data) is None


def test_a_manifest_with_unusual_safe_paths_is_read():
    import json

    from generator.write import manifest

    names = [".a", "a/.b", "..a/b", "a..", "...", "a/.../b", "caf\u00e9/x", "a\nb"]
    files = {n: f"{i:064x}" for i, n in enumerate(names)}
    found = manifest.loads(json.dumps({"format": 2, "files": files}).encode())
    assert found is not None and found.files == files
    for bad in ({"a": "0" * 63}, {"a": 1}, {"a": None}):
        assert manifest.loads(json.dumps({"format": 2, "files": bad}).encode()) is None


@pytest.mark.parametrize(
    "entry, kept",
    [
        ([1, 2], [1, 2]),
        ([True, 2], [1, 2]),
        ([1.5, 2], [1, 2]),
        ([1], None),
        ("x", None),
    ],
)
def test_state_entries_of_another_shape_are_dropped_or_made_ints(entry, kept):
    import json

    from generator.write import manifest

    data = {"manifest": manifest.digest(b"m"), "code": "c", "files": {"a": entry}}
    files, code = manifest.load_state(json.dumps(data).encode(), b"m")
    assert code == "c" and files == ({} if kept is None else {"a": kept})
    assert all(type(v) is int for v in files.get("a", []))


# ---------------------------------------------------------------- Previous: what can be reused


def test_previous_reuses_many_outputs_at_once_only_while_each_is_as_written(tmp_path):
    from generator.write.previous import Previous

    out = tmp_path / "out"
    assert generate(_specs(tmp_path), out).ok
    files = dict(Previous(out).record.files)
    assert len(files) > 4
    previous = Previous(out)
    assert previous.all_reusable(files)
    assert set(previous.stats) == set(files)
    a = "models/components/a.py"
    assert not Previous(out).all_reusable(
        dict(files, **{a: "0" * 64})
    )  # another digest
    st = os.stat(out / a)
    os.utime(out / a, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # touched since
    previous = Previous(out)
    assert not previous.all_reusable(files)
    assert previous.stats == {}  # nothing found reusable by a call that says no
    assert previous.all_reusable({k: v for k, v in files.items() if k != a})
    assert not Previous(out).all_reusable({"models/components/gone.py": files[a]})
