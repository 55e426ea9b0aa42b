"""Charts drawn ahead by a helper process: the very bytes the kernel would draw, or a fallback."""

from __future__ import annotations

import pytest

from cnht_analysis import drawing, plots
from cnht_analysis.paths import PROJECT_ROOT
from cnht_analysis.report import Report

SYNTHETIC = PROJECT_ROOT / "tests" / "fixtures" / "synthetic_long"


@pytest.fixture(scope="module")
def rep() -> Report:
    return Report.build(SYNTHETIC, "synthland", 0, "all", draw_ahead=False)


def _drawn_here(rep: Report, key: drawing.ChartKey, lang: str) -> bytes:
    chart = drawing.build_chart(rep.ds, rep.region, rep.as_of, rep.results, key)
    return plots.figure_png(chart.label(lang))


def test_the_helper_draws_the_same_bytes_as_the_kernel(rep: Report) -> None:
    keys = rep.chart_keys()
    kinds = [kind for kind, _ in keys]
    assert kinds == ["indicator"] * len(rep.indicators())  # the grids are tables of the page
    grid: drawing.ChartKey = ("history", tuple(range(rep.as_of - 4, rep.as_of + 1)))
    jobs = [(key, "en") for key in keys] + [(keys[1], "vi"), (grid, "en")]
    history = drawing.history_of(rep.res, jobs)
    ahead = drawing.ChartsAhead(rep.ds, rep.region, rep.as_of, rep.results, jobs, history)
    try:
        for key in keys:
            built: list[plots.Chart] = []
            rep.chart_png(key, "vi", built)  # drawn here first, then relabelled: the usual path
            assert ahead.take(key, "en") == plots.figure_png(built[0].label("en"))
        # the grid as a chart (a library chart; the page shows it as a table)
        here = plots.figure_png(drawing.results_chart(rep.res, grid).label("en"))
        assert ahead.take(grid, "en") == here
        assert ahead.take(keys[1], "vi") == _drawn_here(rep, keys[1], "vi")
        assert ahead.take(keys[1], "vi") is None  # each chart is handed over once
    finally:
        ahead.close()


def test_a_two_language_report_in_ipython_draws_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    import IPython

    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    both = Report.build(SYNTHETIC, "synthland", 0, "all")
    assert both._ahead is not None
    key = both.chart_keys()[-1]
    assert both.chart_png(key, "en", []) == _drawn_here(both, key, "en")
    assert Report.build(SYNTHETIC, "synthland", 0, "vi")._ahead is None  # one language: no helper
    both._ahead.close()


def test_no_helper_outside_ipython_or_when_asked_not_to() -> None:
    assert Report.build(SYNTHETIC, "synthland", 0, "all")._ahead is None
    assert Report.build(SYNTHETIC, "synthland", 0, "all", draw_ahead=False)._ahead is None


def test_without_a_helper_the_kernel_draws(rep: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_processes(*args: object, **kwargs: object) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(drawing.subprocess, "Popen", no_processes)
    key = rep.chart_keys()[0]
    ahead = drawing.ChartsAhead(rep.ds, rep.region, rep.as_of, rep.results, [(key, "en")])
    assert ahead.take(key, "en") is None


def test_a_chart_the_helper_cannot_draw_is_drawn_by_the_kernel(rep: Report) -> None:
    bad: drawing.ChartKey = ("indicator", "no_such_indicator")
    good = rep.chart_keys()[1]
    ahead = drawing.ChartsAhead(
        rep.ds, rep.region, rep.as_of, rep.results, [(bad, "en"), (good, "en")]
    )
    assert ahead.take(bad, "en") is None
    assert ahead.take(good, "en") is None  # after a failure the helper is stopped
    ahead.close()
