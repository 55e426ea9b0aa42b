"""The results object: since-last-year classes add up; revised figures; adopted later."""

from __future__ import annotations

from dataclasses import replace

from helpers import PROGRAMMES, dataset, series, target

from cnht_analysis.results import CLASSES, Results, classify


def _seeded():
    """Last year's inputs and this year's: one revised figure, one programme adopted since.

    Made-up values: firms 800 (2020), 850 → revised 870 (2022), 905 (2023); share 30 (2020),
    33 (2023); growth 9 (2022), 11 (2023).
    """
    progs = dict(PROGRAMMES)
    progs["later"] = replace(
        PROGRAMMES["prog"], id="later", name_vi="CT mới", name_en="New", period=(2023, 2030)
    )
    targets = [
        target("firms_2022", "firms", 2022, "at_least", 860),  # ex post
        target("firms_2025", "firms", 2025, "at_least", 1000),
        target("share_2025", "share", 2025, "at_least", 40),
        target("growth_2023", "growth", 2023, "growth_at_least", 10),
        target("area_2025", "area", 2025, "at_least", 100),  # never observed
        target("later_2030", "firms", 2030, "at_least", 1500, programme="later"),
    ]
    before = series("firms", {2020: 800, 2022: 850}) + series("share", {2020: 30})
    before += series("growth", {2022: 9})
    now = series("firms", {2020: 800, 2022: 870, 2023: 905}) + series("share", {2020: 30, 2023: 33})
    now += series("growth", {2022: 9, 2023: 11})
    prev_ds = dataset(before, targets[:-1], programmes={k: progs[k] for k in PROGRAMMES})
    ds = dataset(now, targets, programmes=progs)
    return ds, prev_ds


def test_since_last_year_classes_add_up_and_say_what_changed():
    ds, prev_ds = _seeded()
    r = Results.build(ds, "hanoi", 2023, previous_ds=prev_ds)
    assert r.previous_from_inputs
    counts = r.since_counts()
    assert sum(counts.values()) == len(r.assessments) == 6
    assert set(counts) == set(CLASSES)
    klass = {tid: c.klass for tid, c in r.since.items()}
    # 2022 target: as of 2022 850 < 860 missed; as of 2023 the revised 870 meets it
    assert (r.since["firms_2022"].old_status, r.since["firms_2022"].new_status) == (
        "missed",
        "achieved",
    )
    assert klass["firms_2022"] == "improved"
    assert klass["later_2030"] == "new_this_year"  # not in last year's table
    assert klass["area_2025"] == "still_unable"
    assert klass["share_2025"] == "newly_assessable"  # one share figure → two
    # as of 2022 the recent trend (9 %) reads 0.9 of 10 % → acceleration needed; 2023: 11 ≥ 10
    assert r.since["growth_2023"].old_status == "acceleration_needed"
    assert klass["growth_2023"] == "improved"
    assert r.by_id["growth_2023"].status == "achieved"
    (rev,) = r.revised
    assert (rev.indicator, rev.year, rev.old.value, rev.new.value) == ("firms", 2022, 850, 870)


def test_without_previous_inputs_today_data_are_used():
    ds, _ = _seeded()
    r = Results.build(ds, "hanoi", 2023)
    assert not r.previous_from_inputs and r.revised == []
    assert sum(r.since_counts().values()) == len(r.assessments)
    # each as-of year is assessed once and kept
    assert r.history([2022])[2022] is r.history([2022])[2022]


def test_classify_ranks_achieved_with_on_track_and_missed_with_deterioration():
    assert classify("on_track", "achieved") == "unchanged"
    assert classify("deterioration", "missed") == "unchanged"
    assert classify("limited_progress", "acceleration_needed") == "improved"
    assert classify("achieved", "missed") == "worsened"
    assert classify("achieved", "unable_to_assess") == "no_longer_assessable"
    assert classify(None, "achieved") == "new_this_year"


def test_order_data_requests_and_citations():
    ds, _ = _seeded()
    r = Results.build(ds, "hanoi", 2023)
    years = [a.target.year for a in r.in_force_ahead]
    assert years == sorted(years) and min(years) >= 2023
    assert [a.target.year for a in r.passed] == [2022]
    req = {d.indicator: d for d in r.data_requests}
    assert "area" in req and "area_2025" in req["area"].targets
    assert r.citations == {"s1": 1}


def test_explain_numbers_sources_as_the_results_do():
    from cnht_analysis.explain import explain_text
    from cnht_analysis.load import load_dataset

    ds = load_dataset(None)
    r = Results.build(ds, "hanoi", 2024)
    a = r.in_force_ahead[0]
    text = explain_text(ds, a.target.id, 2024, "vi")
    n = r.citations[a.target.source]
    assert f"Nguồn [{n}]" in text
    assert f"[{a.target.source}]" not in text  # readers never see source ids
    if a.cagr_needed is not None:
        assert "Để đạt mục tiêu: " in text


def test_status_history_reads_the_kept_tables_from_each_programmes_start():
    """`cnht history` and the status-by-year grid read the tables `history` keeps: the same
    objects, each target from the year its programme is assessed from (2023 for `later`)."""
    ds, _ = _seeded()
    ds.programmes["later"] = replace(ds.programmes["later"], base_year=2023)
    r = Results.build(ds, "hanoi", 2024)
    got = r.status_history([2024, 2022, 2023])
    kept = {(a.target.id, a.as_of): a for y, t in r.history([2022, 2023, 2024]).items() for a in t}
    assert all(kept[(a.target.id, a.as_of)] is a for a in got)
    ids = [t.id for t in ds.targets]
    assert [(a.target.id, a.as_of) for a in got] == sorted(
        ((a.target.id, a.as_of) for a in got), key=lambda k: (ids.index(k[0]), k[1])
    )
    later = [a.as_of for a in got if a.target.id == "later_2030"]
    assert later == [2023, 2024]  # base year 2023: not assessed as of 2022
    assert len(got) == 5 * 3 + 2
