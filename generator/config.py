"""Configuration: ``[tool.gen-models]`` in the nearest ``pyproject.toml``, command-line flags over it.

    [tool.gen-models]
    specs = "specs"          # paths are relative to the pyproject.toml
    out = "out"
    kind = "pydantic"

    [[tool.gen-models.targets]]   # several targets: each a table of its own keys
    name = "dataclasses"          # the top-level keys are every target's defaults
    out = "out-dc"
    kind = "dataclasses"

Loaded once into frozen ``Target`` objects; nothing below the command line reads the environment
or the file again. Mistakes are diagnostics at ``pyproject.toml:line:col``.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, cast

from .diagnostics import Diagnostics
from .parse.languages import DIALECT_NAMES as DIALECTS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

KINDS = ("pydantic", "dataclasses", "msgspec", "typeddict")
EMITS = ("models", "docs", "jsonschema")
NAMES = (
    "stable",
    "speakeasy",
)  # OpenAPI model names (generator/frontends/openapi/names.py)
DIAGNOSTICS_FORMATS = ("text", "github", "json")


@dataclass(frozen=True)
class Target:
    """One run of the generator: where from, where to, and how."""

    name: str = ""
    specs: str | None = None
    out: str | None = None
    kind: str = "pydantic"
    package: str = "models"
    docs: bool = True
    allow_missing: bool = False
    templates: str | None = None
    names: str = "stable"
    spec: str | None = None
    drift_report: str | None = None
    emit: tuple[str, ...] | None = None  # None: the kind's default (models and docs)
    dialect: str = ""
    jobs: int = 0

    def options(self) -> dict[str, Any]:
        """The keyword options of ``generate`` this target sets (all but name, specs and out)."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name not in ("name", "specs", "out")
        }


# key in pyproject.toml -> (Target field, accepted type, allowed values or None, help)
KEYS: dict[str, tuple[str, type, tuple | None, str]] = {
    "specs": (
        "specs",
        str,
        None,
        "folder of model docs (or one doc), relative to pyproject.toml",
    ),
    "out": ("out", str, None, "output folder, relative to pyproject.toml"),
    "kind": (
        "kind",
        str,
        KINDS,
        "pydantic (default), dataclasses, msgspec or typeddict (the last two: gen-models[msgspec])",
    ),
    "names": (
        "names",
        str,
        NAMES,
        "OpenAPI model names: stable (default; a schema's name depends on its own component or "
        "operation only) or speakeasy (Speakeasy's shortest free name, as its docs have them)",
    ),
    "package": (
        "package",
        str,
        None,
        "name of the generated package (default: models)",
    ),
    "docs": ("docs", bool, None, "write markdown docs under OUT/docs (default: true)"),
    "allow-missing": (
        "allow_missing",
        bool,
        None,
        "unresolved references become Any with a warning",
    ),
    "templates": (
        "templates",
        str,
        None,
        "folder of templates that replace the package's by name, relative to pyproject.toml",
    ),
    "spec": (
        "spec",
        str,
        None,
        "the OpenAPI spec the docs were made from, to join with them (relative to pyproject.toml)",
    ),
    "drift-report": (
        "drift_report",
        str,
        None,
        "where the docs+spec join writes its drift report as JSON (relative to pyproject.toml)",
    ),
    "emit": (
        "emit",
        list,
        EMITS,
        "what to write, a list of: models, docs, jsonschema (default: models and docs)",
    ),
    "dialect": (
        "dialect",
        str,
        DIALECTS,
        f"read every doc in this SDK language ({', '.join(DIALECTS)}); default: each doc's own",
    ),
    "jobs": (
        "jobs",
        int,
        None,
        "processes for parse, render and format (default 0: one per core); no output changes",
    ),
}
TARGET_ONLY = {"name": ("name", str, None, "the target's name, for --target NAME")}


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start`` that has a ``[tool.gen-models]`` table."""
    here = start.resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                text = candidate.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if re.search(r"^\s*\[\[?\s*tool\s*\.\s*[\"']?gen-models[\"']?", text, re.M):
                return candidate
    return None


def load(path: Path, diags: Diagnostics) -> list[Target]:
    """The targets of ``[tool.gen-models]`` (one unnamed target if there is no ``targets`` list);
    [] with diagnostics if the table is broken."""
    shown = os.fspath(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        diags.error(shown, 1, f"cannot read: {exc}", "config-read")
        return []
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+), column (\d+)", str(exc))
        line, col = (int(m[1]), int(m[2])) if m else (1, 1)
        reason = str(exc).split(" (at")[0].replace("\n", "\\n").replace("\r", "\\r")
        diags.error(shown, line, f"not valid TOML: {reason}", "config-syntax", col)
        return []
    table = doc.get("tool", {}).get("gen-models")
    if table is None:
        return []
    where = _Locator(text)
    base = path.parent
    before = len(diags.items)
    if not isinstance(table, dict):
        diags.error(
            shown, where.table(), "[tool.gen-models] must be a table", "config-type"
        )
        return []
    defaults = _target(table, "", base, shown, where, diags, top=True)
    targets_raw = table.get("targets")
    if targets_raw is None:
        return [defaults] if len(diags.items) == before else []
    if not isinstance(targets_raw, list) or not all(
        isinstance(t, dict) for t in targets_raw
    ):
        diags.error(
            shown,
            where.key("targets"),
            "'targets' must be an array of tables ([[tool.gen-models.targets]])",
            "config-type",
        )
        return []
    targets, names = [], set()
    for i, raw in enumerate(targets_raw):
        t = _target(
            raw,
            f"targets[{i}]",
            base,
            shown,
            where,
            diags,
            top=False,
            defaults=defaults,
            index=i,
        )
        if not t.name:
            diags.error(
                shown, where.target(i), "every target needs a 'name'", "config-missing"
            )
        elif t.name in names:
            diags.error(
                shown,
                where.key("name", i),
                f"two targets are named {t.name!r}",
                "config-duplicate",
            )
        names.add(t.name)
        targets.append(t)
    return targets if len(diags.items) == before else []


def _target(
    raw: dict,
    label: str,
    base: Path,
    shown: str,
    where: _Locator,
    diags: Diagnostics,
    *,
    top: bool,
    defaults: Target | None = None,
    index: int | None = None,
) -> Target:
    # each value checked against its key's type below
    values: dict[str, Any] = {}
    known = dict(KEYS) if top else {**KEYS, **TARGET_ONLY}
    for key, value in raw.items():
        if top and key == "targets":
            continue
        if key not in known:
            hint = ", ".join(sorted(known) + (["targets"] if top else []))
            _error(
                diags,
                shown,
                where.key_at(key, index),
                f"unknown key {key!r} in [tool.gen-models{'.' + label if label else ''}] (known: {hint})",
                "config-unknown-key",
            )
            continue
        attr, typ, allowed, _ = known[key]
        if typ is list and isinstance(value, str):
            value = [x.strip() for x in value.split(",") if x.strip()]
        if (
            not isinstance(value, typ)
            or (typ in (str, int) and isinstance(value, bool))
            # (isinstance(value, typ) above narrowed value to object for mypy)
            or (typ is list and not all(isinstance(x, str) for x in cast(list, value)))
        ):
            what = {
                bool: "boolean",
                int: "integer",
                str: "string",
                list: "list of strings",
            }[typ]
            _error(
                diags,
                shown,
                where.key_at(key, index),
                f"{key!r} must be a {what}, not {type(value).__name__}",
                "config-type",
            )
            continue
        if typ is list:
            value = cast("list[str]", value)  # checked above
            bad = [x for x in value if allowed is not None and x not in allowed]
            if bad or not value:
                _error(
                    diags,
                    shown,
                    where.key_at(key, index),
                    f"{key!r} takes one or more of {', '.join(allowed or ())}, not {', '.join(map(repr, bad)) or 'nothing'}",
                    "config-value",
                )
                continue
            value = tuple(value)
        elif typ is int and value < 0:  # type: ignore[operator]
            _error(
                diags,
                shown,
                where.key_at(key, index),
                f"{key!r} must be 0 or more, not {value!r}",
                "config-value",
            )
            continue
        elif allowed is not None and value not in allowed:
            _error(
                diags,
                shown,
                where.key_at(key, index),
                f"{key!r} must be one of {', '.join(allowed)}, not {value!r}",
                "config-value",
            )
            continue
        if attr in ("specs", "out", "templates", "spec", "drift_report"):
            value = os.fspath(base / str(value))
        values[attr] = value
    return replace(defaults or Target(), **values)


def _error(
    diags: Diagnostics, file: str, at: tuple[int, int], message: str, code: str
) -> None:
    diags.error(file, at[0], message, code, at[1])


def override(target: Target, **flags: Any) -> Target:
    """``target`` with every flag that was given (not None) in its place."""
    names = {f.name for f in fields(Target)}
    return replace(
        target, **{k: v for k, v in flags.items() if v is not None and k in names}
    )


class _Locator:
    """Line and column of keys in the ``[tool.gen-models]`` tables of the TOML text (for diagnostics)."""

    def __init__(self, text: str):
        self.lines = text.split("\n")
        header = re.compile(
            r"\s*\[\[?\s*tool\s*\.\s*[\"']?gen-models[\"']?\s*(\.\s*targets\s*)?\]"
        )
        self.headers = [
            (i, m[1] is not None)
            for i, line in enumerate(self.lines)
            if (m := header.match(line))
        ]

    def _section(self, index: int | None) -> tuple[int, int]:
        """Line range of the top table (index None) or of the index-th targets table."""
        targets = [i for i, is_target in self.headers if is_target]
        tops = [i for i, is_target in self.headers if not is_target]
        if index is None:
            start = tops[0] if tops else 0
        else:
            start = targets[index] if index < len(targets) else (tops[0] if tops else 0)
        end = next(
            (
                i
                for i in range(start + 1, len(self.lines))
                if re.match(r"\s*\[", self.lines[i])
            ),
            len(self.lines),
        )
        return start, end

    def key_at(self, key: str, index: int | None) -> tuple[int, int]:
        start, end = self._section(index)
        pattern = re.compile(r"\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
        for i in range(start, end):
            m = pattern.match(self.lines[i])
            if m:
                return i + 1, len(self.lines[i]) - len(self.lines[i].lstrip()) + 1
        return start + 1, 1

    def key(self, key: str, index: int | None = None) -> int:
        return self.key_at(key, index)[0]

    def table(self) -> int:
        return self._section(None)[0] + 1

    def target(self, index: int) -> int:
        return self._section(index)[0] + 1
