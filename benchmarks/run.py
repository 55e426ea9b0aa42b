"""Measure the speed goals of issue 6 against their floors, in one run, and print a table.

Usage: `make bench` or `.venv/bin/python benchmarks/run.py [--repeat N] [--write]`.
Each figure is the median of N runs. The commands compared with each other run interleaved
(floor, render, floor, render, …), so a change in the machine's load during the run affects
them alike, and every ratio divides figures of this same run. `--write` stores the table in
benchmarks/RESULTS.md with the date, keeping the file's other, marked sections. Not a test: it
reports "NOT met" and still exits 0.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PY = sys.executable
CNHT = str(BIN / "cnht")
KERNEL = "cnht-analysis"

# Lines added to a copy of data/ so that one Hanoi series has four points after its break and
# the trend models run (the real data has too few points for any probability).
HANOI_4_POINTS = [
    "hanoi,cnht_enterprises,2023,940,estimate,about,h8,SYNTHETIC benchmark value,",
    "hanoi,cnht_enterprises,2025,960,estimate,about,h8,SYNTHETIC benchmark value,",
]


def _run(cmd: Sequence[str]) -> float:
    """Wall seconds of one command (its output discarded); stops the benchmark if it fails."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(
            f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}"
        )
    return elapsed


def _interleaved(commands: dict[str, Sequence[str]], repeat: int) -> dict[str, list[float]]:
    """Run every command once per round, rounds in a row; the wall times of each command."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            times[name].append(_run(cmd))
    return times


def _one_cell_notebook(path: Path) -> None:
    """The floor's notebook: one code cell, the project kernel named in its metadata."""
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": "one-cell",
                "metadata": {},
                "outputs": [],
                "source": "x = 1",
            }
        ],
        "metadata": {
            "kernelspec": {
                "name": KERNEL,
                "display_name": "Python (cnht-analysis)",
                "language": "python",
            },
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(nb, indent=1) + "\n", encoding="utf-8")


def _import_after_pandas(module: str) -> tuple[float, float]:
    """Seconds of `import pandas`, then of `import <module>` in the same fresh process."""
    code = (
        "import sys, time; t = time.perf_counter(); import pandas; u = time.perf_counter(); "
        f"import {module}; v = time.perf_counter(); "
        "heavy = [m for m in ('matplotlib', 'scipy', 'statsmodels') if m in sys.modules]; "
        "assert not heavy, heavy; print(u - t, v - u)"
    )
    out = subprocess.run([PY, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    first, second = out.stdout.split()
    return float(first), float(second)


def _hanoi_with_models(work: Path) -> Path:
    """A copy of data/ with two SYNTHETIC Hanoi observations, so that models run as of 2025."""
    data = work / "hanoi_4_points"
    shutil.copytree(ROOT / "data", data)
    with (data / "observations.csv").open("a", encoding="utf-8", newline="") as f:
        f.write("\n".join(HANOI_4_POINTS) + "\n")
    out = subprocess.run(
        [CNHT, "assess", "--data", str(data), "--as-of", "2025", "--format", "csv"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if not any(row["p_attain"] for row in csv.DictReader(io.StringIO(out))):
        raise SystemExit("the Hanoi data with four points gave no probability: no model ran")
    return data


def _peak_rss_mb(cmd: Sequence[str]) -> float:
    """Peak resident memory (MB) of a command and every process it starts, sampled every 20 ms.

    The sum over processes counts shared pages twice, so it errs on the high side.
    """
    import psutil

    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        total = 0
        try:
            for p in [ps, *ps.children(recursive=True)]:
                total += p.memory_info().rss
        except psutil.Error:
            pass
        peak = max(peak, total)
        time.sleep(0.02)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}")
    return peak / 1e6


def _nationwide(work: Path, n: int) -> dict[str, float]:
    """bench_assess.py on the synthetic nationwide registry (34 × 20 × 15): its JSON line."""
    out = work / "synthetic_nationwide"
    subprocess.run(
        [PY, str(ROOT / "benchmarks" / "make_synthetic_registry.py"), "--out", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    proc = subprocess.run(
        [PY, str(ROOT / "benchmarks" / "bench_assess.py"), "--data", str(out)]
        + ["--repeat", str(max(n, 3)), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise SystemExit(f"bench_assess failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


Row = tuple[str, str, str, str, str]


def _spread(xs: list[float]) -> str:
    return f"{min(xs):.2f}–{max(xs):.2f}"


def _ok(passed: bool) -> str:
    return "met" if passed else "**NOT met**"


def measure(n: int, say: Callable[[str], None]) -> tuple[list[Row], dict[str, str]]:
    """Every measurement: the table rows and a few facts for the header."""
    rows: list[Row] = []
    facts: dict[str, str] = {}
    work = Path(tempfile.mkdtemp(prefix="cnht-bench-"))
    try:
        # warm the file cache, the on-disk kernelspec (the CLI floor's -k uses it) and both
        # kinds of run once, outside the measurements
        nb = work / "one_cell.ipynb"
        _one_cell_notebook(nb)
        render = [CNHT, "render", "--out", str(work / "reports")]
        floors = {
            "floor_cli": [str(BIN / "papermill"), "--no-progress-bar", "-k", KERNEL]
            + [str(nb), str(work / "out_cli.ipynb")],
            "floor_api": [PY, str(ROOT / "benchmarks" / "floor_api.py")]
            + [str(nb), str(work / "out_api.ipynb")],
        }
        say("warming up")
        _run([PY, "-m", "cnht_analysis.kernel"])  # the on-disk spec the CLI floor's -k finds
        for cmd in [[*render, "--lang", "all"], *floors.values()]:
            _run(cmd)

        say(f"render and floors, {n} interleaved rounds")
        t = _interleaved(
            {
                **floors,
                "vi": [*render, "--lang", "vi"],
                "all": [*render, "--lang", "all"],
            },
            n,
        )
        m = {k: statistics.median(v) for k, v in t.items()}
        rows.append(
            (
                "floor: `papermill` CLI, one-cell notebook, kernel `cnht-analysis`",
                f"{m['floor_cli']:.2f} s",
                _spread(t["floor_cli"]),
                "",
                "",
            )
        )
        rows.append(
            (
                "strict floor: papermill's Python API, one-cell notebook, "
                "render's import avoidance and kernel start (`benchmarks/floor_api.py`)",
                f"{m['floor_api']:.2f} s",
                _spread(t["floor_api"]),
                "",
                "",
            )
        )
        rows.append(
            (
                "`cnht render --lang vi` ÷ floor",
                f"{m['vi']:.2f} s",
                _spread(t["vi"]),
                f"{m['vi'] / m['floor_cli']:.2f}× (goal ≤ 2.0×)",
                _ok(m["vi"] / m["floor_cli"] <= 2.0),
            )
        )
        strict = m["vi"] / m["floor_api"]
        rows.append(
            (
                "`cnht render --lang vi` ÷ strict floor (a stricter reading of the goal)",
                "",
                "",
                f"{strict:.2f}×",
                "within 2.0×" if strict <= 2.0 else "not within 2.0× (see docs/benchmarks.md)",
            )
        )
        strict_all = m["all"] / m["floor_api"]
        rows.append(
            (
                "`cnht render --lang all` ÷ strict floor (issue 11: goal ≤ 2.5×)",
                "",
                "",
                f"{strict_all:.2f}×",
                _ok(strict_all <= 2.5),
            )
        )
        rows.append(
            (
                "`cnht render --lang all` ÷ `--lang vi`",
                f"{m['all']:.2f} s",
                _spread(t["all"]),
                f"{m['all'] / m['vi']:.2f}× (goal ≤ 1.3×)",
                _ok(m["all"] / m["vi"] <= 1.3),
            )
        )

        say("imports")
        t = _interleaved(
            {
                "nbformat": [PY, "-c", "import nbformat"],
                "nbformat_avoid": [
                    PY,
                    "-c",
                    "from cnht_analysis.render import _skip_slow_optional_imports as s; s(); "
                    "import nbformat",
                ],
            },
            n + 2,
        )
        facts["nbformat"] = f"{statistics.median(t['nbformat']):.2f} s"
        facts["nbformat_avoid"] = f"{statistics.median(t['nbformat_avoid']):.2f} s"
        imports = {
            name: [_import_after_pandas(module) for _ in range(n + 2)]
            for name, module in (("package", "cnht_analysis"), ("report", "cnht_analysis.report"))
        }
        pandas = statistics.median(x[0] for x in imports["package"])
        extra = statistics.median(x[1] for x in imports["package"])
        rows.append(
            (
                "`import cnht_analysis` after `import pandas` (in one process)",
                f"{extra:+.3f} s",
                f"`import pandas` itself {pandas:.2f} s",
                "goal ≤ +0.3 s",
                _ok(extra <= 0.3),
            )
        )
        report = statistics.median(x[1] for x in imports["report"])
        rows.append(
            (
                "`import cnht_analysis.report` after `import pandas` (what the notebook "
                "imports; matplotlib, scipy and statsmodels stay unimported)",
                f"{report:+.3f} s",
                "",
                "no goal",
                "",
            )
        )

        say("cnht assess")
        hanoi4 = _hanoi_with_models(work)
        t = _interleaved(
            {
                "assess": [CNHT, "assess", "--format", "csv"],
                "assess4": [CNHT, "assess", "--data", str(hanoi4), "--as-of", "2025"]
                + ["--format", "csv"],
            },
            n + 2,
        )
        m = {k: statistics.median(v) for k, v in t.items()}
        rows.append(
            (
                "`cnht assess` (Hanoi, data/), whole process",
                f"{m['assess']:.2f} s",
                _spread(t["assess"]),
                "goal ≤ 1.5 s",
                _ok(m["assess"] <= 1.5),
            )
        )
        rows.append(
            (
                "`cnht assess` (Hanoi + 2 SYNTHETIC points: a 4-point series, models run, "
                "statsmodels imported)",
                f"{m['assess4']:.2f} s",
                _spread(t["assess4"]),
                "≤ 1.5 s (the goal's figure, applied to a case it does not name)",
                _ok(m["assess4"] <= 1.5),
            )
        )

        say("nationwide synthetic registry")
        nation = _nationwide(work, n)
        rows.append(
            (
                f"34 provinces × 20 targets × 15 years (SYNTHETIC, {nation['targets']:.0f} "
                "targets), assessed in one process",
                f"{nation['median_s']:.2f} s",
                f"CPU {nation['cpu_median_s']:.2f} s",
                "goal ≤ 2 s",
                _ok(nation["median_s"] <= 2.0),
            )
        )

        say("peak memory")
        peaks = [_peak_rss_mb([*render, "--lang", "all"]) for _ in range(max(1, min(n, 3)))]
        peak = max(peaks)
        rows.append(
            (
                "peak memory of `cnht render --lang all` (render process, kernel and chart "
                "helper, RSS summed)",
                f"{peak:.0f} MB",
                f"highest of {len(peaks)}",
                "goal ≤ 400 MB",
                _ok(peak <= 400),
            )
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rows, facts


def table(rows: list[Row], facts: dict[str, str], n: int, load: tuple[float, float]) -> str:
    """The Markdown table with a header that says how and where it was measured."""
    today = dt.date.today().isoformat()
    head = (
        f"# Benchmark results\n\n"
        f"Measured {today} on {platform.machine()} Linux, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; load average {load[0]:.2f} before and "
        f"{load[1]:.2f} after. Each figure is the median of {n} runs ({n + 2} for imports and "
        "`cnht assess`); commands compared with each other ran interleaved, and every ratio "
        "divides figures of this same run. Reproduce with `make bench` (see "
        "docs/benchmarks.md).\n\n"
        "Two floors. The goal's floor is the `papermill` command running a one-cell notebook "
        "in the project kernel of this environment. Its start-up imports nbformat, whose "
        "jsonschema loads optional format checkers when they are installed — here "
        f"rfc3987_syntax builds a grammar at import: `import nbformat` takes "
        f"{facts.get('nbformat', '?')}, or {facts.get('nbformat_avoid', '?')} when render.py's "
        "`_skip_slow_optional_imports` hides those checkers (nbformat never uses them). The "
        "strict floor pays none of that and starts the kernel exactly as `cnht render` does "
        "(no debugger), so `render ÷ strict floor` is the cost of the report itself.\n\n"
        "| measurement | median | runs (min–max) | ratio or goal | |\n"
        "|---|---|---|---|---|\n"
    )
    body = "\n".join(f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in rows)
    return head + body + "\n"


def _sections(text: str) -> list[str]:
    """The `<!-- name:begin -->…<!-- name:end -->` sections of RESULTS.md (other benchmarks'
    and hand-written results), which a new table must not erase."""
    import re

    pattern = re.compile(r"<!-- ([\w-]+):begin -->.*?<!-- \1:end -->", re.S)
    return [m.group(0) for m in pattern.finditer(text)]


def main(argv: list[str] | None = None) -> int:
    """Run every measurement and print the table (optionally write RESULTS.md)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="runs per figure (default 5)")
    ap.add_argument("--write", action="store_true", help="write benchmarks/RESULTS.md")
    args = ap.parse_args(argv)
    n = max(1, args.repeat)
    before = os.getloadavg()[0]
    rows, facts = measure(n, lambda what: print(f"bench: {what}…", file=sys.stderr, flush=True))
    text = table(rows, facts, n, (before, os.getloadavg()[0]))
    print(text)
    if args.write:
        path = ROOT / "benchmarks" / "RESULTS.md"
        kept = _sections(path.read_text(encoding="utf-8")) if path.is_file() else []
        path.write_text("\n\n".join([text.rstrip(), *kept]) + "\n", encoding="utf-8")
        print("written to benchmarks/RESULTS.md (its other sections kept)")
    import skill_bench  # the back test of the verdicts (issue 15): its own RESULTS.md section

    skill_bench.update_results()
    print("skill section of benchmarks/RESULTS.md and cnht_analysis/skill_summary.json updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
