"""Derived series: share from two counts, growth from levels, chained index from growths."""

from __future__ import annotations

import pytest
from helpers import dataset, obs, series
from pytest import approx

from cnht_analysis.indicators import combine_qualifiers, parse_derive
from cnht_analysis.indicators import series as derived_series


def by_year(observations):
    return {o.year: o for o in observations}


def test_parse_derive():
    assert parse_derive("share(a, b)") == ("share", ("a", "b"))
    assert parse_derive("growth(a)") == ("growth", ("a",))
    with pytest.raises(ValueError):
        parse_derive("sum(a)")


# --- share ---------------------------------------------------------------------------------


def test_share_from_two_counts():
    ds = dataset([obs("intl", 2023, 300), obs("firms", 2023, 1200), obs("intl", 2024, 50)], [])
    out = by_year(derived_series(ds, "hanoi", "intl_share"))
    assert set(out) == {2023}  # 2024 has no denominator
    s = out[2023]
    assert s.value == approx(25.0, rel=1e-12)  # 100 × 300 / 1200
    assert (s.status, s.qualifier, s.indicator) == ("derived", "exact", "intl_share")
    assert s.derived_from == ("intl", "firms")
    # the note names the indicators (never their ids) and cites the sources, in both languages
    assert s.note == "derived: 100 × intl firms / firms = 100 × 300 / 1,200 [s1]"
    assert s.note_vi == "số suy ra: 100 × DN quốc tế / doanh nghiệp = 100 × 300 / 1.200 [s1]"


@pytest.mark.parametrize(
    ("q_num", "q_den", "expected"),
    [
        ("more_than", "exact", "more_than"),  # a bigger numerator: a bigger share
        ("exact", "more_than", "less_than"),  # a bigger denominator: a smaller share
        ("less_than", "exact", "less_than"),
        ("exact", "less_than", "more_than"),
        ("more_than", "less_than", "more_than"),
        ("more_than", "more_than", "about"),  # bounds pulling both ways
        ("about", "exact", "about"),
        ("exact", "exact", "exact"),
    ],
)
def test_share_qualifier(q_num, q_den, expected):
    ds = dataset(
        [obs("intl", 2024, 320, qualifier=q_num), obs("firms", 2024, 900, qualifier=q_den)], []
    )
    (s,) = derived_series(ds, "hanoi", "intl_share")
    assert s.qualifier == expected
    if expected == "about" and q_num != "about":
        assert "only approximate" in s.note


def test_observed_value_wins_over_derived():
    data = [obs("intl", 2023, 300), obs("firms", 2023, 1200), obs("intl_share", 2023, 26.0)]
    (s,) = derived_series(dataset(data, []), "hanoi", "intl_share")
    assert (s.value, s.status) == (26.0, "actual")


def test_share_follows_as_of():
    data = [
        obs("intl", 2023, 300),
        obs("firms", 2023, 1200),
        obs("intl", 2024, 400),
        obs("firms", 2024, 1000),
    ]
    assert [o.year for o in derived_series(dataset(data, []), "hanoi", "intl_share", 2023)] == [
        2023
    ]


def test_share_carries_a_break():
    data = [obs("intl", 2023, 300), obs("firms", 2023, 1200, breaks=True)]
    (s,) = derived_series(dataset(data, []), "hanoi", "intl_share")
    assert s.breaks


# --- growth --------------------------------------------------------------------------------


def test_growth_from_levels():
    data = series("firms", {2019: 800, 2020: 880, 2021: 902, 2023: 950})
    out = by_year(derived_series(dataset(data, []), "hanoi", "firms_growth"))
    # 2020: 100 × (880/800 − 1) = 10 %; 2021: 100 × (902/880 − 1) = 2.5 %; 2023: gap → none
    assert set(out) == {2020, 2021}
    assert out[2020].value == approx(10.0, rel=1e-12)
    assert out[2021].value == approx(2.5, rel=1e-12)
    assert out[2021].status == "derived" and out[2021].derived_from == ("firms",)
    assert "902 / 880" in out[2021].note


def test_growth_not_across_a_break():
    data = [obs("firms", 2019, 200), obs("firms", 2020, 880, breaks=True), obs("firms", 2021, 902)]
    out = by_year(derived_series(dataset(data, []), "hanoi", "firms_growth"))
    assert set(out) == {2021}


@pytest.mark.parametrize(
    ("q_prev", "q_cur", "expected"),
    [
        ("exact", "more_than", "more_than"),
        ("more_than", "exact", "less_than"),
        ("more_than", "more_than", "about"),
        ("about", "exact", "about"),
    ],
)
def test_growth_qualifier(q_prev, q_cur, expected):
    data = [obs("firms", 2020, 800, qualifier=q_prev), obs("firms", 2021, 880, qualifier=q_cur)]
    (g,) = derived_series(dataset(data, []), "hanoi", "firms_growth")
    assert g.qualifier == expected


# --- index ---------------------------------------------------------------------------------


def test_chained_index_from_growths():
    data = series("growth", {2020: 10, 2021: 5, 2022: -2})
    out = by_year(derived_series(dataset(data, []), "hanoi", "index"))
    # 2019 = 100; 2020 = 110; 2021 = 110 × 1.05 = 115.5; 2022 = 115.5 × 0.98 = 113.19
    assert {y: o.value for y, o in out.items()} == approx(
        {2019: 100.0, 2020: 110.0, 2021: 115.5, 2022: 113.19}, rel=1e-12
    )
    assert all(o.status == "derived" and o.derived_from == ("growth",) for o in out.values())
    assert not any(o.breaks for o in out.values())


def test_index_restarts_after_a_gap_with_a_break():
    data = series("growth", {2018: 10, 2019: 10, 2022: 5})
    out = by_year(derived_series(dataset(data, []), "hanoi", "index"))
    # chain 1: 2017 = 100, 2018 = 110, 2019 = 121; chain 2: 2021 = 100 (break), 2022 = 105
    assert out[2019].value == approx(121.0, rel=1e-12)
    assert out[2021].value == 100.0 and out[2021].breaks
    assert out[2022].value == approx(105.0, rel=1e-12)
    assert "new chain" in out[2021].note


def test_index_after_a_growth_break():
    data = [obs("growth", 2020, 10), obs("growth", 2021, 7, breaks=True), obs("growth", 2022, 5)]
    out = by_year(derived_series(dataset(data, []), "hanoi", "index"))
    assert out[2021].value == 100.0 and out[2021].breaks
    assert out[2022].value == approx(105.0, rel=1e-12)


def test_index_qualifier_from_bounded_growths():
    data = [
        obs("growth", 2020, 10),
        obs("growth", 2021, 5, qualifier="more_than"),
        obs("growth", 2022, 3),
    ]
    out = by_year(derived_series(dataset(data, []), "hanoi", "index"))
    assert [out[y].qualifier for y in (2020, 2021, 2022)] == ["exact", "more_than", "more_than"]


def test_combine_qualifiers():
    assert combine_qualifiers(["exact", "more_than"], []) == "more_than"
    assert combine_qualifiers(["more_than"], ["more_than"]) == "about"
    assert combine_qualifiers(["exact"], ["less_than"]) == "more_than"
    assert combine_qualifiers(["exact"], ["exact"]) == "exact"
