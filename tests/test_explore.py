"""`notebooks/explore.ipynb`: it runs top to bottom as JupyterLab would run it, without warning
noise; its frames speak the reader's language; the Department's workflow it shows (template →
fill → import → assess) changes a verdict and brings the forecast fan; data/ is never written."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import nbformat
import pytest

from cnht_analysis import excel, explore, plots, scenario
from cnht_analysis.assess import default_as_of
from cnht_analysis.load import load_dataset
from cnht_analysis.paths import NOTEBOOKS_DIR, PROJECT_ROOT
from cnht_analysis.results import Results

EXPLORE = NOTEBOOKS_DIR / "explore.ipynb"
DATA = PROJECT_ROOT / "data"
CODES = ("more_than", "less_than", "unable_to_assess", "on_track", "growth_pct", ">count<")


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _jupyterlab_like_manager() -> object:
    """The kernel as JupyterLab starts it from the on-disk spec (transport encryption 'auto')."""
    from jupyter_client.kernelspec import KernelSpec
    from jupyter_client.manager import AsyncKernelManager

    from cnht_analysis.kernel import kernel_spec_dict

    class Manager(AsyncKernelManager):  # type: ignore[misc]
        @property
        def kernel_spec(self) -> KernelSpec:  # type: ignore[override]
            if self._kernel_spec is None:
                self._kernel_spec = KernelSpec(resource_dir="", **kernel_spec_dict())
            return self._kernel_spec

    return Manager(transport_encryption="auto")


@pytest.mark.e2e
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_explore_runs_top_to_bottom_quietly(lang: str, capfd: pytest.CaptureFixture[str]) -> None:
    import nbclient

    before = digest(DATA)
    nb = nbformat.read(EXPLORE, as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    params.source = params.source.replace('lang: str = "vi"', f'lang: str = "{lang}"')
    client = nbclient.NotebookClient(
        nb, km=_jupyterlab_like_manager(), timeout=300, resources={"metadata": {"path": "."}}
    )
    client.execute()
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    captured = capfd.readouterr()
    assert "without encryption" not in captured.err + captured.out
    assert "Warning" not in "".join(o.get("text", "") for o in outputs)
    tables = [o.data["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert len(tables) >= 5
    for html in tables:
        for code in CODES:
            assert code not in html, code
        assert "plan_2025_enterprises" not in html and "cnht_enterprises" not in html
    assert ("Vượt" if lang == "vi" else "Achieved") in tables[-1]  # the import changed a verdict
    assert [o for o in outputs if "image/png" in o.get("data", {})]
    assert digest(DATA) == before


def test_explore_is_thin_and_names_the_workflow() -> None:
    nb = nbformat.read(EXPLORE, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for step in ("write_template", "fill_figures", "import_workbook", "with_figures"):
        assert step in code
    assert "plots.indicator_chart" in code


def test_the_workflow_changes_a_verdict_and_brings_the_fan(tmp_path: Path) -> None:
    work = explore.private_copy(DATA)
    book = excel.write_template(work, "hanoi", tmp_path / "so-lieu.xlsx")
    entries = [(2023, 945, "actual"), (2025, 1020, "preliminary")]
    explore.fill_figures(book, "hanoi", "cnht_enterprises", entries)
    result = excel.import_workbook(book, work)
    assert result.any
    ds_old, ds_new = load_dataset(DATA), load_dataset(work)
    after = Results.build(ds_new, "hanoi", default_as_of(ds_new, "hanoi"))
    assert after.as_of == 2025
    frame = explore.changed(Results.build(ds_old, "hanoi", 2025), after, "en")
    assert len(frame) >= 1 and "Achieved" in set(frame["After"])
    assert any(m.fitted for a in after.assessments for m in a.models)  # the fan can be drawn
    fig = plots.indicator_chart(ds_new, "hanoi", "cnht_enterprises", after.assessments, "en")
    labels = [t.get_text() for legend in fig.legends for t in legend.get_texts()]
    assert any("80%" in label for label in labels), labels
    source = ds_new.sources[explore.EXAMPLE_SOURCE["source"]]
    assert "VÍ DỤ" in source.publisher  # the example says it is one


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_frames_speak_the_readers_language(lang: str) -> None:
    ds = load_dataset(DATA)
    results = Results.build(ds, "hanoi", default_as_of(ds, "hanoi"))
    what_if = scenario.with_figures(ds, "hanoi", {("cnht_enterprises", 2025): 1020})
    frames = [
        explore.catalogue(ds, lang),
        explore.figures(ds, "hanoi", "cnht_enterprises", lang),
        explore.verdicts(results, lang),
        explore.changed(
            Results.build(ds, "hanoi", 2025), Results.build(what_if, "hanoi", 2025), lang
        ),
    ]
    ids = set(ds.indicators) | {t.id for t in ds.targets}
    for frame in frames:
        cells = {str(v) for v in frame.to_numpy().ravel()} | set(frame.columns)
        assert not cells & ids
        assert not cells & {"count", "percent", "more_than", "less_than", "growth_pct"}
        assert not [c for c in cells if re.search(r"\[h\d+", c)]  # sources by number, not id
    assert len(frames[3]) >= 1  # the 2025 count of 1,020 changes a verdict
