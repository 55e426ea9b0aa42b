"""Time the assessment of every target of every province of the SYNTHETIC registry (one process).

Usage: `.venv/bin/python benchmarks/bench_assess.py [--data DIR] [--as-of YEAR] [--repeat N]
[--json]`. Make the data first with `benchmarks/make_synthetic_registry.py`. Prints the one-off
costs (importing scipy.special, loading the files) apart from the assessment itself, whose
median over N runs is compared with the goal of ≤ 2 s. Each run starts from a fresh dataset
cache, so nothing is reused between runs. Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_S = 2.0


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the timings."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT / "benchmarks/out/synthetic_nationwide")
    ap.add_argument("--as-of", type=int, default=2023, help="mid-programme: most targets ahead")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", action="store_true", help="print a JSON line at the end")
    args = ap.parse_args(argv)
    if not (args.data / "targets.yaml").is_file():
        print(f"no registry at {args.data}: run benchmarks/make_synthetic_registry.py first")
        return 2

    t0 = time.perf_counter()
    import scipy.special  # noqa: F401 - the only heavy import of the engine (OLS is numpy's)

    from cnht_analysis.assess import assess_all
    from cnht_analysis.load import load_dataset

    imports = time.perf_counter() - t0

    t0 = time.perf_counter()
    ds = load_dataset(args.data)
    load = time.perf_counter() - t0
    regions = sorted({p.region for p in ds.programmes.values()})

    times, cpu, n_targets, n_prob = [], [], 0, 0
    for _ in range(max(args.repeat, 1)):
        ds._series = None  # drop the dataset's own index too: every run starts cold
        t0, c0 = time.perf_counter(), time.process_time()
        results = [a for r in regions for a in assess_all(ds, r, args.as_of)]
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        n_targets = len(results)
        n_prob = sum(a.p_attain is not None for a in results)
    median = statistics.median(times)

    print(
        f"SYNTHETIC registry: {len(regions)} provinces, {n_targets} targets, "
        f"{len(ds.observations)} observations; as of {args.as_of}, "
        f"{n_prob} targets with a probability"
    )
    print(f"import scipy.special (once per process):       {imports:.2f} s")
    print(f"load and validate the data directory:          {load:.2f} s")
    print(
        f"assess every target, median of {len(times)} runs:      {median:.2f} s "
        f"(runs: {', '.join(f'{t:.2f}' for t in times)})"
    )
    print(
        f"  CPU time of this process, median:            {statistics.median(cpu):.2f} s "
        "(close to the wall time on an idle machine; other load on the cores inflates the "
        "wall time)"
    )
    print(f"goal ≤ {GOAL_S:.0f} s: {'met' if median <= GOAL_S else 'NOT met'}")
    if args.json:
        print(
            json.dumps(
                {
                    "median_s": median,
                    "cpu_median_s": statistics.median(cpu),
                    "load_s": load,
                    "import_s": imports,
                    "targets": n_targets,
                    "with_probability": n_prob,
                }
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
