"""``generate()`` as a library: input from memory (a mapping of relative path to text) works like a
folder of those files, and options come as an ``Options`` object or as keywords."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator import Options, generate

from .helpers import object_doc, snapshot, write_docs

CHECK = ":heavy_check_mark:"
DOCS = {
    "models/components/pet.md": object_doc(
        "Pet",
        f"| `owner` | [components.Owner](../../models/components/owner.md) | {CHECK} | N/A |",
    ),
    "models/components/owner.md": object_doc(
        "Owner", f"| `fullName` | *string* | {CHECK} | The name. |"
    ),
    "models/operations/getpet.md": object_doc(
        "GetPet", f"| `id` | *int* | {CHECK} | N/A |"
    ),
    "README.md": "# SDK\n\nNot a model.\n",
    "models/notes.txt": "not markdown",
    ".hidden/models/x.md": object_doc("X", f"| `a` | *string* | {CHECK} | N/A |"),
}


def test_in_memory_input_works_like_a_folder_of_those_files(tmp_path):
    from_disk = generate(write_docs(tmp_path / "specs", DOCS), write=False)
    in_memory = generate(DOCS, write=False)
    assert in_memory.ok, in_memory.diagnostics
    assert in_memory.files == from_disk.files
    assert in_memory.diagnostics == from_disk.diagnostics
    assert "models/components/pet.py" in dict(in_memory.files)
    assert not any(
        "x.py" in p for p, _ in in_memory.files
    )  # below a hidden folder: skipped, as on disk


def test_in_memory_text_is_read_like_a_file():
    crlf = {
        k: "\ufeff" + v.replace("\n", "\r\n")
        for k, v in DOCS.items()
        if k.endswith(".md")
    }
    assert generate(crlf, write=False).files == generate(DOCS, write=False).files


def test_in_memory_input_can_be_written(tmp_path):
    result = generate(DOCS, tmp_path / "out")
    assert result.ok and result.written
    assert "models/components/owner.py" in snapshot(tmp_path / "out")
    assert generate(DOCS, tmp_path / "out", check=True).stale == []


@pytest.mark.parametrize(
    "bad",
    [
        "/abs/models/a.md",
        "../models/a.md",
        "models/../a.md",
        "models//a.md",
        "./a.md",
        "models\\a.md",
        "C:/a.md",
        "",
    ],
)
def test_in_memory_paths_are_checked_like_paths_on_disk(bad, tmp_path):
    result = generate(
        {bad: DOCS["models/components/owner.md"], **DOCS}, tmp_path / "out"
    )
    assert not result.ok
    assert [d.code for d in result.diagnostics if d.severity.name == "ERROR"] == [
        "read-path"
    ]
    assert not result.files and not (tmp_path / "out").exists()


def test_in_memory_input_with_no_docs():
    result = generate({}, write=False)
    assert [(d.file, d.code) for d in result.diagnostics] == [
        ("<memory>", "read-no-models")
    ]


@pytest.mark.parametrize("bad", [{"a.md": b"bytes"}, {1: "text"}, {"a.md": None}])
def test_in_memory_input_must_map_str_to_str(bad):
    with pytest.raises(TypeError, match="relative paths"):
        generate(bad, write=False)


def test_options_as_an_object_or_as_keywords():
    by_object = generate(
        DOCS,
        write=False,
        options=Options(kind="dataclasses", package="api", docs=False),
    )
    by_keywords = generate(
        DOCS, write=False, kind="dataclasses", package="api", docs=False
    )
    assert by_object.ok and by_object.files == by_keywords.files
    assert all(p.startswith("api/") for p, _ in by_object.files)


def test_options_not_both_and_of_the_right_type(tmp_path):
    with pytest.raises(TypeError, match="not both"):
        generate(DOCS, write=False, options=Options(), kind="dataclasses")
    with pytest.raises(TypeError, match="Options object"):
        generate(DOCS, write=False, options={"kind": "dataclasses"})
    with pytest.raises(TypeError, match="templates"):
        Options(templates=3)
    assert Options(templates=tmp_path).templates == str(tmp_path)
    assert Options(templates=Path("rel")).templates == "rel"
    with pytest.raises(dataclasses.FrozenInstanceError):  # one configuration a run
        Options().kind = "dataclasses"  # type: ignore[misc]


def test_the_package_is_typed():
    # PEP 561: without the marker a caller's mypy treats ``generator`` as untyped (the wheel
    # takes the whole package folder, so the marker ships with it)
    import generator

    assert (Path(generator.__file__).parent / "py.typed").is_file()
