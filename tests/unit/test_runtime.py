"""The generated runtime (``_runtime.py``): open enums keep unknown values without growing the class.

Each test imports a freshly generated package (both kinds) from a temporary folder.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator import generate
from generator.write import write as write_out

from .helpers import write_docs

OPEN = "This is an open enum. Unrecognized values will be captured as the `Unrecognized<string>` branded type.\n\n"
DOCS = {
    "docs/models/components/color.md": f'# Color\n\n{OPEN}## Values\n\n```typescript\n"red" | "green" | Unrecognized<string>\n```\n',
    "docs/models/components/priority.md": f"# Priority\n\n{OPEN}## Values\n\n```typescript\n1 | 2 | Unrecognized<number>\n```\n",
    "docs/models/components/mixed.md": f'# Mixed\n\n{OPEN}## Values\n\n```typescript\n"a" | 1 | Unrecognized<string>\n```\n',
    "docs/models/components/paint.md": "# Paint\n\n## Fields\n\n"
    "| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |\n"
    "| `color` | [components.Color](../../models/components/color.md) | :heavy_check_mark: | N/A |\n"
    "| `priority` | [components.Priority](../../models/components/priority.md) | :heavy_minus_sign: | N/A |\n"
    "| `mixed` | [components.Mixed](../../models/components/mixed.md) | :heavy_minus_sign: | N/A |\n",
}


@pytest.fixture(scope="module", params=["pydantic", "dataclasses"])
def pkg(request, tmp_path_factory):
    kind = request.param
    tmp = tmp_path_factory.mktemp(kind)
    name = f"runtime_{kind}_models"
    result = generate(
        write_docs(tmp / "specs", DOCS), write=False, kind=kind, package=name
    )
    assert result.ok, result.diagnostics
    write_out(tmp / "out", result.files)
    sys.path.insert(0, str(tmp / "out"))
    importlib.invalidate_caches()
    try:
        module = importlib.import_module(name)
        module.out = tmp / "out"
        module.kind = kind
        yield module
    finally:
        sys.path.remove(str(tmp / "out"))
        for m in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[m]


def test_unknown_values_are_kept(pkg):
    Color, Priority, Mixed = pkg.Color, pkg.Priority, pkg.Mixed
    assert Color("x").value == "x" and Color("x").name == "x"
    assert Priority(99).value == 99
    assert Mixed("zz").value == "zz" and Mixed(5).value == 5
    for e in (Color("x"), Priority(99), Mixed("zz")):
        assert isinstance(e, type(e)) and isinstance(e, pkg._runtime.OpenEnum)
    assert (
        isinstance(Color("x"), Color)
        and isinstance(Priority(99), Priority)
        and isinstance(Mixed(5), Mixed)
    )


def test_known_values_are_the_real_members(pkg):
    Color, Priority, Mixed = pkg.Color, pkg.Priority, pkg.Mixed
    assert (
        Color("red") is Color.RED
        and Priority(1) is Priority.VALUE_1
        and Mixed("a") is Mixed.A
    )
    assert list(Color) == [Color.RED, Color.GREEN]
    assert Color("x") not in list(Color)


def test_pseudo_members_of_one_value_are_equal(pkg):
    Color, Priority, Mixed = pkg.Color, pkg.Priority, pkg.Mixed
    for make, v, w in (
        (Color, "x", "y"),
        (Priority, 99, 98),
        (Mixed, "zz", "zy"),
        (Mixed, 5, 6),
    ):
        a, b = make(v), make(v)
        assert a == b and not (a != b) and hash(a) == hash(b)
        assert len({a, b}) == 1 and {a: 1}[b] == 1
        assert a != make(w) and a != make(make(w).value)
    assert Mixed(5) != Mixed("5")
    assert (
        Color("x") != Color.RED and Color.RED == Color.RED and Color.RED != Color.GREEN
    )
    assert Color("x") != Priority(99)
    # the str and int enums compare like their values, known members and pseudo-members alike
    assert Color("x") == "x" and Color.RED == "red" and Priority(99) == 99


def test_unknown_values_do_not_grow_the_class(pkg):
    for enum_cls, make in (
        (pkg.Color, lambda i: f"unknown-{i}"),
        (pkg.Priority, lambda i: 1000 + i),
        (pkg.Mixed, lambda i: i + 10 if i % 2 else f"u{i}"),
    ):
        values, names, attrs = (
            len(enum_cls._value2member_map_),
            len(enum_cls._member_map_),
            len(enum_cls.__dict__),
        )
        for i in range(10_000):
            assert enum_cls(make(i)).value == make(i)
        assert len(enum_cls._value2member_map_) == values
        assert len(enum_cls._member_map_) == names
        assert len(enum_cls.__dict__) == attrs
        assert len(list(enum_cls)) == names


def test_models_keep_unknown_values(pkg):
    Paint, Color, Priority, Mixed = pkg.Paint, pkg.Color, pkg.Priority, pkg.Mixed
    if pkg.kind == "dataclasses":
        a = Paint(color=Color("x"), priority=Priority(99), mixed=Mixed("zz"))
        b = Paint(color=Color("x"), priority=Priority(99), mixed=Mixed("zz"))
        assert a == b and a.color.value == "x"
        assert a != Paint(color=Color("y"), priority=Priority(99), mixed=Mixed("zz"))
        return
    data = {"color": "x", "priority": 99, "mixed": "zz"}
    p = Paint.model_validate(data)
    assert isinstance(p.color, Color) and p.color == Color("x") and p.color.value == "x"
    assert isinstance(p.priority, Priority) and p.priority.value == 99
    assert isinstance(p.mixed, Mixed) and p.mixed.value == "zz"
    assert p.model_dump(mode="json") == data
    assert json.loads(p.model_dump_json()) == data
    assert Paint.model_validate_json(p.model_dump_json()) == p
    assert Paint.model_validate(p.model_dump()) == p
    assert p.model_copy(deep=True) == p
    known = Paint.model_validate({"color": "red", "priority": 1, "mixed": 1})
    assert known.color is Color.RED and known.priority is Priority.VALUE_1
    assert known.model_dump(mode="json") == {"color": "red", "priority": 1, "mixed": 1}
    before = len(Color._value2member_map_)
    for i in range(1000):
        assert Paint.model_validate({"color": f"c{i}"}).color.value == f"c{i}"
    assert len(Color._value2member_map_) == before


def test_runtime_passes_mypy_strict(pkg):
    pytest.importorskip("mypy")
    runtime = Path(pkg.out) / pkg.__name__ / "_runtime.py"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            "/dev/null",
            str(runtime),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


# constants: a required `Literal["x"]` defaults to "x" (Speakeasy's Python SDKs do) and is still
# validated and always sent; a tag with a default still discriminates its union
CONST_DOCS = {
    "docs/models/cat.md": "# Cat\n\n## Fields\n\n"
    "| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |\n"
    '| `kind` | *Literal["cat"]* | :heavy_check_mark: | N/A |\n'
    "| `lives` | *int* | :heavy_check_mark: | N/A |\n"
    '| `mood` | *Optional[Literal["calm"]]* | :heavy_minus_sign: | N/A |\n',
    "docs/models/dog.md": "# Dog\n\n## Fields\n\n"
    "| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |\n"
    '| `kind` | *Literal["dog"]* | :heavy_check_mark: | N/A |\n'
    "| `good` | *bool* | :heavy_check_mark: | N/A |\n",
    "docs/models/pet.md": "# Pet\n\n## Supported Types\n\n"
    "### `models.Cat`\n\n```python\nvalue: models.Cat = /* values here */\n```\n\n"
    "### `models.Dog`\n\n```python\nvalue: models.Dog = /* values here */\n```\n",
    "docs/models/owner.md": "# Owner\n\n## Fields\n\n"
    "| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |\n"
    "| `pet` | [models.Pet](../models/pet.md) | :heavy_check_mark: | N/A |\n",
}


@pytest.fixture(scope="module", params=["pydantic", "dataclasses"])
def consts(request, tmp_path_factory):
    kind = request.param
    tmp = tmp_path_factory.mktemp("const_" + kind)
    name = f"const_{kind}_models"
    result = generate(
        write_docs(tmp / "specs", CONST_DOCS), write=False, kind=kind, package=name
    )
    assert result.ok, result.diagnostics
    write_out(tmp / "out", result.files)
    sys.path.insert(0, str(tmp / "out"))
    importlib.invalidate_caches()
    try:
        module = importlib.import_module(name)
        module.kind = kind
        yield module
    finally:
        sys.path.remove(str(tmp / "out"))
        for m in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[m]


def test_a_required_constant_need_not_be_passed(consts):
    cat = consts.Cat(lives=9)
    assert cat.kind == "cat" and cat.mood == "calm"
    if consts.kind == "dataclasses":
        import dataclasses

        assert dataclasses.asdict(cat)["kind"] == "cat"


def test_a_required_constant_is_validated_and_always_sent(consts):
    if consts.kind != "pydantic":
        pytest.skip("dataclasses neither validate nor track set fields")
    import pydantic

    Cat = consts.Cat
    with pytest.raises(pydantic.ValidationError):
        Cat(kind="dog", lives=9)
    for cat in (
        Cat(lives=9),
        Cat.model_validate({"lives": 9}),
        Cat.model_construct(lives=9),
    ):
        assert cat.model_dump(exclude_unset=True) == {
            "kind": "cat",
            "mood": "calm",
            "lives": 9,
        }
        assert cat.model_dump()["kind"] == "cat"


def test_a_tag_with_a_default_still_discriminates(consts):
    if consts.kind != "pydantic":
        pytest.skip("dataclasses do not validate")
    import pydantic

    owner = consts.Owner.model_validate({"pet": {"kind": "dog", "good": True}})
    assert isinstance(owner.pet, consts.Dog)
    owner = consts.Owner.model_validate({"pet": {"kind": "cat", "lives": 3}})
    assert isinstance(owner.pet, consts.Cat)
    with pytest.raises(pydantic.ValidationError, match="union_tag_not_found|tag"):
        consts.Owner.model_validate({"pet": {"lives": 3}})
    assert consts.Owner(pet=consts.Cat(lives=1)).model_dump(exclude_unset=True) == {
        "pet": {"kind": "cat", "lives": 1, "mood": "calm"}
    }
