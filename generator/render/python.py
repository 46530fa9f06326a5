"""Helpers that compute what a model module says: local names, imports, annotations, defaults.

The templates only lay these out. A reference inside a cycle (see ``graph``) is imported at the
bottom of the module and, where Python evaluates it at import time (union aliases), quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .. import ir
from .literals import docstring, py_string
from .naming import Naming, import_alias

# Python types of primitives: by (kind, format), else by kind (formats without a type of their own)
PRIM = {
    ("string", ""): "str",
    ("integer", ""): "int",
    ("number", ""): "float",
    ("boolean", ""): "bool",
    ("any", ""): "Any",
    ("string", "binary"): "bytes",
    ("string", "date"): "datetime.date",
    ("string", "date-time"): "datetime.datetime",
    ("string", "time"): "datetime.time",
    ("string", "duration"): "datetime.timedelta",
    ("string", "decimal"): "decimal.Decimal",
    ("number", "decimal"): "decimal.Decimal",
    ("string", "uuid"): "uuid.UUID",
    ("string", "byte"): "bytes",
}
# Python types a JSON scalar default is already a value of (others are validated into theirs)
PLAIN = frozenset({"str", "int", "float", "bool", "Any"})


def python_type(t: ir.Prim) -> str:
    """The Python type of a primitive (``datetime.date``, ``str``)."""
    return PRIM.get((t.kind, t.format)) or PRIM[(t.kind, "")]


@dataclass
class Imports:
    modules: set[str] = field(default_factory=set)  # import datetime
    typing: set[str] = field(default_factory=set)
    typing_extensions: set[str] = field(default_factory=set)
    pydantic: set[str] = field(default_factory=set)
    runtime: set[str] = field(default_factory=set)
    top: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # (module, name, local)
    bottom: list[tuple[str, str, str]] = field(default_factory=list)


class ModuleContext:
    """Names and imports of one generated module."""

    def __init__(
        self,
        model: ir.Model,
        by_key: dict[ir.ModelKey, ir.Model],
        comp: dict[ir.ModelKey, int],
        naming: Naming,
        kind: str = "pydantic",
    ):
        self.model = model
        self.kind = kind
        self.by_key = by_key
        self.comp = comp
        self.naming = naming
        self.imports = Imports()
        own = naming[model.key].class_name
        self.locals: dict[ir.ModelKey, str] = {model.key: own}
        self.taken = {own}

    def deferred(self, key: ir.ModelKey) -> bool:
        return key == self.model.key or self.comp.get(key) == self.comp.get(
            self.model.key
        )

    def local(self, key: ir.ModelKey) -> str:
        if key in self.locals:
            return self.locals[key]
        target = self.naming[key]
        name = target.class_name
        if name in self.taken:
            name = import_alias(key.namespace, target.class_name, self.taken)
        self.taken.add(name)
        self.locals[key] = name
        entry = (
            relative(self.naming[self.model.key].module, target.module),
            target.class_name,
            name,
        )
        (self.imports.bottom if self.deferred(key) else self.imports.top).append(entry)
        return name

    # ------------------------------------------------------------ annotations

    def ann(self, t: ir.TypeExpr, runtime: bool = False, quote: str = "string") -> str:
        """Annotation text; ``runtime`` for expressions Python evaluates at import (alias values),
        where names defined later are quoted: ``"string"`` as ``'Name'``; ``"forward"`` as
        ``ForwardRef('Name', module=__name__)``, which typing resolves in this module wherever the
        alias is used (dataclasses have no TypeAliasType to do that); ``""`` not at all (the whole
        text becomes one string)."""
        limits = constraint_args(t) if self.kind == "pydantic" else []
        if self.kind == "pydantic" and (limits or unique(t)):
            # constraints below a field's own type (list items, union members), and uniqueItems
            # (a validator): Annotated
            self.imports.typing.add("Annotated")
            meta = []
            if limits:
                self.imports.pydantic.add("Field")
                args = ", ".join(f"{k}={v}" for k, v in limits)
                meta.append(f"Field({args})")
            if unique(t):
                self.imports.runtime.add("UniqueItems")
                meta.append("UniqueItems()")
            # only these have constraints (constraint_args, unique)
            assert isinstance(t, (ir.Prim, ir.ListOf, ir.DictOf))
            bare = replace(t, constraints=ir.NO_CONSTRAINTS)
            return f"Annotated[{self.ann(bare, runtime, quote)}, {', '.join(meta)}]"
        if isinstance(t, ir.Prim):
            text = python_type(t)
            if "." in text:
                self.imports.modules.add(text.split(".")[0])
            elif text == "Any":
                self.imports.typing.add("Any")
            return text
        if isinstance(t, ir.Null):
            return "None"
        if isinstance(t, ir.Lit):
            self.imports.typing.add("Literal")
            return f"Literal[{py_string(t.value) if isinstance(t.value, str) else repr(t.value)}]"
        if isinstance(t, ir.ListOf):
            return f"list[{self.ann(t.item, runtime, quote)}]"
        if isinstance(t, ir.DictOf):
            return f"dict[str, {self.ann(t.value, runtime, quote)}]"
        if isinstance(t, ir.Nullable):
            if self.says_null(t.inner):  # a union that holds None already
                return self.ann(t.inner, runtime, quote)
            return self.optional(self.ann(t.inner, runtime, quote), runtime)
        if isinstance(t, ir.UnionOf):
            return self.union([self.ann(m, runtime, quote) for m in t.members], runtime)
        if isinstance(t, ir.Ref):
            assert t.key is not None
            name = self.local(t.key)
            if runtime and quote and self.deferred(t.key):
                if quote == "forward":
                    self.imports.typing.add("ForwardRef")
                    return f"ForwardRef({py_string(name)}, module=__name__)"
                return py_string(name)
            return name
        raise TypeError(t)

    def says_null(self, t: ir.TypeExpr) -> bool:
        """Whether ``t``'s annotation allows None already (``| None`` would repeat it)."""
        return ir.says_null(t, self.by_key)

    def optional(self, text: str, runtime: bool) -> str:
        if runtime:
            self.imports.typing.add("Optional")
            return f"Optional[{text}]"
        return f"{text} | None"

    def union(self, parts: list[str], runtime: bool) -> str:
        if runtime:
            self.imports.typing.add("Union")
            return f"Union[{', '.join(parts)}]"
        return " | ".join(parts)


def unconstrained(t: ir.TypeExpr) -> ir.TypeExpr:
    """``t`` without its own constraints but uniqueItems (those inside it are kept): what is left
    of a field's type once its constraints are ``Field`` arguments (uniqueItems is a validator in
    the annotation)."""
    if (
        isinstance(t, (ir.Prim, ir.ListOf, ir.DictOf))
        and t.constraints != ir.NO_CONSTRAINTS
    ):
        return replace(
            t,
            constraints=(UNIQUE if t.constraints.unique_items else ir.NO_CONSTRAINTS),
        )
    return t


UNIQUE = ir.Constraints(unique_items=True)


def uses_unique(package: ir.Package) -> bool:
    """Whether any type of ``package`` is a list with uniqueItems (the runtime then has
    ``UniqueItems``)."""

    def walk(t: ir.TypeExpr | None) -> bool:
        return ir.any_node(t, _unique_list)

    for m in package.models:
        if isinstance(m, ir.ObjectModel):
            if walk(m.extra) or any(walk(f.type) for f in m.fields):
                return True
        elif isinstance(m, ir.UnionModel) and any(walk(t) for t in m.members):
            return True
    return False


def unique(t: ir.TypeExpr) -> bool:
    """Whether ``t`` itself is a list whose items must be unique (uniqueItems)."""
    return isinstance(t, ir.ListOf) and t.constraints.unique_items


def _num(v: float) -> str:
    return (
        repr(int(v))
        if isinstance(v, float) and v.is_integer() and abs(v) < 2**53
        else number(v)
    )


def number(v: float) -> str:
    """A number as black writes it: ``1e308``, not ``repr``'s ``1e+308``."""
    return repr(v).replace("e+", "e") if isinstance(v, float) else repr(v)


def constraint_args(t: ir.TypeExpr) -> list[tuple[str, str]]:
    """pydantic ``Field`` keywords for the constraints of ``t`` itself (uniqueItems has none: the
    pydantic kind checks it with the runtime's ``UniqueItems``; see ``unique``). Dataclass fields
    keep the same keywords in their ``metadata``."""
    if not isinstance(t, (ir.Prim, ir.ListOf, ir.DictOf)):
        return []
    c = t.constraints
    # most types have none: the shared default, told by identity before equality
    if c is ir.NO_CONSTRAINTS or c == ir.NO_CONSTRAINTS:
        return []
    out: list[tuple[str, str]] = []
    pairs = [
        (
            "min_length",
            (
                c.min_length
                if c.min_length is not None
                else c.min_items if c.min_items is not None else c.min_properties
            ),
        ),
        (
            "max_length",
            (
                c.max_length
                if c.max_length is not None
                else c.max_items if c.max_items is not None else c.max_properties
            ),
        ),
        ("ge", c.minimum),
        ("gt", c.exclusive_minimum),
        ("le", c.maximum),
        ("lt", c.exclusive_maximum),
        ("multiple_of", c.multiple_of),
    ]
    for k, v in pairs:
        if v is not None:
            out.append(
                (k, _num(v) if k not in ("min_length", "max_length") else repr(v))
            )
    if c.pattern is not None:
        out.append(("pattern", py_string(c.pattern)))
    return out


def needs_python_re(t: ir.TypeExpr) -> bool:
    """Whether a pattern in ``t`` uses what only Python's ``re`` has (lookaround, backreferences)."""
    return ir.any_node(t, _python_pattern)


def _python_pattern(t: ir.TypeExpr) -> bool:
    if not isinstance(t, ir.Prim) or not t.constraints.pattern:
        return False
    return _PYTHON_ONLY.search(t.constraints.pattern) is not None


def _unique_list(t: ir.TypeExpr) -> bool:
    return isinstance(t, ir.ListOf) and t.constraints.unique_items


_PYTHON_ONLY = re.compile(r"\(\?[=!<]|\\[1-9]")


def py_value(v: object) -> str:
    """A JSON value as a Python literal."""
    if isinstance(v, str):
        return py_string(v)
    if isinstance(v, bool) or v is None:
        return repr(v)
    if isinstance(v, (int, float)):
        return number(v)
    if isinstance(v, list):
        return "[" + ", ".join(py_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return (
            "{"
            + ", ".join(f"{py_string(str(k))}: {py_value(x)}" for k, x in v.items())
            + "}"
        )
    return repr(v)


def relative(here: str, there: str) -> str:
    """``from <this> import X`` path from module ``here`` to module ``there`` (both package-relative)."""
    a, b = here.split(".")[:-1], there.split(".")
    common = 0
    while common < len(a) and common < len(b) - 1 and a[common] == b[common]:
        common += 1
    return "." * (len(a) - common + 1) + ".".join(b[common:])


def field_default(f: ir.Field) -> str | None:
    """The Python default of a field: a constant (required or not) defaults to itself, as in
    Speakeasy's Python SDKs, so callers need not pass it; other required fields have none.
    """
    if isinstance(f.type, ir.Lit):
        return (
            py_string(f.type.value)
            if isinstance(f.type.value, str)
            else repr(f.type.value)
        )
    if f.required:
        return None
    return "None"


def field_annotation(ctx: ModuleContext, f: ir.Field) -> str:
    """A field's annotation; an optional one allows None (its default), said once: a type that
    allows it already (a nullable union alias, ``None`` itself) gets no ``| None``."""
    text = ctx.ann(f.type)
    if (
        not f.required
        and not isinstance(f.type, (ir.Nullable, ir.Lit))
        and not ctx.says_null(f.type)
    ):
        text = f"{text} | None"
    return text


def described(title: str, description: str) -> str:
    """A title (a short label) and a description as one text: the title is the first paragraph,
    unless the description already starts with it."""
    title, description = title.strip(), description.strip()
    if not title or description.startswith(title):
        return description
    return f"{title}\n\n{description}" if description else title


def access_note(f: ir.Field) -> str:
    """What readOnly / writeOnly mean for the field, as a sentence ("" for neither)."""
    if f.read_only and f.write_only:
        return "Read-only and write-only (the input says both)."
    if f.read_only:
        return "Read-only: the server sends it; requests leave it out."
    if f.write_only:
        return "Write-only: requests send it; the server never returns it."
    return ""


def field_text(f: ir.Field) -> str:
    """A field's title, description and read-/write-only note, as one text."""
    text = described(f.title, f.description)
    note = access_note(f)
    return f"{text}\n\n{note}" if text and note else text or note


def model_doc(m: ir.Model) -> str:
    return _doc(described(m.title, m.description), m.deprecated)


def field_doc(f: ir.Field) -> str:
    return _doc(field_text(f), f.deprecated)


def _doc(text: str, deprecated: str | None) -> str:
    """The docstring of a model or field: its description, then the deprecation note if any."""
    if deprecated is not None:
        note = "Deprecated" + (f": {deprecated}" if deprecated else ".")
        text = f"{text}\n\n{note}" if text else note
    return docstring(text) if text.strip() else ""
