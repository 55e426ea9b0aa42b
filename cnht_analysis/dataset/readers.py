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
from array import array
from collections.abc import Iterator
from itertools import compress, islice
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
    if "\r" in text:  # one scan of a large file instead of two
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
        return where_at(self.row, self.line)


def where_at(row: int, line: int) -> Where:
    """The location of a record: its row, plus its first line when a cell spans lines."""
    where = Where(str(row) if row == line else f"{row} (line {line})")
    where.row = row
    return where


class CsvColumns:
    """The records of a CSV file column by column (column → stripped cells), with their rows.

    400,000 observation rows take a list per column rather than a dict per row; `row(i)` gives
    one record as a `CsvRow` for the checks that work record by record.
    """

    __slots__ = ("names", "cells", "rows", "lines")

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.cells: dict[str, list[str]] = {h: [] for h in names}
        self.rows = array("l")  # the row number Excel shows of each record (header = 1)
        self.lines = array("l")  # the first line of each record in a text editor

    def __len__(self) -> int:
        return len(self.rows)

    def append(self, row: CsvRow) -> None:
        for h, cells in self.cells.items():
            cells.append(row[h])
        self.rows.append(row.row)
        self.lines.append(row.line)

    def row(self, i: int) -> CsvRow:
        """Record `i` (0-based) as a CsvRow."""
        out = CsvRow({h: cells[i] for h, cells in self.cells.items()})
        out.row, out.line = self.rows[i], self.lines[i]
        return out

    def as_rows(self) -> list[CsvRow]:
        return [self.row(i) for i in range(len(self))]


_LINE_RE = re.compile(r"[^\n]*\n|[^\n]+")


def _lines(text: str) -> Iterator[str]:
    """The lines of `text` (newlines kept), one at a time: no copy of a large file in memory."""
    return (m.group() for m in _LINE_RE.finditer(text))


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


class _ReadAgain(Exception):
    """The quick (strict) reading cannot tell: read the file again record by record."""


_CHUNK = 4096  # records turned column by column at once


def read_csv(path: Path, name: str, problems: list[Problem]) -> list[CsvRow] | None:
    """Rows of a CSV file, with header checks; None when the file cannot be used at all."""
    table = read_csv_columns(path, name, problems)
    return None if table is None else table.as_rows()


def read_csv_columns(path: Path, name: str, problems: list[Problem]) -> CsvColumns | None:
    """The records of a CSV file column by column, with header checks; None when unusable.

    The file is first read in one strict pass, a chunk of records at a time, column by column;
    a chunk with anything unusual (a blank or ragged record, a cell spanning lines, a forbidden
    character) is read record by record. When that pass trips on a quote, or the header is
    wrong, the file is read again as before: unclosed quotes first, then leniently, record by
    record. Both give the same records and the same problems.
    """
    text = read_text(path, name, problems)
    if text is None:
        return None
    required, optional = CSV_COLUMNS[name]
    columns = required + optional
    if not text or text.isspace():  # (no stripped copy of a large file)
        problems.append(problem(name, "", "", "is empty", "a header row: " + ",".join(columns)))
        return None
    start = len(problems)
    try:
        return _read_records(text, name, problems, quick=True)
    except (csv.Error, _ReadAgain):
        del problems[start:]
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
    return _read_records(text, name, problems, quick=False)


def _header_problems(name: str, header: list[str], where: int | str) -> list[Problem]:
    """What is wrong with a CSV header (unknown, missing or repeated columns, a wrong separator)."""
    required, optional = CSV_COLUMNS[name]
    columns = required + optional
    named = [h for h in header if h]
    if len(named) == 1 and any(sep in named[0] for sep in (";", "\t", "|")):
        sep = next(s for s in (";", "\t", "|") if s in named[0])
        return [
            problem(
                name,
                where,
                "",
                f"uses {show(sep)} to separate columns",
                "',' as separator: in Excel use 'Save As' → 'CSV UTF-8 (Comma delimited)' "
                "(or set the list separator to ',' in the Windows region settings)",
            )
        ]
    out = []
    known = set(columns)
    suggested: set[str] = set()
    for col in header:
        if col and col not in known:
            hint = suggest(col, known)
            match = re.search(r"'(.+)'", hint)
            if match:
                suggested.add(match.group(1))
            out.append(
                problem(name, where, col, "unknown column" + hint, "columns " + ", ".join(columns))
            )
    for col in required:
        if col not in header and col not in suggested:
            out.append(
                problem(
                    name, where, col, "required column is missing", "columns " + ", ".join(columns)
                )
            )
    for col in sorted({c for c in header if c and header.count(c) > 1}):
        out.append(problem(name, where, col, "column appears more than once", "each column once"))
    return out


def _read_records(text: str, name: str, problems: list[Problem], quick: bool) -> CsvColumns | None:
    """The records after the header; `quick`: strict, a chunk at a time (see read_csv_columns)."""
    at = [0]  # the lines read up to the last whole record
    try:
        return _records_after_header(text, name, problems, quick, at)
    except csv.Error as exc:
        if quick:
            raise
        why = str(exc)
        if "field larger than field limit" in why:  # a quoted cell running on and on
            why = (
                f"a cell longer than {csv.field_size_limit():,} characters "
                "(a double quote that is never closed?)"
            )
        problems.append(
            problem(
                name,
                at[0] + 1,
                "",
                f"cannot be read from here on: {why}",
                'a closing " after the text (write "" for a quote inside quoted text)',
            )
        )
        return None


def _records_after_header(
    text: str, name: str, problems: list[Problem], quick: bool, at: list[int]
) -> CsvColumns | None:
    """_read_records's work; `at[0]` follows the lines read up to the last whole record."""
    reader = csv.reader(_lines(text), skipinitialspace=True, strict=quick)
    row_no = line = 0  # the records and lines read so far
    for cells in reader:
        row_no += 1
        head_row, head_line, line = row_no, line + 1, reader.line_num
        at[0] = line
        if any(c.strip() for c in cells):
            break
    else:
        columns = CSV_COLUMNS[name][0] + CSV_COLUMNS[name][1]
        problems.append(problem(name, "", "", "is empty", "a header row: " + ",".join(columns)))
        return None
    header = [unicodedata.normalize("NFC", h.strip()) for h in cells]
    where = head_row if head_row == head_line else f"{head_row} (line {head_line})"
    wrong = _header_problems(name, header, where)
    if wrong:
        if quick:  # the rest of the file was not read: an unclosed quote there comes first
            raise _ReadAgain
        problems.extend(wrong)
        return None
    add = _RecordAdder(name, header, problems)
    if not quick:
        for record in reader:
            row_no += 1
            add(record, row_no, line + 1)
            line = at[0] = reader.line_num
        return add.table
    width = len(header)
    every_named = "" not in header
    text_at = add.text_at
    strip, intern = str.strip, sys.intern  # repeated cells (ids, words) share one string
    table = add.table
    while True:
        chunk = list(islice(reader, _CHUNK))
        if not chunk:
            break
        first_row, first_line, end = row_no + 1, line + 1, reader.line_num
        row_no += len(chunk)
        cols = None
        if every_named and end - line == len(chunk) and set(map(len, chunk)) == {width}:
            # the common case: each record one line, every cell named
            cols = [list(map(intern, map(strip, col))) for col in zip(*chunk, strict=True)]
            if any(_BAD_CHAR_RE.search("".join(cols[i])) for i in text_at):
                cols = None  # a forbidden character: its problems come record by record
        if cols is not None:
            keep = list(map(any, zip(*cols, strict=True)))  # blank rows (",,,,") are skipped
            rows = range(first_row, row_no + 1)
            lines = range(first_line, end + 1)
            if not all(keep):
                cols = [list(compress(col, keep)) for col in cols]
                rows, lines = compress(rows, keep), compress(lines, keep)
            for h, col in zip(header, cols, strict=True):
                table.cells[h].extend(col)
            table.rows.extend(rows)
            table.lines.extend(lines)
            line = end
            continue
        for record in chunk:  # record by record; a quoted cell may span lines
            add(record, first_row, line + 1)
            first_row += 1
            line += 1 + sum(c.count("\n") for c in record)
        if line != end:
            raise _ReadAgain  # the lines did not add up: let the careful reading tell
    return table


class _RecordAdder:
    """Adds one record to a CsvColumns, reporting a ragged record or a forbidden character."""

    def __init__(self, name: str, header: list[str], problems: list[Problem]):
        self.name = name
        self.header = header
        self.named = [h for h in header if h]
        self.problems = problems
        self.table = CsvColumns(self.named)
        self.width = len(header)
        self.every_named = "" not in header
        self.text_at = [i for i, h in enumerate(header) if h and h not in _NUMBER_COLUMNS]

    def __call__(self, record: list[str], row_no: int, line_no: int) -> None:
        name, header, problems = self.name, self.header, self.problems
        strip = str.strip
        if not any(map(strip, record)):
            return  # blank rows, e.g. the trailing ones Excel writes as ",,,,"
        if len(record) == self.width and self.every_named:
            # the common case: every cell named; one search covers all text cells
            row = CsvRow(zip(header, map(sys.intern, map(strip, record)), strict=True))
            row.row, row.line = row_no, line_no
            if _BAD_CHAR_RE.search("".join([record[i] for i in self.text_at])):
                for i in self.text_at:
                    h = header[i]
                    wrong = bad_character(row[h], h) if _BAD_CHAR_RE.search(row[h]) else ""
                    if wrong:
                        problems.append(problem(name, row.where, h, wrong, TEXT_RULE))
            self.table.append(row)
            return
        row = CsvRow()
        row.row, row.line = row_no, line_no
        unnamed = [c for h, c in zip(header, record, strict=False) if not h and c.strip()]
        if len(record) > len(header) or unnamed:
            problems.append(
                problem(
                    name,
                    row.where,
                    "",
                    f"has {len(record)} cells but the header names {len(self.named)} columns "
                    "(an unquoted comma, e.g. a decimal comma or a comma in a note?)",
                    'text containing commas inside double quotes, e.g. "Hà Nội, 2022"',
                )
            )
            return
        for i, h in enumerate(header):
            if h:
                row[h] = record[i].strip() if i < len(record) else ""
                if h not in _NUMBER_COLUMNS and _BAD_CHAR_RE.search(row[h]):
                    wrong = bad_character(row[h], h)
                    if wrong:
                        problems.append(problem(name, row.where, h, wrong, TEXT_RULE))
        self.table.append(row)


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
