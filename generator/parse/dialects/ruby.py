"""Ruby (reference 7.8): Sorbet spellings. ``T.nilable(T)`` (optional or nullable),
``T::Array<T>`` / ``T::Array[T]``, ``T::Hash[Symbol, T]``, ``T::Boolean``, ``T.any(A, B)``; the
2023 names (``*String*``, ``[Shared::X](…)``) and gen 2.429's rooted ones (``*::String*``,
``[::OpenApiSDK::Shared::X](…)``, ``Models::Components::X``); the date links swapped as in Python
(``[Date](…)`` is a date-time, ``[DateTime](…)`` a date); snake_case Field cells with a ``_``
added to reserved names (``str_``)."""

from __future__ import annotations

import re

from ...ir import (
    ANY,
    BOOLEAN,
    DATE,
    DATETIME,
    DECIMAL,
    INTEGER,
    NUMBER,
    STRING,
    DictOf,
    ListOf,
)
from ..types import (
    SKIP,
    Leaf,
    Optional_,
    TypeSyntaxError,
    nesting,
    parse_type,
    split_top,
    union_of,
)
from .base import Dialect, Evidence
from .common import is_model_link, literal, ref

_PRIMS = {
    "String": STRING,
    "Integer": INTEGER,
    "Float": NUMBER,
    "Numeric": NUMBER,
    "BigDecimal": DECIMAL,
    "T::Boolean": BOOLEAN,
    "TrueClass": BOOLEAN,
    "FalseClass": BOOLEAN,
    "Object": ANY,
    "T.untyped": ANY,
}
# the link texts of the date classes, swapped as Speakeasy's Python docs swap them (reference 7.8)
_DATES = {"Date": DATETIME, "DateTime": DATE}
_RAW = {"Faraday::Response"}
# ``Shared::X``, ``::OpenApiSDK::Shared::X``, ``Models::Components::X``: a constant path
_CONSTANT = re.compile(r"^(?:::)?[A-Z]\w*(?:::[A-Z]\w*)*$")
_WRAPPER = re.compile(r"^T\.(nilable|any)\((.*)\)$", re.S)
# spellings only Ruby docs write: Sorbet's T., T::, rooted names (``*::String*``), constant paths
# in link text (``[Shared::X](``, ``[::OpenApiSDK::``), ruby-doc.org links
_HINTS = re.compile(
    r"T\.(?:nilable|any|untyped)\b|T::(?:Array|Hash|Boolean)\b|\*::[A-Z]"
    r"|\[(?:::)?[A-Z]\w*::[A-Z]|ruby-doc\.org/|rubydoc\.info/"
)
# primitives Ruby shares with Java's 2023 docs, whose file names keep the model's capitals
_SHARED = re.compile(r"\*(?:String|Integer|Float|Object)\*")
# the names Speakeasy's Ruby SDKs add a '_' to (``str_``, ``fields_``): Ruby's keywords and the
# methods of Speakeasy's model base class and Ruby's Object a field would shadow. A fixed
# snapshot, not tied to our own naming (render/naming.py).
_SUFFIXED = frozenset(
    "BEGIN END __ENCODING__ __FILE__ __LINE__ alias and begin break case class def defined? do "
    "else elsif end ensure false for if in module next nil not or redo rescue retry return self "
    "super then true undef unless until when while yield "
    "str fields field hash object_id send method methods display freeze dup clone "
    "instance_variables is_a? kind_of? nil? respond_to? tap then type".split()
)


def json_name(field: str) -> str:
    """The JSON name of a Field cell as far as the docs tell: without the ``_`` Speakeasy's Ruby
    SDKs add to reserved names (``str_`` is ``str``). snake_case stays as written."""
    if field.endswith("_") and not field.endswith("__") and field[:-1] in _SUFFIXED:
        return field[:-1]
    return field


def _constant_ref(name: str, target: str = ""):
    """A reference to a constant path: ``::OpenApiSDK::Shared::X`` -> ``shared.X`` (the
    namespace is the folder, lower-case in Ruby's layout; the constant the model's name).
    """
    parts = name.strip(":").split("::")
    ns = parts[-2].lower() if len(parts) > 1 else ""
    return ref(f"{ns}.{parts[-1]}" if ns else parts[-1], target)


class Ruby(Dialect):
    name = "ruby"
    language = "Ruby"
    fence_languages = frozenset({"ruby", "rb"})
    containers = (
        ("T::Array<", ">", ListOf),
        ("T::Array\\<", ">", ListOf),
        ("T::Array[", "]", ListOf),
        ("T::Hash[Symbol,", "]", DictOf),
        ("T::Hash[::Symbol,", "]", DictOf),
        ("T::Hash[String,", "]", DictOf),
        ("T::Hash[::String,", "]", DictOf),
    )
    plumbing_fields = frozenset({"raw_response"})

    def score(self, doc: Evidence) -> int:
        n = len(_HINTS.findall(doc.types))
        stem = doc.path.rsplit("/", 1)[-1]
        if (
            stem == stem.lower()
        ):  # Ruby's file names are lower-case; Java's keep capitals
            n += len(_SHARED.findall(doc.types))
        return n

    @nesting
    def leaf(self, leaf: Leaf) -> object:
        if leaf.form != "link":
            return parse_type(leaf.text, self)
        text = leaf.text.strip()
        target = leaf.target
        m = _WRAPPER.match(text)
        if m and m.group(1) == "nilable":
            inner = self.leaf(Leaf("link", m.group(2), target))
            return inner if inner is SKIP else Optional_(inner)
        if (
            m
        ):  # T.any(A, B): the members by name (Ruby SDKs write no union docs to link to)
            return self.plain(text)
        bare = text[2:] if text.startswith("::") else text
        if bare in _RAW:
            return SKIP
        if bare in _DATES and not is_model_link(target):
            return _DATES[bare]
        if is_model_link(target):
            return (
                _constant_ref(text, target)
                if _CONSTANT.match(text)
                else ref(text, target)
            )
        raise TypeSyntaxError(f"unknown linked type '{text}'")

    def plain(self, text: str) -> object:
        t = text.strip()
        m = _WRAPPER.match(t)
        if m:
            if m.group(1) == "nilable":
                inner = parse_type(m.group(2), self)
                return inner if inner is SKIP else Optional_(inner)
            return union_of([parse_type(a, self) for a in split_top(m.group(2), ",")])
        bare = t[2:] if t.startswith("::") else t
        if bare in _PRIMS:
            return _PRIMS[bare]
        if bare in _RAW:
            return SKIP
        lit = literal(t)
        if lit is not None:
            return lit
        if bare in ("NilClass", "nil"):
            raise TypeSyntaxError(f"'{t}' is not a type on its own")
        if _CONSTANT.match(t):
            return _constant_ref(t)
        raise TypeSyntaxError(f"unknown Ruby type '{t}'")

    def json_name(self, field: str) -> str:
        return json_name(field)


DIALECT = Ruby()
