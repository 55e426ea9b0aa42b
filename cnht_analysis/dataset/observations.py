"""observations.csv: one value per region, indicator and year, checked against the catalogue."""

from __future__ import annotations

from ..models import Dataset, Indicator, Observation
from . import schema
from .checks import Checks
from .common import (
    INDICATORS_FILE,
    OBSERVATIONS_FILE,
    REGIONS_FILE,
    SOURCES_FILE,
    problem,
)
from .readers import CsvRow

_OBS_STATUSES = schema.OBSERVATIONS.column("status").allowed
_QUALIFIERS = schema.OBSERVATIONS.column("qualifier").allowed


def load_observations(c: Checks, indicators: dict[str, Indicator]) -> list[Observation]:
    name = OBSERVATIONS_FILE
    rows = c.rows(name) or []
    out: list[Observation] = []
    seen: dict[tuple[str, str, int], CsvRow] = {}
    for row in rows:
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
