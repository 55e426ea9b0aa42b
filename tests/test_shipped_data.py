"""The shipped data in `data/`: the curation rules of data/README.md that a loader cannot know.

Every note has a Vietnamese twin, every indicator an owner, every inferred target its reason,
notes cite sources only as [id], and the national count carries
its definition break where the definition changed.
"""

from __future__ import annotations

import re

import pytest

from cnht_analysis.citations import cited_ids
from cnht_analysis.load import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def _targets(ds):
    t = ds.targets
    return list(t.values()) if isinstance(t, dict) else list(t)


def _notes(ds):
    for o in ds.observations:
        yield f"{o.region}/{o.indicator}/{o.year}", o.note, o.note_vi
    for p in ds.programmes.values():
        yield p.id, p.note, p.note_vi
    for t in _targets(ds):
        yield t.id, t.note, t.note_vi


def test_every_note_has_both_languages(ds):
    missing = [where for where, en, vi in _notes(ds) if bool(en) != bool(vi)]
    assert not missing, missing


def test_notes_cite_sources_only_as_lowercase_ids_in_brackets(ds):
    # no "(h14)", "[H5, H6]", "(seed)" or a bare "H9" / "I4"
    old_style = re.compile(r"\((?:[hnic]\d+|seed)\)|\[[HNIC]\d+|\b[HNIC]\d{1,2}\b", re.IGNORECASE)
    for where, en, vi in _notes(ds):
        for text in (en, vi):
            stripped = re.sub(r"\[[^\]]*\]", "", text)
            assert not old_style.search(stripped), (where, text)
            for sid in cited_ids(text):
                assert sid in ds.sources, (where, sid)


def test_every_indicator_has_an_owner(ds):
    assert all(i.owner_vi and i.owner_en for i in ds.indicators.values())


def test_context_series_point_at_cnht_indicators(ds):
    ind = ds.indicators
    assert "cnht_index_growth" in ind["iip_growth_manufacturing"].context_for
    for i in ind.values():
        for ref in i.context_for:
            assert ref.startswith("cnht_"), (i.id, ref)


def test_inferred_targets_say_why(ds):
    inferred = {t.id for t in _targets(ds) if t.inferred}
    assert {
        "programme_2020_2025_enterprises",
        "programme_2020_2025_intl_share",
        "programme_2020_2025_index_growth",
    } <= inferred
    for t in _targets(ds):
        if t.inferred:
            assert t.basis_note_vi and t.basis_note_en, t.id


def test_adoption_years(ds):
    p = ds.programmes
    assert p["programme_2026_2030"].adopted == 2025
    assert not p["programme_2026_2030"].in_force(2024)
    assert p["plan_2025"].adopted == 2024


def test_round_two_figures(ds):
    obs = {(o.region, o.indicator, o.year): o for o in ds.observations}
    grdp = {y: obs[("hanoi", "grdp_growth", y)] for y in (2015, 2020, 2021, 2023)}
    assert [grdp[y].value for y in (2015, 2020, 2021, 2023)] == [9.24, 4.18, 2.92, 6.27]
    assert "3,98" in grdp[2020].note_vi and "3,94" in grdp[2020].note_vi
    assert "6.11" in grdp[2023].note
    national = [o for o in ds.observations if o.indicator == "cnht_enterprises_national"]
    assert [(o.year, o.value, o.breaks) for o in national] == [
        (2020, 1800, False),
        (2021, 5000, True),
        (2023, 5000, False),
        (2024, 6000, False),
    ]
    assert obs[("vietnam", "cnht_enterprises_national", 2024)].qualifier == "more_than"
    assert ds.sources["seed"].url.startswith("https://thitruongbiz.vn/")
