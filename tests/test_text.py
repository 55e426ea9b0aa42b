"""Labels and number formats (Babel, per language): expected strings written out by hand."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest

from cnht_analysis import text
from cnht_analysis.models import Observation, Target
from cnht_analysis.status import STATUSES
from cnht_analysis.text import (
    fmt_date,
    fmt_datetime,
    fmt_number,
    fmt_percent,
    fmt_probability,
    fmt_rate,
    fmt_rate_pct,
    fmt_tick,
    fmt_value,
    join_words,
    lower_first,
    skip_reason,
    target_phrase,
    value_phrase,
)


@pytest.mark.parametrize(
    ("x", "lang", "decimals", "expected"),
    [
        (1020, "vi", 0, "1.020"),
        (1020, "en", 0, "1,020"),
        (16.5, "vi", 1, "16,5"),
        (16.5, "en", 1, "16.5"),
        (1234567.891, "vi", 2, "1.234.567,89"),
        (0.666, "vi", 2, "0,67"),
        (-0.66, "en", 2, "-0.66"),
        (None, "vi", 0, "–"),
        (float("nan"), "en", 1, "–"),
    ],
)
def test_fmt_number(x: float | None, lang: str, decimals: int, expected: str) -> None:
    assert fmt_number(x, lang, decimals) == expected


def test_percentages_and_rates() -> None:
    assert fmt_percent(16.5, "vi") == "16,5 %"
    assert fmt_percent(16.5, "en") == "16.5%"
    assert fmt_percent(9.04, "vi", 1, sign=True) == "+9,0 %"
    assert fmt_rate(0.034, "vi") == "+3,4 %/năm"
    assert fmt_rate(0.012, "en") == "+1.2 %/yr"
    assert fmt_rate(-0.0163, "vi") == "-1,6 %/năm"
    assert fmt_rate_pct(11, "vi") == "11,0 %/năm"
    assert fmt_rate(None, "vi") == "–"


def test_probabilities_are_whole_percentages_with_open_ends() -> None:
    assert fmt_probability(0.62, "vi") == "62 %"
    assert fmt_probability(0.62, "en") == "62%"
    assert fmt_probability(0.004, "vi") == "< 1 %"
    assert fmt_probability(0.996, "en") == "> 99%"
    assert fmt_probability(1.0, "vi") == "100 %"
    assert fmt_probability(0.0, "vi") == "0 %"


def test_values_in_their_units() -> None:
    assert fmt_value(930, "count", "vi") == "930"
    assert fmt_value(892.4, "count", "vi") == "892"
    assert fmt_value(892.4, "count", "vi", exact=True) == "892,4"
    assert fmt_value(1000, "count", "vi", exact=True) == "1.000"
    assert fmt_value(35.5556, "percent", "vi") == "35,6 %"
    assert fmt_value(1680, "ha", "en") == "1,680 ha"
    assert fmt_tick(1200, "count", "vi") == "1.200"
    assert fmt_tick(12.5, "percent", "vi") == "12,5 %"
    assert fmt_tick(12.0, "growth_pct", "en") == "12%"


def test_dates_in_words() -> None:
    day = dt.date(2026, 11, 28)
    assert fmt_date(day, "vi") == "ngày 28 tháng 11 năm 2026"
    assert fmt_date(day, "en") == "28 November 2026"
    moment = dt.datetime(2026, 11, 28, 7, 3, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    assert fmt_datetime(moment, "vi") == "07:03 ngày 28 tháng 11 năm 2026 (giờ Hà Nội, UTC+7)"
    # a moment in UTC is told in Hanoi time: 23:30 UTC is the next morning in Hanoi
    late = dt.datetime(2026, 11, 28, 23, 30, tzinfo=dt.UTC)
    assert fmt_datetime(late, "en") == "06:30, 29 November 2026 (Hanoi time, UTC+7)"


def _obs(value: float, status: str = "actual", qualifier: str = "exact") -> Observation:
    return Observation("hanoi", "firms", 2022, value, status, qualifier, "s1")


def test_value_phrases_say_qualifier_and_status() -> None:
    assert value_phrase(_obs(930, "derived", "about"), "count", "vi") == "khoảng 930 (số suy ra)"
    assert value_phrase(_obs(930, "derived", "about"), "count", "en") == "about 930 (derived)"
    assert value_phrase(_obs(900, "actual", "more_than"), "count", "vi") == "hơn 900"
    assert value_phrase(_obs(5.4, "preliminary"), "growth_pct", "vi") == "5,4 % (số sơ bộ)"
    assert value_phrase(_obs(900, "estimate"), "count", "en", status=False) == "900"


def test_target_phrases() -> None:
    about = Target("t", "p", "firms", 2022, "at_least", 920, tolerance_rel=0.03)
    assert target_phrase(about, "count", "vi") == "khoảng 920 (tính đạt từ 892,4), năm 2022"
    assert target_phrase(about, "count", "en") == "about 920 (met from 892.4), by 2022"
    assert target_phrase(about, "count", "vi", short=True) == "khoảng 920"
    plain = Target("t", "p", "firms", 2025, "at_least", 1000)
    assert target_phrase(plain, "count", "vi") == "tối thiểu 1.000, năm 2025"
    growth = Target("t", "p", "g", 2025, "growth_above", 11, window=(2021, 2025))
    assert target_phrase(growth, "growth_pct", "vi") == "tăng trên 11,0 %/năm, mỗi năm 2021–2025"
    assert target_phrase(growth, "growth_pct", "en", short=True) == "growth above 11.0 %/yr"
    band = Target("t", "p", "share", 2030, "band", 16.5, tolerance_abs=0.5)
    assert target_phrase(band, "percent", "vi") == "trong khoảng 16,0 %–17,0 %, năm 2030"


def test_small_words() -> None:
    assert lower_first("Số doanh nghiệp") == "số doanh nghiệp"
    assert lower_first("IIP growth") == "IIP growth"
    assert join_words(["a", "b", "c"], "vi") == "a, b và c"
    assert join_words(["a", "b"], "en") == "a and b"
    from cnht_analysis.forecast import LOG, Reason

    # the engine's reason carries its key and numbers: worded, never parsed back
    reason = Reason("min_points", need=4, have=3)
    assert reason == "needs at least 4 points, has 3"  # what CSV and JSON carry
    assert skip_reason(reason, "vi") == "cần ít nhất 4 điểm, chỉ có 3"
    assert skip_reason(LOG.why_invalid, "en") == "non-positive values"
    assert skip_reason(LOG.why_invalid, "vi") == "có giá trị bằng 0 hoặc âm"
    assert skip_reason("some other text", "vi") == "some other text"


def test_every_label_is_nfc_and_bilingual() -> None:
    tables = [
        {code: {"vi": s.vi, "en": s.en} for code, s in STATUSES.items()},
        text.LIKELIHOOD_LABELS,
        text.TYPE_LABELS,
        text.OBS_STATUS_LABELS,
        text.MODEL_LABELS,
        text.FLAG_LABELS,
        text.UI,
        text.UNIT_LABELS,
    ]
    for table in tables:
        for key, words in table.items():
            assert set(words) == {"vi", "en"}, key
            for w in words.values():
                assert unicodedata.is_normalized("NFC", w), (key, w)


def test_status_words_are_the_spec_vocabulary() -> None:
    assert text.status_label("on_track", "vi") == "Có khả năng đạt"
    assert text.status_label("deterioration", "en") == "Moving away"
    assert text.status_label("unable_to_assess", "vi") == "Chưa đủ số liệu"
    symbols = [text.status_symbol(s) for s in STATUSES]
    assert len(set(symbols)) == len(symbols)  # each status has its own shape


def test_every_flag_the_engine_raises_is_explained() -> None:
    source = (Path(text.__file__).parent / "assess.py").read_text(encoding="utf-8")
    codes = set(re.findall(r'flag\(\s*"([a-z_]+)"', source))
    codes |= set(re.findall(r'\("(?:derived|estimate|preliminary)", "([a-z_]+)"\)', source))
    assert codes, "no flag found in assess.py"
    for code in sorted(codes):
        assert code in text.FLAG_LABELS, code
    assert "xu hướng" in text.flag_label("skipped_linear", "vi")


def test_the_validate_summary_stays_one_short_line_with_many_regions() -> None:
    from types import SimpleNamespace

    from cnht_analysis.text import dataset_summary

    regions = [f"r{i:03d}" for i in range(570)]
    ds = SimpleNamespace(
        regions_in_use=lambda: regions,
        observations=[SimpleNamespace(year=2020)],
        indicators={},
        sources={},
        programmes={},
        targets=[],
        overrides=[],
        data_dir="data",
    )
    line = dataset_summary(ds)
    assert "\n" not in line and len(line) < 200
    assert line.endswith("regions: r000, r001, r002, r003, r004 and 565 more")
