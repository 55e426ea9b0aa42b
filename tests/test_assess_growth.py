"""Growth targets (growth_above strict, growth_at_least): ex post, windows, cumulative reading."""

from __future__ import annotations

import pytest
from helpers import assess_one, obs, series, target
from pytest import approx

REL = 1e-4


def growth(values: dict[int, float], **kw):
    return series("growth", values, **kw)


# --- strict vs non-strict ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("type_", "g", "status"),
    [
        ("growth_above", 11.0, "missed"),  # "tăng trên 11 %": 11.0 is not above 11
        ("growth_above", 11.01, "achieved"),
        ("growth_at_least", 11.0, "achieved"),  # "at least 11 %": 11.0 counts
        ("growth_at_least", 10.99, "missed"),
    ],
)
def test_strict_and_non_strict(type_, g, status):
    t = target("t", "growth", 2021, type_, 11, window=(2021, 2021))
    a = assess_one(growth({2020: 9, 2021: g}), t, 2021)
    assert a.status == status
    assert a.threshold == 11
    assert a.cagr_required is None and a.ratio is None  # ex post: no progress numbers
    assert (a.latest_year, a.latest_value) == (2021, g)


def test_no_window_means_target_year_only():
    # W = [T, T]: 2020 failing does not matter for a 2021 target
    a = assess_one(
        growth({2020: 5, 2021: 12}), target("t", "growth", 2021, "growth_above", 11), 2022
    )
    assert a.window == (2021, 2021)
    assert a.status == "achieved"


# --- windows, ex post ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "status", "flags"),
    [
        ({2021: 12, 2022: 13, 2023: 12}, "achieved", []),
        ({2021: 12, 2022: 10, 2023: 12}, "missed", []),  # one year fails
        ({2021: 12, 2023: 12}, "unable_to_assess", ["no_target_year_data"]),  # 2022 missing
        ({2021: 12, 2023: 10}, "missed", []),  # an observed year already fails
    ],
)
def test_window_ex_post(values, status, flags):
    t = target("t", "growth", 2023, "growth_above", 11, window=(2021, 2023))
    a = assess_one(growth({2020: 3, **values}), t, 2023)
    assert a.status == status
    assert a.flags == flags


def test_window_as_of_filtering():
    # as of 2022 the 2023 value does not exist yet: before T, cumulative reading over 2021–2022
    t = target("t", "growth", 2023, "growth_above", 11, window=(2021, 2023))
    a = assess_one(growth({2021: 12, 2022: 13, 2023: 1}), t, 2022)
    assert a.branch == "growth_progress"
    assert a.window_observed == [(2021, 12.0), (2022, 13.0)]


# --- before T: cumulative reading ------------------------------------------------------------


def test_cumulative_reading_on_track_with_year_missed():
    # O = {2021: 12, 2022: 10}: CAGR_act = (1.12 × 1.10)^(1/2) − 1 = √1.232 − 1 = 10.9955 %
    # CAGR_req = 11 % → ratio = 0.99959 → on_track; 2022 (10 %) already failed → year_missed
    t = target("t", "growth", 2025, "growth_above", 11, window=(2021, 2025))
    a = assess_one(growth({2021: 12, 2022: 10}), t, 2022)
    assert 100 * a.cagr_actual == approx(10.99550, rel=REL)
    assert 100 * a.cagr_required == approx(11.0, rel=1e-12)
    assert a.ratio == approx(0.999590, rel=REL)
    assert a.status == "on_track"
    assert a.years_failed == [2022]
    assert a.flags == ["year_missed", "too_few_points_for_probability"]
    assert (a.latest_year, a.latest_value) == (2022, 10)


@pytest.mark.parametrize(
    ("values", "ratio", "status"),
    [
        ({2021: 8, 2022: 8}, 8 / 11, "acceleration_needed"),  # CAGR_act = 8 % → 0.72727
        ({2021: 3, 2022: 3}, 3 / 11, "limited_progress"),  # 0.27273
        ({2021: -2, 2022: -2}, -2 / 11, "deterioration"),  # −0.18182
    ],
)
def test_cumulative_reading_statuses(values, ratio, status):
    t = target("t", "growth", 2025, "growth_at_least", 11, window=(2021, 2025))
    a = assess_one(growth(values), t, 2022)
    assert a.ratio == approx(ratio, rel=1e-9)
    assert a.status == status


def test_recent_trend_when_window_not_yet_observed():
    # W = [2025, 2025], A = 2022: O is empty → the latest 5 years before W (2018–2022; 2017 is
    # the sixth and left out): (1.10 · 1.12 · 1.04 · 1.09 · 1.11)^(1/5) − 1 = 1.54815^(0.2) − 1
    # = 9.1638 %; ratio = 9.1638 / 11 = 0.83307 → acceleration_needed
    values = {2017: 50, 2018: 10, 2019: 12, 2020: 4, 2021: 9, 2022: 11}
    t = target("t", "growth", 2025, "growth_above", 11, window=(2025, 2025))
    a = assess_one(growth(values), t, 2022)
    assert "recent_trend" in a.flags
    assert 100 * a.cagr_actual == approx(9.16382, rel=REL)
    assert a.ratio == approx(0.833074, rel=REL)
    assert a.status == "acceleration_needed"
    assert (a.latest_year, a.latest_value) == (2022, 11)
    assert a.p_attain is not None  # 6 observations → probability computed


def test_no_growth_observed_is_unable_to_assess():
    t = target("t", "growth", 2025, "growth_above", 11, window=(2025, 2025))
    a = assess_one([], t, 2022)
    assert a.status == "unable_to_assess"
    assert a.flags == ["insufficient_data", "too_few_points_for_probability"]
    assert a.cagr_required is None


def test_growth_of_minus_100_percent():
    t = target("t", "growth", 2025, "growth_above", 11, window=(2021, 2025))
    a = assess_one(growth({2021: 10, 2022: -100}), t, 2022)
    assert a.status == "unable_to_assess" and "nonpositive_values" in a.flags


# --- bounds on growth values -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("qualifier", "g", "status", "flag"),
    [
        ("more_than", 12, "achieved", None),  # > 12 > 11: proven
        ("more_than", 10, "unable_to_assess", "lower_bound"),  # "more than 10" may exceed 11
        ("more_than", 11, "unable_to_assess", "lower_bound"),  # ≥ 11 may be exactly 11
        ("less_than", 10, "missed", None),  # below 10: proven to fail
        ("less_than", 12, "unable_to_assess", "upper_bound"),
    ],
)
def test_bound_growth_ex_post(qualifier, g, status, flag):
    t = target("t", "growth", 2021, "growth_above", 11)
    a = assess_one([obs("growth", 2021, g, qualifier=qualifier)], t, 2021)
    assert a.status == status
    assert (flag in a.flags) if flag else a.flags == []


def test_bound_growth_before_target_year():
    t = target("t", "growth", 2025, "growth_above", 11, window=(2021, 2025))
    lower = [obs("growth", 2021, 12), obs("growth", 2022, 12, qualifier="more_than")]
    assert assess_one(lower, t, 2022).status == "on_track"  # at least 12 %/yr: proven
    slow = [obs("growth", 2021, 5), obs("growth", 2022, 5, qualifier="more_than")]
    a = assess_one(slow, t, 2022)
    assert a.status == "unable_to_assess" and "lower_bound" in a.flags
