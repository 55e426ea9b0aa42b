"""The project's own exception types: each carries a message a user can act on."""

from __future__ import annotations

from dataclasses import dataclass

# Exit codes of the `cnht` command (documented in the README and in `cnht --help`).
EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_INVALID = 2
EXIT_LOCKED = 3


@dataclass(frozen=True)
class Problem:
    """One input problem: where it is, what is wrong, and what was expected."""

    file: str
    location: str  # the CSV row (header = 1) or the YAML line, as text; may be ""
    field: str  # column or key; may be ""
    message: str
    expected: str = ""
    # Structured parts, so a second input (a workbook) can place the problem in its own terms.
    row: int | None = None  # the CSV record's row number (header = 1), when a CSV row
    first_row: int | None = None  # for a duplicate: the row of the first occurrence
    first_at: str = ""  # for a duplicate: the first occurrence as printed ("row 3", "Sheet!C3")
    choices: tuple[str, ...] = ()  # for a word outside a list: the allowed codes
    value: str = ""  # for a word outside a list: the text as written
    hint: str = ""  # for a word outside a list: the " (did you mean …?)" that ends `message`

    def __str__(self) -> str:
        where = self.file + (f":{self.location}" if self.location else "")
        message = self.message + (f" (first at {self.first_at})" if self.first_at else "")
        what = f"{self.field}: {message}" if self.field else message
        text = f"{where}: {what}" if where else what
        if self.expected:
            text += f" — expected {self.expected}"
        return text


class CnhtError(Exception):
    """Base class of every error the package raises on purpose."""

    exit_code = EXIT_FAILURE


class InputError(CnhtError):
    """The data directory, a parameter or a command-line value is invalid."""

    exit_code = EXIT_INVALID

    def __init__(self, problems: list[Problem] | str):
        if isinstance(problems, str):
            problems = [Problem("", "", "", problems)]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(InputError):
    """A command-line argument is wrong (unknown region, target id, year out of range…)."""


class RenderError(CnhtError):
    """Executing or exporting a notebook failed; earlier reports are left untouched."""

    exit_code = EXIT_FAILURE


class LockHeldError(CnhtError):
    """Another `cnht render` holds the lock on the same output directory."""

    exit_code = EXIT_LOCKED
