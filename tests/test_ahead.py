"""Charts drawn by `cnht render`'s forked helper: the very bytes the kernel would draw, taken
only when drawn from the same inputs, and a kernel that draws itself whatever is missing."""

from __future__ import annotations

import logging
import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from cnht_analysis import ahead
from cnht_analysis.paths import PROJECT_ROOT
from cnht_analysis.render import read_inputs, render_report
from cnht_analysis.report import Report

SYNTHETIC = PROJECT_ROOT / "tests" / "fixtures" / "synthetic_long"
linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the helper forks")


def _here(rep: Report, key: object, lang: str) -> bytes:
    return rep.chart_png(key, lang, [])  # type: ignore[arg-type]


@pytest.fixture
def one_thread() -> None:
    """The helper forks only from a process with no other thread: wait for stray ones (another
    test's chart reader ends with its helper)."""
    import threading

    deadline = time.monotonic() + 10
    while threading.active_count() > 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    if threading.active_count() > 1:
        pytest.skip(f"other threads run here: {threading.enumerate()}")


@pytest.fixture
def helper(one_thread: None) -> ahead.Helper:
    rep = Report.build(SYNTHETIC, "synthland", 0, "all", draw_ahead=False)
    h = ahead.start(rep.ds, rep.region, rep.as_of, ("vi", "en"), read_inputs(SYNTHETIC))
    assert h is not None, "no helper: this process has other threads or cannot fork"
    yield h
    h.stop()


@linux
def test_the_forked_helper_draws_every_chart_byte_for_byte(helper: ahead.Helper) -> None:
    rep = Report.build(SYNTHETIC, "synthland", 0, "all", draw_ahead=False)
    folder = ahead.Folder(helper.folder)
    keys = rep.chart_keys()
    for key in keys:
        for lang in ("vi", "en"):
            assert folder.take(key, lang) == _here(rep, key, lang), (key, lang)
    assert helper.taken() == (2 * len(keys), 2 * len(keys))
    assert folder.take(("indicator", "no_such_indicator"), "vi", wait_s=30) is None  # not planned


@linux
def test_stop_ends_the_helper_and_removes_its_folder(helper: ahead.Helper) -> None:
    helper.stop()
    assert not helper.folder.exists()
    with pytest.raises(ChildProcessError):
        os.waitpid(helper.pid, os.WNOHANG)  # reaped: no zombie left behind


@linux
def test_the_kernel_takes_the_folder_only_for_the_same_inputs(
    helper: ahead.Helper, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ahead.ENV, str(helper.folder))
    same = Report.build(SYNTHETIC, "synthland", 0, "all")
    assert same._folder is not None and same._ahead is None
    other = tmp_path / "data"
    shutil.copytree(SYNTHETIC, other)
    with (other / "observations.csv").open("a", encoding="utf-8") as f:
        f.write("\n")  # the same figures, other bytes: not the inputs the helper drew from
    assert Report.build(other, "synthland", 0, "all")._folder is None
    monkeypatch.setenv(ahead.ENV, str(tmp_path / "nowhere"))
    assert Report.build(SYNTHETIC, "synthland", 0, "all")._folder is None


def test_a_chart_the_helper_failed_or_ended_without_is_drawn_by_the_kernel(
    tmp_path: Path,
) -> None:
    key = ("indicator", "x")
    name = ahead.chart_file(key, "vi")
    (tmp_path / ahead.PLAN).write_text(f"{name}\n{ahead.chart_file(key, 'en')}\n")
    (tmp_path / ahead.LOCK).write_bytes(b"")  # nobody holds it: the helper has ended
    (tmp_path / f"{name}.failed").write_bytes(b"")
    folder = ahead.Folder(tmp_path)
    start = time.monotonic()
    assert folder.take(key, "vi") is None  # failed
    assert folder.take(key, "en") is None  # planned, but the helper ended without it
    assert time.monotonic() - start < 5  # neither waited for the timeout
    (tmp_path / ahead.chart_file(key, "en")).write_bytes(b"png")
    assert folder.take(key, "en") == b"png"
    assert (tmp_path / ahead.TAKEN).read_text().split() == [ahead.chart_file(key, "en")]


def test_no_helper_where_the_process_has_other_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert not ahead.available()
    rep = Report.build(SYNTHETIC, "synthland", 0, "vi", draw_ahead=False)
    assert ahead.start(rep.ds, rep.region, rep.as_of, ("vi",), read_inputs(SYNTHETIC)) is None


@linux
def test_a_render_takes_every_chart_from_its_helper(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    one_thread: None,
) -> None:
    import tempfile

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    with caplog.at_level(logging.INFO, logger="cnht_analysis.render"):
        result = render_report(SYNTHETIC, "synthland", None, ("vi", "en"), tmp_path / "out")
    line = next(r.getMessage() for r in caplog.records if "drawn ahead" in r.getMessage())
    n = int(line.rsplit(" ", 1)[1])
    assert n >= 6 and line.endswith(f"took {n} of {n}"), line
    assert ahead.ENV not in os.environ  # set for the kernel only while it ran
    assert not list(temp.glob("cnht-charts-*"))  # the helper's folder is gone
    html = (result.report_dir / "annual_assessment.vi.html").read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") >= n // 2


@linux
def test_a_render_that_dies_leaves_no_folder_behind(tmp_path: Path) -> None:
    """Killed before it could stop its helper (SIGKILL, OOM): the helper finishes, sees its
    render gone and removes the folder itself."""
    import subprocess

    code = f"""
import os, sys
from cnht_analysis import ahead
from cnht_analysis.load import load_dataset
from cnht_analysis.render import read_inputs
data = {str(SYNTHETIC)!r}
ds = load_dataset(data)
h = ahead.start(ds, "synthland", 2024, ("vi", "en"), read_inputs(__import__("pathlib").Path(data)))
print(h.folder, flush=True)
os._exit(0)  # no stop(): as if killed
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    folder = Path(out.stdout.strip())
    assert out.returncode == 0 and folder.name.startswith("cnht-charts-"), out.stderr
    deadline = time.monotonic() + 60
    while folder.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not folder.exists()
