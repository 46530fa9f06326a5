"""The IR -> IR passes every front-end needs (generator/passes.py), on hand-built IR."""

from __future__ import annotations

from generator import ir, passes
from generator.diagnostics import Diagnostics

from .irs import enum, field, obj, ref, union


def _run(step, *models) -> dict[str, ir.Model]:
    diags = Diagnostics()
    out = step(ir.package(models), diags)
    assert diags.items == []
    return {m.key.name: m for m in out.models}


def test_the_passes_are_named_and_ordered():
    assert [name for name, _ in passes.PASSES] == [
        "distinct-fields",
        "enum-values",
        "constant-literals",
        "discriminators",
        "union-cycles",
    ]


def test_a_reference_to_a_closed_one_value_enum_becomes_its_constant():
    models = _run(
        passes.constant_literals,
        enum("Kind", "dog"),
        enum("Open", "x", open=True),
        enum("Two", "a", "b"),
        obj(
            "Dog",
            field("kind", ref("Kind")),
            field("o", ref("Open")),
            field("t", ir.Nullable(ref("Two"))),
            field("n", ir.ListOf(ref("Kind"))),
        ),
    )
    types = [f.type for f in models["Dog"].fields]
    assert types == [
        ir.Lit("dog"),
        ref("Open"),
        ir.Nullable(ref("Two")),
        ir.ListOf(ir.Lit("dog")),
    ]


def test_a_package_with_nothing_to_do_comes_back_as_it_was():
    package = ir.package([obj("A", field("x", ir.STRING))])
    assert passes.run(package, Diagnostics()) is package


def test_a_union_of_objects_with_distinct_constants_is_discriminated_by_json_name():
    models = _run(
        passes.discriminators,
        obj("Cat", field("name", ir.STRING), field("pet-type", ir.Lit("cat"))),
        obj("Dog", field("name", ir.STRING), field("pet-type", ir.Lit("dog"))),
        union("Pet", ref("Dog"), ref("Cat")),
    )
    d = models["Pet"].discriminator
    assert d == ir.Discriminator(
        "pet-type", (("dog", ref("Dog").key), ("cat", ref("Cat").key))
    )


def test_a_nullable_union_of_tagged_objects_is_discriminated_with_null_aside():
    models = _run(
        passes.discriminators,
        obj("Cat", field("pet", ir.Lit("cat"))),
        obj("Dog", field("pet", ir.Lit("dog"))),
        union("MaybePet", ref("Cat"), ref("Dog"), ir.NULL),
        union(
            "OnlyCat", ref("Cat"), ir.NULL
        ),  # one tagged member: nothing to tell apart
    )
    d = models["MaybePet"].discriminator
    assert d == ir.Discriminator(
        "pet", (("cat", ref("Cat").key), ("dog", ref("Dog").key))
    )
    assert models["OnlyCat"].discriminator is None


def test_no_discriminator_when_values_repeat_or_the_field_is_optional_or_a_member_is_not_an_object():
    same = _run(
        passes.discriminators,
        obj("A", field("k", ir.Lit("x"))),
        obj("B", field("k", ir.Lit("x"))),
        union("U", ref("A"), ref("B")),
    )
    optional = _run(
        passes.discriminators,
        obj("A", field("k", ir.Lit("a"), required=False)),
        obj("B", field("k", ir.Lit("b"))),
        union("U", ref("A"), ref("B")),
    )
    mixed = _run(
        passes.discriminators,
        obj("A", field("k", ir.Lit("a"))),
        union("U", ref("A"), ir.STRING),
    )
    assert (
        same["U"].discriminator is None
        and optional["U"].discriminator is None
        and mixed["U"].discriminator is None
    )


def test_constants_from_enums_then_discriminate():
    """Order matters: the discriminators pass sees the constants the first pass made."""
    package = ir.package(
        [
            enum("CatKind", "cat"),
            enum("DogKind", "dog"),
            obj("Cat", field("kind", ref("CatKind"))),
            obj("Dog", field("kind", ref("DogKind"))),
            union("Pet", ref("Cat"), ref("Dog")),
        ]
    )
    out = passes.run(package, Diagnostics()).by_key()
    assert out[ref("Pet").key].discriminator.property == "kind"


def _diagnosed(step, *models) -> tuple[dict[str, ir.Model], list[tuple[str, str]]]:
    diags = Diagnostics()
    out = step(ir.package(models), diags)
    return {m.key.name: m for m in out.models}, [
        (d.severity.name, d.code) for d in diags.items
    ]


def test_a_property_listed_twice_is_an_error():
    models, found = _diagnosed(
        passes.distinct_fields,
        obj("A", field("a", ir.Prim("string")), field("a", ir.Prim("integer"))),
    )
    assert found == [("ERROR", "ir-duplicate-field")]
    assert [f.name for f in models["A"].fields] == ["a"]


def test_enum_values_repeated_or_merged_by_python():
    models, found = _diagnosed(
        passes.enum_values, enum("E", 1, 1.0, "1", True, False, 0, "a", "a")
    )
    assert found == [
        ("WARNING", "ir-enum-repeat"),  # 1.0 is the number 1 again
        ("ERROR", "ir-enum-values"),  # true == 1 in Python
        ("ERROR", "ir-enum-values"),  # false == 0
        ("WARNING", "ir-enum-repeat"),  # "a" twice
    ]
    assert [x.value for x in models["E"].members] == [1, "1", False, "a"]


def test_distinct_values_pass_untouched():
    models, found = _diagnosed(passes.enum_values, enum("E", 2, 2.5, "x", True))
    assert found == [] and [x.value for x in models["E"].members] == [2, 2.5, "x", True]


def test_a_union_of_itself_through_unions_is_an_error():
    _, found = _diagnosed(
        passes.union_cycles, union("Pet", ref("Pet"), ir.Prim("string"))
    )
    assert found == [("ERROR", "ir-union-cycle")]
    diags = Diagnostics()
    passes.union_cycles(
        ir.package(
            (union("A", ref("B")), union("B", ir.Nullable(ref("A")), ir.Prim("string")))
        ),
        diags,
    )
    assert sorted(d.message.split("(")[1].split(")")[0] for d in diags.items) == [
        "A -> B -> A",
        "B -> A -> B",
    ]


def test_a_union_through_a_list_or_an_object_is_fine():
    _, found = _diagnosed(
        passes.union_cycles,
        union("Tree", ir.ListOf(ref("Tree")), ir.Prim("string")),
        union("Node", ref("Leaf"), ir.Prim("string")),
        obj("Leaf", field("next", ref("Node"))),
    )
    assert found == []
