"""Author-facing problems: errors that stop a build and warnings that do not."""

from __future__ import annotations

import difflib
import logging
from contextlib import contextmanager
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


def did_you_mean(word: str, known, mark: str = "") -> str:
    """The hint for an unknown key or label: the nearest known ones ("did you mean @brent?"), or ""."""
    near = difflib.get_close_matches(word, list(known), n=3, cutoff=0.5)
    return ("did you mean " + ", ".join(f"{mark}{k}" for k in near) + "?") if near else ""


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """Order messages by file and line, the order an author fixes them in."""

    def key(problem: Problem):
        loc = problem.location
        if loc is None:
            return ("", 0, 0)
        return (str(loc.path), loc.line or 0, loc.column or 0)

    return sorted(problems, key=key)


class _Heard(logging.Handler):
    """Turns a library's log records into the report's warnings."""

    def __init__(self, report: Report, where: Location | None, concerning: str, hint: str, skip: str):
        super().__init__(logging.WARNING)
        self.report, self.where, self.concerning, self.hint, self.skip = report, where, concerning, hint, skip

    def emit(self, record: logging.LogRecord) -> None:
        message = " ".join(line.strip() for line in record.getMessage().strip().splitlines()[:2])
        if self.skip and self.skip in message:
            return
        self.report.warn(self.where, f"{record.name} says{self.concerning}: {message}", self.hint)


@contextmanager
def heard(logger: str, report: Report, where: Location | None = None, concerning: str = "",
          hint: str = "check that place in the manuscript", skip: str = ""):
    """While inside, the library's warnings and errors are the author's warnings, not lost in
    a log level; `concerning` names the part they are about (" (laying out 'Chapter 2')");
    records containing `skip` are those the caller reports better itself."""
    handler = _Heard(report, where, concerning, hint, skip)
    library = logging.getLogger(logger)
    saved = library.propagate, library.level
    library.addHandler(handler)
    library.propagate, library.level = False, logging.WARNING
    try:
        yield
    finally:
        library.removeHandler(handler)
        library.propagate, library.level = saved
