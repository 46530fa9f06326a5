"""The OpenAPI front-end: OpenAPI 3.0 / 3.1 documents (``.yaml``, ``.yml``, ``.json``) to the IR.

load (``load``: text to a located tree, safe and bounded) -> refs (``refs``: documents, pointers,
``$ref``) -> schema (``schema``: schemas to IR types and models) with names from their context
(``names``) -> ``ir.Package``. Which schemas become models: every ``components/schemas`` entry, and
the inline schemas of request bodies, responses and parameters under ``paths`` (``paths``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ... import ir
from ...diagnostics import Diagnostics
from ...read import SourceFile
from .. import OPENAPI_EXTENSIONS, OpenAPIFrontEnd
from .finish import schema_types
from .load import Loaded, YMap
from .names import component
from .operations import find_operations
from .paths import operations
from .refs import Documents, Loc, reader
from .schema import Builder

if TYPE_CHECKING:
    from .. import LoadOptions

EXTENSIONS = OPENAPI_EXTENSIONS  # what the front-end claims (frontends.FRONT_ENDS)


def spec_version(root: object) -> str | None:
    """``3.0.x`` / ``3.1.x`` when ``root`` is an OpenAPI 3.0/3.1 document, ``"2"`` for Swagger 2.0,
    ``""`` for another ``openapi`` version, None when it is not an API description at all.
    """
    if not isinstance(root, dict):
        return None
    if "swagger" in root:
        return "2"
    v = root.get("openapi")
    if v is None:
        return None
    v = str(v)
    return v if v.startswith(("3.0", "3.1")) else ""


@dataclass(frozen=True)
class Built:
    """What the front-end made of the specs: the ``package``, the loaded ``docs`` and ``types``,
    the type of every schema it read by address (``file#pointer``; what checks of the specs'
    examples validate against), made when first asked for (a run never asks: 15,000 types of a
    large spec renamed for nothing)."""

    package: ir.Package
    docs: Documents
    builder: Builder = field(repr=False, compare=False)
    models: list[ir.Model] = field(repr=False, compare=False)

    @cached_property
    def types(self) -> dict[str, ir.TypeExpr]:
        return schema_types(self.builder, self.models)


def build(
    files: Sequence[SourceFile], diags: Diagnostics, options: LoadOptions
) -> Built:
    """The OpenAPI documents among ``files`` to the IR (the front-end's ``load``: ``frontends.OpenAPIFrontEnd``)."""
    root = getattr(options, "root", None)

    def report(file: str, loaded: Loaded) -> None:
        for p in loaded.problems:
            diags.add(_severity(p.severity), file, p.line, p.message, p.code, p.col)

    docs = Documents(
        {f.path: f.text for f in files},
        reader(Path(root) if root else None),
        report,
    )
    builder = Builder(docs, diags, getattr(options, "names", "stable"))
    specs = []
    for f in files:
        doc = docs.get(f.path)
        if doc is None or doc.root is None:
            continue
        version = spec_version(doc.root)
        pos = doc.root.pos if isinstance(doc.root, YMap) else (1, 1)
        if version is None:
            diags.info(
                f.path,
                1,
                "not an OpenAPI document (no 'openapi' key); read only where a $ref names it",
                "openapi-not-a-spec",
            )
        elif version == "2":
            line, col = (
                doc.root.key_pos.get("swagger", pos)
                if isinstance(doc.root, YMap)
                else pos
            )
            diags.error(
                f.path,
                line,
                "Swagger 2.0 is not supported; convert it to OpenAPI 3 (e.g. with swagger2openapi)",
                "openapi-swagger2",
                col,
            )
        elif version == "":
            assert isinstance(doc.root, dict)  # spec_version found its 'openapi' key
            line, col = (
                doc.root.key_pos.get("openapi", pos)
                if isinstance(doc.root, YMap)
                else pos
            )
            diags.error(
                f.path,
                line,
                f"OpenAPI version {doc.root.get('openapi')!r} is not supported (3.0.x and 3.1.x are)",
                "openapi-version",
                col,
            )
        else:
            specs.append(Loc(f.path, "", doc.root, getattr(doc.root, "pos", (1, 1))))
    # the paths first: the components they reach are met in their order (Speakeasy's), the
    # others after
    for spec in specs:
        operations(spec, builder)
    for spec in specs:
        schemas = spec.child("components", "schemas")
        if schemas is not None and isinstance(schemas.node, dict):
            for name in schemas.node:
                s = schemas.child(name)
                if s is not None:
                    builder.named(s, component(name))
    models = builder.finish()
    # a model's source is where its schema is: its address (file#pointer)
    keys = {f"{m.source.file}#{m.source.pointer}": m.key for m in models}
    ops = [op for spec in specs for op in find_operations(spec, docs, keys)]
    return Built(ir.package(models, ops), docs, builder, models)


def _severity(name: str):
    from ...diagnostics import Severity

    return (
        Severity.ERROR
        if name == "error"
        else Severity.WARNING if name == "warning" else Severity.INFO
    )


__all__ = ["EXTENSIONS", "Built", "OpenAPIFrontEnd", "build", "spec_version"]
