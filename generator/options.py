"""The options of a run: one frozen object, checked once when it is made (``Options``), that every
stage gets what it needs from. The command line and ``[tool.gen-models]`` make one per target
(``generator/config.py``); ``generate()`` takes one or its fields as keywords."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from typing import cast

from .config import NAMES
from .parse.languages import DIALECT_NAMES as DIALECTS
from .render.dcg import DCG_KINDS
from .render.naming import IMPORTED_MODULES, is_identifier


class OptionError(ValueError):
    """An option value gen-models cannot use (the CLI prints it as one line, exit 2)."""


# the options that are paths (or None)
_PATHS = ("templates", "spec", "drift_report")


@dataclass(frozen=True)
class Options:
    """Everything that decides the output, checked once; every stage gets what it needs from here."""

    package: str = "models"
    kind: str = "pydantic"
    docs: bool = True
    allow_missing: bool = False
    names: str = "stable"  # OpenAPI model names: "stable" or "speakeasy"
    format: bool = True
    templates: str | None = None  # a folder of templates searched before the package's
    # an OpenAPI spec to join with the docs (beside those in SPECS)
    spec: str | None = None
    drift_report: str | None = None  # where the join writes its drift report (JSON)
    # what to write: any of EMITS ("models", "docs", "jsonschema"), or a comma-separated string;
    # None: models and docs (models alone for msgspec/typeddict); docs=False takes docs out
    emit: tuple[str, ...] | None = None
    dialect: str = (
        ""  # the language every markdown doc is read in; "" detects each doc's own
    )
    # processes for parse, render and format (0: one per core); changes no output byte
    jobs: int = 0

    @property
    def emitted(self) -> tuple[str, ...]:
        """``emit`` as ``__post_init__`` settled it: a tuple in ``EMITS`` order, never None."""
        return cast("tuple[str, ...]", self.emit)

    def __post_init__(self) -> None:
        from .render.kinds import KINDS

        emit = emits(self.emit, self.kind, self.docs)
        object.__setattr__(self, "emit", emit)
        object.__setattr__(self, "docs", "docs" in emit)
        for name in _PATHS:
            value = getattr(self, name)
            if value is None:
                continue
            if not isinstance(value, (str, os.PathLike)):
                raise TypeError(
                    f"option {name!r} must be a path (str or os.PathLike) or None, "
                    f"not {type(value).__name__}"
                )
            object.__setattr__(self, name, os.fspath(value))
        for f in fields(self):
            if f.name in _PATHS or f.name == "emit":
                continue
            value = getattr(self, f.name)
            want = {"bool": bool, "int": int}.get(str(f.type), str)
            if not isinstance(value, want) or (want is int and isinstance(value, bool)):
                raise TypeError(
                    f"option {f.name!r} must be a {want.__name__}, not {type(value).__name__} ({value!r})"
                )
        if self.jobs < 0:
            raise OptionError(
                f"jobs must be 0 (one process per core) or more, not {self.jobs}"
            )
        if self.dialect and self.dialect not in DIALECTS:
            raise OptionError(
                f"dialect must be one of {', '.join(DIALECTS)}, not {self.dialect!r}"
            )
        if self.kind not in KINDS + DCG_KINDS:
            raise OptionError(
                f"kind must be one of {', '.join(KINDS + DCG_KINDS)}, not {self.kind!r}"
            )
        if self.names not in NAMES:
            raise OptionError(
                f"names must be one of {', '.join(NAMES)}, not {self.names!r}"
            )
        if not is_identifier(self.package) or self.package.startswith("_"):
            raise OptionError(
                f"package must be a public Python identifier, not {self.package!r}"
            )
        if self.package in IMPORTED_MODULES:
            raise OptionError(
                f"package {self.package!r} would shadow the module of that name the generated code imports"
            )
        if self.package == "docs" and self.docs:
            raise OptionError(
                "package 'docs' would collide with the docs folder; choose another name or --no-docs"
            )


def emits(emit: object, kind: object, docs: object) -> tuple[str, ...]:
    """``emit`` as a tuple in ``EMITS`` order, checked; docs=False takes docs out of it."""
    from .render.kinds import EMITS

    if emit is None:
        emit = ("models",) if kind in DCG_KINDS else ("models", "docs")
    elif isinstance(emit, str):
        emit = tuple(x.strip() for x in emit.split(",") if x.strip())
    elif isinstance(emit, (list, tuple)) and all(isinstance(x, str) for x in emit):
        emit = tuple(emit)
    else:
        raise TypeError(
            f"option 'emit' must be a tuple of str, a comma-separated str or None, not {emit!r}"
        )
    unknown = [x for x in emit if x not in EMITS]
    if unknown or not emit:
        raise OptionError(
            f"emit takes one or more of {', '.join(EMITS)}, not {', '.join(map(repr, unknown)) or 'nothing'}"
        )
    if "docs" in emit and kind in DCG_KINDS:
        raise OptionError(
            f"docs are written for the pydantic and dataclasses kinds only, not {kind}; "
            "emit models and/or jsonschema"
        )
    return tuple(x for x in EMITS if x in emit and (x != "docs" or docs is not False))
