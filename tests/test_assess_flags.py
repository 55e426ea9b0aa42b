"""Data flags, series breaks, derived series in an assessment, regions, overrides, the CSV."""

from __future__ import annotations

import csv
import io

from helpers import assess_one, dataset, obs, series, target, write_data_dir
from pytest import approx

from cnht_analysis.assess import assess_all, assess_target, to_csv, to_json
from cnht_analysis.load import load_dataset
from cnht_analysis.models import Override

REL = 1e-4


def test_status_flags_come_from_the_series_used():
    t = target("t", "firms", 2022, "at_least", 900)
    data = [
        obs("firms", 2020, 800, status="estimate"),
        obs("firms", 2021, 850, status="preliminary"),
        obs("firms", 2022, 930),
        obs("firms", 2023, 999, status="derived"),  # after T: not used, not flagged
    ]
    a = assess_one(data, t, 2023)
    assert a.status == "achieved"
    assert set(a.flags) == {"estimate_data", "preliminary_data"}
    assert a.n_obs == 3


def test_data_after_as_of_are_ignored():
    t = target("t", "firms", 2025, "at_least", 1000)
    data = series("firms", {2020: 800, 2022: 900}) + [obs("firms", 2023, 2000, status="estimate")]
    a = assess_one(data, t, 2022)
    assert a.latest_year == 2022 and a.n_obs == 2
    assert a.status == "on_track"  # ratio 1.329 (see test_assess_levels)
    assert "estimate_data" not in a.flags


def test_series_break_drops_earlier_observations():
    # break on 2021: only 2021 and later are used, so b' = 2021 although b = 2020 has a value
    # CAGR_act = (900/850)^(1/2) − 1 = 2.8992 %; CAGR_req = (1000/850)^(1/4) − 1 = 4.1466 %
    t = target("t", "firms", 2025, "at_least", 1000)
    data = [obs("firms", 2020, 200), obs("firms", 2021, 850, breaks=True), obs("firms", 2023, 900)]
    a = assess_one(data, t, 2023)
    assert "series_break" in a.flags
    assert (a.base_year, a.base_value, a.n_obs) == (2021, 850, 2)
    assert a.ratio == approx(0.699156, rel=REL)


def test_break_after_the_used_years_makes_them_an_old_definition():
    # method, Inputs: a figure older than a break at or before A is of an old definition and
    # is never compared with a target; before the break (as of 2021) it still counts
    t = target("t", "firms", 2021, "at_least", 800)
    data = [obs("firms", 2020, 700), obs("firms", 2021, 810), obs("firms", 2022, 2000, breaks=True)]
    a = assess_one(data, t, 2023)
    assert a.status == "unable_to_assess"
    assert {"old_definition", "no_comparable_figure"} <= set(a.flags)
    before = assess_one(data, t, 2021)
    assert "series_break" not in before.flags and before.status == "achieved"


def test_derived_share_in_an_assessment():
    # share = 100 × 320 / 900 = 35.556 %, status derived; the share target of 40 is not met
    t = target("t", "intl_share", 2024, "at_least", 40)
    data = [obs("intl", 2024, 320), obs("firms", 2024, 900)]
    a = assess_one(data, t, 2024)
    assert a.latest_value == approx(35.5556, rel=REL)
    assert a.status == "missed"
    assert a.flags == ["derived_data"]


def test_derived_share_from_bounds_pulling_both_ways_is_a_point():
    # "more than 320" of "more than 900": neither bound → about, judged as a point
    t = target("t", "intl_share", 2024, "at_least", 40)
    data = [
        obs("intl", 2024, 320, qualifier="more_than"),
        obs("firms", 2024, 900, qualifier="more_than"),
    ]
    a = assess_one(data, t, 2024)
    assert a.observations[0].qualifier == "about"
    assert a.status == "missed"


def test_derived_share_lower_bound():
    # "more than 420" of exactly 1000 → share ≥ 42 % ≥ 40 %: achieved is proven
    t = target("t", "intl_share", 2024, "at_least", 40)
    data = [obs("intl", 2024, 420, qualifier="more_than"), obs("firms", 2024, 1000)]
    assert assess_one(data, t, 2024).status == "achieved"


def test_derived_growth_target_from_levels():
    # firms 800 → 880 → 990: growth 2021 = 10 %, 2022 = 12.5 %; target "above 11 %" in 2022
    t = target("t", "firms_growth", 2022, "growth_above", 11)
    a = assess_one(series("firms", {2020: 800, 2021: 880, 2022: 990}), t, 2022)
    assert a.latest_value == approx(12.5, rel=1e-12)
    assert a.status == "achieved"
    assert a.flags == ["derived_data"]


def test_regions_kept_apart():
    hanoi = target("h", "firms", 2022, "at_least", 900)
    nation = target("v", "firms", 2022, "at_least", 900, programme="prog_vn")
    data = [
        obs("firms", 2020, 800),
        obs("firms", 2022, 850),
        obs("firms", 2020, 5000, region="vietnam"),
        obs("firms", 2022, 5200, region="vietnam"),
    ]
    ds = dataset(data, [hanoi, nation])
    h = assess_all(ds, "hanoi", 2022)
    v = assess_all(ds, "vietnam", 2022)
    assert [a.target.id for a in h] == ["h"] and [a.target.id for a in v] == ["v"]
    assert (h[0].latest_value, h[0].status) == (850, "missed")
    assert (v[0].latest_value, v[0].status, v[0].region) == (5200, "achieved", "vietnam")


# --- overrides -------------------------------------------------------------------------------


def test_override_replaces_status_and_keeps_computed():
    t = target("t", "firms", 2022, "at_least", 900)
    ov = [Override("t", 2022, "missed", "the 2022 count was revised down after publication")]
    ds = dataset(series("firms", {2020: 800, 2022: 930}), [t], overrides=ov)
    a = assess_target(ds, t, 2022)
    assert a.status == "missed"
    assert a.computed_status == "achieved"
    assert a.override_reason.startswith("the 2022 count")
    assert "manual_override" in a.flags
    assert a.row()["status"] == "missed"
    # another as-of year is not overridden
    b = assess_target(ds, t, 2023)
    assert b.status == b.computed_status == "achieved" and "manual_override" not in b.flags


def test_override_from_overrides_yaml(tmp_path):
    t = target("t", "firms", 2025, "at_least", 1000)
    data = series("firms", {2020: 800, 2022: 900})
    overrides = [Override("t", 2022, "limited_progress", "Lý do")]
    ds = load_dataset(write_data_dir(tmp_path / "data", data, [t], overrides))
    (a,) = assess_all(ds, "hanoi", 2022)
    assert (a.status, a.computed_status) == ("limited_progress", "on_track")
    assert a.override_reason == "Lý do"
    assert a.flags[-1] == "manual_override"


def test_override_does_not_hide_status_conflict():
    # status_conflict is judged on the computed status, before the override
    years = range(2014, 2021)
    data = series("firms", dict(zip(years, [100, 104, 109, 111, 118, 121, 127], strict=True)))
    t = target("t", "firms", 2025, "at_least", 150, base_year=2014)
    ds = dataset(data, [t], overrides=[Override("t", 2020, "on_track", "r")])
    a = assess_target(ds, t, 2020)
    assert a.computed_status == "on_track"


# --- the CSV and JSON tables -----------------------------------------------------------------


def test_csv_columns_and_cells():
    t = target("t", "firms", 2025, "at_least", 1000)
    ds = dataset(series("firms", {2020: 800, 2022: 900}), [t])
    text = to_csv(assess_all(ds, "hanoi", 2022))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == [
        "target_id", "programme", "region", "indicator", "type", "target_year", "as_of",
        "target_value", "threshold", "base_year", "base_value", "latest_year", "latest_value",
        "cagr_actual_pct", "cagr_required_pct", "ratio", "status", "p_attain", "p_low",
        "p_high", "likelihood", "n_obs", "flags", "cagr_needed_pct", "needed_is_upper_bound",
    ]  # fmt: skip
    r = rows[0]
    assert r["status"] == "on_track"
    assert float(r["cagr_actual_pct"]) == approx(6.066017178, rel=1e-9)  # 12 significant digits
    assert float(r["ratio"]) == approx(1.329114076, rel=1e-9)
    assert r["p_attain"] == "" and r["likelihood"] == ""
    assert r["flags"] == "too_few_points_for_probability"
    assert (r["target_year"], r["base_year"], r["n_obs"]) == ("2025", "2020", "2")
    # what it takes from 900 in 2022 to 1,000 in 2025: (1000/900)^(1/3) − 1 = 3.574 %/yr
    assert float(r["cagr_needed_pct"]) == approx(100 * ((1000 / 900) ** (1 / 3) - 1), rel=1e-9)
    assert r["needed_is_upper_bound"] == ""


def test_json_has_nulls_for_empty_cells():
    import json

    t = target("t", "firms", 2022, "at_least", 900)
    ds = dataset(series("firms", {2020: 800, 2022: 930}), [t])
    (row,) = json.loads(to_json(assess_all(ds, "hanoi", 2022)))
    assert row["cagr_actual_pct"] is None and row["status"] == "achieved"
