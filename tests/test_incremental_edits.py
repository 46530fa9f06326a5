"""Differential test of incremental runs: a sequence of edits (a description, a field's type, a
field added and removed, a doc added, deleted and renamed, an enum value renamed, a union member
changed, a doc made invalid and then fixed), each followed by a run into the same OUT, which must
hold byte for byte what a cold run into a fresh folder makes, say the same diagnostics, and leave
every file whose bytes it did not change with its old mtime. On a small corpus of our own and on
seed-ts (the real docs of an SDK)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from support.corpora import corpus_docs

from generator import generate

CHECK, MINUS = ":heavy_check_mark:", ":heavy_minus_sign:"
M = "docs/models/components"
# gen-models' local bookkeeping: never compared (a cold OUT has a cache of its own making)
LOCAL = (".gen-models/cache/", ".gen-models/state.json", ".gen-models/lock")
TABLE = "| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |\n"


def _obj(name: str, rows: list[str], intro: str = "") -> str:
    return f"# {name}\n\n{intro}\n\n## Fields\n\n" + TABLE + "\n".join(rows) + "\n"


def _row(field: str, type_: str, required: bool = True, text: str = "N/A") -> str:
    return f"| `{field}` | {type_} | {CHECK if required else MINUS} | {text} |"


def _ref(name: str, stem: str) -> str:
    return f"[components.{name}](../../models/components/{stem}.md)"


def _enum(name: str, values: str) -> str:
    return f"# {name}\n\n## Values\n\n```typescript\n{values}\n```\n"


def _union(name: str, members: list[tuple[str, str]]) -> str:
    out = f"# {name}\n\n\n## Supported Types\n\n"
    for heading, value in members:
        out += f"### `{heading}`\n\n```typescript\nconst value: {heading} = {value};\n```\n\n"
    return out


OWN = {
    f"{M}/pet.md": _obj(
        "Pet",
        [
            _row("id", "*string*"),
            _row("owner", _ref("Owner", "owner")),
            _row("status", _ref("Status", "status"), False),
            _row("kind", _ref("Kind", "kind"), False),
            _row("content", _ref("Content", "content"), False),
            _row("animal", _ref("Animal", "animal"), False),
        ],
        "A pet.",
    ),
    f"{M}/owner.md": _obj(
        "Owner", [_row("name", "*string*"), _row("age", "*number*")], "Who owns one."
    ),
    f"{M}/status.md": _enum("Status", '"available" | "sold"'),
    f"{M}/kind.md": _enum("Kind", '"pet"'),
    f"{M}/content.md": _union(
        "Content", [("components.Owner", "{}"), ("string", '"<value>"')]
    ),
    f"{M}/cat.md": _obj("Cat", [_row("type", '*"cat"*'), _row("purrs", "*boolean*")]),
    f"{M}/dog.md": _obj("Dog", [_row("type", '*"dog"*'), _row("barks", "*boolean*")]),
    f"{M}/animal.md": _union(
        "Animal",
        [("components.Cat", '{ type: "cat" }'), ("components.Dog", '{ type: "dog" }')],
    ),
    f"{M}/toy.md": _obj("Toy", [_row("name", "*string*")], "A toy."),
}


def _view(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.relative_to(out).as_posix().startswith(LOCAL)
    }


def _mtimes(out: Path) -> dict[str, int]:
    return {
        p.relative_to(out).as_posix(): p.stat().st_mtime_ns
        for p in out.rglob("*")
        if p.is_file()
    }


def _replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _same_as_cold(specs: Path, out: Path, tmp: Path, name: str) -> None:
    """A run into ``out`` after an edit, against a cold run into a fresh folder."""
    before, mtimes = _view(out), _mtimes(out)
    warm = generate(specs, out)
    cold_out = tmp / "cold"
    shutil.rmtree(cold_out, ignore_errors=True)
    cold = generate(specs, cold_out)
    # a run that knows OUT is up to date says what the run that wrote it said: the same
    assert [str(d) for d in warm.diagnostics] == [
        str(d) for d in cold.diagnostics
    ], name
    assert warm.exit_code == cold.exit_code, name
    after = _view(out)
    assert cold.ok == ("invalid" not in name), (
        name,
        [str(d) for d in cold.diagnostics],
    )
    if not cold.ok:
        assert after == before, name  # nothing written after errors
        return
    # every edit but these changes the output (the test would prove nothing otherwise)
    assert (after == before) == (name in ("touched only", "fixed", "doc fixed")), name
    assert after == _view(cold_out), (
        name,
        sorted(
            p
            for p in after.keys() | _view(cold_out).keys()
            if after.get(p) != _view(cold_out).get(p)
        ),
    )
    if not warm.unchanged:
        assert list(warm.files) == list(cold.files), name
    if name in PATCHED:  # made from the last run's snapshot (``generator.patch``)
        assert warm.patched, name
    elif name not in SEED_EDITS:
        assert not warm.patched, name
    now = _mtimes(out)
    touched = sorted(
        p
        for p, data in after.items()
        if before.get(p) == data and now[p] != mtimes[p] and not p.startswith(LOCAL)
    )
    assert touched == [], (name, "unchanged files got a new mtime", touched[:5])


def _run_edits(
    specs: Path, tmp: Path, edits: list[tuple[str, Callable[[Path], None]]]
) -> None:
    out = tmp / "out"
    first = generate(specs, out)
    assert first.ok, [str(d) for d in first.diagnostics][:5]
    for name, edit in edits:
        edit(specs)
        _same_as_cold(specs, out, tmp, name)


def _rename_doc(specs: Path, old: str, new: str, old_name: str, new_name: str) -> None:
    """Move a doc to another file and name, and point every link to it at the new one."""
    (specs / M / f"{old}.md").rename(specs / M / f"{new}.md")
    _replace(specs / M / f"{new}.md", f"# {old_name}", f"# {new_name}")
    for doc in specs.rglob("*.md"):
        text = doc.read_text(encoding="utf-8")
        if f"/{old}.md)" in text:
            text = text.replace(f"/{old}.md)", f"/{new}.md)").replace(
                f"components.{old_name}]", f"components.{new_name}]"
            )
            doc.write_text(text, encoding="utf-8")


OWN_EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("description", lambda s: _replace(s / M / "owner.md", "Who owns one.", "Owner.")),
    (
        "description paragraph added",
        lambda s: _replace(
            s / M / "pet.md", "\n\n## Fields", "\n\nOne pet.\n\n## Fields"
        ),
    ),
    (
        "field description",
        lambda s: _replace(
            s / M / "pet.md",
            _row("id", "*string*"),
            _row("id", "*string*", True, "Its id."),
        ),
    ),
    (
        "enum description",
        lambda s: _replace(
            s / M / "status.md", "# Status\n\n", "# Status\n\nWhere.\n\n"
        ),
    ),
    (
        "field type",
        lambda s: _replace(s / M / "owner.md", "`age` | *number*", "`age` | *string*"),
    ),
    (
        "field added",
        lambda s: _replace(
            s / M / "toy.md",
            _row("name", "*string*"),
            _row("name", "*string*") + "\n" + _row("size", "*number*", False),
        ),
    ),
    (
        "field removed",
        lambda s: _replace(s / M / "owner.md", "\n" + _row("age", "*string*"), ""),
    ),
    (
        "doc added",
        lambda s: (s / M / "bird.md").write_text(
            _obj("Bird", [_row("type", '*"bird"*')]), encoding="utf-8"
        ),
    ),
    (
        "enum value renamed",
        lambda s: _replace(s / M / "status.md", '"sold"', '"adopted"'),
    ),
    (
        "one-value enum renamed (a constant)",
        lambda s: _replace(s / M / "kind.md", '"pet"', '"animal"'),
    ),
    (
        "union member changed",
        lambda s: _replace(s / M / "content.md", "### `string`", "### `number`"),
    ),
    (
        "union member added",
        lambda s: _replace(
            s / M / "animal.md",
            "\n## Supported Types\n\n",
            "\n## Supported Types\n\n### `components.Bird`\n\n```typescript\n"
            'const value: components.Bird = { type: "bird" };\n```\n\n',
        ),
    ),
    ("discriminator lost", lambda s: _replace(s / M / "dog.md", '*"dog"*', "*string*")),
    ("doc renamed", lambda s: _rename_doc(s, "toy", "plaything", "Toy", "Plaything")),
    ("doc deleted", lambda s: (s / M / "plaything.md").unlink()),
    (
        "doc made invalid",
        lambda s: _replace(s / M / "pet.md", "../../models/components/owner.md", "x"),
    ),
    (
        "doc fixed",
        lambda s: _replace(
            s / M / "pet.md", "](x)", "](../../models/components/owner.md)"
        ),
    ),
    ("touched only", lambda s: os.utime(s / M / "pet.md")),
]


# the edits a patch run makes: descriptions, and shapes that reach no other model
PATCHED = {
    "field type",
    "field added",
    "field removed",
    "enum value renamed",
    "union member changed",
    "description",
    "description paragraph added",
    "field description",
    "enum description",
}


def test_own_corpus_edited_step_by_step_is_what_a_cold_run_makes(tmp_path):
    specs = tmp_path / "specs"
    for rel, text in OWN.items():
        (specs / rel).parent.mkdir(parents=True, exist_ok=True)
        (specs / rel).write_text(text, encoding="utf-8")
    _run_edits(specs, tmp_path, OWN_EDITS)


# ---------------------------------------------------------------- seed-ts


def _docs(specs: Path) -> list[Path]:
    return sorted((specs / "models").rglob("*.md"))


def _unreferenced(specs: Path) -> list[Path]:
    """Docs no other doc names, by link or by name (removing or renaming one breaks nothing)."""
    texts = {p: p.read_text(encoding="utf-8") for p in _docs(specs)}
    out = []
    for p, own in texts.items():
        name = own.split("\n", 1)[0].removeprefix("# ")
        word = re.compile(rf"\b{re.escape(name)}\b|/{re.escape(p.name)}\)")
        if not any(word.search(t) for q, t in texts.items() if q != p):
            out.append(p)
    return out


def _first(specs: Path, pattern: str, exclude: str = "") -> tuple[Path, re.Match]:
    for p in _docs(specs):
        text = p.read_text(encoding="utf-8")
        if exclude and exclude in text:
            continue
        found = re.search(pattern, text, re.M)
        if found is not None:
            return p, found
    raise AssertionError(f"no doc matches {pattern!r}")


def _sub(path: Path, found: re.Match, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: found.start()] + new + text[found.end() :], encoding="utf-8")


def _seed_edit(kind: str) -> Callable[[Path], None]:
    def edit(s: Path) -> None:
        if kind == "description":
            p, f = _first(s, r"^\| `\w+` +\| \*string\* +\| :heavy_check_mark: +\| ")
            _sub(p, f, f.group(0) + "Edited. ")
        elif kind == "field type":
            p, f = _first(s, r"^(\| `\w+` +\| )\*string\*")
            _sub(p, f, f.group(1) + "*number*")
        elif kind == "field removed":
            p, f = _first(s, r"^\| `\w+` +\| \*boolean\* .*\n")
            _sub(p, f, "")
        elif kind == "field added":
            p, f = _first(s, r"^\| Field .*\n\| -.*\n")
            _sub(
                p,
                f,
                f.group(0)
                + "| `addedField` | *string* | :heavy_minus_sign: | New. |\n",
            )
        elif kind == "enum value renamed":
            p, f = _first(s, r'^"(\w+)"( \| "\w+")+$')
            _sub(p, f, f.group(0).replace(f'"{f.group(1)}"', '"renamed_value"', 1))
        elif kind == "union member changed":
            p, f = _first(s, r"^### `string`$")
            _sub(p, f, "### `number`")
        elif kind == "doc added":
            (s / "models/components/addedmodel.md").write_text(
                _obj("AddedModel", [_row("id", "*string*")], "Added."), encoding="utf-8"
            )
        elif kind == "doc deleted":
            _unreferenced(s)[0].unlink()
        elif kind == "doc renamed":
            p = _unreferenced(s)[-1]
            text = p.read_text(encoding="utf-8")
            name = text.split("\n", 1)[0].removeprefix("# ")
            p.unlink()
            (p.parent / "renamedmodel.md").write_text(
                text.replace(f"# {name}", "# RenamedModel", 1).replace(
                    f"{{ {name} }}", "{ RenamedModel }"
                ),
                encoding="utf-8",
            )
        elif kind == "referenced doc's name changed":
            # its class is renamed: every module importing it changes
            p, f = _first(s, r"\]\(\.\./\.\./models/components/(\w+)\.md\)")
            target = p.parent.parent / "components" / f"{f.group(1)}.md"
            head = target.read_text(encoding="utf-8").split("\n", 1)[0]
            _replace(target, head + "\n", head + "Renamed\n")
        elif kind == "referenced doc moved":
            # same model, another file: modules importing it import another module
            p, f = _first(s, r"\]\(\.\./\.\./models/components/(\w+)\.md\)")
            stem = f.group(1)
            (s / "models/components" / f"{stem}.md").rename(
                s / "models/components" / f"{stem}moved.md"
            )
            for doc in _docs(s):
                text = doc.read_text(encoding="utf-8")
                if f"/{stem}.md)" in text:
                    doc.write_text(
                        text.replace(f"/{stem}.md)", f"/{stem}moved.md)"),
                        encoding="utf-8",
                    )
        elif kind == "made invalid":
            p, f = _first(s, r"\]\(\.\./\.\./models/components/(\w+)\.md\)")
            _sub(p, f, "](../../models/components/missingmodel.md)")
            (s.parent / "invalid.txt").write_text(
                f"{p}\n{f.group(0)}", encoding="utf-8"
            )
        elif kind == "fixed":
            p_text, old = (
                (s.parent / "invalid.txt").read_text(encoding="utf-8").split("\n")
            )
            _replace(Path(p_text), "](../../models/components/missingmodel.md)", old)
            (s.parent / "invalid.txt").unlink()
        else:  # pragma: no cover
            raise AssertionError(kind)

    return edit


SEED_EDITS = [
    "description",
    "field type",
    "field removed",
    "field added",
    "enum value renamed",
    "union member changed",
    "doc added",
    "doc deleted",
    "doc renamed",
    "referenced doc's name changed",
    "referenced doc moved",
    "made invalid",
    "fixed",
]


def test_seed_ts_edited_step_by_step_is_what_a_cold_run_makes(tmp_path):
    specs = tmp_path / "specs"
    shutil.copytree(corpus_docs("seed-ts"), specs)
    _run_edits(specs, tmp_path, [(k, _seed_edit(k)) for k in SEED_EDITS])


def _own(specs: Path) -> None:
    for rel, text in OWN.items():
        (specs / rel).parent.mkdir(parents=True, exist_ok=True)
        (specs / rel).write_text(text, encoding="utf-8")


def test_own_corpus_edited_with_the_render_memo_folded_each_time(tmp_path, monkeypatch):
    """The render memo keeps the renderings an edit run made beside its base (at most
    ``CHANGES_KEPT``, or an eighth of the base): here the base is written again whenever an
    edit run made more than an eighth of the renderings."""
    from generator.render.stored import Last

    monkeypatch.setattr(Last, "CHANGES_KEPT", 0)
    specs = tmp_path / "specs"
    _own(specs)
    _run_edits(specs, tmp_path, OWN_EDITS)


def test_an_output_touched_in_out_is_made_again_and_the_rest_reused(tmp_path):
    specs, out = tmp_path / "specs", tmp_path / "out"
    _own(specs)
    assert generate(specs, out).ok
    owner = out / "models/components/owner.py"
    st = owner.stat()
    os.utime(owner, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    _replace(specs / M / "toy.md", "`name`", "`title`")
    again = generate(specs, out)
    assert again.ok
    assert "models/components/owner.py" not in again.reused
    assert "models/components/toy.py" not in again.reused
    assert "models/components/pet.py" in again.reused
    cold = generate(specs, tmp_path / "cold")
    assert _view(out) == _view(tmp_path / "cold") and cold.ok
