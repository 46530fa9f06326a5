"""Incremental runs: a run after edits makes exactly what a cold run makes, byte for byte, while
rendering only what the edits reach (``generate`` with the cache in ``OUT/.gen-models/cache``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import generate

from .helpers import ROOT, snapshot, write_docs

CHECK, MINUS = ":heavy_check_mark:", ":heavy_minus_sign:"
M = "docs/models/components"
# gen-models' local bookkeeping: never compared (a cold OUT has a cache of its own making)
LOCAL = (".gen-models/cache/", ".gen-models/state.json", ".gen-models/lock")


def obj(name: str, rows: list[str], intro: str = "", example: str = "") -> str:
    head = f"# {name}\n\n{intro}\n\n" if intro else f"# {name}\n\n"
    if example:
        head += (
            "## Example Usage\n\n```typescript\n"
            f'import {{ {name} }} from "@acme/sdk/models/components";\n\n'
            f"let value: {name} = {example};\n```\n\n"
        )
    table = "| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |\n"
    return head + "## Fields\n\n" + table + "\n".join(rows) + "\n"


def enum(name: str, values: str) -> str:
    return f"# {name}\n\n## Values\n\n```typescript\n{values}\n```\n"


def union(name: str, members: list[tuple[str, str]]) -> str:
    out = f"# {name}\n\n\n## Supported Types\n\n"
    for heading, value in members:
        out += f"### `{heading}`\n\n```typescript\nconst value: {heading} = {value};\n```\n\n"
    return out


def ref(name: str, stem: str, required: bool = False) -> str:
    return f"[components.{name}](../../models/components/{stem}.md)"


def row(field: str, type_: str, required: bool = True, text: str = "N/A") -> str:
    return f"| `{field}` | {type_} | {CHECK if required else MINUS} | {text} |"


PET_EXAMPLE = (
    '{\n  id: "<id>",\n  owner: {\n    name: "Ann",\n    nickname: null,\n  },\n}'
)

BASE = {
    f"{M}/pet.md": obj(
        "Pet",
        [
            row("id", "*string*"),
            row("owner", ref("Owner", "owner")),
            row("status", ref("Status", "status"), False),
            row("kind", ref("Kind", "kind"), False),
            row("content", ref("Content", "content"), False),
            row("animal", ref("Animal", "animal"), False),
        ],
        "A pet.",
        PET_EXAMPLE,
    ),
    f"{M}/owner.md": obj(
        "Owner",
        [row("name", "*string*"), row("nickname", "*string*")],
        "Who owns a pet.",
    ),
    f"{M}/status.md": enum("Status", '"available" | "sold"'),
    f"{M}/kind.md": enum("Kind", '"pet"'),
    f"{M}/content.md": union(
        "Content", [("components.Owner", "{}"), ("string", '"<value>"')]
    ),
    f"{M}/cat.md": obj("Cat", [row("type", '*"cat"*'), row("purrs", "*boolean*")]),
    f"{M}/dog.md": obj("Dog", [row("type", '*"dog"*'), row("barks", "*boolean*")]),
    f"{M}/animal.md": union(
        "Animal",
        [("components.Cat", '{ type: "cat" }'), ("components.Dog", '{ type: "dog" }')],
    ),
}


def _view(out: Path) -> dict[str, bytes]:
    return {p: b for p, b in snapshot(out).items() if not p.startswith(LOCAL)}


def _edit(specs: Path, rel: str, old: str, new: str) -> None:
    path = specs / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _same_as_cold(specs: Path, out: Path, tmp: Path, **options):
    """An incremental run into ``out``, then a cold run into a fresh folder: same files, same
    diagnostics, same exit code."""
    warm = generate(specs, out, **options)
    cold_out = tmp / "cold"
    shutil.rmtree(cold_out, ignore_errors=True)
    cold = generate(specs, cold_out, **options)
    assert [str(d) for d in warm.diagnostics] == [str(d) for d in cold.diagnostics]
    assert warm.exit_code == cold.exit_code
    if cold.ok:
        assert _view(out) == _view(cold_out)
        if not warm.unchanged:  # a run that knew OUT was up to date returns no files
            assert list(warm.files) == list(cold.files)
    return warm


EDITS = [
    # a description: only the model's own module and doc, and what reads the model, change
    (
        "description",
        lambda s: _edit(s, f"{M}/owner.md", "Who owns a pet.", "Who owns it."),
    ),
    # a field added to a model others reference
    (
        "field",
        lambda s: _edit(
            s,
            f"{M}/owner.md",
            row("nickname", "*string*"),
            row("nickname", "*string*") + "\n" + row("age", "*number*", False),
        ),
    ),
    # a rename: Pet links owner.md by path, so it now refers to Person (its imports change)
    ("rename", lambda s: _edit(s, f"{M}/owner.md", "# Owner", "# Person")),
    # a union member: Content now holds a number instead of a string
    (
        "union member",
        lambda s: _edit(s, f"{M}/content.md", "### `string`", "### `number`"),
    ),
    # an enum of one value no longer: Pet.kind stops being a constant
    ("enum", lambda s: _edit(s, f"{M}/kind.md", '"pet"', '"pet" | "cat"')),
    # an example in Pet.md no longer sets Owner.nickname to null: Owner's field is not nullable
    ("evidence", lambda s: _edit(s, f"{M}/pet.md", "nickname: null", 'nickname: "x"')),
    # a doc added, and a union member that names it
    (
        "added",
        lambda s: (
            write_docs(s, {f"{M}/bird.md": obj("Bird", [row("type", '*"bird"*')])}),
            _edit(
                s,
                f"{M}/animal.md",
                "\n## Supported Types\n\n",
                "\n## Supported Types\n\n### `components.Bird`\n\n```typescript\n"
                'const value: components.Bird = { type: "bird" };\n```\n\n',
            ),
        ),
    ),
    # a discriminator member's tag changes: Animal is no longer discriminated
    ("discriminator", lambda s: _edit(s, f"{M}/dog.md", '*"dog"*', "*string*")),
    # a doc removed that nothing references
    (
        "removed",
        lambda s: (s / f"{M}/status.md").unlink()
        or _edit(
            s, f"{M}/pet.md", row("status", ref("Status", "status"), False) + "\n", ""
        ),
    ),
    # a doc removed that another references: an error, nothing written
    ("broken", lambda s: (s / f"{M}/cat.md").unlink()),
    # and back
    ("repaired", lambda s: write_docs(s, {f"{M}/cat.md": BASE[f"{M}/cat.md"]})),
    # only touched: nothing to do
    ("touched", lambda s: os.utime(s / f"{M}/pet.md")),
]


@pytest.mark.parametrize("kind", ["pydantic", "dataclasses"])
def test_incremental_runs_make_what_a_cold_run_makes(tmp_path, kind):
    specs = write_docs(tmp_path / "specs", BASE)
    out = tmp_path / "out"
    first = _same_as_cold(specs, out, tmp_path, kind=kind)
    assert first.ok, [str(d) for d in first.diagnostics]
    for name, edit in EDITS:
        edit(specs)
        result = _same_as_cold(specs, out, tmp_path, kind=kind)
        assert result.ok == (name != "broken"), (
            name,
            [str(d) for d in result.diagnostics],
        )


def test_an_edit_renders_only_what_it_reaches(tmp_path):
    docs = dict(BASE)
    for i in range(30):  # models nothing else reads
        docs[f"{M}/leaf{i}.md"] = obj(f"Leaf{i}", [row("x", "*string*")], f"Leaf {i}.")
    specs = write_docs(tmp_path / "specs", docs)
    out = tmp_path / "out"
    assert generate(specs, out).ok
    _edit(specs, f"{M}/leaf3.md", "Leaf 3.", "Leaf three.")
    result = generate(specs, out)
    assert result.ok and result.changed == sorted(
        [
            ".gen-models/manifest.json",
            "docs/README.md",
            "docs/models/components/leaf3.md",
            "models/components/leaf3.py",
        ]
    )
    rendered = {p for p, _ in result.files} - set(result.reused)
    # the leaf's module and doc, and the docs index (it lists every description): a patch run
    assert result.patched
    assert rendered == {
        "docs/README.md",
        "docs/models/components/leaf3.md",
        "models/components/leaf3.py",
    }
    # a reference to another model (what the module imports, and the import cycles, change):
    # a full run, which makes the runtime every time
    _edit(
        specs,
        f"{M}/leaf3.md",
        "| *string* |",
        "| [components.Leaf4](../../models/components/leaf4.md) |",
    )
    result = generate(specs, out)
    assert result.ok and not result.patched
    assert result.changed == sorted(
        [
            ".gen-models/manifest.json",
            "docs/models/components/leaf3.md",
            "models/components/leaf3.py",
        ]
    )
    rendered = {p for p, _ in result.files} - set(result.reused)
    assert rendered == {
        "docs/README.md",
        "docs/models/components/leaf3.md",
        "models/components/leaf3.py",
        "models/_runtime.py",
        "models/py.typed",
    }
    # a reused file's text is read from OUT when asked for
    assert dict(result.files)["models/components/leaf4.py"] == (
        out / "models/components/leaf4.py"
    ).read_text(encoding="utf-8")


def test_a_hand_edited_output_is_rendered_again(tmp_path):
    specs = write_docs(tmp_path / "specs", BASE)
    out = tmp_path / "out"
    assert generate(specs, out).ok
    _edit(specs, f"{M}/owner.md", "Who owns a pet.", "Who owns it.")
    target = out / "models/components/cat.py"
    target.write_text(target.read_text() + "# mine\n")
    result = generate(specs, out)
    assert result.ok and "models/components/cat.py" in result.changed
    assert [d.code for d in result.diagnostics if d.file == str(target)] == [
        "write-hand-edited"
    ]
    assert _view(out) == _view(_cold(specs, tmp_path))


def _cold(specs: Path, tmp: Path) -> Path:
    out = tmp / "cold"
    shutil.rmtree(out, ignore_errors=True)
    assert generate(specs, out).ok
    return out


def test_check_uses_the_cache_and_writes_nothing(tmp_path):
    specs = write_docs(tmp_path / "specs", BASE)
    out = tmp_path / "out"
    assert generate(specs, out).ok
    _edit(specs, f"{M}/owner.md", "Who owns a pet.", "Who owns it.")
    before = snapshot(out)
    check = generate(specs, out, check=True)
    assert check.exit_code == 1
    assert sorted(check.stale) == [
        "docs/README.md",
        "docs/models/components/owner.md",
        "models/components/owner.py",
    ]
    assert snapshot(out) == before


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # torn
        lambda b: b[:-5] + bytes([b[-5] ^ 1]) + b[-4:],  # a flipped bit
        lambda b: b"",  # empty
        lambda b: b.replace(
            b'"gen-models": "', b'"gen-models": "9', 1
        ),  # another version
    ],
)
def test_a_damaged_cache_is_a_cold_run(tmp_path, damage):
    specs = write_docs(tmp_path / "specs", BASE)
    out = tmp_path / "out"
    assert generate(specs, out).ok
    for path in (out / ".gen-models/cache").iterdir():
        path.write_bytes(damage(path.read_bytes()))
    _edit(specs, f"{M}/owner.md", "Who owns a pet.", "Who owns it.")
    result = generate(specs, out)
    assert result.ok and not [
        d for d in result.diagnostics if d.severity.name != "INFO"
    ]
    assert len(result.reused) == 0  # nothing taken from a damaged cache
    assert _view(out) == _view(_cold(specs, tmp_path))


RUN = """
import sys
from generator import generate
r = generate(sys.argv[1], sys.argv[2])
assert r.ok, [str(d) for d in r.diagnostics]
print(len(r.files), len(r.reused))
"""


def _run(specs: Path, out: Path, seed: str) -> tuple[int, int]:
    import subprocess
    import sys

    from .helpers import ROOT

    proc = subprocess.run(
        [sys.executable, "-c", RUN, str(specs), str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONHASHSEED=seed),
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    total, reused = proc.stdout.split()
    return int(total), int(reused)


def test_another_process_with_another_hash_seed_reuses_the_cache(tmp_path):
    specs = write_docs(tmp_path / "specs", BASE)
    out = tmp_path / "out"
    total, reused = _run(specs, out, "1")
    assert reused == 0
    _edit(
        specs,
        f"{M}/cat.md",
        row("purrs", "*boolean*"),
        row("purrs", "*boolean*", text="Loud."),
    )
    total, reused = _run(specs, out, "2")
    # Cat's module and doc, the docs index, the runtime files; Animal's and Pet's doc and module
    # read Cat's IR (its fields decide the discriminator)
    assert total - reused <= 8, (total, reused)
    assert _view(out) == _view(_cold(specs, tmp_path))


def test_out_changed_by_another_run_meanwhile_means_rendering_everything(
    tmp_path, monkeypatch
):
    from generator.write import Previous

    specs = write_docs(tmp_path / "specs", BASE)
    out = tmp_path / "out"
    assert generate(specs, out).ok
    _edit(specs, f"{M}/owner.md", "Who owns a pet.", "Who owns it.")
    # as if another run wrote OUT between this run's look at it and its write
    monkeypatch.setattr(Previous, "unchanged", lambda self: False)
    result = generate(specs, out)
    assert result.ok and len(result.reused) == 0
    monkeypatch.undo()
    assert _view(out) == _view(_cold(specs, tmp_path))
    assert generate(specs, out, check=True).stale == []


def test_options_decide_what_can_be_reused(tmp_path):
    specs = write_docs(tmp_path / "specs", BASE)
    out = tmp_path / "out"
    assert generate(specs, out).ok
    text = "Who owns a pet."
    for i, options in enumerate(
        (
            {"format": False},
            {"docs": False},
            {"kind": "dataclasses"},
            {"emit": "models,docs,jsonschema"},
            {"kind": "typeddict"},
            {},
        )
    ):
        _edit(specs, f"{M}/owner.md", text, f"Owner {i}.")
        text = f"Owner {i}."
        warm = _same_as_cold(specs, out, tmp_path, **options)
        assert warm.reused == []  # every option is part of what outputs are made from


GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def _golden_cases() -> list[str]:
    return sorted(p.name for p in GOLDEN.iterdir() if (p / "input").is_dir())


@pytest.mark.parametrize("case", _golden_cases())
def test_every_golden_input_edited_is_what_a_cold_run_makes(tmp_path, case):
    """Each golden input (markdown, OpenAPI, docs joined with a spec): a description edited in
    its first doc (or spec), then a run into the same OUT against a cold one."""
    import json

    opts_file = GOLDEN / case / "options.json"
    opts = json.loads(opts_file.read_text()) if opts_file.exists() else {}
    opts.pop("input", None)
    if "templates" in opts:
        opts["templates"] = str(GOLDEN / case / opts["templates"])
    specs = tmp_path / "specs"
    shutil.copytree(GOLDEN / case / "input", specs)
    out = tmp_path / "out"
    first = generate(specs, out, **opts)
    inputs = sorted(
        p for p in specs.rglob("*") if p.suffix in (".md", ".yaml", ".yml", ".json")
    )
    docs = [p for p in inputs if "/models/" in p.as_posix()] or inputs
    text = docs[0].read_text(encoding="utf-8")
    if docs[0].suffix == ".md":
        edited = text.replace("\n\n", "\n\nEdited.\n\n", 1)
    elif "description: " in text:
        edited = text.replace("description: ", "description: Edited ", 1)
    else:
        edited = text + ("\n# edited\n" if docs[0].suffix != ".json" else " ")
    assert edited != text
    docs[0].write_text(edited, encoding="utf-8")
    warm = _same_as_cold(specs, out, tmp_path, **opts)
    assert warm.ok == first.ok


GO_DOC = """# Owner

## Fields

| Field | Type | Required | Description |
| ----- | ---- | -------- | ----------- |
| `Name` | `string` | :heavy_check_mark: | N/A |
| `Age` | `*int64` | :heavy_minus_sign: | N/A |
"""
TS_DOC = """# Owner

## Fields

| Field | Type | Required | Description |
| ----- | ---- | -------- | ----------- |
| `name` | *string* | :heavy_check_mark: | N/A |
| `age` | *number* | :heavy_minus_sign: | N/A |
"""
# an enum doc whose text names no language: read in the dialect of the docs around it
PLAIN_ENUM = """# OwnerStatus

## Values

| Name | Value |
| ---- | ----- |
| `OwnerStatusActive` | active |
"""


def test_a_doc_without_a_dialect_of_its_own_follows_its_folder_across_runs(tmp_path):
    """The enum takes the dialect of the doc beside it; when that doc changes language, the enum
    (unchanged itself) is read again in the new one, as a cold run reads it."""
    specs = tmp_path / "specs"
    (specs / "models").mkdir(parents=True)
    (specs / "models" / "owner.md").write_text(GO_DOC, encoding="utf-8")
    (specs / "models" / "ownerstatus.md").write_text(PLAIN_ENUM, encoding="utf-8")
    out = tmp_path / "out"
    first = _same_as_cold(specs, out, tmp_path)
    assert first.ok, [str(d) for d in first.diagnostics]
    enum_module = "models/ownerstatus.py"
    as_go = _view(out)[enum_module]
    (specs / "models" / "owner.md").write_text(TS_DOC, encoding="utf-8")
    second = _same_as_cold(specs, out, tmp_path)
    assert second.ok, [str(d) for d in second.diagnostics]
    # Go names the member without its type's prefix, TypeScript keeps the Name cell
    assert as_go != _view(out)[enum_module]


def test_a_run_that_finds_out_up_to_date_says_what_the_inputs_said(tmp_path):
    """The warnings (and notes) of the run that wrote OUT are shown again by a run that finds it
    up to date, each once: a pre-commit hook or CI job with nothing to do does not hide them.
    """
    specs, out = tmp_path / "specs", tmp_path / "out"
    write_docs(
        specs,
        {
            f"{M}/pet.md": obj(
                "Pet",
                [row("id", "*string*"), row("owner", ref("Gone", "gone"))],
            ),
            "README.md": "# An SDK\n\nNot a model.\n",  # a note of the read stage
        },
    )
    first = generate(specs, out, allow_missing=True)
    shown = [str(d) for d in first.diagnostics]
    assert first.ok and "[link-unresolved]" in " ".join(shown), shown
    again = generate(specs, out, allow_missing=True)
    assert again.unchanged
    assert [str(d) for d in again.diagnostics] == shown
    check = generate(specs, out, allow_missing=True, check=True)
    assert [str(d) for d in check.diagnostics] == shown


def test_up_to_date_is_said_as_such(tmp_path):
    specs, out = tmp_path / "specs", tmp_path / "out"
    write_docs(specs, {f"{M}/pet.md": obj("Pet", [row("id", "*string*")])})
    args = [sys.executable, "-m", "generator", str(specs), str(out)]
    first = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    assert first.returncode == 0, first.stderr
    again = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    assert again.returncode == 0
    assert again.stderr.strip().splitlines()[-1] == (
        f"gen-models: {out} up to date, nothing changed (0 warning(s))"
    )


UP_TO_DATE_IMPORTS = """
import sys
from generator.cli import main
code = main(sys.argv[1:], [])
heavy = ("jinja2", "markdown_it", "yaml", "black", "generator.frontends")
print(code, " ".join(m for m in heavy if m in sys.modules))
"""


def test_a_run_that_finds_out_up_to_date_imports_no_stage_after_read(tmp_path):
    # a pre-commit hook with nothing to do pays only for the read stage: neither the parsers,
    # the front-ends, jinja (the options and the stamp name kinds and templates without it)
    # nor black (a tenth of a second each at start-up)
    specs, out = tmp_path / "specs", tmp_path / "out"
    write_docs(specs, {f"{M}/pet.md": obj("Pet", [row("id", "*string*")])})
    assert generate(specs, out).ok
    args = [sys.executable, "-c", UP_TO_DATE_IMPORTS, str(specs), str(out), "-q"]
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["0"]


def test_out_written_by_other_code_of_the_same_version_is_not_up_to_date(tmp_path):
    # an edited checkout keeps the version number: its run must generate, not trust the stamp
    import json

    specs, out = tmp_path / "specs", tmp_path / "out"
    write_docs(specs, {f"{M}/pet.md": obj("Pet", [row("id", "*string*")])})
    assert generate(specs, out).written
    state_path = out / ".gen-models" / "state.json"
    state = json.loads(state_path.read_text())
    assert state["code"]  # the digest of the code that wrote OUT
    state["code"] = "0" * 64
    state_path.write_text(json.dumps(state))
    other = generate(specs, out)
    assert not other.unchanged and other.written
    assert other.changed == []  # the same code made the same bytes: nothing rewritten
    assert json.loads(state_path.read_text())["code"] not in ("0" * 64, "")
    assert generate(specs, out).unchanged


def test_check_names_a_change_of_the_generators_code_as_the_reason():
    from generator.write.check import _Reasons
    from generator.write.manifest import Manifest, Stamp

    stamp = Stamp("1.0", {"kind": "pydantic"}, "t", {"pet.md": "a"})
    record = Manifest({"models/pet.py": "x"}, stamp, {"models/pet.py": "pet.md"})
    assert _Reasons(record, stamp, record.sources, True).of("models/pet.py") == (
        "generator's code changed (version 1.0 both times)"
    )
    assert _Reasons(record, stamp, record.sources).of("models/pet.py") == (
        "differs from what the inputs generate"
    )
