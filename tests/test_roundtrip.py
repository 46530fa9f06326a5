"""Round trip: the docs we write parse back into the same package.

Generate from a fixture (A), generate again from A's docs (B): every file under ``models/`` must be
byte-identical, and so must the docs themselves.
"""

from __future__ import annotations

import tarfile
from dataclasses import replace
from pathlib import Path

import pytest

from generator import generate, ir

FIXTURES = Path(__file__).parent / "fixtures" / "roundtrip"
CORPORA = Path(__file__).parents[1].parent / "shared" / "corpora"


def _tree(files: list[tuple[str, str]], root: str) -> dict[str, str]:
    return {p: t for p, t in files if p.startswith(root + "/")}


def _round_trip(specs: Path, tmp_path: Path):
    a = generate(specs, tmp_path / "A", write=True)
    assert a.ok, [str(d) for d in a.diagnostics if d.severity.name == "ERROR"]
    b = generate(tmp_path / "A" / "docs", tmp_path / "B", write=True)
    assert b.ok, [str(d) for d in b.diagnostics if d.severity.name == "ERROR"]
    return a, b


def _assert_same(a_files: dict[str, str], b_files: dict[str, str]) -> None:
    assert sorted(a_files) == sorted(b_files)
    differ = [p for p in a_files if a_files[p] != b_files[p]]
    assert (
        not differ
    ), f"{len(differ)} file(s) differ after the round trip, e.g. {differ[:5]}"


@pytest.mark.parametrize("name", ["ts", "py"])
def test_fixture_round_trip(name: str, tmp_path: Path) -> None:
    a, b = _round_trip(FIXTURES / name, tmp_path)
    models_a, models_b = _tree(a.files, "models"), _tree(b.files, "models")
    assert (
        len(
            [p for p in models_a if p.endswith(".py") and not p.endswith("__init__.py")]
        )
        >= 10
    )
    _assert_same(models_a, models_b)
    _assert_same(_tree(a.files, "docs"), _tree(b.files, "docs"))
    # the IR survives too (sources aside): names, fields, types, flags, members, discriminators
    assert _unsourced(a.package) == _unsourced(b.package)
    # and so do the Python names
    assert a.naming.models == b.naming.models


def _unsourced(package) -> list:
    """The IR with sources and naming hints left out (A read the input, B read A's docs, which
    spell the Python names A chose: those are compared as ``naming`` instead)."""
    out = []
    for m in package.models:
        m = replace(m, source=None, path_hint="")
        if isinstance(m, ir.ObjectModel):
            fields = tuple(replace(f, source=None, name_hint="") for f in m.fields)
            m = replace(m, fields=fields)
        if isinstance(m, ir.EnumModel):
            members = tuple(replace(x, source=None, name_hint="") for x in m.members)
            m = replace(m, members=members)
        out.append(m)
    return out


def _models(result) -> dict[str, object]:
    return {result.naming[m.key].module: m for m in result.package.models}


def _attrs(result, model) -> dict[str, object]:
    """A model's fields by their Python attribute."""
    return dict(zip(result.naming[model.key].attrs, model.fields))


def test_ts_fixture_survives(tmp_path: Path) -> None:
    """What must survive, spelled out (a broken renderer that writes the same wrong thing twice fails here)."""
    _, b = _round_trip(FIXTURES / "ts", tmp_path)
    ms = _models(b)
    pet = ms["components.pet"]
    by_attr = _attrs(b, pet)
    assert by_attr["pet_id"].name == "petId" and by_attr["class_"].name == "class"
    assert by_attr["pet_id"].description == "The id.\nSecond line with a | pipe."
    assert by_attr["pet_id"].example.text == "pet_123"
    assert (
        by_attr["old_name"].deprecated.startswith("This will be removed")
        and by_attr["old_name"].description == "The old name."
    )
    assert (
        by_attr["legacy"].deprecated == "Use kind.."
        and by_attr["legacy"].description == ""
    )
    assert pet.extra is not None and pet.extra_name == "additionalProperties"
    assert "- one\n- two" in pet.description
    animal = ms["components.animal"]
    assert (
        animal.discriminator.property == "kind"
        and b.naming[animal.key].discriminator == "kind"
    )
    assert [v for v, _ in animal.discriminator.mapping] == ["dog", "cat"]
    assert ms["components.status"].open is True
    assert [x.value for x in ms["operations.size"].members] == [1, 2]
    assert ms["components.contact"].deprecated.startswith("This will be removed")
    assert ms["components.connectionvalue"].known is False
    cls = ms["components.class_"]
    assert cls.key.name == "Class" and b.naming[cls.key].class_name == "Class"
    assert ms["components.my_model"].key.name == "my-model"
    assert (tmp_path / "B" / "models" / "components" / "class_.py").is_file()
    readme = (tmp_path / "A" / "docs" / "README.md").read_text()
    assert (
        "[components.Pet](models/components/pet.md)" in readme
        and "[operations.Pet](models/operations/pet.md)" in readme
    )


def test_py_fixture_survives(tmp_path: Path) -> None:
    _, b = _round_trip(FIXTURES / "py", tmp_path)
    ms = _models(b)
    combos = _attrs(b, ms["combos"])
    assert combos["req"].type == ir.STRING and combos["req"].required
    assert (
        combos["req_null"].type == ir.Nullable(ir.STRING)
        and combos["req_null"].required
    )
    assert combos["opt"].type == ir.INTEGER and not combos["opt"].required
    assert (
        combos["opt_null"].type == ir.Nullable(ir.NUMBER)
        and not combos["opt_null"].required
    )
    assert combos["items"].type == ir.ListOf(ir.Nullable(ir.INTEGER))
    assert combos["nested"].type == ir.DictOf(ir.DictOf(ir.BOOLEAN))
    assert combos["created_at"].type == ir.DATETIME and combos["due_on"].type == ir.DATE
    assert combos["amount"].type == ir.DECIMAL and combos["blob"].type == ir.BINARY
    assert combos["type"].type == ir.Lit("entry") and combos["kind"].type == ir.Lit(
        "entry"
    )
    assert combos["flag"].type == ir.Lit(False)
    assert combos["choice"].type == ir.UnionOf((ir.Lit("a"), ir.Lit("b")))
    assert combos["str_or_int"].type == ir.UnionOf((ir.STRING, ir.INTEGER))
    assert combos["format"].name == "format"
    assert isinstance(combos["level_null"].type, ir.Nullable)
    assert (
        ms["combos"].extra == ir.ANY and ms["combos"].extra_name == "__pydantic_extra__"
    )
    assert ms["shape"].discriminator.property == "shape_type"
    assert b.naming[ms["shape"].key].discriminator == "shape_type"
    assert ms["mode"].open and [x.value for x in ms["mode"].members] == [
        "fast",
        "slow",
        "1",
    ]
    assert [x.value for x in ms["priority"].members] == [100, 200]
    assert b.naming[ms["level"].key].members == ("LOW", "HIGH", "VERY_HIGH")


def test_index_is_not_a_model(tmp_path: Path) -> None:
    a, b = _round_trip(FIXTURES / "py", tmp_path)
    assert "docs/README.md" in dict(a.files)
    assert all("readme" not in b.naming[m.key].module for m in b.package.models)
    assert len(b.package.models) == len(a.package.models)


@pytest.mark.corpus
def test_seed_ts_round_trip(tmp_path: Path) -> None:
    archive = CORPORA / "seed-ts.tar.xz"
    if not archive.is_file():
        pytest.skip(f"{archive} not found")
    src = tmp_path / "src"
    with tarfile.open(archive) as tar:
        tar.extractall(src, filter="data")
    docs = next((p for p in src.rglob("docs") if (p / "models").is_dir()), src)
    a, b = _round_trip(docs, tmp_path)
    models_a = _tree(a.files, "models")
    assert len(models_a) > 100
    _assert_same(models_a, _tree(b.files, "models"))
    _assert_same(_tree(a.files, "docs"), _tree(b.files, "docs"))


GOLDEN = Path(__file__).parent / "golden"


def _headless(files: dict[str, str]) -> dict[str, str]:
    """Modules without their first line, which names the input doc: Go's docs sit under
    ``pkg/models``, ours under ``models``."""
    return {p: t.partition("\n")[2] for p, t in files.items()}


@pytest.mark.parametrize(
    "case",
    [
        "go_v1",
        "go_v2",
        "java_2023",
        "java_v2",
        "csharp_2023",
        "csharp_v2",
        "php_v1",
        "php_v2",
        "ruby_v1",
        "ruby_v2",
    ],
)
def test_go_docs_round_trip(case: str, tmp_path: Path) -> None:
    """Go docs (JSON names from Go names, prefixed enum members, pointers), Java's, C#'s, PHP's
    and Ruby's -> models -> our docs -> the same models, IR and names."""
    a, b = _round_trip(GOLDEN / case / "input", tmp_path)
    _assert_same(
        _headless(_tree(a.files, "models")), _headless(_tree(b.files, "models"))
    )
    _assert_same(_tree(a.files, "docs"), _tree(b.files, "docs"))
    assert _unsourced(a.package) == _unsourced(b.package)
    assert a.naming.models == b.naming.models


@pytest.mark.corpus
@pytest.mark.parametrize("language", ["go", "java", "csharp", "php", "ruby"])
def test_gentests_go_round_trip(language: str, tmp_path: Path) -> None:
    from support.corpora import language_docs

    a, b = _round_trip(language_docs(language), tmp_path)
    models_a = _headless(_tree(a.files, "models"))
    assert len(models_a) > 500
    _assert_same(models_a, _headless(_tree(b.files, "models")))
    _assert_same(_tree(a.files, "docs"), _tree(b.files, "docs"))
