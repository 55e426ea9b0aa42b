"""Build small datasets in code for the engine tests (no files unless a test asks for them).

Every value here is made up for a test and says nothing about Hanoi: regions are `hanoi` and
`vietnam` only because the engine's defaults use them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from cnht_analysis.assess import Assessment, assess_target
from cnht_analysis.dump import write_dataset
from cnht_analysis.models import (
    Dataset,
    Indicator,
    Observation,
    Override,
    Programme,
    Region,
    Source,
    Target,
)

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

SOURCES = {"s1": Source("s1", "Test", "Synthetic test source", language="en")}
REGIONS = {
    "hanoi": Region("hanoi", "Hà Nội", "Hanoi"),
    "vietnam": Region("vietnam", "Việt Nam", "Viet Nam"),
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
    overrides: list[Override] | None = None,
) -> Path:
    """Write the data files of a dataset to `root` (for tests that go through the loader)."""
    ds = Dataset(
        data_dir=root,
        indicators=dict(INDICATORS),
        observations=list(observations),
        sources=dict(SOURCES),
        programmes={p.id: replace(p, source="s1") for p in PROGRAMMES.values()},
        targets=list(targets),
        regions=dict(REGIONS),
        overrides=list(overrides or []),
    )
    return write_dataset(ds, root)
