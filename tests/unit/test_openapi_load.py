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


def test_plain_scalars_follow_yaml_1_2_not_1_1():
    # YAML 1.1 reads these as booleans, a sexagesimal number, an octal number and a date;
    # OpenAPI means YAML 1.2 (JSON-compatible): they are strings, and 0777 is 777
    text = (
        "a: yes\nb: no\nc: on\nd: off\ne: y\nf: 12:30\ng: 2024-01-01\n"
        "h: 2024-01-01T10:00:00Z\ni: 0777\nj: 1_000\nk: 0b101\n"
        "l: 1e5\nm: -2.5E-3\nn: 0x1F\no: 0o17\np: .inf\nq: .nan\nr: True\ns: FALSE\n"
        "t: ~\nu: Null\nv: '12:30'\nw: !!int '7'\nx: 1e999\n"
    )
    r = load(text)
    assert r.problems == []
    assert r.root == {
        "a": "yes",
        "b": "no",
        "c": "on",
        "d": "off",
        "e": "y",
        "f": "12:30",
        "g": "2024-01-01",
        "h": "2024-01-01T10:00:00Z",
        "i": 777,
        "j": "1_000",
        "k": "0b101",
        "l": 100000.0,
        "m": -0.0025,
        "n": 31,
        "o": 15,
        "p": ".inf",
        "q": ".nan",
        "r": True,
        "s": False,
        "t": None,
        "u": None,
        "v": "12:30",
        "w": 7,
        "x": "1e999",
    }
    # every value is plain JSON
    import json

    assert json.loads(json.dumps(r.root, allow_nan=False)) == r.root


def test_json_numbers_with_exponents_are_numbers():
    r = load('{"a": 1e10, "b": 1E+2, "c": -0, "d": "yes"}', "spec.json")
    assert r.root == {"a": 1e10, "b": 100.0, "c": 0, "d": "yes"}
    assert isinstance(r.root["a"], float)


def test_what_the_loader_tells_apart_of_plain_scalars():
    """Only a few plain scalars are told apart while composing (the rest is read by the core
    schema): a merge key is a warning and not read, an empty plain key is ``null``, ``~`` as a
    key stays ``~``; ``<<``, ``=`` and YAML 1.1 timestamps as values are text; an explicit tag on
    a quoted scalar is read."""
    r = load(
        "base: &b {x: 1}\n"
        "m:\n  <<: *b\n  y: 2\n"
        "?\n: empty\n"
        "~: tilde\n"
        "? ''\n: quoted\n"
        "v: <<\n"
        "w: =\n"
        "t: 2001-12-14t21:59:43.10-05:00\n"
        "i: !!int '3'\n"
        "s: !!str 3\n"
        "n: ~\n"
    )
    assert r.root == {
        "base": {"x": 1},
        "m": {"y": 2},
        "null": "empty",
        "~": "tilde",
        "": "quoted",
        "v": "<<",
        "w": "=",
        "t": "2001-12-14t21:59:43.10-05:00",
        "i": 3,
        "s": 3,
        "n": None,
    }
    assert [p.code for p in r.problems] == ["openapi-merge-key"]
