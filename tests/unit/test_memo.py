"""The render memo (``render/memo.py``): which renderings a run reuses, how they are stored (one
base value with a reverse index from reads to renderings, and the changes since), and that a
stored value of another shape, or changes without their base, are nothing stored."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest

from generator import ir
from generator.render.memo import RenderMemo
from generator.render.naming import name_package
from generator.render.package import RenderOptions, render
from generator.render.stored import Last, Stored, read_key
from generator.write.cache import Cache, made_by

from .irs import field, obj, ref

STR = ir.Prim("string")


def _entries(n: int = 3) -> list[tuple[str, dict[str, str], list[str]]]:
    return [
        (
            f"a/{i}.py",
            {f"a/{i}.py": f"d{i}"},
            [read_key(("m", "c", f"M{i}")), read_key(("*",))],
        )
        for i in range(n)
    ]


# ---------------------------------------------------------------- the stored value


def test_stored_entries_come_back_with_their_outputs_and_reads():
    entries = _entries() + [
        ("idx", {"p/__init__.py": "x", "p/__init__.pyi": "y"}, [read_key(("K",))])
    ]
    stored = Stored.load(Stored.dump(entries))
    assert stored is not None
    for name, outputs, reads in entries:
        j = stored.index[name]
        assert stored.outputs(j) == outputs
        assert stored.deps(j) == reads


def test_the_reverse_index_finds_the_entries_that_read_a_value():
    stored = Stored.load(Stored.dump(_entries()))
    assert stored is not None
    assert stored.readers({read_key(("m", "c", "M1"))}) == {stored.index["a/1.py"]}
    assert stored.readers({read_key(("*",))}) == {0, 1, 2}
    assert stored.readers({read_key(("m", "c", "Other"))}) == set()


def test_the_token_tells_bases_apart():
    one, other = _entries(), _entries()
    other[1] = (other[1][0], {other[1][0]: "changed"}, other[1][2])
    assert Stored.dump(one)["token"] == Stored.dump(_entries())["token"]
    assert Stored.dump(one)["token"] != Stored.dump(other)["token"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda v: v.update(format=99),
        lambda v: v.update(names=v["names"] + ["one more"]),
        lambda v: v.update(names=[1, 2, 3]),
        lambda v: v.update(deps=v["deps"][:-1]),  # not whole integers
        lambda v: v.update(deps=b"\xff\xff\xff\xff" + v["deps"][4:]),  # no such read
        lambda v: v.update(readers=b"\x09\x00\x00\x00" + v["readers"][4:]),
        lambda v: v.update(out_at=v["out_at"][4:] + v["out_at"][:4]),  # not rising
        lambda v: v.update(digests=v["digests"][:-1]),
        lambda v: v.pop("token"),
        lambda v: v.update(deps=list(v["deps"])),
    ],
)
def test_a_stored_value_of_another_shape_is_nothing_stored(damage):
    value = Stored.dump(_entries())
    damage(value)
    assert Stored.load(value) is None
    assert Stored.load(["not", "a", "dict"]) is None


# ---------------------------------------------------------------- base and changes


def _cache() -> Cache:
    return Cache(None, made_by("test"))


def _store(cache: Cache, last: Last, made, keep) -> None:
    for path, (key, value) in last.saved("salt", made, keep).items():
        cache.put(RenderMemo.TABLE, path, key, value)


def test_a_few_changes_are_stored_beside_the_base_which_stays_as_it_was():
    cache = _cache()
    entries = _entries(3)
    _store(cache, Last(Stored(Stored.dump([])), {}, loaded=False), {}, set())
    last = Last.load(cache, RenderMemo.TABLE, "salt")
    assert last is not None and last.base.names == []
    made = {name: (outputs, reads) for name, outputs, reads in entries}
    _store(cache, last, made, set(made))
    again = Last.load(cache, RenderMemo.TABLE, "salt")
    assert again is not None
    assert again.base.names == [] and set(again.changes) == set(made)
    assert again.entry("a/1.py") == made["a/1.py"]
    # an entry no longer made is forgotten; one made but not storable is not kept either
    _store(cache, again, {"a/2.py": None}, {"a/1.py", "a/2.py"})
    last = Last.load(cache, RenderMemo.TABLE, "salt")
    assert last is not None
    assert last.entry("a/0.py") is None and last.entry("a/2.py") is None
    assert last.entry("a/1.py") == made["a/1.py"]


def test_the_base_is_written_again_when_the_changes_grow_and_they_start_over():
    base = Stored(Stored.dump(_entries(3)))
    last = Last(base, {}, loaded=True)
    many = {
        f"b/{i}.py": ({f"b/{i}.py": "d"}, [read_key(("m", "c", "X"))])
        for i in range(Last.CHANGES_KEPT + 1)
    }
    keep = set(many) | {"a/0.py", "a/1.py"}  # a/2.py is gone
    saved = last.saved("salt", many, keep)
    assert set(saved) == {Last.BASE, Last.CHANGES}
    key, value = saved[Last.BASE]
    new = Stored.load(value)
    assert new is not None and set(new.names) == keep
    assert saved[Last.CHANGES] == (("salt", new.token), {})
    assert new.outputs(new.index["a/1.py"]) == {"a/1.py": "d1"}


def test_a_tombstone_hides_the_bases_entry():
    base = Stored(Stored.dump(_entries(3)))
    saved = Last(base, {}).saved("salt", {}, {"a/0.py", "a/1.py"})
    assert saved == {Last.CHANGES: (("salt", base.token), {"a/2.py": None})}
    assert Last(base, saved[Last.CHANGES][1]).entry("a/2.py") is None


def test_changes_of_another_base_are_nothing_stored():
    cache = _cache()
    value = Stored.dump(_entries(3))
    cache.put(RenderMemo.TABLE, Last.BASE, "salt", value)
    cache.put(RenderMemo.TABLE, Last.CHANGES, ("salt", "another base"), {})
    assert Last.load(cache, RenderMemo.TABLE, "salt") is None
    cache.put(RenderMemo.TABLE, Last.CHANGES, ("salt", value["token"]), {})
    assert Last.load(cache, RenderMemo.TABLE, "salt") is not None
    assert Last.load(cache, RenderMemo.TABLE, "other salt") is None
    for bad in ({"x": ({"x": 1}, [])}, {"x": ({"x": "d"}, "reads")}, {1: None}):
        cache.put(RenderMemo.TABLE, Last.CHANGES, ("salt", value["token"]), bad)
        assert Last.load(cache, RenderMemo.TABLE, "salt") is None


# ---------------------------------------------------------------- runs


class _Out:
    """OUT as the memo sees it: what each path holds (by digest), and the questions asked."""

    def __init__(self) -> None:
        self.files: dict[str, str] = {}
        self.asked: list[int] = []

    def all_reusable(self, outputs) -> bool:
        self.asked.append(len(outputs))
        return all(self.files.get(p) == d for p, d in outputs.items())


def _package(pet_text: str = "") -> ir.Package:
    return ir.Package(
        (
            obj(
                "Pet", field("id", STR, description=pet_text), field("o", ref("Owner"))
            ),
            obj("Owner", field("name", STR)),
            obj("Toy", field("name", STR)),
        )
    )


def _run(cache: Cache, out: _Out, package: ir.Package) -> tuple[list, RenderMemo]:
    """One run with the memo: render, then store what was made as if it were written."""
    memo = RenderMemo(cache, "salt", out.all_reusable)
    naming = name_package(package, "pydantic")
    files = render(package, naming, RenderOptions(jobs=1), memo)
    digests = {p: hashlib.sha256(t.encode()).hexdigest() for p, t in files}
    memo.save(digests, memo.names)
    out.files.update(digests)
    return files, memo


def test_an_edit_run_renders_only_what_reads_the_edited_model():
    cache, out = _cache(), _Out()
    cold, memo = _run(cache, out, _package())
    assert not memo.reused
    files, memo = _run(cache, out, _package("the pet's id"))
    made = {p for p, _ in files}
    assert (
        "models/components/pet.py" in made and "docs/models/components/pet.md" in made
    )
    assert "models/components/toy.py" not in made
    assert "models/components/toy.py" in memo.reused
    # what was made and what was reused are what a run without the memo makes
    full = render(
        _package("the pet's id"),
        name_package(_package("the pet's id"), "pydantic"),
        RenderOptions(jobs=1),
    )
    digests = {p: hashlib.sha256(t.encode()).hexdigest() for p, t in full}
    assert {p: digests[p] for p in made} == {
        p: hashlib.sha256(t.encode()).hexdigest() for p, t in files
    }
    assert {p: digests[p] for p in memo.reused} == memo.reused
    assert set(memo.reused) | made == set(digests)
    # OUT was asked once per call for all the entries it keeps, not once per entry
    assert max(out.asked) >= 4


def test_an_output_no_longer_as_written_is_rendered_again_alone():
    cache, out = _cache(), _Out()
    _run(cache, out, _package())
    out.files["models/components/toy.py"] = "edited by hand"
    files, memo = _run(cache, out, _package())
    made = {p for p, _ in files}
    assert "models/components/toy.py" in made
    assert "models/components/owner.py" in memo.reused
    assert not made & set(memo.reused)


def test_a_rendering_stored_since_the_base_is_reused_and_made_again_when_its_read_changes():
    cache, out = _cache(), _Out()
    _run(cache, out, _package())
    _run(
        cache, out, _package("one")
    )  # pet's renderings are now changes beside the base
    last = Last.load(
        cache, RenderMemo.TABLE, RenderMemo(cache, "salt", out.all_reusable).salt
    )
    assert last is not None and "models/components/pet.py" in last.changes
    files, memo = _run(cache, out, _package("one"))
    assert "models/components/pet.py" in memo.reused
    files, memo = _run(cache, out, _package("two"))
    assert "models/components/pet.py" in {p for p, _ in files}
    # the owner's module reads nothing of the pet
    assert "models/components/owner.py" in memo.reused


def test_a_changed_model_reaches_the_renderings_that_read_it():
    cache, out = _cache(), _Out()
    package = _package()
    _run(cache, out, package)
    owner = package.models[1]
    changed = ir.Package(
        (
            package.models[0],
            replace(owner, fields=owner.fields + (field("age", ir.Prim("integer")),)),
            package.models[2],
        )
    )
    files, memo = _run(cache, out, changed)
    made = {p for p, _ in files}
    assert "models/components/owner.py" in made
    assert "docs/models/components/pet.md" in made or "models/components/pet.py" in made
    assert "models/components/toy.py" in memo.reused


def test_the_indexes_are_made_again_only_when_the_models_keys_or_names_change():
    cache, out = _cache(), _Out()
    _run(cache, out, _package())
    files, memo = _run(cache, out, _package("the pet's id"))
    made = {p for p, _ in files}
    # the package's indexes read the keys and names of every model, not their fields
    assert "models/__init__.py" in memo.reused
    assert "models/components/__init__.pyi" in memo.reused
    # the docs index reads every model's description: made again
    assert "docs/README.md" in made
    more = ir.Package(_package("the pet's id").models + (obj("Bone"),))
    files, memo = _run(cache, out, more)
    made = {p for p, _ in files}
    assert {"models/__init__.py", "models/components/__init__.pyi"} <= made
    assert "models/components/toy.py" in memo.reused
    # a model gone: the keys changed, so did the indexes
    fewer = ir.Package(tuple(m for m in more.models if m.key.name != "Toy"))
    files, memo = _run(cache, out, fewer)
    assert {"models/__init__.py", "docs/README.md"} <= {p for p, _ in files}
