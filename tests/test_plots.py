"""Charts: the artists that are drawn (markers, stars, fans, labels), not pixels."""

from __future__ import annotations

import dataclasses

import pytest
from helpers import dataset, obs, target
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from cnht_analysis import plots
from cnht_analysis.assess import Assessment, assess_all, assess_target
from cnht_analysis.load import load_dataset
from cnht_analysis.models import Dataset
from cnht_analysis.paths import PROJECT_ROOT

SYNTHETIC = PROJECT_ROOT / "tests" / "fixtures" / "synthetic_long"
Synthetic = tuple[Dataset, list[Assessment]]


@pytest.fixture(scope="module")
def synthetic() -> Synthetic:
    ds = load_dataset(SYNTHETIC)
    return ds, assess_all(ds, "synthland", 2024)


def _lines(fig: Figure) -> list[Line2D]:
    return list(fig.axes[0].get_lines())


def _legend_texts(fig: Figure) -> list[str]:
    return [t.get_text() for legend in fig.legends for t in legend.get_texts()]


def test_observations_by_status_targets_and_fan(synthetic: Synthetic) -> None:
    ds, results = synthetic
    fig = plots.indicator_chart(ds, "synthland", "cnht_enterprises", results, "vi", 2024)
    assert len(fig.axes) == 1
    labels = _legend_texts(fig)
    for label in (
        "Số chính thức",
        "Số sơ bộ",
        "Số ước tính",
        "Dự báo: khoảng 80 %",
        "Dự báo: khoảng 95 %",
        "Mục tiêu (màu = trạng thái)",
    ):
        assert label in labels, label
    by_label = {line.get_label(): line for line in _lines(fig)}
    actual = by_label["Số chính thức"]
    assert actual.get_marker() == "o" and actual.get_fillstyle() == "full"
    assert list(actual.get_xdata()) == list(range(2012, 2023))  # 2023 estimate, 2024 preliminary
    assert by_label["Số ước tính"].get_markerfacecolor() == "white"
    assert by_label["Số sơ bộ"].get_fillstyle() == "bottom"
    stars = [line for line in _lines(fig) if line.get_marker() == "*"]
    mine = [a for a in results if a.target.indicator == "cnht_enterprises"]
    assert len(stars) == len(mine) == 4
    colours = {plots.STATUS_COLOURS[a.status].lower() for a in mine}
    assert {s.get_markerfacecolor().lower() for s in stars} == colours
    fans = fig.axes[0].collections
    assert len(fans) == 2  # 95 % and 80 % bands
    # the fan runs from the last observation (2024) to the latest target year with a probability
    x = fans[0].get_paths()[0].vertices[:, 0]
    assert x.min() == 2024 and x.max() == 2030


def test_axis_numbers_follow_the_language(synthetic: Synthetic) -> None:
    ds, results = synthetic
    vi = plots.indicator_chart(ds, "synthland", "cnht_enterprises", results, "vi", 2024)
    en = plots.indicator_chart(ds, "synthland", "cnht_enterprises", results, "en", 2024)
    assert vi.axes[0].yaxis.get_major_formatter()(1200, 0) == "1.200"
    assert en.axes[0].yaxis.get_major_formatter()(1200, 0) == "1,200"
    share = plots.indicator_chart(ds, "synthland", "cnht_output_share_mfg", results, "vi", 2024)
    assert share.axes[0].yaxis.get_major_formatter()(12.5, 0) == "12,5 %"
    assert vi.axes[0].get_xlabel() == "Năm" and en.axes[0].get_xlabel() == "Year"
    assert vi.axes[0].get_title(loc="left").startswith("Tỉnh Tổng Hợp (SYNTHETIC): Số doanh")


def test_context_series_is_labelled_as_context(synthetic: Synthetic) -> None:
    ds, results = synthetic
    fig = plots.indicator_chart(ds, "synthland", "cnht_index_growth", results, "en", 2024)
    context = [t for t in _legend_texts(fig) if t.startswith("Context, not this indicator")]
    assert len(context) == 1 and "Manufacturing IIP growth" in context[0]
    assert plots.context_indicators(ds, "synthland", "cnht_index_growth") == [
        "iip_growth_manufacturing"
    ]


def test_bound_derived_and_break_markers() -> None:
    t = target("firms_2025", "firms", 2025, "at_least", 1000)
    ds = dataset(
        [
            obs("firms", 2017, 200, qualifier="about"),
            obs("firms", 2022, 930, "derived", "about", breaks=True),
            obs("firms", 2024, 900, qualifier="more_than"),
        ],
        [t],
    )
    results = [assess_target(ds, t, 2024)]
    fig = plots.indicator_chart(ds, "hanoi", "firms", results, "vi", 2024)
    by_label = {line.get_label(): line for line in _lines(fig)}
    assert by_label["Số suy ra (do chúng tôi tính)"].get_marker() == "D"
    assert by_label["Giới hạn dưới (“hơn …”)"].get_marker() == "^"
    breaks = [line for line in _lines(fig) if list(line.get_xdata()) == [2021.5, 2021.5]]
    assert len(breaks) == 1  # a dotted line before the first value of the new definition
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "định nghĩa thay đổi" in texts
    assert "?" in texts  # the status's shape beside the target star


def test_empty_indicator_says_so() -> None:
    t = target("share_2025", "share", 2025, "at_least", 16)
    ds = dataset([], [t])
    fig = plots.indicator_chart(ds, "hanoi", "share", [assess_target(ds, t, 2024)], "en", 2024)
    assert "No observations yet" in [x.get_text() for x in fig.axes[0].texts]
    assert plots.figure_png(fig).startswith(b"\x89PNG")


def test_mathtext_in_data_is_shown_as_text() -> None:
    t = target("firms_2025", "firms", 2025, "at_least", 1000)
    ds = dataset([obs("firms", 2020, 800), obs("firms", 2022, 850)], [t])
    hostile = r"$\frac{1}{2}$ <script>alert(1)</script> $\frac{$"
    ds.indicators["firms"] = dataclasses.replace(ds.indicators["firms"], name_vi=hostile)
    fig = plots.indicator_chart(ds, "hanoi", "firms", [assess_target(ds, t, 2024)], "vi", 2024)
    title = fig.axes[0].get_title(loc="left")
    assert r"$\frac{1}{2}$" in title
    for artist in fig.findobj(lambda a: hasattr(a, "get_parse_math")):
        assert artist.get_parse_math() is False
    # an unbalanced "$\frac{$" would raise ValueError if mathtext parsed it
    assert plots.figure_png(fig).startswith(b"\x89PNG")


def test_indicators_with_targets_in_registry_order(synthetic: Synthetic) -> None:
    ds, results = synthetic
    assert plots.indicators_with_targets(ds, results) == [
        "cnht_enterprises",
        "cnht_output_share_mfg",
        "cnht_index_growth",
        "cnht_intl_share",
    ]


def test_a_1500_character_name_is_shortened_on_the_chart_not_fatal() -> None:
    # a name this long once asked for more title lines than the figure has height
    # ("bottom cannot be >= top") and failed the render
    t = target("firms_2025", "firms", 2025, "at_least", 1000)
    ds = dataset([obs("firms", 2020, 800), obs("firms", 2022, 850)], [t])
    ds.indicators["firms"] = dataclasses.replace(ds.indicators["firms"], name_vi="Tên " * 375)
    fig = plots.indicator_chart(ds, "hanoi", "firms", [assess_target(ds, t, 2024)], "vi", 2024)
    title = fig.axes[0].get_title(loc="left")
    assert title.count("\n") <= 2 and title.endswith("…")
    assert plots.figure_png(fig).startswith(b"\x89PNG")
