"""Diagnostics are data: collected by every stage, printed as ``file:line:col: severity: message [code]``."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from .unsafe import printable


class Severity(enum.IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int
    col: int
    severity: Severity
    message: str
    code: str

    def __str__(self) -> str:
        """One line, safe on a terminal: control, bidi and invisible characters of the input (and
        undecodable bytes of file names) are printed as escapes."""
        return f"{printable(self.file)}:{self.line}:{self.col}: {self.severity}: {printable(self.message)} [{self.code}]"


@dataclass
class Diagnostics:
    """A collector handed through the pipeline; nothing in it raises."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(
        self,
        severity: Severity,
        file: str,
        line: int,
        message: str,
        code: str,
        col: int = 1,
    ) -> None:
        self.items.append(
            Diagnostic(file, max(line, 1), max(col, 1), severity, message, code)
        )

    def error(
        self, file: str, line: int, message: str, code: str, col: int = 1
    ) -> None:
        self.add(Severity.ERROR, file, line, message, code, col)

    def warning(
        self, file: str, line: int, message: str, code: str, col: int = 1
    ) -> None:
        self.add(Severity.WARNING, file, line, message, code, col)

    def info(self, file: str, line: int, message: str, code: str, col: int = 1) -> None:
        self.add(Severity.INFO, file, line, message, code, col)

    def extend(self, other: list[Diagnostic]) -> None:
        self.items.extend(other)

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items)
