"""generator.names: every function is total and gives safe identifiers."""

import keyword
import random

import pytest

from generator import names

WEIRD = ["", " ", "123", "1abc", "class", "def", "match", "_", "__", "__init__", "-", "a-b", "a b", "x.y", "x/y",
         "../..", "été", "名前", "model_config", "model_dump", "validate", "str", "list", "datetime", "Field",
         "BaseModel", "None", "True", "\x00", "a\nb", "$ref", "@type", "ID", "HTTPServer", "rouge1"]


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
    assert attr.isidentifier() and not keyword.iskeyword(attr) and not keyword.issoftkeyword(attr)
    assert attr not in names.RESERVED_ATTRS
    mod = names.safe_module(name)
    assert mod.isidentifier() and not keyword.iskeyword(mod) and not mod.startswith("_")
    assert "/" not in mod and "." not in mod and "\\" not in mod
    cls = names.safe_class(name)
    assert cls.isidentifier() and not keyword.iskeyword(cls)
    member = names.enum_member(name, name, set())
    assert member.isidentifier() and not keyword.iskeyword(member)
    assert member not in ("name", "value", "mro")
    assert not (member.startswith("_") and member.endswith("_") and len(member) > 1 and member.count("_") == len(member)), member
