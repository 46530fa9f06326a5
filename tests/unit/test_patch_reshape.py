"""The patch run of a doc whose shape changed (``generator.patch.reshape``): an edit that reaches
no other model is patched; one that could (a constant a discriminator reads, a reference to
another model, nullability an example gives another model) is a full run. Each case ends with OUT
byte for byte what a cold run makes, with the same diagnostics."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import generate

from .helpers import outputs, replace_once, write_docs

M = "models/components"
CHECK, MINUS = ":heavy_check_mark:", ":heavy_minus_sign:"
HEAD = "| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |\n"


def _row(field: str, type_: str, required: bool = True) -> str:
    return f"| `{field}` | {type_} | {CHECK if required else MINUS} | N/A |\n"


def _ref(name: str) -> str:
    return f"[components.{name}](../../models/components/{name.lower()}.md)"


def _example(name: str, body: str) -> str:
    return (
        "## Example Usage\n\n```typescript\n"
        f'import {{ {name} }} from "x/models/components";\n\n'
        f"let value: {name} = {{\n{body}}};\n```\n\n"
    )


def _obj(name: str, rows: str, example: str = "") -> str:
    return f"# {name}\n\nA {name}.\n\n{example}## Fields\n\n{HEAD}{rows}"


DOCS = {
    f"{M}/pet.md": _obj(
        "Pet",
        _row("id", "*string*")
        + _row("owner", _ref("Owner"))
        + _row("status", _ref("Status"), False)
        + _row("kind", _ref("Kind"), False)
        + _row("animal", _ref("Animal"), False),
        _example("Pet", '  id: "<id>",\n  owner: {\n    name: "<name>",\n  },\n'),
    ),
    f"{M}/owner.md": _obj(
        "Owner",
        _row("name", "*string*") + _row("age", "*number*"),
        _example("Owner", '  name: "<name>",\n  age: 3,\n'),
    ),
    f"{M}/status.md": "# Status\n\n## Values\n\n```typescript\n"
    + '"available" | "sold"\n```\n',
    f"{M}/kind.md": '# Kind\n\n## Values\n\n```typescript\n"pet"\n```\n',
    f"{M}/cat.md": _obj("Cat", _row("type", '*"cat"*') + _row("purrs", "*boolean*")),
    f"{M}/dog.md": _obj("Dog", _row("type", '*"dog"*') + _row("barks", "*boolean*")),
    f"{M}/animal.md": "# Animal\n\n\n## Supported Types\n\n"
    + "".join(
        f"### `components.{n}`\n\n```typescript\n"
        f'const value: components.{n} = {{ type: "{n.lower()}" }};\n```\n\n'
        for n in ("Cat", "Dog")
    ),
}


def _specs(tmp: Path) -> Path:
    return write_docs(tmp / "specs", DOCS)


def _after_edit(tmp: Path, doc: str, old: str, new: str):
    """Run, edit ``doc``, run again: that run, and what OUT holds against a cold run."""
    specs, out = _specs(tmp), tmp / "out"
    assert generate(specs, out).ok
    before = outputs(out)
    replace_once(specs / M / doc, old, new)
    run = generate(specs, out)
    cold = generate(specs, tmp / "cold")
    assert run.ok and cold.ok
    assert [str(d) for d in run.diagnostics] == [str(d) for d in cold.diagnostics]
    after = outputs(out)
    assert after == outputs(tmp / "cold")
    assert after != before  # every edit here changes the output
    return run, sorted(p for p in after if after[p] != before.get(p))


PATCHED = {
    "a field's type": ("owner.md", "| `age` | *number*", "| `age` | *string*"),
    "a field added": (
        "owner.md",
        _row("age", "*number*"),
        _row("age", "*number*") + _row("email", "*string*", False),
    ),
    "a field removed": ("owner.md", _row("age", "*number*"), ""),
    "a field made optional": (
        "owner.md",
        _row("age", "*number*"),
        _row("age", "*number*", False),
    ),
    # its attribute is ``class_``: the names change with the model
    "a field named as a keyword": ("owner.md", "| `age` |", "| `class` |"),
    "an enum value renamed": ("status.md", '"sold"', '"adopted"'),
    "a union member's own field": (
        "dog.md",
        "| `barks` | *boolean*",
        "| `barks` | *string*",
    ),
    # no union has Owner as a member: no discriminator reads its constants
    "a constant field of a model no union has": (
        "owner.md",
        "| `age` | *number*",
        '| `age` | *"adult"*',
    ),
    # the doc's own example: its own field takes null
    "a null in its own example": (
        "owner.md",
        '  name: "<name>",\n  age',
        "  name: null,\n  age",
    ),
}


@pytest.mark.parametrize("case", PATCHED)
def test_an_edit_that_reaches_no_other_model_is_patched(tmp_path, case):
    doc, old, new = PATCHED[case]
    run, changed = _after_edit(tmp_path, doc, old, new)
    assert run.patched, case
    stem = doc[:-3]
    assert (
        f"{M}/{stem}.py" in changed and f"docs/models/components/{stem}.md" in changed
    )


def test_a_null_in_its_own_example_makes_the_field_nullable(tmp_path):
    doc, old, new = PATCHED["a null in its own example"]
    run, _ = _after_edit(tmp_path, doc, old, new)
    assert run.patched
    assert "name: str | None" in (tmp_path / "out" / M / "owner.py").read_text()


FULL = {
    # a discriminator reads it (Animal's)
    "a union member's constant": ("dog.md", '*"dog"*', '*"hound"*'),
    # constant-literals made Pet.kind of it
    "a one-value enum's value": ("kind.md", '"pet"', '"animal"'),
    # Pet's module imports another model now
    "a field made a reference": (
        "pet.md",
        "| `id` | *string*",
        f"| `id` | {_ref('Dog')}",
    ),
    # the null is at Owner.name, a field of another doc's model
    "a null in an example reaching another model": (
        "pet.md",
        'name: "<name>"',
        "name: null",
    ),
    "another kind of model": (
        "kind.md",
        '## Values\n\n```typescript\n"pet"\n```\n',
        "## Fields\n\n" + HEAD + _row("x", "*string*"),
    ),
}


@pytest.mark.parametrize("case", FULL)
def test_an_edit_that_may_reach_another_model_is_a_full_run(tmp_path, case):
    doc, old, new = FULL[case]
    run, _ = _after_edit(tmp_path, doc, old, new)
    assert not run.patched, case


def test_a_patch_after_a_shape_patch_knows_the_new_names(tmp_path):
    """The first patch run stores the names it changed (``class_``); the second renders with them."""
    specs, out = _specs(tmp_path), tmp_path / "out"
    assert generate(specs, out).ok
    replace_once(specs / M / "owner.md", "| `age` |", "| `class` |")
    assert generate(specs, out).patched
    replace_once(specs / M / "owner.md", "A Owner.", "An owner.")
    run = generate(specs, out)
    assert run.patched
    shutil.rmtree(tmp_path / "cold", ignore_errors=True)
    assert generate(specs, tmp_path / "cold").ok
    assert outputs(out) == outputs(tmp_path / "cold")
    assert "class_: float" in (out / M / "owner.py").read_text()


def test_without_the_examples_of_the_last_run_a_shape_edit_is_a_full_run(tmp_path):
    specs, out = _specs(tmp_path), tmp_path / "out"
    assert generate(specs, out).ok
    for shard in (out / ".gen-models" / "cache").glob("evidence-*"):
        shard.unlink()
    replace_once(specs / M / "owner.md", "| `age` | *number*", "| `age` | *string*")
    run = generate(specs, out)
    assert run.ok and not run.patched
    assert generate(specs, tmp_path / "cold").ok
    assert outputs(out) == outputs(tmp_path / "cold")


def _union(name: str, *members: str) -> str:
    return f"# {name}\n\n\n## Supported Types\n\n" + "".join(
        f"### `{t}`\n\n```typescript\nconst value: {t} = {v};\n```\n\n"
        for t, v in members
    )


def test_a_union_member_no_longer_behind_a_list_is_a_full_run(tmp_path):
    """``A``'s member ``B[]`` becomes ``B``: the doc references the same models and its constants
    are the same, but union ``A`` now reaches union ``B`` with no list between, and ``B`` reaches
    ``A`` through ``C``, a model ``A`` does not reference: a union that contains itself, which
    ``union-cycles`` finds only over every model, in a full run."""
    docs = {
        f"{M}/a.md": _union("A", ("components.B[]", "[]"), ("string", '"x"')),
        f"{M}/b.md": _union("B", ("components.C", '"x"'), ("number", "1")),
        f"{M}/c.md": _union("C", ("components.A", '"x"'), ("boolean", "true")),
    }
    specs, out = write_docs(tmp_path / "specs", docs), tmp_path / "out"
    assert generate(specs, out).ok
    before = outputs(out)
    for _ in range(2):  # the heading and the example
        replace_once(specs / M / "a.md", "components.B[]", "components.B")
    run = generate(specs, out)
    cold = generate(specs, tmp_path / "cold")
    assert not run.patched
    assert not cold.ok and "ir-union-cycle" in "".join(map(str, cold.diagnostics))
    assert [str(d) for d in run.diagnostics] == [str(d) for d in cold.diagnostics]
    assert outputs(out) == before  # a failed run leaves OUT as it was
