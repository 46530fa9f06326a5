"""``--kind msgspec`` and ``--kind typeddict``: IR -> JSON Schema -> datamodel-code-generator.

datamodel-code-generator (an optional dependency: ``gen-models[msgspec]``) writes these kinds well;
gen-models gives it the JSON Schema document of ``--emit jsonschema`` (``jsonschema.py``) and runs it
in process. Every class keeps its gen-models name (the ``$defs`` name): schemas that would make
datamodel-code-generator invent a name (a constrained list item) are lifted into ``$defs`` under
a name of ours first, and its class-name generator keeps every name as it is.

The layout differs from the other kinds: one module, ``<package>/__init__.py``, with every class
(``from models import Pet`` works; ``from models.components import Pet`` does not), and no
markdown docs. msgspec: ``msgspec.Struct`` classes with snake_case attributes and the JSON names
as ``field(name=...)``; discriminated unions are tagged unions; open enums are their value type.
typeddict: ``TypedDict`` classes keyed by the JSON names, ``NotRequired`` for optional keys;
enums are ``Literal`` types.
"""

from __future__ import annotations

import json
import re
import warnings
from typing import Any

from .. import ir
from .jsonschema import _ref, def_names, schema
from .jsonschema import document as schema_document
from .literals import docstring
from .naming import Naming

DCG_KINDS = ("msgspec", "typeddict")
# names the modules datamodel-code-generator writes import, per kind (a model of that name is
# given a trailing underscore, as naming does for pydantic's)
_STDLIB = "Decimal UUID date datetime time timedelta Union Optional".split()
_IMPORTED = {
    "msgspec": frozenset(
        "Annotated Any Enum Literal Meta Struct TypeAlias UNSET UnsetType field "
        "convert Raw".split() + _STDLIB
    ),
    "typeddict": frozenset(
        "Any Literal NotRequired Required TypeAlias TypedDict".split() + _STDLIB
    ),
}


def dcg_version() -> str:
    """The installed datamodel-code-generator's version (``""`` when it is not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("datamodel-code-generator")
    except PackageNotFoundError:
        return ""


class DcgFailure(Exception):
    """datamodel-code-generator is missing or failed; the message says which, for a diagnostic."""


def pinned_names(package: ir.Package, naming: Naming, kind: str) -> dict:
    """``def_names`` made free of the names the generated module imports."""
    names = def_names(package, naming)
    taken = set(names.values())
    out = {}
    for key, name in names.items():
        if name in _IMPORTED[kind]:
            new = name + "_"
            while new in taken:
                new += "_"
            taken.add(new)
            name = new
        out[key] = name
    return out


def dcg_document(package: ir.Package, naming: Naming, kind: str) -> dict:
    """The JSON Schema document datamodel-code-generator gets: ``--emit jsonschema``'s, with
    constrained list items lifted into ``$defs`` (msgspec would name them itself) and, for msgspec,
    open enums as their value type (msgspec cannot decode an Enum beside ``str``)."""
    names = pinned_names(package, naming, kind)
    doc = schema_document(package, naming)
    defs_by_old = doc["$defs"]
    old = def_names(package, naming)
    defs = {names[k]: defs_by_old[old[k]] for k in old}
    renames = {_ref(old[k]): _ref(names[k]) for k in old if old[k] != names[k]}
    if renames:
        defs = _rename_refs(defs, renames)
    if kind == "msgspec":
        for m in package.models:
            if isinstance(m, ir.EnumModel) and m.open:
                d = defs[names[m.key]]
                values = d.pop("anyOf", None)
                if values is not None:
                    d["type"] = values[1]["type"]
            elif isinstance(m, ir.ObjectModel):
                _default_constants(m, defs[names[m.key]])
    taken = set(defs)
    lifted: dict[str, dict] = {}
    for name in sorted(defs):
        _lift_items(defs[name], name, taken, lifted)
    defs.update(lifted)
    doc["$defs"] = dict(sorted(defs.items()))
    doc.pop("description", None)
    return doc


def _default_constants(m: ir.ObjectModel, d: dict) -> None:
    """A constant field defaults to its value, as in the pydantic and dataclasses kinds (callers
    need not pass it; msgspec still checks it and always encodes it): its schema gets the value
    as ``default`` and leaves ``required``, which is how datamodel-code-generator writes a default.
    """
    props = d.get("properties", {})
    consts = {
        f.name
        for f in m.fields
        if isinstance(f.type, ir.Lit) and isinstance(props.get(f.name), dict)
    }
    for name in sorted(consts):
        props[name]["default"] = props[name]["const"]
    required = [r for r in d.get("required", []) if r not in consts]
    if required:
        d["required"] = required
    else:
        d.pop("required", None)


def _aliased_extra_items(text: str) -> str:
    """datamodel-code-generator imports ``date as date_aliased`` where a key named ``date``
    would shadow it, but writes ``extra_items=date`` (a NameError at import): use the alias.
    """
    aliases = dict(re.findall(r"^from [\w.]+ import (\w+) as (\w+)$", text, flags=re.M))
    if not aliases:
        return text
    return re.sub(
        r"\bextra_items=(\w+)",
        lambda m: f"extra_items={aliases.get(m[1], m[1])}",
        text,
    )


def _same_name(name: str) -> str:
    return name


def _rename_refs(v, renames: dict[str, str]):
    if isinstance(v, dict):
        return {
            k: (
                renames.get(x, x)
                if k == "$ref" and isinstance(x, str)
                else _rename_refs(x, renames)
            )
            for k, x in v.items()
        }
    if isinstance(v, list):
        return [_rename_refs(x, renames) for x in v]
    return v


# what makes an array item worth lifting into a class of its own: a constraint keyword, but
# uniqueItems, which the kinds datamodel-code-generator writes do not check anyway
_LIFTED = frozenset(k for _, k in ir.CONSTRAINT_KEYWORDS) - {"uniqueItems"}


def _constrained(s: dict) -> bool:
    return not _LIFTED.isdisjoint(s)


def _lift_items(s, owner: str, taken: set[str], lifted: dict[str, dict]) -> None:
    """Move every constrained array item below ``s`` into ``lifted`` as ``<Owner>Item`` (free of
    ``taken``), referenced from where it was."""
    if isinstance(s, list):
        for x in s:
            _lift_items(x, owner, taken, lifted)
        return
    if not isinstance(s, dict):
        return
    for x in s.values():
        _lift_items(x, owner, taken, lifted)
    item = s.get("items")
    if isinstance(item, dict) and "$ref" not in item and _constrained(item):
        name, n = f"{owner}Item", 2
        while name in taken:
            name, n = f"{owner}Item{n}", n + 1
        taken.add(name)
        lifted[name] = item
        s["items"] = {"$ref": _ref(name)}


def render_dcg(
    package: ir.Package, naming: Naming, kind: str, package_name: str
) -> list[tuple[str, str]]:
    """The package's one module (and ``py.typed``) as (path relative to OUT, text) pairs."""
    try:
        from datamodel_code_generator import (
            DataModelType,
            InputFileType,
            PythonVersion,
            generate,
        )
        from datamodel_code_generator.format import DatetimeClassType, Formatter
    except ImportError as exc:
        raise DcgFailure(
            f"--kind {kind} needs datamodel-code-generator "
            f"(pip install 'gen-models[{kind}]'): {exc}"
        ) from None
    doc = dcg_document(package, naming, kind)
    root = "Root"
    while root in doc["$defs"]:
        root += "_"
    doc["title"] = root  # the root schema's name (it holds only $defs): removed below
    header = docstring(f"Models generated by gen-models ({kind}). Do not edit.")
    # its generate() takes options of many types, mostly enums of its own
    options: dict[str, Any] = dict(
        input_file_type=InputFileType.JsonSchema,
        output_model_type=(
            DataModelType.MsgspecStruct
            if kind == "msgspec"
            else DataModelType.TypingTypedDict
        ),
        target_python_version=PythonVersion.PY_310,
        disable_timestamp=True,
        custom_file_header=header,
        class_name=root,
        # every class keeps its $defs name as it is (its default capitalizes, and its
        # --model-name-map is lost on a second naming pass); gen-models' names are classes already
        custom_class_name_generator=_same_name,
        snake_case_field=kind == "msgspec",
        use_schema_description=True,
        use_field_description=True,
        use_double_quotes=True,
        use_standard_primitive_types=True,  # uuid.UUID, not pydantic's
        output_datetime_class=DatetimeClassType.Datetime,  # date, time, datetime
        formatters=[getattr(Formatter, "BUILTIN", Formatter.BLACK)],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its notes on the schema: ours are diagnostics
        try:
            text = generate(json.dumps(doc), **options)
        except (
            Exception
        ) as exc:  # noqa: BLE001 - any failure of the tool is one diagnostic
            raise DcgFailure(
                f"datamodel-code-generator failed on the JSON Schema of the models: {exc}"
            ) from None
    if not isinstance(text, str):
        raise DcgFailure("datamodel-code-generator wrote more than one module")
    root_alias = (
        rf'^{root}: TypeAlias = (?:Any|Annotated\[Any, Meta\(title="{root}"\)\])\n+'
    )
    text = re.sub(root_alias, "", text, count=1, flags=re.M)
    text = _aliased_extra_items(text)
    defined = set(re.findall(r"^(?:class )?(\w+)\b", text, flags=re.M))
    missing = sorted(set(doc["$defs"]) - defined)
    if missing:
        raise DcgFailure(
            "datamodel-code-generator did not keep these class names: "
            + ", ".join(missing[:10])
            + (" ..." if len(missing) > 10 else "")
        )
    return [(f"{package_name}/__init__.py", text), (f"{package_name}/py.typed", "")]


__all__ = [
    "DCG_KINDS",
    "DcgFailure",
    "dcg_document",
    "dcg_version",
    "render_dcg",
    "schema",
]
