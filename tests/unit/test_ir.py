"""The IR's own rules (generator/ir.py)."""

from __future__ import annotations

import pytest

from generator import ir


@pytest.mark.parametrize(
    "kind,fmt",
    [("str", ""), ("string", "datetime"), ("object", ""), ("integer", "long")],
)
def test_primitives_are_a_closed_set(kind, fmt):
    with pytest.raises(ValueError):
        ir.Prim(kind, fmt)


def test_every_listed_format_is_a_primitive():
    for fmt in ir.FORMATS:
        assert ir.Prim("string", fmt).format == fmt


def test_values_are_hashable_json():
    v = ir.Value.of({"b": [1, None], "a": "é"})
    assert v.json == '{"a": "é", "b": [1, null]}' and v.value == {
        "a": "é",
        "b": [1, None],
    }
    assert hash(ir.Field("x", ir.STRING, False, ir.Source("f"), default=v))


def test_map_refs_keeps_constraints_and_gives_none_when_a_ref_is_dropped():
    k = ir.ModelKey("", "A")
    limited = ir.ListOf(
        ir.DictOf(ir.Ref(k), ir.Constraints(max_properties=3)),
        ir.Constraints(min_items=1, unique_items=True),
    )
    assert ir.map_refs(limited, lambda r: ir.STRING) == ir.ListOf(
        ir.DictOf(ir.STRING, ir.Constraints(max_properties=3)),
        ir.Constraints(min_items=1, unique_items=True),
    )
    assert (
        ir.map_refs(ir.UnionOf((ir.STRING, ir.Nullable(ir.Ref(k)))), lambda r: None)
        is None
    )
    assert list(ir.walk_refs(limited)) == [ir.Ref(k)]


def test_a_package_is_sorted_by_key():
    a = ir.EnumModel(
        key=ir.ModelKey("b", "A"),
        description="",
        deprecated=None,
        source=ir.Source("z.md"),
    )
    b = ir.EnumModel(
        key=ir.ModelKey("a", "Z"),
        description="",
        deprecated=None,
        source=ir.Source("a.md"),
    )
    assert ir.package([a, b]).models == (b, a)


def test_any_node_looks_into_every_container_and_stops_at_refs():
    k = ir.ModelKey("components", "Pet")
    deep = ir.UnionOf(
        (ir.STRING, ir.Nullable(ir.DictOf(ir.ListOf(ir.Lit("x"))))),
    )
    is_lit = lambda t: isinstance(t, ir.Lit)  # noqa: E731
    assert ir.any_node(deep, is_lit)
    assert not ir.any_node(ir.UnionOf((ir.STRING, ir.Ref(k))), is_lit)
    assert not ir.any_node(None, is_lit)
    assert ir.any_node(ir.Ref(k), lambda t: t == ir.Ref(k))
