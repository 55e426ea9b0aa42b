"""What the Word draft adds to `cnht render --lang all` (issue 13: at most about 15 %).

Two measurements, interleaved so a change of load affects both sides alike:

* end to end: `cnht render --lang all` with the real notebook against the same notebook without
  its last cell (the one that writes the draft), each in a fresh process, N rounds;
* in the kernel: the notebook's draft call alone (content from `Results` + layout + write),
  charts already drawn as they are by the time the notebook's last cell runs; the first call
  in a fresh process (python-docx imported then, as in a render) and the median of later ones.

Writes its table into benchmarks/RESULTS.md between the "word-draft" markers and prints it.
Usage: python benchmarks/bench_docx.py [N]   (default 5 rounds)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "annual_assessment.ipynb"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
BEGIN, END = "<!-- word-draft:begin -->", "<!-- word-draft:end -->"

RUN = """
import sys
from cnht_analysis.render import render_report
render_report(langs=("vi", "en"), out_root=sys.argv[1], notebook=sys.argv[2])
"""

IN_KERNEL = """
import statistics, sys, tempfile, time
from cnht_analysis.report import Report
rep = Report.build("", "hanoi", 0, "all", draw_ahead=False)
for key in rep.chart_keys():
    rep.chart_png(key, "vi", [])
times = []
with tempfile.TemporaryDirectory() as out:
    for _ in range(int(sys.argv[1]) + 1):
        t = time.perf_counter()
        rep.save_docx(out, "annual_assessment")
        times.append(time.perf_counter() - t)
print(times[0], statistics.median(times[1:]), min(times), max(times))
"""


def _without_draft(path: Path) -> None:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    nb["cells"] = [c for c in nb["cells"] if "save_docx" not in "".join(c["source"])]
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")


def _timed(args: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, *args], check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - t


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 5
    load0 = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as work:
        bare = Path(work) / "annual_assessment.ipynb"  # same stem, so the same outputs
        _without_draft(bare)
        with_draft: list[float] = []
        without: list[float] = []
        _timed(["-c", RUN, str(Path(work) / "warm"), str(NOTEBOOK)])  # warm caches
        for i in range(n):
            out = str(Path(work) / f"r{i}")
            without.append(_timed(["-c", RUN, out + "a", str(bare)]))
            with_draft.append(_timed(["-c", RUN, out + "b", str(NOTEBOOK)]))
    done = subprocess.run(
        [sys.executable, "-c", IN_KERNEL, str(max(n, 5))],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    first, med, lo, hi = (float(x) for x in done.stdout.split())
    load1 = os.getloadavg()[0]
    a, b = statistics.median(without), statistics.median(with_draft)
    ratio = b / a
    extra = (b - a) / a * 100
    in_kernel_pct = first / a * 100
    ok = "met" if in_kernel_pct <= 15 else "**NOT met**"
    lines = [
        BEGIN,
        "### Word draft (issue 13)",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} on the same machine, {n} interleaved rounds, "
        f"load average {load0:.2f} before and {load1:.2f} after "
        f"(`python benchmarks/bench_docx.py {n}`). The end-to-end rows carry the noise of a "
        "shared machine (a run-to-run spread larger than the draft's cost); the goal is judged "
        "on the in-kernel row, which times the draft step alone, as a share of the median "
        "render without it (the first call, which also imports python-docx, as a render does).",
        "",
        "| measurement | median | runs (min–max) | ratio or goal | |",
        "|---|---|---|---|---|",
        f"| `cnht render --lang all`, notebook without the draft cell | {a:.2f} s | "
        f"{min(without):.2f}–{max(without):.2f} |  |  |",
        f"| `cnht render --lang all` (writes `annual_assessment.vi.docx`) | {b:.2f} s | "
        f"{min(with_draft):.2f}–{max(with_draft):.2f} | {ratio:.2f}× ({extra:+.1f} %) | |",
        f"| the draft step in the kernel, first call (`Report.save_docx` → `docx_report.save_docx`"
        f" on `Results`, charts reused) | {first:.3f} s | later calls: median {med:.3f}, "
        f"{lo:.3f}–{hi:.3f} | {in_kernel_pct:.1f} % of a render (goal ≤ 15 %) | {ok} |",
        END,
    ]
    block = "\n".join(lines)
    text = RESULTS.read_text(encoding="utf-8")
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    print(block)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
