"""Render the whole output: one module per model, lazy package indexes, runtime support, docs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .. import ir
from . import batch, graph
from .dcg import DCG_KINDS, render_dcg
from .environment import environment, layout
from .jsonschema import render_jsonschema
from .literals import (
    _indent,
    call_inside,
    docstring,
    py_string,
    split_expr,
    wrap_annotated,
    wrap_assignment,
    wrap_call,
    wrap_import,
)
from .memo import RenderMemo, World, traced
from .naming import Naming
from .python import (
    ModuleContext,
    constraint_args,
    field_annotation,
    field_default,
    field_doc,
    model_doc,
    needs_python_re,
    py_value,
    python_type,
    unconstrained,
    unique,
    uses_unique,
)

if TYPE_CHECKING:
    from ..progress import Progress

KINDS = ("pydantic", "dataclasses")
# what a run can write (``--emit``): the Python package, its markdown docs, the JSON Schema
EMITS = ("models", "docs", "jsonschema")


@dataclass(frozen=True)
class RenderOptions:
    package: str = "models"
    kind: str = "pydantic"
    docs: bool = True
    # the user's template folder, searched before the package's
    templates: str | None = None
    emit: tuple[str, ...] = ("models", "docs")
    jobs: int = 0  # processes (``parallel.workers``); no part of the output

    @property
    def template_dirs(self) -> tuple[str, ...]:
        return (self.templates,) if self.templates is not None else ()


def render(
    package: ir.Package,
    naming: Naming,
    options: RenderOptions,
    memo: RenderMemo | None = None,
    progress: Progress | None = None,
) -> list[tuple[str, str]]:
    """Every output file as (posix path relative to OUT, text), in a stable order; ``naming`` is the
    naming step's result for ``options.kind``. What is written: ``options.emit``.

    With ``memo``, the Python modules, indexes and docs that the last run rendered from what they
    would be rendered from now are left out (``memo.reused`` names them) and the rest are recorded
    with what they read; everything else is rendered every run."""
    out: list[tuple[str, str]] = []
    if "jsonschema" in options.emit:
        out.extend(render_jsonschema(package, naming, options.package))
    # the modules and the docs, model by model, go to one set of workers; both see the models
    # in module order, as one package (the render memo's worlds of both share its values)
    in_order = ir.Package(tuple(naming.module_order(package)))
    parts: list[batch.Part] = []
    finish: list[Callable[[], list[tuple[str, str]]]] = []
    if options.kind in DCG_KINDS:
        if "models" in options.emit:
            out.extend(render_dcg(package, naming, options.kind, options.package))
    elif "models" in options.emit:
        part, done = _python_part(in_order, naming, options, memo, progress)
        parts.append(part)
        finish.append(done)
    if options.docs and "docs" in options.emit:
        from .docs import docs_part

        part, done = docs_part(in_order, naming, options.template_dirs, memo, progress)
        parts.append(part)
        finish.append(done)
    if parts:
        batch.run(parts, progress, options.jobs)
    for done in finish:
        out.extend(done())
    return sorted(
        (path, text.rstrip("\n") + "\n" if text else text) for path, text in out
    )


def _python_part(
    package: ir.Package,
    naming: Naming,
    options: RenderOptions,
    memo: RenderMemo | None = None,
    progress: Progress | None = None,
) -> tuple[batch.Part, Callable[[], list[tuple[str, str]]]]:
    """The package's modules (the workers' part), indexes and runtime (made meanwhile); and
    what gives the files once the part is run. ``package``: its models in module order.
    """
    env = environment(options.template_dirs)
    by_key = package.by_key()
    comp = graph.components(package)
    root = options.package
    paths = [
        f"{root}/{naming[m.key].module.replace('.', '/')}.py" for m in package.models
    ]
    world = World("python", package, by_key, naming, comp)
    if progress is not None:
        progress.stage("render")  # what can be reused is found first
    todo = list(range(len(paths))) if memo is None else memo.stale(paths, world)
    rest: list[tuple[str, str]] = []

    def meanwhile() -> None:
        """The files of the whole package, made here while the workers make the modules."""
        rest.extend(
            traced(
                memo,
                "python/indexes",
                world,
                lambda w: _indexes(w.package, w.naming, options),  # type: ignore[arg-type]
            )
        )
        runtime = env.get_template(f"python/runtime_{options.kind}.py.jinja")
        rest.append(
            (
                f"{root}/_runtime.py",
                runtime.render(
                    kind=options.kind,
                    package=root,
                    unique_items=options.kind == "pydantic" and uses_unique(package),
                ),
            )
        )
        rest.append((f"{root}/py.typed", ""))

    part = batch.Part(
        _render_chunk, (package.models, world, options, memo), todo, meanwhile
    )

    def done() -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for i, text in zip(todo, part.results):
            if memo is not None:
                text, deps = text
                memo.record(paths[i], [paths[i]], deps)
            out.append((paths[i], text))
        return out + rest

    return part, done


def _render_chunk(indices, shared) -> list:
    models, world, options, memo = shared
    if memo is None:
        return [
            render_model(models[i], world.by_key, world.comp, world.naming, options)
            for i in indices
        ]
    out = []
    for i in indices:
        m = models[i]
        recorder = memo.recorder(m)
        seen = world.traced(recorder)
        text = render_model(m, seen.by_key, seen.comp, seen.naming, options)
        out.append((text, memo.reads(recorder, world)))
    return out


def render_model(
    m: ir.Model, by_key, comp, naming: Naming, options: RenderOptions
) -> str:
    """One model's module. Everything it reads besides ``m`` and ``options`` must come through
    ``by_key``, ``comp`` and ``naming``: a run that reuses the last run's module (``memo``) knows
    what it read only through them."""
    env = environment(options.template_dirs)
    ctx = ModuleContext(m, by_key, comp, naming, options.kind)
    pydantic = options.kind == "pydantic"
    if isinstance(m, ir.ObjectModel):
        body = _object(env, ctx, m, pydantic)
    elif isinstance(m, ir.EnumModel):
        body = _enum(env, ctx, m, pydantic)
    else:
        body = _union(env, ctx, m, pydantic)
    header = docstring(f"Generated by gen-models from {m.source.file}. Do not edit.")
    groups = _import_groups(ctx, m)
    bottom = _from_lines(ctx.imports.bottom)
    return env.get_template("python/module.py.jinja").render(
        _model_context(ctx, m, pydantic),
        header=header,
        import_groups=groups,
        import_lines="\n\n".join("\n".join(g) for g in groups),
        body=body.rstrip("\n"),
        body_is_assignment=isinstance(m, ir.UnionModel),
        bottom_imports=bottom,
        bottom_lines="\n".join(bottom),
    )


@dataclass(frozen=True)
class TemplateField:
    """One field as the object templates receive it (``fields``); ``line`` and ``doc`` are laid out,
    the rest is what they are made of. See the README's template context."""

    attr: str  # the Python attribute
    name: str  # the JSON name
    alias: str | None  # the JSON name where it differs from the attribute, else None
    annotation: str  # the annotation's text (``str | None``)
    default: str | None  # the default's Python text, None when required
    required: bool
    description: str  # the input's text, as it is
    deprecated: str | None  # None, or the deprecation message ("" when there is none)
    doc: str  # the docstring below the field ("" when there is none)
    # ``Field``/``dataclasses.field`` when the value is such a call, else None
    call: str | None
    args: tuple[str, ...]  # that call's arguments (Python text)
    # the right-hand side (``Field(alias="petId")``, ``None``), None when there is none
    value: str | None
    # the statement as the default templates lay it out (``layout.annotated``)
    line: str
    extra: bool = False  # the dataclass field holding additional properties
    field: ir.Field | None = None  # the IR field (None for ``extra``)


def _object(env, ctx: ModuleContext, m: ir.ObjectModel, pydantic: bool) -> str:
    fields = []
    names = ctx.naming[m.key]
    python_re = False
    for f, attr in zip(m.fields, names.attrs):
        own = f.type.inner if isinstance(f.type, ir.Nullable) else f.type
        limits = constraint_args(own)
        if limits:  # the field's own constraints go to Field / metadata, not Annotated
            bare = unconstrained(own)
            f = replace(
                f, type=ir.Nullable(bare) if isinstance(f.type, ir.Nullable) else bare
            )
        python_re = python_re or needs_python_re(f.type) or needs_python_re(own)
        ann = field_annotation(ctx, f)
        alias = f.name if f.name != attr else None
        default = field_default(f)
        value, _, meta_default = _default(ctx, f, pydantic)
        # the JSON Schema facts that have no Field keyword of their own
        schema_extra = [(k, "True") for k in _access(f)]
        if meta_default is not None:
            schema_extra.append(("default", meta_default))
        if not pydantic and unique(own):  # the pydantic kind checks it (UniqueItems)
            schema_extra.append(("uniqueItems", "True"))
        # Field keywords both kinds state: the pydantic kind as arguments, dataclasses in metadata
        keywords: list[tuple[str, str]] = []
        if f.title:
            keywords.append(("title", py_string(f.title)))
        keywords += limits
        if schema_extra:
            entries = ", ".join(f"{py_string(k)}: {v}" for k, v in schema_extra)
            keywords.append(("json_schema_extra", "{" + entries + "}"))
        call: str | None = None
        args: list[str] = []
        if pydantic:
            if alias is not None:
                args.append(f"alias={py_string(alias)}")
            if f.deprecated is not None:
                args.append(f"deprecated={py_string(f.deprecated or 'deprecated')}")
            args.extend(f"{k}={v}" for k, v in keywords)
            if value is not None:
                default = value
            if args:
                ctx.imports.pydantic.add("Field")
                if default is not None:
                    args.insert(0, f"default={default}")
                call = "Field"
        else:
            ctx.imports.modules.add("dataclasses")
            if value is not None and value.startswith("lambda"):
                args = [f"default_factory={value}"]
                default = value.removeprefix(
                    "lambda: "
                )  # the default itself; the call makes it fresh
            else:
                if value is not None and default is not None:
                    default = value
                args = [f"default={default}"] if default is not None else []
            meta = [(py_string("alias"), py_string(f.name))] + [
                (py_string(k), v) for k, v in keywords
            ]
            args.append("metadata={" + ", ".join(f"{k}: {v}" for k, v in meta) + "}")
            call = "dataclasses.field"
        value = f"{call}({', '.join(args)})" if call else default
        line = layout.annotated(attr, ann, value, call, args)
        fields.append(
            TemplateField(
                attr=attr,
                name=f.name,
                alias=alias,
                annotation=ann,
                default=default,
                required=f.required,
                description=f.description,
                deprecated=f.deprecated,
                doc=field_doc(f),
                call=call,
                args=tuple(args),
                value=value,
                line=line,
                field=f,
            )
        )
    extra = ""
    config: list[str] = []  # ConfigDict's arguments
    if m.extra is not None:
        extra = ctx.ann(m.extra)
        if pydantic:
            ctx.imports.pydantic.update(("ConfigDict", "Field"))
            config.append('extra="allow"')
            python_re = python_re or needs_python_re(m.extra)
        else:
            ctx.imports.modules.add("dataclasses")
            attr = names.extra_attr
            extra_meta = f"metadata={{{py_string('alias')}: {py_string(m.extra_name)}, {py_string('extra')}: True}}"
            args = ["default_factory=dict", extra_meta]
            value = f"dataclasses.field({', '.join(args)})"
            ann = f"dict[str, {extra}]"
            line = layout.assignment(f"{attr}: {ann}", value, "dataclasses.field", args)
            doc = docstring("Additional properties, by their JSON names.")
            fields.append(
                TemplateField(
                    attr=attr,
                    name=m.extra_name,
                    alias=None,
                    annotation=ann,
                    default=None,
                    required=False,
                    description="",
                    deprecated=None,
                    doc=doc,
                    call="dataclasses.field",
                    args=tuple(args),
                    value=value,
                    line=line,
                    extra=True,
                )
            )
            extra = ""
    if (
        python_re and pydantic
    ):  # lookaround or backreferences: pydantic's default engine has neither
        ctx.imports.pydantic.add("ConfigDict")
        config.append('regex_engine="python-re"')
    if m.title and pydantic:  # the JSON schema's title (the docstring shows it too)
        ctx.imports.pydantic.add("ConfigDict")
        config.append(f"title={py_string(m.title)}")
    decorators = []
    if m.deprecated is not None and pydantic:
        ctx.imports.typing_extensions.add("deprecated")
        decorators.append(
            wrap_call("deprecated", [py_string(m.deprecated or "deprecated")], 0)
        )
    if pydantic:
        ctx.imports.runtime.add("BaseModel")
    else:
        ctx.imports.modules.add(
            "dataclasses"
        )  # the decorator needs it even without fields
    tpl = (
        "python/pydantic_object.py.jinja"
        if pydantic
        else "python/dataclass_object.py.jinja"
    )
    bases = ["BaseModel"] if pydantic else []
    return env.get_template(tpl).render(
        _model_context(ctx, m, pydantic),
        class_line=layout.class_line(names.class_name, bases),
        bases=bases,
        doc=model_doc(m),
        # laid out as it stands: ``    model_config = ConfigDict(...)``
        config=call_inside("model_config = ConfigDict", config, 4) if config else "",
        extra=extra,
        fields=fields,
        decorators=decorators,
    )


def _access(f: ir.Field) -> list[str]:
    """The JSON Schema keywords of a field's readOnly / writeOnly."""
    return [
        k for k, on in (("readOnly", f.read_only), ("writeOnly", f.write_only)) if on
    ]


def _model_context(ctx: ModuleContext, m: ir.Model, pydantic: bool) -> dict:
    """What every model template receives."""
    names = ctx.naming[m.key]
    return {
        "model": m,
        "names": names,
        "name": names.class_name,
        "kind": "pydantic" if pydantic else "dataclasses",
        "model_kind": m.kind,
    }


def _default(
    ctx: ModuleContext, f: ir.Field, pydantic: bool
) -> tuple[str | None, bool, str | None]:
    """A documented default of an optional field: (Python expression, validate it, default kept
    as metadata). A value of the field's Python type is the default as it is (lists and maps:
    pydantic copies them, a dataclass gets a factory); an enum value is its member. Any other
    (a date as text, a value of the wrong type) is kept in the field's JSON schema / metadata
    with ``None`` as the default, since Python cannot state it with its type."""
    if f.default is None or f.required:
        return None, False, None
    v = f.default.value
    if v is None:
        return "None", False, None
    own = f.type.inner if isinstance(f.type, ir.Nullable) else f.type
    if _fits(v, own):
        if isinstance(v, (list, dict)) and not pydantic:
            return f"lambda: {py_value(v)}", False, None
        return py_value(v), False, None
    if isinstance(own, ir.Ref):
        target = ctx.by_key.get(own.key)
        if isinstance(target, ir.EnumModel):
            for x, name in zip(target.members, ctx.naming[own.key].members):
                if type(x.value) is type(v) and x.value == v:
                    return f"{ctx.local(own.key)}.{name}", False, None
    return None, False, py_value(v)


def _fits(v: object, t: ir.TypeExpr) -> bool:
    """Whether the JSON value ``v`` is already a Python value of type ``t``."""
    if isinstance(t, ir.Lit):
        return type(v) is type(t.value) and v == t.value
    if isinstance(t, ir.Prim):
        py = python_type(t)
        if py == "Any":
            return True
        if py == "float":
            return isinstance(v, (int, float)) and not isinstance(v, bool)
        return {"str": str, "int": int, "bool": bool}.get(py) is type(v)
    if isinstance(t, ir.ListOf):
        return isinstance(v, list) and all(_fits(x, t.item) for x in v)
    if isinstance(t, ir.DictOf):
        return isinstance(v, dict) and all(_fits(x, t.value) for x in v.values())
    if isinstance(t, ir.Nullable):
        return v is None or _fits(v, t.inner)
    if isinstance(t, ir.Null):
        return v is None
    if isinstance(t, ir.UnionOf):
        return any(_fits(v, m) for m in t.members)
    return False


def _enum(env, ctx: ModuleContext, m: ir.EnumModel, pydantic: bool) -> str:
    vt = m.value_type
    base = "OpenEnum" if m.open else "Enum"
    if m.open:
        ctx.imports.runtime.add("OpenEnum")
    else:
        ctx.imports.modules.add("enum")
        base = "enum.Enum"
    mixin = {"str": "str, ", "int": "int, ", "float": "float, "}.get(vt, "")
    names = ctx.naming[m.key]
    members = [
        {
            "name": name,
            "value": _member_value(name, py_value(x.value)),
            "member": x,
        }
        for x, name in zip(m.members, names.members)
    ]
    bases = [mixin.rstrip(", "), base] if mixin else [base]
    return env.get_template("python/enum.py.jinja").render(
        _model_context(ctx, m, pydantic),
        class_line=layout.class_line(names.class_name, bases),
        bases=bases,
        doc=model_doc(m),
        members=members,
        open=m.open,
    )


def _member_value(name: str, value: str) -> str:
    """An enum member's value as it follows ``    NAME = ``: in brackets on a line of its own
    where the line is too long and that makes it fit, as black writes it."""
    laid = wrap_assignment(name, value, 4)
    return value if "\n" not in laid else laid[len(name) + 3 :].replace("\n", "\n    ")


def _union(env, ctx: ModuleContext, m: ir.UnionModel, pydantic: bool) -> str:
    # a union that contains itself is written as one string: type checkers resolve that lazily
    names = ctx.naming[m.key]
    recursive = any(r.key == m.key for t in m.members for r in ir.walk_refs(t))
    tagged = pydantic and bool(names.discriminator)
    # a discriminated union's null stays outside the tagged part: Optional[Annotated[...]]
    members = tuple(t for t in m.members if t != ir.NULL) if tagged else m.members
    value = _union_value(ctx, m, members, quote="" if recursive else "string")
    if recursive:
        value = py_string(value)
    if pydantic:
        if tagged:
            ctx.imports.typing.add("Annotated")
            ctx.imports.pydantic.add("Field")
            value = f"Annotated[{value}, Field(discriminator={py_string(names.discriminator)})]"
            if len(members) < len(m.members):
                value = ctx.optional(value, runtime=True)
        if _class_alias(ctx, m) and value.isidentifier():
            # another name of a class: the class itself (pydantic cannot rebuild a model using
            # a TypeAliasType of a self-recursive model: 'circular reference to itself')
            alias = _alias_line(names.class_name, value)
        else:
            ctx.imports.typing_extensions.add("TypeAliasType")
            call = f"TypeAliasType({py_string(names.class_name)}, {value})"
            alias = _alias_line(names.class_name, call)
    else:
        ctx.imports.typing.add("TypeAlias")
        alias = _annotated_alias_line(names.class_name, value)
        if any(
            ctx.deferred(r.key)
            for t in m.members
            for r in ir.walk_refs(t)
            if r.key is not None
        ):
            runtime = _union_value(ctx, m, m.members, quote="forward")
            ctx.imports.typing.add("TYPE_CHECKING")
            alias = f"if TYPE_CHECKING:\n    {alias}\nelse:\n    {names.class_name} = {runtime}"
    return env.get_template("python/union.py.jinja").render(
        _model_context(ctx, m, pydantic),
        alias=alias,
        doc=model_doc(m),
        value=value,
        discriminator=names.discriminator,
    )


def _class_alias(ctx: ModuleContext, m: ir.UnionModel) -> bool:
    """Whether ``m`` only names another model that is a class (an object or an enum)."""
    if not m.known or len(m.members) != 1 or not isinstance(m.members[0], ir.Ref):
        return False
    target = ctx.by_key.get(m.members[0].key)
    return isinstance(target, (ir.ObjectModel, ir.EnumModel))


def _union_value(
    ctx: ModuleContext, m: ir.UnionModel, members: tuple[ir.TypeExpr, ...], quote: str
) -> str:
    if not m.known or not members:
        return ctx.ann(ir.ANY, runtime=True)
    if len(members) == 1:
        return ctx.ann(members[0], runtime=True, quote=quote)
    return ctx.union(
        [ctx.ann(t, runtime=True, quote=quote) for t in members], runtime=True
    )


def _alias_line(lhs: str, value: str) -> str:
    """``lhs = value`` for a type alias in black's layout: split the value's brackets if its head
    fits, else wrap the value in parentheses if everything then fits."""
    head = (
        value[: value.find("(" if value.endswith(")") else "[") + 1]
        if value[-1:] in ")]"
        else value
    )
    if (
        len(lhs) + 3 + len(value) > 88
        and len(lhs) + 3 + len(head) > 88
        and len(lhs) + 4 <= 88
    ):
        wrapped = f"{lhs} = (\n{_indent(split_expr(value, 4))}\n)"
        if all(len(line) <= 88 for line in wrapped.split("\n")):
            return wrapped
    return f"{lhs} = {split_expr(value, 0, len(lhs) + 3)}"


def _annotated_alias_line(name: str, value: str) -> str:
    """``Name: TypeAlias = value`` in black's layout: split the value's brackets if its head fits,
    else as any annotated assignment (the value or the annotation parenthesized)."""
    lhs = f"{name}: TypeAlias"
    if len(lhs) + 3 + len(value) <= 88:
        return f"{lhs} = {value}"
    if value.endswith("]") and len(lhs) + 3 + value.index("[") + 1 <= 88:
        return f"{lhs} = {split_expr(value, 0, len(lhs) + 3)}"
    return wrap_annotated(name, "TypeAlias", value, 0)


def _from_lines(entries: list[tuple[str, str, str]], indent: int = 0) -> list[str]:
    lines = []
    for module, name, local in sorted(entries):
        lines.append(
            wrap_import(module, name if name == local else f"{name} as {local}", indent)
        )
    return lines


def _import_groups(ctx: ModuleContext, m: ir.Model) -> list[list[str]]:
    """The module's import lines: standard library, third party, the package's own; empty groups left out."""
    imp = ctx.imports
    std = [f"import {x}" for x in sorted(imp.modules)]
    if imp.typing:
        std.append(f"from typing import {', '.join(sorted(imp.typing))}")
    third = []
    if imp.pydantic:
        third.append(f"from pydantic import {', '.join(sorted(imp.pydantic))}")
    if imp.typing_extensions:
        third.append(
            f"from typing_extensions import {', '.join(sorted(imp.typing_extensions))}"
        )
    depth = len(ctx.naming[m.key].module.split("."))
    local = []
    if imp.runtime:
        local.append(
            f"from {'.' * depth}_runtime import {', '.join(sorted(imp.runtime))}"
        )
    local.extend(_from_lines(imp.top))
    return [g for g in (std, third, local) if g]


def _indexes(
    package: ir.Package, naming: Naming, options: RenderOptions
) -> list[tuple[str, str]]:
    """``__init__.py`` of the package and of every namespace: lazy, so importing stays cheap."""
    env = environment(options.template_dirs)
    root = options.package
    by_pkg: dict[tuple[str, ...], list[ir.Model]] = {}
    subpkgs: set[tuple[str, ...]] = {()}
    for m in package.models:
        parts = tuple(naming[m.key].module.split(".")[:-1])
        by_pkg.setdefault(parts, []).append(m)
        for i in range(len(parts) + 1):
            subpkgs.add(parts[:i])
    counts: dict[str, int] = {}
    for m in package.models:
        counts[naming[m.key].class_name] = counts.get(naming[m.key].class_name, 0) + 1
    out = []
    for pkg in sorted(subpkgs):
        entries = {}
        for m in by_pkg.get(pkg, []):
            entries[naming[m.key].class_name] = (
                "." + naming[m.key].module.split(".")[-1]
            )
        if pkg == ():
            for m in package.models:
                name = naming[m.key]
                if counts[name.class_name] == 1 and name.class_name not in entries:
                    entries[name.class_name] = "." + name.module
        items = sorted(entries.items())
        type_imports = [wrap_import(mod, f"{name} as {name}") for name, mod in items]
        header = docstring(
            f"Models of namespace '{'.'.join(pkg)}', generated by gen-models. Do not edit."
            if pkg
            else "Models generated by gen-models. Do not edit."
        )
        text = env.get_template("python/index.py.jinja").render(
            header=header, entries=items, package=root, namespace=pkg
        )
        out.append(("/".join((root,) + pkg + ("__init__.py",)), text))
        # type checkers read the stub; the runtime index stays one string constant
        stub = env.get_template("python/index.pyi.jinja").render(
            type_imports=type_imports, entries=items, package=root, namespace=pkg
        )
        out.append(("/".join((root,) + pkg + ("__init__.pyi",)), stub))
    return out
