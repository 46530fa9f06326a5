"""The jinja environment of one run: StrictUndefined, the user's template folders first (``--templates``),
then the package's templates (from the wheel or the source tree), looked up by the same relative
names (``python/pydantic_object.py.jinja``).

Built from its folders alone (cached by them), so nothing here depends on anything but its
arguments. A template that fails (syntax error, undefined value, missing include, an exception in a
user template) raises ``TemplateFailure``, located at the template's file, line and column; it
pickles, so it crosses from a render worker to the pipeline, which makes it a diagnostic.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import MutableMapping
from functools import cache
from pathlib import Path
from typing import Any, cast

import jinja2

from ..diagnostics import Diagnostics
from .literals import docstring, py_string, wrap_annotated, wrap_assignment, wrap_call
from .templates import package_templates, template_dirs


class TemplateFailure(Exception):
    """A template that could not be loaded or rendered: ``file:line:col: message [code]``."""

    def __init__(self, file: str, line: int, col: int, message: str, code: str):
        super().__init__(file, line, col, message, code)
        self.file = file
        self.line = line
        self.col = col
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message} [{self.code}]"


def _failure(
    exc: BaseException,
    template: jinja2.Template | None,
    user_dirs: tuple[str, ...] = (),
) -> TemplateFailure:
    """Locate ``exc``: a syntax error knows its place; otherwise the innermost template frame of the
    traceback jinja rewrote to template lines, in a user's template if there is one (an undefined
    value handed to a macro of ours fails in the macro, but the user's call is what to fix).
    """
    if isinstance(exc, jinja2.TemplateSyntaxError):
        file = exc.filename or exc.name or "<template>"
        return TemplateFailure(
            os.path.abspath(file),
            exc.lineno or 1,
            1,
            f"template syntax error: {exc.message}",
            "template-syntax",
        )
    file = "<template>"
    if template is not None and template.filename:
        file = template.filename
    line = 1
    frames = [
        f
        for f in traceback.extract_tb(exc.__traceback__)
        if f.filename.endswith(".jinja")
    ]
    roots = tuple(os.path.join(os.path.abspath(d), "") for d in user_dirs)
    mine = [f for f in frames if os.path.abspath(f.filename).startswith(roots)]
    where = ""
    if frames:
        chosen = (mine or frames)[-1]
        file, line = chosen.filename, chosen.lineno or 1
        if chosen is not frames[-1]:
            inner = frames[-1]
            where = f" (in {_relative(inner.filename)}:{inner.lineno})"
    if isinstance(exc, jinja2.TemplateNotFound):
        message, code = f"template not found: {exc.name}{where}", "template-not-found"
    elif isinstance(exc, jinja2.UndefinedError):
        message, code = (
            f"undefined value in template: {exc.message}{where}",
            "template-undefined",
        )
    else:
        message, code = (
            f"template failed: {type(exc).__name__}: {exc}{where}",
            "template-error",
        )
    if file != "<template>":
        file = os.path.abspath(file)
    return TemplateFailure(file, line, 1, message, code)


class _Template(jinja2.Template):
    def render(self, *args, **kwargs) -> str:
        try:
            return super().render(*args, **kwargs)
        except TemplateFailure:
            raise
        except Exception as exc:  # noqa: BLE001 - a user template can fail any way
            # every template is loaded by an _Environment (environment() below)
            env = cast("_Environment", self.environment)
            raise _failure(exc, self, env.user_dirs) from None


def _relative(file: str) -> str:
    """A package template's name (``python/_macros.jinja``), else the file as it is."""
    for root in template_dirs():
        if os.path.abspath(file).startswith(os.path.join(root, "")):
            return os.path.relpath(os.path.abspath(file), root).replace(os.sep, "/")
    return file


class _Environment(jinja2.Environment):
    template_class = _Template
    user_dirs: tuple[str, ...] = ()

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        # templates by (name, parent) once loaded, when they are never reloaded (get_template)
        self._by_name: dict[tuple[str, str | None], jinja2.Template] = {}

    def make_globals(
        self, d: MutableMapping[str, Any] | None
    ) -> MutableMapping[str, Any]:
        """A template's globals as one plain dict, not jinja's ``ChainMap`` over the
        environment's: every render copies them into its context and iterates them again
        (a tenth of the time of rendering a small model). The environment's globals are all
        set before its first template is loaded (``environment``)."""
        return {**self.globals, **(d or {})}

    def get_template(self, name, parent=None, globals=None):
        # without auto_reload a loaded template stays what it is: kept here by name, a lookup
        # costs one dict access instead of jinja's cache key, lock and LRU bookkeeping (two per
        # rendered model: its template and the macros that template imports)
        if globals is None and not self.auto_reload:
            found = self._by_name.get((name, parent))
            if found is not None:
                return found
        try:
            template = super().get_template(name, parent, globals)
        except jinja2.TemplateNotFound as exc:
            if (
                parent is not None
            ):  # an include or import: the including template's line says where
                raise
            raise _failure(exc, None, self.user_dirs) from None
        except jinja2.TemplateSyntaxError as exc:
            raise _failure(exc, None, self.user_dirs) from None
        if globals is None and not self.auto_reload:
            self._by_name[(name, parent)] = template
        return template


# Layouts in black's style, for templates and the macros of python/_macros.jinja. ``indent`` is the
# column the statement stands at; continuation lines come back relative to it.


class layout:
    """The layouts, as the jinja global ``layout``: ``{{ layout.class_line(name, bases) }}``."""

    @staticmethod
    def class_line(name: str, bases=()) -> str:
        """``class Name(A, B):`` as black writes it."""
        base = ", ".join(bases)
        line = f"class {name}({base}):" if base else f"class {name}:"
        if base and len(line) > 88:
            return f"class {name}(\n    {base}\n):"
        return line

    @staticmethod
    def annotated(
        target: str,
        annotation: str,
        value: str | None = None,
        call: str | None = None,
        args=(),
        indent: int = 4,
    ) -> str:
        """``target: annotation [= value]``; with ``call`` and ``args`` the value is ``call(args...)``,
        whose brackets black splits first."""
        return wrap_annotated(
            target, annotation, value, indent, (call, list(args)) if call else None
        )

    @staticmethod
    def assignment(
        target: str, value: str, call: str | None = None, args=(), indent: int = 4
    ) -> str:
        """``target = value`` (``call``/``args`` as for ``annotated``)."""
        return wrap_assignment(
            target, value, indent, (call, list(args)) if call else None
        )

    @staticmethod
    def call(head: str, args=(), indent: int = 0) -> str:
        """``head(args...)``, split as black splits a call."""
        return wrap_call(head, list(args), indent)


@cache
def environment(dirs: tuple[str, ...] = ()) -> jinja2.Environment:
    """The environment whose templates come from ``dirs`` first, then the package's."""
    env = _Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.FileSystemLoader(list(dirs)),
                jinja2.FileSystemLoader(template_dirs()),
            ]
        ),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # the package's own templates are part of its code: read once per process. Checking
        # their files' mtimes costs a stat per get_template (two per rendered model: the
        # template and the macros it imports). A user's templates may be edited between two
        # runs of one process (a library caller), so they are checked
        auto_reload=bool(dirs),
    )
    env.user_dirs = dirs
    env.filters.update(py_string=py_string, docstring=docstring)
    env.globals.update(layout=layout)
    return env


def check_templates(dirs: tuple[str, ...]) -> list[TemplateFailure]:
    """Compile every template in the user's ``dirs``: a syntax error is found even in a template
    this input does not use."""
    env = environment(dirs)
    failures = []
    for root in dirs:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(".jinja"):
                    rel = Path(dirpath, name).relative_to(root).as_posix()
                    try:
                        env.get_template(rel)
                    except TemplateFailure as exc:
                        failures.append(exc)
    return failures


def check_user_templates(folder: str, diags: Diagnostics) -> bool:
    """The user's template folder exists and compiles; a template in it that replaces none of
    the package's (a misspelt or misplaced file) is a warning, unless its name starts with ``_``
    (a partial). False after errors."""
    shown = os.path.abspath(folder)
    if not os.path.isdir(folder):
        message = "templates folder not found (--templates / 'templates')"
        diags.error(shown, 1, message, "template-missing")
        return False
    known = set(package_templates())
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            rel = Path(dirpath, name).relative_to(folder).as_posix()
            partial = name.startswith("_")
            if name.endswith(".jinja") and not partial and rel not in known:
                message = (
                    f"{rel!r} replaces no template of gen-models (they are "
                    "python/*.py.jinja and docs/*.md.jinja; see the README); "
                    "start a partial's name with '_'"
                )
                diags.warning(os.path.join(shown, rel), 1, message, "template-unknown")
    for exc in check_templates((folder,)):
        diags.error(exc.file, exc.line, exc.message, exc.code, exc.col)
    return not diags.has_errors
