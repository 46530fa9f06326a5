"""Garbage in, diagnostics out; good input in, importable models out.

Two kinds of fuzzing:

- Seeded mutation of the golden input docs (``test_mutated_docs_*``).
- Property-based tests (hypothesis) over the grammars: pipe-table rows, TypeScript and Python Type
  cells, names, and whole doc trees built from them (``test_*_property``/``test_pipeline_*``).

Properties:

- the row splitter gives back the cells it was given, escapes and padding included;
- the Type-cell parser returns a type or raises ``TypeSyntaxError``, never anything else, and a type
  written as a cell of either dialect parses back to the same type;
- every name function gives an identifier that is no keyword or soft keyword of any Python from
  3.10 to 3.13 and that NFKC normalisation leaves alone (Python would read it as another name);
- ``generate()`` never raises: a doc tree gives error diagnostics and no files, or no errors and a
  package whose every module compiles, imports and builds.

CI runs a bounded, reproducible number of examples (the ``gen-models`` profile in
``tests/conftest.py``: derandomized, no example database, a few hundred examples per grammar
property, a few dozen per whole-pipeline property; this file takes well under a minute). Fuzz for
longer locally with, for example::

    GEN_MODELS_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest tests/unit/test_fuzz.py -x

which gives every property that many examples, random (not derandomized) and with hypothesis's
example database on, so a failure found once is replayed first next time.

Properties that find a bug in the generator are kept, marked ``xfail(strict=True)`` with the
finding as the reason, until the generator is fixed.
"""

from __future__ import annotations

import importlib
import itertools
import json
import keyword
import os
import random
import sys
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import Phase, assume, example, given, settings
from hypothesis import strategies as st

from generator import generate, ir
from generator.parse.dialects.csharp import DIALECT as cs
from generator.parse.dialects.go import DIALECT as go
from generator.parse.dialects.java import DIALECT as java
from generator.parse.dialects.php import DIALECT as php
from generator.parse.dialects.python import DIALECT as py
from generator.parse.dialects.ruby import DIALECT as rb
from generator.parse.dialects.typescript import DIALECT as ts
from generator.parse.table import split_row
from generator.parse.types import RawRef, TypeSyntaxError, finalize, parse_cell
from generator.render import naming as names

from .helpers import ROOT, write_docs

# every dialect, for the type-cell fuzzers
DIALECTS = (ts, py, go, java, cs, php, rb)

GOLDEN = ROOT / "tests" / "golden"


def examples(n: int) -> int:
    """``n`` examples in CI; ``GEN_MODELS_FUZZ_EXAMPLES`` overrides it for a longer local run."""
    env = os.environ.get("GEN_MODELS_FUZZ_EXAMPLES", "")
    return int(env) if env.isdigit() and int(env) > 0 else n


GRAMMAR = examples(300)
NO_SHRINK = [
    Phase.explicit,
    Phase.reuse,
    Phase.generate,
]  # for xfail properties: fail fast, do not minimise
PIPELINE = examples(60)

# ================================================================ seeded mutation of the golden docs

SEEDS = [
    "",
    "|",
    "\\|",
    "\\",
    "`",
    "*",
    "**",
    "~~",
    "[",
    "]",
    "(",
    ")",
    "](",
    "<",
    ">",
    "<br/>",
    "#",
    "# ",
    "## ",
    "## Fields",
    "## Values",
    "## Supported Types",
    "### ",
    "```",
    "```python\n",
    "```typescript\n",
    "\n",
    "\n\n",
    "- ",
    "> ",
    "    ",
    ":heavy_check_mark:",
    ":heavy_minus_sign:",
    "N/A",
    "[]",
    "Record<string, ",
    "List[",
    "Dict[str, ",
    "Optional[",
    "Nullable[",
    "Literal[",
    '"',
    "'",
    "..",
    "../",
    "../../models/",
    ".md",
    "\x00",
    "\t",
    "\r",
    "é",
    "名",
    "\ufeff",
    "{",
    "}",
    "$",
    "None",
    "null",
    "Unrecognized<string>",
    "| --- |",
    "0",
    "-1",
    "1e9",
]


def _corpus() -> list[tuple[str, str]]:
    docs = []
    for case in sorted(GOLDEN.iterdir()):
        for p in (
            sorted((case / "input").rglob("*.md")) if (case / "input").is_dir() else []
        ):
            docs.append(
                (
                    p.relative_to(case / "input").as_posix(),
                    p.read_text(encoding="utf-8"),
                )
            )
    return docs


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(8)
        i = rng.randrange(len(lines)) if lines else 0
        if op == 0 and lines:
            del lines[i]
        elif op == 1 and lines:
            lines.insert(i, lines[i])
        elif op == 2:
            lines.insert(i, rng.choice(SEEDS))
        elif op == 3 and lines:
            s = lines[i]
            j = rng.randint(0, len(s))
            lines[i] = s[:j] + rng.choice(SEEDS) + s[j:]
        elif op == 4 and lines:
            s = lines[i]
            j, k = sorted(rng.randint(0, len(s)) for _ in range(2))
            lines[i] = s[:j] + s[k:]
        elif op == 5 and len(lines) > 1:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 6:
            lines = lines[: rng.randint(0, len(lines))]
        else:
            lines.insert(
                i, "".join(rng.choice(SEEDS) for _ in range(rng.randint(1, 8)))
            )
    out = "\n".join(lines)
    return out if rng.random() < 0.7 else out.rstrip("\n")


def run_generate(specs: Path, **options):
    try:
        return generate(specs, write=False, **options)
    except Exception as exc:  # pragma: no cover - the failure message is the point
        raise AssertionError(f"generate raised {exc!r} on {specs}") from exc


def check_result(result, import_it: bool) -> None:
    """Errors and no files, or no errors and a package whose every module compiles (and imports)."""
    assert result.exit_code in (0, 2), result.exit_code
    assert all(
        d.line >= 1 and d.col >= 1 for d in result.diagnostics
    ), result.diagnostics
    if not result.ok:
        assert not result.files, "files were generated despite errors"
        return
    py_files = [(p, t) for p, t in result.files if p.endswith(".py")]
    assert any(p.endswith("/_runtime.py") for p, _ in py_files), [
        p for p, _ in result.files
    ]
    for path, text in py_files:
        try:
            compile(text, path, "exec")
        except SyntaxError as exc:
            raise AssertionError(f"invalid Python in {path}:\n{text}") from exc
    if import_it:
        import_package(result.files)


@pytest.mark.parametrize("batch", range(10))
def test_mutated_docs_never_raise(batch, tmp_path: Path):
    rng = random.Random(20240 + batch)
    corpus = _corpus()
    assert corpus
    for i in range(30):  # 10 batches x 30 trees x ~3 docs
        docs = {}
        for _ in range(rng.randint(1, 4)):
            path, text = rng.choice(corpus)
            docs[path] = mutate(text, rng)
        specs = write_docs(tmp_path / f"t{i}", docs)
        kind = rng.choice(["pydantic", "dataclasses"])
        result = run_generate(specs, kind=kind, allow_missing=rng.random() < 0.5)
        try:
            check_result(result, import_it=False)
        except AssertionError as exc:
            raise AssertionError(
                f"seed batch {batch}, tree {i}: {exc}\n{docs!r}"
            ) from exc


def test_random_type_cells_raise_only_type_syntax_errors():
    rng = random.Random(7)
    pieces = [
        "*",
        "`",
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "|",
        ",",
        " ",
        "string",
        "str",
        "List[",
        "Dict[str, ",
        "Record<string, ",
        "Optional[",
        "Literal[",
        '"',
        "1",
        "components.X",
        "../../models/components/x.md",
        "https://x",
        "[]",
        "Union[",
        "\\",
        "#date-objects",
        "any",
        "models.",
        "Nullable[",
        "{ [k: string]: ",
        " }",
        "EventStream<",
        "map[string]",
        "**",
        "`*",
        "[*",
        "interface{}",
        "[]byte",
        "Optional\\<",
        "JsonNullable<",
        "? extends ",
        "List\\\\<",
        "Map<String, ",
        "HttpResponse<",
        "Dictionary<String, ",
        "?",
    ]
    for _ in range(4000):
        cell = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        for dialect in DIALECTS:
            parse_or_syntax_error(cell, dialect)


def parse_or_syntax_error(cell: str, dialect) -> object | None:
    try:
        return parse_cell(cell, dialect)
    except TypeSyntaxError:
        return None
    except Exception as exc:
        raise AssertionError(
            f"{dialect.name} parse_cell({cell[:300]!r}) raised {exc!r}"
        ) from None


# ================================================================ importing a generated package

_counter = itertools.count()


def import_package(files: list[tuple[str, str]]) -> None:
    """Write the package to a temporary folder under a fresh name, import every module and build
    every model in it, then forget it again (``sys.modules``, ``sys.path``)."""
    import dataclasses
    import enum
    import typing

    import pydantic

    package = next(p.split("/")[0] for p, _ in files if p.endswith("/_runtime.py"))
    fresh = f"fuzzpkg_{os.getpid()}_{next(_counter)}"
    with tempfile.TemporaryDirectory() as tmp:
        for path, text in files:
            parts = path.split("/")
            if parts[0] != package:
                continue
            target = Path(tmp, fresh, *parts[1:])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        sys.path.insert(0, tmp)
        importlib.invalidate_caches()
        try:
            root = importlib.import_module(fresh)
            for (
                name
            ) in (
                root.__all__
            ):  # every name the index lists resolves (aliases may be of other classes)
                getattr(root, name)
            for path, _ in files:
                if not path.endswith(".py") or not path.startswith(package + "/"):
                    continue
                dotted = ".".join([fresh] + path[: -len(".py")].split("/")[1:])
                dotted = dotted.removesuffix(".__init__")
                module = importlib.import_module(dotted)
                for value in list(vars(module).values()):
                    if getattr(value, "__module__", None) != module.__name__:
                        continue
                    if isinstance(value, type) and issubclass(value, enum.Enum):
                        for member in value:
                            assert value(member.value) is member, (value, member)
                    elif isinstance(value, type) and dataclasses.is_dataclass(value):
                        typing.get_type_hints(value)
                    elif isinstance(value, type) and issubclass(
                        value, pydantic.BaseModel
                    ):
                        value.model_rebuild(force=True)
                        value.model_json_schema(mode="serialization")
                    elif type(value).__name__ == "TypeAliasType":
                        pydantic.TypeAdapter(value)
        finally:
            sys.path.remove(tmp)
            for mod in [
                m for m in sys.modules if m == fresh or m.startswith(fresh + ".")
            ]:
                del sys.modules[mod]


# ================================================================ strategies: names and text

# the keywords of Python 3.10 to 3.13 (the same list in each). Soft keywords (`_`, `case`, `match`,
# `type`) are identifiers wherever gen-models writes names, so a name may be one.
KEYWORDS = frozenset(keyword.kwlist)
HOSTILE_NAMES = [
    "",
    " ",
    "_",
    "__",
    "type",
    "match",
    "case",
    "class",
    "None",
    "True",
    "__init__",
    "__getattr__",
    "__all__",
    "_models",
    "importlib",
    "annotations",
    "deprecated",
    "Field",
    "BaseModel",
    "model_config",
    "A²",
    "Aﬁ",
    "Fｉｅｌｄ",
    "Ａ",
    "ℌ",
    "ﬁeld",
    "x²",
    "١٢",
    "𝔘",
    "ǅ",
    "名前",
    "été",
    "İ",
    "ß",
    "1",
    "1.0",
    "NaN",
    "-",
    "$ref",
    "@type",
    "a-b",
    "a.b",
    "..",
    "\u00ad",
    "\u200d",
    "\ufeff",
    "a\u0301",
]

hostile_text = st.one_of(
    st.sampled_from(HOSTILE_NAMES),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12),
)


def is_safe_identifier(n: str) -> bool:
    return (
        n.isidentifier() and unicodedata.normalize("NFKC", n) == n and n not in KEYWORDS
    )


def _source_names(names_: list[str]) -> list[str]:
    """The names Python itself binds for these identifiers written in source: NFKC folds them."""
    ns: dict[str, object] = {}
    exec(
        "class C:\n"
        + "".join(f"    {n} = {i}\n" for i, n in enumerate(names_))
        + "    pass\n",
        ns,
    )
    return [k for k in vars(ns["C"]) if not k.startswith("__") or k in names_]


# ================================================================ properties: names

# Two scopes per name function. "ascii": ASCII input, judged by the running Python's keywords; this
# guards against regressions. "all": any text, judged by every Python 3.10-3.13 and by NFKC.
ascii_text = st.one_of(
    st.sampled_from(
        [n for n in HOSTILE_NAMES if n.isascii()] + keyword.kwlist + keyword.softkwlist
    ),
    st.text(alphabet=st.characters(max_codepoint=127), max_size=12),
)
SCOPES = [
    pytest.param("ascii", id="ascii"),
    pytest.param("all", id="all"),
]


def judge(scope: str, n: str) -> bool:
    if scope == "ascii":
        return n.isidentifier() and not keyword.iskeyword(n)
    return is_safe_identifier(n)


def text_for(scope: str, data, strategy=None):
    return data.draw(strategy or (ascii_text if scope == "ascii" else hostile_text))


@pytest.mark.parametrize("scope", SCOPES)
@settings(max_examples=GRAMMAR)
@given(data=st.data())
def test_safe_attr_property(scope, data):
    docs = data.draw(
        st.lists(ascii_text if scope == "ascii" else hostile_text, max_size=6)
    )
    taken: set[str] = set()
    out = []
    for d in docs + (["type", "A²"] if scope == "all" else ["class", "match"]):
        a = names.safe_attr(d, taken)
        assert judge(scope, a), (d, a)
        assert a not in taken and a not in names.RESERVED_ATTRS, (d, a, taken)
        taken.add(a)
        out.append(a)
    assert (
        _source_names(out) == out
    )  # Python binds each attribute under the name we wrote


@pytest.mark.parametrize("scope", SCOPES)
@settings(max_examples=GRAMMAR)
@given(data=st.data())
def test_safe_class_and_module_property(scope, data):
    for name in [text_for(scope, data), "A²" if scope == "all" else "class"]:
        c = names.safe_class(name)
        assert judge(scope, c), (name, c)
        assert c not in names.GENERATED_NAMES, (name, c)
        m = names.safe_module(name)
        assert judge(scope, m) and not m.startswith("_"), (name, m)
        assert m == m.lower(), (name, m)


enum_scalar = st.one_of(
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
)


@pytest.mark.parametrize("scope", SCOPES)
@settings(max_examples=GRAMMAR)
@given(data=st.data())
def test_enum_member_property(scope, data):
    text = ascii_text if scope == "ascii" else hostile_text
    values = data.draw(
        st.lists(st.tuples(st.one_of(text, enum_scalar), text), max_size=6)
    )
    if scope == "all":
        values += [("a", "A"), ("b", "Ａ")]
    taken: set[str] = set()
    out = []
    if scope == "all":
        values += [("x", "match")]
    for value, documented in values:
        n = names.enum_member(value, documented, taken)
        assert judge(scope, n), (value, documented, n)
        assert n not in ("name", "value", "mro") and not n.startswith("_"), (
            value,
            documented,
            n,
        )
        out.append(n)
    assert len(set(out)) == len(out) and set(out) <= taken
    assert _source_names(out) == out


# ================================================================ properties: table rows

code_span = st.text(
    alphabet=st.characters(blacklist_characters="`\n\r", blacklist_categories=["Cs"]),
    max_size=10,
).map(lambda s: f"`{s}`")
cell_piece = st.one_of(
    st.text(
        alphabet=st.characters(
            blacklist_characters="\n\r", blacklist_categories=["Cs"]
        ),
        max_size=8,
    ),
    st.sampled_from(
        [
            "|",
            "\\|",
            "\\",
            "\\\\",
            "<br/>",
            "<br/><br/>",
            "N/A",
            ":heavy_check_mark:",
            ":heavy_minus_sign:",
            "*string*",
            "~~",
            "**",
            "[X](../x.md)",
            "[components.X](../../models/components/x.md)",
            "`a|b`",
            " ",
            "Record<string, *any*>",
            "List[*str*]",
            "é",
            "名",
            "\t",
            "\u00a0",
            "\u2028",
        ]
    ),
    code_span,
)
cell_text = st.lists(cell_piece, max_size=5).map("".join).map(str.strip)


def escape_cell(text: str) -> str:
    return text.replace("|", "\\|")


@settings(max_examples=GRAMMAR)
@given(
    st.lists(cell_text, min_size=1, max_size=6),
    st.lists(st.integers(1, 4), min_size=12, max_size=12),
    st.integers(0, 3),
)
@example(["a\\", "b"], [1] * 12, 0)
@example(["\\|", "`a|b`"], [1] * 12, 0)
def test_split_row_round_trips_property(cells, pads, lead):
    # Speakeasy pads every cell with at least one space on each side
    line = (
        " " * lead
        + "|"
        + "|".join(
            " " * pads[2 * i % 12] + escape_cell(c) + " " * pads[(2 * i + 1) % 12]
            for i, c in enumerate(cells)
        )
        + "|"
    )
    row = split_row(line, 7)
    assert row.line == 7
    assert [c.text for c in row.cells] == cells, line
    for c, original in zip(row.cells, cells):
        if original:
            assert line[c.col - 1 :].startswith(escape_cell(original)), (line, c)


def test_split_row_keeps_non_breaking_spaces():
    row = split_row("| \u00a0x\u00a0 | \u3000 |", 1)
    assert [c.text for c in row.cells] == ["\u00a0x\u00a0", "\u3000"]


# ================================================================ strategies: types

model_name = st.one_of(
    st.sampled_from(
        ["Pet", "TextPart", "Owner", "A2AMessage", "HTTPServer", "X", "Kind"]
    ),
    st.from_regex(r"\A[A-Z][A-Za-z0-9]{0,8}\Z"),
)
# no '"' or '\\': inside a wrapped container they hit test_py_nullable_list_of_a_quote_literal (explicit examples cover them elsewhere)
lit_string = st.text(
    alphabet=st.characters(
        blacklist_characters='*`\n\r\\"', blacklist_categories=["Cs", "Cc"]
    ),
    max_size=8,
)
lit_value = st.one_of(
    lit_string,
    st.integers(-(10**9), 10**9),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False, width=32).filter(
        lambda f: f != int(f)
    ),
)

TS_PRIMS = ["str", "float", "bool", "any", "datetime", "date", "bytes", "int"]
PY_PRIMS = [
    "str",
    "int",
    "float",
    "bool",
    "any",
    "bytes",
    "decimal",
    "date",
    "datetime",
]
# the IR's primitives by the short names above, and back
PRIM = {
    "str": ir.STRING,
    "int": ir.INTEGER,
    "float": ir.NUMBER,
    "bool": ir.BOOLEAN,
    "any": ir.ANY,
    "bytes": ir.BINARY,
    "decimal": ir.DECIMAL,
    "date": ir.DATE,
    "datetime": ir.DATETIME,
}
SHORT = {t: name for name, t in PRIM.items()}


def map_raw_refs(t, fn):
    """``t`` with every RawRef (a reference as a doc writes it) replaced by ``fn(ref)``."""
    return ir.map_leaves(t, lambda x: fn(x) if isinstance(x, RawRef) else x)


def leaf_types(prims: list[str]):
    return st.one_of(
        st.sampled_from(prims).map(PRIM.__getitem__),
        lit_value.map(ir.Lit),
        model_name.map(lambda n: RawRef(n)),
    )


def _union(members: list) -> ir.TypeExpr:
    flat: list = []
    for m in members:
        for x in m.members if isinstance(m, ir.UnionOf) else (m,):
            if x not in flat:
                flat.append(x)
    return flat[0] if len(flat) == 1 else ir.UnionOf(tuple(flat))


def type_exprs(prims: list[str], nullable: bool):
    """Type expressions; TypeScript (``nullable=False``) keeps unions out of containers (test_ts_union_inside_a_container covers those)."""

    def extend(inner):
        item = (
            inner if nullable else inner.filter(lambda t: not isinstance(t, ir.UnionOf))
        )
        parts = [
            item.map(ir.ListOf),
            item.map(ir.DictOf),
            st.lists(inner, min_size=2, max_size=3).map(_union),
        ]
        if nullable:
            parts.append(
                inner.filter(
                    lambda t: not isinstance(t, (ir.Nullable, ir.UnionOf))
                ).map(ir.Nullable)
            )
        return st.one_of(*parts)

    return st.recursive(leaf_types(prims), extend, max_leaves=6)


# --- TypeScript cells (reference 7.2)

_TS_PRIM = {
    "str": "*string*",
    "float": "*number*",
    "bool": "*boolean*",
    "any": "*any*",
    "int": "*bigint*",
    "bytes": "*Uint8Array*",
    "datetime": "[Date](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Date)",
    "date": "[RFCDate](../../types/rfcdate.md)",
}


def ts_lit(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return json.dumps(v, ensure_ascii=False) if isinstance(v, str) else repr(v)


def ts_cell(t: ir.TypeExpr, rng: random.Random) -> str:
    if isinstance(t, ir.Prim):
        return _TS_PRIM[SHORT[t]]
    if isinstance(t, ir.Lit):
        return f"*{ts_lit(t.value)}*"
    if isinstance(t, RawRef):
        if t.target:
            return f"[{t.text}]({t.target})"
        return f"*{t.text}*"
    if isinstance(t, ir.ListOf):
        inner = ts_cell(t.item, rng)
        return f"({inner})[]" if isinstance(t.item, ir.UnionOf) else f"{inner}[]"
    if isinstance(t, ir.DictOf):
        return rng.choice(["Record<string, {}>", "{{ [k: string]: {} }}"]).format(
            ts_cell(t.value, rng)
        )
    if isinstance(t, ir.UnionOf):
        return " | ".join(ts_cell(m, rng) for m in t.members)
    raise TypeError(t)


def ts_refs(t: ir.TypeExpr, rng: random.Random) -> ir.TypeExpr:
    """Refs as TypeScript docs write them: linked ``components.X`` or (union refs) italic."""

    def one(r: RawRef) -> RawRef:
        text = "components." + r.text
        return RawRef(
            text,
            (
                f"../../models/components/{r.text.lower()}.md"
                if rng.random() < 0.7
                else ""
            ),
        )

    return map_raw_refs(t, one)


# --- Python cells (reference 7.3)

_PY_PRIM = {
    "str": "str",
    "int": "int",
    "float": "float",
    "bool": "bool",
    "any": "Any",
    "bytes": "bytes",
    "decimal": "Decimal",
}
_PY_DATE = {
    "datetime": "[date](https://docs.python.org/3/library/datetime.html#date-objects)",
    "date": "[datetime](https://docs.python.org/3/library/datetime.html#datetime-objects)",
}


def py_lit(v) -> str:
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    return repr(v)


def py_cell(t: ir.TypeExpr, rng: random.Random, wrapper: str = "") -> str:
    wrap = (lambda s: f"{wrapper}[{s}]") if wrapper else (lambda s: s)
    if isinstance(t, ir.Nullable):
        return py_cell(
            t.inner, rng, "OptionalNullable" if wrapper == "Optional" else "Nullable"
        )
    if isinstance(t, ir.Prim):
        if SHORT[t] in _PY_DATE:  # date links are never wrapped (reference 7.3)
            assert not wrapper
            return _PY_DATE[SHORT[t]]
        return f"*{wrap(_PY_PRIM[SHORT[t]])}*"
    if isinstance(t, ir.Lit):
        return f"*{wrap(f'Literal[{py_lit(t.value)}]')}*"
    if isinstance(t, RawRef):
        return f"[{wrap(t.text)}]({t.target})" if t.target else f"*{wrap(t.text)}*"
    if isinstance(t, ir.ListOf):
        return wrap(f"List[{py_cell(t.item, rng)}]")
    if isinstance(t, ir.DictOf):
        return wrap(f"Dict[str, {py_cell(t.value, rng)}]")
    if isinstance(t, ir.UnionOf):
        return wrap("Union[" + ", ".join(py_cell(m, rng) for m in t.members) + "]")
    raise TypeError(t)


def py_refs(t: ir.TypeExpr, rng: random.Random) -> ir.TypeExpr:
    return map_raw_refs(
        t,
        lambda r: RawRef(
            "models." + r.text,
            f"../models/{r.text.lower()}.md" if rng.random() < 0.8 else "",
        ),
    )


def _wrappable(t: ir.TypeExpr) -> bool:
    """Speakeasy never wraps date links in Optional/Nullable: leave those types out of wrappers."""
    if isinstance(t, ir.Nullable):
        return _wrappable(t.inner)
    return not (isinstance(t, ir.Prim) and SHORT[t] in _PY_DATE)


def _py_ok(t: ir.TypeExpr) -> bool:
    if isinstance(t, ir.Nullable):
        return _wrappable(t.inner) and _py_ok(t.inner)
    if isinstance(t, ir.ListOf):
        return _py_ok(t.item)
    if isinstance(t, ir.DictOf):
        return _py_ok(t.value)
    if isinstance(t, ir.UnionOf):
        return all(_py_ok(m) for m in t.members)
    return True


# ================================================================ properties: type cells


@settings(max_examples=GRAMMAR)
@given(type_exprs(TS_PRIMS, nullable=False), st.randoms(use_true_random=False))
@example(ir.Lit('"a\\b|c'), random.Random(0))
@example(ir.ListOf(ir.Lit('"')), random.Random(0))
def test_ts_cell_reparses_property(t, rng):
    t = ts_refs(t, rng)
    cell = ts_cell(t, rng)
    assert finalize(parse_cell(cell, ts), True) == t, cell


@pytest.mark.parametrize(
    "cell", ["Record<string, *string* | *number*>", "(*string* | *number*)[]"]
)
def test_ts_union_inside_a_container(cell):
    inner = ir.UnionOf((ir.STRING, ir.NUMBER))
    assert (
        parse_cell("*string* | *number*", ts) == inner
    )  # the control: at the top level it parses
    assert parse_cell(cell, ts) in (ir.DictOf(inner), ir.ListOf(inner))


def test_py_nullable_list_of_a_quote_literal():
    t = ir.Nullable(ir.ListOf(ir.Lit('"')))
    assert finalize(
        parse_cell(py_cell(ir.Lit('"'), random.Random(0)), py), True
    ) == ir.Lit(
        '"'
    )  # the control
    assert finalize(parse_cell(py_cell(t, random.Random(0)), py), True) == t


@settings(max_examples=GRAMMAR)
@given(
    type_exprs(PY_PRIMS, nullable=True),
    st.booleans(),
    st.randoms(use_true_random=False),
)
@example(ir.Lit('"a\\b"'), True, random.Random(0))
@example(ir.ListOf(ir.Lit('"')), False, random.Random(0))
def test_py_cell_reparses_property(t, required, rng):
    assume(_py_ok(t))
    t = py_refs(t, rng)
    if (
        not required
        and _wrappable(t)
        and not isinstance(t, (ir.Nullable, ir.ListOf, ir.DictOf, ir.UnionOf))
        and rng.random() < 0.5
    ):
        # Optional[T] marks an optional field (➖): it is T, not nullable
        cell = py_cell(t, rng, "Optional")
    else:
        cell = py_cell(t, rng)
    assert finalize(parse_cell(cell, py), required) == t, cell


TOKENS = [
    "*",
    "`",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "|",
    ",",
    " ",
    "\\",
    '"',
    "'",
    "string",
    "str",
    "number",
    "List[",
    "Dict[str, ",
    "Record<string, ",
    "Optional[",
    "Nullable[",
    "OptionalNullable[",
    "Literal[",
    "Union[",
    "{ [k: string]: ",
    " }",
    "[]",
    "components.X",
    "models.X",
    "../../models/components/x.md",
    "https://x",
    "#date-objects",
    "EventStream<",
    "AxiosResponse",
    "httpx.Response",
    "map[string]",
    "**",
    "`*",
    "[*",
    "interface{}",
    "[]byte",
    "big.Int",
    "http.Response",
    "Optional\\<",
    "JsonNullable<",
    "? extends ",
    "List\\\\<",
    "Map<String, ",
    "HttpResponse<",
    "Dictionary<String, ",
    "?",
    "1",
    "1e999",
    "-0",
    "NaN",
    "null",
    "None",
    "True",
    "](",
    "é",
    "\x00",
]


@st.composite
def hostile_cells(draw):
    rng = draw(st.randoms(use_true_random=False))
    base = draw(
        st.one_of(
            type_exprs(TS_PRIMS, False).map(lambda t: ts_cell(ts_refs(t, rng), rng)),
            type_exprs(PY_PRIMS, True)
            .filter(_py_ok)
            .map(lambda t: py_cell(py_refs(t, rng), rng)),
            st.lists(st.sampled_from(TOKENS), max_size=12).map("".join),
        )
    )
    for _ in range(draw(st.integers(0, 3))):  # splice tokens in, or cut a piece out
        i, j = sorted(draw(st.integers(0, len(base))) for _ in range(2))
        base = (
            base[:i]
            + draw(st.sampled_from(TOKENS + [""]))
            + base[j if draw(st.booleans()) else i :]
        )
    return base


@settings(max_examples=GRAMMAR)
@given(hostile_cells())
@example("List[" * 60 + "*str*" + "]" * 60)
@example("*string*" + "[]" * 60)
def test_type_cells_parse_or_raise_type_syntax_error_property(cell):
    for dialect in DIALECTS:
        parse_or_syntax_error(cell, dialect)


@pytest.mark.parametrize("dialect", DIALECTS, ids=[d.name for d in DIALECTS])
def test_type_cell_nested_10000_deep(dialect):
    cells = {
        "typescript": "Record<string, " * 10_000 + "*string*" + ">" * 10_000,
        "python": "List[" * 10_000 + "*str*" + "]" * 10_000,
        "go": "map[string]" * 10_000 + "`*" + "*" * 10_000 + "string`",
        "java": "*" + "Optional<? extends " * 10_000 + "String" + ">" * 10_000 + "*",
        "csharp": "Dictionary<String, " * 10_000 + "*long" + "?" * 10_000 + "*>",
        "php": "array<string, " * 10_000
        + "*?"
        + "?" * 10_000
        + "string*"
        + ">" * 10_000,
        "ruby": "T::Hash[Symbol, " * 10_000 + "*T.nilable(::String)*" + "]" * 10_000,
    }
    parse_or_syntax_error(cells[dialect.name], dialect)


# ================================================================ whole pipeline: doc trees

tame_model_name = st.one_of(
    st.sampled_from(
        ["Pet", "TextPart", "Owner", "A2AMessage", "HTTPServer", "Kind", "Status"]
    ),
    st.from_regex(r"\A[A-Z][A-Za-z0-9]{0,8}\Z"),
)
hostile_model_name = st.one_of(
    tame_model_name,
    st.sampled_from(
        [n for n in HOSTILE_NAMES if n and "/" not in n and "\x00" not in n]
    ),
    st.from_regex(r"\A[A-Za-z_$][\w$.-]{0,8}\Z"),
)
tame_field_name = st.one_of(
    st.sampled_from(
        [
            "id",
            "type",
            "class",
            "from",
            "model_config",
            "createdAt",
            "x-api-key",
            "$ref",
            "@type",
            "additionalProperties",
            "json",
            "validate",
            "fields",
            "Field",
            "datetime",
        ]
    ),
    st.from_regex(r"\A[a-z][A-Za-z0-9_]{0,10}\Z"),
)
description = st.one_of(
    st.just("N/A"),
    cell_text.filter(bool),
    st.sampled_from(
        [
            'a """ b',
            "x\\",
            "é 名 \u2028",
            "<br/>line two",
            ": warning: ** DEPRECATED **: Old.<br/><br/>Text",
        ]
    ),
)
enum_string = (
    st.text(
        alphabet=st.characters(
            blacklist_characters="`\n\r\\|", blacklist_categories=["Cs", "Cc"]
        ),
        min_size=1,
        max_size=8,
    )
    .map(str.strip)
    .filter(bool)
)


def table(header: list[str], rows: list[list[str]], rng: random.Random) -> str:
    all_rows = [header, ["-" * max(3, len(h)) for h in header]] + rows
    if rng.random() < 0.5:  # Speakeasy's padding: every column to one width
        width = max(len(c) for r in all_rows for c in r)
        all_rows[1] = ["-" * width for _ in header]
        return "\n".join(
            "| " + " | ".join(c.ljust(width) for c in r) + " |" for r in all_rows
        )
    return "\n".join("| " + " | ".join(r) + " |" for r in all_rows)


@st.composite
def doc_trees(draw, names_strategy, field_names):
    rng = draw(st.randoms(use_true_random=False))
    dialect = draw(st.sampled_from(["typescript", "python"]))
    models = draw(
        st.lists(names_strategy, min_size=1, max_size=4, unique_by=lambda n: n.lower())
    )
    folder = "docs/models/components" if dialect == "typescript" else "docs/models"
    fence = "typescript" if dialect == "typescript" else "python"
    docs = {}
    kinds = {
        name: draw(st.sampled_from(["object", "object", "enum", "union"]))
        for name in models
    }
    for name in models:
        kind = kinds[name]
        intro = ""
        if draw(st.booleans()):
            intro = draw(description).replace("<br/>", "\n") + "\n\n"
        if rng.random() > 0.8:
            intro += "> :warning: **DEPRECATED**: This will be removed in a future release.\n\n"
        head = f"# {name}\n\n{intro}"
        if kind == "object":
            rows = []
            for fname in draw(
                st.lists(field_names, min_size=1, max_size=8, unique=True)
            ):
                required = draw(st.booleans())
                prims = TS_PRIMS if dialect == "typescript" else PY_PRIMS
                # plain primitives often, so that every leaf kind shows up in a few dozen trees
                pick = draw(st.integers(0, 3))
                shape = (
                    st.sampled_from(prims).map(PRIM.__getitem__),
                    leaf_types(prims),
                    type_exprs(prims, nullable=dialect == "python"),
                )[min(pick, 2)]
                if dialect == "typescript":
                    t = draw(shape)
                    t = map_raw_refs(t, lambda r: RawRef(rng.choice(models)))
                    cell = ts_cell(ts_refs(t, rng), rng)
                else:
                    t = draw(shape.filter(_py_ok))
                    t = py_refs(
                        map_raw_refs(t, lambda r: RawRef(rng.choice(models))), rng
                    )
                    wrap = (
                        "Optional"
                        if not required
                        and _wrappable(t)
                        and not isinstance(t, (ir.Nullable, ir.ListOf, ir.DictOf))
                        else ""
                    )
                    cell = py_cell(t, rng, wrap)
                fcell = f"~~`{fname}`~~" if rng.random() > 0.85 else f"`{fname}`"
                row = [
                    fcell,
                    escape_cell(cell),
                    ":heavy_check_mark:" if required else ":heavy_minus_sign:",
                    escape_cell(draw(description)),
                ]
                if (
                    rng.random() > 0.95
                ):  # a ragged row: the doc is broken, diagnostics must say so
                    row = (
                        row[: draw(st.integers(1, 3))]
                        if draw(st.booleans())
                        else row + ["extra"]
                    )
                rows.append(row)
            body = "## Fields\n\n" + table(
                ["Field", "Type", "Required", "Description"], rows, rng
            )
        elif kind == "enum":
            values = draw(
                st.one_of(
                    st.lists(enum_string, min_size=1, max_size=5, unique=True),
                    st.lists(
                        st.integers(-1000, 1000), min_size=1, max_size=5, unique=True
                    ),
                )
            )
            open_ = draw(st.booleans())
            note = (
                "This is an open enum. Unrecognized values will not fail type checks.\n\n"
                if open_
                else ""
            )
            form = draw(
                st.sampled_from(
                    ["code", "table"]
                    if dialect == "typescript"
                    else ["bullets", "table"]
                )
            )
            if form == "code":
                tail = (
                    [
                        f"Unrecognized<{'string' if isinstance(values[0], str) else 'number'}>"
                    ]
                    if open_
                    else []
                )
                body = (
                    f"## Values\n\n{note}```typescript\n"
                    + " | ".join(
                        [json.dumps(v, ensure_ascii=False) for v in values] + tail
                    )
                    + "\n```"
                )
            elif form == "bullets":
                body = f"## Values\n\n{note}" + "\n".join(
                    f"- `{json.dumps(v, ensure_ascii=False)}`" for v in values
                )
            else:
                rows = [
                    [f"`{'V' + str(i)}`", escape_cell(str(v))]
                    for i, v in enumerate(values)
                ]
                body = f"## Values\n\n{note}" + table(["Name", "Value"], rows, rng)
        else:
            members = []
            for _ in range(draw(st.integers(1, 3))):
                choice = draw(st.sampled_from(["ref", "prim", "list"]))
                # bare members that are unions again can form a cycle with no object in it: see test_union_of_itself
                others = [m for m in models if kinds[m] != "union"]
                target = rng.choice(others) if others else ""
                choice = "prim" if choice == "ref" and not target else choice
                ns = "components" if dialect == "typescript" else "models"
                prim = rng.choice(
                    ["string", "number", "boolean"]
                    if dialect == "typescript"
                    else ["str", "int", "bool"]
                )
                text = {
                    "ref": f"{ns}.{target}",
                    "prim": prim,
                    "list": f"{prim}[]" if dialect == "typescript" else f"List[{prim}]",
                }[choice]
                value = (
                    "const value: X = {};"
                    if dialect == "typescript"
                    else "value: X = /* values here */"
                )
                members.append(f"### `{text}`\n\n```{fence}\n{value}\n```")
            body = "## Supported Types\n\n" + "\n\n".join(dict.fromkeys(members))
        docs[f"{folder}/{name.lower()}.md"] = (
            head + body + ("\n" if draw(st.booleans()) else "")
        )
    if draw(
        st.booleans()
    ):  # every primitive of the dialect once, so a few dozen trees cover them all
        prims = TS_PRIMS if dialect == "typescript" else PY_PRIMS
        rows = []
        for i, kind in enumerate(rng.sample(prims, len(prims))):
            required = rng.random() < 0.5
            cell = (
                ts_cell(PRIM[kind], rng)
                if dialect == "typescript"
                else py_cell(
                    PRIM[kind], rng, "" if required or kind in _PY_DATE else "Optional"
                )
            )
            rows.append(
                [
                    f"`p{i}{kind.title()}`",
                    cell,
                    ":heavy_check_mark:" if required else ":heavy_minus_sign:",
                    "N/A",
                ]
            )
        docs[f"{folder}/allprimitives.md"] = (
            "# AllPrimitives\n\n## Fields\n\n"
            + table(["Field", "Type", "Required", "Description"], rows, rng)
            + "\n"
        )
    options = {
        "kind": draw(st.sampled_from(["pydantic", "dataclasses"])),
        "allow_missing": draw(st.booleans()),
    }
    return docs, options


def _union_doc(name: str, *members: str) -> str:
    return (
        f"# {name}\n\n## Supported Types\n\n"
        + "\n\n".join(
            f"### `{m}`\n\n```typescript\nconst value: X = {{}};\n```" for m in members
        )
        + "\n"
    )


@pytest.mark.parametrize(
    "docs",
    [
        {"pet.md": _union_doc("Pet", "components.Pet")},
        {
            "pet.md": _union_doc("Pet", "components.TextPart"),
            "textpart.md": _union_doc("TextPart", "components.Pet"),
        },
    ],
    ids=["direct", "through-another-union"],
)
def test_union_of_itself(docs):
    _pipeline(
        (
            {f"docs/models/components/{p}": d for p, d in docs.items()},
            {"kind": "pydantic", "allow_missing": False},
        )
    )


def _pipeline(tree) -> None:
    docs, options = tree
    with tempfile.TemporaryDirectory() as tmp:
        specs = write_docs(Path(tmp), docs)
        result = run_generate(specs, **options)
    try:
        check_result(result, import_it=True)
    except Exception as exc:
        raise AssertionError(
            f"{exc}\noptions={options!r}\n"
            + "\n".join(f"--- {p}\n{t}" for p, t in docs.items())
        ) from exc


@settings(max_examples=PIPELINE)
@given(doc_trees(tame_model_name, tame_field_name))
def test_pipeline_property(tree):
    _pipeline(tree)


@settings(max_examples=PIPELINE, phases=NO_SHRINK, report_multiple_bugs=False)
@given(
    doc_trees(
        hostile_model_name,
        st.one_of(
            tame_field_name,
            hostile_text.filter(
                lambda s: s.strip() and "`" not in s and "\n" not in s and "\r" not in s
            ),
        ),
    )
)
def test_pipeline_hostile_names_property(tree):
    _pipeline(tree)
