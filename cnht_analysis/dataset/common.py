"""What every input file's check shares: the problem record, the text rules and the cell parsers.

A problem is located the way a clerk finds it (a CSV row as Excel numbers it, a YAML line and key
path); each part of it is kept on one line. The parsers turn a cell's text into a value or say
what to write instead (`1.000` is refused: one thousand in Vietnamese, one in English).
"""

from __future__ import annotations

import datetime
import difflib
import math
import re
from collections.abc import Collection, Iterable
from urllib.parse import urlsplit

from ..errors import Problem
from . import schema
from .schema import (
    INDICATORS_FILE,
    OBSERVATIONS_FILE,
    OVERRIDES_FILE,
    REGIONS_FILE,
    SOURCES_FILE,
    TARGETS_FILE,
)

REQUIRED_FILES = (INDICATORS_FILE, OBSERVATIONS_FILE, TARGETS_FILE, SOURCES_FILE)
OPTIONAL_FILES = (REGIONS_FILE, OVERRIDES_FILE)
FILE_ORDER = REQUIRED_FILES + OPTIONAL_FILES  # the order problems are listed in

# (required columns, optional columns) of each CSV file, in the spec's order (from the schema).
CSV_COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    name: (f.required, f.optional) for name, f in schema.CSV_FILES.items()
}

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
SOURCE_ID_RE = re.compile(r"^[A-Za-z0-9_.\-]+$")
NUMBER_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
THOUSANDS_RE = re.compile(r"[+-]?[0-9]{1,3}(?:[., ][0-9]{3})+(?:[.,][0-9]+)?")
YEAR_MIN, YEAR_MAX = 1900, 2100
BOOLEANS = {"true": True, "false": False}

# Words a clerk may type instead of the spec's codes, mapped to the code to suggest.
WORD_ALIASES = {
    "khoảng": "about",
    "khoang": "about",
    "~": "about",
    "hơn": "more_than",
    "trên": "more_than",
    ">": "more_than",
    "dưới": "less_than",
    "<": "less_than",
    "chính xác": "exact",
    "chính thức": "actual",
    "thực tế": "actual",
    "sơ bộ": "preliminary",
    "ước": "estimate",
    "ước tính": "estimate",
    "tính toán": "derived",
    "suy ra": "derived",
    "tối thiểu": "at_least",
    "ít nhất": "at_least",
    "tối đa": "at_most",
}
# A number written with a qualifier word in front ("khoảng 920", "hơn 900", "> 900").
QUALIFIED_NUMBER_RE = re.compile(
    r"(khoảng|khoang|about|around|approx\.?|~|hơn|trên|more than|over|>|dưới|less than|under|<)"
    r"\s*(.+)",
    re.IGNORECASE,
)
QUALIFIER_OF = {
    "khoảng": "about",
    "khoang": "about",
    "about": "about",
    "around": "about",
    "approx": "about",
    "approx.": "about",
    "~": "about",
    "hơn": "more_than",
    "trên": "more_than",
    "more than": "more_than",
    "over": "more_than",
    ">": "more_than",
    "dưới": "less_than",
    "less than": "less_than",
    "under": "less_than",
    "<": "less_than",
}


def one_line(text: object) -> str:
    """`text` with control and line-break characters escaped, so a problem stays on one line."""
    out = []
    for ch in str(text):
        if ch.isprintable() or ch == " ":
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def show(value: object, limit: int = 50) -> str:
    """A data value quoted for a message: one line, cut to `limit` characters."""
    s = one_line(value)
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    return f"'{s}'"


# Text rules (spec: "Text in every file"): no control characters (newline and tab only in free
# text such as notes) and no bidirectional override or isolate characters.
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BAD_CHAR_RE = re.compile("[\x00-\x1f\x7f-\x9f" + _BIDI + "]")
_FREE_TEXT_RE = re.compile(r"note|description|reason|title")


def bad_character(text: str, field: str = "") -> str:
    """'' when `text` obeys the text rules, else what is wrong (naming the character)."""
    for m in _BAD_CHAR_RE.finditer(text):
        ch = m.group()
        if ch in "\n\t" and _FREE_TEXT_RE.search(field):
            continue
        kind = "a bidirectional override character" if ch in _BIDI else "a control character"
        return f"contains {kind} (U+{ord(ch):04X}) at position {m.start() + 1}"
    return ""


# Cells read as numbers or years: any control character there is refused as "not a number".
_NUMBER_COLUMNS = frozenset({"value", "year", "min", "max"})
TEXT_RULE = "plain text: no control characters (newline and tab only in notes), no bidi overrides"


class Where(str):
    """A CSV record's printed location that also knows the record's row number."""

    row: int | None = None


def problem(
    file: str,
    where: int | str,
    field: str,
    message: str,
    expected: str = "",
    first_row: int | None = None,
    choices: tuple[str, ...] = (),
    value: str = "",
    hint: str = "",
) -> Problem:
    """A Problem whose parts are each kept on one line."""
    loc = "" if where in (None, "") else str(where)
    return Problem(
        one_line(file),
        loc,
        one_line(field),
        one_line(message),
        one_line(expected),
        row=getattr(where, "row", None),
        first_row=first_row,
        first_at="" if first_row is None else f"row {first_row}",
        choices=choices,
        value=value,
        hint=one_line(hint),
    )


def suggest(word: str, choices: Collection[str]) -> str:
    """' (did you mean …?)' for the closest valid name, or ''."""
    name = closest(word, choices)
    return f" (did you mean '{name}'?)" if name else ""


def closest(word: str, choices: Collection[str]) -> str:
    """The valid name `word` most likely meant (see WORD_ALIASES), or ''."""
    if not word or not choices:
        return ""
    alias = WORD_ALIASES.get(word.strip().lower())
    if alias in choices:
        return alias
    lowered = {c.lower(): c for c in choices}
    key = word.strip().lower().replace(" ", "_").replace("-", "_")
    if key in lowered and lowered[key] != word:
        return lowered[key]
    close = difflib.get_close_matches(key, sorted(lowered), n=1, cutoff=0.6)
    return lowered[close[0]] if close else ""


def one_of(choices: Iterable[str]) -> str:
    """'one of a, b, c' for an expected-value message."""
    return "one of " + ", ".join(choices)


# `1.000` is one thousand in Vietnamese writing and one in English: ambiguous, so refused.
DOT_THOUSANDS_RE = re.compile(r"[+-]?[0-9]{1,3}(?:\.[0-9]{3})+")

# The largest magnitude a value may have, by unit: beyond it a figure is a typing slip and
# arithmetic on it loses meaning (a count ≥ 1e28 once crashed `assess`). A count of firms,
# workers or products stays below a billion; every other unit below 10^12.
UNIT_MAX = {"count": 1e9}
ANY_UNIT_MAX = 1e12


def parse_number(text: str, whole: bool = False) -> tuple[float | None, str]:
    """A number written with '.' as decimal mark → (value, ''); otherwise (None, what to write).

    `whole` says a whole number is expected (a count), so "1,020" can only mean one thousand
    and twenty.
    """
    s = str(text).strip().replace("\u00a0", " ").replace("\u202f", " ")
    if s == "":
        return None, "a number"
    if DOT_THOUSANDS_RE.fullmatch(s) and (whole or s.endswith(".000")):
        return None, f"a number without '.' as thousands separator: write {s.replace('.', '')}"
    if NUMBER_RE.fullmatch(s):
        value = float(s)
        if math.isfinite(value):
            return value, ""
        return None, "a number of a sensible size"
    minus = s.replace("\u2212", "-").replace("\u2013", "-")
    if minus != s and NUMBER_RE.fullmatch(minus):
        return None, f"a plain '-' as minus sign, e.g. {minus}"
    if whole and re.fullmatch(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+", s):
        return None, f"a whole number without thousands separators, e.g. {s.replace(',', '')}"
    if re.fullmatch(r"[+-]?[0-9]+,[0-9]+", s):
        head, tail = s.split(",")
        alt = f" (or {head}{tail} if the comma separates thousands)" if len(tail) == 3 else ""
        return None, f"a number with '.' as decimal mark, e.g. {head}.{tail}{alt}"
    if THOUSANDS_RE.fullmatch(s):
        digits = re.sub(r"[., ](?=[0-9]{3}(?:[^0-9]|$))", "", s).replace(",", ".")
        return None, f"a number without thousands separators, e.g. {digits}"
    if s.endswith("%"):
        inner, _ = parse_number(s[:-1])
        if inner is not None:
            return None, f"a number without the % sign, e.g. {s[:-1].strip()}"
        return None, f"a number without the % sign, e.g. {s[:-1].strip().replace(',', '.')}"
    return None, "a number (digits, with '.' as decimal mark)"


def qualified_number(text: str) -> tuple[str, str] | None:
    """('920', 'about') for text like 'khoảng 920' or '> 900'; None otherwise."""
    m = QUALIFIED_NUMBER_RE.fullmatch(str(text).strip())
    if not m:
        return None
    value, _ = parse_number(m.group(2))
    if value is None:
        return None
    return m.group(2).strip(), QUALIFIER_OF[m.group(1).lower()]


def parse_year(text: str) -> tuple[int | None, str]:
    """An integer year between 1900 and 2100 → (year, ''); otherwise (None, what was expected)."""
    value, _ = parse_number(text)
    if value is None:
        return None, "a whole year such as 2022"
    if value != int(value):
        return None, f"a whole year such as {int(value)}, not a fraction"
    if not YEAR_MIN <= value <= YEAR_MAX:
        return None, f"a year between {YEAR_MIN} and {YEAR_MAX}"
    return int(value), ""


def parse_date(text: str) -> tuple[str | None, str]:
    """An ISO date YYYY-MM-DD → (date, ''); otherwise (None, what to write, with an example)."""
    s = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        try:
            datetime.date.fromisoformat(s)
        except ValueError:
            return None, "a real calendar date as YYYY-MM-DD"
        return s, ""
    m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", s)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        day, month = (b, a) if b > 12 >= a else (a, b)  # Vietnamese order unless impossible
        try:
            iso = datetime.date(y, month, day).isoformat()
        except ValueError:
            iso = ""
        if iso:
            return None, f"YYYY-MM-DD, e.g. {iso} (Excel may have changed the date's format)"
    return None, "YYYY-MM-DD, or empty when unknown"


def check_url(url: str) -> str:
    """'' when `url` is an http(s) address, else what was expected."""
    if re.search(r"[\s\"'<>\\`]", url):
        return "an http:// or https:// address without spaces or quotes"
    try:
        parts = urlsplit(url)
    except ValueError:
        return "an http:// or https:// address"
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return ""
    if not parts.scheme and re.match(r"^[\w-]+(\.[\w-]+)+(/|$)", url):
        return f"an address starting with https://, e.g. https://{url}"
    return "an http:// or https:// address, or empty"
