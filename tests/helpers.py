"""Build small datasets in code for the engine tests (no files unless a test asks for them).

Every value here is made up for a test and says nothing about Hanoi: regions are `hanoi` and
`vietnam` only because the engine's defaults use them.
"""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

from cnht_analysis.assess import Assessment, assess_target
from cnht_analysis.models import Dataset, Indicator, Observation, Override, Programme, Target

INDICATORS = {
    "firms": Indicator("firms", "Doanh nghiệp", "Firms", "count"),
    "intl": Indicator("intl", "DN quốc tế", "Intl firms", "count"),
    "share": Indicator("share", "Tỷ lệ", "Share", "percent", min=0, max=100),
    "intl_share": Indicator(
        "intl_share",
        "Tỷ lệ QT",
        "Intl share",
        "percent",
        min=0,
        max=100,
        derive="share(intl, firms)",
    ),
    "growth": Indicator("growth", "Tăng trưởng", "Growth", "growth_pct"),
    "firms_growth": Indicator(
        "firms_growth", "Tăng DN", "Firm growth", "growth_pct", derive="growth(firms)"
    ),
    "index": Indicator("index", "Chỉ số", "Index", "index", derive="index(growth)"),
    "area": Indicator("area", "Diện tích", "Area", "ha"),
    "value": Indicator("value", "Giá trị", "Value", "bn_vnd"),
}

PROGRAMMES = {
    "prog": Programme("prog", "hanoi", "CT", "Programme", (2015, 2035), 2020),
    "prog_vn": Programme("prog_vn", "vietnam", "CT QG", "National", (2015, 2035), 2020),
}


def obs(
    indicator: str,
    year: int,
    value: float,
    status: str = "actual",
    qualifier: str = "exact",
    region: str = "hanoi",
    breaks: bool = False,
) -> Observation:
    """One observation (source 's1')."""
    return Observation(region, indicator, year, float(value), status, qualifier, "s1", "", breaks)


def series(indicator: str, values: dict[int, float], **kw) -> list[Observation]:
    """Observations of one indicator from {year: value}."""
    return [obs(indicator, y, v, **kw) for y, v in values.items()]


def target(
    tid: str,
    indicator: str,
    year: int,
    type_: str,
    value: float,
    programme: str = "prog",
    tolerance_abs: float = 0.0,
    tolerance_rel: float = 0.0,
    base_year: int | None = None,
    window: tuple[int, int] | None = None,
) -> Target:
    """One target."""
    return Target(
        tid,
        programme,
        indicator,
        year,
        type_,
        float(value),
        tolerance_abs,
        tolerance_rel,
        base_year,
        window,
        "s1",
    )


def dataset(
    observations: list[Observation],
    targets: list[Target],
    overrides: list[Override] | None = None,
    programmes: dict[str, Programme] | None = None,
) -> Dataset:
    """A Dataset built directly (no loader), with the test catalogue above."""
    return Dataset(
        data_dir=Path("."),
        indicators=dict(INDICATORS),
        observations=list(observations),
        sources={},
        programmes=dict(programmes or PROGRAMMES),
        targets=list(targets),
        overrides=list(overrides or []),
    )


def assess_one(observations: list[Observation], t: Target, as_of: int, **kw) -> Assessment:
    """Assess a single target on the given observations."""
    return assess_target(dataset(observations, [t], **kw), t, as_of)


def write_data_dir(
    root: Path,
    observations: list[Observation],
    targets: list[Target],
    overrides: list[dict] | None = None,
) -> Path:
    """Write the data files of a dataset to `root` (for tests that go through the loader)."""
    root.mkdir(parents=True, exist_ok=True)
    with (root / "indicators.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(
            [
                "indicator",
                "name_vi",
                "name_en",
                "unit",
                "higher_is_better",
                "min",
                "max",
                "description_vi",
                "description_en",
                "derive",
            ]
        )
        for i in INDICATORS.values():
            w.writerow(
                [
                    i.id,
                    i.name_vi,
                    i.name_en,
                    i.unit,
                    "true",
                    "" if i.min is None else i.min,
                    "" if i.max is None else i.max,
                    "",
                    "",
                    i.derive or "",
                ]
            )
    with (root / "observations.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(
            [
                "region",
                "indicator",
                "year",
                "value",
                "status",
                "qualifier",
                "source",
                "note",
                "break",
            ]
        )
        for o in observations:
            w.writerow(
                [
                    o.region,
                    o.indicator,
                    o.year,
                    repr(o.value) if o.value % 1 else int(o.value),
                    o.status,
                    o.qualifier,
                    o.source,
                    o.note,
                    "true" if o.breaks else "",
                ]
            )
    with (root / "sources.csv").open("w", encoding="utf-8", newline="") as f:
        f.write("source,publisher,title,date,url,language\ns1,Test,Synthetic test source,,,en\n")
    with (root / "regions.csv").open("w", encoding="utf-8", newline="") as f:
        f.write("region,name_vi,name_en\nhanoi,Hà Nội,Hanoi\nvietnam,Việt Nam,Viet Nam\n")
    doc = {
        "programmes": [
            {
                "id": p.id,
                "region": p.region,
                "name_vi": p.name_vi,
                "name_en": p.name_en,
                "period": list(p.period),
                "base_year": p.base_year,
                "source": "s1",
            }
            for p in PROGRAMMES.values()
        ],
        "targets": [_target_yaml(t) for t in targets],
    }
    (root / "targets.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    if overrides is not None:
        (root / "overrides.yaml").write_text(
            yaml.safe_dump(overrides, allow_unicode=True), encoding="utf-8"
        )
    return root


def _target_yaml(t: Target) -> dict:
    d = {
        "id": t.id,
        "programme": t.programme,
        "indicator": t.indicator,
        "year": t.year,
        "type": t.type,
        "value": t.value,
        "source": "s1",
    }
    if t.tolerance_abs:
        d["tolerance_abs"] = t.tolerance_abs
    if t.tolerance_rel:
        d["tolerance_rel"] = t.tolerance_rel
    if t.base_year is not None:
        d["base_year"] = t.base_year
    if t.window is not None:
        d["window"] = list(t.window)
    return d
