"""Level targets (at_least, at_most, band): every branch of the method, numbers worked by hand.

The programme `prog` has base year 2020 unless a target overrides it. Expected CAGRs are
written out in the comments; `approx` uses a relative tolerance of 1e-4 on numbers quoted to
four or five significant digits.
"""

from __future__ import annotations

import pytest
from helpers import assess_one, obs, series, target
from pytest import approx

REL = 1e-4


def firms(values: dict[int, float], **kw):
    return series("firms", values, **kw)


# --- 1. ex post ----------------------------------------------------------------------------


def test_ex_post_achieved_when_target_year_meets_threshold():
    a = assess_one(firms({2020: 880, 2022: 930}), target("t", "firms", 2022, "at_least", 920), 2022)
    assert a.status == "achieved"
    assert a.flags == []
    # the method defines CAGRs and the ratio only for the progress step
    assert a.cagr_actual is None and a.cagr_required is None and a.ratio is None
    assert (a.base_year, a.base_value, a.latest_year, a.latest_value) == (2020, 880, 2022, 930)
    assert a.p_attain is None and a.models == []  # T ≤ A: no probability, and no flag for it


def test_ex_post_missed():
    a = assess_one(firms({2020: 880, 2022: 919}), target("t", "firms", 2022, "at_least", 920), 2024)
    assert a.status == "missed"


def test_ex_post_without_target_year_is_unable_to_assess():
    a = assess_one(firms({2020: 880, 2021: 990}), target("t", "firms", 2022, "at_least", 920), 2023)
    assert a.status == "unable_to_assess"
    assert a.flags == ["no_target_year_data"]
    assert a.latest_year == 2021  # l = latest observed year ≤ min(A, T)


def test_ex_post_uses_target_year_not_later_years():
    # 2023 is above the target but T = 2022 is judged on its own value
    a = assess_one(
        firms({2020: 880, 2022: 900, 2023: 990}), target("t", "firms", 2022, "at_least", 920), 2023
    )
    assert a.status == "missed"
    assert a.latest_year == 2022 and a.n_obs == 2


# --- tolerance -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tol_abs", "tol_rel", "threshold"),
    [
        (0, 0.03, 892.4),  # tol = 0.03 × 920 = 27.6 → c = 892.4
        (10, 0.03, 892.4),  # tol = max(10, 27.6) = 27.6
        (30, 0.03, 890.0),  # tol = max(30, 27.6) = 30 → c = 890
        (5, 0, 915.0),  # tol = 5
    ],
)
def test_tolerance_is_the_larger_of_abs_and_rel(tol_abs, tol_rel, threshold):
    t = target("t", "firms", 2022, "at_least", 920, tolerance_abs=tol_abs, tolerance_rel=tol_rel)
    a = assess_one(firms({2020: 880, 2022: threshold}), t, 2022)
    assert a.threshold == approx(threshold, rel=1e-12)
    # exactly at the threshold counts as met (892.4 is not lost to 920 − 27.599999999999998)
    assert a.status == "achieved"
    below = assess_one(firms({2020: 880, 2022: threshold - 0.5}), t, 2022)
    assert below.status == "missed"


def test_percent_tolerance_in_points():
    # "khoảng 16 %" with tolerance_abs 0.5 → met from 15.5 %
    t = target("t", "share", 2022, "at_least", 16, tolerance_abs=0.5)
    assert assess_one(series("share", {2022: 15.5}), t, 2022).status == "achieved"
    assert assess_one(series("share", {2022: 15.4}), t, 2022).status == "missed"


# --- 2. met early ----------------------------------------------------------------------------


def test_met_early():
    a = assess_one(firms({2020: 880, 2022: 930}), target("t", "firms", 2025, "at_least", 920), 2022)
    assert a.status == "achieved"
    assert a.flags == ["achieved_early", "too_few_points_for_probability"]
    assert a.cagr_actual is None and a.ratio is None  # lead's reading: step 3 only


# --- 3. progress ratio -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latest", "cagr_act", "ratio", "status"),
    [
        # CAGR_req = (1000/800)^(1/5) − 1 = 1.25^0.2 − 1 = 4.5640 %
        (900, 6.0660, 1.32911, "on_track"),  # (900/800)^(1/2) − 1 = 1.060660 − 1
        (860, 3.6822, 0.80680, "acceleration_needed"),  # (860/800)^(1/2) − 1 = 1.036822 − 1
        (820, 1.2423, 0.27219, "limited_progress"),  # (820/800)^(1/2) − 1 = 1.012423 − 1
        (780, -1.2579, -0.27562, "deterioration"),  # (780/800)^(1/2) − 1 = 0.987421 − 1
    ],
)
def test_progress_ratio_statuses(latest, cagr_act, ratio, status):
    a = assess_one(
        firms({2020: 800, 2022: latest}), target("t", "firms", 2025, "at_least", 1000), 2022
    )
    assert a.branch == "progress"
    assert a.status == status
    assert 100 * a.cagr_actual == approx(cagr_act, rel=REL)
    assert 100 * a.cagr_required == approx(4.5640, rel=REL)
    assert a.ratio == approx(ratio, rel=REL)
    row = a.row()
    assert row["cagr_actual_pct"] == approx(cagr_act, rel=REL)
    assert row["cagr_required_pct"] == approx(4.5640, rel=REL)


def test_progress_ratio_example_from_the_brief():
    # CAGR_act = (930/880)^(1/2) − 1 = 2.8017 %; CAGR_req = (950/880)^(1/3) − 1 = 2.5842 %
    # ratio = 2.8017 / 2.5842 = 1.0842 → on_track. The 2023 value is after as-of and ignored.
    a = assess_one(
        firms({2020: 880, 2022: 930, 2023: 1000}), target("t", "firms", 2023, "at_least", 950), 2022
    )
    assert a.status == "on_track"
    assert 100 * a.cagr_actual == approx(2.80166, rel=REL)
    assert 100 * a.cagr_required == approx(2.58416, rel=REL)
    assert a.ratio == approx(1.08417, rel=REL)
    assert a.latest_year == 2022 and a.n_obs == 2


@pytest.mark.parametrize(
    ("latest", "status"),
    [
        # base 100 (2020), c = 121 in 2022 → CAGR_req = 1.21^(1/2) − 1 = 10 %
        (109.5, "on_track"),  # 2021: CAGR_act = 9.5 % → ratio 0.95 exactly: ≥ 0.95
        (106.0, "acceleration_needed"),  # 6 % → ratio 0.60 exactly: ≥ 0.60
        (105.9, "limited_progress"),  # 5.9 % → 0.59
        (100.0, "limited_progress"),  # 0 % → ratio 0: the 0 – 0.60 row
        (99.9, "deterioration"),  # < 0
    ],
)
def test_ratio_table_boundaries(latest, status):
    a = assess_one(
        series("value", {2020: 100, 2021: latest}),
        target("t", "value", 2022, "at_least", 121),
        2021,
    )
    assert a.status == status


def test_required_growth_not_positive_is_deterioration():
    # base 1050 met the target, latest 950 does not: CAGR_req = (1000/1050)^(1/5) − 1 = −0.971 % ≤ 0
    a = assess_one(
        firms({2020: 1050, 2022: 950}), target("t", "firms", 2025, "at_least", 1000), 2022
    )
    assert a.status == "deterioration"
    assert 100 * a.cagr_required == approx(-0.97106, rel=REL)
    assert a.ratio is None


def test_base_is_first_observed_year_at_or_after_base_year():
    # b = 2020, not observed → b' = 2021 (2019 is before b and not used)
    # CAGR_act = (900/850)^(1/2) − 1 = 2.8992 %; CAGR_req = (1000/850)^(1/4) − 1 = 4.1466 %
    # ratio = 0.69916 → acceleration_needed
    a = assess_one(
        firms({2019: 700, 2021: 850, 2023: 900}), target("t", "firms", 2025, "at_least", 1000), 2023
    )
    assert (a.base_year, a.base_value) == (2021, 850)
    assert a.ratio == approx(0.69916, rel=REL)
    assert a.status == "acceleration_needed"


def test_base_year_override_on_the_target():
    # programme base 2020, target base 2021: b' = 2021 → (930/900)^(1/1) − 1 = 3.3333 %
    # CAGR_req = (1000/900)^(1/4) − 1 = 2.6690 % → ratio 1.2489 → on_track
    t = target("t", "firms", 2025, "at_least", 1000, base_year=2021)
    a = assess_one(firms({2020: 950, 2021: 900, 2022: 930}), t, 2022)
    assert a.base_year == 2021
    assert 100 * a.cagr_actual == approx(3.33333, rel=REL)
    assert 100 * a.cagr_required == approx(2.66901, rel=REL)
    assert a.status == "on_track"


def test_insufficient_data_when_base_is_the_latest():
    a = assess_one(
        firms({2019: 700, 2022: 900}),
        target("t", "firms", 2025, "at_least", 1000, base_year=2022),
        2024,
    )
    assert a.status == "unable_to_assess"
    assert a.flags[0] == "insufficient_data"


def test_insufficient_data_without_observations():
    a = assess_one([], target("t", "firms", 2025, "at_least", 1000), 2022)
    assert a.status == "unable_to_assess"
    assert a.flags == ["insufficient_data", "too_few_points_for_probability"]
    assert a.n_obs == 0 and a.base_year is None and a.latest_year is None


def test_nonpositive_values():
    a = assess_one(firms({2020: 0, 2022: 50}), target("t", "firms", 2025, "at_least", 1000), 2022)
    assert a.status == "unable_to_assess"
    assert "nonpositive_values" in a.flags
    assert a.cagr_actual is None


# --- at_most ---------------------------------------------------------------------------------


def test_at_most_progress():
    # CAGR_act = (70/80)^(1/2) − 1 = −6.4586 %; CAGR_req = (50/80)^(1/5) − 1 = −8.9718 %
    # ratio = 0.71987 → acceleration_needed
    a = assess_one(
        series("value", {2020: 80, 2022: 70}), target("t", "value", 2025, "at_most", 50), 2022
    )
    assert 100 * a.cagr_actual == approx(-6.45857, rel=REL)
    assert 100 * a.cagr_required == approx(-8.97179, rel=REL)
    assert a.ratio == approx(0.71987, rel=REL)
    assert a.status == "acceleration_needed"


def test_at_most_moving_away():
    # (90/80)^(1/2) − 1 = +6.066 % against −8.972 % → ratio −0.6761 → deterioration
    a = assess_one(
        series("value", {2020: 80, 2022: 90}), target("t", "value", 2025, "at_most", 50), 2022
    )
    assert a.ratio == approx(-0.67612, rel=REL)
    assert a.status == "deterioration"


def test_at_most_base_met_latest_not():
    # base 45 ≤ 50 met, latest 60 not: CAGR_req = (50/45)^(1/5) − 1 > 0 → deterioration
    a = assess_one(
        series("value", {2020: 45, 2022: 60}), target("t", "value", 2025, "at_most", 50), 2022
    )
    assert a.status == "deterioration" and a.ratio is None


@pytest.mark.parametrize(
    ("value", "status"), [(49, "achieved"), (52, "achieved"), (52.5, "missed")]
)
def test_at_most_ex_post_with_tolerance(value, status):
    # c = 50 + 2 = 52
    t = target("t", "value", 2025, "at_most", 50, tolerance_abs=2)
    a = assess_one(series("value", {2020: 80, 2025: value}), t, 2025)
    assert a.threshold == 52
    assert a.status == status


def test_at_most_met_early():
    a = assess_one(
        series("value", {2020: 80, 2022: 48}), target("t", "value", 2025, "at_most", 50), 2022
    )
    assert a.status == "achieved" and "achieved_early" in a.flags


# --- band ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "status"),
    [(16.5, "achieved"), (15, "achieved"), (17, "achieved"), (17.5, "missed"), (14, "missed")],
)
def test_band_ex_post(value, status):
    # band 16 ± 1 = [15, 17]
    t = target("t", "share", 2022, "band", 16, tolerance_abs=1)
    assert assess_one(series("share", {2020: 10, 2022: value}), t, 2022).status == status


def test_band_below_counts_as_at_least():
    # base 10 is below [15, 17] → at_least with c = 15
    # CAGR_act = (12/10)^(1/2) − 1 = 9.5445 %; CAGR_req = (15/10)^(1/5) − 1 = 8.4472 %; ratio 1.1299
    t = target("t", "share", 2025, "band", 16, tolerance_abs=1)
    a = assess_one(series("share", {2020: 10, 2022: 12}), t, 2022)
    assert a.direction == "at_least" and a.threshold == 15
    assert a.ratio == approx(1.12991, rel=REL)
    assert a.status == "on_track"


def test_band_above_counts_as_at_most():
    # base 25 is above [15, 17] → at_most with c = 17
    # CAGR_act = (22/25)^(1/2) − 1 = −6.1917 %; CAGR_req = (17/25)^(1/5) − 1 = −7.4233 %
    # ratio = 0.83409 → acceleration_needed
    t = target("t", "share", 2025, "band", 16, tolerance_abs=1)
    a = assess_one(series("share", {2020: 25, 2022: 22}), t, 2022)
    assert a.direction == "at_most" and a.threshold == 17
    assert 100 * a.cagr_required == approx(-7.42328, rel=REL)
    assert a.ratio == approx(0.83409, rel=REL)
    assert a.status == "acceleration_needed"


def test_band_met_early_and_left():
    t = target("t", "share", 2025, "band", 16, tolerance_abs=1)
    assert assess_one(series("share", {2020: 10, 2022: 16}), t, 2022).flags[0] == "achieved_early"
    # base inside the band, latest above it: the base met the target, the latest does not
    gone = assess_one(series("share", {2020: 16, 2022: 19}), t, 2022)
    assert gone.direction == "at_most" and gone.status == "deterioration"


# --- bounds ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("type_", "qualifier", "value", "status", "flag"),
    [
        # at_least 920: a lower bound proves achieved, an upper bound proves missed
        ("at_least", "more_than", 930, "achieved", None),
        ("at_least", "more_than", 900, "unable_to_assess", "lower_bound"),
        ("at_least", "less_than", 900, "missed", None),
        ("at_least", "less_than", 950, "unable_to_assess", "upper_bound"),
        # at_most 920: the reverse
        ("at_most", "less_than", 900, "achieved", None),
        ("at_most", "less_than", 950, "unable_to_assess", "upper_bound"),
        ("at_most", "more_than", 950, "missed", None),
        ("at_most", "more_than", 900, "unable_to_assess", "lower_bound"),
    ],
)
def test_bound_at_target_year(type_, qualifier, value, status, flag):
    t = target("t", "firms", 2022, type_, 920)
    a = assess_one(
        [obs("firms", 2020, 880), obs("firms", 2022, value, qualifier=qualifier)], t, 2022
    )
    assert a.status == status
    assert (flag in a.flags) if flag else not ({"lower_bound", "upper_bound"} & set(a.flags))


@pytest.mark.parametrize(
    ("qualifier", "latest", "status", "flag"),
    [
        # c = 1000, base 800 (2020), CAGR_req = 4.564 %
        ("more_than", 900, "on_track", None),  # ratio 1.33: a lower bound proves on_track
        ("more_than", 860, "unable_to_assess", "lower_bound"),  # acceleration_needed not proven
        ("more_than", 780, "unable_to_assess", "lower_bound"),  # deterioration not proven
        ("less_than", 780, "deterioration", None),  # an upper bound proves deterioration
        ("less_than", 900, "unable_to_assess", "upper_bound"),  # on_track not proven
        ("less_than", 820, "unable_to_assess", "upper_bound"),  # limited_progress not proven
    ],
)
def test_bound_as_latest_in_progress(qualifier, latest, status, flag):
    t = target("t", "firms", 2025, "at_least", 1000)
    a = assess_one(
        [obs("firms", 2020, 800), obs("firms", 2022, latest, qualifier=qualifier)], t, 2022
    )
    assert a.status == status
    assert a.cagr_actual is not None  # the numbers behind the verdict are kept
    assert (flag in a.flags) if flag else not ({"lower_bound", "upper_bound"} & set(a.flags))


def test_bound_met_early():
    t = target("t", "firms", 2025, "at_least", 1000)
    lower = assess_one(
        [obs("firms", 2020, 800), obs("firms", 2022, 1010, qualifier="more_than")], t, 2022
    )
    assert lower.status == "achieved" and "achieved_early" in lower.flags
    upper = assess_one(
        [obs("firms", 2020, 800), obs("firms", 2022, 1010, qualifier="less_than")], t, 2022
    )
    assert upper.status == "unable_to_assess"
    assert "upper_bound" in upper.flags and "achieved_early" not in upper.flags


def test_bound_as_base_is_a_point_and_flagged():
    # base "more than 800" is used as 800: same numbers as the exact case (ratio 1.32911)
    t = target("t", "firms", 2025, "at_least", 1000)
    a = assess_one(
        [obs("firms", 2020, 800, qualifier="more_than"), obs("firms", 2022, 900)], t, 2022
    )
    assert a.status == "on_track"
    assert a.ratio == approx(1.32911, rel=REL)
    assert "base_is_bound" in a.flags


def test_about_is_a_point():
    t = target("t", "firms", 2022, "at_least", 920)
    a = assess_one([obs("firms", 2020, 880), obs("firms", 2022, 900, qualifier="about")], t, 2022)
    assert a.status == "missed" and a.flags == []


@pytest.mark.parametrize(
    ("qualifier", "value", "status"),
    [
        ("more_than", 16, "unable_to_assess"),  # ≥ 16 may leave the band [15, 17]
        ("more_than", 18, "missed"),  # ≥ 18 lies beyond the band
        ("less_than", 14, "missed"),
        ("less_than", 16, "unable_to_assess"),
    ],
)
def test_bound_on_band_ex_post(qualifier, value, status):
    t = target("t", "share", 2022, "band", 16, tolerance_abs=1)
    a = assess_one(
        [obs("share", 2020, 10), obs("share", 2022, value, qualifier=qualifier)], t, 2022
    )
    assert a.status == status
