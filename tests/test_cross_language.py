"""Cross-language agreement: one API (Speakeasy's generator tests, ``gentests-7lang-2023``) documented
by the SDKs of seven languages must give one IR where the docs carry the same information.

For each language present, the IR (after the passes) is compared with the TypeScript one, fact by
fact: which models exist and their kind; per object field (matched by name, case and ``_`` aside)
requiredness, nullability and type; enum values and openness; union members; additional
properties. References compare by the (normalised) model they point to.

Every difference must be explained by a rule of ``EXPLAINED`` (differences the docs themselves
cause, with the reason), and every rule must explain something for each language it names; the
test prints each language's agreement (facts equal / facts compared) and the differences, grouped
by reason (``pytest -s`` shows them). A language is added by putting it in ``LANGUAGES`` and its
rules in ``EXPLAINED`` (and, if it names models differently, ``MODEL_ALIASES``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from support.corpora import language_docs

from generator import ir, passes
from generator.diagnostics import Diagnostics
from generator.frontends import LoadOptions, load_all
from generator.frontends.markdown import parse_all
from generator.read import read

pytestmark = pytest.mark.corpus

REFERENCE = "typescript"
LANGUAGES = (
    "python",
    "go",
    "java",
    "csharp",
    "php",
    "ruby",
)  # compared with REFERENCE; the other SDK languages join here

# namespaces that are one namespace under another name (Go's error models)
NAMESPACES = {"sdkerrors": "errors", "apierrors": "errors"}
# models a language names differently: Speakeasy suffixes a name that clashes with the SDK's own
# identifiers (reference 1.1: ``ErrorT``, ``EnumT``), and which names clash depends on the language;
# TypeScript's 2023 docs name TypedObject1's inline ``type`` enum ``TypeT`` (the others
# ``TypedObject1Type``, keeping ``Type`` for ExampleBoat's, a doc TypeScript does not have)
MODEL_ALIASES: dict[str, dict[str, str]] = {
    "typescript": {
        "errors/errort": "errors/error",
        "shared/typet": "shared/typedobject1type",
    },
    "python": {"shared/enumt": "shared/enum"},
}
# Java's and C#'s 2023 docs have no errors namespace (their error models are in shared, the error
# response body in operations) and name TypedObject1's inline enum plain ``Type``
for _language in ("java", "csharp"):
    MODEL_ALIASES[_language] = {
        "shared/error": "errors/error",
        "shared/errortype": "errors/errortype",
        "operations/statusgetxspeakeasyerrorsresponsebody": "errors/statusgetxspeakeasyerrorsresponsebody",
        "shared/type": "shared/typedobject1type",
    }
# PHP's and Ruby's 2023 docs too, and they suffix ``Empty`` (``EmptyT``)
for _language in ("php", "ruby"):
    MODEL_ALIASES[_language] = {
        "shared/type": "shared/typedobject1type",
        "operations/emptyt": "operations/empty",
        "shared/error": "errors/error",
        "shared/errortype": "errors/errortype",
        "operations/statusgetxspeakeasyerrorsresponsebody": "errors/statusgetxspeakeasyerrorsresponsebody",
    }


@dataclass(frozen=True)
class Explained:
    """Differences the docs cause: the fact kind ``what``, regexes the TypeScript value and the
    other language's value (as text) must match in full, and why."""

    languages: frozenset[str]
    what: str
    reference: str
    other: str
    reason: str
    where: str = ".*"  # a regex the difference's place must match in full

    def explains(self, d: Difference) -> bool:
        return (
            d.language in self.languages
            and d.what == self.what
            and re.fullmatch(self.reference, str(d.reference)) is not None
            and re.fullmatch(self.other, str(d.other)) is not None
            and re.fullmatch(self.where, d.where) is not None
        )


_NEST = r"(?:list\[|dict\[)*"
_END = r"\]*"
EXPLAINED = (
    Explained(
        frozenset({"python", "go", "java", "csharp", "php", "ruby"}),
        "type",
        _NEST + "number" + _END,
        _NEST + "integer" + _END,
        "TypeScript writes integers as number (int and float are one type there; reference 9.4)",
    ),
    Explained(
        frozenset({"python", "go", "csharp"}),
        "type",
        _NEST + "(?:number|string)" + _END,
        _NEST + "(?:number:decimal|integer)" + _END,
        "TypeScript writes big integers and decimals as number, or as string for their Str formats",
    ),
    Explained(
        frozenset({"python", "go"}),
        "type",
        r"(?:dict\[)?any\]?",
        r"(?:dict\[)?ref:.*",
        "TypeScript's 2023 docs write a union as any (they have no union docs); the others link it",
    ),
    Explained(
        frozenset({"python", "go"}),
        "type",
        r"dict\[.*\]",
        r"ref:shared\.objwith\w*additionalproperties",
        "TypeScript's 2023 docs write an object with additional properties as its map",
    ),
    Explained(
        frozenset({"python", "go"}),
        "model",
        "None",
        "union",
        "TypeScript's 2023 docs have no union docs",
    ),
    Explained(
        frozenset({"python", "go"}),
        "model",
        "None",
        "object|enum",
        "TypeScript's 2023 docs have no doc for a model only a union or an inlined map reaches",
    ),
    Explained(
        frozenset({"java", "csharp", "php", "ruby"}),
        "field",
        "False",
        "True",
        "TypeScript's response wrappers leave out the error bodies an operation throws; Java's, "
        "C#'s, PHP's and Ruby's 2023 docs carry them as fields",
        r"operations/\w+response\.(?:error|object)",
    ),
    Explained(
        frozenset({"php", "ruby"}),
        "type",
        _NEST + "string:binary" + _END,
        _NEST + "string" + _END,
        "PHP's and Ruby's 2023 docs write binary content (file uploads, byte bodies) as a string",
    ),
    Explained(
        frozenset({"php"}),
        "type",
        _NEST + "string:date" + _END,
        _NEST + "string:date-time" + _END,
        "PHP writes \\DateTime for a date too; without a date in the Example cell it is a date-time",
    ),
    Explained(
        frozenset({"python"}),
        "nullable",
        "False",
        "True",
        "TypeScript docs never show nullability; Python v1 writes Optional[T] on a required field",
    ),
)


@dataclass(frozen=True)
class Difference:
    language: str
    what: str  # model, required, nullable, type, values, open, members, extra
    where: str  # namespace/model[.field]
    reference: object  # the TypeScript value (None: absent)
    other: object  # the other language's value

    def __str__(self) -> str:
        return f"{self.where}: {self.what}: {REFERENCE} {self.reference!r}, {self.language} {self.other!r}"


# ---------------------------------------------------------------- the IR as facts


def load_ir(language: str) -> ir.Package:
    docs = language_docs(language)
    diags = Diagnostics()
    files = read(Path(docs), diags)
    package = passes.run(load_all(files, diags, LoadOptions()), diags)
    errors = [str(d) for d in diags.items if d.severity.name == "ERROR"]
    assert not errors, f"{language}: {len(errors)} error(s), e.g. {errors[:5]}"
    return package


class Facts:
    """One language's IR as comparable facts, under names every language shares."""

    def __init__(self, language: str, package: ir.Package):
        self.aliases = MODEL_ALIASES.get(language, {})
        self.models = {self.key(m.key): m for m in package.models}

    def key(self, k: ir.ModelKey) -> str:
        ns = k.namespace.lower()
        name = f"{NAMESPACES.get(ns, ns)}/{k.name.lower()}"
        return self.aliases.get(name, name)

    def type(self, t: ir.TypeExpr) -> str:
        if isinstance(t, ir.Nullable):
            return self.type(t.inner) + "?"
        if isinstance(t, ir.Prim):
            return t.kind + (f":{t.format}" if t.format else "")
        if isinstance(t, ir.Lit):
            return repr(t.value)
        if isinstance(t, ir.ListOf):
            return f"list[{self.type(t.item)}]"
        if isinstance(t, ir.DictOf):
            return f"dict[{self.type(t.value)}]"
        if isinstance(t, ir.UnionOf):
            return "union[" + ", ".join(sorted(self.type(m) for m in t.members)) + "]"
        assert isinstance(t, ir.Ref) and t.key is not None
        return "ref:" + self.key(t.key).replace("/", ".")


def _kind(m: ir.Model | None) -> str | None:
    if m is None:
        return None
    return {ir.ObjectModel: "object", ir.EnumModel: "enum", ir.UnionModel: "union"}[
        type(m)
    ]


def _field_key(name: str) -> str:
    return name.replace("_", "").lower()


def compare(language: str, ref: Facts, other: Facts) -> tuple[int, list[Difference]]:
    """(facts compared, differences) of ``other`` against the reference."""
    count, diffs = 0, []

    def fact(what: str, where: str, a: object, b: object) -> None:
        nonlocal count
        count += 1
        if a != b:
            diffs.append(Difference(language, what, where, a, b))

    for key in sorted(set(ref.models) | set(other.models)):
        a, b = ref.models.get(key), other.models.get(key)
        fact("model", key, _kind(a), _kind(b))
        if a is None or b is None or type(a) is not type(b):
            continue
        if isinstance(a, ir.ObjectModel) and isinstance(b, ir.ObjectModel):
            fa = {_field_key(f.name): f for f in a.fields}
            fb = {_field_key(f.name): f for f in b.fields}
            for name in sorted(set(fa) | set(fb)):
                where = f"{key}.{name}"
                x, y = fa.get(name), fb.get(name)
                fact("field", where, x is not None, y is not None)
                if x is None or y is None:
                    continue
                fact("required", where, x.required, y.required)
                nx, ny = isinstance(x.type, ir.Nullable), isinstance(
                    y.type, ir.Nullable
                )
                fact("nullable", where, nx, ny)
                tx = x.type.inner if isinstance(x.type, ir.Nullable) else x.type
                ty = y.type.inner if isinstance(y.type, ir.Nullable) else y.type
                fact("type", where, ref.type(tx), other.type(ty))
            extra_a = None if a.extra is None else ref.type(a.extra)
            extra_b = None if b.extra is None else other.type(b.extra)
            fact("extra", key, extra_a, extra_b)
        elif isinstance(a, ir.EnumModel) and isinstance(b, ir.EnumModel):
            fact(
                "values",
                key,
                [m.value for m in a.members],
                [m.value for m in b.members],
            )
            fact("open", key, a.open, b.open)
        elif isinstance(a, ir.UnionModel) and isinstance(b, ir.UnionModel):
            fact(
                "members",
                key,
                sorted(ref.type(m) for m in a.members),
                sorted(other.type(m) for m in b.members),
            )
    return count, diffs


# ---------------------------------------------------------------- the tests


@pytest.mark.parametrize("language", (REFERENCE, *LANGUAGES))
def test_every_doc_is_read_in_its_language(language: str) -> None:
    """Detection: no doc of one SDK is taken for another language's (a new dialect's score must
    not win the docs of the others)."""
    docs = language_docs(language)
    diags = Diagnostics()
    files = [f for f in read(Path(docs), diags) if f.path.endswith(".md")]
    found = Counter(d.dialect for d in parse_all(files, diags))
    assert set(found) == {language}, found


@pytest.fixture(scope="module")
def reference() -> Facts:
    return Facts(REFERENCE, load_ir(REFERENCE))


@pytest.mark.parametrize("language", LANGUAGES)
def test_ir_agrees_with_typescript(language: str, reference: Facts) -> None:
    count, diffs = compare(language, reference, Facts(language, load_ir(language)))
    by_reason: dict[str, list[Difference]] = defaultdict(list)
    unexplained = []
    used: Counter[Explained] = Counter()
    for d in diffs:
        rule = next((r for r in EXPLAINED if r.explains(d)), None)
        if rule is None:
            unexplained.append(d)
        else:
            used[rule] += 1
            by_reason[rule.reason].append(d)
    agreement = 1 - len(diffs) / count
    print(
        f"\n{language}: {agreement:.2%} of {count:,} facts agree with {REFERENCE}; "
        f"{len(diffs)} difference(s), {len(diffs) - len(unexplained)} explained by the docs"
    )
    for reason, items in sorted(by_reason.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(items):5d}  {reason}")
        for d in items[:3]:
            print(f"           {d}")
    for d in unexplained:
        print(f"  UNEXPLAINED  {d}")
    assert (
        not unexplained
    ), f"{len(unexplained)} unexplained difference(s), e.g. " + "; ".join(
        map(str, unexplained[:10])
    )
    stale = [r.reason for r in EXPLAINED if language in r.languages and not used[r]]
    assert not stale, f"rules that explain nothing for {language}: {stale}"
