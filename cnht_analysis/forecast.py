"""Trend models for short annual series and the probability that a target is met.

Three level models (method §"Probability of attainment"): an OLS linear trend and an OLS
log-linear trend (logit for percentages), both with the Student-t predictive distribution of
statsmodels (`OLS(...).fit().get_prediction`, `se_obs`, `df_resid`), and a random walk with
drift on logs whose
interval includes the uncertainty of the drift, σ·√(h + h²/m). Growth targets use one model of
iid log growths. Every function returns a defined answer: a probability in [0, 1], or a model
named as skipped with the reason — never NaN and never an exception for odd data.

A fit is separate from the event it is asked about (`LevelFit.result(event)`), so one fit of a
series serves every target on it. statsmodels and scipy.special are imported on first use, so
`cnht assess` pays their import (1–2 s for statsmodels) only when a probability is computed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np


class Reason(str):
    """Why a model was skipped: the English sentence the machine outputs carry, with the key
    and numbers the words catalogue words it from in either language (never parsed back)."""

    key: str
    args: dict[str, object]

    def __new__(cls, key: str, **args: object) -> Reason:
        from .words import t

        obj = super().__new__(cls, t(f"skip.{key}", "en", **args))
        obj.key = key
        obj.args = args
        return obj

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:  # kept whole through pickle
        return (_reason, (self.key, tuple(self.args.items())))

    def words(self, lang: str) -> str:
        """The reason in `lang`."""
        from .words import t

        return t(f"skip.{self.key}", lang, **self.args)


def _reason(key: str, items: tuple[tuple[str, object], ...]) -> Reason:
    return Reason(key, **dict(items))


MIN_POINTS = 4  # the spec: probabilities need at least four observations
INTERVALS = (0.80, 0.95)
_POINT_MASS = 1e-12  # a predictive sd below this (relative to the location) is a point mass
_EQUAL = 1e-9  # relative slack when a point forecast is compared with a threshold


@dataclass(frozen=True)
class ForecastPath:
    """Central forecast and 80 % / 95 % intervals of one model for each year up to the target.

    `mean` is the centre of the predictive distribution on the model's scale taken back to the
    indicator's unit: the mean for the linear trend, the median for log and logit models.
    """

    model: str
    years: tuple[int, ...]
    mean: tuple[float, ...]
    lo80: tuple[float, ...]
    hi80: tuple[float, ...]
    lo95: tuple[float, ...]
    hi95: tuple[float, ...]


@dataclass(frozen=True)
class ModelResult:
    """One model's forecast at the target year and its probability of meeting the target."""

    model: str
    p: float | None = None
    forecast: float | None = None  # central forecast at the target year, in the indicator's unit
    skipped: str = ""  # why the model was not fitted ("" when it was)
    path: ForecastPath | None = field(default=None, compare=False)

    @property
    def fitted(self) -> bool:
        """True when the model was fitted and gave a probability."""
        return self.p is not None


@dataclass(frozen=True)
class Event:
    """The set of values that meet a target: lo ≤ y ≤ hi (either side may be open)."""

    lo: float = -math.inf
    hi: float = math.inf

    def contains(self, y: float) -> bool:
        """Whether the value y meets the target (equality within a relative 1e-9 counts)."""
        return self.lo - _slack(self.lo) <= y <= self.hi + _slack(self.hi)


def _slack(v: float) -> float:
    return 0.0 if math.isinf(v) else _EQUAL * max(1.0, abs(v))


# --- Student-t helpers (scipy.special: fast, and imported only when needed) -----------------


def t_cdf(x: float, df: float) -> float:
    """P(T ≤ x) for a Student-t with `df` degrees of freedom."""
    from scipy.special import stdtr

    if x == math.inf:
        return 1.0
    if x == -math.inf:
        return 0.0
    return float(stdtr(df, x))


@lru_cache(maxsize=256)
def t_quantile(q: float, df: float) -> float:
    """The q-quantile of a Student-t with `df` degrees of freedom."""
    from scipy.special import stdtrit

    return float(stdtrit(df, q))


def t_prob(loc: float, scale: float, df: float, lo: float, hi: float) -> float:
    """P(lo ≤ loc + scale·T ≤ hi) for T ~ Student-t(df); a point mass when scale is ~0."""
    if not math.isfinite(loc) or not math.isfinite(scale) or df <= 0:
        return 0.0
    if scale <= _POINT_MASS * max(1.0, abs(loc)):
        return 1.0 if Event(lo, hi).contains(loc) else 0.0
    upper = t_cdf((hi - loc) / scale, df) if hi != math.inf else 1.0
    lower = t_cdf((lo - loc) / scale, df) if lo != -math.inf else 0.0
    return min(1.0, max(0.0, upper - lower))


# --- scales --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """A monotone transform used to fit a model, with its inverse and domain check."""

    name: str
    forward: Callable[[np.ndarray], np.ndarray]
    inverse: Callable[[np.ndarray], np.ndarray]
    valid: Callable[[np.ndarray], bool]
    why_invalid: str

    def bound(self, v: float) -> float:
        """A threshold moved to the model scale; ±inf where it falls outside the domain."""
        if math.isinf(v):
            return v
        if self.name == "log":
            return math.log(v) if v > 0 else -math.inf
        if self.name == "logit":
            if v <= 0:
                return -math.inf
            if v >= 100:
                return math.inf
            return math.log(v / (100.0 - v))
        return v


def _logit(y: np.ndarray) -> np.ndarray:
    return np.log(y / (100.0 - y))


def _expit100(z: np.ndarray) -> np.ndarray:
    return 100.0 / (1.0 + np.exp(-z))


IDENTITY = Scale("identity", lambda y: y, lambda z: z, lambda y: True, "")
LOG = Scale("log", np.log, np.exp, lambda y: bool(np.all(y > 0)), Reason("non_positive"))
LOGIT = Scale(
    "logit",
    _logit,
    _expit100,
    lambda y: bool(np.all((y > 0) & (y < 100))),
    Reason("not_in_0_100"),
)


# --- level models --------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelFit:
    """One level model fitted to a series: loc + sd·T_df on the model scale for each path year.

    The last path year is the target year. A model that could not be fitted has `skipped` set
    (the reason) and empty arrays.
    """

    model: str
    scale: Scale = IDENTITY
    years: tuple[int, ...] = ()
    loc: tuple[float, ...] = ()
    sd: tuple[float, ...] = ()
    df: float = 0.0
    skipped: str = ""

    @property
    def fitted(self) -> bool:
        """True when the model was fitted."""
        return not self.skipped

    def probability(self, event: Event) -> float | None:
        """P(the value in the target year lies in `event`); None for a skipped model."""
        if self.skipped:
            return None
        lo, hi = self.scale.bound(event.lo), self.scale.bound(event.hi)
        return t_prob(self.loc[-1], self.sd[-1], self.df, lo, hi)

    def path(self) -> ForecastPath | None:
        """Central forecast and 80 % / 95 % intervals for each path year (unit of the data)."""
        return self._path

    @cached_property
    def _path(self) -> ForecastPath | None:
        # computed once per fit, however many targets ask (works on a frozen dataclass because
        # cached_property writes to the instance __dict__ directly)
        if self.skipped:
            return None
        return _path(
            self.model, self.years, np.array(self.loc), np.array(self.sd), self.df, self.scale
        )

    def result(self, event: Event) -> ModelResult:
        """This model's answer for one target: probability, forecast at T, path."""
        if self.skipped:
            return ModelResult(self.model, skipped=self.skipped)
        path = self.path()
        return ModelResult(self.model, self.probability(event), path.mean[-1], "", path)


def _path(
    model: str,
    years: Sequence[int],
    locs: np.ndarray,
    sds: np.ndarray,
    df: float,
    scale: Scale,
) -> ForecastPath:
    q80 = t_quantile(0.5 + INTERVALS[0] / 2, df)
    q95 = t_quantile(0.5 + INTERVALS[1] / 2, df)
    inv = scale.inverse

    def seq(z: np.ndarray) -> tuple[float, ...]:
        with np.errstate(over="ignore"):  # exp of a huge bound is inf (or 0), not a warning
            return tuple(inv(z).tolist())

    return ForecastPath(
        model,
        tuple(int(y) for y in years),
        seq(locs),
        seq(locs - q80 * sds),
        seq(locs + q80 * sds),
        seq(locs - q95 * sds),
        seq(locs + q95 * sds),
    )


def path_years(last_year: int, target_year: int) -> np.ndarray:
    """The years a forecast path covers: every year after the last observation up to T."""
    if target_year <= last_year:
        return np.array([target_year])
    return np.arange(last_year + 1, target_year + 1)


class OlsTrend:
    """An OLS trend of the (transformed) values on the year, fitted once with statsmodels.

    `at(target_year)` gives the Student-t predictive distribution (`get_prediction`, `se_obs`,
    `df_resid`) for every path year; the fit itself does not depend on the target year.
    """

    def __init__(self, name: str, years: Sequence[int], values: Sequence[float], scale: Scale):
        self.name, self.scale = name, scale
        self.t = np.asarray(years, dtype=float)
        y = np.asarray(values, dtype=float)
        self.skipped = ""
        if len(y) < 4:  # two parameters + 2
            self.skipped = Reason("min_points", need=4, have=len(y))
        elif not scale.valid(y):
            self.skipped = scale.why_invalid
        self._y = y
        self._res = None

    def _fit(self):
        if self._res is None:
            from statsmodels.regression.linear_model import OLS

            # plain numpy arrays, not a year-indexed Series: avoids the index traps (§6.2)
            with np.errstate(all="ignore"):
                z = self.scale.forward(self._y)
                exog = np.column_stack([np.ones_like(self.t), self.t - self.t.min()])
                self._res = OLS(z, exog, hasconst=True).fit()
        return self._res

    def at(self, target_year: int) -> LevelFit:
        """The predictive distribution for each year after the last observation up to T."""
        if self.skipped:
            return LevelFit(self.name, skipped=self.skipped)
        res = self._fit()
        future = path_years(int(self.t.max()), target_year)
        with np.errstate(all="ignore"):
            rows = np.column_stack([np.ones(len(future)), future - self.t.min()])
            pred = res.get_prediction(rows)
            locs = np.asarray(pred.predicted_mean, dtype=float)
            sds = np.asarray(pred.se_obs, dtype=float)
        if not (np.all(np.isfinite(locs)) and np.all(np.isfinite(sds))):
            return LevelFit(self.name, skipped=Reason("not_finite"))
        years = tuple(future.tolist())
        return LevelFit(
            self.name,
            self.scale,
            years,
            tuple(locs.tolist()),
            tuple(sds.tolist()),
            float(res.df_resid),
        )


class RandomWalkDrift:
    """Random walk with drift on ln y, the drift's own uncertainty included (σ·√(h + h²/m))."""

    name = "rw_drift"

    def __init__(self, years: Sequence[int], values: Sequence[float]):
        y = np.asarray(values, dtype=float)
        t = np.asarray(years, dtype=float)
        self.skipped = ""
        if len(y) < 3:  # one parameter + 2
            self.skipped = Reason("min_points", need=3, have=len(y))
        elif not LOG.valid(y):
            self.skipped = LOG.why_invalid
        else:
            d = np.diff(np.log(y)) / np.diff(t)  # growth per year, a gap spread evenly
            self.m = len(d)
            self.mu = float(d.mean())
            self.s = float(d.std(ddof=1))
            self.last = int(t.max())
            self.ln_last = math.log(y[-1])

    def at(self, target_year: int) -> LevelFit:
        """ln Y_{l+h} ~ ln y_l + hμ + s·√(h + h²/m)·t_{m−1} for each path year."""
        if self.skipped:
            return LevelFit(self.name, skipped=self.skipped)
        future = path_years(self.last, target_year)
        h = np.maximum(future - self.last, 0).astype(float)
        locs = self.ln_last + h * self.mu
        sds = self.s * np.sqrt(h + h**2 / self.m)
        if not (np.all(np.isfinite(locs)) and np.all(np.isfinite(sds))):
            return LevelFit(self.name, skipped=Reason("not_finite"))
        years = tuple(future.tolist())
        return LevelFit(
            self.name, LOG, years, tuple(locs.tolist()), tuple(sds.tolist()), float(self.m - 1)
        )


class LevelModels:
    """The three level models of one series, fitted once and asked about any target year."""

    def __init__(self, unit: str, years: Sequence[int], values: Sequence[float]):
        second = ("logit", LOGIT) if unit == "percent" else ("log_linear", LOG)
        self.models = (
            OlsTrend("linear", years, values, IDENTITY),
            OlsTrend(second[0], years, values, second[1]),
            RandomWalkDrift(years, values),
        )
        self._fits: dict[int, list[LevelFit]] = {}

    def fits(self, target_year: int) -> list[LevelFit]:
        """Each model's predictive distribution up to `target_year` (or its reason to skip)."""
        if target_year not in self._fits:
            self._fits[target_year] = [m.at(target_year) for m in self.models]
        return self._fits[target_year]


def fit_ols(
    name: str, years: Sequence[int], values: Sequence[float], target_year: int, scale: Scale
) -> LevelFit:
    """OLS of the (transformed) values on the year (statsmodels), predictive Student-t."""
    return OlsTrend(name, years, values, scale).at(target_year)


def fit_rw_drift(years: Sequence[int], values: Sequence[float], target_year: int) -> LevelFit:
    """Random walk with drift on ln y, the drift's own uncertainty included (σ·√(h + h²/m))."""
    return RandomWalkDrift(years, values).at(target_year)


def fit_level_models(
    unit: str, years: Sequence[int], values: Sequence[float], target_year: int
) -> list[LevelFit]:
    """The three level models of the method, fitted or named as skipped (years ascending)."""
    return LevelModels(unit, years, values).fits(target_year)


def ols_trend(
    name: str,
    years: Sequence[int],
    values: Sequence[float],
    target_year: int,
    event: Event,
    scale: Scale,
) -> ModelResult:
    """OLS of the (transformed) values on the year; P from the Student-t predictive distribution."""
    return fit_ols(name, years, values, target_year, scale).result(event)


def rw_drift(
    name: str, years: Sequence[int], values: Sequence[float], target_year: int, event: Event
) -> ModelResult:
    """Random walk with drift on ln y; P that the value in the target year lies in `event`."""
    fit = fit_rw_drift(years, values, target_year)
    return ModelResult(name, skipped=fit.skipped) if fit.skipped else fit.result(event)


def level_models(
    unit: str, years: Sequence[int], values: Sequence[float], target_year: int, event: Event
) -> list[ModelResult]:
    """The three level models of the method, each with its probability for `event`."""
    return [f.result(event) for f in fit_level_models(unit, years, values, target_year)]


# --- growth targets ------------------------------------------------------------------------


def growth_model(
    growths: Sequence[float],
    observed_in_window: Sequence[float],
    window_years: int,
    threshold_pct: float,
    future_years: Sequence[int],
) -> ModelResult:
    """iid log growths: P(cumulative growth over the window meets X) given what is observed.

    `growths` are all observed growths (%), `observed_in_window` those of years in the window,
    `window_years` = |W|; the k = |W| − |O| unobserved years have log growths summing to
    kμ + s·√(k + k²/n)·t_{n−1}. The path gives the annual growth (%) of each of `future_years`.
    """
    name = "growth_iid"
    g = np.asarray(growths, dtype=float)
    n = len(g)
    if n < MIN_POINTS:
        return ModelResult(name, skipped=Reason("min_growths", need=MIN_POINTS, have=n))
    if np.any(g <= -100.0):
        return ModelResult(name, skipped=Reason("growth_le_minus_100"))
    r = np.log1p(g / 100.0)
    mu = float(r.mean())
    s = float(r.std(ddof=1))
    done = float(np.sum(np.log1p(np.asarray(observed_in_window, dtype=float) / 100.0)))
    k = window_years - len(observed_in_window)
    need = window_years * math.log1p(threshold_pct / 100.0) if threshold_pct > -100 else -math.inf
    df = float(n - 1)
    if k <= 0:
        p = 1.0 if Event(lo=need).contains(done) else 0.0
    else:
        p = t_prob(done + k * mu, s * math.sqrt(k + k * k / n), df, need, math.inf)
    forecast = 100.0 * math.expm1((done + max(k, 0) * mu) / window_years)
    path = None
    if future_years:
        steps = np.ones(len(future_years))
        growth_scale = Scale("log1p", np.log1p, np.expm1, lambda y: True, "")
        raw = _path(
            name, future_years, mu * steps, s * math.sqrt(1.0 + 1.0 / n) * steps, df, growth_scale
        )
        path = ForecastPath(
            name,
            raw.years,
            *(
                tuple(100.0 * v for v in seq)
                for seq in (raw.mean, raw.lo80, raw.hi80, raw.lo95, raw.hi95)
            ),
        )
    return ModelResult(name, p, forecast, "", path)


# --- combining -----------------------------------------------------------------------------

LIKELIHOOD = (
    (0.99, "virtually_certain"),  # p > 0.99 (strict)
    (0.90, "very_likely"),
    (0.66, "likely"),
    (0.33, "about_as_likely_as_not"),
    (0.10, "unlikely"),
    (0.01, "very_unlikely"),
)


def likelihood(p: float | None) -> str:
    """The IPCC likelihood term (English code) for a probability; '' when there is none."""
    if p is None:
        return ""
    if p > 0.99:
        return "virtually_certain"
    for bound, term in LIKELIHOOD[1:]:
        if p >= bound:
            return term
    return "exceptionally_unlikely"


def combine(results: Sequence[ModelResult]) -> tuple[float | None, float | None, float | None]:
    """(median, min, max) of the fitted models' probabilities; Nones when none was fitted."""
    ps = sorted(r.p for r in results if r.p is not None)
    if not ps:
        return None, None, None
    mid = len(ps) // 2
    median = ps[mid] if len(ps) % 2 else (ps[mid - 1] + ps[mid]) / 2
    return median, ps[0], ps[-1]
