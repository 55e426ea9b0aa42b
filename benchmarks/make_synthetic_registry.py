"""Write a SYNTHETIC nationwide data directory for the assessment benchmark (seeded, made up).

34 provinces × 20 targets × 15 years (2011–2025). Every number is drawn from a seeded random
generator; nothing here describes a real province. Every name, title and note says SYNTHETIC.

Usage: `.venv/bin/python benchmarks/make_synthetic_registry.py [--out DIR] [--seed N]`
(default DIR: benchmarks/out/synthetic_nationwide, git-ignored).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from cnht_analysis.dump import write_dataset
from cnht_analysis.models import Dataset, Indicator, Observation, Programme, Region, Source, Target

ROOT = Path(__file__).resolve().parent
DEFAULT_OUT = ROOT / "out" / "synthetic_nationwide"
PROVINCES = 34
YEARS = range(2011, 2026)  # 15 years
SOURCE = "syn"

# id, unit, higher_is_better, min, max, derive
INDICATORS = [
    ("enterprises", "count", True, 0, None, ""),
    ("enterprises_intl", "count", True, 0, None, ""),
    ("intl_share", "percent", True, 0, 100, "share(enterprises_intl, enterprises)"),
    ("output_share", "percent", True, 0, 100, ""),
    ("index_growth", "growth_pct", True, -50, 100, ""),
    ("index", "index", True, 0, None, "index(index_growth)"),
    ("iip_growth", "growth_pct", True, -50, 100, ""),
    ("cluster_area", "ha", True, 0, None, ""),
    ("investment", "bn_vnd", True, 0, None, ""),
    ("energy_intensity", "index", False, 0, None, ""),
    ("local_supply_share", "percent", True, 0, 100, ""),
]

# 20 targets per province: (suffix, programme, indicator, year, type, value factor or X, extra)
# A level target's value is the province's 2020 level times the factor; growth targets take X.
TARGETS = [
    ("ent_2023", "p1", "enterprises", 2023, "at_least", 1.20, {"tolerance_rel": 0.03}),
    ("ent_2025", "p1", "enterprises", 2025, "at_least", 1.35, {}),
    ("ent_2030", "p2", "enterprises", 2030, "at_least", 1.80, {"tolerance_rel": 0.03}),
    ("intl_2025", "p1", "enterprises_intl", 2025, "at_least", 1.50, {}),
    ("intl_share_2025", "p1", "intl_share", 2025, "at_least", 1.15, {}),
    ("intl_share_2030", "p2", "intl_share", 2030, "at_least", 1.40, {}),
    ("output_share_2025", "p1", "output_share", 2025, "band", 1.10, {"tolerance_abs": 0.5}),
    ("output_share_2030", "p2", "output_share", 2030, "at_least", 1.25, {"tolerance_abs": 0.5}),
    ("index_growth_prog", "p1", "index_growth", 2025, "growth_above", 11, {"window": [2021, 2025]}),
    ("index_growth_2024", "p1", "index_growth", 2024, "growth_at_least", 10, {}),
    ("index_2025", "p1", "index", 2025, "at_least", 1.60, {}),
    ("iip_prog", "p1", "iip_growth", 2025, "growth_at_least", 7, {"window": [2021, 2025]}),
    ("iip_2030", "p2", "iip_growth", 2030, "growth_above", 8, {"window": [2026, 2030]}),
    ("area_2025", "p1", "cluster_area", 2025, "at_least", 1.25, {}),
    ("area_2030", "p2", "cluster_area", 2030, "at_least", 1.60, {}),
    ("investment_2025", "p1", "investment", 2025, "at_least", 1.70, {"tolerance_rel": 0.05}),
    ("energy_2025", "p1", "energy_intensity", 2025, "at_most", 0.85, {}),
    ("energy_2030", "p2", "energy_intensity", 2030, "at_most", 0.70, {"tolerance_abs": 1}),
    ("local_2025", "p1", "local_supply_share", 2025, "at_least", 1.20, {"tolerance_abs": 0.5}),
    ("local_2030", "p2", "local_supply_share", 2030, "at_least", 1.45, {}),
]


def _series(rng: random.Random, start: float, growth: float, noise: float) -> dict[int, float]:
    level, out = start, {}
    for y in YEARS:
        out[y] = level
        level *= 1.0 + rng.gauss(growth, noise)
    return out


def province_observations(
    rng: random.Random, region: str
) -> tuple[list[Observation], dict[str, float]]:
    """The observations of one province and its 2020 levels (to scale the targets)."""
    ent = _series(rng, rng.uniform(80, 1200), rng.uniform(0.0, 0.08), 0.03)
    intl_frac = _series(rng, rng.uniform(0.1, 0.3), rng.uniform(-0.01, 0.05), 0.03)
    levels = {
        "enterprises": {y: round(v) for y, v in ent.items()},
        "enterprises_intl": {y: round(ent[y] * min(intl_frac[y], 0.9)) for y in YEARS},
        "output_share": {
            y: min(v, 95.0) for y, v in _series(rng, rng.uniform(8, 20), 0.02, 0.03).items()
        },
        "cluster_area": _series(rng, rng.uniform(200, 2000), rng.uniform(0.0, 0.06), 0.02),
        "investment": _series(rng, rng.uniform(500, 20000), rng.uniform(0.02, 0.12), 0.08),
        "energy_intensity": _series(rng, rng.uniform(80, 120), rng.uniform(-0.04, 0.01), 0.02),
        "local_supply_share": {
            y: min(v, 95.0) for y, v in _series(rng, rng.uniform(20, 50), 0.02, 0.02).items()
        },
        "index_growth": {y: max(-40.0, rng.gauss(9, 3)) for y in YEARS},
        "iip_growth": {y: max(-40.0, rng.gauss(7, 2.5)) for y in YEARS},
    }
    rows = []
    for indicator, values in levels.items():
        for y, v in values.items():
            if y != 2020 and rng.random() < 0.08:  # a gap now and then
                continue
            status = "actual"
            if y == 2025:
                status = "preliminary"
            elif rng.random() < 0.05:
                status = "estimate"
            qualifier = "about" if rng.random() < 0.05 else "exact"
            if indicator == "enterprises" and y == 2025 and rng.random() < 0.3:
                qualifier = "more_than"
            value = v if indicator in ("enterprises", "enterprises_intl") else round(v, 2)
            brk = indicator == "cluster_area" and y == 2016 and rng.random() < 0.2
            rows.append(
                Observation(
                    region, indicator, y, float(value), status, qualifier, SOURCE, "SYNTHETIC", brk
                )
            )
    base = {k: v[2020] for k, v in levels.items()}
    base["intl_share"] = 100.0 * levels["enterprises_intl"][2020] / levels["enterprises"][2020]
    base["index"] = 100.0 * 1.09**10  # a chained index from 2010 = 100 at about 9 %/yr
    return rows, base


def _target_value(indicator: str, factor: float, base: dict[str, float]) -> float:
    value = base[indicator] * factor
    if indicator in ("enterprises", "enterprises_intl"):
        return float(round(value))
    if indicator in ("intl_share", "output_share", "local_supply_share"):
        return round(min(value, 99.0), 1)
    return round(value, 1)


def registry(seed: int, out: Path = DEFAULT_OUT) -> Dataset:
    """The SYNTHETIC nationwide dataset drawn with `seed`, as records."""
    rng = random.Random(seed)
    regions = {
        f"syn_p{i:02d}": Region(
            f"syn_p{i:02d}", f"Tỉnh tổng hợp {i:02d} (SYNTHETIC)", f"SYNTHETIC province {i:02d}"
        )
        for i in range(1, PROVINCES + 1)
    }
    indicators = {
        iid: Indicator(
            iid,
            f"SYNTHETIC {iid}",
            f"SYNTHETIC {iid}",
            unit,
            hib,
            lo,
            hi,
            "Dữ liệu tổng hợp (SYNTHETIC).",
            "SYNTHETIC benchmark indicator.",
            derive or None,
        )
        for iid, unit, hib, lo, hi, derive in INDICATORS
    }
    title = f"SYNTHETIC benchmark data (seed {seed}) — not real"
    observations: list[Observation] = []
    programmes: dict[str, Programme] = {}
    targets: list[Target] = []
    for region in regions:
        rows, base = province_observations(rng, region)
        observations += rows
        for pid, period, base_year in (("p1", (2021, 2025), 2020), ("p2", (2026, 2030), 2025)):
            programmes[f"{region}_{pid}"] = Programme(
                f"{region}_{pid}",
                region,
                f"Chương trình tổng hợp {pid} (SYNTHETIC)",
                f"SYNTHETIC programme {pid}",
                period,
                base_year,
                SOURCE,
            )
        for suffix, pid, indicator, year, type_, factor, extra in TARGETS:
            value = (
                float(factor)
                if type_.startswith("growth")
                else _target_value(indicator, factor, base)
            )
            window = extra.get("window")
            targets.append(
                Target(
                    f"{region}_{suffix}",
                    f"{region}_{pid}",
                    indicator,
                    year,
                    type_,
                    value,
                    tolerance_abs=extra.get("tolerance_abs", 0.0),
                    tolerance_rel=extra.get("tolerance_rel", 0.0),
                    window=tuple(window) if window else None,
                    source=SOURCE,
                    quote_en="SYNTHETIC target",
                )
            )
    return Dataset(
        data_dir=out,
        indicators=indicators,
        observations=observations,
        sources={SOURCE: Source(SOURCE, "SYNTHETIC", title, language="en")},
        programmes=programmes,
        targets=targets,
        regions=regions,
    )


def write(out: Path, seed: int) -> None:
    """Write the files of the SYNTHETIC data directory to `out`."""
    comment = "SYNTHETIC benchmark registry: made-up programmes and targets, not real."
    write_dataset(registry(seed, out), out, comment=comment)


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and write the registry."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--seed", type=int, default=20250101)
    args = ap.parse_args(argv)
    write(args.out, args.seed)
    print(
        f"wrote a SYNTHETIC registry ({PROVINCES} provinces × {len(TARGETS)} targets × "
        f"{len(YEARS)} years) to {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
