"""The state every file's check shares, and the checks of single cells and YAML values.

`Checks` collects the problems of one data directory and knows the ids each file declared, so a
file's check can test a reference into another file (`unknown source 'h9'`). The checks of each
file live in their own module (`sources`, `regions`, `indicators`, `observations`, `targets`,
`overrides`); the loader (`cnht_analysis.load`) runs them in order.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from ..citations import CITATION_RE
from ..errors import Problem
from ..models import Indicator
from .common import (
    ANY_UNIT_MAX,
    BOOLEANS,
    DOT_THOUSANDS_RE,
    ID_RE,
    INDICATORS_FILE,
    OBSERVATIONS_FILE,
    REQUIRED_FILES,
    SOURCES_FILE,
    UNIT_MAX,
    YEAR_MAX,
    YEAR_MIN,
    one_line,
    one_of,
    parse_number,
    parse_year,
    problem,
    qualified_number,
    show,
    suggest,
)
from .readers import CsvColumns, CsvRow, YamlValue, read_csv, read_csv_columns


class Checks:
    """The problems found so far in one data directory, and the ids each file declared."""

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
        if text == "":
            self.add(file, row.where, col, "is empty", one_of(choices), choices=choices)
            return None
        hint = suggest(text, choices)
        self.problems.append(
            problem(
                file,
                row.where,
                col,
                f"{show(text)} is not allowed" + hint,
                one_of(choices),
                choices=choices,
                value=text,
                hint=hint,
            )
        )
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

    def columns(self, name: str) -> CsvColumns | None:
        """A required CSV file column by column (see read_csv_columns), or None."""
        p = self.path(name)
        if not p.is_file():
            return None
        self.files.append(p)
        return read_csv_columns(p, name, self.problems)

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

    def header_only(self, name: str, rows: list[CsvRow] | None, expected: str) -> None:
        """Report a catalogue file that holds its header and nothing else."""
        if rows is not None:
            self.add(name, "", "", "has a header but no rows", expected)

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


def entry_label(section: str, item: YamlValue, key: str, i: int) -> str:
    """How an entry is named in messages: 'targets[plan_2022_enterprises]', else 'targets[#3]'."""
    v = item.value.get(key) if isinstance(item.value, dict) else None
    if v is not None and isinstance(v.value, str | int) and not isinstance(v.value, bool):
        text = str(v.value).strip()
        if text and len(text) <= 60 and one_line(text) == text:
            return f"{section}[{text}]"
    return f"{section}[#{i + 1}]"


def declared_ids(items: list[YamlValue], key: str) -> set[str]:
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
