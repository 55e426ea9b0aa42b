"""`cnht history`, `status_history`, `changes_since`, the "since last year" text and chart.

The statuses below are worked out by hand from the method (progress ratio = CAGR_act / CAGR_req):
firms ≥ 2000 by 2024, base 2020 = 1000, so CAGR_req = 2^(1/4) − 1 = 18.92 %/yr;
  as of 2021 (1300): CAGR_act = 30.0 %, ratio 1.59 → on_track
  as of 2022 (1250): CAGR_act = 1.25^(1/2) − 1 = 11.80 %, ratio 0.62 → acceleration_needed
  as of 2023 (1900): CAGR_act = 1.9^(1/3) − 1 = 23.86 %, ratio 1.26 → on_track
  as of 2024 (1950): ex post, 1950 < 2000 → missed
  as of 2020: base year = latest year → unable_to_assess.
area ≥ 140 by 2022 with area 100 (2020), 130 (2021) and nothing later:
  as of 2021: CAGR_act 30 %, CAGR_req = 1.4^(1/2) − 1 = 18.3 %, ratio 1.64 → on_track
  as of 2022: ex post without a 2022 figure → unable_to_assess.
"""

from __future__ import annotations

import csv
import io
import warnings
from pathlib import Path

import pytest
from helpers import PROGRAMMES, dataset, series, target, write_data_dir

from cnht_analysis.cli import main
from cnht_analysis.errors import UsageError
from cnht_analysis.history import (
    changes_since,
    compare_statuses,
    default_years,
    plot_status_history,
    since_last_year_text,
    status_history,
)
from cnht_analysis.models import Override, Programme

FIRMS = {2020: 1000, 2021: 1300, 2022: 1250, 2023: 1900, 2024: 1950}
T_FIRMS = target("t_firms", "firms", 2024, "at_least", 2000)
T_AREA = target("t_area", "area", 2022, "at_least", 140)
T_SHARE = target("t_share", "share", 2030, "at_least", 50)  # never observed
LATER = Programme("later", "hanoi", "Kế hoạch sau", "Later plan", (2022, 2026), 2022)
T_LATER = target("t_later", "firms", 2026, "at_least", 2500, programme="later")


def make(overrides: list[Override] | None = None, firms: dict[int, float] = FIRMS):
    observations = series("firms", firms) + series("area", {2020: 100, 2021: 130})
    return dataset(
        observations,
        [T_FIRMS, T_AREA, T_SHARE, T_LATER],
        overrides=overrides,
        programmes={**PROGRAMMES, "later": LATER},
    )


def statuses(results, target_id: str) -> dict[int, str]:
    return {a.as_of: a.status for a in results if a.target.id == target_id}


# --- status_history ----------------------------------------------------------------------------


def test_status_history_by_hand() -> None:
    results = status_history(make(), "hanoi", range(2019, 2025))
    assert statuses(results, "t_firms") == {
        2020: "unable_to_assess",
        2021: "on_track",
        2022: "acceleration_needed",
        2023: "on_track",
        2024: "missed",
    }
    assert statuses(results, "t_area") == {
        2020: "unable_to_assess",
        2021: "on_track",
        2022: "unable_to_assess",
        2023: "unable_to_assess",
        2024: "unable_to_assess",
    }
    # a target is assessed from its programme's base year on
    assert sorted(statuses(results, "t_later")) == [2022, 2023, 2024]
    # registry order, then years
    assert [a.target.id for a in results][:6] == ["t_firms"] * 5 + ["t_area"]
    ratio = {a.as_of: a.ratio for a in results if a.target.id == "t_firms"}
    assert ratio[2022] == pytest.approx((1.25**0.5 - 1) / (2**0.25 - 1))


def test_data_after_each_year_are_ignored() -> None:
    # the history of a year must not depend on figures published for later years
    short = make(firms={y: v for y, v in FIRMS.items() if y <= 2022})
    full = status_history(make(), "hanoi", [2021, 2022])
    cut = status_history(short, "hanoi", [2021, 2022])
    assert [(a.target.id, a.as_of, a.status, a.ratio) for a in full] == [
        (a.target.id, a.as_of, a.status, a.ratio) for a in cut
    ]


def test_default_years_and_bad_range() -> None:
    ds = make()
    assert default_years(ds, "hanoi") == [2020, 2021, 2022, 2023, 2024]
    assert default_years(ds, "hanoi", 2022) == [2022, 2023, 2024]
    with pytest.raises(UsageError, match="--from: 2025 is after --to 2024"):
        default_years(ds, "hanoi", 2025)
    with pytest.raises(UsageError, match="unknown region"):
        default_years(ds, "hanoy")


# --- compare and changes -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        # the method's order: achieved = on track > acceleration needed > limited progress >
        # moving away = missed (spec: assessment method, "Since last year")
        ("on_track", "achieved", "unchanged"),
        ("missed", "deterioration", "unchanged"),
        ("deterioration", "missed", "unchanged"),
        ("limited_progress", "acceleration_needed", "improved"),
        ("missed", "limited_progress", "improved"),
        ("on_track", "acceleration_needed", "worsened"),
        ("achieved", "missed", "worsened"),
        ("on_track", "on_track", "unchanged"),
        ("unable_to_assess", "unable_to_assess", "unchanged"),
        ("unable_to_assess", "achieved", "not_comparable"),
        ("missed", "unable_to_assess", "not_comparable"),
    ],
)
def test_compare_statuses(old: str, new: str, direction: str) -> None:
    assert compare_statuses(old, new) == direction


def by_id(changes):
    return {c.target.id: c for c in changes}


def test_changes_since_says_why() -> None:
    ds = make()
    c22 = by_id(changes_since(ds, "hanoi", 2022))
    assert c22["t_firms"].direction == "worsened"
    assert c22["t_firms"].reasons == ["new_data"]
    assert [(o.year, o.value) for o in c22["t_firms"].new_data] == [(2022, 1250.0)]
    assert c22["t_area"].direction == "not_comparable"
    assert c22["t_area"].reasons == ["target_year"]
    assert c22["t_share"].direction == "unchanged" and c22["t_share"].reasons == []
    assert c22["t_later"].direction == "new" and c22["t_later"].previous is None
    assert not any(c.revisions_checked for c in c22.values())

    c23 = by_id(changes_since(ds, "hanoi", 2023))
    assert c23["t_firms"].direction == "improved" and c23["t_firms"].reasons == ["new_data"]
    # the later plan: base 2022 = latest 2022 (unable), then 1250 → 1900, ratio 2.75 (on track)
    assert c23["t_later"].direction == "not_comparable"

    c24 = by_id(changes_since(ds, "hanoi", 2024))
    assert c24["t_firms"].direction == "worsened"
    assert c24["t_firms"].reasons == ["new_data", "target_year"]

    # against an older year than the one before
    c_far = by_id(changes_since(ds, "hanoi", 2024, previous=2021))
    assert c_far["t_firms"].previous.as_of == 2021
    assert [o.year for o in c_far["t_firms"].new_data] == [2022, 2023, 2024]
    with pytest.raises(UsageError):
        changes_since(ds, "hanoi", 2022, previous=2022)


def test_revisions_need_the_earlier_data() -> None:
    earlier = make()
    revised = make(firms={**FIRMS, 2021: 1200})  # 2021 revised from 1300 to 1200
    c = by_id(changes_since(revised, "hanoi", 2022, previous_data_dir=earlier))["t_firms"]
    assert c.revisions_checked
    assert c.reasons == ["new_data", "revised"]
    assert [(r.year, r.old.value, r.new.value) for r in c.revisions] == [(2021, 1300.0, 1200.0)]
    # without the earlier data the same revision is invisible
    c = by_id(changes_since(revised, "hanoi", 2022))["t_firms"]
    assert not c.revisions_checked and c.revisions == [] and c.reasons == ["new_data"]


def test_previous_data_dir_from_files(tmp_path: Path) -> None:
    old = write_data_dir(tmp_path / "old", series("firms", FIRMS), [T_FIRMS])
    revised = {**FIRMS, 2021: 1200}
    new = write_data_dir(tmp_path / "new", series("firms", revised), [T_FIRMS])
    from cnht_analysis.load import load_dataset

    c = by_id(changes_since(load_dataset(new), "hanoi", 2022, previous_data_dir=old))["t_firms"]
    assert c.reasons == ["new_data", "revised"]


def test_override_is_a_reason() -> None:
    ov = Override("t_firms", 2023, "acceleration_needed", "Số liệu 2023 chưa được xác nhận")
    c = by_id(changes_since(make([ov]), "hanoi", 2023))["t_firms"]
    assert c.current.status == "acceleration_needed" and c.direction == "unchanged"
    assert c.reasons == ["new_data", "override"]


# --- the report's sentences --------------------------------------------------------------------


def test_since_last_year_text_vi() -> None:
    text = since_last_year_text(make(), "hanoi", 2022, "vi")
    assert text == [
        "So với đánh giá tính đến năm 2021: 0 mục tiêu cải thiện, 1 mục tiêu xấu đi, 1 không đổi, "
        "1 không so sánh được (một trong hai năm chưa đủ số liệu), 1 mục tiêu mới.",
        "Doanh nghiệp (mục tiêu năm 2024): xấu đi từ “Có khả năng đạt” xuống “Cần đẩy nhanh” — "
        "số liệu mới: 1.250 năm 2022.",
        "Diện tích (mục tiêu năm 2022): từ “Có khả năng đạt” thành “Chưa đủ số liệu” — đã đến năm "
        "mục tiêu 2022 nhưng chưa có số liệu của năm đó.",
        "Đánh giá lần đầu: Doanh nghiệp (mục tiêu năm 2026): Chưa đủ số liệu.",
        "Việc điều chỉnh số liệu của các năm trước không phát hiện được vì không có bản dữ liệu "
        "đã dùng cho đánh giá năm 2021; cả hai năm được đánh giá trên cùng bộ số liệu hiện nay.",
    ]


def test_since_last_year_text_en_with_revision() -> None:
    earlier = make()
    revised = make(firms={**FIRMS, 2021: 1200})
    text = since_last_year_text(revised, "hanoi", 2022, "en", previous_data_dir=earlier)
    assert text[0] == (
        "Compared with the assessment as of 2021: 0 improved, 1 worsened, 1 unchanged, "
        "1 not comparable (unable to assess in one of the two years), 1 new."
    )
    assert text[1] == (
        "Firms (target for 2024): worsened from “On track” to “Acceleration needed” — "
        "new data: 1,250 in 2022; revised figures: 2021 from 1,300 to 1,200."
    )
    assert not any("cannot be detected" in s for s in text)


def test_since_last_year_when_nothing_moved() -> None:
    ds = dataset(series("area", {2020: 100, 2021: 130}), [T_SHARE])
    text = since_last_year_text(ds, "hanoi", 2023, "en")
    assert text[:2] == [
        "Compared with the assessment as of 2022: 0 improved, 0 worsened, 1 unchanged.",
        "No verdict changed.",
    ]


# --- the chart ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_status_chart(lang: str) -> None:
    from cnht_analysis.plots import figure_png
    from cnht_analysis.status import colour

    years = range(2020, 2025)
    fig = plot_status_history(make(), "hanoi", years, lang)
    ax = fig.axes[0]
    # 5 + 5 + 5 cells for the three base-2020 targets, 3 for the later programme
    assert len(ax.patches) == 18
    colours = {tuple(round(c, 3) for c in p.get_facecolor()) for p in ax.patches}
    from matplotlib.colors import to_rgba

    for status in ("on_track", "acceleration_needed", "missed", "unable_to_assess"):
        assert tuple(round(c, 3) for c in to_rgba(colour(status))) in colours
    # one marker per cell, in one collection per symbol (its gid)
    symbols = [c.get_gid() for c in ax.collections for _ in c.get_offsets()]
    assert sorted(symbols) == sorted("?" * 11 + "▲" * 5 + "◆" + "✖")
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    word = {"vi": "Không đạt", "en": "Missed"}[lang]
    assert any(word in t for t in legend)
    # frames mark the target year: 2024 for t_firms, 2022 for t_area
    framed = [p for p in ax.patches if p.get_linewidth() > 1]
    assert len(framed) == 2
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph would warn
        png = figure_png(fig)
    assert png[:4] == b"\x89PNG"
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].endswith("— 2024")
    fonts = {t.get_fontfamily()[0] for t in ax.get_yticklabels()}
    assert fonts <= {"DejaVu Sans", "sans-serif"}


# --- the command -------------------------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return write_data_dir(tmp_path / "data", series("firms", FIRMS), [T_FIRMS])


def test_history_csv(data_dir: Path, capsys) -> None:
    assert main(["history", "--data", str(data_dir), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0])[:6] == ["target_id", "as_of", "status", "ratio", "p_attain", "flags"]
    assert [(r["as_of"], r["status"]) for r in rows] == [
        ("2020", "unable_to_assess"),
        ("2021", "on_track"),
        ("2022", "acceleration_needed"),
        ("2023", "on_track"),
        ("2024", "missed"),
    ]
    assert float(rows[1]["ratio"]) == pytest.approx(0.3 / (2**0.25 - 1), rel=1e-9)
    assert rows[4]["ratio"] == "" and rows[4]["target_year"] == "2024"


def test_history_table_words(data_dir: Path, capsys) -> None:
    assert main(["history", "--data", str(data_dir), "--from", "2021", "--to", "2023"]) == 0
    out = capsys.readouterr().out
    assert "Hà Nội — diễn biến đánh giá, tính đến các năm 2021–2023" in out
    assert "2021: Có khả năng đạt · 2022: Cần đẩy nhanh · 2023: Có khả năng đạt" in out
    assert main(["history", "--data", str(data_dir), "--lang", "en", "--from", "2023"]) == 0
    out = capsys.readouterr().out
    assert "t_firms" in out and "2023: On track · 2024: Missed" in out


def test_history_bad_range_exits_2(data_dir: Path, capsys) -> None:
    assert main(["history", "--data", str(data_dir), "--from", "2024", "--to", "2021"]) == 2
    assert "--from: 2024 is after --to 2021" in capsys.readouterr().err
