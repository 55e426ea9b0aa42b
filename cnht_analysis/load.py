"""Read a data directory and validate it: every problem is collected, then raised at once."""

from __future__ import annotations

import csv
import difflib
import io
import math
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from . import paths
from .errors import InputError, Problem
from .models import (
    GROWTH_TYPES,
    LEVEL_TYPES,
    OBS_STATUSES,
    QUALIFIERS,
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

INDICATORS_FILE = "indicators.csv"
OBSERVATIONS_FILE = "observations.csv"
TARGETS_FILE = "targets.yaml"
SOURCES_FILE = "sources.csv"
REGIONS_FILE = "regions.csv"
OVERRIDES_FILE = "overrides.yaml"
REQUIRED_FILES = (INDICATORS_FILE, OBSERVATIONS_FILE, TARGETS_FILE, SOURCES_FILE)

# (required columns, optional columns) of each CSV file, in the spec's order.
CSV_COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    INDICATORS_FILE: (
        ("indicator", "name_vi", "name_en", "unit", "higher_is_better"),
        ("min", "max", "description_vi", "description_en", "derive"),
    ),
    OBSERVATIONS_FILE: (
        ("region", "indicator", "year", "value", "status", "qualifier", "source"),
        ("note", "break"),
    ),
    SOURCES_FILE: (("source",), ("publisher", "title", "date", "url", "language")),
    REGIONS_FILE: (("region", "name_vi", "name_en"), ()),
}
PROGRAMME_KEYS = (
    ("id", "region", "name_vi", "name_en", "period", "base_year"),
    ("document", "source", "note"),
)
TARGET_KEYS = (
    ("id", "programme", "indicator", "year", "type", "value", "source"),
    ("tolerance_abs", "tolerance_rel", "base_year", "window", "quote_vi", "quote_en", "note"),
)
OVERRIDE_KEYS = (("target", "as_of", "status", "reason"), ())

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
DERIVE_RE = re.compile(r"^(share|growth|index)\(\s*([a-z][a-z0-9_]*)\s*(?:,\s*([a-z][a-z0-9_]*)\s*)?\)$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
YEAR_MIN, YEAR_MAX = 1900, 2100
TRUE_WORDS = {"true": True, "false": False, "": False}


def suggest(word: str, choices: list[str] | tuple[str, ...] | set[str]) -> str:
    """' (did you mean …?)' for the closest valid name, or ''."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def one_of(choices: tuple[str, ...] | list[str]) -> str:
    """'one of a, b, c' for an expected-value message."""
    return "one of " + ", ".join(choices)


def parse_number(text: str) -> tuple[float | None, str]:
    """A number written with '.' as decimal mark → (value, ''); otherwise (None, what to write)."""
    s = text.strip().replace("\u00a0", " ")
    if s == "":
        return None, "a number"
    try:
        value = float(s)
    except ValueError:
        pass
    else:
        if math.isfinite(value) and not re.search(r"[a-zA-Z_]", s):
            return value, ""
        return None, "a finite number"
    if re.fullmatch(r"-?\d+,\d+", s):
        alt = s.replace(",", ".")
        return None, (
            f"a number with '.' as decimal mark, e.g. {alt} "
            f"(or {s.replace(',', '')} if the comma separates thousands)"
        )
    if re.fullmatch(r"-?\d{1,3}([., ]\d{3})+([.,]\d+)?", s):
        digits = re.sub(r"[., ](?=\d{3}(\D|$))", "", s).replace(",", ".")
        return None, f"a number without thousands separators, e.g. {digits}"
    if s.endswith("%"):
        return None, f"a number without the % sign, e.g. {s[:-1].strip().replace(',', '.')}"
    return None, "a number (digits, '.' as decimal mark)"


def parse_year(text: str) -> tuple[int | None, str]:
    """An integer year between 1900 and 2100 → (year, ''); otherwise (None, what is wrong)."""
    value, _ = parse_number(text)
    if value is None:
        return None, f"a whole year such as 2022, not '{text}'"
    if value != int(value):
        return None, f"a whole year such as {int(value)}, not a fraction"
    if not YEAR_MIN <= value <= YEAR_MAX:
        return None, f"a year between {YEAR_MIN} and {YEAR_MAX}"
    return int(value), ""


def read_text(path: Path, name: str, problems: list[Problem]) -> str | None:
    """The file's text as NFC-normalised UTF-8 (a BOM is accepted), or None after a problem."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(name, "", "", f"cannot be read ({exc.strerror})"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                name,
                str(line),
                "",
                f"is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
                "UTF-8: in Excel use 'Save As' → 'CSV UTF-8 (Comma delimited)'; "
                "in a text editor choose the UTF-8 encoding",
            )
        )
        return None
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


class CsvRow(dict):
    """A CSV record (column → stripped text) that knows its line number."""

    line: int = 0


def read_csv(path: Path, name: str, problems: list[Problem]) -> list[CsvRow] | None:
    """Rows of a CSV file, with header checks; None when the file cannot be used at all."""
    text = read_text(path, name, problems)
    if text is None:
        return None
    required, optional = CSV_COLUMNS[name]
    expected_cols = ", ".join(required + optional)
    if not text.strip():
        problems.append(Problem(name, "", "", "is empty", f"a header row: {expected_cols}"))
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        problems.append(Problem(name, "1", "", f"cannot be parsed as CSV ({exc})"))
        return None
    ok = True
    known = set(required + optional)
    for col in header:
        if col and col not in known:
            problems.append(
                Problem(name, "1", col, "unknown column" + suggest(col, known), one_of(required + optional))
            )
            ok = False
    for col in required:
        if col not in header:
            problems.append(Problem(name, "1", col, "required column is missing", f"a header with {expected_cols}"))
            ok = False
    dupes = {c for c in header if c and header.count(c) > 1}
    for col in sorted(dupes):
        problems.append(Problem(name, "1", col, "column appears more than once", "each column once"))
        ok = False
    if not ok:
        return None
    rows: list[CsvRow] = []
    line = reader.line_num
    try:
        for record in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(record) > len(header) and any(c.strip() for c in record[len(header) :]):
                problems.append(
                    Problem(
                        name,
                        str(start),
                        "",
                        f"has {len(record)} cells but the header has {len(header)} "
                        "(an unquoted comma, e.g. a decimal comma?)",
                        "text containing commas inside double quotes",
                    )
                )
                continue
            row = CsvRow({h: (record[i].strip() if i < len(record) else "") for i, h in enumerate(header) if h})
            row.line = start
            rows.append(row)
    except csv.Error as exc:
        problems.append(Problem(name, str(reader.line_num), "", f"cannot be parsed as CSV ({exc})"))
        return None
    return rows


# --- YAML with line numbers -------------------------------------------------------------------


class YamlValue:
    """A YAML scalar, list or mapping together with the line it starts on."""

    __slots__ = ("value", "line")

    def __init__(self, value: Any, line: int):
        self.value = value
        self.line = line


def _from_node(node: yaml.Node) -> YamlValue:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, YamlValue] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            mapping[key] = _from_node(value_node)
            mapping[key].line = value_node.start_mark.line + 1
        return YamlValue(mapping, line)
    if isinstance(node, yaml.SequenceNode):
        return YamlValue([_from_node(n) for n in node.value], line)
    constructed = yaml.SafeLoader(io.StringIO("")).construct_object(node)
    if isinstance(constructed, str):
        constructed = unicodedata.normalize("NFC", constructed)
    return YamlValue(constructed, line)


def read_yaml(path: Path, name: str, problems: list[Problem]) -> YamlValue | None:
    """The YAML document with line numbers; None (after a problem) when it cannot be parsed."""
    text = read_text(path, name, problems)
    if text is None:
        return None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(
            Problem(name, where, "", f"is not valid YAML ({reason})", "YAML as in the spec (check indentation and quotes)")
        )
        return None
    except Exception as exc:  # noqa: BLE001 - e.g. a constructor error on a malformed tag
        problems.append(Problem(name, "", "", f"is not valid YAML ({exc})"))
        return None
    if node is None:
        return YamlValue(None, 1)
    try:
        return _from_node(node)
    except yaml.YAMLError as exc:
        problems.append(Problem(name, f"line {node.start_mark.line + 1}", "", f"is not valid YAML ({exc})"))
        return None


# --- the loader ----------------------------------------------------------------------------


class _Loader:
    """Collects problems while turning the files into records."""

    def __init__(self, data_dir: Path):
        self.dir = data_dir
        self.problems: list[Problem] = []
        self.files: list[Path] = []

    def add(self, file: str, where: int | str, field: str, message: str, expected: str = "") -> None:
        loc = str(where) if where not in (None, "") else ""
        self.problems.append(Problem(file, loc, field, message, expected))

    # CSV cell helpers ------------------------------------------------------------------------
    def number(self, file: str, row: CsvRow, col: str, *, required: bool = True) -> float | None:
        text = row.get(col, "")
        if text == "" and not required:
            return None
        value, expected = parse_number(text)
        if value is None:
            what = "is empty" if text == "" else f"'{text}' is not a valid number"
            self.add(file, row.line, col, what, expected)
        return value

    def year(self, file: str, row: CsvRow, col: str) -> int | None:
        text = row.get(col, "")
        value, expected = parse_year(text)
        if value is None:
            self.add(file, row.line, col, "is empty" if text == "" else f"'{text}' is not a valid year", expected)
        return value

    def word(self, file: str, row: CsvRow, col: str, choices: tuple[str, ...], default: str | None = None) -> str | None:
        text = row.get(col, "")
        if text == "" and default is not None:
            return default
        if text.lower() in choices:
            return text.lower()
        what = "is empty" if text == "" else f"'{text}' is not allowed" + suggest(text.lower(), choices)
        self.add(file, row.line, col, what, one_of(choices))
        return None

    def boolean(self, file: str, row: CsvRow, col: str) -> bool | None:
        text = row.get(col, "").lower()
        if text in TRUE_WORDS:
            return TRUE_WORDS[text]
        self.add(file, row.line, col, f"'{row.get(col)}' is not true/false", "true or false")
        return None

    def ident(self, file: str, row: CsvRow, col: str) -> str | None:
        text = row.get(col, "")
        if not ID_RE.match(text):
            what = "is empty" if text == "" else f"'{text}' is not a valid id"
            self.add(file, row.line, col, what, "an id in snake_case (a-z, 0-9, _), starting with a letter")
            return None
        return text

    def path(self, name: str) -> Path:
        return self.dir / name

    # files ---------------------------------------------------------------------------------
    def load(self) -> Dataset:
        if not self.dir.is_dir():
            raise InputError([Problem(str(self.dir), "", "", "is not a directory", "a data directory with " + ", ".join(REQUIRED_FILES))])
        for name in REQUIRED_FILES:
            if not self.path(name).is_file():
                self.add(name, "", "", f"is missing from {self.dir}", "the file (see docs: data contracts)")
        sources = self.load_sources()
        regions = self.load_regions()
        indicators = self.load_indicators()
        observations = self.load_observations(indicators, sources, regions)
        programmes, targets = self.load_targets(indicators, sources, regions)
        overrides = self.load_overrides(targets)
        if self.problems:
            raise InputError(self.problems)
        return Dataset(
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

    def rows(self, name: str) -> list[CsvRow] | None:
        p = self.path(name)
        if not p.is_file():
            return None
        self.files.append(p)
        return read_csv(p, name, self.problems)

    def unique(self, name: str, rows: list[CsvRow], key: str) -> dict[str, CsvRow]:
        seen: dict[str, CsvRow] = {}
        for row in rows:
            k = row.get(key, "")
            if k in seen:
                self.add(name, row.line, key, f"'{k}' appears twice (first at row {seen[k].line})", "unique ids")
            elif k:
                seen[k] = row
        return seen

    def load_sources(self) -> dict[str, Source]:
        name = SOURCES_FILE
        rows = self.rows(name) or []
        out: dict[str, Source] = {}
        for row in self.unique(name, rows, "source").values():
            sid = row["source"]
            if not re.fullmatch(r"[A-Za-z0-9_.\-]+", sid):
                self.add(name, row.line, "source", f"'{sid}' is not a valid id", "letters, digits, '_', '-' or '.'")
                continue
            date = row.get("date", "")
            if date and not DATE_RE.match(date):
                self.add(name, row.line, "date", f"'{date}' is not an ISO date", "YYYY-MM-DD, or empty when unknown")
            url = row.get("url", "")
            if url and not re.match(r"^https?://[^\s\"'<>]+$", url):
                self.add(name, row.line, "url", f"'{url}' is not a web address", "an http:// or https:// URL, or empty")
            out[sid] = Source(sid, row.get("publisher", ""), row.get("title", ""), date, url, row.get("language", ""))
        return out

    def load_regions(self) -> dict[str, Region]:
        rows = self.rows(REGIONS_FILE)
        if rows is None:
            return {}
        out: dict[str, Region] = {}
        for row in self.unique(REGIONS_FILE, rows, "region").values():
            rid = self.ident(REGIONS_FILE, row, "region")
            if rid:
                out[rid] = Region(rid, row["name_vi"] or rid, row["name_en"] or rid)
        return out

    def load_indicators(self) -> dict[str, Indicator]:
        name = INDICATORS_FILE
        rows = self.rows(name) or []
        out: dict[str, Indicator] = {}
        derives: list[tuple[CsvRow, str]] = []
        for row in self.unique(name, rows, "indicator").values():
            iid = self.ident(name, row, "indicator")
            unit = self.word(name, row, "unit", UNITS)
            hib = self.boolean(name, row, "higher_is_better")
            lo = self.number(name, row, "min", required=False)
            hi = self.number(name, row, "max", required=False)
            for col in ("name_vi", "name_en"):
                if not row.get(col):
                    self.add(name, row.line, col, "is empty", "a display name")
            if unit == "percent":
                lo = 0.0 if lo is None else lo
                hi = 100.0 if hi is None else hi
            if unit == "count" and lo is None:
                lo = 0.0
            if lo is not None and hi is not None and lo > hi:
                self.add(name, row.line, "min", f"min {lo:g} is above max {hi:g}", "min ≤ max")
            derive = row.get("derive", "") or None
            if derive:
                derives.append((row, derive))
            if iid and unit and hib is not None:
                out[iid] = Indicator(
                    iid, row["name_vi"], row["name_en"], unit, hib, lo, hi,
                    row.get("description_vi", ""), row.get("description_en", ""), derive,
                )
        for row, derive in derives:
            m = DERIVE_RE.match(derive.strip())
            if not m:
                self.add(name, row.line, "derive", f"'{derive}' is not understood", "share(a, b), growth(a) or index(a)")
                continue
            func, a, b = m.groups()
            if (func == "share") != (b is not None):
                self.add(name, row.line, "derive", f"'{derive}' has the wrong number of arguments",
                         "share(a, b) with two indicator ids; growth(a) and index(a) with one")
            for ref in (a, b):
                if ref and ref not in out:
                    self.add(name, row.line, "derive", f"refers to unknown indicator '{ref}'" + suggest(ref, out), "an indicator id of this file")
                elif ref == row.get("indicator"):
                    self.add(name, row.line, "derive", "refers to itself", "another indicator")
            if func == "index" and a in out and not out[a].is_growth:
                self.add(name, row.line, "derive", f"index({a}) needs a growth_pct indicator", "index() of a growth_pct indicator")
            if func == "growth" and row.get("unit") != "growth_pct":
                self.add(name, row.line, "derive", "growth(a) gives year-on-year % change", "unit growth_pct for a growth() indicator")
            if func == "share" and row.get("unit") != "percent":
                self.add(name, row.line, "derive", "share(a, b) gives a percentage", "unit percent for a share() indicator")
        return out

    def load_observations(
        self, indicators: dict[str, Indicator], sources: dict[str, Source], regions: dict[str, Region]
    ) -> list[Observation]:
        name = OBSERVATIONS_FILE
        rows = self.rows(name) or []
        out: list[Observation] = []
        seen: dict[tuple[str, str, int], int] = {}
        for row in rows:
            region = self.ident(name, row, "region")
            if region and regions and region not in regions:
                self.add(name, row.line, "region", f"unknown region '{region}'" + suggest(region, regions), f"a region of {REGIONS_FILE}")
            ind_id = row.get("indicator", "")
            ind = indicators.get(ind_id)
            if ind is None:
                self.add(name, row.line, "indicator", f"unknown indicator '{ind_id}'" + suggest(ind_id, indicators), f"an indicator of {INDICATORS_FILE}")
            year = self.year(name, row, "year")
            value = self.number(name, row, "value")
            status = self.word(name, row, "status", OBS_STATUSES)
            qualifier = self.word(name, row, "qualifier", QUALIFIERS, default="exact")
            src = row.get("source", "")
            if not src:
                self.add(name, row.line, "source", "is empty", f"a source id of {SOURCES_FILE}")
            elif sources and src not in sources:
                self.add(name, row.line, "source", f"unknown source '{src}'" + suggest(src, sources), f"a source id of {SOURCES_FILE}")
            brk = self.boolean(name, row, "break") if "break" in row else False
            if ind is not None and value is not None:
                self.check_value(name, row.line, "value", value, ind, row.get("value", ""))
            if region and ind is not None and year is not None:
                key = (region, ind_id, year)
                if key in seen:
                    self.add(name, row.line, "year", f"{region}/{ind_id}/{year} appears twice (first at row {seen[key]})",
                             "one row per region, indicator and year")
                    continue
                seen[key] = row.line
            if None not in (region, ind, year, value, status, qualifier, brk):
                out.append(Observation(region, ind_id, year, value, status, qualifier, src, row.get("note", ""), brk))
        return out

    def check_value(self, file: str, where: int | str, field: str, value: float, ind: Indicator, text: str = "") -> None:
        if ind.unit == "count" and value < 0:
            self.add(file, where, field, f"{value:g} is a negative count", "a count ≥ 0")
            return
        if ind.unit == "count" and value != int(value):
            hint = f" (if {text} uses '.' to separate thousands, write {text.replace('.', '')})" if re.fullmatch(r"\d{1,3}\.\d{3}", text) else ""
            self.add(file, where, field, f"{text or value} is not a whole number{hint}", "a whole number of units")
            return
        if ind.min is not None and value < ind.min or ind.max is not None and value > ind.max:
            lo = "-∞" if ind.min is None else f"{ind.min:g}"
            hi = "∞" if ind.max is None else f"{ind.max:g}"
            self.add(file, where, field, f"{value:g} is outside the bounds of {ind.id}", f"a value within [{lo}, {hi}] {ind.unit}")

    # YAML --------------------------------------------------------------------------------
    def mapping_keys(self, file: str, item: YamlValue, where: str, keys: tuple[tuple[str, ...], tuple[str, ...]]) -> dict[str, YamlValue] | None:
        if not isinstance(item.value, dict):
            self.add(file, f"line {item.line}", where, "is not a mapping", "key: value pairs")
            return None
        required, optional = keys
        known = set(required + optional)
        for key, val in item.value.items():
            if key not in known:
                self.add(file, f"line {val.line}", f"{where}.{key}", "unknown key" + suggest(key, known), one_of(required + optional))
        for key in required:
            if key not in item.value or item.value[key].value in (None, ""):
                self.add(file, f"line {item.line}", f"{where}.{key}", "is missing", "a value")
        return item.value

    def y_str(self, d: dict[str, YamlValue], key: str) -> str:
        v = d.get(key)
        return "" if v is None or v.value is None else str(v.value).strip()

    def y_num(self, file: str, d: dict[str, YamlValue], key: str, where: str) -> float | None:
        v = d.get(key)
        if v is None or v.value is None:
            return None
        if isinstance(v.value, bool) or not isinstance(v.value, (int, float, str)):
            self.add(file, f"line {v.line}", f"{where}.{key}", f"'{v.value}' is not a number", "a number")
            return None
        if isinstance(v.value, (int, float)):
            if not math.isfinite(v.value):
                self.add(file, f"line {v.line}", f"{where}.{key}", "is not finite", "a finite number")
                return None
            return float(v.value)
        value, expected = parse_number(v.value)
        if value is None:
            self.add(file, f"line {v.line}", f"{where}.{key}", f"'{v.value}' is not a valid number", expected)
        return value

    def y_year(self, file: str, d: dict[str, YamlValue], key: str, where: str, line: int | None = None) -> int | None:
        v = d.get(key)
        if v is None or v.value is None:
            return None
        return self.y_year_value(file, v, f"{where}.{key}")

    def y_year_value(self, file: str, v: YamlValue, where: str) -> int | None:
        if isinstance(v.value, bool):
            value, expected = None, "a whole year such as 2022"
        elif isinstance(v.value, int):
            value, expected = (v.value, "") if YEAR_MIN <= v.value <= YEAR_MAX else (None, f"a year between {YEAR_MIN} and {YEAR_MAX}")
        else:
            value, expected = parse_year(str(v.value))
        if value is None:
            self.add(file, f"line {v.line}", where, f"'{v.value}' is not a valid year", expected)
        return value

    def y_span(self, file: str, d: dict[str, YamlValue], key: str, where: str) -> tuple[int, int] | None:
        v = d.get(key)
        if v is None or v.value is None:
            return None
        if not isinstance(v.value, list) or len(v.value) != 2:
            self.add(file, f"line {v.line}", f"{where}.{key}", f"'{_plain(v)}' is not a pair of years", "[first_year, last_year]")
            return None
        a = self.y_year_value(file, v.value[0], f"{where}.{key}")
        b = self.y_year_value(file, v.value[1], f"{where}.{key}")
        if a is None or b is None:
            return None
        if a > b:
            self.add(file, f"line {v.line}", f"{where}.{key}", f"[{a}, {b}] runs backwards", "[first_year, last_year] with first ≤ last")
            return None
        return (a, b)

    def y_list(self, file: str, root: dict[str, YamlValue], key: str) -> list[YamlValue]:
        v = root.get(key)
        if v is None or v.value is None:
            return []
        if not isinstance(v.value, list):
            self.add(file, f"line {v.line}", key, "is not a list", "a list of entries, each starting with '- '")
            return []
        return v.value

    def load_targets(
        self, indicators: dict[str, Indicator], sources: dict[str, Source], regions: dict[str, Region]
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
            self.add(name, "", "", "is empty", "the keys 'programmes' and 'targets'")
            return {}, []
        root = self.mapping_keys(name, doc, "(top level)", (("programmes", "targets"), ()))
        if root is None:
            return {}, []
        programmes: dict[str, Programme] = {}
        for i, item in enumerate(self.y_list(name, root, "programmes")):
            where = f"programmes[{i}]"
            d = self.mapping_keys(name, item, where, PROGRAMME_KEYS)
            if d is None:
                continue
            pid = self.y_str(d, "id")
            where = f"programmes[{pid or i}]"
            if pid and not ID_RE.match(pid):
                self.add(name, f"line {d['id'].line}", f"{where}.id", f"'{pid}' is not a valid id", "snake_case")
            if pid in programmes:
                self.add(name, f"line {d['id'].line}", f"{where}.id", f"'{pid}' appears twice", "unique programme ids")
            region = self.y_str(d, "region")
            if region and regions and region not in regions:
                self.add(name, f"line {d['region'].line}", f"{where}.region", f"unknown region '{region}'" + suggest(region, regions), f"a region of {REGIONS_FILE}")
            period = self.y_span(name, d, "period", where)
            base = self.y_year(name, d, "base_year", where)
            self.check_source(name, d, where, sources)
            if pid and region and period and base is not None and pid not in programmes:
                programmes[pid] = Programme(
                    pid, region, self.y_str(d, "name_vi"), self.y_str(d, "name_en"), period, base,
                    self.y_str(d, "source"), self.y_str(d, "document"), self.y_str(d, "note"),
                )
        targets: list[Target] = []
        ids: set[str] = set()
        for i, item in enumerate(self.y_list(name, root, "targets")):
            where = f"targets[{i}]"
            d = self.mapping_keys(name, item, where, TARGET_KEYS)
            if d is None:
                continue
            tid = self.y_str(d, "id")
            where = f"targets[{tid or i}]"
            line = lambda k: f"line {d[k].line}" if k in d else f"line {item.line}"  # noqa: E731
            if tid and not ID_RE.match(tid):
                self.add(name, line("id"), f"{where}.id", f"'{tid}' is not a valid id", "snake_case")
            if tid in ids:
                self.add(name, line("id"), f"{where}.id", f"'{tid}' appears twice", "unique target ids")
            ids.add(tid)
            prog_id = self.y_str(d, "programme")
            prog = programmes.get(prog_id)
            if prog_id and prog is None:
                self.add(name, line("programme"), f"{where}.programme", f"unknown programme '{prog_id}'" + suggest(prog_id, programmes), "an id under 'programmes'")
            ind_id = self.y_str(d, "indicator")
            ind = indicators.get(ind_id)
            if ind_id and ind is None:
                self.add(name, line("indicator"), f"{where}.indicator", f"unknown indicator '{ind_id}'" + suggest(ind_id, indicators), f"an indicator of {INDICATORS_FILE}")
            ttype = self.y_str(d, "type")
            if ttype and ttype not in TARGET_TYPES:
                self.add(name, line("type"), f"{where}.type", f"'{ttype}' is not a target type" + suggest(ttype, TARGET_TYPES), one_of(TARGET_TYPES))
                ttype = ""
            if ind is not None and ttype in GROWTH_TYPES and not ind.is_growth:
                self.add(name, line("type"), f"{where}.type", f"growth target on level indicator '{ind_id}' (unit {ind.unit})",
                         "a growth target on a growth_pct indicator, or at_least/at_most/band here")
            if ind is not None and ttype in LEVEL_TYPES and ind.is_growth:
                self.add(name, line("type"), f"{where}.type", f"level target on growth indicator '{ind_id}'",
                         "growth_above or growth_at_least for a growth_pct indicator")
            year = self.y_year(name, d, "year", where)
            value = self.y_num(name, d, "value", where)
            if value is not None and ind is not None and ttype in LEVEL_TYPES:
                self.check_value(name, line("value"), f"{where}.value", value, ind)
            tol_abs = self.y_num(name, d, "tolerance_abs", where)
            tol_rel = self.y_num(name, d, "tolerance_rel", where)
            if tol_abs is not None and tol_abs < 0:
                self.add(name, line("tolerance_abs"), f"{where}.tolerance_abs", "is negative", "a tolerance ≥ 0")
            if tol_rel is not None and not 0 <= tol_rel < 1:
                self.add(name, line("tolerance_rel"), f"{where}.tolerance_rel", f"{tol_rel:g} is not a fraction", "a fraction of the value between 0 and 1 (0.03 = 3 %)")
            base = self.y_year(name, d, "base_year", where)
            window = self.y_span(name, d, "window", where)
            if window is not None and ttype and ttype not in GROWTH_TYPES:
                self.add(name, line("window"), f"{where}.window", "a window is only for growth targets", "no window on a level target")
            if window is not None and prog is not None and not (prog.period[0] <= window[0] and window[1] <= prog.period[1]):
                self.add(name, line("window"), f"{where}.window", f"[{window[0]}, {window[1]}] lies outside the programme period {list(prog.period)}",
                         f"years within {prog.period[0]}–{prog.period[1]}")
            if window is not None and year is not None and not window[0] <= year <= window[1]:
                self.add(name, line("window"), f"{where}.window", f"does not contain the target year {year}", "a window ending in the target year")
            self.check_source(name, d, where, sources)
            if tid and prog and ind and ttype and year is not None and value is not None and tid not in {t.id for t in targets}:
                targets.append(Target(
                    tid, prog_id, ind_id, year, ttype, value, tol_abs or 0.0, tol_rel or 0.0, base, window,
                    self.y_str(d, "source"), self.y_str(d, "quote_vi"), self.y_str(d, "quote_en"), self.y_str(d, "note"),
                ))
        return programmes, targets

    def check_source(self, file: str, d: dict[str, YamlValue], where: str, sources: dict[str, Source]) -> None:
        src = self.y_str(d, "source")
        if src and sources and src not in sources:
            self.add(file, f"line {d['source'].line}", f"{where}.source", f"unknown source '{src}'" + suggest(src, sources), f"a source id of {SOURCES_FILE}")

    def load_overrides(self, targets: list[Target]) -> list[Override]:
        name = OVERRIDES_FILE
        p = self.path(name)
        if not p.is_file():
            return []
        self.files.append(p)
        doc = read_yaml(p, name, self.problems)
        if doc is None or doc.value is None:
            return []
        if not isinstance(doc.value, list):
            self.add(name, f"line {doc.line}", "", "is not a list", "a list of {target, as_of, status, reason} entries")
            return []
        ids = {t.id for t in targets}
        out: list[Override] = []
        seen: set[tuple[str, int]] = set()
        for i, item in enumerate(doc.value):
            where = f"[{i}]"
            d = self.mapping_keys(name, item, where, OVERRIDE_KEYS)
            if d is None:
                continue
            tid = self.y_str(d, "target")
            if tid and ids and tid not in ids:
                self.add(name, f"line {d['target'].line}", f"{where}.target", f"unknown target '{tid}'" + suggest(tid, ids), f"a target id of {TARGETS_FILE}")
            as_of = self.y_year(name, d, "as_of", where)
            status = self.y_str(d, "status")
            if status and status not in STATUSES:
                self.add(name, f"line {d['status'].line}", f"{where}.status", f"'{status}' is not a status" + suggest(status, STATUSES), one_of(STATUSES))
                status = ""
            reason = self.y_str(d, "reason")
            if tid and as_of is not None and (tid, as_of) in seen:
                self.add(name, f"line {item.line}", where, f"a second override for {tid} as of {as_of}", "one override per target and as-of year")
            elif tid and as_of is not None and status and reason:
                seen.add((tid, as_of))
                out.append(Override(tid, as_of, status, reason))
        return out


def _plain(v: YamlValue) -> Any:
    if isinstance(v.value, list):
        return [_plain(x) for x in v.value]
    if isinstance(v.value, dict):
        return {k: _plain(x) for k, x in v.value.items()}
    return v.value


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Read and validate a data directory; raises InputError listing every problem found."""
    return _Loader(Path(data_dir) if data_dir is not None else paths.DATA_DIR).load()
