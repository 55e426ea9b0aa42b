"""What-if figures: hypothetical observations applied in memory, never written to data/.

`cnht assess --set cnht_enterprises:2025=1020` and `cnht explain … --set …` answer the
commonest question ("if the 2025 count is X, what is the verdict?") without editing a file.
A scenario figure is an `Observation` with status `scenario`; it replaces an observed figure
of the same region, indicator and year, and every line the command prints says it is a scenario.
"""

from __future__ import annotations

import dataclasses
import math
import re

from .errors import UsageError
from .models import Dataset, Observation
from .words import t

SCENARIO = "scenario"  # the observation status of a hypothetical figure
SCENARIO_NOTE_EN = "scenario: a hypothetical figure given on the command line, not data"
SCENARIO_NOTE_VI = "giả định: số nhập trên dòng lệnh, không phải số liệu"

SET_RE = re.compile(r"(?P<indicator>[^:=\s]+):(?P<year>[^=\s]+)=(?P<value>.+)")

# The same magnitudes the loader allows (load.UNIT_MAX / ANY_UNIT_MAX).
UNIT_MAX = {"count": 1e9}
ANY_UNIT_MAX = 1e12

Figures = dict[tuple[str, int], float]


def parse_set(text: str) -> tuple[str, str, str]:
    """'cnht_enterprises:2025=1020' -> ('cnht_enterprises', '2025', '1020'), unchecked."""
    m = SET_RE.fullmatch(text.strip())
    if not m:
        raise UsageError(
            f"--set {text!r}: expected INDICATOR:YEAR=VALUE, e.g. --set cnht_enterprises:2025=1020"
        )
    return m.group("indicator"), m.group("year"), m.group("value").strip()


def parse_figures(ds: Dataset, items: list[str]) -> Figures:
    """Every `--set` item checked like data; all problems reported at once (exit status 2)."""
    from .load import parse_number

    figures: Figures = {}
    problems: list[str] = []
    for item in items:
        try:
            ind_id, year_text, value_text = parse_set(item)
        except UsageError as exc:
            problems.append(str(exc))
            continue
        where = f"--set {item}"
        ind = ds.indicators.get(ind_id)
        if ind is None:
            known = ", ".join(sorted(ds.indicators))
            problems.append(f"{where}: no indicator '{ind_id}' — expected one of {known}")
            continue
        if not re.fullmatch(r"[0-9]{4}", year_text) or not 1900 <= int(year_text) <= 2100:
            problems.append(f"{where}: '{year_text}' is not a year — expected e.g. 2025")
            continue
        value, expected = parse_number(value_text, whole=ind.unit == "count")
        if value is None:
            problems.append(f"{where}: '{value_text}' — expected {expected}")
            continue
        problem = check_value(ind, value)
        if problem:
            problems.append(f"{where}: {problem}")
            continue
        key = (ind_id, int(year_text))
        if key in figures and figures[key] != value:
            problems.append(f"{where}: {ind_id} {year_text} is set twice with different values")
            continue
        figures[key] = value
    if problems:
        raise UsageError("\n".join(problems))
    return figures


def check_value(ind, value: float) -> str:  # noqa: ANN001 - an Indicator
    """'' when `value` is a sensible figure of `ind`, else what is wrong and what is expected."""
    limit = UNIT_MAX.get(ind.unit, ANY_UNIT_MAX)
    if not math.isfinite(value) or abs(value) > limit:
        return f"{value:g} is beyond what the unit {ind.unit} allows — expected up to {limit:g}"
    if ind.unit == "count" and (value < 0 or value != int(value)):
        return f"{value:g} is not a count — expected a whole number ≥ 0"
    if (ind.min is not None and value < ind.min) or (ind.max is not None and value > ind.max):
        lo = "-∞" if ind.min is None else f"{ind.min:g}"
        hi = "∞" if ind.max is None else f"{ind.max:g}"
        return f"{value:g} is outside the bounds of {ind.id} — expected {lo} to {hi} {ind.unit}"
    return ""


def with_figures(ds: Dataset, region: str, figures: Figures) -> Dataset:
    """A copy of `ds` in which each `(indicator, year): value` is a scenario observation.

    A scenario figure replaces any observation of the same region, indicator and year; the
    original dataset and the files it came from are untouched.
    """
    if not figures:
        return ds
    kept = [
        o for o in ds.observations if not (o.region == region and (o.indicator, o.year) in figures)
    ]
    added = [
        Observation(
            region=region,
            indicator=indicator,
            year=year,
            value=float(value),
            status=SCENARIO,
            note=SCENARIO_NOTE_EN,
            note_vi=SCENARIO_NOTE_VI,
        )
        for (indicator, year), value in sorted(figures.items())
    ]
    return dataclasses.replace(ds, observations=kept + added)


def is_scenario(ds: Dataset) -> bool:
    """Whether any observation of `ds` is a scenario figure."""
    return any(o.status == SCENARIO for o in ds.observations)


def scenario_as_of(ds: Dataset, region: str, default: int) -> int:
    """The as-of year of a scenario: the latest of `default` and the scenario's years."""
    years = [o.year for o in ds.observations if o.region == region and o.status == SCENARIO]
    return max([default, *years])


def header(ds: Dataset, region: str, lang: str) -> str:
    """The first line of every scenario output: which figures are hypothetical."""
    from .text import fmt_value

    items = [
        f"{o.indicator} {o.year} = {fmt_value(o.value, ds.indicators[o.indicator].unit, lang)}"
        for o in ds.observations
        if o.region == region and o.status == SCENARIO
    ]
    return t("scenario.header", lang, items="; ".join(items))


def marker(lang: str) -> str:
    """The prefix of every line a scenario command prints."""
    return t("scenario.marker", lang)


def label(text: str, ds: Dataset, region: str, lang: str) -> str:
    """`text` with the scenario header first and the scenario marker on every line."""
    lines = [header(ds, region, lang), *text.rstrip("\n").splitlines()]
    end = "\n" if text.endswith("\n") else ""
    return "\n".join(marker(lang) + line if line else marker(lang).rstrip() for line in lines) + end


def explain_output(
    data_dir: object, target_id: str, as_of: int | None, lang: str, sets: list[str]
) -> str:
    """What `cnht explain` prints, as a labelled scenario when `sets` gives figures."""
    from .explain import explain_command, explain_text, find_target
    from .load import load_dataset
    from .text import check_lang

    if not sets:
        return explain_command(data_dir, target_id, as_of, lang)  # type: ignore[arg-type]
    lang = check_lang(lang)
    ds = load_dataset(data_dir)  # type: ignore[arg-type]
    region = ds.region_of(find_target(ds, target_id))
    ds = with_figures(ds, region, parse_figures(ds, sets))
    if as_of is None:
        from .assess import default_as_of

        as_of = scenario_as_of(ds, region, default_as_of(ds, region))
    return label(explain_text(ds, target_id, as_of, lang), ds, region, lang)
