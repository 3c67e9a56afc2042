"""Problems found in the knowledge base, as located values (yamllint style), never exceptions."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    code: str
    message: str
    level: Level = Level.ERROR

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: [{self.level}] {self.message} ({self.code})"

    def github(self) -> str:
        """The same problem as a GitHub Actions annotation."""
        kind = "error" if self.level is Level.ERROR else "warning"
        return (
            f"::{kind} file={self.path},line={self.line},col={self.column},"
            f"title={self.code}::{self.message}"
        )


class KBError(Exception):
    """The knowledge base has errors; `problems` says where."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.level is Level.ERROR]
        head = "\n".join(str(p) for p in errors[:20])
        more = f"\n...and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"the knowledge base has {len(errors)} error(s):\n{head}{more}")
