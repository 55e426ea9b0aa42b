"""Read a data directory and validate it: every problem is collected, then raised at once.

Problems are located the way a clerk finds them: a CSV row is the row number Excel shows (the
header is row 1; the text-editor line is added when a cell spans several lines), a YAML problem
names the line and the key path (``targets[plan_2022_enterprises].value``).
"""

from __future__ import annotations

import csv
import datetime
import difflib
import io
import math
import re
import sys
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from . import paths
from .citations import CITATION_RE
from .dataset import derive as derive_grammar
from .dataset import schema
from .dataset.schema import (
    INDICATORS_FILE,
    OBSERVATIONS_FILE,
    OVERRIDES_FILE,
    REGIONS_FILE,
    SOURCES_FILE,
    TARGETS_FILE,
)
from .errors import InputError, Problem
from .models import (
    BASES,
    GROWTH_TYPES,
    LEVEL_TYPES,
    STATUSES,
    TARGET_TYPES,
    UNITS,
    Dataset,
    Indicator,
    Observation,
    Override,
    Programme,
    Region,
    Source,
    Target,
)

REQUIRED_FILES = (INDICATORS_FILE, OBSERVATIONS_FILE, TARGETS_FILE, SOURCES_FILE)
OPTIONAL_FILES = (REGIONS_FILE, OVERRIDES_FILE)
FILE_ORDER = REQUIRED_FILES + OPTIONAL_FILES  # the order problems are listed in

# (required columns, optional columns) of each CSV file, in the spec's order (from the schema).
CSV_COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    name: (f.required, f.optional) for name, f in schema.CSV_FILES.items()
}
PROGRAMME_KEYS = schema.PROGRAMMES.keys
TARGET_KEYS = schema.TARGETS.keys
# The free-text keys of a target, read as text.
TARGET_TEXTS = (
    "quote_vi",
    "quote_en",
    "note",
    "note_vi",
    "basis",
    "basis_note_vi",
    "basis_note_en",
)
OVERRIDE_KEYS = schema.OVERRIDES.keys
TOP_KEYS = schema.TOP_KEYS

REGION_ADMIN_COLUMNS = CSV_COLUMNS[REGIONS_FILE][1]
_OBS_STATUSES = schema.OBSERVATIONS.column("status").allowed
_QUALIFIERS = schema.OBSERVATIONS.column("qualifier").allowed
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
SOURCE_ID_RE = re.compile(r"^[A-Za-z0-9_.\-]+$")
NUMBER_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
THOUSANDS_RE = re.compile(r"[+-]?[0-9]{1,3}(?:[., ][0-9]{3})+(?:[.,][0-9]+)?")
YEAR_MIN, YEAR_MAX = 1900, 2100
BOOLEANS = {"true": True, "false": False}
# libyaml's parser when PyYAML was built with it (about 20 times faster); same errors and marks.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_YAML_NODES = 200_000  # guards against alias bombs ("billion laughs")

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


# --- small helpers -------------------------------------------------------------------------


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
    )


def suggest(word: str, choices: Collection[str]) -> str:
    """' (did you mean …?)' for the closest valid name, or ''."""
    if not word or not choices:
        return ""
    alias = WORD_ALIASES.get(word.strip().lower())
    if alias in choices:
        return f" (did you mean '{alias}'?)"
    lowered = {c.lower(): c for c in choices}
    key = word.strip().lower().replace(" ", "_").replace("-", "_")
    if key in lowered and lowered[key] != word:
        return f" (did you mean '{lowered[key]}'?)"
    close = difflib.get_close_matches(key, sorted(lowered), n=1, cutoff=0.6)
    return f" (did you mean '{lowered[close[0]]}'?)" if close else ""


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


# --- reading text and CSV ----------------------------------------------------------------------


def read_text(path: Path, name: str, problems: list[Problem]) -> str | None:
    """The file's text as NFC-normalised UTF-8 (a BOM is accepted), or None after a problem."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(problem(name, "", "", f"cannot be read ({exc.strerror or exc})"))
        return None
    save_as = (
        "UTF-8 text: in Excel use 'Save As' → 'CSV UTF-8 (Comma delimited) (*.csv)'; "
        "in a text editor save with the encoding 'UTF-8'"
    )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(problem(name, "", "", "is saved as UTF-16 ('Unicode text')", save_as))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            problem(name, line, "", f"is not UTF-8 text (byte 0x{raw[exc.start]:02x})", save_as)
        )
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.append(problem(name, line, "", "contains a NUL byte (a binary file?)", save_as))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


class CsvRow(dict):
    """A CSV record (column → stripped text) that knows its row and line number."""

    __slots__ = ("row", "line")  # no per-row __dict__: 400,000 rows stay small

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.row = 0  # the row number Excel shows (header = 1)
        self.line = 0  # the first line of the record in a text editor

    @property
    def where(self) -> Where:
        """The location to print: the row, plus the line when a cell spans lines."""
        where = Where(str(self.row) if self.row == self.line else f"{self.row} (line {self.line})")
        where.row = self.row
        return where


_LINE_RE = re.compile(r"[^\n]*\n|[^\n]+")


def _lines(text: str) -> Iterator[str]:
    """The lines of `text` (newlines kept), one at a time: no copy of a large file in memory."""
    return (m.group() for m in _LINE_RE.finditer(text))


def _records(text: str) -> Iterator[tuple[int, int, list[str]]]:
    """(row, first line, cells) of every CSV record, blank ones included (one at a time)."""
    reader = csv.reader(_lines(text), skipinitialspace=True)
    line = 0
    for row, cells in enumerate(reader, start=1):
        yield row, line + 1, cells
        line = reader.line_num


def _unclosed_quote(text: str) -> int | None:
    """The line where a double quote opens and never closes, or None."""
    reader = csv.reader(_lines(text), skipinitialspace=True, strict=True)
    line = 0
    try:
        for _ in reader:
            line = reader.line_num
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            return line + 1
    return None


def read_csv(path: Path, name: str, problems: list[Problem]) -> list[CsvRow] | None:
    """Rows of a CSV file, with header checks; None when the file cannot be used at all."""
    text = read_text(path, name, problems)
    if text is None:
        return None
    required, optional = CSV_COLUMNS[name]
    columns = required + optional
    if not text.strip():
        problems.append(problem(name, "", "", "is empty", "a header row: " + ",".join(columns)))
        return None
    unclosed = _unclosed_quote(text)
    if unclosed is not None:
        problems.append(
            problem(
                name,
                unclosed,
                "",
                'a double quote (") opens here and is never closed',
                'a closing " after the text (write "" for a quote inside quoted text)',
            )
        )
        return None
    records = _records(text)
    first = next((r for r in records if any(c.strip() for c in r[2])), None)
    if first is None:
        problems.append(problem(name, "", "", "is empty", "a header row: " + ",".join(columns)))
        return None
    head_row, head_line, cells = first
    header = [unicodedata.normalize("NFC", h.strip()) for h in cells]
    where = head_row if head_row == head_line else f"{head_row} (line {head_line})"
    named = [h for h in header if h]
    if len(named) == 1 and any(sep in named[0] for sep in (";", "\t", "|")):
        sep = next(s for s in (";", "\t", "|") if s in named[0])
        problems.append(
            problem(
                name,
                where,
                "",
                f"uses {show(sep)} to separate columns",
                "',' as separator: in Excel use 'Save As' → 'CSV UTF-8 (Comma delimited)' "
                "(or set the list separator to ',' in the Windows region settings)",
            )
        )
        return None
    ok = True
    known = set(columns)
    suggested: set[str] = set()
    for col in header:
        if col and col not in known:
            hint = suggest(col, known)
            match = re.search(r"'(.+)'", hint)
            if match:
                suggested.add(match.group(1))
            problems.append(
                problem(name, where, col, "unknown column" + hint, "columns " + ", ".join(columns))
            )
            ok = False
    for col in required:
        if col not in header and col not in suggested:
            problems.append(
                problem(
                    name, where, col, "required column is missing", "columns " + ", ".join(columns)
                )
            )
            ok = False
    for col in sorted({c for c in header if c and header.count(c) > 1}):
        problems.append(
            problem(name, where, col, "column appears more than once", "each column once")
        )
        ok = False
    if not ok:
        return None
    rows: list[CsvRow] = []
    width = len(header)
    has_unnamed = "" in header
    text_at = [i for i, h in enumerate(header) if h and h not in _NUMBER_COLUMNS]
    strip, intern = str.strip, sys.intern  # repeated cells (ids, words) share one string
    for row_no, line_no, record in records:
        if not any(map(strip, record)):
            continue  # blank rows, e.g. the trailing ones Excel writes as ",,,,"
        if len(record) == width and not has_unnamed:
            # the common case: every cell named; one search covers all text cells
            row = CsvRow(zip(header, map(intern, map(strip, record)), strict=True))
            row.row, row.line = row_no, line_no
            if _BAD_CHAR_RE.search("".join([record[i] for i in text_at])):
                for i in text_at:
                    h = header[i]
                    wrong = bad_character(row[h], h) if _BAD_CHAR_RE.search(row[h]) else ""
                    if wrong:
                        problems.append(problem(name, row.where, h, wrong, TEXT_RULE))
            rows.append(row)
            continue
        row = CsvRow()
        row.row, row.line = row_no, line_no
        unnamed = [c for h, c in zip(header, record, strict=False) if not h and c.strip()]
        if len(record) > len(header) or unnamed:
            problems.append(
                problem(
                    name,
                    row.where,
                    "",
                    f"has {len(record)} cells but the header names {len(named)} columns "
                    "(an unquoted comma, e.g. a decimal comma or a comma in a note?)",
                    'text containing commas inside double quotes, e.g. "Hà Nội, 2022"',
                )
            )
            continue
        for i, h in enumerate(header):
            if h:
                row[h] = record[i].strip() if i < len(record) else ""
                if h not in _NUMBER_COLUMNS and _BAD_CHAR_RE.search(row[h]):
                    wrong = bad_character(row[h], h)
                    if wrong:
                        problems.append(problem(name, row.where, h, wrong, TEXT_RULE))
        rows.append(row)
    return rows


# --- reading YAML with line numbers ----------------------------------------------------------


class YamlValue:
    """A YAML scalar, list or mapping together with the line it starts on."""

    __slots__ = ("value", "line", "raw", "key_lines")

    def __init__(self, value: Any, line: int, raw: str | None = None):
        self.value = value
        self.line = line
        self.raw = raw  # the scalar as written (e.g. '1.020'), None for collections
        self.key_lines: dict[str, int] = {}


class _Composer:
    """Turns a composed YAML node tree into YamlValues, reporting what cannot be turned."""

    def __init__(self, name: str, problems: list[Problem]):
        self.name = name
        self.problems = problems
        self.count = 0
        self.stack: set[int] = set()
        self.constructor = yaml.SafeLoader(io.StringIO(""))

    def convert(self, node: yaml.Node) -> YamlValue:
        line = node.start_mark.line + 1
        self.count += 1
        if self.count > MAX_YAML_NODES:
            raise _YamlTooBig(line)
        if id(node) in self.stack:
            raise _YamlTooBig(line, "an alias (*name) refers to itself")
        self.stack.add(id(node))
        try:
            return self._convert(node, line)
        finally:
            self.stack.discard(id(node))

    def _convert(self, node: yaml.Node, line: int) -> YamlValue:
        if isinstance(node, yaml.MappingNode):
            out = YamlValue({}, line)
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problems.append(
                        problem(self.name, key_line, "", "a key is not a plain word", "key: value")
                    )
                    continue
                key = unicodedata.normalize("NFC", str(key_node.value).strip())
                if key in out.value:
                    self.problems.append(
                        problem(
                            self.name,
                            key_line,
                            key,
                            f"key appears twice in the same entry (first on line "
                            f"{out.key_lines[key]})",
                            "each key once per entry",
                        )
                    )
                    continue
                out.value[key] = self.convert(value_node)
                out.key_lines[key] = key_line
            return out
        if isinstance(node, yaml.SequenceNode):
            return YamlValue([self.convert(n) for n in node.value], line)
        try:
            value = self.constructor.construct_object(node)
        except Exception as exc:  # noqa: BLE001 - a bad tag or a malformed typed scalar
            reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            self.problems.append(
                problem(
                    self.name,
                    line,
                    "",
                    f"cannot read the value {show(node.value)} ({reason})",
                    "plain text or a number (no '!' tags)",
                )
            )
            return YamlValue(None, line, str(node.value))
        if isinstance(value, str):
            value = unicodedata.normalize("NFC", value)
            if _BAD_CHAR_RE.search(value):
                wrong = bad_character(value, "note")  # YAML free text may span lines
                if wrong:
                    self.problems.append(problem(self.name, line, "", wrong, TEXT_RULE))
        return YamlValue(value, line, str(node.value))


class _YamlTooBig(Exception):
    def __init__(self, line: int, reason: str = "too many nodes (aliases that expand hugely?)"):
        super().__init__(reason)
        self.line = line
        self.reason = reason


_YAML_HINTS = (
    ("mapping values are not allowed", "put text containing ': ' in double quotes"),
    ("could not find expected ':'", "a 'key: value' line (is a ':' missing?)"),
    ("expected <block end>", "entries of a list indented alike, each starting with '- '"),
    ("found unexpected end of stream", "a closing quote for the text that starts here"),
    ("found character that cannot start any token", "text in double quotes"),
    ("expected a single document", "one document (remove the extra '---')"),
)


def _odd_quote_line(text: str, last: int) -> int | None:
    """The first line up to `last` with an unclosed double quote, or None."""
    for number, line in enumerate(text.split("\n")[:last], start=1):
        if line.lstrip().startswith("#"):
            continue
        if (line.count('"') - line.count('\\"')) % 2:
            return number
    return None


def read_yaml(path: Path, name: str, problems: list[Problem]) -> YamlValue | None:
    """The YAML document with line numbers; None (after a problem) when it cannot be parsed."""
    text = read_text(path, name, problems)
    if text is None:
        return None
    try:
        node = yaml.compose(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        context = getattr(exc, "context", None) or ""
        if "quoted scalar" in context or mark is None:
            mark = getattr(exc, "context_mark", None) or mark
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        expected = "YAML as in the spec (check the indentation and the quotes)"
        for needle, hint in _YAML_HINTS:
            if needle in reason or needle in context:
                expected = hint
                break
        where = mark.line + 1 if mark is not None else ""
        lines = text.split("\n")
        if where and where <= len(lines):
            indent = lines[where - 1][: len(lines[where - 1]) - len(lines[where - 1].lstrip())]
            if "\t" in indent or "tab" in reason:
                expected = "indent with spaces, not tabs"
        odd = _odd_quote_line(text, where or len(text.splitlines()))
        if "quoted scalar" in context or odd is not None:
            reason, expected = (
                'a double quote (") opens here and is never closed',
                "a closing quote",
            )
            where = odd or where
        problems.append(problem(name, where, "", f"is not valid YAML: {reason}", expected))
        return None
    except RecursionError:
        problems.append(problem(name, "", "", "is nested too deeply", "YAML as in the spec"))
        return None
    except Exception as exc:  # noqa: BLE001 - whatever else the parser trips on
        problems.append(problem(name, "", "", f"is not valid YAML ({exc})", "YAML as in the spec"))
        return None
    if node is None:
        return YamlValue(None, 1)
    try:
        return _Composer(name, problems).convert(node)
    except _YamlTooBig as exc:
        problems.append(problem(name, exc.line, "", f"cannot be read: {exc.reason}", "plain YAML"))
    except RecursionError:
        problems.append(problem(name, "", "", "is nested too deeply", "YAML as in the spec"))
    return None


# --- the loader ----------------------------------------------------------------------------


class _Loader:
    """Collects problems while turning the files into records."""

    def __init__(self, data_dir: Path):
        self.dir = data_dir
        self.problems: list[Problem] = []
        self.files: list[Path] = []
        # Ids declared in each file, valid or not (None: the file is absent or unreadable, so
        # references to it are not checked and one broken file does not flood the report).
        self.indicator_ids: set[str] | None = None
        self.source_ids: set[str] | None = None
        self.region_ids: set[str] | None = None
        self.programme_ids: set[str] | None = None
        self.target_ids: set[str] | None = None

    def add(
        self,
        file: str,
        where: int | str,
        field: str,
        message: str,
        expected: str = "",
        first_row: int | None = None,
        choices: tuple[str, ...] = (),
    ) -> None:
        self.problems.append(problem(file, where, field, message, expected, first_row, choices))

    def path(self, name: str) -> Path:
        return self.dir / name

    # references ----------------------------------------------------------------------------
    def check_ref(
        self,
        file: str,
        where: int | str,
        field: str,
        value: str,
        kind: str,
        declared: set[str] | None,
        home: str,
    ) -> bool:
        """Report an id that `home` does not declare; True when the id is known (or unknowable)."""
        if declared is None or value in declared:
            return True
        self.add(
            file,
            where,
            field,
            f"unknown {kind} {show(value)}" + suggest(value, declared),
            f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} id listed in {home}",
        )
        return False

    # CSV cell helpers ------------------------------------------------------------------------
    def number(
        self, file: str, row: CsvRow, col: str, *, required: bool = True, whole: bool = False
    ) -> float | None:
        text = row.get(col, "")
        if text == "" and not required:
            return None
        value, expected = parse_number(text, whole)
        if value is None:
            if text == "":
                self.add(file, row.where, col, "is empty", expected)
            else:
                qn = qualified_number(text) if file == OBSERVATIONS_FILE else None
                if qn:
                    expected = f"only the number ({qn[0]}) here and {qn[1]} in the qualifier column"
                self.add(file, row.where, col, f"{show(text)} is not a number", expected)
        return value

    def year(self, file: str, row: CsvRow, col: str) -> int | None:
        text = row.get(col, "")
        value, expected = parse_year(text)
        if value is None:
            what = "is empty" if text == "" else f"{show(text)} is not a valid year"
            self.add(file, row.where, col, what, expected)
        return value

    def word(
        self, file: str, row: CsvRow, col: str, choices: tuple[str, ...], default: str | None = None
    ) -> str | None:
        text = row.get(col, "")
        if text == "" and default is not None:
            return default
        if text.lower() in choices:
            return text.lower()
        what = "is empty" if text == "" else f"{show(text)} is not allowed" + suggest(text, choices)
        self.add(file, row.where, col, what, one_of(choices), choices=choices)
        return None

    def boolean(self, file: str, row: CsvRow, col: str, default: bool | None = None) -> bool | None:
        text = row.get(col, "")
        if text == "" and default is not None:
            return default
        if text.lower() in BOOLEANS:
            return BOOLEANS[text.lower()]
        what = "is empty" if text == "" else f"{show(text)} is not true or false"
        self.add(file, row.where, col, what, "true or false")
        return None

    def ident(self, file: str, row: CsvRow, col: str) -> str | None:
        text = row.get(col, "")
        if ID_RE.fullmatch(text):
            return text
        if text == "":
            self.add(file, row.where, col, "is empty", "an id")
            return None
        fixed = re.sub(r"[\s\-]+", "_", text.strip().lower())
        hint = f" (did you mean '{fixed}'?)" if ID_RE.fullmatch(fixed) else ""
        self.add(
            file,
            row.where,
            col,
            f"{show(text)} is not a valid id{hint}",
            "an id in snake_case (a-z, 0-9, _), starting with a letter",
        )
        return None

    def not_regular(self, name: str) -> bool:
        """Report `name` when it exists but is not a regular file (a directory, a FIFO…)."""
        p = self.path(name)
        if (p.exists() or p.is_symlink()) and not p.is_file():
            what = "a directory" if p.is_dir() else "not a regular file"
            if p.is_symlink() and not p.exists():
                what = "a broken symbolic link"
            self.add(name, "", "", f"is {what}", "a regular file (or no such entry at all)")
            return True
        return False

    def rows(self, name: str) -> list[CsvRow] | None:
        p = self.path(name)
        if not p.is_file():
            if name not in REQUIRED_FILES:
                self.not_regular(name)
            return None
        self.files.append(p)
        return read_csv(p, name, self.problems)

    def unique(self, name: str, rows: list[CsvRow], key: str) -> list[CsvRow]:
        """The rows whose `key` is non-empty and first of its kind; the others are reported."""
        seen: dict[str, CsvRow] = {}
        for row in rows:
            k = row.get(key, "")
            if k == "":
                self.add(name, row.where, key, "is empty", "an id")
            elif k in seen:
                self.add(
                    name,
                    row.where,
                    key,
                    f"{show(k)} appears twice",
                    "each id once",
                    first_row=seen[k].row,
                )
            else:
                seen[k] = row
        return list(seen.values())

    # files ---------------------------------------------------------------------------------
    def load(self) -> Dataset:
        if not self.dir.exists():
            raise InputError(
                [
                    problem(
                        str(self.dir),
                        "",
                        "",
                        "does not exist",
                        "a data directory holding " + ", ".join(REQUIRED_FILES),
                    )
                ]
            )
        if not self.dir.is_dir():
            raise InputError(
                [
                    problem(
                        str(self.dir),
                        "",
                        "",
                        "is not a directory",
                        "a data directory holding " + ", ".join(REQUIRED_FILES),
                    )
                ]
            )
        for name in REQUIRED_FILES:
            if not self.path(name).is_file() and not self.not_regular(name):
                self.missing_file(name)
        sources = self.load_sources()
        regions = self.load_regions()
        indicators = self.load_indicators()
        observations = self.load_observations(indicators)
        programmes, targets = self.load_targets(indicators)
        overrides = self.load_overrides()
        if self.problems:
            raise InputError(_ordered(self.problems))
        ds = Dataset(
            data_dir=self.dir,
            indicators=indicators,
            observations=observations,
            sources=sources,
            programmes=programmes,
            targets=targets,
            regions=regions,
            overrides=overrides,
            files=self.files,
        )
        self.check_derived_bounds(ds)
        if self.problems:
            raise InputError(_ordered(self.problems))
        return ds

    def check_derived_bounds(self, ds: Dataset) -> None:
        """A derived value obeys its indicator's min/max (a share above 100 % is a typo)."""
        from .indicators import derived_out_of_bounds

        for o, inputs, bound in derived_out_of_bounds(ds):
            used = "; ".join(f"{i.indicator} {i.year} = {i.value:g}" for i in inputs)
            self.problems.append(
                problem(
                    "observations.csv",
                    f"{o.region}/{o.indicator}/{o.year}",
                    o.indicator,
                    f"the value derived for {o.year} is {o.value:g}, from {used}",
                    f"{bound} (indicators.csv min/max of {o.indicator}); check those rows",
                )
            )

    def missing_file(self, name: str) -> None:
        try:
            present = [p.name for p in self.dir.iterdir()]
        except OSError:
            present = []
        stem = name.rsplit(".", 1)[0]
        look_alike = [p for p in present if p.lower() != name and stem in p.lower()]
        look_alike += difflib.get_close_matches(name, present, n=1, cutoff=0.75)
        hint = (
            f" (found {show(look_alike[0])}: rename it or save it as {name})" if look_alike else ""
        )
        self.add(
            name,
            "",
            "",
            f"is missing from {self.dir}{hint}",
            "this file (see the data contracts in the spec)",
        )

    def header_only(self, name: str, rows: list[CsvRow] | None, expected: str) -> None:
        """Report a catalogue file that holds its header and nothing else."""
        if rows is not None:
            self.add(name, "", "", "has a header but no rows", expected)

    def load_sources(self) -> dict[str, Source]:
        name = SOURCES_FILE
        rows = self.rows(name)
        if not rows:
            self.header_only(name, rows, "a row for each source cited")
            return {}
        self.source_ids = {r.get("source", "") for r in rows} - {""}
        out: dict[str, Source] = {}
        for row in self.unique(name, rows, "source"):
            sid = row["source"]
            if not SOURCE_ID_RE.fullmatch(sid):
                self.add(
                    name,
                    row.where,
                    "source",
                    f"{show(sid)} is not a valid id",
                    "letters, digits, '_', '-' or '.' only",
                )
            date = row.get("date", "")
            if date:
                iso, expected = parse_date(date)
                if iso is None:
                    self.add(name, row.where, "date", f"{show(date)} is not an ISO date", expected)
            url = row.get("url", "")
            if url:
                expected = check_url(url)
                if expected:
                    self.add(name, row.where, "url", f"{show(url)} is not a web address", expected)
            out[sid] = Source(
                sid,
                row.get("publisher", ""),
                row.get("title", ""),
                date,
                url,
                row.get("language", ""),
            )
        return out

    def load_regions(self) -> dict[str, Region]:
        rows = self.rows(REGIONS_FILE)
        if not rows:  # a regions.csv with only its header is as good as none
            return {}
        self.region_ids = {r.get("region", "") for r in rows} - {""}
        out: dict[str, Region] = {}
        for row in self.unique(REGIONS_FILE, rows, "region"):
            rid = self.ident(REGIONS_FILE, row, "region")
            if rid:
                out[rid] = Region(
                    rid,
                    row["name_vi"] or rid,
                    row["name_en"] or rid,
                    **{col: row.get(col, "") for col in REGION_ADMIN_COLUMNS},
                )
        return out

    def load_indicators(self) -> dict[str, Indicator]:
        name = INDICATORS_FILE
        rows = self.rows(name)
        if not rows:
            self.header_only(name, rows, "a row for each indicator")
            return {}
        self.indicator_ids = {r.get("indicator", "") for r in rows} - {""}
        out: dict[str, Indicator] = {}
        derives: list[tuple[CsvRow, str]] = []
        for row in self.unique(name, rows, "indicator"):
            iid = self.ident(name, row, "indicator")
            unit = self.word(name, row, "unit", schema.INDICATORS.column("unit").allowed)
            hib = self.boolean(name, row, "higher_is_better")
            lo = self.number(name, row, "min", required=False)
            hi = self.number(name, row, "max", required=False)
            for col in ("name_vi", "name_en"):
                if not row.get(col):
                    self.add(name, row.where, col, "is empty", "a display name")
            if unit == "percent":
                lo = 0.0 if lo is None else lo
                hi = 100.0 if hi is None else hi
            if unit == "count":
                if lo is not None and lo < 0:
                    self.add(
                        name,
                        row.where,
                        "min",
                        f"{lo:g} is below zero for a count",
                        "min ≥ 0 (or empty) for a count",
                    )
                lo = 0.0 if lo is None else lo
            if lo is not None and hi is not None and lo > hi:
                self.add(name, row.where, "min", f"min {lo:g} is above max {hi:g}", "min ≤ max")
            derive = row.get("derive", "") or None
            if derive:
                derives.append((row, derive))
            if iid and unit and hib is not None:
                out[iid] = Indicator(
                    iid,
                    row["name_vi"],
                    row["name_en"],
                    unit,
                    hib,
                    lo,
                    hi,
                    row.get("description_vi", ""),
                    row.get("description_en", ""),
                    derive,
                    row.get("owner_vi", ""),
                    row.get("owner_en", ""),
                    self.context_ids(row),
                )
        self.check_context(out, {r.get("indicator", ""): r for r in rows})
        graph: dict[str, list[str]] = {}
        for row, derive in derives:
            refs = self.check_derive(row, derive, out)
            if refs:
                graph[row["indicator"]] = refs
        self.check_cycles(graph, {row["indicator"]: row for row, _ in derives})
        return out

    def check_derive(self, row: CsvRow, derive: str, out: dict[str, Indicator]) -> list[str]:
        """Check one `derive` formula; the indicator ids it refers to (when it parses)."""
        name = INDICATORS_FILE
        rule = derive_grammar.parse(derive)
        if rule is None:
            self.add(
                name,
                row.where,
                "derive",
                f"{show(derive)} is not understood",
                derive_grammar.EXPECTED,
            )
            return []
        func, a = rule.func, rule.args[0]
        if not rule.arity_ok:
            self.add(
                name,
                row.where,
                "derive",
                f"{show(derive)} has the wrong number of ids",
                derive_grammar.ARITY_EXPECTED,
            )
        refs = list(rule.args)
        if row.get("indicator") in refs:
            msg = f"{show(derive)} refers to the indicator itself"
            self.add(name, row.where, "derive", msg, "other indicators")
            return []
        for ref in refs:
            self.check_ref(name, row.where, "derive", ref, "indicator", self.indicator_ids, name)
        unit = row.get("unit", "").lower()
        if func == "index" and a in out and not out[a].is_growth:
            self.add(
                name,
                row.where,
                "derive",
                f"index({a}) needs a growth_pct indicator",
                f"{a} to have unit growth_pct",
            )
        makes = rule.unit
        if unit in UNITS and unit != makes:
            self.add(
                name,
                row.where,
                "derive",
                f"{func}() gives unit {makes}, not {unit}",
                f"unit {makes} for a {func}() indicator",
            )
        return refs

    def check_cycles(self, graph: dict[str, list[str]], rows: dict[str, CsvRow]) -> None:
        """Report each chain of `derive` formulas that leads back to where it started."""
        reported: set[str] = set()
        for start in sorted(graph, key=lambda i: rows[i].row):
            path = [start]
            stack = [(start, iter(graph.get(start, [])))]
            on_path = {start}
            while stack:
                node, children = stack[-1]
                child = next(children, None)
                if child is None:
                    stack.pop()
                    on_path.discard(path.pop())
                    continue
                if child == start and not (set(path) & reported):
                    reported.update(path)
                    chain = " → ".join(path + [start])
                    self.add(
                        INDICATORS_FILE,
                        rows[start].where,
                        "derive",
                        f"the formulas go round in a circle ({chain})",
                        "each derived indicator to come, in the end, from observed ones",
                    )
                elif child not in on_path and child in graph:
                    path.append(child)
                    on_path.add(child)
                    stack.append((child, iter(graph[child])))

    def context_ids(self, row: CsvRow) -> tuple[str, ...]:
        """The `context_for` ids of an indicator row (`;`-separated)."""
        return tuple(s.strip() for s in row.get("context_for", "").split(";") if s.strip())

    def check_context(self, out: dict[str, Indicator], rows: dict[str, CsvRow]) -> None:
        """Every `context_for` id names another indicator of the catalogue."""
        for iid, ind in out.items():
            row = rows[iid]
            for ref in ind.context_for:
                if ref == iid:
                    self.add(
                        INDICATORS_FILE,
                        row.where,
                        "context_for",
                        f"{show(ref)} is the indicator itself",
                        "ids of other indicators this one gives context to",
                    )
                elif ref not in out:
                    self.add(
                        INDICATORS_FILE,
                        row.where,
                        "context_for",
                        f"{show(ref)} is not an indicator" + suggest(ref, out),
                        f"ids listed in {INDICATORS_FILE}, separated by ';'",
                    )

    def _lower_ids(self) -> dict[str, str]:
        """Source ids by their lower-case form (built once per set of ids, not per note)."""
        known = self.source_ids or set()
        cached = getattr(self, "_lower_cache", None)
        if cached is None or cached[0] is not known or cached[1] != len(known):
            cached = (known, len(known), {s.lower(): s for s in known})
            self._lower_cache = cached
        return cached[2]

    def check_citations(self, file: str, where: int | str, col: str, text: str) -> None:
        """Citations in a note name sources of sources.csv, written as `[h5]` / `[h5, h6]`."""
        if not text or self.source_ids is None or "[" not in text:
            return
        known = self.source_ids
        lower = self._lower_ids()
        for m in CITATION_RE.finditer(text):
            ids = [s.strip() for s in m.group(1).split(",")]
            if all(s in known for s in ids):
                continue
            if all(s in known or s.lower() in lower for s in ids):
                fixed = ", ".join(lower.get(s.lower(), s) for s in ids)
                self.add(
                    file,
                    where,
                    col,
                    f"cites {show(m.group(0))}: source ids are case-sensitive",
                    f"write [{fixed}]",
                )
            elif any(s in known or s.lower() in lower for s in ids):
                unknown = [s for s in ids if s not in known and s.lower() not in lower]
                self.add(
                    file,
                    where,
                    col,
                    f"cites {', '.join(show(s) for s in unknown)}, not a source",
                    f"source ids listed in {SOURCES_FILE}, e.g. [h5, h6]",
                )
            # a bracket naming no source at all is ordinary text (e.g. "[sic]")

    def load_observations(self, indicators: dict[str, Indicator]) -> list[Observation]:
        name = OBSERVATIONS_FILE
        rows = self.rows(name) or []
        out: list[Observation] = []
        seen: dict[tuple[str, str, int], CsvRow] = {}
        for row in rows:
            where = row.where
            region = self.ident(name, row, "region")
            if region:
                self.check_ref(
                    name, where, "region", region, "region", self.region_ids, REGIONS_FILE
                )
            ind_id = row.get("indicator", "")
            ind = indicators.get(ind_id)
            if ind_id == "":
                self.add(
                    name,
                    where,
                    "indicator",
                    "is empty",
                    f"an indicator id listed in {INDICATORS_FILE}",
                )
            else:
                self.check_ref(
                    name,
                    where,
                    "indicator",
                    ind_id,
                    "indicator",
                    self.indicator_ids,
                    INDICATORS_FILE,
                )
            year = self.year(name, row, "year")
            value = self.number(name, row, "value", whole=ind is not None and ind.unit == "count")
            status = self.word(name, row, "status", _OBS_STATUSES)
            qualifier = self.word(name, row, "qualifier", _QUALIFIERS, default="exact")
            src = row.get("source", "")
            if src == "":
                self.add(name, where, "source", "is empty", f"a source id listed in {SOURCES_FILE}")
            else:
                self.check_ref(name, where, "source", src, "source", self.source_ids, SOURCES_FILE)
            brk = self.boolean(name, row, "break", default=False)
            for col in ("note", "note_vi"):
                self.check_citations(name, where, col, row.get(col, ""))
            if ind is not None and value is not None:
                self.check_value(name, where, "value", value, ind, row.get("value", ""))
            if region and ind_id and year is not None:
                key = (region, ind_id, year)
                if key in seen:
                    self.add(
                        name,
                        where,
                        "year",
                        f"{region}/{ind_id}/{year} appears twice",
                        "one row per region, indicator and year",
                        first_row=seen[key].row,
                    )
                    continue
                seen[key] = row
            if None not in (region, ind, year, value, status, qualifier, brk):
                out.append(
                    Observation(
                        region,
                        ind_id,
                        year,
                        value,
                        status,
                        qualifier,
                        src,
                        row.get("note", ""),
                        brk,
                        note_vi=row.get("note_vi", ""),
                    )
                )
        return out

    def check_value(
        self, file: str, where: int | str, field: str, value: float, ind: Indicator, text: str = ""
    ) -> None:
        shown = text or f"{value:g}"
        if text and ind.unit == "count" and DOT_THOUSANDS_RE.fullmatch(text.strip()):
            self.add(
                file,
                where,
                field,
                f"{shown} uses '.' as thousands separator (ambiguous)",
                f"a whole number: write {text.strip().replace('.', '')}",
            )
            return
        limit = UNIT_MAX.get(ind.unit, ANY_UNIT_MAX)
        if not math.isfinite(value) or abs(value) > limit:
            self.add(
                file,
                where,
                field,
                f"{show(shown)} is beyond what the unit {ind.unit} allows",
                f"a magnitude up to {limit:g} {ind.unit}",
            )
            return
        if ind.unit == "count" and value < 0:
            self.add(file, where, field, f"{shown} is a negative count", "a count ≥ 0")
            return
        if ind.unit == "count" and value != int(value):
            hint = ""
            if re.fullmatch(r"[0-9]{1,3}\.[0-9]{3}", text):
                hint = f" (if '.' separates thousands here, write {text.replace('.', '')})"
            self.add(
                file,
                where,
                field,
                f"{shown} is not a whole number{hint}",
                f"a whole number of {ind.id}",
            )
            return
        if (ind.min is not None and value < ind.min) or (ind.max is not None and value > ind.max):
            lo = "-∞" if ind.min is None else f"{ind.min:g}"
            hi = "∞" if ind.max is None else f"{ind.max:g}"
            self.add(
                file,
                where,
                field,
                f"{shown} is outside the bounds of {ind.id}",
                f"a value from {lo} to {hi} ({ind.unit}; the bounds are in {INDICATORS_FILE})",
            )

    # YAML --------------------------------------------------------------------------------
    def mapping(
        self, file: str, item: YamlValue, where: str, keys: tuple[tuple[str, ...], tuple[str, ...]]
    ) -> dict[str, YamlValue] | None:
        """The entry's keys, after reporting unknown and missing ones; None if not a mapping."""
        if not isinstance(item.value, dict):
            empty = item.value is None or item.value == ""
            what = "is empty" if empty else f"{show(_as_written(item))} is not an entry of keys"
            self.add(
                file,
                item.line,
                where,
                what,
                "'key: value' lines such as " + ", ".join(k + ":" for k in keys[0][:3]),
            )
            return None
        required, optional = keys
        known = set(required + optional)
        prefix = f"{where}." if where else ""
        suggested: set[str] = set()
        for key in item.value:
            if key not in known:
                hint = suggest(key, known)
                match = re.search(r"'(.+)'", hint)
                if match:
                    suggested.add(match.group(1))
                self.add(
                    file,
                    item.key_lines[key],
                    prefix + key,
                    "unknown key" + hint,
                    one_of(required + optional),
                )
        for key in required:
            v = item.value.get(key)
            if v is None and key in suggested:
                continue
            if v is None:
                self.add(file, item.line, prefix + key, "is missing", "this key with a value")
            elif v.value is None or v.value == "":
                self.add(file, v.line, prefix + key, "has no value", "a value after the ':'")
        return item.value

    def y_text(self, file: str, d: dict[str, YamlValue], key: str, where: str) -> str:
        """A text value ('' when absent); a list or mapping is reported."""
        v = d.get(key)
        if v is None or v.value is None:
            return ""
        if isinstance(v.value, list | dict):
            self.add(
                file,
                v.line,
                f"{where}.{key}",
                "is a list or entry, not text",
                "text on the same line as the key",
            )
            return ""
        if isinstance(v.value, bool):
            return (v.raw or str(v.value)).strip()
        return str(v.value).strip()

    def y_id(self, file: str, d: dict[str, YamlValue], key: str, where: str) -> str:
        """An id value ('' when absent or invalid, after reporting it)."""
        text = self.y_text(file, d, key, where)
        if text and not ID_RE.fullmatch(text):
            fixed = re.sub(r"[\s\-]+", "_", text.lower())
            hint = f" (did you mean '{fixed}'?)" if ID_RE.fullmatch(fixed) else ""
            self.add(
                file,
                d[key].line,
                f"{where}.{key}",
                f"{show(text)} is not a valid id{hint}",
                "an id in snake_case (a-z, 0-9, _), starting with a letter",
            )
            return ""
        return text

    def y_num(
        self, file: str, d: dict[str, YamlValue], key: str, where: str, whole: bool = False
    ) -> float | None:
        v = d.get(key)
        if v is None or v.value is None:
            return None
        field = f"{where}.{key}"
        if isinstance(v.value, bool) or not isinstance(v.value, int | float | str):
            self.add(file, v.line, field, f"{show(_as_written(v))} is not a number", "a number")
            return None
        if isinstance(v.value, float) and v.raw and DOT_THOUSANDS_RE.fullmatch(v.raw.strip()):
            if whole or v.raw.strip().endswith(".000"):
                self.add(
                    file,
                    v.line,
                    field,
                    f"{show(v.raw)} uses '.' as thousands separator (ambiguous)",
                    f"a number: write {v.raw.strip().replace('.', '')}",
                )
                return None
        if isinstance(v.value, int | float):
            if abs(v.value) > 1e15 or not math.isfinite(v.value):
                self.add(
                    file, v.line, field, f"{show(v.raw)} is not a usable number", "a finite number"
                )
                return None
            return float(v.value)
        value, expected = parse_number(v.value, whole)
        if value is None:
            if qualified_number(v.value):
                expected = (
                    "the number alone; write 'khoảng' as a tolerance "
                    "(tolerance_rel or tolerance_abs) and 'trên'/'hơn' as at_least"
                )
            self.add(file, v.line, field, f"{show(v.value)} is not a number", expected)
        return value

    def y_year(self, file: str, d: dict[str, YamlValue], key: str, where: str) -> int | None:
        v = d.get(key)
        if v is None or v.value is None:
            return None
        return self.y_year_value(file, v, f"{where}.{key}")

    def y_year_value(self, file: str, v: YamlValue, field: str) -> int | None:
        if isinstance(v.value, bool) or isinstance(v.value, list | dict):
            value, expected = None, "a whole year such as 2022"
        elif isinstance(v.value, int):
            ok = YEAR_MIN <= v.value <= YEAR_MAX
            value, expected = (
                (v.value, "") if ok else (None, f"a year between {YEAR_MIN} and {YEAR_MAX}")
            )
        else:
            value, expected = parse_year(str(v.value))
        if value is None:
            self.add(file, v.line, field, f"{show(_as_written(v))} is not a valid year", expected)
        return value

    def y_span(
        self, file: str, d: dict[str, YamlValue], key: str, where: str
    ) -> tuple[int, int] | None:
        v = d.get(key)
        if v is None or v.value is None:
            return None
        field = f"{where}.{key}"
        if not isinstance(v.value, list) or len(v.value) != 2:
            example = "[2021, 2025]"
            if isinstance(v.value, str) and re.fullmatch(
                r"\s*(\d{4})\s*[-–—]\s*(\d{4})\s*", v.value
            ):
                a, b = re.findall(r"\d{4}", v.value)
                example = f"[{a}, {b}]"
            self.add(
                file,
                v.line,
                field,
                f"{show(_as_written(v))} is not a pair of years",
                f"[first_year, last_year], e.g. {example}",
            )
            return None
        a = self.y_year_value(file, v.value[0], field)
        b = self.y_year_value(file, v.value[1], field)
        if a is None or b is None:
            return None
        if a > b:
            self.add(
                file,
                v.line,
                field,
                f"[{a}, {b}] runs backwards",
                f"the first year before the last, e.g. [{b}, {a}]",
            )
            return None
        return (a, b)

    def y_list(self, file: str, root: dict[str, YamlValue], key: str) -> list[YamlValue]:
        v = root.get(key)
        if v is None or v.value is None:
            return []
        if not isinstance(v.value, list):
            self.add(
                file, v.line, key, "is not a list", "a list of entries, each starting with '- '"
            )
            return []
        return v.value

    def check_source(self, file: str, d: dict[str, YamlValue], where: str) -> str:
        src = self.y_text(file, d, "source", where)
        if src:
            self.check_ref(
                file,
                d["source"].line,
                f"{where}.source",
                src,
                "source",
                self.source_ids,
                SOURCES_FILE,
            )
        return src

    def load_targets(
        self, indicators: dict[str, Indicator]
    ) -> tuple[dict[str, Programme], list[Target]]:
        name = TARGETS_FILE
        p = self.path(name)
        if not p.is_file():
            return {}, []
        self.files.append(p)
        doc = read_yaml(p, name, self.problems)
        if doc is None:
            return {}, []
        if doc.value is None:
            self.add(name, "", "", "is empty", "the keys 'programmes:' and 'targets:'")
            return {}, []
        root = self.mapping(name, doc, "", TOP_KEYS)
        if root is None:
            return {}, []
        prog_items = self.y_list(name, root, "programmes")
        target_items = self.y_list(name, root, "targets")
        self.programme_ids = _declared(prog_items, "id")
        self.target_ids = _declared(target_items, "id")
        programmes = self.load_programmes(prog_items)
        targets: list[Target] = []
        seen: dict[str, int] = {}
        for i, item in enumerate(target_items):
            t = self.load_target(i, item, programmes, indicators, seen)
            if t is not None:
                targets.append(t)
        return programmes, targets

    def load_programmes(self, items: list[YamlValue]) -> dict[str, Programme]:
        name = TARGETS_FILE
        programmes: dict[str, Programme] = {}
        first_line: dict[str, int] = {}
        for i, item in enumerate(items):
            d = self.mapping(name, item, _label("programmes", item, "id", i), PROGRAMME_KEYS)
            if d is None:
                continue
            pid = self.y_text(name, d, "id", f"programmes[#{i + 1}]")
            where = f"programmes[{pid}]" if pid else f"programmes[#{i + 1}]"
            if pid and not ID_RE.fullmatch(pid):
                self.y_id(name, d, "id", where)
            if pid in first_line:
                self.add(
                    name,
                    d["id"].line,
                    f"{where}.id",
                    f"{show(pid)} appears twice (first on line {first_line[pid]})",
                    "each programme id once",
                )
                continue
            if pid:
                first_line[pid] = d["id"].line
            region = self.y_id(name, d, "region", where)
            if region:
                self.check_ref(
                    name,
                    d["region"].line,
                    f"{where}.region",
                    region,
                    "region",
                    self.region_ids,
                    REGIONS_FILE,
                )
            for key in ("name_vi", "name_en", "document", "note", "note_vi"):
                self.y_text(name, d, key, where)
            for key in ("note", "note_vi"):
                if key in d:
                    self.check_citations(
                        name, d[key].line, f"{where}.{key}", self.y_text(name, d, key, where)
                    )
            period = self.y_span(name, d, "period", where)
            adopted = self.y_year(name, d, "adopted", where) if "adopted" in d else None
            if period and adopted is not None and adopted > period[1]:
                self.add(
                    name,
                    d["adopted"].line,
                    f"{where}.adopted",
                    f"{adopted} is after the programme's last year {period[1]}",
                    f"the year the programme was adopted, at the latest {period[1]}",
                )
                adopted = None
            base = self.y_year(name, d, "base_year", where)
            if period and base is not None and base >= period[1]:
                self.add(
                    name,
                    d["base_year"].line,
                    f"{where}.base_year",
                    f"{base} is not before the programme's last year {period[1]}",
                    f"the year progress is measured from, before {period[1]} "
                    f"(usually {period[0] - 1} or {period[0]})",
                )
                base = None
            src = self.check_source(name, d, where)
            if pid and ID_RE.fullmatch(pid) and region and period and base is not None:
                programmes[pid] = Programme(
                    pid,
                    region,
                    self.y_text(name, d, "name_vi", where),
                    self.y_text(name, d, "name_en", where),
                    period,
                    base,
                    src,
                    self.y_text(name, d, "document", where),
                    self.y_text(name, d, "note", where),
                    adopted,
                    self.y_text(name, d, "note_vi", where),
                )
        return programmes

    def load_target(
        self,
        i: int,
        item: YamlValue,
        programmes: dict[str, Programme],
        indicators: dict[str, Indicator],
        seen: dict[str, int],
    ) -> Target | None:
        name = TARGETS_FILE
        d = self.mapping(name, item, _label("targets", item, "id", i), TARGET_KEYS)
        if d is None:
            return None
        tid = self.y_text(name, d, "id", f"targets[#{i + 1}]")
        where = f"targets[{tid}]" if tid else f"targets[#{i + 1}]"

        def line(key: str) -> int:
            return d[key].line if key in d else item.line

        if tid and not ID_RE.fullmatch(tid):
            self.y_id(name, d, "id", where)
            tid = ""
        duplicate = bool(tid) and tid in seen
        if duplicate:
            msg = f"{show(tid)} appears twice (first on line {seen[tid]})"
            self.add(name, line("id"), f"{where}.id", msg, "each target id once")
        elif tid:
            seen[tid] = line("id")
        prog_id = self.y_text(name, d, "programme", where)
        prog = programmes.get(prog_id)
        if prog_id:
            self.check_ref(
                name,
                line("programme"),
                f"{where}.programme",
                prog_id,
                "programme",
                self.programme_ids,
                "'programmes:' above",
            )
        ind_id = self.y_text(name, d, "indicator", where)
        ind = indicators.get(ind_id)
        if ind_id:
            self.check_ref(
                name,
                line("indicator"),
                f"{where}.indicator",
                ind_id,
                "indicator",
                self.indicator_ids,
                INDICATORS_FILE,
            )
        ttype = self.y_text(name, d, "type", where)
        if ttype and ttype not in TARGET_TYPES:
            self.add(
                name,
                line("type"),
                f"{where}.type",
                f"{show(ttype)} is not allowed" + suggest(ttype, TARGET_TYPES),
                one_of(TARGET_TYPES),
            )
            ttype = ""
        if ind is not None and ttype in GROWTH_TYPES and not ind.is_growth:
            self.add(
                name,
                line("type"),
                f"{where}.type",
                f"{ttype} is a growth target but {ind_id} is a level (unit {ind.unit})",
                "at_least, at_most or band here, or a growth_pct indicator",
            )
        if ind is not None and ttype in LEVEL_TYPES and ind.is_growth:
            self.add(
                name,
                line("type"),
                f"{where}.type",
                f"{ttype} is a level target but {ind_id} is a growth rate (growth_pct)",
                "growth_above or growth_at_least for a growth_pct indicator",
            )
        year = self.y_year(name, d, "year", where)
        value = self.y_num(name, d, "value", where, whole=ind is not None and ind.unit == "count")
        if (
            value is not None
            and ind is not None
            and ttype
            and (ttype in GROWTH_TYPES) == ind.is_growth
        ):
            self.check_value(
                name, line("value"), f"{where}.value", value, ind, d["value"].raw or ""
            )
        tol_abs = self.y_num(name, d, "tolerance_abs", where)
        tol_rel = self.y_num(name, d, "tolerance_rel", where)
        if tol_abs is not None and tol_abs < 0:
            self.add(
                name,
                line("tolerance_abs"),
                f"{where}.tolerance_abs",
                f"{tol_abs:g} is negative",
                "a tolerance ≥ 0 in the indicator's unit",
            )
        if tol_rel is not None and not 0 <= tol_rel < 1:
            hint = f" (write {tol_rel / 100:g} for {tol_rel:g} %)" if 1 <= tol_rel < 100 else ""
            self.add(
                name,
                line("tolerance_rel"),
                f"{where}.tolerance_rel",
                f"{tol_rel:g} is not a fraction{hint}",
                "a fraction of the value from 0 to 1 (0.03 = 3 %)",
            )
        base = self.y_year(name, d, "base_year", where)
        window = self.y_span(name, d, "window", where)
        self.check_years(where, line, prog, ttype, year, base, window)
        src = self.check_source(name, d, where)
        texts = {k: self.y_text(name, d, k, where) for k in TARGET_TEXTS}
        for key in ("note", "note_vi", "basis_note_vi", "basis_note_en"):
            if key in d:
                self.check_citations(name, line(key), f"{where}.{key}", texts[key])
        basis = texts["basis"] or "stated"
        if basis not in BASES:
            self.add(
                name,
                line("basis"),
                f"{where}.basis",
                f"{show(basis)} is not allowed" + suggest(basis, BASES),
                one_of(BASES),
            )
            basis = "stated"
        elif basis == "inferred" and not (texts["basis_note_vi"] or texts["basis_note_en"]):
            self.add(
                name,
                line("basis"),
                f"{where}.basis_note_vi",
                "is empty for an inferred target",
                "basis_note_vi and basis_note_en: from what the value was inferred, and why",
            )
        if (
            not duplicate
            and tid
            and prog
            and ind
            and ttype
            and year is not None
            and value is not None
        ):
            return Target(
                tid,
                prog_id,
                ind_id,
                year,
                ttype,
                value,
                tol_abs or 0.0,
                tol_rel or 0.0,
                base,
                window,
                src,
                texts["quote_vi"],
                texts["quote_en"],
                texts["note"],
                basis,
                texts["basis_note_vi"],
                texts["basis_note_en"],
                texts["note_vi"],
            )
        return None

    def check_years(
        self,
        where: str,
        line: Callable[[str], int],
        prog: Programme | None,
        ttype: str,
        year: int | None,
        base: int | None,
        window: tuple[int, int] | None,
    ) -> None:
        """Target year, base year and window against each other and the programme's period."""
        name = TARGETS_FILE
        if year is not None and prog is not None and year < prog.period[0]:
            self.add(
                name,
                line("year"),
                f"{where}.year",
                f"{year} is before the programme {prog.id} starts ({prog.period[0]})",
                f"a target year from {prog.period[0]} on",
            )
        eff_base = base if base is not None else (prog.base_year if prog else None)
        if year is not None and eff_base is not None and eff_base >= year:
            whose = "" if base is not None else f" (the base_year of programme {prog.id})"
            key = "base_year" if base is not None else "year"
            self.add(
                name,
                line(key),
                f"{where}.{key}",
                f"the base year {eff_base}{whose} is not before the target year {year}",
                "a base year before the target year",
            )
        if window is None:
            return
        if ttype and ttype not in GROWTH_TYPES:
            self.add(
                name,
                line("window"),
                f"{where}.window",
                "a window is only for growth targets",
                "no window on an at_least, at_most or band target",
            )
        if prog is not None and not (prog.period[0] <= window[0] and window[1] <= prog.period[1]):
            self.add(
                name,
                line("window"),
                f"{where}.window",
                f"[{window[0]}, {window[1]}] lies outside the period of {prog.id} "
                f"[{prog.period[0]}, {prog.period[1]}]",
                f"years from {prog.period[0]} to {prog.period[1]}",
            )
        if year is not None and not window[0] <= year <= window[1]:
            self.add(
                name,
                line("window"),
                f"{where}.window",
                f"[{window[0]}, {window[1]}] does not contain the target year {year}",
                f"a window ending in {year}",
            )

    def load_overrides(self) -> list[Override]:
        name = OVERRIDES_FILE
        p = self.path(name)
        if not p.is_file():
            self.not_regular(name)
            return []
        self.files.append(p)
        doc = read_yaml(p, name, self.problems)
        if doc is None or doc.value is None:
            return []
        if not isinstance(doc.value, list):
            self.add(
                name,
                doc.line,
                "",
                "is not a list",
                "a list of entries '- target: …', each with as_of, status and reason",
            )
            return []
        out: list[Override] = []
        seen: dict[tuple[str, int], int] = {}
        for i, item in enumerate(doc.value):
            d = self.mapping(name, item, _label("", item, "target", i), OVERRIDE_KEYS)
            if d is None:
                continue
            tid = self.y_text(name, d, "target", f"[#{i + 1}]")
            where = f"[{tid}]" if tid else f"[#{i + 1}]"
            if tid:
                self.check_ref(
                    name,
                    d["target"].line,
                    f"{where}.target",
                    tid,
                    "target",
                    self.target_ids,
                    TARGETS_FILE,
                )
            as_of = self.y_year(name, d, "as_of", where)
            status = self.y_text(name, d, "status", where)
            if status and status not in STATUSES:
                self.add(
                    name,
                    d["status"].line,
                    f"{where}.status",
                    f"{show(status)} is not allowed" + suggest(status, STATUSES),
                    one_of(STATUSES),
                )
                status = ""
            reason = self.y_text(name, d, "reason", where)
            if tid and as_of is not None and (tid, as_of) in seen:
                self.add(
                    name,
                    item.line,
                    where,
                    f"a second override for {tid} as of {as_of} (first on line "
                    f"{seen[(tid, as_of)]})",
                    "one override per target and as-of year",
                )
                continue
            if tid and as_of is not None:
                seen[(tid, as_of)] = item.line
            if tid and as_of is not None and status and reason:
                out.append(Override(tid, as_of, status, reason))
        return out


def _label(section: str, item: YamlValue, key: str, i: int) -> str:
    """How an entry is named in messages: 'targets[plan_2022_enterprises]', else 'targets[#3]'."""
    v = item.value.get(key) if isinstance(item.value, dict) else None
    if v is not None and isinstance(v.value, str | int) and not isinstance(v.value, bool):
        text = str(v.value).strip()
        if text and len(text) <= 60 and one_line(text) == text:
            return f"{section}[{text}]"
    return f"{section}[#{i + 1}]"


def _declared(items: list[YamlValue], key: str) -> set[str]:
    """The ids written under `key` in a list of YAML entries, valid or not."""
    out = set()
    for item in items:
        if isinstance(item.value, dict) and key in item.value:
            v = item.value[key].value
            if isinstance(v, str | int) and not isinstance(v, bool):
                out.add(str(v).strip())
    return out - {""}


def _as_written(v: YamlValue) -> str:
    """A YAML value roughly as the file writes it (for messages)."""
    if isinstance(v.value, list):
        return "[" + ", ".join(_as_written(x) for x in v.value) + "]"
    if isinstance(v.value, dict):
        return "{" + ", ".join(f"{k}: {_as_written(x)}" for k, x in v.value.items()) + "}"
    return v.raw if v.raw is not None else str(v.value)


def _ordered(problems: list[Problem]) -> list[Problem]:
    """Problems without repeats, grouped by file in the spec's order, then by row or line."""

    def key(p: Problem) -> tuple[int, int]:
        rank = FILE_ORDER.index(p.file) if p.file in FILE_ORDER else -1
        m = re.match(r"\d+", p.location)
        return rank, int(m.group()) if m else 0

    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=key)


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Read and validate a data directory; raises InputError listing every problem found."""
    return _Loader(Path(data_dir) if data_dir is not None else paths.DATA_DIR).load()
