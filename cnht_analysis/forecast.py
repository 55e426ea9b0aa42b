"""Trend models for short annual series and the probability that a target is met.

Three level models (method §"Probability of attainment"): an OLS linear trend, an OLS
log-linear trend (logit for percentages) with the Student-t predictive distribution of
statsmodels, and a random walk with drift on logs whose interval includes the uncertainty of
the drift. Growth targets use one model of iid log growths. Every function returns a defined
answer: a probability in [0, 1], or a model named as skipped with the reason.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import stats

MIN_POINTS = 4  # the spec: probabilities need at least four observations
INTERVALS = (0.80, 0.95)


@dataclass(frozen=True)
class ForecastPath:
    """Mean and 80 % / 95 % intervals of one model for each year up to the target year."""

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
    forecast: float | None = None  # point forecast at the target year, in the indicator's unit
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
        """Whether the value y meets the target."""
        return self.lo <= y <= self.hi


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


IDENTITY = Scale("identity", lambda y: y, lambda z: z, lambda y: True, "")
LOG = Scale("log", np.log, np.exp, lambda y: bool(np.all(y > 0)), "non-positive values")
LOGIT = Scale(
    "logit",
    lambda y: np.log(y / (100.0 - y)),
    lambda z: 100.0 / (1.0 + np.exp(-z)),
    lambda y: bool(np.all((y > 0) & (y < 100))),
    "values not strictly between 0 and 100 %",
)


def t_prob(loc: float, scale: float, df: float, lo: float, hi: float) -> float:
    """P(lo ≤ loc + scale·T ≤ hi) for T ~ Student-t(df); a point mass when scale is 0."""
    if not math.isfinite(loc):
        return 0.0
    if scale <= 1e-12 * max(1.0, abs(loc)) or not math.isfinite(scale):
        return 1.0 if lo <= loc <= hi else 0.0
    upper = 1.0 if hi == math.inf else float(stats.t.cdf((hi - loc) / scale, df))
    lower = 0.0 if lo == -math.inf else float(stats.t.cdf((lo - loc) / scale, df))
    return min(1.0, max(0.0, upper - lower))


def _path(model: str, years: Sequence[int], locs: np.ndarray, scales: np.ndarray, df: float, scale: Scale) -> ForecastPath:
    q = {level: float(stats.t.ppf(0.5 + level / 2, df)) if df > 0 else 0.0 for level in INTERVALS}
    inv = scale.inverse
    return ForecastPath(
        model,
        tuple(int(y) for y in years),
        tuple(float(v) for v in inv(locs)),
        tuple(float(v) for v in inv(locs - q[0.80] * scales)),
        tuple(float(v) for v in inv(locs + q[0.80] * scales)),
        tuple(float(v) for v in inv(locs - q[0.95] * scales)),
        tuple(float(v) for v in inv(locs + q[0.95] * scales)),
    )


# --- level models --------------------------------------------------------------------------


def ols_trend(
    name: str, years: Sequence[int], values: Sequence[float], target_year: int, event: Event, scale: Scale
) -> ModelResult:
    """OLS of the (transformed) values on the year; P from the Student-t predictive distribution."""
    from statsmodels.regression.linear_model import OLS

    y = np.asarray(values, dtype=float)
    t = np.asarray(years, dtype=float)
    if len(y) < 4:  # two parameters + 2
        return ModelResult(name, skipped=f"needs at least 4 points, has {len(y)}")
    if not scale.valid(y):
        return ModelResult(name, skipped=scale.why_invalid)
    z = scale.forward(y)
    t0 = t.min()
    exog = np.column_stack([np.ones_like(t), t - t0])
    last = int(t.max())
    future = np.arange(last + 1, target_year + 1) if target_year > last else np.array([target_year])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = OLS(z, exog).fit()
        pred = res.get_prediction(np.column_stack([np.ones(len(future)), future - t0]))
        locs = np.asarray(pred.predicted_mean, dtype=float)
        scales = np.nan_to_num(np.asarray(pred.se_obs, dtype=float), nan=0.0)
    df = float(res.df_resid)
    p = t_prob(float(locs[-1]), float(scales[-1]), df, scale.bound(event.lo), scale.bound(event.hi))
    path = _path(name, future, locs, scales, df, scale)
    return ModelResult(name, p, path.mean[-1], "", path)


def rw_drift(
    name: str, years: Sequence[int], values: Sequence[float], target_year: int, event: Event
) -> ModelResult:
    """Random walk with drift on ln y, the drift's own uncertainty included (σ·√(h + h²/m))."""
    y = np.asarray(values, dtype=float)
    t = np.asarray(years, dtype=float)
    if len(y) < 3:  # one parameter + 2
        return ModelResult(name, skipped=f"needs at least 3 points, has {len(y)}")
    if not LOG.valid(y):
        return ModelResult(name, skipped=LOG.why_invalid)
    d = np.diff(np.log(y)) / np.diff(t)
    m = len(d)
    mu = float(d.mean())
    s = float(d.std(ddof=1)) if m > 1 else 0.0
    last = int(t.max())
    h_all = np.arange(1, max(target_year - last, 0) + 1, dtype=float)
    if len(h_all) == 0:
        h_all = np.array([0.0])
    locs = math.log(y[-1]) + h_all * mu
    scales = s * np.sqrt(h_all + h_all**2 / m)
    df = float(m - 1)
    p = t_prob(float(locs[-1]), float(scales[-1]), df, LOG.bound(event.lo), LOG.bound(event.hi))
    path = _path(name, (last + h_all).astype(int), locs, scales, df, LOG)
    return ModelResult(name, p, path.mean[-1], "", path)


def level_models(
    unit: str, years: Sequence[int], values: Sequence[float], target_year: int, event: Event
) -> list[ModelResult]:
    """The three level models of the method, fitted or named as skipped."""
    second = ("logit", LOGIT) if unit == "percent" else ("log_linear", LOG)
    return [
        ols_trend("linear", years, values, target_year, event, IDENTITY),
        ols_trend(second[0], years, values, target_year, event, second[1]),
        rw_drift("rw_drift", years, values, target_year, event),
    ]


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
    kμ + s·√(k + k²/n)·t_{n−1}.
    """
    name = "growth_iid"
    g = np.asarray(growths, dtype=float)
    n = len(g)
    if n < MIN_POINTS:
        return ModelResult(name, skipped=f"needs at least {MIN_POINTS} growth values, has {n}")
    if np.any(g <= -100.0):
        return ModelResult(name, skipped="a growth of −100 % or less has no logarithm")
    r = np.log1p(g / 100.0)
    mu = float(r.mean())
    s = float(r.std(ddof=1))
    done = float(np.sum(np.log1p(np.asarray(observed_in_window, dtype=float) / 100.0)))
    k = window_years - len(observed_in_window)
    need = window_years * math.log1p(threshold_pct / 100.0)
    df = float(n - 1)
    if k <= 0:
        p = 1.0 if done >= need else 0.0
    else:
        p = t_prob(done + k * mu, s * math.sqrt(k + k * k / n), df, need, math.inf)
    # forecast path of the annual growth itself (%), one step ahead for each future year
    steps = np.ones(max(len(future_years), 1))
    locs = mu * steps
    scales = s * math.sqrt(1.0 + 1.0 / n) * steps
    growth_scale = Scale("log1p", np.log1p, np.expm1, lambda y: True, "")
    years = list(future_years) or [0]
    raw = _path(name, years, locs, scales, df, growth_scale)
    pct = ForecastPath(
        name, raw.years, *(tuple(100.0 * v for v in seq) for seq in (raw.mean, raw.lo80, raw.hi80, raw.lo95, raw.hi95))
    )
    forecast = 100.0 * math.expm1((done + k * mu) / window_years)  # expected average growth over W
    return ModelResult(name, p, forecast, "", pct if future_years else None)


# --- combining -----------------------------------------------------------------------------

LIKELIHOOD = (
    (0.99, "virtually_certain"),
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
    ps = [r.p for r in results if r.p is not None]
    if not ps:
        return None, None, None
    return float(np.median(ps)), float(min(ps)), float(max(ps))
