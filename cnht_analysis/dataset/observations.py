"""observations.csv: one value per region, indicator and year, checked against the catalogue."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from itertools import repeat
from typing import Any

from ..models import Dataset, Indicator, Observation
from . import schema
from .checks import Checks
from .common import (
    ANY_UNIT_MAX,
    BOOLEANS,
    DOT_THOUSANDS_RE,
    ID_RE,
    INDICATORS_FILE,
    NUMBER_RE,
    OBSERVATIONS_FILE,
    REGIONS_FILE,
    SOURCES_FILE,
    UNIT_MAX,
    parse_year,
    problem,
)
from .readers import CsvRow, where_at

_OBS_STATUSES = schema.OBSERVATIONS.column("status").allowed
_QUALIFIERS = schema.OBSERVATIONS.column("qualifier").allowed


def load_observations(c: Checks, indicators: dict[str, Indicator]) -> list[Observation]:
    """The observations of observations.csv, every problem of its rows reported.

    The rows are taken a chunk at a time, column by column: a chunk whose rows all pass the
    quick checks (known ids, allowed words, plain numbers within the bounds, no citation, no
    repeated region/indicator/year) becomes Observations at once. In any other chunk each row
    passes the same quick checks on its own or goes through `_check_row`, which finds and words
    its problems. All three ways give the same records and problems.
    """
    name = OBSERVATIONS_FILE
    table = c.columns(name)
    out: list[Observation] = []
    seen: dict[tuple[str, str, int], int] = {}  # (region, indicator, year) → its first row
    if table is None:
        return out
    quick = _Quick(c, indicators)
    n = len(table)
    for a in range(0, n, _CHUNK):
        b = min(a + _CHUNK, n)
        cols = [table.cells[col][a:b] if col in table.cells else [""] * (b - a) for col in _COLUMNS]
        rows, lines = table.rows[a:b], table.lines[a:b]
        if quick.chunk(cols, rows, seen, out):
            continue
        for i, (reg, ind_id, year_t, value_t, stat, qual, src, note, note_vi, brk_t) in enumerate(
            zip(*cols, strict=True)
        ):
            lim = quick.limits.get(ind_id)
            year = quick.year_of[year_t]
            status = quick.status_of[stat]
            qualifier = quick.qualifier_of[qual]
            brk = quick.break_of[brk_t]
            value = quick.value_of(value_t) if lim is not None else None
            if (
                value is None
                or not _within(value, lim)
                or year is None
                or status is None
                or qualifier is None
                or brk is None
                or not quick.region_ok[reg]
                or not quick.source_ok[src]
            ):
                _check_row(c, table.row(a + i), indicators, seen, out)
                continue
            r = rows[i]
            if "[" in note or "[" in note_vi:
                where = where_at(r, lines[i])
                c.check_citations(name, where, "note", note)
                c.check_citations(name, where, "note_vi", note_vi)
            key = (reg, ind_id, year)
            if key in seen:
                c.add(
                    name,
                    where_at(r, lines[i]),
                    "year",
                    f"{reg}/{ind_id}/{year} appears twice",
                    "one row per region, indicator and year",
                    first_row=seen[key],
                )
                continue
            seen[key] = r
            out.append(
                Observation(
                    reg, ind_id, year, value, status, qualifier, src, note, brk, note_vi=note_vi
                )
            )
    return out


_CHUNK = 4096  # rows checked column by column at once
_COLUMNS = (
    "region",
    "indicator",
    "year",
    "value",
    "status",
    "qualifier",
    "source",
    "note",
    "note_vi",
    "break",
)
# The cells of a value column joined by '\n': only digits, signs, points and exponents; and a
# cell like '1.000' (refused or questioned by parse_number).
_NUMBER_CHARS_RE = re.compile(r"[0-9.eE+\-\n]*")
_DOT_THOUSANDS_CELL_RE = re.compile(f"^(?:{DOT_THOUSANDS_RE.pattern})$", re.MULTILINE)


class _Cache(dict):
    """f(text) for each distinct text, computed once (ids and words repeat on many rows)."""

    def __init__(self, f: Callable[[str], Any]):
        super().__init__()
        self.f = f

    def __missing__(self, key: str) -> Any:
        value = self[key] = self.f(key)
        return value


def _within(value: float, lim: tuple[bool, float, float, float]) -> bool:
    """Whether check_value has nothing to say about `value` (a count, limit, min, max)."""
    count, limit, lo, hi = lim
    return (
        abs(value) <= limit
        and lo <= value <= hi
        and (not count or (value >= 0 and value == int(value)))
    )


class _Quick:
    """The quick checks of observation rows: each is True only where `_check_row` finds nothing
    to report (a cell they are unsure of sends its row to `_check_row`)."""

    def __init__(self, c: Checks, indicators: dict[str, Indicator]):
        regions, sources = c.region_ids, c.source_ids
        self.region_ok = _Cache(
            lambda r: bool(ID_RE.fullmatch(r)) and (regions is None or r in regions)
        )
        self.source_ok = _Cache(lambda s: s != "" and (sources is None or s in sources))
        self.year_of = _Cache(lambda t: parse_year(t)[0])
        self.status_of = _Cache(lambda t: t.lower() if t.lower() in _OBS_STATUSES else None)
        self.qualifier_of = _Cache(
            lambda t: "exact" if t == "" else (t.lower() if t.lower() in _QUALIFIERS else None)
        )
        self.break_of = _Cache(lambda t: False if t == "" else BOOLEANS.get(t.lower()))
        # per indicator: whether a count, the largest magnitude, min and max
        self.limits = {
            i: (
                ind.unit == "count",
                UNIT_MAX.get(ind.unit, ANY_UNIT_MAX),
                -math.inf if ind.min is None else ind.min,
                math.inf if ind.max is None else ind.max,
            )
            for i, ind in indicators.items()
        }

    @staticmethod
    def value_of(text: str) -> float | None:
        """The value of a plain number that parse_number reads without a word, else None."""
        if NUMBER_RE.fullmatch(text) and not DOT_THOUSANDS_RE.fullmatch(text):
            return float(text)
        return None

    def chunk(
        self,
        cols: list[list[str]],
        rows: Sequence[int],
        seen: dict[tuple[str, str, int], int],
        out: list[Observation],
    ) -> bool:
        """Add the chunk's Observations when every row passes; False (nothing added) otherwise."""
        reg, ind, year_t, value_t, stat, qual, src, note, note_vi, brk_t = cols
        values = "\n".join(value_t)
        if (
            values.count("\n") != len(value_t) - 1  # a cell holding a line break
            or not _NUMBER_CHARS_RE.fullmatch(values)
            or _DOT_THOUSANDS_CELL_RE.search(values)
        ):
            return False
        try:  # made of these characters, what float() reads is what NUMBER_RE matches
            floats = list(map(float, value_t))
        except ValueError:
            return False
        lims = list(map(self.limits.get, ind))
        years = list(map(self.year_of.__getitem__, year_t))
        statuses = list(map(self.status_of.__getitem__, stat))
        qualifiers = list(map(self.qualifier_of.__getitem__, qual))
        breaks = list(map(self.break_of.__getitem__, brk_t))
        if (
            None in lims
            or None in years
            or None in statuses
            or None in qualifiers
            or None in breaks
            or not all(map(self.region_ok.__getitem__, reg))
            or not all(map(self.source_ok.__getitem__, src))
            or "[" in "".join(note)
            or "[" in "".join(note_vi)
        ):
            return False
        if not all(map(_within, floats, lims)):
            return False
        keys = list(zip(reg, ind, years, strict=True))
        if len(set(keys)) != len(keys) or any(map(seen.__contains__, keys)):
            return False
        seen.update(zip(keys, rows, strict=True))
        out.extend(
            map(
                Observation,
                reg,
                ind,
                years,
                floats,
                statuses,
                qualifiers,
                src,
                note,
                breaks,
                repeat(()),
                note_vi,
            )
        )
        return True


def _check_row(
    c: Checks,
    row: CsvRow,
    indicators: dict[str, Indicator],
    seen: dict[tuple[str, str, int], int],
    out: list[Observation],
) -> None:
    """Check one row, reporting each problem; an Observation when it has none that matter."""
    name = OBSERVATIONS_FILE
    where = row.where
    region = c.ident(name, row, "region")
    if region:
        c.check_ref(name, where, "region", region, "region", c.region_ids, REGIONS_FILE)
    ind_id = row.get("indicator", "")
    ind = indicators.get(ind_id)
    if ind_id == "":
        c.add(
            name,
            where,
            "indicator",
            "is empty",
            f"an indicator id listed in {INDICATORS_FILE}",
        )
    else:
        c.check_ref(
            name,
            where,
            "indicator",
            ind_id,
            "indicator",
            c.indicator_ids,
            INDICATORS_FILE,
        )
    year = c.year(name, row, "year")
    value = c.number(name, row, "value", whole=ind is not None and ind.unit == "count")
    status = c.word(name, row, "status", _OBS_STATUSES)
    qualifier = c.word(name, row, "qualifier", _QUALIFIERS, default="exact")
    src = row.get("source", "")
    if src == "":
        c.add(name, where, "source", "is empty", f"a source id listed in {SOURCES_FILE}")
    else:
        c.check_ref(name, where, "source", src, "source", c.source_ids, SOURCES_FILE)
    brk = c.boolean(name, row, "break", default=False)
    for col in ("note", "note_vi"):
        c.check_citations(name, where, col, row.get(col, ""))
    if ind is not None and value is not None:
        c.check_value(name, where, "value", value, ind, row.get("value", ""))
    if region and ind_id and year is not None:
        key = (region, ind_id, year)
        if key in seen:
            c.add(
                name,
                where,
                "year",
                f"{region}/{ind_id}/{year} appears twice",
                "one row per region, indicator and year",
                first_row=seen[key],
            )
            return
        seen[key] = row.row
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


def check_derived_bounds(c: Checks, ds: Dataset) -> None:
    """A derived value obeys its indicator's min/max (a share above 100 % is a typo)."""
    from ..indicators import derived_out_of_bounds

    for o, inputs, bound in derived_out_of_bounds(ds):
        used = "; ".join(f"{i.indicator} {i.year} = {i.value:g}" for i in inputs)
        c.problems.append(
            problem(
                "observations.csv",
                f"{o.region}/{o.indicator}/{o.year}",
                o.indicator,
                f"the value derived for {o.year} is {o.value:g}, from {used}",
                f"{bound} (indicators.csv min/max of {o.indicator}); check those rows",
            )
        )
