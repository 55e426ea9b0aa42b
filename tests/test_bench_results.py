"""`benchmarks/run.py --write` replaces the table of RESULTS.md and keeps its marked sections."""

from __future__ import annotations

import importlib.util

from cnht_analysis.paths import PROJECT_ROOT


def _run_module():
    spec = importlib.util.spec_from_file_location(
        "bench_run", PROJECT_ROOT / "benchmarks" / "run.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_marked_sections_of_results_md_are_kept() -> None:
    run = _run_module()
    old = (
        "# Benchmark results\n\nold table\n\n<!-- a:begin -->\nA 1\n<!-- a:end -->\n\n"
        "<!-- skill:begin -->\nS\n<!-- skill:end -->\ntrailing\n<!-- b-c:begin -->B<!-- b-c:end -->"
    )
    assert run._sections(old) == [
        "<!-- a:begin -->\nA 1\n<!-- a:end -->",
        "<!-- skill:begin -->\nS\n<!-- skill:end -->",
        "<!-- b-c:begin -->B<!-- b-c:end -->",
    ]
    assert run._sections("<!-- a:begin -->unclosed") == []


def test_the_committed_results_keep_every_section() -> None:
    text = (PROJECT_ROOT / "benchmarks" / "RESULTS.md").read_text(encoding="utf-8")
    names = [s.split(":")[0].removeprefix("<!-- ") for s in _run_module()._sections(text)]
    for name in ("word-draft", "skill", "first-report", "leader-report", "large-input"):
        assert name in names, name
