"""End-to-end tests of `cnht render` with real kernels: failures never touch a good report.

Each kernel start costs about 2 s, so one good report is rendered per module and copied for
each failure test. The notebooks are tiny fixtures (tests/fixtures/notebooks); the real report
is rendered in test_browser.py.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cnht_analysis import cli, outdir, render
from cnht_analysis.errors import EXIT_FAILURE, EXIT_LOCKED, EXIT_OK, InputError, RenderError

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
OK_NB = FIXTURES / "ok.ipynb"
YEAR = "2024"
HARNESS = (
    "import sys; from pathlib import Path; from cnht_analysis import cli, render; "
    "render.NOTEBOOK = Path(sys.argv[1]); sys.exit(cli.console(sys.argv[2:]))"
)


def digest(root: Path) -> dict[str, str]:
    """sha256 of every file under root, hidden files included."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def render_fixture(name: str, out: Path, *args: str) -> tuple[int, str]:
    """Run `cnht render` in this process on a fixture notebook; (exit code, stderr)."""
    argv = ["render", "--as-of", YEAR, "--out", str(out), *args]
    old = render.NOTEBOOK
    render.NOTEBOOK = FIXTURES / f"{name}.ipynb"
    try:
        import contextlib
        import io

        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            rc = cli.main(argv)
    finally:
        render.NOTEBOOK = old
    return rc, err.getvalue()


def spawn(name: str, out: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    """`cnht render` on a fixture notebook in a child process."""
    argv = [sys.executable, "-c", HARNESS, str(FIXTURES / f"{name}.ipynb")]
    argv += ["render", "--as-of", YEAR, "--out", str(out)]
    return subprocess.Popen(
        argv,
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def good_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """OUT root holding one good report rendered from ok.ipynb in both languages."""
    out = tmp_path_factory.mktemp("good")
    rc, err = render_fixture("ok", out, "--lang", "all")
    assert rc == EXIT_OK, err
    return out


@pytest.fixture
def out(good_report: Path, tmp_path: Path) -> Path:
    """A private copy of the good report's OUT root."""
    copy = tmp_path / "reports"
    shutil.copytree(good_report, copy)
    return copy


def report_of(out: Path) -> Path:
    return out / "hanoi" / YEAR


def assert_untouched(out: Path, before: dict[str, str], failed: str | None) -> None:
    """The earlier report is byte-for-byte the same, at most the failed notebook was added,
    and nothing is left beside it but the lock file."""
    after = digest(report_of(out))
    if failed is not None:
        assert f"{failed}.failed.ipynb" in after, sorted(after)
        after.pop(f"{failed}.failed.ipynb")
    assert after == before
    assert sorted(p.name for p in (out / "hanoi").iterdir()) == [YEAR]


# --- the good run ----------------------------------------------------------------------------


def test_good_run_writes_exactly_the_spec_outputs(good_report: Path) -> None:
    folder = report_of(good_report)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "assessment.csv",
        "inputs",
        "manifest.json",
        "ok.en.html",
        "ok.ipynb",
        "ok.vi.html",
    ]
    assert sorted(p.name for p in folder.parent.iterdir()) == [YEAR]

    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["parameters"] == {
        "as_of": 2024,
        "region": "hanoi",
        "lang": "all",
        "data_dir": str(folder / "inputs"),  # the snapshot, as published
    }
    assert manifest["data_dir"] == str(ROOT / "data")  # where the snapshot was read from
    assert manifest["kernel"] == "cnht-analysis"
    for key in ("python", "papermill", "nbconvert"):
        assert manifest["versions"][key]
    assert manifest["started_utc"] <= manifest["finished_utc"]
    inputs = {i["file"]: i for i in manifest["inputs"]}
    required = {"indicators.csv", "observations.csv", "sources.csv", "targets.yaml"}
    assert {f"inputs/{n}" for n in required} <= set(inputs)
    for name, item in inputs.items():
        data = (folder / name).read_bytes()  # the manifest hashes the copies kept in inputs/
        assert data == (ROOT / "data" / Path(name).name).read_bytes()
        assert item["sha256"] == hashlib.sha256(data).hexdigest() and item["bytes"] == len(data)
    listed = {o["file"]: o for o in manifest["outputs"]}
    assert set(listed) == set(names) - {"manifest.json", "inputs"}
    for name, item in listed.items():
        data = (folder / name).read_bytes()
        assert item["sha256"] == hashlib.sha256(data).hexdigest() and item["bytes"] == len(data)


def test_good_run_html_and_csv(good_report: Path) -> None:
    folder = report_of(good_report)
    vi = (folder / "ok.vi.html").read_text(encoding="utf-8")
    en = (folder / "ok.en.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in vi and "<title>Báo cáo thử nghiệm hanoi 2024</title>" in vi
    assert '<html lang="en">' in en and "<title>Test report hanoi 2024</title>" in en
    assert "<td>Đạt</td>" in vi and "<td>Met</td>" not in vi and "Chỉ có trong bản" in vi
    assert "<td>Met</td>" in en and "Only in the English page" in en and "Chỉ có" not in en
    for page in (vi, en):
        assert "CODE_MARKER_7f3a" not in page and "a warning only" not in page
        assert "<script" not in page
        assert page.count('src="data:image/png;base64,') == 2
        assert 'href="https://example.org/source"' in page  # links to sources stay
    executed = (folder / "ok.ipynb").read_text(encoding="utf-8")
    assert "a warning only the executed notebook keeps" in executed  # the record keeps it
    csv = (folder / "assessment.csv").read_text(encoding="utf-8")
    assert csv.splitlines()[0].startswith("target_id,programme,region,indicator,type")


# --- failures inside the notebook ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "timeout", "expected"),
    [
        ("error", "60", "raised ValueError: fixture failure 41"),
        ("timeout", "2", "did not finish within 2 s"),
        ("kill", "60", "the kernel died while running cell"),
    ],
)
def test_failing_notebook_keeps_previous_report(
    out: Path, name: str, timeout: str, expected: str
) -> None:
    before = digest(report_of(out))
    rc, err = render_fixture(name, out, "--timeout", timeout)
    assert rc == EXIT_FAILURE
    assert expected in err and "Traceback" not in err
    assert f"kept as {report_of(out)}/{name}.failed.ipynb" in err
    assert "previous report" in err and "is unchanged" in err
    assert_untouched(out, before, failed=name)
    kept = (report_of(out) / f"{name}.failed.ipynb").read_text(encoding="utf-8")
    assert '"as_of": 2024' in kept or "as_of = 2024" in kept  # the injected parameters


def test_failure_without_earlier_report_leaves_only_the_failed_notebook(tmp_path: Path) -> None:
    rc, err = render_fixture("error", tmp_path)
    assert rc == EXIT_FAILURE and "previous report" not in err
    assert sorted(p.name for p in report_of(tmp_path).iterdir()) == ["error.failed.ipynb"]


def test_disk_full_keeps_previous_report(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Writing the report files fails with ENOSPC after the kernel ran."""
    before = digest(report_of(out))
    real = outdir.write_file

    def full(path: Path, data: bytes) -> None:
        if path.suffix == ".html":
            real(path, data[: len(data) // 2])  # a partial file first, as a full disk leaves
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, data)

    monkeypatch.setattr(outdir, "write_file", full)
    with pytest.raises(
        RenderError, match=r"cannot write \S+\.html: No space left on device"
    ) as info:
        render.render_report(
            as_of=2024, langs=("vi", "en"), out_root=out, notebook=FIXTURES / "ok.ipynb"
        )
    assert "is unchanged" in str(info.value)
    assert_untouched(out, before, failed="ok")


# --- signals and concurrency -----------------------------------------------------------------


def _wait_for(path: Path, proc: subprocess.Popen[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"render ended early: {proc.communicate()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("the slow notebook never started")
        time.sleep(0.05)


def test_sigterm_mid_run_and_lock_contention(out: Path, tmp_path: Path) -> None:
    before = digest(report_of(out))
    started = tmp_path / "started"
    proc = spawn("slow", out, {"CNHT_TEST_STARTED": str(started)})
    _wait_for(started, proc)

    # a second render of the same report while the first one runs: exit 3, nothing written
    rc, err = render_fixture("ok", out)
    assert rc == EXIT_LOCKED
    assert f"another cnht render is writing {report_of(out)}" in err
    assert f"(pid {proc.pid}, started " in err

    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == EXIT_FAILURE
    assert "interrupted by SIGTERM" in err and "Traceback" not in err
    assert_untouched(out, before, failed="slow")


def test_sigkill_mid_run_then_next_run_succeeds(out: Path, tmp_path: Path) -> None:
    before = digest(report_of(out))
    started = tmp_path / "started"
    proc = spawn("slow", out, {"CNHT_TEST_STARTED": str(started)})
    _wait_for(started, proc)
    proc.kill()
    proc.communicate(timeout=30)
    # the killed run leaves its staging directory beside the report, never inside it
    assert digest(report_of(out)) == before
    assert [p for p in (out / "hanoi").iterdir() if ".tmp-" in p.name]

    rc, err = render_fixture("ok", out, "--lang", "en")
    assert rc == EXIT_OK, err
    assert sorted(p.name for p in (out / "hanoi").iterdir()) == [YEAR]
    assert "ok.en.html" in {p.name for p in report_of(out).iterdir()}


# --- snapshot and merge ----------------------------------------------------------------------


def _data_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    return data


def test_a_concurrent_edit_of_data_cannot_mix_versions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """data/ is edited while the kernel runs: HTML, CSV and manifest all show the snapshot."""
    data = _data_copy(tmp_path)
    original = (data / "observations.csv").read_bytes()
    real = render._execute

    def edit_then_execute(*args: object, **kwargs: object) -> object:
        (data / "observations.csv").write_bytes(original + b"hanoi,edited,2024,1,actual\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(render, "_execute", edit_then_execute)
    result = render.render_report(
        data_dir=data, as_of=2024, out_root=tmp_path / "out", notebook=FIXTURES / "data.ipynb"
    )
    folder = result.report_dir
    want = hashlib.sha256(original).hexdigest()
    assert (folder / "inputs" / "observations.csv").read_bytes() == original
    inputs = {i["file"]: i["sha256"] for i in result.manifest["inputs"]}
    assert inputs["inputs/observations.csv"] == want
    assert f"observations.csv sha256 {want}" in (folder / "data.vi.html").read_text()
    # the notebook wrote assessment.csv itself: the render used it and computed none
    assert (folder / "assessment.csv").read_text() == f"made by the notebook from {want}\n"
    assert (folder / "extra.vi.txt").is_file()  # whatever the run produced is published
    assert "extra.vi.txt" in {o["file"] for o in result.manifest["outputs"]}


def test_a_report_is_re_created_from_its_inputs(tmp_path: Path) -> None:
    first = render.render_report(
        data_dir=_data_copy(tmp_path), as_of=2024, out_root=tmp_path / "a", notebook=OK_NB
    )
    again = render.render_report(
        data_dir=first.report_dir / "inputs", as_of=2024, out_root=tmp_path / "b", notebook=OK_NB
    )
    assert digest(first.report_dir / "inputs") == digest(again.report_dir / "inputs")
    assert (first.report_dir / "assessment.csv").read_bytes() == (
        again.report_dir / "assessment.csv"
    ).read_bytes()
    # re-rendering in place from its own snapshot works too
    render.render_report(
        data_dir=first.report_dir / "inputs", as_of=2024, out_root=tmp_path / "a", notebook=OK_NB
    )
    assert digest(first.report_dir / "inputs") == digest(again.report_dir / "inputs")


def test_previous_years_inputs_are_passed(tmp_path: Path) -> None:
    data = _data_copy(tmp_path)
    out = tmp_path / "out"
    nb = FIXTURES / "data.ipynb"
    render.render_report(data_dir=data, as_of=2023, out_root=out, notebook=nb)
    result = render.render_report(data_dir=data, as_of=2024, out_root=out, notebook=nb)
    page = (result.report_dir / "data.vi.html").read_text()
    assert f"previous [{out / 'hanoi' / '2023' / 'inputs'}]" in page


def test_lang_en_after_all_keeps_the_vietnamese_page(out: Path) -> None:
    vi = (report_of(out) / "ok.vi.html").read_bytes()
    (report_of(out) / "reader-notes.txt").write_text("not the render's")
    rc, err = render_fixture("ok", out, "--lang", "en")
    assert rc == EXIT_OK, err
    assert (report_of(out) / "ok.vi.html").read_bytes() == vi
    assert (report_of(out) / "reader-notes.txt").read_text() == "not the render's"


def test_a_fifo_in_the_data_is_refused_without_hanging(tmp_path: Path) -> None:
    data = _data_copy(tmp_path)
    (data / "regions.csv").unlink(missing_ok=True)
    os.mkfifo(data / "regions.csv")
    with pytest.raises(InputError, match="regions.csv: is not a regular file"):
        render.render_report(data_dir=data, as_of=2024, out_root=tmp_path / "o", notebook=OK_NB)


def _complete(folder: Path) -> bool:
    """Every output the manifest lists is there with its hash."""
    manifest = json.loads((folder / "manifest.json").read_text())
    return all(
        hashlib.sha256((folder / o["file"]).read_bytes()).hexdigest() == o["sha256"]
        for o in manifest["outputs"] + manifest["inputs"]
    )


_AFTER_PUBLISH = """
import os, shutil, signal, sys
from pathlib import Path
from cnht_analysis import cli, render

render.NOTEBOOK = Path(sys.argv[1])
manifest = Path(os.environ["CNHT_TEST_MANIFEST"])
before = manifest.read_bytes()

def kill_self():
    os.kill(os.getpid(), signal.SIGTERM)

if os.environ["CNHT_TEST_WHEN"] == "cleanup":
    real = shutil.rmtree

    def rmtree(path, *args, **kwargs):  # the staging folder is removed after the publish
        if manifest.read_bytes() != before:
            kill_self()
        return real(path, *args, **kwargs)

    shutil.rmtree = rmtree
else:
    def final_lines(*args, **kwargs):  # the summary is printed after the publish
        kill_self()
        return []

    render.final_lines = final_lines
sys.exit(cli.console(sys.argv[2:]))
"""


@pytest.mark.parametrize("when", ["cleanup", "summary"])
def test_sigterm_after_the_publish_says_the_new_report_is_complete(out: Path, when: str) -> None:
    """A SIGTERM that lands once the new report is published (while the staging folder is
    removed, or while the summary is printed) is exit 1 with a line saying the folder holds
    the new report, complete; never "nothing was published", never a traceback."""
    folder = report_of(out)
    before = digest(folder)
    argv = [sys.executable, "-c", _AFTER_PUBLISH, str(OK_NB), "render", "--as-of", YEAR]
    proc = subprocess.run(
        [*argv, "--out", str(out)],
        cwd=ROOT,
        env={
            **os.environ,
            "CNHT_TEST_MANIFEST": str(folder / "manifest.json"),
            "CNHT_TEST_WHEN": when,
        },
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == EXIT_FAILURE, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "nothing was published" not in proc.stderr, proc.stderr
    assert "just after publishing" in proc.stderr and "complete" in proc.stderr, proc.stderr
    assert digest(folder) != before  # the new report is there ...
    assert _complete(folder)  # ... whole
    assert sorted(p.name for p in (out / "hanoi").iterdir()) == [YEAR]


def test_sigterm_at_random_points_is_exit_1_and_the_report_stays_whole(out: Path) -> None:
    """SIGTERM at 8 points from start-up to publishing: exit 1, one line, no traceback, and the
    folder holds either the earlier report unchanged or (signal during the publish) the new
    one, complete."""
    import random

    rng = random.Random(12)
    t = time.monotonic()
    rc, err = render_fixture("ok", out)  # how long one run takes here
    assert rc == EXIT_OK, err
    span = time.monotonic() - t + 1.5  # a child also pays the interpreter's start-up
    points = sorted([0.0, 0.02, *(rng.uniform(0.05, span) for _ in range(6))])
    ready = out.parent / "ready"
    harness = (  # counted from when cnht's code first runs (the interpreter starts before)
        "import os, sys; from pathlib import Path; from cnht_analysis import cli, render; "
        "cli._sigterm_is_exit_1(); Path(os.environ['CNHT_TEST_READY']).touch(); "
        "render.NOTEBOOK = Path(sys.argv[1]); sys.exit(cli.console(sys.argv[2:]))"
    )
    for delay in points:
        before = digest(report_of(out))
        ready.unlink(missing_ok=True)
        argv = [sys.executable, "-c", harness, str(OK_NB), "render", "--as-of", YEAR]
        proc = subprocess.Popen(
            [*argv, "--out", str(out)],
            cwd=ROOT,
            env={**os.environ, "CNHT_TEST_READY": str(ready)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        _wait_for(ready, proc)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        stdout, stderr = proc.communicate(timeout=120)
        assert "Traceback" not in stderr, (delay, stderr)
        assert proc.returncode in (EXIT_OK, EXIT_FAILURE), (delay, proc.returncode, stderr)
        if proc.returncode == EXIT_FAILURE:
            assert "SIGTERM" in stderr, (delay, stderr)
        if proc.returncode == EXIT_OK or "just after publishing" in stderr:
            assert _complete(report_of(out)), delay
        else:
            after = digest(report_of(out))
            after.pop("ok.failed.ipynb", None)
            before.pop("ok.failed.ipynb", None)
            assert after == before, delay
        assert sorted(p.name for p in (out / "hanoi").iterdir()) == [YEAR], delay
