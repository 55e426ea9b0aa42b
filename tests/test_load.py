"""The loader: every kind of input mistake gives a problem naming file, row or line, and field.

Each test starts from a small valid data directory (written below, line numbers noted) and makes
one mistake a clerk could make in Excel or a text editor. Expected texts come from the spec
(data-and-cli.md §1) and issue 5, not from the loader's output.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from cnht_analysis.errors import InputError, Problem
from cnht_analysis.load import load_dataset, parse_number, parse_year

INDICATORS = """\
indicator,name_vi,name_en,unit,higher_is_better,min,max,description_vi,description_en,derive
firms,Số doanh nghiệp,Enterprises,count,true,,,,,
firms_intl,Số doanh nghiệp đạt chuẩn,Certified enterprises,count,true,,,,,
intl_share,Tỷ lệ đạt chuẩn,Certified share,percent,true,,,,,"share(firms_intl, firms)"
index_growth,Tăng chỉ số,Index growth,growth_pct,true,-50,100,,,
index,Chỉ số,Index,index,true,0,,,,index(index_growth)
"""
# rows:  1 header, 2 firms, 3 firms_intl, 4 intl_share, 5 index_growth, 6 index

OBSERVATIONS = """\
region,indicator,year,value,status,qualifier,source,note,break
hanoi,firms,2020,800,actual,exact,s1,,
hanoi,firms,2021,850,actual,about,s1,,
hanoi,firms_intl,2021,300,preliminary,more_than,s2,"a note, with a comma",
hanoi,index_growth,2021,11.5,estimate,exact,s2,,false
"""
# rows:  1 header, 2 firms 2020, 3 firms 2021, 4 firms_intl 2021, 5 index_growth 2021

SOURCES = """\
source,publisher,title,date,url,language
s1,Sở Công Thương Hà Nội,Báo cáo năm,2021-03-23,https://example.org/a,vi
s2,Báo Hà Nội Mới,Tin tức,,http://example.org/b,vi
"""

REGIONS = """\
region,name_vi,name_en
hanoi,Hà Nội,Hanoi
"""

TARGETS = """\
programmes:
  - id: plan
    region: hanoi
    name_vi: "Kế hoạch 2022–2025"
    name_en: "Plan 2022–2025"
    period: [2022, 2025]
    base_year: 2021
    source: s1
targets:
  - id: t_firms
    programme: plan
    indicator: firms
    year: 2025
    type: at_least
    value: 920
    tolerance_rel: 0.03
    source: s1
    quote_vi: "khoảng 920 doanh nghiệp"
  - id: t_growth
    programme: plan
    indicator: index_growth
    year: 2025
    type: growth_above
    value: 11
    window: [2022, 2025]
    source: s2
  - id: t_share
    programme: plan
    indicator: intl_share
    year: 2025
    type: at_least
    value: 40
    source: s2
"""
# lines: 2 programme id, 6 period, 7 base_year, 10 t_firms id, 12 indicator, 14 type, 15 value,
#        16 tolerance_rel, 19 t_growth id, 23 type, 25 window, 27 t_share id, 32 value

OVERRIDES = """\
- target: t_firms
  as_of: 2023
  status: on_track
  reason: "Sở xác nhận số liệu"
"""

FILES = {
    "indicators.csv": INDICATORS,
    "observations.csv": OBSERVATIONS,
    "sources.csv": SOURCES,
    "regions.csv": REGIONS,
    "targets.yaml": TARGETS,
    "overrides.yaml": OVERRIDES,
}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A small valid data directory."""
    root = tmp_path / "data"
    root.mkdir()
    for name, text in FILES.items():
        (root / name).write_text(text, encoding="utf-8", newline="")
    return root


def edit(path: Path, old: str, new: str) -> None:
    """Replace exactly one occurrence of `old` in a file (the test's mistake)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8", newline="")


def problems_of(root: Path) -> list[Problem]:
    """The problems load_dataset reports for `root` (it must report some)."""
    with pytest.raises(InputError) as info:
        load_dataset(root)
    return info.value.problems


def only(root: Path) -> Problem:
    """The single problem reported for `root`."""
    found = problems_of(root)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def find(found: list[Problem], file: str, location: str, field: str) -> Problem:
    """The problem at file/location/field (fails listing all problems when absent)."""
    for p in found:
        if (p.file, p.location, p.field) == (file, location, field):
            return p
    raise AssertionError(
        f"no problem at {file}:{location} {field} in:\n" + "\n".join(map(str, found))
    )


def text_of(p: Problem) -> str:
    return f"{p.message} — expected {p.expected}"


# --- valid input ----------------------------------------------------------------------------


def test_small_valid_directory_loads(data: Path) -> None:
    ds = load_dataset(data)
    assert sorted(ds.indicators) == ["firms", "firms_intl", "index", "index_growth", "intl_share"]
    assert len(ds.observations) == 4
    assert [t.id for t in ds.targets] == ["t_firms", "t_growth", "t_share"]
    assert ds.programmes["plan"].period == (2022, 2025)
    assert ds.overrides[0].status == "on_track"
    assert ds.observations[2].qualifier == "more_than"
    assert ds.observations[2].note == "a note, with a comma"


def test_real_data_directory_is_valid() -> None:
    ds = load_dataset()
    assert ds.targets and ds.observations


def test_excel_style_files_are_accepted(data: Path) -> None:
    """BOM, CRLF, trailing blank rows (also Excel's ',,,,' ones), spaces, TRUE/FALSE."""
    for name in ("indicators.csv", "observations.csv", "sources.csv", "targets.yaml"):
        text = (data / name).read_text(encoding="utf-8")
        if name == "observations.csv":
            text = text.replace(",about,s1,,", " , about , s1 ,, FALSE ")
            text += ",,,,,,,,\n\n"
        if name == "indicators.csv":
            text = text.replace("count,true", "count,TRUE")
        (data / name).write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode() + b"\r\n")
    ds = load_dataset(data)
    assert len(ds.observations) == 4
    assert ds.observations[1].qualifier == "about"
    assert ds.observations[1].source == "s1"
    assert ds.observations[1].breaks is False
    assert ds.indicators["firms"].higher_is_better is True


def test_text_is_normalised_to_nfc(data: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Hà Nội")
    assert nfd != "Hà Nội"
    edit(data / "regions.csv", "hanoi,Hà Nội", f"hanoi,{nfd}")
    edit(data / "targets.yaml", '"khoảng 920 doanh nghiệp"', f'"{nfd} khoảng 920"')
    ds = load_dataset(data)
    assert ds.regions["hanoi"].name_vi == "Hà Nội"
    assert ds.targets[0].quote_vi == "Hà Nội khoảng 920"


def test_regions_file_is_optional_and_then_any_region_id_is_accepted(data: Path) -> None:
    (data / "regions.csv").unlink()
    edit(data / "observations.csv", "hanoi,firms,2020", "haiphong,firms,2020")
    assert load_dataset(data).regions == {}


def test_overrides_file_is_optional(data: Path) -> None:
    (data / "overrides.yaml").unlink()
    assert load_dataset(data).overrides == []


def test_empty_qualifier_means_exact_and_empty_break_means_false(data: Path) -> None:
    edit(data / "observations.csv", "2020,800,actual,exact,s1,,", "2020,800,actual,,s1,,")
    o = load_dataset(data).observations[0]
    assert (o.qualifier, o.breaks) == ("exact", False)


# --- numbers -----------------------------------------------------------------------------------


def test_decimal_comma_names_row_and_suggests_point(data: Path) -> None:
    edit(data / "observations.csv", "2021,11.5,", '2021,"11,5",')
    p = only(data)
    assert (p.file, p.location, p.field) == ("observations.csv", "5", "value")
    assert "'11,5'" in p.message and "11.5" in p.expected


def test_point_as_thousands_separator_in_a_count(data: Path) -> None:
    edit(data / "observations.csv", "2021,850,", "2021,1.020,")
    p = only(data)
    assert (p.file, p.location, p.field) == ("observations.csv", "3", "value")
    assert "1.020" in p.message and "write 1020" in p.expected


def test_comma_as_thousands_separator_in_a_count(data: Path) -> None:
    edit(data / "observations.csv", "2021,850,", '2021,"1,020",')
    p = only(data)
    assert (p.location, p.field) == ("3", "value")
    assert "1020" in p.expected and "1.020" not in p.expected


def test_space_as_thousands_separator(data: Path) -> None:
    edit(data / "observations.csv", "2021,850,", "2021,1 020,")
    p = only(data)
    assert (p.location, p.field) == ("3", "value")
    assert "thousands" in p.expected and "1020" in p.expected


def test_non_numeric_value(data: Path) -> None:
    edit(data / "observations.csv", "2020,800,", "2020,n/a,")
    p = only(data)
    assert (p.file, p.location, p.field) == ("observations.csv", "2", "value")
    assert "'n/a' is not a number" in p.message


def test_qualifier_word_in_the_value_cell_points_to_the_qualifier_column(data: Path) -> None:
    edit(data / "observations.csv", "2021,850,actual,about", "2021,khoảng 850,actual,")
    p = only(data)
    assert (p.location, p.field) == ("3", "value")
    assert "850" in p.expected and "about" in p.expected and "qualifier" in p.expected


def test_percent_sign_in_a_number(data: Path) -> None:
    edit(data / "observations.csv", "2021,11.5,", "2021,11.5%,")
    p = only(data)
    assert (p.location, p.field) == ("5", "value")
    assert "% sign" in p.expected and "11.5" in p.expected


def test_decimal_comma_in_yaml_value(data: Path) -> None:
    edit(data / "targets.yaml", "value: 40", "value: 40,5")
    p = only(data)
    assert (p.file, p.location, p.field) == ("targets.yaml", "32", "targets[t_share].value")
    assert "40.5" in p.expected


def test_thousands_point_in_yaml_count_target(data: Path) -> None:
    edit(data / "targets.yaml", "value: 920", "value: 1.020")
    p = only(data)
    assert (p.location, p.field) == ("15", "targets[t_firms].value")
    assert "1.020" in p.message and "write 1020" in p.expected


@pytest.mark.parametrize(
    ("text", "value"),
    [("16.5", 16.5), (" 7 ", 7.0), ("-3", -3.0), ("+2.5", 2.5), ("1e3", 1000.0), (".5", 0.5)],
)
def test_parse_number_accepts_plain_numbers(text: str, value: float) -> None:
    assert parse_number(text) == (value, "")


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("16,5", "16.5"),
        ("1.020.300", "1020300"),
        ("1,020,300", "1020300"),
        ("1.020,5", "1020.5"),
        ("1 020", "1020"),
        ("\u22125", "-5"),
        ("12%", "12"),
        ("nan", "number"),
        ("inf", "number"),
        ("1_000", "number"),
        ("١٢", "number"),  # Arabic-Indic digits are not accepted as a number
    ],
)
def test_parse_number_rejects_with_a_hint(text: str, hint: str) -> None:
    value, expected = parse_number(text)
    assert value is None
    assert hint in expected


# --- years -------------------------------------------------------------------------------------


def test_fractional_year(data: Path) -> None:
    edit(data / "observations.csv", "firms,2020,", "firms,2020.5,")
    p = only(data)
    assert (p.file, p.location, p.field) == ("observations.csv", "2", "year")
    assert "whole year" in p.expected


def test_out_of_range_year(data: Path) -> None:
    edit(data / "observations.csv", "firms,2020,", "firms,20200,")
    p = only(data)
    assert (p.location, p.field) == ("2", "year")
    assert "1900" in p.expected and "2100" in p.expected


def test_out_of_range_target_year(data: Path) -> None:
    edit(
        data / "targets.yaml",
        "year: 2025\n    type: at_least\n    value: 40",
        "year: 2250\n    type: at_least\n    value: 40",
    )
    p = only(data)
    assert (p.file, p.location, p.field) == ("targets.yaml", "30", "targets[t_share].year")
    assert "2100" in p.expected


@pytest.mark.parametrize("text", ["2022", " 2022 ", "2022.0"])
def test_parse_year_accepts_whole_years(text: str) -> None:
    assert parse_year(text) == (2022, "")


# --- columns and keys ------------------------------------------------------------------------


def test_missing_column(data: Path) -> None:
    lines = (data / "observations.csv").read_text(encoding="utf-8").splitlines()
    cut = [",".join(c for i, c in enumerate(line.split(",")) if i != 4) for line in lines]
    (data / "observations.csv").write_text("\n".join(cut) + "\n", encoding="utf-8")
    p = only(data)
    assert (p.file, p.location, p.field) == ("observations.csv", "1", "status")
    assert "missing" in p.message


def test_misspelt_column_suggests_the_closest_name(data: Path) -> None:
    edit(data / "observations.csv", "region,indicator,year,", "region,indicator,yaer,")
    p = only(data)
    assert (p.file, p.location, p.field) == ("observations.csv", "1", "yaer")
    assert "did you mean 'year'" in p.message


def test_column_in_wrong_case_suggests_the_right_one(data: Path) -> None:
    edit(data / "sources.csv", "source,publisher", "Source,publisher")
    p = only(data)
    assert (p.file, p.location, p.field) == ("sources.csv", "1", "Source")
    assert "did you mean 'source'" in p.message


def test_a_broken_catalogue_header_does_not_flood_the_report(data: Path) -> None:
    edit(data / "indicators.csv", "indicator,name_vi", "indicatr,name_vi")
    found = problems_of(data)
    assert [(p.file, p.location) for p in found] == [("indicators.csv", "1")]


def test_misspelt_yaml_key_suggests_the_closest_name(data: Path) -> None:
    edit(data / "targets.yaml", "tolerance_rel: 0.03", "toleranse_rel: 0.03")
    p = only(data)
    assert (p.file, p.location, p.field) == ("targets.yaml", "16", "targets[t_firms].toleranse_rel")
    assert "did you mean 'tolerance_rel'" in p.message


def test_misspelt_required_yaml_key_is_one_problem(data: Path) -> None:
    edit(data / "targets.yaml", "    indicator: firms\n", "    indicatr: firms\n")
    p = only(data)
    assert (p.location, p.field) == ("12", "targets[t_firms].indicatr")
    assert "did you mean 'indicator'" in p.message


def test_missing_yaml_key_names_the_entry_line(data: Path) -> None:
    edit(data / "targets.yaml", "    value: 11\n", "")
    p = only(data)
    assert (p.file, p.location, p.field) == ("targets.yaml", "19", "targets[t_growth].value")
    assert "missing" in p.message


def test_yaml_key_without_a_value(data: Path) -> None:
    edit(data / "targets.yaml", "value: 40", "value:")
    p = only(data)
    assert (p.location, p.field) == ("32", "targets[t_share].value")
    assert "no value" in p.message


def test_yaml_key_written_twice_in_one_entry(data: Path) -> None:
    edit(data / "targets.yaml", "    value: 40\n", "    value: 40\n    value: 45\n")
    p = only(data)
    assert (p.file, p.location, p.field) == ("targets.yaml", "33", "value")
    assert "twice" in p.message and "line 32" in p.message


# --- duplicates ---------------------------------------------------------------------------------


def test_duplicate_observation(data: Path) -> None:
    edit(data / "observations.csv", "hanoi,firms,2021,850,", "hanoi,firms,2020,850,")
    p = only(data)
    assert (p.file, p.location) == ("observations.csv", "3")
    assert "hanoi/firms/2020" in p.message and "first at row 2" in str(p) and p.first_row == 2


def test_duplicate_indicator_id(data: Path) -> None:
    edit(data / "indicators.csv", "firms_intl,Số", "firms,Số")
    found = problems_of(data)
    p = find(found, "indicators.csv", "3", "indicator")
    assert "'firms' appears twice" in p.message and "(first at row 2)" in str(p)


def test_duplicate_source_id(data: Path) -> None:
    edit(data / "sources.csv", "s2,Báo", "s1,Báo")
    found = problems_of(data)
    p = find(found, "sources.csv", "3", "source")
    assert "'s1' appears twice" in p.message


def test_duplicate_target_id(data: Path) -> None:
    edit(data / "targets.yaml", "id: t_share", "id: t_firms")
    p = only(data)
    assert (p.file, p.location, p.field) == ("targets.yaml", "27", "targets[t_firms].id")
    assert "twice" in p.message


def test_duplicate_programme_id(data: Path) -> None:
    text = (data / "targets.yaml").read_text(encoding="utf-8")
    block = text[text.index("  - id: plan") : text.index("targets:")]
    (data / "targets.yaml").write_text(text.replace("targets:", block + "targets:"), "utf-8")
    p = only(data)
    assert (p.file, p.location, p.field) == ("targets.yaml", "9", "programmes[plan].id")
    assert "twice" in p.message and "line 2" in p.message


def test_duplicate_override(data: Path) -> None:
    (data / "overrides.yaml").write_text(OVERRIDES + OVERRIDES, encoding="utf-8")
    p = only(data)
    assert (p.file, p.location) == ("overrides.yaml", "5")
    assert "second override" in p.message and "line 1" in p.message


# --- references across files -----------------------------------------------------------------


def test_unknown_indicator_in_observations(data: Path) -> None:
    edit(data / "observations.csv", "hanoi,firms_intl,", "hanoi,firms_itnl,")
    p = only(data)
    assert (p.file, p.location, p.field) == ("observations.csv", "4", "indicator")
    assert "did you mean 'firms_intl'" in p.message and "indicators.csv" in p.expected


def test_unknown_source_in_observations(data: Path) -> None:
    edit(data / "observations.csv", "more_than,s2,", "more_than,s3,")
    p = only(data)
    assert (p.location, p.field) == ("4", "source")
    assert "unknown source 's3'" in p.message and "sources.csv" in p.expected


def test_unknown_region_when_regions_file_exists(data: Path) -> None:
    edit(data / "observations.csv", "hanoi,firms,2020", "hanoii,firms,2020")
    p = only(data)
    assert (p.location, p.field) == ("2", "region")
    assert "did you mean 'hanoi'" in p.message and "regions.csv" in p.expected


def test_programme_region_missing_from_regions_file(data: Path) -> None:
    edit(data / "targets.yaml", "region: hanoi", "region: vietnam")
    p = only(data)
    assert (p.file, p.location, p.field) == ("targets.yaml", "3", "programmes[plan].region")
    assert "unknown region 'vietnam'" in p.message


def test_unknown_programme_in_target(data: Path) -> None:
    edit(
        data / "targets.yaml",
        "id: t_share\n    programme: plan",
        "id: t_share\n    programme: plam",
    )
    p = only(data)
    assert (p.location, p.field) == ("28", "targets[t_share].programme")
    assert "did you mean 'plan'" in p.message


def test_unknown_indicator_in_target(data: Path) -> None:
    edit(data / "targets.yaml", "indicator: firms\n", "indicator: firm\n")
    p = only(data)
    assert (p.location, p.field) == ("12", "targets[t_firms].indicator")
    assert "did you mean 'firms'" in p.message


def test_unknown_source_in_target(data: Path) -> None:
    edit(data / "targets.yaml", "    source: s1\n    quote_vi", "    source: s9\n    quote_vi")
    p = only(data)
    assert (p.location, p.field) == ("17", "targets[t_firms].source")
    assert "unknown source 's9'" in p.message


def test_unknown_target_in_overrides(data: Path) -> None:
    edit(data / "overrides.yaml", "target: t_firms", "target: t_firm")
    p = only(data)
    assert (p.file, p.location, p.field) == ("overrides.yaml", "1", "[t_firm].target")
    assert "did you mean 't_firms'" in p.message and "targets.yaml" in p.expected


# --- values ----------------------------------------------------------------------------------


def test_value_outside_the_indicators_bounds(data: Path) -> None:
    edit(data / "observations.csv", "2021,11.5,", "2021,150,")
    p = only(data)
    assert (p.location, p.field) == ("5", "value")
    assert "outside the bounds" in p.message and "-50" in p.expected and "100" in p.expected


def test_negative_count(data: Path) -> None:
    edit(data / "observations.csv", "2020,800,", "2020,-800,")
    p = only(data)
    assert (p.location, p.field) == ("2", "value")
    assert "negative count" in p.message


def test_share_target_above_100_percent(data: Path) -> None:
    edit(data / "targets.yaml", "value: 40", "value: 140")
    p = only(data)
    assert (p.location, p.field) == ("32", "targets[t_share].value")
    assert "outside the bounds" in p.message and "100" in p.expected


def test_tolerance_written_as_percent(data: Path) -> None:
    edit(data / "targets.yaml", "tolerance_rel: 0.03", "tolerance_rel: 3")
    p = only(data)
    assert (p.location, p.field) == ("16", "targets[t_firms].tolerance_rel")
    assert "0.03" in p.message


# --- words -----------------------------------------------------------------------------------


def test_invalid_status_word(data: Path) -> None:
    edit(data / "observations.csv", "850,actual,", "850,actuall,")
    p = only(data)
    assert (p.location, p.field) == ("3", "status")
    assert "did you mean 'actual'" in p.message and "preliminary" in p.expected


def test_status_in_capitals_is_accepted(data: Path) -> None:
    edit(data / "observations.csv", "850,actual,", "850,Actual,")
    assert load_dataset(data).observations[1].status == "actual"


def test_vietnamese_qualifier_word_suggests_the_code(data: Path) -> None:
    edit(data / "observations.csv", ",about,s1", ",khoảng,s1")
    p = only(data)
    assert (p.location, p.field) == ("3", "qualifier")
    assert "did you mean 'about'" in p.message and "more_than" in p.expected


def test_invalid_target_type(data: Path) -> None:
    edit(data / "targets.yaml", "type: growth_above", "type: growth_abve")
    p = only(data)
    assert (p.location, p.field) == ("23", "targets[t_growth].type")
    assert "did you mean 'growth_above'" in p.message and "at_least" in p.expected


def test_invalid_unit(data: Path) -> None:
    edit(data / "indicators.csv", "Index,index,", "Index,indexx,")
    found = problems_of(data)
    p = find(found, "indicators.csv", "6", "unit")
    assert "did you mean 'index'" in p.message


def test_invalid_boolean(data: Path) -> None:
    edit(data / "observations.csv", "s2,,false", "s2,,no")
    p = only(data)
    assert (p.location, p.field) == ("5", "break")
    assert "true or false" in p.expected


def test_empty_higher_is_better_is_an_error(data: Path) -> None:
    edit(data / "indicators.csv", "Enterprises,count,true", "Enterprises,count,")
    p = only(data)
    assert (p.file, p.location, p.field) == ("indicators.csv", "2", "higher_is_better")


# --- targets, programmes, windows, derive ---------------------------------------------------------


def test_growth_target_on_a_level_indicator(data: Path) -> None:
    edit(
        data / "targets.yaml", "type: at_least\n    value: 40", "type: growth_above\n    value: 40"
    )
    p = only(data)
    assert (p.location, p.field) == ("31", "targets[t_share].type")
    assert "growth" in p.message and "intl_share" in p.message


def test_window_outside_the_programme_period(data: Path) -> None:
    edit(data / "targets.yaml", "window: [2022, 2025]", "window: [2020, 2025]")
    p = only(data)
    assert (p.location, p.field) == ("25", "targets[t_growth].window")
    assert "outside" in p.message and "2022" in p.expected and "2025" in p.expected


def test_window_on_a_level_target(data: Path) -> None:
    edit(data / "targets.yaml", "value: 40\n", "value: 40\n    window: [2022, 2025]\n")
    p = only(data)
    assert (p.location, p.field) == ("33", "targets[t_share].window")
    assert "only for growth" in p.message


def test_window_written_as_text_range(data: Path) -> None:
    edit(data / "targets.yaml", "window: [2022, 2025]", "window: 2022-2025")
    p = only(data)
    assert (p.location, p.field) == ("25", "targets[t_growth].window")
    assert "[2022, 2025]" in p.expected


def test_base_year_after_the_target_year(data: Path) -> None:
    edit(data / "targets.yaml", "value: 40\n", "value: 40\n    base_year: 2026\n")
    p = only(data)
    assert (p.location, p.field) == ("33", "targets[t_share].base_year")
    assert "2026" in p.message and "before the target year" in p.expected


def test_target_year_before_the_programme_starts(data: Path) -> None:
    edit(
        data / "targets.yaml",
        "year: 2025\n    type: at_least\n    value: 40",
        "year: 2020\n    type: at_least\n    value: 40",
    )
    found = problems_of(data)
    p = find(found, "targets.yaml", "30", "targets[t_share].year")
    assert "before the programme" in p.message


def test_programme_base_year_not_before_its_last_year(data: Path) -> None:
    edit(data / "targets.yaml", "base_year: 2021", "base_year: 2025")
    found = problems_of(data)
    p = find(found, "targets.yaml", "7", "programmes[plan].base_year")
    assert "2025" in p.message


def test_period_running_backwards(data: Path) -> None:
    edit(data / "targets.yaml", "period: [2022, 2025]", "period: [2025, 2022]")
    found = problems_of(data)
    p = find(found, "targets.yaml", "6", "programmes[plan].period")
    assert "backwards" in p.message


def test_derive_cycle(data: Path) -> None:
    edit(
        data / "indicators.csv",
        "index_growth,Tăng chỉ số,Index growth,growth_pct,true,-50,100,,,",
        "index_growth,Tăng chỉ số,Index growth,growth_pct,true,-50,100,,,growth(index)",
    )
    found = problems_of(data)
    p = find(found, "indicators.csv", "5", "derive")
    assert "circle" in p.message and "index_growth → index → index_growth" in p.message


def test_derive_refers_to_itself(data: Path) -> None:
    edit(data / "indicators.csv", "index(index_growth)", "index(index)")
    p = only(data)
    assert (p.file, p.location, p.field) == ("indicators.csv", "6", "derive")
    assert "itself" in p.message


def test_derive_unknown_indicator(data: Path) -> None:
    edit(data / "indicators.csv", "share(firms_intl, firms)", "share(firms_intl, frims)")
    p = only(data)
    assert (p.location, p.field) == ("4", "derive")
    assert "did you mean 'firms'" in p.message


def test_derive_not_understood(data: Path) -> None:
    edit(data / "indicators.csv", "index(index_growth)", "chain(index_growth)")
    p = only(data)
    assert (p.location, p.field) == ("6", "derive")
    assert "share(a, b)" in p.expected


# --- sources --------------------------------------------------------------------------------


def test_javascript_url_is_rejected(data: Path) -> None:
    edit(data / "sources.csv", "https://example.org/a", "javascript:alert(1)")
    p = only(data)
    assert (p.file, p.location, p.field) == ("sources.csv", "2", "url")
    assert "http" in p.expected


def test_url_without_scheme_suggests_https(data: Path) -> None:
    edit(data / "sources.csv", "http://example.org/b", "www.example.org/b")
    p = only(data)
    assert (p.location, p.field) == ("3", "url")
    assert "https://www.example.org/b" in p.expected


def test_excel_date_format_suggests_iso(data: Path) -> None:
    edit(data / "sources.csv", "2021-03-23", "23/03/2021")
    p = only(data)
    assert (p.location, p.field) == ("2", "date")
    assert "2021-03-23" in p.expected


def test_impossible_date(data: Path) -> None:
    edit(data / "sources.csv", "2021-03-23", "2021-02-30")
    p = only(data)
    assert (p.location, p.field) == ("2", "date")


# --- overrides ------------------------------------------------------------------------------


def test_override_with_bad_status(data: Path) -> None:
    edit(data / "overrides.yaml", "status: on_track", "status: on-track")
    p = only(data)
    assert (p.file, p.location, p.field) == ("overrides.yaml", "3", "[t_firms].status")
    assert "did you mean 'on_track'" in p.message


def test_override_without_reason(data: Path) -> None:
    edit(data / "overrides.yaml", '  reason: "Sở xác nhận số liệu"\n', "")
    p = only(data)
    assert (p.file, p.location, p.field) == ("overrides.yaml", "1", "[t_firms].reason")
    assert "missing" in p.message


def test_overrides_not_a_list(data: Path) -> None:
    (data / "overrides.yaml").write_text("target: t_firms\n", encoding="utf-8")
    p = only(data)
    assert p.file == "overrides.yaml" and "not a list" in p.message


# --- files ----------------------------------------------------------------------------------


def test_empty_csv_file(data: Path) -> None:
    (data / "observations.csv").write_text("", encoding="utf-8")
    p = only(data)
    assert (p.file, p.location) == ("observations.csv", "")
    assert "empty" in p.message and "region,indicator,year" in p.expected


def test_empty_targets_file(data: Path) -> None:
    (data / "targets.yaml").write_text("# nothing yet\n", encoding="utf-8")
    found = problems_of(data)
    p = find(found, "targets.yaml", "", "")
    assert "empty" in p.message


def test_broken_yaml_names_the_line(data: Path) -> None:
    edit(data / "targets.yaml", "period: [2022, 2025]", "period: [2022, 2025")
    p = only(data)
    assert p.file == "targets.yaml" and p.location.isdigit() and 6 <= int(p.location) <= 8
    assert "not valid YAML" in p.message


def test_yaml_tab_indentation(data: Path) -> None:
    edit(data / "targets.yaml", "    base_year: 2021", "\tbase_year: 2021")
    p = only(data)
    assert (p.file, p.location) == ("targets.yaml", "7")
    assert "tabs" in p.expected


def test_yaml_unclosed_quote_names_the_line_where_it_opens(data: Path) -> None:
    edit(data / "targets.yaml", 'name_en: "Plan 2022–2025"', 'name_en: "Plan 2022–2025')
    p = only(data)
    assert (p.file, p.location) == ("targets.yaml", "5")


def test_csv_unclosed_quote_names_the_row_where_it_opens(data: Path) -> None:
    edit(data / "observations.csv", '"a note, with a comma"', '"a note, with a comma')
    p = only(data)
    assert (p.file, p.location) == ("observations.csv", "4")
    assert "never closed" in p.message


def test_unquoted_comma_gives_too_many_cells(data: Path) -> None:
    edit(data / "observations.csv", '"a note, with a comma"', "a note, with a comma")
    p = only(data)
    assert (p.file, p.location) == ("observations.csv", "4")
    assert "10 cells" in p.message and "9" in p.message


def test_semicolon_separated_csv(data: Path) -> None:
    text = (data / "sources.csv").read_text(encoding="utf-8").replace(",", ";")
    (data / "sources.csv").write_text(text, encoding="utf-8")
    p = only(data)
    assert (p.file, p.location) == ("sources.csv", "1")
    assert "';'" in p.message and "','" in p.expected


def test_file_not_utf8_names_the_file_and_suggests_utf8(data: Path) -> None:
    (data / "regions.csv").write_bytes(REGIONS.replace("Nội", "Noi").encode("cp1258"))
    p = only(data)
    assert (p.file, p.location) == ("regions.csv", "2")
    assert "not UTF-8" in p.message and "UTF-8" in p.expected


def test_utf16_file(data: Path) -> None:
    (data / "sources.csv").write_bytes(SOURCES.encode("utf-16"))
    p = only(data)
    assert p.file == "sources.csv" and "UTF-16" in p.message and "UTF-8" in p.expected


def test_missing_required_file(data: Path) -> None:
    (data / "sources.csv").unlink()
    p = only(data)
    assert (p.file, p.location) == ("sources.csv", "")
    assert "missing" in p.message and str(data) in p.message


def test_missing_file_mentions_a_look_alike(data: Path) -> None:
    (data / "sources.csv").rename(data / "Sources.csv")
    p = only(data)
    assert p.file == "sources.csv" and "'Sources.csv'" in p.message


def test_data_directory_that_does_not_exist(tmp_path: Path) -> None:
    p = only(tmp_path / "nowhere")
    assert p.file == str(tmp_path / "nowhere") and "does not exist" in p.message


def test_data_directory_that_is_a_file(data: Path) -> None:
    p = only(data / "sources.csv")
    assert "not a directory" in p.message


# --- how problems are reported ---------------------------------------------------------------


def test_rows_are_excel_rows_and_name_the_line_when_a_cell_spans_lines(data: Path) -> None:
    edit(data / "observations.csv", '"a note, with a comma"', '"a note,\nover two lines"')
    edit(data / "observations.csv", "2021,11.5,", "2021,abc,")
    p = only(data)
    assert (p.location, p.field) == ("5 (line 6)", "value")
    assert str(p).startswith("observations.csv:5 (line 6): value: ")


def test_every_problem_stays_on_one_line(data: Path) -> None:
    edit(data / "observations.csv", "2020,800,", '2020,"8\n00\u2028",')
    p = only(data)
    assert len(str(p).splitlines()) == 1
    assert "\\n" in p.message


def test_blank_rows_keep_the_row_numbers_excel_shows(data: Path) -> None:
    edit(data / "observations.csv", "hanoi,firms,2021", "\nhanoi,firms,2021")
    edit(data / "observations.csv", "850,actual", "850,actuall")
    p = only(data)
    assert p.location == "4"


def test_message_format_file_row_column_what_expected(data: Path) -> None:
    edit(data / "observations.csv", "2021,11.5,", '2021,"11,5",')
    line = str(only(data))
    assert line.startswith("observations.csv:5: value: '11,5' is not a number — expected ")


def test_many_mistakes_across_files_are_all_reported_in_one_run(data: Path) -> None:
    edit(data / "indicators.csv", "Index,index,", "Index,indexx,")
    edit(data / "observations.csv", "2021,11.5,", '2021,"11,5",')
    edit(data / "observations.csv", "850,actual,", "850,actuall,")
    edit(data / "sources.csv", "https://example.org/a", "javascript:alert(1)")
    edit(data / "targets.yaml", "type: growth_above", "type: growth_abve")
    edit(data / "overrides.yaml", "status: on_track", "status: on-track")
    (data / "regions.csv").write_bytes(REGIONS.replace("Nội", "Noi").encode("cp1258"))
    found = problems_of(data)
    where = [(p.file, p.location, p.field) for p in found]
    assert ("indicators.csv", "6", "unit") in where
    assert ("observations.csv", "3", "status") in where
    assert ("observations.csv", "5", "value") in where
    assert ("targets.yaml", "23", "targets[t_growth].type") in where
    assert ("sources.csv", "2", "url") in where
    assert ("regions.csv", "2", "") in where
    assert ("overrides.yaml", "3", "[t_firms].status") in where
    # grouped by file in the spec's order, rows ascending within a file
    files = [p.file for p in found]
    assert files == sorted(
        files,
        key=[
            "indicators.csv",
            "observations.csv",
            "targets.yaml",
            "sources.csv",
            "regions.csv",
            "overrides.yaml",
        ].index,
    )
    obs_rows = [int(p.location) for p in found if p.file == "observations.csv"]
    assert obs_rows == sorted(obs_rows)


# --- text rules, ambiguous numbers, magnitudes, entries that are not regular files ------------


def test_dot_thousands_in_a_count_is_refused(data: Path) -> None:
    edit(data / "observations.csv", "2021,850,", "2021,1.000,")
    p = only(data)
    assert (p.file, p.location, p.field) == ("observations.csv", "3", "value")
    assert "write 1000" in p.expected


def test_dot_thousands_in_yaml_is_refused(data: Path) -> None:
    edit(data / "targets.yaml", "value: 920", "value: 1.000")
    p = only(data)
    assert (p.file, p.location) == ("targets.yaml", "15")
    assert "write 1000" in p.expected


@pytest.mark.parametrize(
    ("text", "what"),
    [("bell\x07", "U+0007"), ("\x1b[31mred", "U+001B"), ("abc\u202edef", "U+202E")],
)
def test_control_and_bidi_characters_are_refused(data: Path, text: str, what: str) -> None:
    edit(data / "sources.csv", "Báo cáo năm", text)
    p = only(data)
    assert (p.file, p.location, p.field) == ("sources.csv", "2", "title")
    assert what in p.message


def test_newline_and_tab_are_allowed_in_notes(data: Path) -> None:
    edit(data / "observations.csv", '"a note, with a comma"', '"a note,\twith\na comma"')
    assert load_dataset(data).observations


def test_control_character_in_yaml_is_refused(data: Path) -> None:
    edit(data / "targets.yaml", '"khoảng 920 doanh nghiệp"', '"khoảng 920\\x1b doanh"')
    p = only(data)
    assert p.file == "targets.yaml" and "U+001B" in p.message


def test_huge_count_is_refused(data: Path) -> None:
    edit(data / "observations.csv", "2021,850,", "2021,1e28,")
    p = only(data)
    assert (p.location, p.field) == ("3", "value") and "count" in p.expected


@pytest.mark.parametrize("name", ["regions.csv", "overrides.yaml"])
def test_optional_file_that_is_a_directory_is_an_error(data: Path, name: str) -> None:
    (data / name).unlink()
    (data / name).mkdir()
    p = only(data)
    assert p.file == name and "directory" in p.message


def test_optional_file_that_is_a_fifo_is_an_error_and_does_not_hang(data: Path) -> None:
    (data / "overrides.yaml").unlink()
    os.mkfifo(data / "overrides.yaml")
    p = only(data)
    assert p.file == "overrides.yaml" and "not a regular file" in p.message


def test_required_file_that_is_a_directory_is_not_told_to_be_renamed(data: Path) -> None:
    (data / "sources.csv").unlink()
    (data / "sources.csv").mkdir()
    found = problems_of(data)
    assert any(p.file == "sources.csv" and "directory" in p.message for p in found)
    assert not any("rename it" in str(p) for p in found)
