"""Fast tests of the rendering pipeline's parts: no kernel is started here.

Kernel runs (failures, signals, disk full, the real report) are in test_render_e2e.py.
"""

from __future__ import annotations

import errno
import json
import os
import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from cnht_analysis import cli, kernel, outdir, render
from cnht_analysis.errors import EXIT_INVALID, EXIT_LOCKED, LockHeldError, RenderError, UsageError
from cnht_analysis.export import HtmlReportExporter
from cnht_analysis.lock import lock_path, report_lock

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
OK = FIXTURES / "ok.ipynb"


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root (hidden ones included) with its bytes."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture
def no_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything tries to execute a notebook."""
    import papermill

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(papermill, "execute_notebook", refuse)


# --- parameters ------------------------------------------------------------------------------


def test_langs_of() -> None:
    assert render.langs_of("all") == ("vi", "en")
    assert render.langs_of("en") == ("en",)
    with pytest.raises(UsageError, match="expected vi, en or all"):
        render.langs_of("fr")


def test_parameters_are_checked_against_the_parameters_cell() -> None:
    ok = render.check_parameters(OK, {"as_of": 2024, "region": "hanoi", "lang": "all"})
    assert ok == {"as_of": 2024, "region": "hanoi", "lang": "all"}
    with pytest.raises(UsageError, match=r"unknown parameter 'periode' — expected one of "):
        render.check_parameters(OK, {"periode": 2024})
    with pytest.raises(UsageError, match=r"parameter 'as_of' must be int .* got str '2024'"):
        render.check_parameters(OK, {"as_of": "2024"})
    with pytest.raises(UsageError, match=r"parameter 'region' must be str .* got int 5"):
        render.check_parameters(OK, {"region": 5})


def test_parameters_reach_the_notebook_as_plain_types() -> None:
    np = pytest.importorskip("numpy")
    plain = render.check_parameters(OK, {"as_of": np.int64(2024), "region": np.str_("hanoi")})
    assert type(plain["as_of"]) is int and type(plain["region"]) is str
    # bool is an int in Python, but a notebook declaring int must not get True
    with pytest.raises(UsageError, match="must be int"):
        render.check_parameters(OK, {"as_of": True})
    with pytest.raises(UsageError, match="expected int, float, str, bool or None"):
        render.check_parameters(OK, {"as_of": [2024]})


def test_notebook_without_parameters_cell_is_refused(tmp_path: Path) -> None:
    nb = new_notebook(cells=[new_code_cell("x = 1")])
    path = tmp_path / "plain.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(UsageError, match="no cell tagged 'parameters'"):
        render.check_parameters(path, {"as_of": 2024})


def test_unknown_parameter_exits_2_before_any_kernel_starts(
    tmp_path: Path, no_kernel: None
) -> None:
    with pytest.raises(UsageError, match="unknown parameter 'periode'"):
        render.render_report(
            as_of=2024, out_root=tmp_path, notebook=OK, extra_parameters={"periode": 1}
        )
    assert not (tmp_path / "hanoi").exists()


def test_wrong_type_in_notebook_exits_2_through_the_cli(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    no_kernel: None,
) -> None:
    monkeypatch.setattr(render, "NOTEBOOK", FIXTURES / "wrong_type.ipynb")
    rc = cli.main(["render", "--as-of", "2024", "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert rc == EXIT_INVALID
    assert "parameter 'as_of' must be str" in err and "Traceback" not in err
    assert not (tmp_path / "hanoi").exists()


def test_bad_region_and_timeout_exit_2(tmp_path: Path, no_kernel: None) -> None:
    with pytest.raises(UsageError, match="unknown region 'hanio'"):
        render.render_report(region="hanio", as_of=2024, out_root=tmp_path, notebook=OK)
    with pytest.raises(UsageError, match="not a region id"):
        render.render_report(region="../etc", as_of=2024, out_root=tmp_path, notebook=OK)
    with pytest.raises(UsageError, match="--timeout"):
        render.render_report(as_of=2024, out_root=tmp_path, notebook=OK, timeout=0)


def test_invalid_data_exits_2_before_any_kernel_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_kernel: None
) -> None:
    empty = tmp_path / "data"
    empty.mkdir()
    rc = cli.main(["render", "--data", str(empty), "--out", str(tmp_path / "out")])
    assert rc == EXIT_INVALID
    assert "indicators.csv" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


# --- lock ------------------------------------------------------------------------------------


def test_lock_contention_exits_3_with_the_holder(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    no_kernel: None,
) -> None:
    monkeypatch.setattr(render, "NOTEBOOK", OK)
    report_dir = tmp_path / "hanoi" / "2024"
    with report_lock(report_dir):  # flock: a second open file description conflicts
        rc = cli.main(["render", "--as-of", "2024", "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert rc == EXIT_LOCKED
    assert f"another cnht render is writing {report_dir}" in err or "hanoi/2024" in err
    assert f"pid {os.getpid()}, started " in err


def test_lock_is_released_and_reusable(tmp_path: Path) -> None:
    report_dir = tmp_path / "hanoi" / "2024"
    with report_lock(report_dir):
        with pytest.raises(LockHeldError):
            with report_lock(report_dir):
                pass
    with report_lock(report_dir):  # released on exit
        assert lock_path(report_dir).is_file()
    assert not lock_path(report_dir).exists()  # no stale lock file stays visible
    other_year = tmp_path / "hanoi" / "2025"
    with report_lock(report_dir), report_lock(other_year):  # years do not block each other
        pass


def test_a_symlinked_lock_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    report_dir = tmp_path / "hanoi" / "2024"
    report_dir.parent.mkdir(parents=True)
    victim = tmp_path / "precious.txt"
    victim.write_bytes(b"do not truncate me\n")
    lock_path(report_dir).symlink_to(victim)
    with pytest.raises(RenderError, match="symbolic link"):
        with report_lock(report_dir):
            pass
    assert victim.read_bytes() == b"do not truncate me\n"
    lock_path(report_dir).unlink()
    lock_path(report_dir).symlink_to(tmp_path / "absent")  # dangling: nothing may be created
    with pytest.raises(RenderError, match="symbolic link"):
        with report_lock(report_dir):
            pass
    assert not (tmp_path / "absent").exists()


def test_a_lock_that_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    report_dir = tmp_path / "hanoi" / "2024"
    report_dir.parent.mkdir(parents=True)
    os.mkfifo(lock_path(report_dir))
    with pytest.raises(RenderError, match="not a regular file"):
        with report_lock(report_dir):
            pass
    lock_path(report_dir).unlink()
    lock_path(report_dir).mkdir()
    with pytest.raises(RenderError, match="lock file"):
        with report_lock(report_dir):
            pass


# --- output directory ------------------------------------------------------------------------


def _report(folder: Path, text: str) -> None:
    folder.mkdir(parents=True)
    (folder / "a.html").write_text(text)
    (folder / "manifest.json").write_text("{}")


def test_publish_replaces_what_it_produced_and_keeps_the_rest(tmp_path: Path) -> None:
    report_dir = tmp_path / "hanoi" / "2024"
    _report(report_dir, "old")
    (report_dir / "annual.failed.ipynb").write_text("stale failure")
    (report_dir / "annual.vi.html").write_text("the Vietnamese page of --lang all")
    (report_dir / "notes").mkdir()
    (report_dir / "notes" / "mine.txt").write_text("a reader's note")
    staging = outdir.new_staging(report_dir)
    (staging / "a.html").write_text("new")
    outdir.publish(staging, report_dir, superseded={"annual.failed.ipynb"})
    assert tree(report_dir) == {
        "a.html": b"new",
        "annual.vi.html": b"the Vietnamese page of --lang all",
        "manifest.json": b"{}",
        "notes/mine.txt": b"a reader's note",
    }
    assert sorted(p.name for p in report_dir.parent.iterdir()) == ["2024"]


def test_publish_without_atomic_exchange(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outdir, "_exchange", lambda a, b: False)
    report_dir = tmp_path / "hanoi" / "2024"
    _report(report_dir, "old")
    staging = outdir.new_staging(report_dir)
    (staging / "a.html").write_text("new")
    outdir.publish(staging, report_dir)
    assert tree(report_dir) == {"a.html": b"new", "manifest.json": b"{}"}
    assert sorted(p.name for p in report_dir.parent.iterdir()) == ["2024"]


def test_recover_cleans_staging_and_restores_a_report_moved_aside(tmp_path: Path) -> None:
    report_dir = tmp_path / "hanoi" / "2024"
    _report(report_dir.parent / ".cnht-2024.old-99999-abcd", "good")
    staging = outdir.new_staging(report_dir)
    (staging / "a.html").write_text("<html><body>half")
    (report_dir.parent / ".cnht-2024.tmp-99999-ef01.nb").write_text("half a notebook")
    other = report_dir.parent / ".cnht-2025.tmp-1-aaaa"  # another year's run: not ours to touch
    other.mkdir()
    outdir.recover(report_dir)
    assert tree(report_dir) == {"a.html": b"good", "manifest.json": b"{}"}
    assert sorted(p.name for p in report_dir.parent.iterdir()) == [".cnht-2025.tmp-1-aaaa", "2024"]


def test_keep_failed_adds_one_file_and_touches_nothing_else(tmp_path: Path) -> None:
    report_dir = tmp_path / "hanoi" / "2024"
    _report(report_dir, "good")
    before = tree(report_dir)
    outdir.keep_failed(b"{}", report_dir, "annual.failed.ipynb")
    after = tree(report_dir)
    assert after.pop("annual.failed.ipynb") == b"{}"
    assert after == before
    assert sorted(p.name for p in report_dir.parent.iterdir()) == ["2024"]


def test_exchange_really_swaps(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("a")
    (b / "x").write_text("b")
    if not outdir._exchange(a, b):
        pytest.skip("renameat2(RENAME_EXCHANGE) is not available on this system")
    assert (a / "x").read_text() == "b" and (b / "x").read_text() == "a"


def test_a_failed_notebook_that_cannot_be_kept_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report_dir = tmp_path / "hanoi" / "2024"
    _report(report_dir, "good")
    before = tree(report_dir)
    executed = tmp_path / "a.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("1")]), executed)

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(outdir, "write_file", full)
    error = render._failed("no space left on device", executed, report_dir, "a")
    assert "could not be kept (No space left on device)" in str(error)
    assert f"previous report in {report_dir} is unchanged" in str(error)
    assert tree(report_dir) == before
    assert sorted(p.name for p in report_dir.parent.iterdir()) == ["2024"]


# --- kernel spec -----------------------------------------------------------------------------


def test_kernelspec_is_written_for_this_interpreter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    folder = kernel.ensure_kernelspec()
    assert folder == tmp_path / "share" / "jupyter" / "kernels" / "cnht-analysis"
    spec = json.loads((folder / "kernel.json").read_text())
    assert spec["argv"][0] == sys.executable and "{connection_file}" in spec["argv"]
    # a stale spec (another interpreter) is rewritten
    spec["argv"][0] = "/usr/bin/python3"
    (folder / "kernel.json").write_text(json.dumps(spec))
    kernel.ensure_kernelspec()
    assert json.loads((folder / "kernel.json").read_text())["argv"][0] == sys.executable


def test_render_ignores_a_stale_spec_of_the_same_name() -> None:
    manager = kernel.kernel_manager_class()(kernel_name="cnht-analysis")
    assert manager.kernel_spec.argv[0] == sys.executable
    assert manager.transport == "ipc"


# --- HTML export (an executed notebook built by hand) ---------------------------------------

PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgYGAAAAAEAAH2FzhVAAAAAElFTkSuQmCC"


def _executed() -> nbformat.NotebookNode:
    def html(text: str, lang: str | None = None) -> nbformat.NotebookNode:
        meta = {"tags": [f"lang-{lang}"]} if lang else {}
        return new_output("display_data", data={"text/html": text}, metadata=meta)

    cells = [
        new_code_cell("as_of = 0", metadata={"tags": ["parameters"]}),
        new_code_cell("as_of = 2024  # PARAM_SOURCE", metadata={"tags": ["injected-parameters"]}),
        new_markdown_cell("An error banner", metadata={"tags": ["papermill-error-cell-tag"]}),
        new_code_cell(
            "show()  # CODE_SOURCE",
            outputs=[
                html("<h1>Tiêu đề &amp; báo cáo</h1>", "vi"),
                html("<h1>Report title</h1>", "en"),
                html("<table class='verdicts'><tr><td>VERDICT_VI</td></tr></table>", "vi"),
                html("<table class='verdicts'><tr><td>VERDICT_EN</td></tr></table>", "en"),
                new_output("display_data", data={"image/png": PNG}),
                new_output(
                    "display_data",
                    data={"image/png": PNG},
                    metadata={"image/png": {"alt": "Số doanh nghiệp <2024>"}},
                ),
                new_output("stream", name="stderr", text="WARNING_TEXT\n"),
                new_output("stream", name="stdout", text="SHARED_TEXT\n"),
            ],
            execution_count=1,
        ),
        new_markdown_cell("MD_VI", metadata={"tags": ["lang-vi"]}),
        new_markdown_cell("MD_EN", metadata={"tags": ["lang-en"]}),
        new_markdown_cell("$x^2$ MD_BOTH"),
    ]
    nb = new_notebook(cells=cells)
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    return nb


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    exporter = HtmlReportExporter()
    nb = _executed()
    return {lang: exporter.export(nb, lang) for lang in ("vi", "en")}


def test_each_page_has_its_language_only(pages: dict[str, str]) -> None:
    vi, en = pages["vi"], pages["en"]
    assert '<html lang="vi">' in vi and '<html lang="en">' in en
    for token in ("VERDICT_VI", "MD_VI"):
        assert token in vi and token not in en
    for token in ("VERDICT_EN", "MD_EN"):
        assert token in en and token not in vi
    for page in (vi, en):
        assert "MD_BOTH" in page and "SHARED_TEXT" in page


def test_pages_hide_code_prompts_parameters_banners_and_warnings(pages: dict[str, str]) -> None:
    for page in pages.values():
        for hidden in ("CODE_SOURCE", "PARAM_SOURCE", "An error banner", "WARNING_TEXT"):
            assert hidden not in page
        body = page[page.index("<main>") :]
        assert "jp-InputPrompt" not in body and "jp-OutputPrompt" not in body
        assert "jp-InputArea" not in body.replace(
            'jp-InputArea jp-Cell-inputArea"><div class="jp-RenderedHTMLCommon jp-RenderedMarkdown',
            "",
        )


def test_pages_load_nothing_from_the_network(pages: dict[str, str]) -> None:
    for page in pages.values():
        assert "<script src" not in page.replace("'", '"')
        assert not re.search(
            r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=["']?(?:https?:)?//""", page
        )
        assert not re.search(r"""url\(\s*["']?(?:https?:)?//""", page)
        assert not re.search(r"""import\(\s*["']https?://""", page)
        assert "require.js" not in page and "MathJax.js" not in page and "unpkg.com" not in page
        images = re.findall(r"<img\b[^>]*>", page)
        assert len(images) == 2
        assert all('src="data:image/png;base64,' in img for img in images)


def test_pages_have_alt_text_and_a_title(pages: dict[str, str]) -> None:
    vi, en = pages["vi"], pages["en"]
    assert "No description has been provided" not in vi + en
    assert 'alt="Biểu đồ"' in vi and 'alt="Chart"' in en
    assert 'alt="Số doanh nghiệp &lt;2024&gt;"' in vi  # from the output metadata, escaped
    assert "<title>Tiêu đề &amp; báo cáo</title>" in vi
    assert "<title>Report title</title>" in en


def test_pages_print_on_a4(pages: dict[str, str]) -> None:
    css = pages["vi"]
    assert re.search(r"@page\s*{[^}]*size:\s*A4", css)
    # our print rules come after the lab CSS, so they win
    assert css.rindex("size: A4") > css.rindex("margin: 0.5in")


def test_export_does_not_change_the_executed_notebook() -> None:
    nb = _executed()
    before = nbformat.writes(nb)
    HtmlReportExporter().export(nb, "en")
    assert nbformat.writes(nb) == before


def test_an_io_error_in_any_command_is_exit_1_with_path_and_reason(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def full(args: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "reports/hanoi/2024/x")

    monkeypatch.setattr(cli, "run", full)
    assert cli.main(["validate"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"cnht: cannot write reports/hanoi/2024/x: {os.strerror(errno.ENOSPC)}"
    assert "internal error" not in err
