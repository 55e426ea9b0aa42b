"""The report's charts in its other languages, drawn ahead by a helper process on the other core.

A report in two languages draws each chart twice, and matplotlib draws in one thread, so the
second language would cost nearly as much drawing as the first. `ChartsAhead` starts a helper
process (`python -m cnht_analysis.drawing`) that draws the second language's charts from the
same inputs with the same code while the kernel draws the first language's; the PNGs are
byte-identical to those the kernel would draw. If the helper cannot start, fails or is late,
the kernel draws the chart itself: the same output, only slower.

The helper reads its whole request before drawing and exits when its list is done or its output
pipe closes, so it never outlives the kernel by more than the chart it is drawing.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
import warnings
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO

from . import paths, plots

if TYPE_CHECKING:
    from .assess import Assessment
    from .models import Dataset
    from .plots import Chart
    from .results import Results

# ("indicator", id) for a section's chart; ("history", (year, ...)) for the status-by-year grid
# as a chart (the page and the Word draft show it as a table; kept for notebooks)
ChartKey = tuple[str, Hashable]
WAIT_S = 120.0  # how long the kernel waits for one chart before drawing it itself


def build_chart(
    ds: Dataset,
    region: str,
    as_of: int,
    results: list[Assessment],
    key: ChartKey,
    history: list[Assessment] | None = None,
) -> Chart:
    """One chart of the report, ready to be labelled in any language (`history`: the
    status-by-year grid's assessments, `Results.status_history` of its years)."""
    kind, what = key
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # stray warnings would be untagged notebook output
        if kind == "history":
            from .history import build_status_history_chart

            years = list(what)  # type: ignore[call-overload]
            return build_status_history_chart(ds, region, years, results=history)
        if kind == "indicator":
            return plots.build_indicator_chart(ds, region, str(what), results, as_of)
    raise ValueError(f"unknown chart {key!r}")


def results_chart(res: Results, key: ChartKey) -> Chart:
    """A chart of the report drawn from its results object (the grid reads its history)."""
    history = res.status_history(list(key[1])) if key[0] == "history" else None  # type: ignore[call-overload]
    return build_chart(res.dataset, res.region, res.as_of, res.assessments, key, history)


def history_of(res: Results, jobs: Sequence[tuple[ChartKey, str]]) -> list[Assessment] | None:
    """The status-by-year grid's assessments for the helper, when a job draws the grid."""
    years = next((key[1] for key, _ in jobs if key[0] == "history"), None)
    return None if years is None else res.status_history(list(years))  # type: ignore[call-overload]


class ChartsAhead:
    """PNGs of some charts, drawn by a helper process and taken when the report shows them."""

    def __init__(
        self,
        ds: Dataset,
        region: str,
        as_of: int,
        results: list[Assessment],
        jobs: Sequence[tuple[ChartKey, str]],
        history: list[Assessment] | None = None,
    ) -> None:
        self._done: dict[tuple[ChartKey, str], bytes | None] = {}
        self._ended = False
        self._changed = threading.Condition()
        self._jobs = set(jobs)
        self._proc: subprocess.Popen[bytes] | None = None
        try:
            request = pickle.dumps((ds, region, as_of, results, list(jobs), history))
            # the helper must run this very package, wherever it was imported from
            found = os.environ.get("PYTHONPATH", "")
            path = os.pathsep.join([str(paths.PACKAGE_DIR.parent)] + ([found] if found else []))
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "cnht_analysis.drawing"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env={**os.environ, "PYTHONPATH": path},
            )
        except Exception:  # noqa: BLE001 - no helper: every chart is drawn in the kernel
            self.close()
            return
        # the thread sends the request (larger than a pipe's buffer for big data sets, so
        # writing it would wait for the helper to start) and then collects the charts
        reader = threading.Thread(
            target=self._talk, args=(request,), name="cnht-charts-ahead", daemon=True
        )
        reader.start()

    def _talk(self, request: bytes) -> None:
        proc = self._proc
        try:
            assert proc is not None and proc.stdin is not None and proc.stdout is not None
            with proc.stdin:
                proc.stdin.write(request)
            out = proc.stdout
            while True:
                key, lang, png = pickle.load(out)
                with self._changed:
                    self._done[(key, lang)] = png
                    self._changed.notify_all()
        except Exception:  # noqa: BLE001 - EOF or a broken helper: the rest is drawn here
            pass
        finally:
            with self._changed:
                self._ended = True
                self._changed.notify_all()

    def take(self, key: ChartKey, lang: str) -> bytes | None:
        """The chart's PNG from the helper (waiting for it), or None: draw it yourself."""
        job = (key, lang)
        if job not in self._jobs or self._proc is None:
            return None
        self._jobs.discard(job)
        with self._changed:
            self._changed.wait_for(lambda: job in self._done or self._ended, timeout=WAIT_S)
            png = self._done.pop(job, None)
        if png is None:
            self.close()  # failed or late: stop it rather than let it compete for the core
        return png

    def close(self) -> None:
        """Stop the helper (its remaining charts will be drawn in the kernel)."""
        self._jobs.clear()
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()


def _serve(source: BinaryIO, sink: BinaryIO) -> None:
    """The helper: read (ds, region, as_of, results, jobs, history), write (key, lang, png)
    per job."""
    ds, region, as_of, results, jobs, history = pickle.load(source)
    built: dict[Any, Chart] = {}
    for key, lang in jobs:
        try:
            chart = built.get(key) or build_chart(ds, region, as_of, results, key, history)
            built[key] = chart
            png: bytes | None = plots.figure_png(chart.label(lang))
        except Exception:  # noqa: BLE001 - the kernel draws this one itself
            png = None
        pickle.dump((key, lang, png), sink)
        sink.flush()


if __name__ == "__main__":
    _serve(sys.stdin.buffer, sys.stdout.buffer)
