"""`cnht explain`, the why lines and what-if: the hand-worked numbers appear in the text.

Hand calculations (programme base year 2020):
- progress: 800 (2020) → 850 (2022), target ≥ 1000 by 2025 as of 2023:
  CAGR_act = (850/800)^(1/2) − 1 = 3.078 %, CAGR_req = (1000/800)^(1/5) − 1 = 4.564 %,
  ratio = 0.6743 → acceleration needed (0.60 ≤ r < 0.95).
- what-if value 900: CAGR_req = (900/800)^(1/5) − 1 = 2.384 %, ratio 1.291 → on track.
- ex post: 950 in 2022 against "about 1000" (tolerance 3 % → threshold 970) → missed.
- growth: +12 % (2021), +9 % (2022), "above 11 % every year 2021–2025" as of 2022:
  CAGR_act = √(1.12 × 1.09) − 1 = 10.49 %, ratio 10.49/11 = 0.954 → on track, 2022 fell short.
- linear trend on 110, 120, 130 (2020–2022) and 100 (2019): forecast for 2026 = 170.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import dataset, obs, target, write_data_dir

from cnht_analysis.assess import assess_target
from cnht_analysis.cli import main
from cnht_analysis.errors import UsageError
from cnht_analysis.explain import (
    explain_command,
    explain_lines,
    explain_text,
    missing_figures,
    ratio_rule,
    what_if,
    why,
    years_span,
)
from cnht_analysis.models import Override

PROGRESS_OBS = [obs("firms", 2020, 800), obs("firms", 2022, 850)]
PROGRESS = target("firms_2025", "firms", 2025, "at_least", 1000)


def test_years_span() -> None:
    assert years_span([2019, 2020, 2021, 2023]) == "2019–2021, 2023"
    assert years_span([2024]) == "2024"
    assert years_span([]) == ""


def test_ratio_rule_names_the_band() -> None:
    assert ratio_rule(0.6743, "vi") == "0,60 ≤ 0,67 < 0,95 → Cần đẩy nhanh"
    assert ratio_rule(1.2, "en") == "1.20 ≥ 0.95 → On track"
    assert ratio_rule(-0.66, "vi") == "-0,66 < 0 → Thụt lùi"


def test_progress_numbers_in_both_languages() -> None:
    ds = dataset(PROGRESS_OBS, [PROGRESS])
    a = assess_target(ds, PROGRESS, 2023)
    assert a.status == "acceleration_needed"
    assert why(ds, a, "vi") == "cần +4,6 %/năm, đạt +3,1 %/năm (tỷ số 0,67; 2020–2022)"
    assert why(ds, a, "en") == "needs +4.6 %/yr, achieved +3.1 %/yr (ratio 0.67; 2020–2022)"
    lines = explain_lines(ds, a, "vi")
    assert lines[0] == "firms_2025 — CT"
    assert "Mục tiêu: Doanh nghiệp: tối thiểu 1.000, năm 2025" in lines
    assert "Ngưỡng tính đạt: 1.000 (không có dung sai)" in lines
    assert "Năm gốc: 2020: 800 (số chính thức) [s1]" in lines
    assert "Số mới nhất: 2022: 850 (số chính thức) [s1]" in lines
    assert "Tốc độ tăng cần thiết: +4,6 %/năm; đã đạt: +3,1 %/năm" in lines
    assert "Tỷ số tiến độ (đạt/cần): 0,60 ≤ 0,67 < 0,95 → Cần đẩy nhanh" in lines
    assert "Xác suất đạt: không tính (2 quan sát, cần ít nhất 4)" in lines
    assert lines[-1].startswith("Kết luận: Cần đẩy nhanh — cần +4,6 %/năm")


def test_ex_post_threshold_with_tolerance() -> None:
    t = target("firms_2022", "firms", 2022, "at_least", 1000, tolerance_rel=0.03)
    ds = dataset([obs("firms", 2022, 950, "estimate", "about")], [t])
    a = assess_target(ds, t, 2023)
    assert a.status == "missed"
    assert why(ds, a, "vi") == "năm 2022: khoảng 950 (số ước tính) < ngưỡng 970"
    assert why(ds, a, "en") == "2022: about 950 (estimate) < threshold 970"
    lines = explain_lines(ds, a, "vi")
    assert "Ngưỡng tính đạt: 970 = 1.000 − dung sai 30 (3,0 % của 1.000)" in lines
    assert "Năm mục tiêu: 2022: khoảng 950 (số ước tính) [s1]" in lines
    assert "  – estimate_data: có dùng số ước tính" in lines


def test_override_shows_reason_and_computed_status() -> None:
    t = target("firms_2022", "firms", 2022, "at_least", 1000)
    ds = dataset(
        [obs("firms", 2022, 950)],
        [t],
        overrides=[Override("firms_2022", 2023, "achieved", "Sở xác nhận")],
    )
    a = assess_target(ds, t, 2023)
    text = "\n".join(explain_lines(ds, a, "vi"))
    assert (
        "Điều chỉnh thủ công: trạng thái tính được “Không đạt” được thay bằng “Đạt”; "
        "lý do: Sở xác nhận"
    ) in text
    assert "Kết luận: Đạt" in text
    en = "\n".join(explain_lines(ds, a, "en"))
    assert "the computed status “Missed” is replaced by “Achieved”; reason: Sở xác nhận" in en


def test_growth_window_numbers() -> None:
    t = target("g", "growth", 2025, "growth_above", 11, window=(2021, 2025))
    ds = dataset([obs("growth", 2021, 12), obs("growth", 2022, 9)], [t])
    a = assess_target(ds, t, 2022)
    assert a.status == "on_track"
    assert why(ds, a, "vi") == (
        "cần tăng trên 11,0 %/năm, đạt bình quân +10,5 %/năm (2021–2022), tỷ số 0,95; "
        "năm 2022 chưa đạt"
    )
    lines = explain_lines(ds, a, "en")
    assert "Period it applies to: 2021–2025; years observed: 2021: +12.0%, 2022: +9.0%" in lines
    assert "Years that fell short: 2022" in lines


def test_models_with_their_forecasts() -> None:
    t = target("firms_2026", "firms", 2026, "at_least", 160)
    values = {2019: 100, 2020: 110, 2021: 120, 2022: 130}
    ds = dataset([obs("firms", y, v) for y, v in values.items()], [t])
    a = assess_target(ds, t, 2022)
    lines = explain_lines(ds, a, "vi")
    assert "  – xu hướng tuyến tính: dự báo năm 2026 170; xác suất đạt 100 %" in lines
    assert any(
        line.startswith("  – bước ngẫu nhiên có xu hướng: dự báo năm 2026 ") for line in lines
    )
    assert any(line.startswith("Xác suất đạt (trung vị các mô hình): ") for line in lines)
    # (130/110)^(1/2) − 1 = 8.7 %; (160/110)^(1/6) − 1 = 6.4 %; ratio 1.35
    assert why(ds, a, "en").startswith(
        "needs +6.4 %/yr, achieved +8.7 %/yr (ratio 1.35; 2020–2022)"
    )


def test_missing_figures_name_the_figure() -> None:
    t = target("firms_2022", "firms", 2022, "at_least", 1000)
    ds = dataset([], [t])
    a = assess_target(ds, t, 2024)
    assert missing_figures(ds, a, "vi") == ["doanh nghiệp năm 2022"]
    share = target("share_2025", "intl_share", 2025, "at_least", 40)
    ds = dataset([obs("intl", 2024, 300), obs("firms", 2024, 900)], [share])
    a = assess_target(ds, share, 2024)
    assert a.status == "unable_to_assess"
    assert missing_figures(ds, a, "vi") == [
        "tỷ lệ QT năm 2025 hoặc một năm sau đó (hoặc DN quốc tế và doanh nghiệp năm 2025)"
    ]
    bound = target("firms_2025", "firms", 2025, "at_least", 1000)
    ds = dataset([obs("firms", 2022, 930), obs("firms", 2024, 900, qualifier="more_than")], [bound])
    a = assess_target(ds, bound, 2024)
    assert missing_figures(ds, a, "en") == [
        "firms for 2024 as a definite figure (only “more than 900” is known)"
    ]


def test_what_if_assesses_a_copy() -> None:
    ds = dataset(PROGRESS_OBS, [PROGRESS])
    a = what_if(ds, "firms_2025", value=900, as_of=2023)
    assert a.target.id == "firms_2025_what_if"
    assert a.status == "on_track"
    assert round(a.ratio, 2) == 1.29
    assert ds.target("firms_2025").value == 1000
    with pytest.raises(UsageError, match="cannot change colour"):
        what_if(ds, "firms_2025", colour="red")


def test_unknown_target_names_the_closest_id() -> None:
    ds = dataset(PROGRESS_OBS, [PROGRESS])
    with pytest.raises(UsageError, match="did you mean 'firms_2025'"):
        explain_text(ds, "firms_2052", 2023, "vi")
    with pytest.raises(UsageError, match="closest id is 'firms_2025'"):
        explain_text(ds, "zzz", 2023, "vi")


def test_command_defaults_to_the_latest_year(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data", PROGRESS_OBS, [PROGRESS])
    out = explain_command(data, "firms_2025", None, "en")
    assert "Assessed as of 2022: 2 observations used (2020, 2022; years ≤ 2022)" in out
    assert "Verdict: Acceleration needed — needs +4.6 %/yr, achieved +3.1 %/yr" in out
    assert "[s1] Test, Synthetic test source" in out


def test_cli_explain(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_data_dir(tmp_path / "data", PROGRESS_OBS, [PROGRESS])
    assert main(["explain", "firms_2025", "--as-of", "2023", "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "Kết luận: Cần đẩy nhanh — cần +4,6 %/năm, đạt +3,1 %/năm" in out
    assert main(["explain", "firms_205", "--data", str(data)]) == 2
    assert "did you mean 'firms_2025'" in capsys.readouterr().err
