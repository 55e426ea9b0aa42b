"""Invariants of the engine, checked with hypothesis on generated series."""

from __future__ import annotations

import math
import random
import warnings

from helpers import assess_one, dataset, obs, target
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnht_analysis import forecast
from cnht_analysis.assess import assess_all, to_csv
from cnht_analysis.forecast import Event

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)

# achieved > on_track > acceleration_needed > limited_progress > deterioration (= missed)
RANK = {
    "achieved": 5,
    "on_track": 4,
    "acceleration_needed": 3,
    "limited_progress": 2,
    "deterioration": 1,
    "missed": 1,
}


@st.composite
def level_case(draw):
    """A base value in 2020, noisy later years, and a target; the noise is shared by both rates.

    Mostly T > A (the progress branch, where the ratio table matters), sometimes ex post.
    """
    n = draw(st.integers(2, 8))
    years = [2020] + sorted(draw(st.sets(st.integers(2021, 2028), min_size=n - 1, max_size=n - 1)))
    noise = [1.0] + [draw(st.floats(0.95, 1.05)) for _ in years[1:]]
    x0 = draw(st.floats(10, 1000))
    r = draw(st.floats(-0.05, 0.15))
    delta = draw(st.floats(0.001, 0.02))  # eight steps of delta: up to +14 %/yr
    c = x0 * draw(st.floats(0.8, 2.5))
    A = draw(st.integers(years[1], 2028))  # at least the base and one more year are known
    T = A + draw(st.sampled_from([-1, 0, 1, 2, 3, 5, 8, 12]))
    return years, noise, x0, r, delta, c, T, A


def level_series(years, noise, x0, r):
    return [
        obs("value", y, x0 * (1 + r) ** (y - 2020) * e) for y, e in zip(years, noise, strict=True)
    ]


def statuses_along(case, type_, sign):
    """Statuses of the same target as the growth rate steps up (sign 1) or down (sign −1)."""
    years, noise, x0, r, delta, c, T, A = case
    t = target("t", "value", T, type_, c)
    return [
        assess_one(level_series(years, noise, x0, r + sign * k * delta), t, A).status
        for k in range(8)
    ]


def assert_never_worse(statuses, unable_only_with_missing_data=True):
    """Ranks rise (weakly) along the list; unable_to_assess is outside the order."""
    if unable_only_with_missing_data and "unable_to_assess" in statuses:
        assert set(statuses) == {"unable_to_assess"}  # the same data are missing every time
    ranks = [RANK[s] for s in statuses if s != "unable_to_assess"]
    assert ranks == sorted(ranks), statuses


@SETTINGS
@given(level_case())
def test_faster_growth_never_gets_a_worse_status(case):
    assert_never_worse(statuses_along(case, "at_least", 1))


@SETTINGS
@given(level_case())
def test_faster_decline_never_worse_for_at_most(case):
    assert_never_worse(statuses_along(case, "at_most", -1))


@SETTINGS
@given(
    st.dictionaries(st.integers(2015, 2030), st.floats(-20, 30), min_size=1, max_size=10),
    st.floats(0.01, 10),
    st.sampled_from(["growth_above", "growth_at_least"]),
    st.integers(2020, 2030),
    st.integers(0, 4),
    st.integers(2016, 2031),
)
def test_faster_growth_never_worse_for_growth_targets(values, delta, type_, T, span, A):
    t = target("t", "growth", T, type_, 8, window=(T - span, T))
    statuses = [
        assess_one([obs("growth", y, g + k * delta) for y, g in values.items()], t, A).status
        for k in range(6)
    ]
    # a window with a missing year turns `missed` into unable_to_assess once every observed
    # year passes (method, growth ex post), so unable_to_assess may appear part-way
    assert_never_worse(statuses, unable_only_with_missing_data=False)


@st.composite
def positive_series(draw, hi=1000.0):
    n = draw(st.integers(4, 10))
    years = sorted(draw(st.sets(st.integers(2005, 2022), min_size=n, max_size=n)))
    values = [draw(st.floats(1.0, hi)) for _ in years]
    return years, values


@SETTINGS
@given(positive_series(), st.floats(0.5, 2000), st.floats(0.5, 2000), st.integers(2023, 2035))
def test_probabilities_in_unit_interval_and_falling_as_target_rises(s, c1, c2, T):
    years, values = s
    lo, hi = sorted((c1, c2))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fits = forecast.fit_level_models("count", years, values, T)
    for f in fits:
        assert f.fitted
        p_lo, p_hi = f.probability(Event(lo=lo)), f.probability(Event(lo=hi))
        assert 0.0 <= p_hi <= p_lo <= 1.0
        # and for at_most the reverse: more room as the ceiling rises
        assert f.probability(Event(hi=lo)) <= f.probability(Event(hi=hi))


@SETTINGS
@given(positive_series(hi=99.0), st.floats(1, 99), st.floats(1, 99), st.integers(2023, 2035))
def test_percent_probabilities_fall_as_target_rises(s, c1, c2, T):
    years, values = s
    lo, hi = sorted((c1, c2))
    data = [obs("share", y, v) for y, v in zip(years, values, strict=True)]
    a_lo = assess_one(data, target("t", "share", T, "at_least", lo), 2022)
    a_hi = assess_one(data, target("t", "share", T, "at_least", hi), 2022)
    assert 0.0 <= a_hi.p_attain <= a_lo.p_attain <= 1.0
    assert a_hi.p_low <= a_lo.p_low and a_hi.p_high <= a_lo.p_high


@SETTINGS
@given(
    st.lists(st.floats(-30, 40), min_size=4, max_size=10),
    st.lists(st.floats(-30, 40), max_size=3),
    st.floats(-5, 20),
    st.floats(-5, 20),
    st.integers(1, 5),
)
def test_growth_probability_falls_as_target_rises(growths, seen, x1, x2, extra):
    lo, hi = sorted((x1, x2))
    w = len(seen) + extra
    p_lo = forecast.growth_model(growths, seen, w, lo, []).p
    p_hi = forecast.growth_model(growths, seen, w, hi, []).p
    assert 0.0 <= p_hi <= p_lo <= 1.0 and not math.isnan(p_hi)


def mixed_dataset(seed):
    """A few series and targets of every type (made up) for the shuffling test."""
    rng = random.Random(seed)
    data = []
    for y in range(2014, 2023):
        data.append(obs("firms", y, round(800 * 1.04 ** (y - 2014) * rng.uniform(0.95, 1.05))))
        data.append(obs("intl", y, round(200 * 1.06 ** (y - 2014) * rng.uniform(0.9, 1.1))))
        data.append(obs("growth", y, rng.uniform(4, 14), status=rng.choice(["actual", "estimate"])))
        data.append(obs("value", y, 50 * 0.97 ** (y - 2014) * rng.uniform(0.9, 1.1)))
    data.append(obs("firms", 2023, 1100, qualifier="more_than"))
    targets = [
        target("a", "firms", 2025, "at_least", 1200, tolerance_rel=0.03),
        target("b", "firms", 2020, "at_least", 1000),
        target("c", "intl_share", 2025, "at_least", 30),
        target("d", "growth", 2025, "growth_above", 11, window=(2021, 2025)),
        target("e", "index", 2026, "at_least", 250),
        target("f", "value", 2025, "at_most", 35, tolerance_abs=1),
        target("g", "intl_share", 2025, "band", 28, tolerance_abs=1),
        target("h", "growth", 2021, "growth_at_least", 8),
    ]
    return data, targets


@settings(SETTINGS, max_examples=15)  # each example assesses 8 targets twice
@given(st.integers(0, 10**6), st.randoms(use_true_random=False), st.integers(2019, 2024))
def test_shuffling_rows_and_targets_changes_nothing(seed, rnd, as_of):
    data, targets = mixed_dataset(seed % 5)
    expected = _by_target(to_csv(assess_all(dataset(data, targets), "hanoi", as_of)))
    rnd.shuffle(data)
    rnd.shuffle(targets)
    got = _by_target(to_csv(assess_all(dataset(data, targets), "hanoi", as_of)))
    assert got == expected


def _by_target(text):
    lines = text.splitlines()
    return {line.split(",", 1)[0]: line for line in lines[1:]}
