"""`write_dataset`: the files of spec §1 written from records, read back by the loader unchanged.

Expected file texts are written out by hand from the spec (data-and-cli.md §1), not copied from
the writer's output.
"""

from __future__ import annotations

import tempfile
import unicodedata
from dataclasses import fields
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnht_analysis.dump import (
    OVERRIDE_ORDER,
    PROGRAMME_ORDER,
    TARGET_ORDER,
    number_text,
    write_dataset,
)
from cnht_analysis.load import load_dataset
from cnht_analysis.models import (
    GROWTH_TYPES,
    LEVEL_TYPES,
    OBS_STATUSES,
    QUALIFIERS,
    STATUSES,
    Dataset,
    Indicator,
    Observation,
    Override,
    Programme,
    Region,
    Source,
    Target,
)

RECORDS = ("indicators", "observations", "sources", "programmes", "targets", "regions", "overrides")


def same_records(a: Dataset, b: Dataset) -> bool:
    """Equal records in the same order (the data directory and file list aside)."""
    return all(list(_items(getattr(a, name))) == list(_items(getattr(b, name))) for name in RECORDS)


def _items(records: dict | list) -> list:
    return list(records.items()) if isinstance(records, dict) else list(records)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# A small dataset using every column and key; names typed decomposed (NFD), as some Mac and
# Windows tools save Vietnamese, must come out composed (NFC).
EXAMPLE = Dataset(
    data_dir=Path("."),
    indicators={
        "firms": Indicator("firms", nfd("Số doanh nghiệp"), "Firms", "count", min=0.0),
        "intl": Indicator("intl", "Số DN quốc tế", "Intl firms", "count", min=0.0),
        "share": Indicator(
            "share",
            "Tỷ lệ",
            "Share",
            "percent",
            min=0.0,
            max=100.0,
            description_vi="Tỷ lệ doanh nghiệp quốc tế.",
            description_en="Share of international firms.",
            derive="share(intl, firms)",
        ),
        "growth": Indicator("growth", "Tăng", "Growth", "growth_pct", False, -50.0, 100.0),
    },
    observations=[
        Observation("hanoi", "firms", 2020, 800.0, "actual", "about", "s1", 'khoảng 800, "ước"'),
        Observation("hanoi", "firms", 2022, 930.0, "derived", "exact", "s1", "950 − 20", True),
        Observation("hanoi", "growth", 2021, 0.1 + 0.2, "preliminary", "exact", "s2"),
        Observation("hanoi", "growth", 2022, -1.25, "estimate", "more_than", "s2", "a\nb"),
    ],
    sources={
        "s1": Source("s1", "Sở Công Thương", "Báo cáo, năm 2023", "2023-01-15", "https://e.org/a"),
        "s2": Source("s2", language="en"),
    },
    programmes={
        "plan": Programme("plan", "hanoi", "Kế hoạch", "Plan", (2021, 2025), 2020, "s1", "KH 1"),
    },
    targets=[
        Target("plan_firms", "plan", "firms", 2025, "at_least", 1000.0, source="s1"),
        Target(
            "plan_growth",
            "plan",
            "growth",
            2025,
            "growth_above",
            7.5,
            tolerance_abs=0.5,
            tolerance_rel=0.03,
            base_year=2021,
            window=(2022, 2025),
            source="s2",
            quote_vi="tăng trên 7,5%",
            quote_en="above 7.5 %",
            note="2022: 'năm đầu'",
        ),
    ],
    regions={"hanoi": Region("hanoi", "Hà Nội", "Hanoi")},
    overrides=[Override("plan_firms", 2023, "on_track", "Sở xác nhận")],
)

OBSERVATIONS_CSV = (
    "region,indicator,year,value,status,qualifier,source,note,note_vi,break\n"
    'hanoi,firms,2020,800,actual,about,s1,"khoảng 800, ""ước""",,\n'
    "hanoi,firms,2022,930,derived,exact,s1,950 − 20,,true\n"
    "hanoi,growth,2021,0.3,preliminary,exact,s2,,,\n"
    'hanoi,growth,2022,-1.25,estimate,more_than,s2,"a\nb",,\n'
)


def test_example_round_trips(tmp_path: Path) -> None:
    written = write_dataset(EXAMPLE, tmp_path / "data")
    assert written == tmp_path / "data"
    loaded = load_dataset(written)
    assert loaded.indicators["firms"].name_vi == "Số doanh nghiệp"  # now NFC
    assert loaded.indicators["firms"].name_vi != EXAMPLE.indicators["firms"].name_vi
    assert loaded.observations[2].value == 0.3  # the binary noise is gone
    expected = [
        Observation("hanoi", "firms", 2020, 800.0, "actual", "about", "s1", 'khoảng 800, "ước"'),
        Observation("hanoi", "firms", 2022, 930.0, "derived", "exact", "s1", "950 − 20", True),
        Observation("hanoi", "growth", 2021, 0.3, "preliminary", "exact", "s2"),
        Observation("hanoi", "growth", 2022, -1.25, "estimate", "more_than", "s2", "a\nb"),
    ]
    assert loaded.observations == expected
    for name in ("sources", "programmes", "targets", "regions", "overrides"):
        assert getattr(loaded, name) == getattr(EXAMPLE, name), name
    assert list(loaded.indicators) == ["firms", "intl", "share", "growth"]
    assert loaded.indicators["share"] == EXAMPLE.indicators["share"]
    assert loaded.indicators["growth"] == EXAMPLE.indicators["growth"]


def test_files_as_the_spec_writes_them(tmp_path: Path) -> None:
    root = write_dataset(EXAMPLE, tmp_path, comment="SYNTHETIC test data\nnot real")
    names = sorted(p.name for p in root.iterdir())
    assert names == [
        "indicators.csv",
        "observations.csv",
        "overrides.yaml",
        "regions.csv",
        "sources.csv",
        "targets.yaml",
    ]
    for p in root.iterdir():
        raw = p.read_bytes()
        assert b"\r" not in raw and not raw.startswith(b"\xef\xbb\xbf"), p.name
        assert unicodedata.is_normalized("NFC", raw.decode("utf-8")), p.name
    assert (root / "observations.csv").read_text(encoding="utf-8") == OBSERVATIONS_CSV
    assert (root / "indicators.csv").read_text(encoding="utf-8").splitlines()[:2] == [
        "indicator,name_vi,name_en,unit,higher_is_better,min,max,description_vi,"
        "description_en,derive,owner_vi,owner_en,context_for",
        "firms,Số doanh nghiệp,Firms,count,true,0,,,,,,,",
    ]
    assert (root / "indicators.csv").read_text(encoding="utf-8").splitlines()[4] == (
        "growth,Tăng,Growth,growth_pct,false,-50,100,,,,,,"
    )
    assert (root / "sources.csv").read_text(encoding="utf-8") == (
        "source,publisher,title,date,url,language\n"
        's1,Sở Công Thương,"Báo cáo, năm 2023",2023-01-15,https://e.org/a,\n'
        "s2,,,,,en\n"
    )
    assert (root / "regions.csv").read_text(encoding="utf-8") == (
        "region,name_vi,name_en,superior_body_vi,issuing_body_vi,issuing_body_abbr,place_vi,"
        "signer_title_vi\nhanoi,Hà Nội,Hanoi,,,,,\n"
    )
    targets = (root / "targets.yaml").read_text(encoding="utf-8")
    assert targets.startswith(
        "# SYNTHETIC test data\n"
        "# not real\n"
        "programmes:\n"
        "  - id: plan\n"
        "    region: hanoi\n"
        '    name_vi: "Kế hoạch"\n'
        '    name_en: "Plan"\n'
        '    document: "KH 1"\n'
        "    period: [2021, 2025]\n"
        "    base_year: 2020\n"
        "    source: s1\n"
        "targets:\n"
    )
    first, second = targets.split("  - id: plan_firms\n")[1].split("  - id: plan_growth\n")
    # the unset optional keys are left out; a whole value is written without ".0"
    assert first == (
        "    programme: plan\n"
        "    indicator: firms\n"
        "    year: 2025\n"
        "    type: at_least\n"
        "    value: 1000\n"
        "    source: s1\n"
    )
    for line in (
        "value: 7.5",
        "tolerance_abs: 0.5",
        "tolerance_rel: 0.03",
        "base_year: 2021",
        "window: [2022, 2025]",
        'quote_vi: "tăng trên 7,5%"',
        "note: \"2022: 'năm đầu'\"",
    ):
        assert f"    {line}\n" in second, line
    assert (root / "overrides.yaml").read_text(encoding="utf-8") == (
        "# SYNTHETIC test data\n"
        "# not real\n"
        "- target: plan_firms\n"
        "  as_of: 2023\n"
        "  status: on_track\n"
        '  reason: "Sở xác nhận"\n'
    )


def test_every_field_of_an_entry_has_its_place() -> None:
    for record, order in ((Programme, PROGRAMME_ORDER), (Target, TARGET_ORDER)):
        assert sorted(order) == sorted(f.name for f in fields(record)), record.__name__
    assert sorted(OVERRIDE_ORDER) == sorted(f.name for f in fields(Override))


def test_optional_files_follow_the_dataset(tmp_path: Path) -> None:
    root = write_dataset(EXAMPLE, tmp_path)
    bare = Dataset(
        data_dir=Path("."),
        indicators=EXAMPLE.indicators,
        observations=EXAMPLE.observations,
        sources=EXAMPLE.sources,
        programmes=EXAMPLE.programmes,
        targets=EXAMPLE.targets,
    )
    write_dataset(bare, root)  # over the earlier files: the stale optional ones go
    assert not (root / "regions.csv").exists()
    assert not (root / "overrides.yaml").exists()
    loaded = load_dataset(root)
    assert loaded.regions == {} and loaded.overrides == []


def test_number_text_for_data_files() -> None:
    assert number_text(2022) == "2022"
    assert number_text(930.0) == "930"
    assert number_text(16.5) == "16.5"
    assert number_text(0.1 + 0.2) == "0.3"
    assert number_text(-1.25) == "-1.25"
    assert number_text(1e-7) == "0.0000001"


# --- any small dataset -----------------------------------------------------------------------

IDS = st.from_regex(r"[a-z][a-z0-9_]{0,7}", fullmatch=True)
# Text as the loader hands it over: NFC, no surrounding white space, no control characters.
CHARACTERS = st.characters(categories=("L", "M", "N", "P", "S", "Zs"), exclude_characters="\ufeff")


def clean(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


TEXT = st.text(CHARACTERS, max_size=12).map(clean)
NAME = st.builds(lambda first, rest: clean(first + rest), st.characters(categories=("L",)), TEXT)
NOTE = st.one_of(TEXT, st.builds(lambda a, b: f"{a}\n{b}", NAME, NAME))
YEARS = st.integers(2000, 2030)


def decimals(lo: int, hi: int) -> st.SearchStrategy[float]:
    """Numbers from lo to hi with up to 4 decimals: what a person types (15 digits at most)."""
    return st.integers(0, 4).flatmap(
        lambda k: st.integers(lo * 10**k, hi * 10**k).map(lambda n: n / 10**k)
    )


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    """A small valid dataset, in the form the loader returns records."""
    source_ids = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    sources = {
        s: Source(
            s,
            draw(TEXT),
            draw(TEXT),
            draw(st.sampled_from(["", "2024-02-29", "2025-01-15"])),
            draw(st.sampled_from(["", "https://example.org/a?b=1,2"])),
            draw(st.sampled_from(["", "vi", "en"])),
        )
        for s in source_ids
    }
    region_ids = draw(st.lists(IDS, min_size=1, max_size=2, unique=True))
    with_regions = draw(st.booleans())
    regions = {r: Region(r, draw(NAME), draw(NAME)) for r in region_ids} if with_regions else {}
    units = draw(
        st.lists(
            st.sampled_from(["count", "percent", "growth_pct", "index", "bn_vnd", "ha"]),
            min_size=1,
            max_size=3,
        )
    )
    indicators: dict[str, Indicator] = {}
    for n, unit in enumerate(units):
        lo, hi = {"count": (0.0, None), "percent": (0.0, 100.0)}.get(unit, (None, None))
        if unit == "growth_pct" and draw(st.booleans()):
            lo, hi = -50.0, 100.0
        iid = f"ind{n}"
        indicators[iid] = Indicator(
            iid, draw(NAME), draw(NAME), unit, draw(st.booleans()), lo, hi, draw(TEXT), draw(TEXT)
        )

    def value_for(ind: Indicator) -> float:
        if ind.unit == "count":
            return float(draw(st.integers(0, 10**9)))
        if ind.min is not None:
            return draw(decimals(int(ind.min), int(ind.max or 0)))
        return draw(decimals(-(10**9), 10**9))

    observations = []
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from(region_ids), st.sampled_from(list(indicators)), YEARS),
            max_size=8,
            unique=True,
        )
    )
    for region, iid, year in keys:
        observations.append(
            Observation(
                region,
                iid,
                year,
                value_for(indicators[iid]),
                draw(st.sampled_from(OBS_STATUSES)),
                draw(st.sampled_from(QUALIFIERS)),
                draw(st.sampled_from(source_ids)),
                draw(NOTE),
                draw(st.booleans()),
            )
        )
    programmes: dict[str, Programme] = {}
    for n in range(draw(st.integers(1, 2))):
        first = draw(st.integers(2005, 2025))
        last = first + draw(st.integers(0, 5))
        programmes[f"prog{n}"] = Programme(
            f"prog{n}",
            draw(st.sampled_from(region_ids)),
            draw(NAME),
            draw(NAME),
            (first, last),
            first - draw(st.integers(1, 2)),
            draw(st.sampled_from(["", *source_ids])),
            draw(TEXT),
            draw(NOTE),
        )
    targets = []
    for n in range(draw(st.integers(0, 4))):
        prog = programmes[draw(st.sampled_from(list(programmes)))]
        ind = indicators[draw(st.sampled_from(list(indicators)))]
        growth = ind.is_growth
        year = draw(st.integers(prog.period[0], prog.period[1]))
        base_year = draw(st.one_of(st.none(), st.integers(prog.base_year - 3, year - 1)))
        targets.append(
            Target(
                f"t{n}",
                prog.id,
                ind.id,
                year,
                draw(st.sampled_from(GROWTH_TYPES if growth else LEVEL_TYPES)),
                value_for(ind),
                draw(st.sampled_from([0.0, 0.5, 20.0])),
                draw(st.sampled_from([0.0, 0.03, 0.5])),
                base_year,
                (prog.period[0], year) if growth and draw(st.booleans()) else None,
                draw(st.sampled_from(source_ids)),
                draw(TEXT),
                draw(TEXT),
                draw(NOTE),
            )
        )
    overrides = []
    if targets and draw(st.booleans()):
        t = draw(st.sampled_from(targets))
        overrides.append(Override(t.id, draw(YEARS), draw(st.sampled_from(STATUSES)), draw(NAME)))
    return Dataset(
        data_dir=Path("."),
        indicators=indicators,
        observations=observations,
        sources=sources,
        programmes=programmes,
        targets=targets,
        regions=regions,
        overrides=overrides,
    )


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(datasets())
def test_any_small_dataset_round_trips(ds: Dataset) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        loaded = load_dataset(write_dataset(ds, Path(tmp) / "data"))
    assert same_records(loaded, ds)
