"""The notebooks: their contract (static checks) and end-to-end runs with papermill.

The annual assessment runs once with lang="all" on the real data and on the SYNTHETIC fixture;
every reader-facing output must carry a `lang-vi` or `lang-en` tag, and the content must be
there in each language. `explore.ipynb` runs in tests/test_explore.py.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from cnht_analysis.paths import NOTEBOOKS_DIR, PROJECT_ROOT
from cnht_analysis.status import STATUSES

ANNUAL = NOTEBOOKS_DIR / "annual_assessment.ipynb"
EXPLORE = NOTEBOOKS_DIR / "explore.ipynb"
SYNTHETIC = PROJECT_ROOT / "tests" / "fixtures" / "synthetic_long"
KERNEL = "cnht-analysis"


# --- static: what is committed -----------------------------------------------------------------


@pytest.mark.parametrize("path", [ANNUAL, EXPLORE], ids=lambda p: p.name)
def test_committed_without_outputs_and_with_the_project_kernel(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec == {
        "name": KERNEL,
        "display_name": "Python (cnht-analysis)",
        "language": "python",
    }
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
            assert len(cell.source.splitlines()) <= 6  # thin cells: library calls only
            tree = ast.parse(cell.source)
            loops = (ast.For, ast.While, ast.If, ast.FunctionDef, ast.ListComp)
            assert not any(isinstance(node, loops) for node in ast.walk(tree)), cell.source


def test_annual_parameters_cell_is_the_contract() -> None:
    nb = nbformat.read(ANNUAL, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    found = {}
    for node in ast.parse(tagged[0].source).body:
        assert isinstance(node, ast.AnnAssign)
        found[node.target.id] = (ast.unparse(node.annotation), ast.literal_eval(node.value))
    assert found == {
        "as_of": ("int", 0),
        "region": ("str", "hanoi"),
        "lang": ("str", "vi"),
        "data_dir": ("str", ""),
        "output_dir": ("str", ""),
        "previous_data_dir": ("str", ""),
    }
    # reader-facing text is never a markdown cell (it cannot be per language)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            assert "remove_cell" in cell.metadata.get("tags", [])


# --- end to end --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def kernel() -> str:
    """The project kernel, registered in this environment if it is not yet."""
    try:
        from cnht_analysis.kernel import ensure_kernelspec
    except ImportError:  # pragma: no cover - the render module provides it
        ensure_kernelspec = None
    if ensure_kernelspec is None or ensure_kernelspec() is None:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "ipykernel",
                "install",
                "--sys-prefix",
                "--name",
                KERNEL,
                "--display-name",
                "Python (cnht-analysis)",
            ],
            check=True,
            capture_output=True,
        )
    return KERNEL


def _run(kernel: str, path: Path, out: Path, **parameters: object) -> nbformat.NotebookNode:
    import papermill

    return papermill.execute_notebook(
        str(path),
        str(out),
        parameters=parameters,
        kernel_name=kernel,
        cwd=str(PROJECT_ROOT),
        progress_bar=False,
        execution_timeout=300,
    )


def _by_lang(nb: nbformat.NotebookNode) -> dict[str, dict[str, object]]:
    """Per language: the HTML text and the number of images; fails on any untagged output."""
    found: dict[str, dict[str, object]] = {
        "vi": {"html": "", "images": 0},
        "en": {"html": "", "images": 0},
    }
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output.output_type == "display_data", output
            tags = output.metadata.get("tags", [])
            assert tags in (["lang-vi"], ["lang-en"]), output.metadata
            lang = tags[0][5:]
            data = output.data
            if "image/png" in data:
                found[lang]["images"] += 1
                assert output.metadata["image/png"]["alt"]
            found[lang]["html"] += data.get("text/html", "")
    return found


@pytest.mark.e2e
def test_annual_assessment_real_data_both_languages(kernel: str, tmp_path: Path) -> None:
    nb = _run(kernel, ANNUAL, tmp_path / "out.ipynb", lang="all")
    pages = _by_lang(nb)
    vi, en = pages["vi"]["html"], pages["en"]["html"]
    assert "<h1>Đánh giá thực hiện mục tiêu phát triển công nghiệp hỗ trợ — Hà Nội</h1>" in vi
    assert "<h1>Supporting-industry targets: are they on track? — Hanoi</h1>" in en
    for word in ("Đạt", "Chưa đủ số liệu"):
        assert word in vi and word not in en
    for word in ("Achieved", "Unable to assess"):
        assert word in en
    # the order a leader reads: the answer first, then the plans that ended, then the rest
    headings = [
        "Những điểm chính",
        "Các mục tiêu đang có hiệu lực",
        "Kế hoạch đã qua năm mục tiêu",
        "Thay đổi so với năm trước",
        "Số liệu cần bổ sung",
        "Các con số đằng sau mỗi trạng thái",
        "Nguồn gốc báo cáo",
    ]
    at = [vi.index(f'">{h}') if f'">{h}' in vi else vi.index(f"<h2>{h}") for h in headings]
    assert at == sorted(at)
    # one chart per indicator with targets (the status-by-year grid and the availability are
    # tables)
    from cnht_analysis.report import Report

    rep = Report.build("", "hanoi", 0, "vi")
    assert pages["vi"]["images"] == pages["en"]["images"] == len(rep.indicators())
    for a in rep.results:  # every target's status is worded, in the page's language
        assert STATUSES[a.status].vi in vi and STATUSES[a.status].en in en
    assert ">Since last year</h2>" in en
    for html in (vi, en):
        assert 'href="https://' in html
        assert "Traceback" not in html
    assert "SHA-256" in en


@pytest.mark.e2e
def test_annual_assessment_synthetic_fixture(kernel: str, tmp_path: Path) -> None:
    nb = _run(
        kernel,
        ANNUAL,
        tmp_path / "out.ipynb",
        lang="all",
        region="synthland",
        data_dir=str(SYNTHETIC),
        as_of=2024,
    )
    pages = _by_lang(nb)
    vi, en = pages["vi"]["html"], pages["en"]["html"]
    for s in STATUSES.values():
        assert s.vi in vi and s.en in en
    assert "SYNTHETIC" in vi and "DỮ LIỆU TỔNG HỢP" in vi
    assert "Dự báo năm 2030" in vi and "Forecast for 2030" in en
    assert "cần +3,7 %/năm, đạt +3,9 %/năm" in vi
    assert pages["vi"]["images"] == pages["en"]["images"] == 4  # 4 indicators (overviews: tables)
    assert "https://example.org/synthetic/plans" in vi
