"""Measure the speed goals of issue 6 against their floors, in one run, and print a table.

Usage: `make bench` or `.venv/bin/python benchmarks/run.py [--repeat N] [--write]`.
Each figure is the median of N runs; ratios compare figures measured in this same run, so the
machine's speed cancels out. `--write` stores the table in benchmarks/RESULTS.md with the date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PY = sys.executable


def _wall(cmd: list[str], *, cwd: Path = ROOT, env: dict | None = None) -> tuple[float, int]:
    """Wall time of one command and the peak RSS (KiB) of its largest descendant so far."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(
            f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}"
        )
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def _median(cmd: list[str], repeat: int, **kw) -> float:
    return statistics.median(_wall(cmd, **kw)[0] for _ in range(repeat))


def _one_cell_notebook(path: Path) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "cnht-analysis",
        "display_name": "Python (cnht-analysis)",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    nbformat.write(nb, path)


def _peak_rss_mib(cmd: list[str]) -> float:
    """Peak resident memory (MiB) of a command and everything it starts, sampled with psutil."""
    import psutil

    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    ps = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            total = ps.memory_info().rss + sum(
                c.memory_info().rss for c in ps.children(recursive=True)
            )
        except psutil.Error:
            total = 0
        peak = max(peak, total)
        time.sleep(0.05)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}")
    return peak / 2**20


def main(argv: list[str] | None = None) -> int:
    """Run every measurement and print the table (optionally write RESULTS.md)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--write", action="store_true", help="write benchmarks/RESULTS.md")
    args = ap.parse_args(argv)
    n = args.repeat
    rows: list[tuple[str, str, str, str, str]] = []
    work = Path(tempfile.mkdtemp(prefix="cnht-bench-"))
    try:
        # warm the file cache and the kernelspec once, outside the measurements
        subprocess.run([str(BIN / "cnht"), "validate"], cwd=ROOT, capture_output=True)

        # 1. floor: papermill running a one-cell notebook; our render against it
        nb = work / "one_cell.ipynb"
        _one_cell_notebook(nb)
        _wall([str(BIN / "cnht"), "render", "--lang", "vi", "--out", str(work / "warm")])
        floor = _median(
            [
                str(BIN / "papermill"),
                "--no-progress-bar",
                "-k",
                "cnht-analysis",
                str(nb),
                str(work / "out.ipynb"),
            ],
            n,
        )
        vi = _median([str(BIN / "cnht"), "render", "--lang", "vi", "--out", str(work / "r1")], n)
        both = _median([str(BIN / "cnht"), "render", "--lang", "all", "--out", str(work / "r2")], n)
        rows.append(("papermill, one-cell notebook (floor)", f"{floor:.2f} s", "", "", ""))
        rows.append(
            (
                "`cnht render --lang vi`",
                f"{vi:.2f} s",
                f"{vi / floor:.2f}× floor",
                "≤ 2.0×",
                _ok(vi / floor <= 2.0),
            )
        )
        rows.append(
            (
                "`cnht render --lang all`",
                f"{both:.2f} s",
                f"{both / vi:.2f}× one language",
                "≤ 1.3×",
                _ok(both / vi <= 1.3),
            )
        )

        # 2. import cost against pandas
        imp_pd = _median([PY, "-c", "import pandas"], n + 2)
        imp_us = _median([PY, "-c", "import pandas, cnht_analysis"], n + 2)
        extra = imp_us - imp_pd
        rows.append(
            (
                "`import cnht_analysis` beyond `import pandas`",
                f"{extra:+.3f} s",
                "",
                "≤ 0.3 s",
                _ok(extra <= 0.3),
            )
        )

        # 3. cnht assess for Hanoi, whole process
        assess = _median([str(BIN / "cnht"), "assess", "--format", "csv"], n + 2)
        rows.append(
            (
                "`cnht assess` (Hanoi), whole process",
                f"{assess:.2f} s",
                "",
                "≤ 1.5 s",
                _ok(assess <= 1.5),
            )
        )

        # 4. nationwide synthetic registry inside one process
        nation = _nationwide(work, n)
        if nation is not None:
            rows.append(
                (
                    "34 provinces × 20 targets × 15 years, in-process (synthetic)",
                    f"{nation:.2f} s",
                    "",
                    "≤ 2 s",
                    _ok(nation <= 2.0),
                )
            )

        # 5. peak memory of a render (the cnht process and its kernel together)
        peak = _peak_rss_mib(
            [str(BIN / "cnht"), "render", "--lang", "all", "--out", str(work / "r3")]
        )
        rows.append(
            (
                "peak memory of `cnht render --lang all` (process + kernel)",
                f"{peak:.0f} MiB",
                "",
                "≤ 400 MB",
                _ok(peak * 2**20 <= 400e6),
            )
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    table = _table(rows, n)
    print(table)
    if args.write:
        (ROOT / "benchmarks" / "RESULTS.md").write_text(table, encoding="utf-8")
        print("written to benchmarks/RESULTS.md")
    return 0


def _nationwide(work: Path, n: int) -> float | None:
    """Median seconds to assess the synthetic nationwide registry in one process, or None."""
    maker = ROOT / "benchmarks" / "make_synthetic_registry.py"
    bench = ROOT / "benchmarks" / "bench_assess.py"
    if not maker.exists() or not bench.exists():
        return None
    out = work / "synthetic_nationwide"
    subprocess.run([PY, str(maker), "--out", str(out)], cwd=ROOT, check=True, capture_output=True)
    proc = subprocess.run(
        [PY, str(bench), "--data", str(out), "--repeat", str(n), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise SystemExit(f"bench_assess failed:\n{proc.stderr[-2000:]}")
    return float(json.loads(proc.stdout.strip().splitlines()[-1])["median_s"])


def _ok(passed: bool) -> str:
    return "met" if passed else "NOT met"


def _table(rows: list[tuple[str, str, str, str, str]], n: int) -> str:
    today = dt.date.today().isoformat()
    head = (
        f"# Benchmark results\n\nMeasured {today} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; each figure the median of {n} runs (imports and "
        f"`cnht assess`: {n + 2}), ratios from figures of the same run. "
        "Reproduce with `make bench`.\n\n"
        "| measurement | value | ratio | goal | |\n|---|---|---|---|---|\n"
    )
    return head + "\n".join(f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in rows) + "\n"


if __name__ == "__main__":
    sys.exit(main())
