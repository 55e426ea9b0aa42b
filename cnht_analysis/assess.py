"""Assess a target as of a year, following the method (docs/method.md) to the letter.

`assess_target` returns an `Assessment`: the status and every number behind it, so that the
table, the CSV, `cnht explain` and the report all read the same record.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import forecast
from .errors import UsageError
from .forecast import Event, ForecastPath, ModelResult
from .indicators import series
from .models import GROWTH_TYPES, Dataset, Observation, Programme, Target

# Eurostat / Statistics Canada thresholds on the ratio of actual to required growth.
ON_TRACK, ACCELERATION, LIMITED = 0.95, 0.60, 0.0
EPS = 1e-12

# The columns of `assessment.csv` (spec §3), in order.
COLUMNS = (
    "target_id",
    "programme",
    "region",
    "indicator",
    "type",
    "target_year",
    "as_of",
    "target_value",
    "threshold",
    "base_year",
    "base_value",
    "latest_year",
    "latest_value",
    "cagr_actual_pct",
    "cagr_required_pct",
    "ratio",
    "status",
    "p_attain",
    "p_low",
    "p_high",
    "likelihood",
    "n_obs",
    "flags",
    "cagr_needed_pct",
    "needed_is_upper_bound",
)


@dataclass
class Assessment:
    """One target assessed as of one year, with every number behind the status."""

    target: Target
    region: str
    as_of: int
    threshold: float
    status: str = "unable_to_assess"
    computed_status: str = ""  # the status before a manual override
    override_reason: str = ""
    base_year: int | None = None
    base_value: float | None = None
    latest_year: int | None = None
    latest_value: float | None = None
    cagr_actual: float | None = None  # fraction per year (0.05 = 5 %/yr)
    cagr_required: float | None = None
    ratio: float | None = None
    p_attain: float | None = None
    p_low: float | None = None
    p_high: float | None = None
    n_obs: int = 0
    flags: list[str] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)  # the series used
    models: list[ModelResult] = field(default_factory=list)
    direction: str = ""  # at_least | at_most: the side a level target (a band) is judged on
    branch: str = ""  # ex_post | met_early | progress | growth_ex_post | growth_progress | none
    window: tuple[int, int] | None = None
    window_observed: list[tuple[int, float]] = field(default_factory=list)  # (year, growth %) in W
    years_failed: list[int] = field(default_factory=list)
    # What it takes from now (method: "What it takes from now"), T > A only.
    cagr_needed: float | None = None  # fraction per year the remaining years must deliver
    needed_is_upper_bound: bool = False  # the latest figure is a favourable bound: "at most"
    gap: float | None = None  # c − x_l in the indicator's unit (level targets)
    next_year_value: float | None = None  # the value needed in as_of + 1 on that path (levels)
    old_figures: list[Observation] = field(default_factory=list)  # of an old definition

    @property
    def likelihood(self) -> str:
        """The IPCC term for p_attain (English code), '' when not computed."""
        return forecast.likelihood(self.p_attain)

    @property
    def paths(self) -> list[ForecastPath]:
        """Forecast paths (mean, 80 % and 95 % intervals) of the fitted models."""
        return [m.path for m in self.models if m.path is not None]

    def flag(self, code: str) -> None:
        """Add a flag once."""
        if code not in self.flags:
            self.flags.append(code)

    def row(self) -> dict[str, object]:
        """The record as the columns of spec §3 (None for empty cells)."""
        t = self.target
        return {
            "target_id": t.id,
            "programme": t.programme,
            "region": self.region,
            "indicator": t.indicator,
            "type": t.type,
            "target_year": t.year,
            "as_of": self.as_of,
            "target_value": t.value,
            "threshold": self.threshold,
            "base_year": self.base_year,
            "base_value": self.base_value,
            "latest_year": self.latest_year,
            "latest_value": self.latest_value,
            "cagr_actual_pct": None if self.cagr_actual is None else 100.0 * self.cagr_actual,
            "cagr_required_pct": None if self.cagr_required is None else 100.0 * self.cagr_required,
            "ratio": self.ratio,
            "status": self.status,
            "p_attain": self.p_attain,
            "p_low": self.p_low,
            "p_high": self.p_high,
            "likelihood": self.likelihood,
            "n_obs": self.n_obs,
            "flags": ";".join(self.flags),
            "cagr_needed_pct": None if self.cagr_needed is None else 100.0 * self.cagr_needed,
            "needed_is_upper_bound": "true" if self.needed_is_upper_bound else None,
        }


def status_from_ratio(ratio: float) -> str:
    """The status for a ratio of actual to required growth (method table)."""
    if ratio >= ON_TRACK - EPS:
        return "on_track"
    if ratio >= ACCELERATION - EPS:
        return "acceleration_needed"
    if ratio >= LIMITED:
        return "limited_progress"
    return "deterioration"


def cagr(first: float, last: float, years: int) -> float:
    """Compound annual growth rate (fraction) from `first` to `last` over `years` years."""
    return (last / first) ** (1.0 / years) - 1.0


class SeriesCache:
    """Series and model fits shared by the targets assessed on one dataset (any as-of years).

    Several targets often sit on the same indicator; they then share its derived series and its
    trend fits, and only the probability of each target's own event is computed per target.
    Entries are keyed by (region, indicator, last year used), so as-of years can share a cache;
    datasets must not.
    """

    def __init__(self) -> None:
        self.series: dict[tuple[str, str, int], tuple[list[Observation], bool]] = {}
        self.models: dict[tuple[str, str, int], forecast.LevelModels] = {}
        self.breaks: dict[tuple[str, str, int], int | None] = {}


def last_break(
    ds: Dataset, region: str, indicator: str, until: int, cache: SeriesCache | None = None
) -> int | None:
    """The year of the last series break at or before `until` (None when there is none)."""
    key = (region, indicator, until)
    if cache is not None and key in cache.breaks:
        return cache.breaks[key]
    year = max((o.year for o in series(ds, region, indicator, until) if o.breaks), default=None)
    if cache is not None:
        cache.breaks[key] = year
    return year


def used_series(
    ds: Dataset, region: str, indicator: str, until: int, cache: SeriesCache | None = None
) -> tuple[list[Observation], bool]:
    """Observations with year ≤ `until` from the last series break on, and whether one applies."""
    key = (region, indicator, until)
    if cache is not None and key in cache.series:
        return cache.series[key]
    obs = series(ds, region, indicator, until)
    cut = max((i for i, o in enumerate(obs) if o.breaks), default=None)
    found = (obs, False) if cut is None else (obs[cut:], True)
    if cache is not None:
        cache.series[key] = found
    return found


def _flag_statuses(a: Assessment) -> None:
    statuses = {o.status for o in a.observations}
    for status, code in (
        ("derived", "derived_data"),
        ("estimate", "estimate_data"),
        ("preliminary", "preliminary_data"),
    ):
        if status in statuses:
            a.flag(code)


def _bound_flag(a: Assessment, qualifiers: set[str]) -> None:
    """The verdict cannot be proven from the bounds: unable_to_assess, naming the bound(s)."""
    a.status = "unable_to_assess"
    if "more_than" in qualifiers:
        a.flag("lower_bound")
    if "less_than" in qualifiers:
        a.flag("upper_bound")


def _progress_bound_check(a: Assessment, qualifiers: set[str], direction: str) -> None:
    """Keep a progress verdict only when the bounds prove it (method: Bounds).

    A bound on the favourable side (`more_than` for `at_least`, `less_than` for `at_most`)
    proves `on_track`; one on the unfavourable side proves `deterioration`; bounds on both
    sides prove nothing.
    """
    bounds = qualifiers & {"more_than", "less_than"}
    if not bounds or a.status == "unable_to_assess":
        return
    favourable = "more_than" if direction == "at_least" else "less_than"
    if bounds == {favourable}:
        provable = ("achieved", "on_track")
    elif favourable not in bounds:
        provable = ("missed", "deterioration")
    else:
        provable = ()
    if a.status not in provable:
        _bound_flag(a, bounds)


def _level_verdict_proven(o: Observation, event: Event, met: bool) -> bool:
    """Whether `achieved` (met) or `missed` (not met) holds for every value the bound allows.

    `more_than` v: the true value lies in [v, ∞); `less_than` v: in (−∞, v]. For `at_least` and
    `at_most` this is the method's rule (a favourable bound proves `achieved`, an unfavourable
    one `missed`); for a `band` a bound can only prove `missed`, when it lies beyond the band.
    """
    if o.qualifier == "more_than":
        return event.hi == math.inf if met else o.value > event.hi + _slack(event.hi)
    if o.qualifier == "less_than":
        return event.lo == -math.inf if met else o.value < event.lo - _slack(event.lo)
    return True


def _slack(v: float) -> float:
    return 0.0 if math.isinf(v) else 1e-9 * max(1.0, abs(v))


# --- level targets -------------------------------------------------------------------------


def level_event(t: Target) -> Event:
    """The values that meet a level target once tolerance is applied (c, or the band)."""
    tol = t.tolerance
    if t.type == "band":
        return Event(t.value - tol, t.value + tol)
    if t.type == "at_most":
        return Event(hi=t.value + tol)
    return Event(lo=t.value - tol)


def _direction(t: Target, event: Event, refs: list[Observation | None]) -> str:
    """'at_least' or 'at_most'; a band takes the side of the base value, else of the latest."""
    if t.type != "band":
        return t.type
    for ref in refs:
        if ref is None:
            continue
        if ref.value < event.lo - _slack(event.lo):
            return "at_least"
        if ref.value > event.hi + _slack(event.hi):
            return "at_most"
    return "at_least"


def _assess_level(a: Assessment, t: Target, T: int, A: int, b: int) -> None:
    obs = a.observations
    by_year = {o.year: o for o in obs}
    base = next((o for o in obs if o.year >= b), None)  # b' = first observed year ≥ b
    if base is not None:
        a.base_year, a.base_value = base.year, base.value
    latest = obs[-1] if obs else None  # l = latest observed year ≤ min(A, T)
    if latest is not None:
        a.latest_year, a.latest_value = latest.year, latest.value
    event = level_event(t)
    direction = _direction(t, event, [base, latest])
    a.direction = direction
    c = event.lo if direction == "at_least" else event.hi
    a.threshold = c

    if T <= A:  # 1. ex post
        a.branch = "ex_post"
        at_t = by_year.get(T)
        if at_t is None:
            a.status = "unable_to_assess"
            a.flag("no_target_year_data")
            return
        met = event.contains(at_t.value)
        a.status = "achieved" if met else "missed"
        if not _level_verdict_proven(at_t, event, met):
            _bound_flag(a, {at_t.qualifier})
        return

    if latest is not None and event.contains(latest.value):  # 2. met early
        a.branch = "met_early"
        if _level_verdict_proven(latest, event, True):
            a.status = "achieved"
            a.flag("achieved_early")
        else:
            _bound_flag(a, {latest.qualifier})
        return

    a.branch = "progress"  # 3. progress ratio
    if base is None or latest is None or base.year >= latest.year:
        a.status = "unable_to_assess"
        a.flag("insufficient_data")
        return
    if base.value <= 0 or latest.value <= 0 or c <= 0:
        a.status = "unable_to_assess"
        a.flag("nonpositive_values")
        return
    if base.qualifier in ("more_than", "less_than"):
        a.flag("base_is_bound")
    a.cagr_actual = cagr(base.value, latest.value, latest.year - base.year)
    a.cagr_required = cagr(base.value, c, T - base.year)
    sign = 1.0 if direction == "at_least" else -1.0
    if sign * a.cagr_required <= 0:  # the base met the target, the latest does not
        a.status = "deterioration"
    else:
        a.ratio = a.cagr_actual / a.cagr_required
        a.status = status_from_ratio(a.ratio)
    _progress_bound_check(a, {latest.qualifier}, direction)


def _level_probability(
    ds: Dataset, a: Assessment, t: Target, cache: SeriesCache | None
) -> list[ModelResult]:
    key = (a.region, t.indicator, min(a.as_of, t.year))  # the series used, as in used_series
    models = cache.models.get(key) if cache is not None else None
    if models is None:
        unit = ds.indicators[t.indicator].unit
        years = [o.year for o in a.observations]
        values = [o.value for o in a.observations]
        models = forecast.LevelModels(unit, years, values)
        if cache is not None:
            cache.models[key] = models
    event = level_event(t)
    return [f.result(event) for f in models.fits(t.year)]


# --- growth targets ------------------------------------------------------------------------


def growth_meets(t: Target, g: float) -> bool:
    """Whether one year's growth g (%) meets X: strictly above for `growth_above`, else ≥."""
    if t.type == "growth_above":
        return g > t.value + _slack(t.value)
    return g >= t.value - _slack(t.value)


def _assess_growth(a: Assessment, t: Target, T: int, A: int) -> None:
    W = t.window or (T, T)
    a.window = W
    a.direction = "at_least"
    obs = a.observations
    in_window = [o for o in obs if W[0] <= o.year <= W[1] and o.year <= A]  # O
    a.window_observed = [(o.year, o.value) for o in in_window]
    a.years_failed = [o.year for o in in_window if not growth_meets(t, o.value)]
    if in_window:
        a.latest_year, a.latest_value = in_window[-1].year, in_window[-1].value

    if T <= A:  # 1. ex post
        a.branch = "growth_ex_post"
        if a.years_failed:
            a.status = "missed"
            # a failing lower bound ("more than 9 %") may still pass: only a proven failure counts
            failed = [o for o in in_window if o.year in a.years_failed]
            if all(o.qualifier == "more_than" for o in failed):
                _bound_flag(a, {"more_than"})
        elif len(in_window) == W[1] - W[0] + 1:
            a.status = "achieved"
            if any(o.qualifier == "less_than" for o in in_window):
                _bound_flag(a, {"less_than"})
        else:
            a.status = "unable_to_assess"
            a.flag("no_target_year_data")
        return

    a.branch = "growth_progress"  # 2. before T, cumulative reading
    used = in_window
    if not used:
        used = [o for o in obs if o.year < W[0]][-5:]
        if not used:
            a.status = "unable_to_assess"
            a.flag("insufficient_data")
            return
        a.flag("recent_trend")
        a.latest_year, a.latest_value = used[-1].year, used[-1].value
    if a.years_failed:
        a.flag("year_missed")
    if any(1.0 + o.value / 100.0 <= 0 for o in used):
        a.status = "unable_to_assess"
        a.flag("nonpositive_values")
        return
    product = math.prod(1.0 + o.value / 100.0 for o in used)
    a.cagr_actual = product ** (1.0 / len(used)) - 1.0
    a.cagr_required = t.value / 100.0
    if a.cagr_required <= 0:  # a target of no growth or a decline: no ratio, judge the gap
        a.status = "on_track" if a.cagr_actual >= a.cagr_required - EPS else "deterioration"
    else:
        a.ratio = a.cagr_actual / a.cagr_required
        a.status = status_from_ratio(a.ratio)
    _progress_bound_check(a, {o.qualifier for o in used}, "at_least")


def _growth_probability(a: Assessment, t: Target) -> list[ModelResult]:
    W = a.window or (t.year, t.year)
    growths = [o.value for o in a.observations]
    future = [int(y) for y in forecast.path_years(a.observations[-1].year, t.year)]
    window_growths = [g for _, g in a.window_observed]
    return [forecast.growth_model(growths, window_growths, W[1] - W[0] + 1, t.value, future)]


# --- what it takes from now --------------------------------------------------------------


def _needed_level(a: Assessment, t: Target) -> None:
    """cagr_needed = (c / x_l)^(1/(T − l)) − 1 when x_l > 0, c > 0, l < T and c is not met."""
    if a.latest_year is None or a.latest_value is None or a.branch != "progress":
        return
    c, x, T, last = a.threshold, a.latest_value, t.year, a.latest_year
    a.gap = c - x
    if x <= 0 or c <= 0 or last >= T:
        return
    a.cagr_needed = cagr(x, c, T - last)
    a.next_year_value = x * (1.0 + a.cagr_needed) ** (a.as_of + 1 - last)
    latest = a.observations[-1] if a.observations else None
    if latest is not None and latest.qualifier == "more_than" and a.direction == "at_least":
        a.needed_is_upper_bound = True


def _needed_growth(a: Assessment, t: Target) -> None:
    """The average growth the k unobserved years of W must reach for the cumulative reading."""
    W = a.window or (t.year, t.year)
    size = W[1] - W[0] + 1
    k = size - len(a.window_observed)
    if k < 1 or any(1.0 + g / 100.0 <= 0 for _, g in a.window_observed):
        return
    product = math.prod(1.0 + g / 100.0 for _, g in a.window_observed)
    a.cagr_needed = ((1.0 + t.value / 100.0) ** size / product) ** (1.0 / k) - 1.0
    in_window = [o for o in a.observations if W[0] <= o.year <= W[1] and o.year <= a.as_of]
    a.needed_is_upper_bound = any(o.qualifier == "more_than" for o in in_window)


# --- the assessment ------------------------------------------------------------------------


def assess_target(
    ds: Dataset, target: Target, as_of: int, cache: SeriesCache | None = None
) -> Assessment:
    """Assess one target as of a year (data after `as_of` are ignored)."""
    t = target
    prog = ds.programmes[t.programme]
    region = prog.region
    T, A = t.year, as_of
    b = t.base_year if t.base_year is not None else prog.base_year
    a = Assessment(target=t, region=region, as_of=A, threshold=t.threshold)
    a.observations, broke = used_series(ds, region, t.indicator, min(A, T), cache)
    cut = last_break(ds, region, t.indicator, A, cache)
    if cut is not None and any(o.year < cut for o in a.observations):
        # figures older than a later break (at or before A) are of an old definition: never
        # the latest figure, never compared with the target (method: Inputs)
        a.old_figures = [o for o in a.observations if o.year < cut]
        a.observations = [o for o in a.observations if o.year >= cut]
        a.flag("old_definition")
        broke = True
    a.n_obs = len(a.observations)
    if broke:
        a.flag("series_break")
    _flag_statuses(a)
    if a.old_figures and not a.observations:
        a.status = a.computed_status = "unable_to_assess"
        a.flag("no_comparable_figure")
        a.window = (t.window or (T, T)) if t.type in GROWTH_TYPES else None
        a.branch = ("growth_" if t.type in GROWTH_TYPES else "") + (
            "ex_post" if T <= A else "progress"
        )
        _apply_override(ds, a)
        return a

    if t.type in GROWTH_TYPES:
        _assess_growth(a, t, T, A)
    else:
        _assess_level(a, t, T, A, b)

    if T > A and a.status != "achieved":
        if t.type in GROWTH_TYPES:
            _needed_growth(a, t)
        else:
            _needed_level(a, t)

    if T > A:
        if a.n_obs >= forecast.MIN_POINTS:
            if t.type in GROWTH_TYPES:
                a.models = _growth_probability(a, t)
            else:
                a.models = _level_probability(ds, a, t, cache)
            for m in a.models:
                if not m.fitted:
                    a.flag(f"skipped_{m.model}")
            a.p_attain, a.p_low, a.p_high = forecast.combine(a.models)
            if a.p_attain is not None:
                if a.p_high - a.p_low > 0.5:
                    a.flag("models_disagree")
                if (a.status == "on_track" and a.p_attain < 1 / 3) or (
                    a.ratio is not None and a.ratio < ACCELERATION and a.p_attain > 2 / 3
                ):
                    a.flag("status_conflict")
        else:
            a.flag("too_few_points_for_probability")

    a.computed_status = a.status
    _apply_override(ds, a)
    return a


def _apply_override(ds: Dataset, a: Assessment) -> None:
    for o in ds.overrides:
        if o.target == a.target.id and o.as_of == a.as_of:
            a.status = o.status
            a.override_reason = o.reason
            a.flag("manual_override")


def default_as_of(ds: Dataset, region: str) -> int:
    """The latest year with an actual or preliminary observation for the region."""
    years = [
        o.year
        for o in ds.observations
        if o.region == region and o.status in ("actual", "preliminary")
    ]
    if not years:
        raise UsageError(
            f"--as-of: region '{region}' has no actual or preliminary observation;"
            " give --as-of YEAR"
        )
    return max(years)


def check_region(ds: Dataset, region: str) -> None:
    """Raise a usage error naming the known regions when `region` has no programme or data."""
    if any(p.region == region for p in ds.programmes.values()):
        return  # the usual case, without scanning every observation
    known = ds.regions_in_use()
    if region not in known:
        from .load import suggest

        raise UsageError(
            f"--region: unknown region '{region}'{suggest(region, known)}"
            f" — expected one of {', '.join(known)}"
        )


def assess_all(ds: Dataset, region: str = "hanoi", as_of: int | None = None) -> list[Assessment]:
    """Every target of the region's programmes in force as of a year, in registry order.

    A programme adopted after the as-of year (`Programme.adopted`) is not yet in force: its
    targets are left out (see `programmes_adopted_later`).
    """
    check_region(ds, region)
    year = default_as_of(ds, region) if as_of is None else as_of
    cache = SeriesCache()
    return [
        assess_target(ds, t, year, cache)
        for t in ds.targets
        if ds.programmes[t.programme].region == region and ds.programmes[t.programme].in_force(year)
    ]


def programmes_adopted_later(ds: Dataset, region: str, as_of: int) -> list[Programme]:
    """The region's programmes adopted after `as_of`, in registry order (named, not assessed)."""
    return [p for p in ds.programmes.values() if p.region == region and not p.in_force(as_of)]


# --- output --------------------------------------------------------------------------------


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.12g}"
    return str(v)


def table_csv(rows: Iterable[Mapping[str, object]], columns: Sequence[str]) -> str:
    """Rows as CSV text under a header of `columns` (floats to 12 digits, None empty)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    w.writerows([_cell(row[c]) for c in columns] for row in rows)
    return buf.getvalue()


def to_csv(results: list[Assessment]) -> str:
    """The assessment table as CSV text (spec §3 columns, in order)."""
    return table_csv((a.row() for a in results), COLUMNS)


def to_json(results: list[Assessment]) -> str:
    """The assessment table as a JSON list of objects (spec §3 keys, in order)."""
    rows = []
    for a in results:
        row = a.row()
        rows.append(
            {
                c: (None if isinstance(row[c], float) and not math.isfinite(row[c]) else row[c])
                for c in COLUMNS
            }
        )
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def assess_command(
    data_dir: Path | None, region: str, as_of: int | None, fmt: str, lang: str
) -> str:
    """What `cnht assess` prints."""
    from .load import load_dataset

    ds = load_dataset(data_dir)
    results = assess_all(ds, region, as_of)
    if fmt == "csv":
        return to_csv(results)
    if fmt == "json":
        return to_json(results)
    from .text import assessment_table

    return assessment_table(ds, results, lang)
