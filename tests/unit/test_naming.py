"""generator.render.naming: the helpers are total and give safe identifiers; the step names every model."""

import keyword
import random

import pytest

from generator.render import naming as names

WEIRD = [
    "",
    " ",
    "123",
    "1abc",
    "class",
    "def",
    "match",
    "_",
    "__",
    "__init__",
    "-",
    "a-b",
    "a b",
    "x.y",
    "x/y",
    "../..",
    "été",
    "名前",
    "model_config",
    "model_dump",
    "validate",
    "str",
    "list",
    "datetime",
    "Field",
    "BaseModel",
    "None",
    "True",
    "\x00",
    "a\nb",
    "$ref",
    "@type",
    "ID",
    "HTTPServer",
    "rouge1",
]


@pytest.mark.parametrize(
    "name,expected",
    [
        ("fooBar", "foo_bar"),
        ("FooBar", "foo_bar"),
        ("HTTPServer", "http_server"),
        ("taskId", "task_id"),
        ("already_snake", "already_snake"),
        ("x-api-key", "x_api_key"),
        ("FooBar2Baz", "foo_bar2_baz"),
        ("ID", "id"),
    ],
)
def test_snake_case(name, expected):
    assert names.snake_case(name) == expected


@pytest.mark.parametrize(
    "name,expected",
    [
        ("class", "class_"),
        ("from", "from_"),
        ("model_config", "model_config_"),
        ("str", "str_"),
        ("createdAt", "created_at"),
        ("1st", "field_1st"),
    ],
)
def test_safe_attr(name, expected):
    assert names.safe_attr(name) == expected


def test_safe_attr_avoids_taken_names():
    taken = {"foo_bar"}
    assert names.safe_attr("fooBar", taken) == "foo_bar_"
    assert names.safe_attr("foo-bar", taken | {"foo_bar_"}) == "foo_bar__"


def test_safe_module_and_class_for_reserved_words():
    assert names.safe_module("and") == "and_"
    assert names.safe_module("class") == "class_"
    assert names.safe_module("FooBar") == "foobar"
    assert names.safe_class("class") == "class_"
    assert names.safe_class("And") == "And"


@pytest.mark.parametrize(
    "value,documented,expected",
    [
        ("scale-up", "ScaleUp", "ScaleUp"),
        ("scale-up", "", "SCALE_UP"),
        ("in-active", "", "IN_ACTIVE"),
        ("3d", "", "VALUE_3D"),
        (100, "", "VALUE_100"),
        (True, "", "TRUE"),
        ("<nil>", "LESS_THAN_NIL_GREATER_THAN_", "LESS_THAN_NIL_GREATER_THAN_"),
        ("name", "", "NAME"),
        ("", "", "EMPTY"),
    ],
)
def test_enum_member(value, documented, expected):
    assert names.enum_member(value, documented, set()) == expected


def test_enum_member_names_are_unique():
    taken: set[str] = set()
    got = [names.enum_member(v, "", taken) for v in ("a-b", "a b", "A_B", "a.b")]
    assert len(set(got)) == 4


def _random_names(n: int):
    rng = random.Random(1234)
    alphabet = "aZ_09-. /\\:é名$@\n\t\x00[]`*"
    for _ in range(n):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))


@pytest.mark.parametrize("name", WEIRD + list(_random_names(300)))
def test_functions_are_total_and_safe(name):
    attr = names.safe_attr(name)
    assert names.is_identifier(attr)
    assert attr not in names.RESERVED_ATTRS
    mod = names.safe_module(name)
    assert mod.isidentifier() and not keyword.iskeyword(mod) and not mod.startswith("_")
    assert "/" not in mod and "." not in mod and "\\" not in mod
    cls = names.safe_class(name)
    assert cls.isidentifier() and not keyword.iskeyword(cls)
    member = names.enum_member(name, name, set())
    assert member.isidentifier() and not keyword.iskeyword(member)
    assert member not in ("name", "value", "mro")
    assert not (
        member.startswith("_")
        and member.endswith("_")
        and len(member) > 1
        and member.count("_") == len(member)
    ), member


# ---------------------------------------------------------------- the naming step

from generator import ir  # noqa: E402
from generator.render.naming import name_package  # noqa: E402

from .irs import field, key, obj, ref, union  # noqa: E402


def test_class_module_and_doc_names_come_from_key_and_hints():
    m = obj("TextPart", path_hint="text-part")
    hinted = ir.ObjectModel(
        key=key("x-y"),
        description="",
        deprecated=None,
        source=ir.Source("b.md"),
        name_hint="XY",
    )
    naming = name_package(ir.package([m, hinted]), "pydantic")
    assert naming[m.key].class_name == "TextPart"
    assert naming[m.key].module == "components.text_part"
    assert (
        naming[m.key].doc_path == "components/text-part.md"
    )  # the hint, since it maps to the module
    assert (
        naming[hinted.key].class_name == "XY"
        and naming[hinted.key].module == "components.x_y"
    )


def test_colliding_modules_are_numbered_in_source_order():
    first = obj("A", source=ir.Source("models/components/a/x.md"), path_hint="textpart")
    second = obj(
        "B", source=ir.Source("models/components/b/x.md"), path_hint="TextPart"
    )
    sub = obj(
        "C", namespace="components/textpart"
    )  # a sub-package takes the name first
    naming = name_package(ir.package([second, sub, first]), "pydantic")
    assert naming[first.key].module == "components.textpart_2"
    assert naming[second.key].module == "components.textpart_3"
    assert naming[second.key].doc_path == "components/textpart_3.md"


def test_attributes_prefer_a_usable_name_hint_and_avoid_reserved_and_taken_names():
    m = obj(
        "M",
        field("petId", ir.STRING),
        field("pet_id", ir.STRING),
        field("model_config", ir.STRING),
        field("class", ir.STRING, name_hint="klass"),
        field("x", ir.STRING, name_hint="model_dump"),
        extra=ir.ANY,
    )
    names = name_package(ir.package([m]), "pydantic")[m.key]
    assert names.attrs == ("pet_id", "pet_id_", "model_config_", "klass", "model_dump_")
    assert names.extra_attr == "additional_properties"


def test_enum_members_take_their_hint_or_their_value():
    e = ir.EnumModel(
        key=key("E"),
        description="",
        deprecated=None,
        source=ir.Source("e.md"),
        members=(
            ir.EnumMember("a-b", ir.Source("e.md"), "Named"),
            ir.EnumMember("a-b", ir.Source("e.md")),
            ir.EnumMember(2, ir.Source("e.md")),
        ),
    )
    assert name_package(ir.package([e]), "pydantic")[e.key].members == (
        "Named",
        "A_B",
        "VALUE_2",
    )


def test_the_discriminator_is_the_attribute_of_its_json_property():
    cat = obj("Cat", field("pet-type", ir.Lit("cat")))
    dog = obj("Dog", field("x", ir.STRING), field("pet-type", ir.Lit("dog")))
    pet = union("Pet", ref("Cat"), ref("Dog"))
    pet = ir.UnionModel(
        **{
            **pet.__dict__,
            "discriminator": ir.Discriminator(
                "pet-type", (("cat", cat.key), ("dog", dog.key))
            ),
        }
    )
    assert (
        name_package(ir.package([cat, dog, pet]), "pydantic")[pet.key].discriminator
        == "pet_type"
    )


def test_no_discriminator_attribute_when_members_name_the_property_differently():
    cat = obj(
        "Cat", field("petType", ir.Lit("cat")), field("pet-type", ir.Lit("cat"))
    )  # pet_type, pet_type_
    dog = obj("Dog", field("pet-type", ir.Lit("dog")))  # pet_type
    pet = ir.UnionModel(
        key=key("Pet"),
        description="",
        deprecated=None,
        source=ir.Source("p.md"),
        members=(ref("Cat"), ref("Dog")),
        discriminator=ir.Discriminator(
            "pet-type", (("cat", cat.key), ("dog", dog.key))
        ),
    )
    assert (
        name_package(ir.package([cat, dog, pet]), "pydantic")[pet.key].discriminator
        is None
    )


def test_render_order_is_module_order():
    b, a = obj("B", path_hint="b"), obj("A", path_hint="z")
    naming = name_package(ir.package([a, b]), "dataclasses")
    assert [m.key.name for m in naming.module_order(ir.package([a, b]))] == ["B", "A"]


def test_only_pydantic_avoids_basemodel_names():
    m = obj(
        "M",
        field("json", ir.STRING),
        field("model_config", ir.STRING),
        field("dict", ir.STRING),
        field("class", ir.STRING),
    )
    package = ir.package([m])
    assert name_package(package, "pydantic")[m.key].attrs == (
        "json_",
        "model_config_",
        "dict_",
        "class_",
    )
    assert name_package(package, "dataclasses")[m.key].attrs == (
        "json",
        "model_config",
        "dict_",
        "class_",
    )


def test_many_fields_with_one_name_stay_short_and_distinct():
    """Thousands of fields that snake_case to one name: bounded names, linear work."""
    taken: set[str] = set()
    counters: dict[str, int] = {}
    for _ in range(5000):
        taken.add(names.safe_attr("a-", taken, counters=counters))
    assert len(taken) == 5000 and max(map(len, taken)) <= len("a_5000")
    assert {"a", "a_", "a__", "a___", "a_2"} <= taken


@pytest.mark.parametrize(
    "name, expected",
    [
        ("created_at", ["created", "at"]),  # the fast path: lower case, digits and "_"
        ("__v2__id", ["v2", "id"]),
        ("type", ["type"]),
        ("", []),
        ("_", []),
        ("createdAt", ["created", "At"]),  # the case rules
        ("HTTPServer_url", ["HTTP", "Server", "url"]),
        ("content-type", ["content", "type"]),
        ("été", ["t"]),  # non-ASCII letters are no word characters
    ],
)
def test_words(name, expected):
    from generator.render.naming import words

    assert words(name) == expected


def test_words_fast_path_agrees_with_the_case_rules():
    # names without capitals skip the two regex substitutions; every name must split as the
    # substitutions would have split it
    import random
    import string

    from generator.render import naming

    def by_rules(name):
        s = naming._CAMEL2.sub(r"\1_\2", naming._CAMEL1.sub("_", name))
        return [w for w in naming._NON_WORD.split(s) if w]

    alphabet = string.ascii_letters + string.digits + "_-. ~éß"
    rng = random.Random(7)
    for _ in range(20000):
        name = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        assert naming.words(name) == by_rules(name), name
