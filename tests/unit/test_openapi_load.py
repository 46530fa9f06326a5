"""The OpenAPI loader: positions, safety (no object construction, bounded aliases), JSON."""

from __future__ import annotations

import time

from generator.frontends.openapi.load import YList, YMap, load


def test_positions_of_keys_and_items():
    r = load("a:\n  b: [1, 2]\n  c: x\n")
    assert isinstance(r.root, YMap) and r.root.key_pos["a"] == (1, 1)
    assert r.root["a"].key_pos["c"] == (3, 3)
    assert isinstance(r.root["a"]["b"], YList) and r.root["a"]["b"].item_pos[1] == (
        2,
        10,
    )


def test_scalars_keep_json_meaning():
    r = load("s: 2023-01-01\nn: 3\nf: 1.5\nb: true\nz: null\nq: '3'\n200: ok\n")
    assert r.root == {
        "s": "2023-01-01",
        "n": 3,
        "f": 1.5,
        "b": True,
        "z": None,
        "q": "3",
        "200": "ok",
    }


def test_no_object_construction():
    # an unknown tag is ignored: the node is read as the plain data it holds, nothing is called
    r = load("x: !!python/object/apply:os.system ['echo hi']\ny: !!binary aGk=\n")
    assert r.root == {"x": ["echo hi"], "y": "aGk="} and type(r.root["x"]) is YList


def test_billion_laughs_is_an_error_not_a_hang():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    t = time.perf_counter()
    r = load("\n".join(lines) + "\n")
    assert time.perf_counter() - t < 5
    assert r.root is None and [p.code for p in r.problems] == ["openapi-alias-bomb"]


def test_small_aliases_are_shared():
    r = load("a: &a {k: 1}\nb: *a\n")
    assert r.root["a"] is r.root["b"] and not r.problems


def test_alias_cycle_is_an_error():
    r = load("a: &a [1, *a]\n")
    assert r.root is None and r.problems[0].code == "openapi-alias-cycle"


def test_duplicate_key_is_a_warning():
    r = load("a: 1\na: 2\n")
    assert r.root == {"a": 2} and r.problems[0].code == "openapi-duplicate-key"
    assert r.problems[0].line == 2


def test_syntax_error_has_a_position():
    r = load("a: [1,\nb: }\n")
    assert r.root is None and r.problems[0].line >= 2
