"""Author-facing problems: errors that stop a build and warnings that do not."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """A place in the manuscript that a message can point at."""

    path: Path
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        text = str(self.path)
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


@dataclass(frozen=True)
class Problem:
    """One message for the author: where, what is wrong, how to fix it."""

    location: Location | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        hint = f"\n    fix: {self.hint}" if self.hint else ""
        return f"{where}{self.message}{hint}"


class BookError(Exception):
    """The manuscript cannot be built; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Report:
    """Collects errors and warnings through a run, so all are reported together."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, location: Location | None, message: str, hint: str = "") -> None:
        self.errors.append(Problem(location, message, hint))

    def warn(self, location: Location | None, message: str, hint: str = "") -> None:
        self.warnings.append(Problem(location, message, hint))

    def raise_if_errors(self) -> None:
        if self.errors:
            raise BookError(sorted_problems(self.errors))


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """Order messages by file and line, the order an author fixes them in."""

    def key(problem: Problem):
        loc = problem.location
        if loc is None:
            return ("", 0, 0)
        return (str(loc.path), loc.line or 0, loc.column or 0)

    return sorted(problems, key=key)
