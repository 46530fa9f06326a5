"""The naming step: every Python name of the output is decided here, per output kind.

``name_package(package, kind)`` gives a ``Naming``: for every model its class name, module path,
doc path, field attribute names, enum member names and (pydantic) the attribute of its
discriminator. Render only looks names up. The helpers below it are total: any input string gives
a valid identifier that is not reserved for the kind.

Order matters where names collide (``textpart``, ``textpart_2``): models are named in the order of
their sources (file, then JSON pointer), fields and members in their order in the model.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .. import ir
from ..unsafe import DOCS

# Python's reserved words, the same in every supported version (3.10 to 3.13), never read from the
# running interpreter: the output must not depend on it. Soft keywords (``match``, ``case``,
# ``type``, ``_``) are identifiers wherever we write names, so they are not reserved (``_`` is not an
# attribute anyway: pydantic ignores names with a leading underscore, and snake_case drops it).
KEYWORDS = frozenset(
    "False None True and as assert async await break class continue def del elif else except finally for "
    "from global if import in is lambda nonlocal not or pass raise return try while with yield".split()
)
# names the generated modules bind themselves (imports, the runtime, ``from __future__ import
# annotations``): a model or field with one of these names would shadow them
GENERATED_NAMES = frozenset(
    "Annotated Any BaseModel ConfigDict Enum Field ForwardRef Literal OpenEnum Optional TYPE_CHECKING TypeAlias "
    "TypeAliasType Union annotations dataclass dataclasses datetime decimal deprecated enum field importlib typing "
    "typing_extensions pydantic KW_ONLY uuid".split()
)
# attribute names that collide with pydantic.BaseModel's own API (v1 and v2 spellings)
MODEL_RESERVED = frozenset(
    "construct copy dict fields from_orm json model_computed_fields model_config model_construct "
    "model_copy model_dump model_dump_json model_extra model_fields model_fields_set model_json_schema "
    "model_parametrized_name model_post_init model_rebuild model_validate model_validate_json "
    "model_validate_strings parse_file parse_obj parse_raw schema schema_json update_forward_refs "
    "validate".split()
)
_SHADOWING_BUILTINS = frozenset("str int float bool bytes dict list".split())
RESERVED_ATTRS = KEYWORDS | GENERATED_NAMES | MODEL_RESERVED | _SHADOWING_BUILTINS
# attribute names each output kind must avoid: a dataclass has no BaseModel API to collide with
RESERVED_BY_KIND: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "pydantic": RESERVED_ATTRS,
        "dataclasses": RESERVED_ATTRS - (MODEL_RESERVED - _SHADOWING_BUILTINS),
        # datamodel-code-generator names the attributes of these kinds; ours name the docs
        "msgspec": RESERVED_ATTRS - (MODEL_RESERVED - _SHADOWING_BUILTINS),
        "typeddict": RESERVED_ATTRS - (MODEL_RESERVED - _SHADOWING_BUILTINS),
    }
)
# module and package names the generated code imports: a generated package of that name would
# shadow them for everything on its sys.path
IMPORTED_MODULES = frozenset(
    "__future__ annotated_types builtins collections dataclasses datetime decimal enum importlib pydantic "
    "pydantic_core types typing typing_extensions uuid".split()
)

_CAMEL1 = re.compile(
    r"(?<=[A-Z])(?=[A-Z][a-z])"
)  # not ([A-Z]+)([A-Z][a-z]): quadratic in a run of capitals
_CAMEL2 = re.compile(r"([a-z\d])([A-Z])")
_NON_WORD = re.compile(r"[^0-9A-Za-z]+")


def is_identifier(name: str) -> bool:
    """Whether Python reads ``name`` back as exactly this identifier: valid, not a keyword, and
    unchanged by the NFKC normalization Python applies to identifiers (``Aﬁ`` reads as ``Afi``).
    """
    return (
        name.isidentifier()
        and name not in KEYWORDS
        and unicodedata.normalize("NFKC", name) == name
    )


def words(name: str) -> list[str]:
    """``name``'s words: split at case changes (``HTTPServer`` -> ``HTTP``, ``Server``) and at
    anything but ASCII letters and digits."""
    if name.isascii() and name == name.lower() and name.replace("_", "").isalnum():
        # no capital, nothing but letters, digits and "_" (most JSON names: ``created_at``):
        # the case rules change nothing, so the words are the parts between the "_"
        return [w for w in name.split("_") if w]
    s = _CAMEL2.sub(r"\1_\2", _CAMEL1.sub("_", name))
    return [w for w in _NON_WORD.split(s) if w]


def snake_case(name: str) -> str:
    return "_".join(w.lower() for w in words(name))


def safe_attr(
    name: str,
    taken: set[str] | frozenset[str] = frozenset(),
    reserved: frozenset[str] = RESERVED_ATTRS,
    counters: dict[str, int] | None = None,
) -> str:
    """A snake_case attribute name that is an identifier, not in ``reserved``, and not in ``taken``:
    the base, then up to three trailing ``_``, then ``base_2``, ``base_3``... (``counters``, one per
    model, remembers where each base's numbering stands, so many collisions stay linear).
    """
    base = snake_case(unicodedata.normalize("NFKC", name)) or "field"
    if base[0].isdigit():
        base = "field_" + base

    def free(n: str) -> bool:
        return n not in reserved and n not in taken and is_identifier(n)

    candidate = base
    for _ in range(4):
        if free(candidate):
            return candidate
        candidate += "_"
    n = counters.get(base, 2) if counters is not None else 2
    while not free(f"{base}_{n}"):
        n += 1
    if counters is not None:
        counters[base] = n + 1
    return f"{base}_{n}"


_ASCII_WORD = re.compile(r"[0-9A-Za-z_]*")


def _identifier_text(name: str) -> str:
    """``name`` NFKC-normalized, with every character an identifier cannot hold replaced by ``_``."""
    if _ASCII_WORD.fullmatch(name):
        return name  # ASCII letters, digits and _: already all of that
    s = unicodedata.normalize("NFKC", name)
    if (
        "_" + s
    ).isidentifier():  # every character can stay (the common case, in one call)
        return s  # already NFKC
    s = "".join(c if ("_" + c).isidentifier() else "_" for c in s)
    return unicodedata.normalize("NFKC", s)


def safe_class(name: str) -> str:
    """A class name Python reads back as itself; never private (``_x``), never a name the
    generated modules bind, never a builtin type it would shadow."""
    s = _identifier_text(name)
    if not s or not (s[0].isidentifier()) or s[0] == "_":
        s = "M" + s
    while not is_identifier(s) or s in GENERATED_NAMES or s in _SHADOWING_BUILTINS:
        s += "_"
    return s


def safe_module(name: str) -> str:
    """A module (file) name: lower case, an identifier Python reads back as itself, never private."""
    s = _identifier_text(_identifier_text(name).lower())
    if not s or not s[0].isidentifier() or s[0] == "_":
        s = "m" + s
    while not is_identifier(s) or s in GENERATED_NAMES or s in IMPORTED_MODULES:
        s += "_"
    return s


def enum_member(value: object, documented: str, taken: set[str]) -> str:
    """A member name: the documented one if Python reads it back as itself, else one made from the
    value (``VALUE_1_5``, ``TRUE``, ``IN_PROGRESS``); unique in ``taken``."""
    if documented and is_identifier(documented) and not documented.startswith("_"):
        base = documented
    elif isinstance(value, bool):
        base = str(value).upper()
    elif isinstance(value, (int, float)):
        base = "VALUE_" + _NON_WORD.sub("_", str(value).replace("-", "MINUS_")).strip(
            "_"
        )
    else:
        base = (
            "_".join(
                w.upper()
                for w in words(unicodedata.normalize("NFKC", str(documented or value)))
            )
            or "EMPTY"
        )
        if base[0].isdigit():
            base = "VALUE_" + base
    if base in ("name", "value", "mro") or base in KEYWORDS:
        base += "_"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def import_alias(namespace: str, class_name: str, taken: set[str]) -> str:
    """The local name of an imported class whose own name is taken in the importing module:
    prefixed with its namespace (``ComponentsTextPart``), numbered if that is taken too.
    """
    prefix = "".join(w.capitalize() for w in words(namespace)) or "Root"
    name = base = safe_class(prefix + class_name)
    n = 2
    while name in taken:
        name, n = f"{base}{n}", n + 1
    return name


def path_safe(part: str) -> bool:
    """Whether ``write`` accepts ``part`` as a path component (else we use its ``safe_module`` form);
    a part with control or bidi characters takes the ``safe_module`` form too."""
    return (
        part not in ("", ".", "..")
        and not any(c in part for c in ":\\")
        and not DOCS.search(part)
    )


# ---------------------------------------------------------------- the step


@dataclass(frozen=True)
class ModelNames:
    """The Python names of one model. ``attrs``: one per field (ObjectModel); ``extra_attr``: the
    dataclass attribute holding additional properties; ``members``: one per enum member;
    ``discriminator``: the attribute of a union's discriminator property, None if there is none or
    the members disagree on it. ``doc_path``: the model's doc below ``docs/models``."""

    class_name: str
    module: str  # dotted, inside the output package: "components.textpart"
    doc_path: str  # "components/textpart.md"
    attrs: tuple[str, ...] = ()
    extra_attr: str = ""
    members: tuple[str, ...] = ()
    discriminator: str | None = None


@dataclass(frozen=True)
class Naming:
    """Every model's names for one output kind: ``naming[key].class_name``."""

    kind: str
    models: Mapping[ir.ModelKey, ModelNames]

    def __getitem__(self, key: ir.ModelKey) -> ModelNames:
        return self.models[key]

    @property
    def reserved(self) -> frozenset[str]:
        return RESERVED_BY_KIND[self.kind]

    def attr(self, name: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
        """The attribute a field with JSON name ``name`` (and no name hint) gets after ``taken``."""
        return safe_attr(name, taken, self.reserved)

    def module_order(self, package: ir.Package) -> list[ir.Model]:
        """The package's models sorted by module path (the order render writes them in)."""
        return sorted(package.models, key=lambda m: self.models[m.key].module)


def name_package(package: ir.Package, kind: str) -> Naming:
    """Name every model of ``package`` for output ``kind`` (``pydantic`` or ``dataclasses``)."""
    reserved = RESERVED_BY_KIND[kind]
    order = sorted(
        package.models,
        key=lambda m: (m.source.file, m.source.pointer, m.source.line, m.key),
    )
    # safe_module of each name hint, worked out once: modules and doc paths both ask
    safe: dict[str, str] = {}
    modules = _modules(order, safe)
    folders: dict[str, list[str]] = {}  # a namespace's folders below docs/models
    by_key = package.by_key()
    attrs: dict[ir.ModelKey, tuple[str, ...]] = {}
    known: dict[tuple, tuple[str, ...]] = (
        {}
    )  # field names -> attributes: APIs repeat field lists
    for m in order:
        if isinstance(m, ir.ObjectModel):
            wire = tuple((f.name, f.name_hint) for f in m.fields)
            found = known.get(wire)
            if found is None:
                found = known[wire] = _attrs(m.fields, reserved)
            attrs[m.key] = found
    # a package's attributes are its modules and sub-packages; its index adds class names (the root
    # index: every unique one), which must not be one of them
    package_attrs: dict[tuple[str, ...], set[str]] = {}
    for module in modules.values():
        parts = module.split(".")
        for i in range(len(parts)):
            package_attrs.setdefault(tuple(parts[:i]), set()).add(parts[i])
    out: dict[ir.ModelKey, ModelNames] = {}
    # enum members by their (type, value, documented name)s: APIs repeat value lists (a repr
    # tells -0.0 from 0.0, and the type True from 1, which the names tell apart too)
    members_of: dict[tuple, tuple[str, ...]] = {}
    for m in order:
        module = modules[m.key]
        class_name = safe_class(m.name_hint or m.key.name)
        while (
            class_name in package_attrs.get(tuple(module.split(".")[:-1]), ())
            or class_name in package_attrs[()]
        ):
            class_name += "_"
        doc_path = _doc_path(m, module, folders, safe)
        if isinstance(m, ir.ObjectModel):
            extra = (
                safe_attr("additional_properties", set(attrs[m.key]), reserved)
                if m.extra is not None
                else ""
            )
            names = ModelNames(
                class_name, module, doc_path, attrs=attrs[m.key], extra_attr=extra
            )
        elif isinstance(m, ir.EnumModel):
            values = tuple(
                (type(x.value), repr(x.value), x.name_hint) for x in m.members
            )
            members = members_of.get(values)
            if members is None:
                taken: set[str] = set()
                members = members_of[values] = tuple(
                    enum_member(x.value, x.name_hint, taken) for x in m.members
                )
            names = ModelNames(class_name, module, doc_path, members=members)
        elif m.discriminator is not None:
            tag_attrs = {
                _field_attr(by_key.get(key), attrs, m.discriminator.property)
                for _, key in m.discriminator.mapping
            }
            disc = tag_attrs.pop() if len(tag_attrs) == 1 else None
            if not all(
                _tag_is_constant(by_key.get(key), m.discriminator.property)
                for _, key in m.discriminator.mapping
            ):
                disc = (
                    None  # pydantic discriminates on constants only: a plain union then
                )
            names = ModelNames(class_name, module, doc_path, discriminator=disc)
        else:
            names = ModelNames(class_name, module, doc_path)
        out[m.key] = names
    return Naming(kind, out)


def _tag_is_constant(target: ir.Model | None, prop: str) -> bool:
    """Whether ``target`` has the JSON property ``prop`` as a constant (what pydantic needs)."""
    if isinstance(target, ir.ObjectModel):
        return any(f.name == prop and isinstance(f.type, ir.Lit) for f in target.fields)
    return False


def _field_attr(
    target: ir.Model | None, attrs: dict[ir.ModelKey, tuple[str, ...]], prop: str
) -> str | None:
    """The attribute of ``target``'s field with JSON name ``prop``."""
    if isinstance(target, ir.ObjectModel):
        for f, attr in zip(target.fields, attrs[target.key]):
            if f.name == prop:
                return attr
    return None


def _attrs(fields: tuple[ir.Field, ...], reserved: frozenset[str]) -> tuple[str, ...]:
    """Attribute names in field order: the name hint if it is a usable identifier, else snake_case."""
    taken: set[str] = set()
    counters: dict[str, int] = {}
    out = []
    for f in fields:
        hint = f.name_hint
        if hint:
            usable = is_identifier(hint) and hint not in reserved and hint not in taken
            attr = hint if usable else safe_attr(hint, taken, reserved, counters)
        else:
            attr = safe_attr(f.name, taken, reserved, counters)
        taken.add(attr)
        out.append(attr)
    return tuple(out)


def _package_parts(namespace: str) -> tuple[str, ...]:
    return tuple(safe_module(p) for p in namespace.split("/")) if namespace else ()


def _modules(
    order: list[ir.Model], safe: dict[str, str] | None = None
) -> dict[ir.ModelKey, str]:
    """Dotted module paths: namespace parts as packages, the path hint (else the name) as module,
    all made safe, and unique against each other and against sub-packages. ``safe``: what
    ``safe_module`` makes of each name, filled in as worked out."""
    safe = {} if safe is None else safe
    parts = {ns: _package_parts(ns) for ns in {m.key.namespace for m in order}}
    subpackages: dict[tuple[str, ...], set[str]] = {}
    for pkg in set(parts.values()):
        for i in range(len(pkg)):
            subpackages.setdefault(pkg[:i], set()).add(pkg[i])
    taken: dict[tuple[str, ...], set[str]] = {}
    out: dict[ir.ModelKey, str] = {}
    for m in order:
        pkg = parts[m.key.namespace]
        name = m.path_hint or m.key.name
        made = safe.get(name)
        if made is None:
            made = safe[name] = safe_module(name)
        base = _short_module(made)
        used = taken.setdefault(pkg, set(subpackages.get(pkg, ())))
        mod, n = base, 2
        while mod in used:
            mod, n = f"{base}_{n}", n + 1
        used.add(mod)
        out[m.key] = ".".join(pkg + (mod,))
    return out


# a file name holds 255 bytes: a module's name stays well below, numbered (``_2``) and with its
# suffix (``.py``, ``.md``) or not
MAX_MODULE_BYTES = 200


def _short_module(name: str) -> str:
    """``name`` (a ``safe_module`` name) cut to ``MAX_MODULE_BYTES`` of UTF-8, still a safe one."""
    data = name.encode("utf-8")
    if len(data) <= MAX_MODULE_BYTES:
        return name
    return safe_module(data[:MAX_MODULE_BYTES].decode("utf-8", "ignore"))


def _doc_path(
    m: ir.Model,
    module: str,
    folders: dict[str, list[str]] | None = None,
    safe: dict[str, str] | None = None,
) -> str:
    """The doc's path below ``docs/models``: the path hint when ``safe_module`` turns it into the
    module name (so ``class.md`` stays ``class.md`` for module ``class_``), else the module name
    itself (de-duplicated names such as ``textpart_2``); namespace parts as folders (worked out
    once per namespace in ``folders``; ``safe``: ``safe_module`` of names, as ``_modules``
    worked them out)."""
    stem = module.split(".")[-1]
    hint = m.path_hint
    made = safe.get(hint) if safe is not None else None
    if path_safe(hint) and (made if made is not None else safe_module(hint)) == stem:
        stem = hint
    namespace = m.key.namespace
    parts = folders.get(namespace) if folders is not None else None
    if parts is None:
        parts = [
            p if path_safe(p) else safe_module(p)
            for p in namespace.split("/")
            if namespace
        ]
        if folders is not None:
            folders[namespace] = parts
    return "/".join(parts + [stem + ".md"])
