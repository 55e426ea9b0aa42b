"""What it takes from now (method: "What it takes from now"), against hand-worked values."""

from __future__ import annotations

import math

from helpers import assess_one, obs, series, target

from cnht_analysis.assess import COLUMNS, to_csv


def test_level_target_needs_the_growth_from_the_latest_figure():
    # 900 firms in 2023 → at least 1,000 in 2025: (1000/900)^(1/2) − 1 = 5.409 %/yr
    t = target("t", "firms", 2025, "at_least", 1000)
    a = assess_one(series("firms", {2020: 800, 2023: 900}), t, 2024)
    assert math.isclose(a.cagr_needed, math.sqrt(1000 / 900) - 1, rel_tol=1e-12)
    assert math.isclose(100 * a.cagr_needed, 5.409255338945984, rel_tol=1e-9)
    assert a.gap == 100.0
    assert not a.needed_is_upper_bound
    # the value needed in 2025 on that path is the target itself (two years from 2023)
    assert math.isclose(a.next_year_value, 1000.0, rel_tol=1e-12)


def test_more_than_bound_makes_the_need_an_upper_bound():
    # "more than 900" in 2024 → 1,000 in 2025: at most +11.11 %
    t = target("t", "firms", 2025, "at_least", 1000)
    observations = [obs("firms", 2020, 800), obs("firms", 2024, 900, qualifier="more_than")]
    a = assess_one(observations, t, 2024)
    assert math.isclose(a.cagr_needed, 1000 / 900 - 1, rel_tol=1e-12)
    assert a.needed_is_upper_bound
    row = a.row()
    assert row["needed_is_upper_bound"] == "true"
    assert math.isclose(row["cagr_needed_pct"], 11.11111111111111, rel_tol=1e-9)


def test_at_most_target_needs_a_decline():
    # 50 % in 2022 → at most 40 % in 2026: (40/50)^(1/4) − 1 = −5.4258 %/yr
    t = target("t", "share", 2026, "at_most", 40)
    a = assess_one(series("share", {2020: 55, 2022: 50}), t, 2023)
    assert math.isclose(a.cagr_needed, 0.8**0.25 - 1, rel_tol=1e-12)
    assert a.cagr_needed < 0
    assert a.gap == -10.0


def test_growth_target_needs_the_average_growth_of_the_years_left():
    # ≥ 10 %/yr over 2021–2025, observed 8 % (2021) and 9 % (2022), as of 2022: k = 3
    # ((1.1^5) / (1.08 · 1.09))^(1/3) − 1
    t = target("t", "growth", 2025, "growth_at_least", 10, window=(2021, 2025))
    a = assess_one(series("growth", {2019: 7, 2020: 6, 2021: 8, 2022: 9}), t, 2022)
    expected = (1.1**5 / (1.08 * 1.09)) ** (1 / 3) - 1
    assert math.isclose(a.cagr_needed, expected, rel_tol=1e-12)
    # 1.1^5 = 1.61051; 1.08 · 1.09 = 1.1772; ratio 1.36808; 1.11^3 = 1.36763 → ≈ 11.01 %
    assert math.isclose(100 * expected, 11.012, abs_tol=1e-3)


def test_one_year_growth_target_not_yet_observed_needs_x():
    t = target("t", "growth", 2025, "growth_above", 10)
    a = assess_one(series("growth", {2021: 8, 2022: 9}), t, 2023)
    assert math.isclose(a.cagr_needed, 0.10, rel_tol=1e-12)


def test_nothing_needed_once_met_or_ex_post():
    t = target("t", "firms", 2025, "at_least", 1000)
    assert assess_one(series("firms", {2020: 800, 2023: 1100}), t, 2024).cagr_needed is None
    t2 = target("t", "firms", 2022, "at_least", 1000)
    assert assess_one(series("firms", {2020: 800, 2022: 900}), t2, 2024).cagr_needed is None


def test_columns_end_with_what_it_takes_in_spec_order():
    assert COLUMNS[-3:] == ("flags", "cagr_needed_pct", "needed_is_upper_bound")
    t = target("t", "firms", 2025, "at_least", 1000)
    text = to_csv([assess_one(series("firms", {2020: 800, 2023: 900}), t, 2024)])
    header, row = text.splitlines()
    assert header.endswith("flags,cagr_needed_pct,needed_is_upper_bound")
    assert row.endswith(",")  # needed_is_upper_bound empty when false


def test_old_definition_figure_is_never_the_latest():
    # 200 in 2017 (narrow definition), break in 2021 (new definition 850): a 2020 target
    # assessed as of 2024 has only old-definition figures → unable, no comparable figure
    observations = [
        obs("firms", 2017, 200),
        obs("firms", 2021, 850, breaks=True),
        obs("firms", 2023, 900),
    ]
    old = assess_one(observations, target("t", "firms", 2020, "at_least", 300), 2024)
    assert old.status == "unable_to_assess"
    assert "no_comparable_figure" in old.flags and "old_definition" in old.flags
    assert old.latest_value is None and old.cagr_needed is None
    ahead = assess_one(observations, target("t", "firms", 2025, "at_least", 1000), 2024)
    assert ahead.latest_value == 900 and "old_definition" not in ahead.flags


def test_the_terminal_table_shows_what_it_takes_in_words_of_each_language():
    from cnht_analysis.assess_table import needed_cell

    t = target("t", "firms", 2025, "at_least", 1000)
    bound = assess_one(
        [obs("firms", 2020, 800), obs("firms", 2024, 900, qualifier="more_than")], t, 2024
    )
    assert needed_cell(bound, "vi") == "≤ +11,1 %/năm"
    assert needed_cell(bound, "en") == "≤ +11.1 %/yr"
    level = assess_one(series("firms", {2020: 800, 2023: 900}), t, 2024)
    assert needed_cell(level, "vi") == "+5,4 %/năm"
    met = assess_one(series("firms", {2020: 800, 2024: 1100}), t, 2024)
    assert met.cagr_needed is None and needed_cell(met, "vi") == "–"
