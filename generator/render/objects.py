"""An object model's class (``templates/python/pydantic_object.py.jinja`` or
``dataclass_object.py.jinja``): its fields as ``Field`` / ``dataclasses.field`` calls (constraints,
aliases, titles, readOnly/writeOnly, documented defaults), additional properties and config.
"""

from __future__ import annotations

from dataclasses import replace

from .. import ir
from .context import TemplateField, model_context
from .environment import layout
from .literals import call_inside, docstring, py_string, wrap_call
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
)


def render_object(env, ctx: ModuleContext, m: ir.ObjectModel, pydantic: bool) -> str:
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
        model_context(ctx, m, pydantic),
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
