"""Nothing in the input can make the generator write outside OUT."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest

from generator import generate
from generator.write import UnsafePath, write

from .helpers import object_doc, snapshot, write_docs

CHECK = ":heavy_check_mark:"
ROW = f"| `id` | *string* | {CHECK} | N/A |"


def _inside(out: Path) -> None:
    real = out.resolve()
    for dirpath, dirnames, filenames in os.walk(out):
        for name in dirnames + filenames:
            p = (Path(dirpath) / name).resolve()
            assert p == real or real in p.parents, p


def _safe_rel(path: str) -> None:
    p = PurePosixPath(path)
    assert not p.is_absolute() and ".." not in p.parts and "" not in p.parts, path
    assert "\\" not in path and ":" not in path, path


WEIRD_FILES = {
    "docs/models/components/....md": object_doc("Dots", ROW),
    "docs/models/components/..md": object_doc("DotDot", ROW),
    "docs/models/components/-.md": object_doc("Dash", ROW),
    "docs/models/components/a b.md": object_doc("Spaced", ROW),
    "docs/models/components/evil..md": object_doc("evil..", ROW),
    "docs/models/..hidden/h.md": object_doc("Hidden", ROW),
    "docs/models/con/nul.md": object_doc("Nul", ROW),
    "docs/models/__init__/init.md": object_doc("Init", ROW),
    "docs/models/components/__init__.md": object_doc("__init__", ROW),
    "docs/models/components/_runtime.md": object_doc("_runtime", ROW),
    "docs/models/components/py.typed.md": object_doc("py.typed", ROW),
    "docs/models/components/class.md": object_doc("class", ROW),
    "docs/models/components/a.b.md": object_doc("a.b", ROW),
    "docs/models/components/$x.md": object_doc("$x", ROW),
}


def test_weird_file_and_model_names_stay_inside_out(tmp_path):
    specs = write_docs(tmp_path / "specs", WEIRD_FILES)
    out = tmp_path / "deep" / "out"
    result = generate(specs, out)
    for path, _ in result.files:
        _safe_rel(path)
    _inside(tmp_path / "deep")
    assert (
        not (tmp_path / "evil.py").exists()
        and not (tmp_path / "deep" / "evil.py").exists()
    )
    if result.ok:
        for path, text in result.files:
            if path.endswith(".py"):
                compile(text, path, "exec")


COLON_DIR = {
    "docs/models/x:y/colon.md": object_doc("Colon", ROW),
    "docs/models/components/ok.md": object_doc("Ok", ROW),
}


def test_namespace_dir_with_a_colon_never_raises_nor_escapes(tmp_path):
    specs = write_docs(tmp_path / "specs", COLON_DIR)
    out = tmp_path / "out"
    result = generate(specs, out)  # must not raise
    _inside(tmp_path)
    if not result.ok:
        assert not out.exists() or not any(out.iterdir())


def test_namespace_dir_with_a_colon_generates(tmp_path):
    result = generate(write_docs(tmp_path / "specs", COLON_DIR), tmp_path / "out")
    assert result.ok, [str(d) for d in result.diagnostics]
    for path, _ in result.files:
        _safe_rel(path)


@pytest.mark.parametrize(
    "h1",
    [
        "../../evil",
        "a/b",
        "..",
        "../evil",
        "/etc/passwd",
        "C:\\evil",
        "x\\..\\..\\evil",
        "evil/../../x",
        "~~../evil~~",
    ],
)
def test_h1_names_with_path_parts(h1, tmp_path):
    specs = write_docs(
        tmp_path / "specs",
        {
            "docs/models/components/evil.md": object_doc(h1, ROW),
            "docs/models/components/ok.md": object_doc("Ok", ROW),
        },
    )
    out = tmp_path / "a" / "b" / "out"
    out.mkdir(parents=True)
    (out / "sentinel").write_text("x")
    result = generate(specs, out)
    for path, _ in result.files:
        _safe_rel(path)
    _inside(tmp_path / "a")
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["b"]
    assert sorted(p.name for p in (tmp_path / "a" / "b").iterdir()) == ["out"]
    if not result.ok:
        assert snapshot(out) == {"sentinel": b"x"}


def test_link_targets_climbing_out_are_unresolved(tmp_path):
    specs = write_docs(
        tmp_path / "specs",
        {
            "docs/models/components/a.md": object_doc(
                "A",
                f"| `b` | [components.B](../../../../../../etc/b.md) | {CHECK} | N/A |",
            )
        },
    )
    write_docs(tmp_path, {"etc/b.md": object_doc("B", ROW)})
    result = generate(specs, tmp_path / "out")
    assert result.exit_code == 2
    assert any(d.code == "link-unresolved" for d in result.diagnostics)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "bad", ["../x.py", "/abs.py", "a/../../x.py", "", "a\\b.py", "c:/x.py"]
)
def test_write_refuses_unsafe_paths(bad, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(UnsafePath):
        write(out, [("models/ok.py", "x = 1\n"), (bad, "evil\n")])
    assert not (tmp_path / "x.py").exists() and not Path("/abs.py").exists()
    assert not (out / "models").exists()
