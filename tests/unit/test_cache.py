"""gen-models' cache in OUT/.gen-models/cache: entries by exact key, damage is a miss, loading
cannot run code, digests depend on values alone."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from generator import ir
from generator.parse.types import SKIP, RawRef
from generator.write import cache as C


def _cache(meta: Path | None) -> C.Cache:
    return C.Cache(meta, {"gen-models": "test", "code": "x"})


def test_entries_by_exact_key_across_runs(tmp_path):
    first = _cache(None)
    model = ir.ObjectModel(
        key=ir.ModelKey("components", "Pet"),
        description="A pet.",
        deprecated=None,
        source=ir.Source("models/components/pet.md", 1),
        fields=(
            ir.Field(
                "id", ir.Ref(ir.ModelKey("components", "Id")), True, ir.Source("x", 3)
            ),
        ),
    )
    first.put(
        "link", "models/pet.md", ("abc", "typescript"), (model, SKIP, RawRef("X"))
    )
    first.put("heads", "models/pet.md", ["abc", "typescript"], ["Pet", 1, []])
    assert first.dirty
    first.save(tmp_path)
    again = _cache(tmp_path)
    assert again.get("link", "models/pet.md", ("abc", "typescript")) == (
        model,
        SKIP,
        RawRef("X"),
    )
    assert again.get("link", "models/pet.md", ("abd", "typescript")) is None
    assert again.get("heads", "models/pet.md", ("abc", "typescript")) == ["Pet", 1, []]
    assert again.get("heads", "models/other.md", ("abc", "typescript")) is None
    assert not again.dirty
    # made by something else (another version, other code): nothing is used
    other = C.Cache(tmp_path, {"gen-models": "test", "code": "y"})
    assert other.get("heads", "models/pet.md", ["abc", "typescript"]) is None


def _shards(meta: Path) -> list[Path]:
    return sorted((meta / C.FOLDER).glob("*.pickle"))


def _forge(path: Path, payload: bytes, made: dict) -> None:
    """A file with a valid header and digest around any payload (what an attacker could write)."""
    path.write_bytes(C._pack({"format": C.FORMAT, "made_by": made}, payload))


class Boom:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


def test_loading_cannot_run_code(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    made = {"gen-models": "test", "code": "x"}
    c = _cache(None)
    c.put("link", "a.md", "k", 1)
    c.put("heads", "a.md", "k", 1)
    c.save(tmp_path)
    for shard in _shards(tmp_path):
        _forge(shard, pickle.dumps({"a.md": ("k", Boom())}), made)
    again = _cache(tmp_path)
    assert again.get("link", "a.md", "k") is None
    assert again.get("heads", "a.md", "k") is None
    assert not (tmp_path / "pwned").exists()


def test_functions_and_foreign_classes_are_refused(tmp_path):
    from generator import pipeline

    made = {"gen-models": "test", "code": "x"}
    for value in (pipeline.generate, pipeline.Options(), Path("x")):
        c = _cache(None)
        c.put("link", "a.md", "k", 0)
        c.save(tmp_path)
        for shard in _shards(tmp_path):
            try:
                payload = pickle.dumps({"a.md": ("k", value)})
            except Exception:  # pragma: no cover - not picklable at all
                continue
            _forge(shard, payload, made)
        assert _cache(tmp_path).get("link", "a.md", "k") is None, value


def test_plain_tables_make_no_objects_at_all(tmp_path):
    made = {"gen-models": "test", "code": "x"}
    c = _cache(None)
    c.put("heads", "a.md", "k", 0)
    c.save(tmp_path)
    key = ir.ModelKey("a", "b")  # one of ours, but a plain table holds plain data only
    for shard in _shards(tmp_path):
        _forge(shard, pickle.dumps({"a.md": ["k", key]}), made)
    assert _cache(tmp_path).get("heads", "a.md", "k") is None


def test_damage_is_a_miss(tmp_path):
    c = _cache(None)
    c.put("link", "a.md", "k", ir.ModelKey("a", "b"))
    c.save(tmp_path)
    for shard in _shards(tmp_path):
        data = shard.read_bytes()
        shard.write_bytes(data[:-3] + bytes([data[-3] ^ 0x40]) + data[-2:])
    assert _cache(tmp_path).get("link", "a.md", "k") is None
    for shard in _shards(tmp_path):
        shard.write_bytes(b"gen-models-cache {not json\n")
    assert _cache(tmp_path).get("link", "a.md", "k") is None


def test_a_shard_of_another_shape_is_a_miss(tmp_path):
    """A shard that passes its header is still read only if it is a dict of (key, value) pairs."""
    made = {"gen-models": "test", "code": "x"}
    c = _cache(None)
    c.put("heads", "a.md", "k", 0)
    c.save(tmp_path)
    for bad in ({"a.md": "kv"}, {"a.md": ["k", 0, 1]}, {"a.md": ("k",)}, [("a.md", 0)]):
        for shard in _shards(tmp_path):
            _forge(shard, pickle.dumps(bad), made)
        assert _cache(tmp_path).get("heads", "a.md", "k") is None
    for shard in _shards(tmp_path):
        _forge(shard, pickle.dumps({"a.md": ("k", 0)}), made)
    assert _cache(tmp_path).get("heads", "a.md", "k") == 0


def test_prune_and_forget(tmp_path):
    c = _cache(None)
    for name in ("a.md", "b.md", "c.md"):
        c.put("heads", name, "k", name)
        c.put("link", name, "k", name)
    c.prune("heads", {"a.md"})
    c.forget("link", ["b.md"])
    assert sorted(c.paths("heads")) == ["a.md"]
    assert [c.get("link", n, "k") for n in ("a.md", "b.md", "c.md")] == [
        "a.md",
        None,
        "c.md",
    ]


def test_digests_depend_on_the_value_alone():
    d = C.Digests()
    key = ir.ModelKey("components", "Pet")
    shared = ir.Ref(key)
    a = ir.UnionModel(
        key=key,
        description="",
        deprecated=None,
        source=ir.Source("p.md"),
        members=(shared, ir.ListOf(shared)),
    )
    b = ir.UnionModel(
        key=ir.ModelKey("components", "Pet"),
        description="",
        deprecated=None,
        source=ir.Source("p.md"),
        members=(ir.Ref(ir.ModelKey("components", "Pet")), ir.ListOf(ir.Ref(key))),
    )
    assert a == b and d.of(a) == d.of(b)  # one object met twice, or two equal ones
    c = ir.UnionModel(
        key=key,
        description="",
        deprecated=None,
        source=ir.Source("p.md"),
        members=(shared,),
    )
    assert d.of(c) != d.of(a)
    assert d.of(None) == b"-"


def test_a_lookup_reads_only_its_shard(tmp_path):
    """An edit run asks the parse table for one doc: one shard file is read, not the table; a
    forget of nothing reads nothing. ``table`` (many lookups at once) reads every shard.
    """
    first = _cache(None)
    names = [f"models/m{i}.md" for i in range(200)]
    for name in names:
        first.put("parse", name, "k", name)
    first.save(tmp_path)
    assert len(_shards(tmp_path)) == C.SHARDS
    again = _cache(tmp_path)
    again.forget("parse", [])
    assert again._shards == {}
    assert again.get("parse", names[7], "k") == names[7]
    assert list(again._shards) == [("parse", C._shard_of(names[7]))]
    again.forget("parse", [names[8]])
    assert len(again._shards) <= 2
    assert again.get("parse", names[8], "k") is None
    assert sorted(again.table("parse")) == sorted(names[:8] + names[9:])
    assert len(again._shards) == C.SHARDS


def test_get_many_is_get_of_each(tmp_path):
    """One look-up call for many paths gives what ``get`` gives path by path: the value under
    the same key, None under another key or for a path never stored; in plain and object tables,
    before and after a save."""
    cache = _cache(tmp_path)
    for n in range(40):
        cache.put("heads", f"docs/{n}.md", [f"d{n}", ""], [f"name{n}", n])
        cache.put("link", f"docs/{n}.md", (f"d{n}", "ts"), (f"model{n}", b"x"))
    asked = {
        "heads": [(f"docs/{n}.md", [f"d{n if n % 3 else -1}", ""]) for n in range(45)],
        "link": [
            (f"docs/{n}.md", (f"d{n}", "ts" if n % 4 else "go")) for n in range(45)
        ],
    }
    for current in (cache, None):
        if current is None:
            cache.save(tmp_path)
            current = _cache(tmp_path)
        for table, wanted in asked.items():
            got = current.get_many(table, wanted)
            assert got == [current.get(table, p, k) for p, k in wanted]
            assert any(v is None for v in got) and any(v is not None for v in got)


def test_a_save_removes_the_shards_other_code_made(tmp_path):
    # a table the running code no longer has (another generator's) would otherwise stay on
    # disk for good; this code's shards stay, read or not, and so does any other file
    old = C.Cache(None, {"gen-models": "test", "code": "old"})
    old.put("gone", "a.md", "k", 0)
    old.put("heads", "a.md", "k", 0)
    old.save(tmp_path)
    mine = _cache(None)
    mine.put("kept", "b.md", "k", 1)
    mine.save(tmp_path)
    folder = tmp_path / C.FOLDER
    (folder / "notes.txt").write_text("not a shard")
    (folder / "odd-01.pickle").write_bytes(b"not one of ours")
    now = _cache(tmp_path)
    now.put("heads", "a.md", "k", 2)
    now.save(tmp_path)
    names = sorted(p.name for p in folder.iterdir())
    assert not any(n.startswith("gone-") for n in names), names
    assert any(n.startswith("kept-") for n in names) and "notes.txt" in names
    assert "odd-01.pickle" in names
    assert _cache(tmp_path).get("kept", "b.md", "k") == 1
    assert _cache(tmp_path).get("heads", "a.md", "k") == 2
