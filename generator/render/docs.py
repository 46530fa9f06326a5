"""Markdown docs for the generated models (Speakeasy Python flavour).

Every doc parses back (``parse/document.py`` with the Python dialect) into the same IR, so
``gen-models OUT/docs OUT2`` regenerates the same package. Choices that make the round trip hold:

- Doc path ``docs/models/<doc_path>`` (decided by ``naming``): the namespace dirs are the
  documented namespace (``ModelKey.namespace``; a part ``write`` would refuse, e.g. ``x:y``,
  becomes its module name); the stem is the model's ``path_hint`` (the original doc's stem) when
  ``safe_module`` maps it to the module name (``class.md`` for module ``class_``), else the module
  name (``textpart_2``). So module names come back unchanged, and so does the source path in each
  module's header for docs that lived in ``<specs>/models/<ns>/``.
- H1 = the documented model name (``ModelKey.name``), struck through when deprecated.
- Fields: ``Field`` holds the Python attribute; a ``JSON name`` column holds the JSON name on rows
  where the parser could not derive it from the attribute (aliases, ``format_``-style names).
- Type cells: wrappers (``Optional``/``Nullable``/``OptionalNullable``) sit inside the italics or
  link text of a leaf, and outside (as plain text) of containers and inline unions:
  ``Nullable[List[*str*]]``, ``Optional[Union[*str*, *int*]]``; like Speakeasy, containers get no
  ``Optional`` (the Required cell says it). Dates are ``*datetime*``/``*date*``.
- Additional properties: a last row named after ``extra_name`` when that is one of the names the
  link stage recognises (``additionalProperties``, ``__pydantic_extra__``), else ``__pydantic_extra__``.
- Enums: values are JSON in code spans; open enums carry Speakeasy's open-enum sentence.
- Unions: ``### `type` `` headings with a qualified name when that resolves to exactly one model,
  else a link; unions with unknown members are an H1-only doc.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from .. import ir
from ..parse.dialects.common import QUALIFIED, is_date_wrapper
from ..parse.dialects.python import json_name
from ..parse.languages import EXTRA_FIELDS
from ..parse.table import CHECK, MINUS
from ..unsafe import escape_docs
from . import batch
from .environment import environment
from .memo import RenderMemo, traced
from .naming import Naming
from .python import described, field_text
from .trace import World

if TYPE_CHECKING:
    from ..progress import Progress

OPEN_SENTENCE = "This is an open enum. Unrecognized values will not fail type checks."
# a primitive as the Python dialect writes it: by (kind, format), else by kind
_PLAIN_PRIM = {
    ("string", ""): "str",
    ("integer", ""): "int",
    ("number", ""): "float",
    ("boolean", ""): "bool",
    ("any", ""): "Any",
    ("string", "binary"): "bytes",
    ("string", "date"): "date",
    ("string", "date-time"): "datetime",
    ("string", "decimal"): "Decimal",
    ("number", "decimal"): "Decimal",
}


def _prim_text(t: ir.Prim) -> str:
    return _PLAIN_PRIM.get((t.kind, t.format)) or _PLAIN_PRIM[(t.kind, "")]


def docs_part(
    package: ir.Package,
    naming: Naming,
    template_dirs: tuple[str, ...] = (),
    memo: RenderMemo | None = None,
    progress: Progress | None = None,
) -> tuple[batch.Part, Callable[[], list[tuple[str, str]]]]:
    """One doc per model under ``docs/models/`` (the workers' part) and the index
    ``docs/README.md`` (made meanwhile), as a part of a batch (``batch.run``), and what gives
    the files once the part is run; templates from ``template_dirs`` first (the user's), then
    the package's. With ``memo``: see ``package.render``."""
    docs = _Docs(package, naming, template_dirs)
    models = docs.package.models
    world = World("docs", docs.package, docs.by_key, naming, counts=docs.qualified)
    paths = [docs.path(m) for m in models]
    if progress is not None:
        progress.stage("docs")  # what can be reused is found first
    todo = list(range(len(paths))) if memo is None else memo.stale(paths, world)
    index: list[tuple[str, str]] = []

    def meanwhile() -> None:
        """The index, made here while the workers make the docs."""
        index.extend(
            traced(
                memo,
                "docs/index",
                world,
                lambda w: [("docs/README.md", escape_docs(docs.seeing(w).index()))],
            )
        )

    part = batch.Part(_render_chunk, (docs, world, memo), todo, meanwhile)

    def done() -> list[tuple[str, str]]:
        out = []
        for i, item in zip(todo, part.results):
            if memo is not None:
                text, deps = item
                memo.record(paths[i], [paths[i]], deps)
            else:
                text = item
            out.append((paths[i], text))
        return out + index

    return part, done


def _render_chunk(indices, shared) -> list:
    """Rendered docs; controls and bidi controls from the input are written as escapes."""
    docs, world, memo = shared
    models = docs.package.models
    if memo is None:
        return [escape_docs(docs.render(models[i])) for i in indices]
    out = []
    for i in indices:
        m = models[i]
        recorder = memo.recorder(m)
        text = escape_docs(docs.seeing(world.traced(recorder)).render(m))
        out.append((text, memo.reads(recorder, world)))
    return out


class _Docs:
    def __init__(
        self, package: ir.Package, naming: Naming, template_dirs: tuple[str, ...] = ()
    ):
        self.package = package
        self.naming = naming
        self.by_key = package.by_key()
        # (lower name, last namespace part) -> how many models a qualified name could mean
        self.qualified: dict[tuple[str, str], int] = {}
        for m in package.models:
            k = (m.key.name.lower(), m.key.namespace.split("/")[-1])
            self.qualified[k] = self.qualified.get(k, 0) + 1
        self.env = environment(template_dirs)

    def seeing(self, world: World) -> _Docs:
        """This renderer reading the package, models, names and name counts through ``world``
        (traced, for the memo). Everything a doc reads besides its model comes through these.
        """
        other = copy.copy(self)
        other.package = world.package
        other.by_key = world.by_key  # type: ignore[assignment]
        other.naming = world.naming
        other.qualified = world.counts  # type: ignore[assignment]
        return other

    # ------------------------------------------------------------ paths and names

    def rel(self, m: ir.Model) -> str:
        """The doc's path below ``docs/models`` (see ``naming.ModelNames.doc_path``)."""
        return self.naming[m.key].doc_path

    def path(self, m: ir.Model) -> str:
        return "docs/models/" + self.rel(m)

    def link(self, here: ir.Model, key: ir.ModelKey) -> str:
        """Relative link from ``here``'s doc to ``key``'s: up to the models root, then down."""
        depth = len(here.key.namespace.split("/")) if here.key.namespace else 0
        return "../" * depth + self.rel(self.by_key[key])

    @staticmethod
    def qualified_name(key: ir.ModelKey) -> str:
        ns = key.namespace.split("/")[-1] if key.namespace else "models"
        return f"{ns}.{key.name}"

    def unique_name(self, key: ir.ModelKey) -> bool:
        """Whether the parser resolves ``qualified_name(key)`` (unlinked) to this model alone."""
        name = self.qualified_name(key)
        return (
            bool(QUALIFIED.match(name))
            and key.namespace.split("/")[-1] != "models"
            and self.qualified.get((key.name.lower(), key.namespace.split("/")[-1]), 0)
            == 1
        )

    # ------------------------------------------------------------ type cells

    def ref_cell(self, here: ir.Model, key: ir.ModelKey, wrapper: str = "") -> str:
        text = self.qualified_name(key)
        text = f"{wrapper}[{text}]" if wrapper else text
        target = self.link(here, key)
        if is_date_wrapper(target) and self.unique_name(
            key
        ):  # a link there would mean 'date'
            return f"*{text}*"
        return f"[{text}]({target})"

    def cell(self, here: ir.Model, t: ir.TypeExpr, wrapper: str = "") -> str:
        """A Type cell; ``wrapper`` is ``Optional``, ``Nullable``, ``OptionalNullable`` or ``""``."""
        if isinstance(t, ir.Null):  # null alone: no wrapper says more
            return "*null*"
        if isinstance(t, ir.Nullable) and wrapper in ("", "Optional"):
            return self.cell(
                here, t.inner, "OptionalNullable" if wrapper else "Nullable"
            )
        if isinstance(t, ir.Ref):
            assert t.key is not None
            return self.ref_cell(here, t.key, wrapper)
        if isinstance(t, (ir.Prim, ir.Lit)):
            text = self.leaf_text(t)
            text = f"{wrapper}[{text}]" if wrapper else text
            return f"`{text}`" if "*" in text and "`" not in text else f"*{text}*"
        if isinstance(t, ir.UnionOf) and all(isinstance(x, ir.Lit) for x in t.members):
            text = "Literal[" + ", ".join(_literal(x.value) for x in t.members) + "]"  # type: ignore[union-attr]
            text = f"{wrapper}[{text}]" if wrapper else text
            return f"`{text}`" if "*" in text and "`" not in text else f"*{text}*"
        if isinstance(t, ir.ListOf):
            text = f"List[{self.cell(here, t.item)}]"
        elif isinstance(t, ir.DictOf):
            text = f"Dict[str, {self.cell(here, t.value)}]"
        elif isinstance(t, ir.UnionOf):
            text = "Union[" + ", ".join(self.cell(here, x) for x in t.members) + "]"
            return f"{wrapper}[{text}]" if wrapper else text
        elif isinstance(
            t, ir.Nullable
        ):  # Nullable inside a wrapper that already says so
            return self.cell(here, t.inner, wrapper)
        else:
            raise TypeError(t)
        # Speakeasy never wraps containers in Optional: Required says it
        return f"{wrapper}[{text}]" if wrapper and wrapper != "Optional" else text

    @staticmethod
    def leaf_text(t: ir.TypeExpr) -> str:
        if isinstance(t, ir.Prim):
            return _prim_text(t)
        assert isinstance(t, ir.Lit)
        return f"Literal[{_literal(t.value)}]"

    def plain(self, here: ir.Model, t: ir.TypeExpr) -> str:
        """A type as one code-span text (union member headings): names, or links where a name is ambiguous."""
        if isinstance(t, ir.Ref):
            assert t.key is not None
            return (
                self.qualified_name(t.key)
                if self.unique_name(t.key)
                else self.ref_cell(here, t.key)
            )
        if isinstance(t, ir.Prim):
            return _prim_text(t)
        if isinstance(t, ir.Null):
            return "null"
        if isinstance(t, ir.Lit):
            return self.leaf_text(t)
        if isinstance(t, ir.ListOf):
            return f"List[{self.plain(here, t.item)}]"
        if isinstance(t, ir.DictOf):
            return f"Dict[str, {self.plain(here, t.value)}]"
        if isinstance(t, ir.Nullable):
            return f"Nullable[{self.plain(here, t.inner)}]"
        if isinstance(t, ir.UnionOf):
            return "Union[" + ", ".join(self.plain(here, x) for x in t.members) + "]"
        raise TypeError(t)

    # ------------------------------------------------------------ docs

    def head(self, m: ir.Model) -> dict:
        deprecation = ""
        if m.deprecated:
            deprecation = "> :warning: **DEPRECATED**: " + " ".join(
                m.deprecated.split()
            )
        title = f"~~{m.key.name}~~" if m.deprecated is not None else m.key.name
        return {
            "title": title,
            "description": described(m.title, m.description),
            "deprecation": deprecation,
            "model": m,
            "names": self.naming[m.key],
        }

    def render(self, m: ir.Model) -> str:
        if isinstance(m, ir.ObjectModel):
            return self.env.get_template("docs/object.md.jinja").render(
                table=self.fields_table(m), **self.head(m)
            )
        if isinstance(m, ir.EnumModel):
            names = self.naming[m.key].members
            rows = [["Name", "Value"]] + [
                [f"`{name}`", _enum_value(x.value)] for x, name in zip(m.members, names)
            ]
            return self.env.get_template("docs/enum.md.jinja").render(
                table=_table(rows),
                open_sentence=OPEN_SENTENCE if m.open else "",
                **self.head(m),
            )
        members = None
        if m.known and m.members:
            members = []
            for t in m.members:
                text = self.plain(m, t)
                members.append({"heading": _code(text), "code": text})
        return self.env.get_template("docs/union.md.jinja").render(
            members=members, **self.head(m)
        )

    def fields_table(self, m: ir.ObjectModel) -> list[str]:
        taken: set[str] = set()
        rows = []
        for f, attr in zip(m.fields, self.naming[m.key].attrs):
            # whether parsing this row back without a JSON name gives the same name and attribute
            derivable = (
                f.name == attr
                and json_name(attr) == attr
                and self.naming.attr(attr, taken) == attr
            )
            taken.add(attr)
            required = f.required
            t = f.type
            wrapper = "" if required else "Optional"
            rows.append(
                {
                    "Field": (
                        f"~~`{attr}`~~" if f.deprecated is not None else f"`{attr}`"
                    ),
                    "JSON name": "" if derivable else _code(f.name),
                    "Type": self.cell(m, t, wrapper),
                    "Required": CHECK if required else MINUS,
                    "Description": _field_description(f),
                    "Example": f.example.text if f.example is not None else "",
                }
            )
        if m.extra is not None:
            name = (
                m.extra_name if m.extra_name in EXTRA_FIELDS else "__pydantic_extra__"
            )
            rows.append(
                {
                    "Field": f"`{name}`",
                    "JSON name": "",
                    "Type": self.cell(m, ir.DictOf(m.extra)),
                    "Required": MINUS,
                    "Description": "Additional properties, by their JSON names.",
                    "Example": "",
                }
            )
        cols = ["Field"]
        if any(r["JSON name"] for r in rows):
            cols.append("JSON name")
        cols += ["Type", "Required", "Description"]
        if any(r["Example"] for r in rows):
            cols.append("Example")
        return _table([cols] + [[r[c] for c in cols] for r in rows])

    def index_item(self, m: ir.Model) -> dict[str, str]:
        """A model's entry in the index (``docs/index.md.jinja``'s ``group.items``)."""
        return {
            "text": self.qualified_name(m.key),
            "target": "models/" + self.rel(m),
            "kind": m.kind + (", deprecated" if m.deprecated is not None else ""),
            "summary": _summary(m.description),
        }

    def index(self) -> str:
        groups: dict[str, list[dict]] = {}
        for m in sorted(
            self.package.models,
            key=lambda m: (
                m.key.namespace,
                m.key.name.lower(),
                self.naming[m.key].module,
            ),
        ):
            groups.setdefault(m.key.namespace, []).append(self.index_item(m))
        out = [
            {
                "title": f"Namespace `{ns}`" if ns else "Namespace `models` (flat)",
                "items": items,
            }
            for ns, items in sorted(groups.items())
        ]
        return self.index_of(out)

    def index_of(self, groups: list[dict]) -> str:
        """The index of ``groups`` (each a ``title`` and its ``items``, ``index_item``s)."""
        return self.env.get_template("docs/index.md.jinja").render(groups=groups)


# ---------------------------------------------------------------- cells


def _summary(description: str) -> str:
    """The first line of prose: fenced code and headings are skipped."""
    fence = ""
    for line in description.splitlines():
        text = line.strip()
        if fence:
            fence = "" if text.startswith(fence) else fence
        elif text.startswith(("```", "~~~")):
            fence = text[:3]
        elif text and not text.startswith("#"):
            return text
    return ""


def _literal(value: object) -> str:
    if isinstance(value, bool):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def _code(text: str) -> str:
    """A code span, with a fence long enough for the backticks inside."""
    if "`" not in text:
        return f"`{text}`"
    return f"`` {text} ``"


def _enum_value(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return f"`{text}`" if "`" not in text else text


def _escape(text: str) -> str:
    """Cell text: newlines as ``<br/>``, pipes escaped."""
    return text.replace("\n", "<br/>").replace("|", "\\|")


def _field_description(f: ir.Field) -> str:
    desc = field_text(f)
    if f.deprecated:
        note = ": warning: ** DEPRECATED **: " + f.deprecated.strip()
        return note + ("<br/><br/>" + desc if desc else "")
    return desc if desc else "N/A"


def _table(rows: list[list[str]]) -> list[str]:
    head, body = rows[0], rows[1:]
    cells = [[_escape(c) for c in r] for r in body]
    lines = [
        "| " + " | ".join(head) + " |",
        "| " + " | ".join("-" * max(3, len(h)) for h in head) + " |",
    ]
    lines += ["| " + " | ".join(r) + " |" for r in cells]
    return lines
