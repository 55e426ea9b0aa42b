"""Reading the files: text (UTF-8, NFC), CSV rows with their row numbers, YAML with line numbers.

A file that cannot be read at all gives one problem and None; the checks of each file
(`sources`, `observations`, …) then work on the rows or the YAML tree.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem
from .common import (
    _BAD_CHAR_RE,
    _NUMBER_COLUMNS,
    CSV_COLUMNS,
    TEXT_RULE,
    Where,
    bad_character,
    problem,
    show,
    suggest,
)

# libyaml's parser when PyYAML was built with it (about 20 times faster); same errors and marks.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_YAML_NODES = 200_000  # guards against alias bombs ("billion laughs")


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
