"""A SYNTHETIC data directory with 400,000 observation rows, for the large-input benchmark.

Usage: `python benchmarks/make_large_observations.py OUT_DIR [ROWS]` copies `data/` to OUT_DIR
and appends seeded random rows to its observations.csv: made-up regions ("synth_0001" …) with
every indicator of the registry over 1990–2030, labelled SYNTHETIC in the source and the note.
Nothing here is a real figure; the set exists only to time `cnht validate`.
"""

from __future__ import annotations

import csv
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make(out: Path, rows: int = 400_000, seed: int = 20261207) -> Path:
    """Write the synthetic directory; return it."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(ROOT / "data", out)
    with (out / "indicators.csv").open(encoding="utf-8", newline="") as f:
        indicators = [r for r in csv.DictReader(f) if not r.get("derive")]
    with (out / "sources.csv").open("a", encoding="utf-8", newline="") as f:
        header = (ROOT / "data" / "sources.csv").read_text(encoding="utf-8").splitlines()[0]
        cols = header.split(",")
        row = dict.fromkeys(cols, "")
        row.update(
            source="synthetic_bench", publisher="SYNTHETIC", title="SYNTHETIC benchmark rows"
        )
        if "language" in row:
            row["language"] = "en"
        csv.DictWriter(f, cols).writerow(row)
    with (out / "regions.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        region_cols = reader.fieldnames or []
    years = range(1990, 2031)
    per_region = len(indicators) * len(years)
    n_regions = rows // per_region + 1
    with (out / "regions.csv").open("a", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, region_cols)
        for i in range(n_regions):
            r = dict.fromkeys(region_cols, "")
            r.update(
                region=f"synth_{i:04d}",
                name_vi=f"Tỉnh tổng hợp {i} (SYNTHETIC)",
                name_en=f"Synthetic province {i} (SYNTHETIC)",
            )
            w.writerow(r)
    obs_path = out / "observations.csv"
    cols = obs_path.read_text(encoding="utf-8").splitlines()[0].split(",")
    written = 0
    with obs_path.open("a", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, cols)
        for i in range(n_regions):
            for ind in indicators:
                for y in years:
                    if written >= rows:
                        break
                    unit = ind.get("unit", "count")
                    if unit == "count":  # a part ("…_intl") never outnumbers the whole
                        value = (
                            rng.randint(1, 900)
                            if "intl" in ind["indicator"]
                            else rng.randint(1000, 5000)
                        )
                    else:
                        value = round(rng.uniform(0.5, 30), 1)
                    r = dict.fromkeys(cols, "")
                    r.update(
                        region=f"synth_{i:04d}",
                        indicator=ind["indicator"],
                        year=y,
                        value=value,
                        status="actual",
                        qualifier="exact",
                        source="synthetic_bench",
                        note="SYNTHETIC",
                    )
                    if "note_vi" in r:
                        r["note_vi"] = "SYNTHETIC (số liệu tổng hợp)"
                    w.writerow(r)
                    written += 1
    return out


if __name__ == "__main__":
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 400_000
    print(make(Path(sys.argv[1]), n))
