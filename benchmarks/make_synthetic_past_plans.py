"""Write benchmarks/synthetic_past_plans/: SYNTHETIC series of known truth for `cnht skill`.

Seeded (numpy default_rng(15)); every value is drawn here, none is real. For each model family
(linear trend, log-linear trend, random walk with drift, iid log growth) it draws N series of
2010–2020 with Gaussian noise, sets a 2020 target near the series' expected 2020 value (a random
offset of ±1 noise s.d., so about half are achieved), and records the truth: the drawn 2020 value
meets the target. The back test assesses them as of 2017, 2018 and 2019 with the same code as the
real plans. Reproducible: `python benchmarks/make_synthetic_past_plans.py`.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent / "synthetic_past_plans"
YEARS = list(range(2010, 2021))
T = 2020
N = 100
FAMILIES = ("linear", "log_linear", "rw_drift", "iid_log_growth")


def draw(rng: np.random.Generator, family: str) -> tuple[list[float], float, str]:
    """(values 2010–2020, expected 2020 value, indicator unit)."""
    t = np.arange(len(YEARS), dtype=float)
    if family == "linear":
        a, b, s = rng.uniform(100, 200), rng.uniform(2, 10), rng.uniform(3, 10)
        y = a + b * t + rng.normal(0, s, len(t))
        return list(y), a + b * t[-1], "index"
    if family == "log_linear":
        a, r, s = math.log(rng.uniform(100, 200)), rng.uniform(0.02, 0.1), rng.uniform(0.02, 0.06)
        y = np.exp(a + r * t + rng.normal(0, s, len(t)))
        return list(y), math.exp(a + r * t[-1]), "index"
    if family == "rw_drift":
        d, s = rng.uniform(1, 6), rng.uniform(2, 6)
        y = 150 + np.cumsum(d + rng.normal(0, s, len(t)))
        return list(y), float(y[-4] + 3 * d), "index"
    mu, s = rng.uniform(0.03, 0.09), rng.uniform(0.01, 0.04)
    g = 100 * np.expm1(mu + rng.normal(0, s, len(t)))
    return list(g), 100 * math.expm1(mu), "growth_pct"


def main() -> None:
    rng = np.random.default_rng(15)
    OUT.mkdir(exist_ok=True)
    regions, obs, vint, progs, targets, outcomes = [], [], [], [], [], []
    for fam in FAMILIES:
        for i in range(1, N + 1):
            reg = f"syn_{fam}_{i:02d}"
            values, expected, unit = draw(rng, fam)
            ind = "syn_growth" if unit == "growth_pct" else "syn_level"
            scale = np.std(np.diff(values)) if unit != "growth_pct" else np.std(values)
            c = round(float(expected + rng.uniform(-1, 1) * scale), 2)
            truth = values[-1] >= c
            regions.append({"region": reg, "name_vi": reg, "name_en": f"SYNTHETIC {reg}"})
            for y, v in zip(YEARS, values, strict=True):
                row = {
                    "region": reg,
                    "indicator": ind,
                    "year": y,
                    "value": round(float(v), 3),
                    "status": "actual",
                    "qualifier": "exact",
                    "source": "syn",
                    "note": "SYNTHETIC",
                }
                obs.append(row)
                vint.append(
                    {
                        **row,
                        "vintage_status": "synthetic",
                        "published": f"{y}-12-31",
                        "available": f"{y}-12-31",
                        "assumption": "",
                    }
                )
            progs.append(
                f'  - id: p_{reg}\n    region: {reg}\n    name_vi: "SYNTHETIC {reg}"\n'
                f'    name_en: "SYNTHETIC {reg}"\n    period: [2016, {T}]\n    base_year: 2015\n'
                "    source: syn\n"
            )
            typ = "growth_at_least" if unit == "growth_pct" else "at_least"
            win = f"    window: [{T}, {T}]\n" if unit == "growth_pct" else ""
            targets.append(
                f"  - id: t_{reg}\n    programme: p_{reg}\n    indicator: {ind}\n    year: {T}\n"
                f"    type: {typ}\n    value: {c}\n{win}    source: syn\n"
            )
            outcomes.append(
                {
                    "target_id": f"t_{reg}",
                    "registry_id": f"t_{reg}",
                    "outcome": "achieved" if truth else "not_achieved",
                    "declared": "SYNTHETIC truth",
                    "basis": fam,
                    "assessed_on": "",
                    "source": "syn",
                }
            )

    def w(name: str, rows: list[dict]) -> None:
        with open(OUT / name, "w", encoding="utf-8", newline="") as f:
            wr = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
            wr.writeheader()
            wr.writerows(rows)

    w("regions.csv", regions)
    w("observations.csv", obs)
    w("vintages.csv", vint)
    w("outcomes.csv", outcomes)
    w(
        "sources.csv",
        [
            {
                "source": "syn",
                "publisher": "SYNTHETIC (benchmarks/make_synthetic_past_plans.py)",
                "title": "SYNTHETIC series, seed 15",
                "date": "",
                "url": "",
                "language": "en",
            }
        ],
    )
    w(
        "indicators.csv",
        [
            {
                "indicator": "syn_level",
                "name_vi": "SYNTHETIC level",
                "name_en": "SYNTHETIC level",
                "unit": "index",
                "higher_is_better": "true",
                "min": "",
                "max": "",
                "description_vi": "SYNTHETIC",
                "description_en": "SYNTHETIC",
                "derive": "",
            },
            {
                "indicator": "syn_growth",
                "name_vi": "SYNTHETIC growth",
                "name_en": "SYNTHETIC growth",
                "unit": "growth_pct",
                "higher_is_better": "true",
                "min": "",
                "max": "",
                "description_vi": "SYNTHETIC",
                "description_en": "SYNTHETIC",
                "derive": "",
            },
        ],
    )
    (OUT / "targets.yaml").write_text(
        "# SYNTHETIC targets (benchmarks/make_synthetic_past_plans.py, seed 15)\nprogrammes:\n"
        + "".join(progs)
        + "targets:\n"
        + "".join(targets),
        encoding="utf-8",
    )
    (OUT / "README.md").write_text(
        "# SYNTHETIC past plans — not real data\n\nWritten by"
        " benchmarks/make_synthetic_past_plans.py"
        " (seed 15): series drawn from the four model families, truth known. Used by"
        " benchmarks/skill_bench.py to show calibration apart from the small real sample.\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
