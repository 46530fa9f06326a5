"""Python names from documented names: snake_case attributes, class, module and enum member names.

Every function is total: any input string gives a valid, non-reserved identifier.
"""

from __future__ import annotations

import builtins
import keyword
import re

# names the generated modules use themselves: a field with one of these names would shadow them
GENERATED_NAMES = frozenset(
    "Annotated Any BaseModel ConfigDict Enum Field Literal Optional TypeAliasType Union dataclass "
    "dataclasses datetime decimal enum field typing typing_extensions pydantic KW_ONLY".split()
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
RESERVED_ATTRS = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | GENERATED_NAMES | MODEL_RESERVED | _SHADOWING_BUILTINS
# a trailing '_' Speakeasy's Python SDKs add to these names is not part of the JSON name
_PY_SUFFIXED = RESERVED_ATTRS | frozenset(dir(builtins)) | frozenset({"date", "datetime", "decimal", "format"})

_CAMEL1 = re.compile(r"([A-Z]+)([A-Z][a-z])")
_CAMEL2 = re.compile(r"([a-z\d])([A-Z])")
_NON_WORD = re.compile(r"[^0-9A-Za-z]+")


def words(name: str) -> list[str]:
    s = _CAMEL2.sub(r"\1_\2", _CAMEL1.sub(r"\1_\2", name))
    return [w for w in _NON_WORD.split(s) if w]


def snake_case(name: str) -> str:
    return "_".join(w.lower() for w in words(name))


def safe_attr(name: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A snake_case attribute name that is an identifier, not reserved, and not in ``taken``."""
    base = snake_case(name) or "field"
    if base[0].isdigit():
        base = "field_" + base
    while base in RESERVED_ATTRS or base in taken or not base.isidentifier():
        base += "_"
    return base


def json_name_of_python_field(name: str) -> str:
    """Speakeasy's Python docs write ``format_`` for the JSON name ``format``."""
    if name.endswith("_") and not name.endswith("__") and name[:-1] in _PY_SUFFIXED:
        return name[:-1]
    return name


def safe_class(name: str) -> str:
    s = re.sub(r"\W", "_", name)
    if not s or s[0].isdigit():
        s = "M" + s
    while keyword.iskeyword(s) or keyword.issoftkeyword(s) or s in GENERATED_NAMES or s in _SHADOWING_BUILTINS:
        s += "_"
    return s


def safe_module(name: str) -> str:
    s = re.sub(r"\W", "_", name.lower())
    if not s or s[0].isdigit() or s[0] == "_":
        s = "m" + s
    while keyword.iskeyword(s) or keyword.issoftkeyword(s) or s in GENERATED_NAMES or s in ("builtins",):
        s += "_"
    return s


def enum_member(value: object, documented: str, taken: set[str]) -> str:
    if documented and documented.isidentifier() and not documented.startswith("_"):
        base = documented
    elif isinstance(value, bool):
        base = str(value).upper()
    elif isinstance(value, (int, float)):
        base = "VALUE_" + _NON_WORD.sub("_", str(value).replace("-", "MINUS_")).strip("_")
    else:
        base = "_".join(w.upper() for w in words(str(documented or value))) or "EMPTY"
        if base[0].isdigit():
            base = "VALUE_" + base
    if base in ("name", "value", "mro") or keyword.iskeyword(base):
        base += "_"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name
