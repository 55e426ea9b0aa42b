"""The domain records: what the data files hold, once loaded and validated."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

UNITS = ("count", "percent", "growth_pct", "index", "bn_vnd", "ha")
GROWTH_UNITS = ("growth_pct",)
OBS_STATUSES = ("actual", "preliminary", "estimate", "derived")
QUALIFIERS = ("exact", "about", "more_than", "less_than")
LEVEL_TYPES = ("at_least", "at_most", "band")
GROWTH_TYPES = ("growth_above", "growth_at_least")
TARGET_TYPES = LEVEL_TYPES + GROWTH_TYPES
BASES = ("stated", "inferred")  # targets.yaml `basis`: is the value in the programme's text?
STATUSES = (
    "achieved",
    "missed",
    "on_track",
    "acceleration_needed",
    "limited_progress",
    "deterioration",
    "unable_to_assess",
)


@dataclass(frozen=True)
class Indicator:
    """One entry of the indicator catalogue (`indicators.csv`)."""

    id: str
    name_vi: str
    name_en: str
    unit: str
    higher_is_better: bool = True
    min: float | None = None
    max: float | None = None
    description_vi: str = ""
    description_en: str = ""
    derive: str | None = None  # e.g. "share(a, b)", "growth(a)", "index(a)"
    owner_vi: str = ""  # who produces or holds the figure, shown wherever it is missing
    owner_en: str = ""
    context_for: tuple[str, ...] = ()  # indicators this one gives context to (never a verdict)

    @property
    def is_growth(self) -> bool:
        """True for indicators holding year-on-year growth in percent."""
        return self.unit in GROWTH_UNITS

    def name(self, lang: str) -> str:
        """The display name in `lang` ("vi" or "en")."""
        return self.name_vi if lang == "vi" else self.name_en


@dataclass(frozen=True, slots=True)  # slots: 400,000 observations stay small
class Observation:
    """One measured (or derived) value of an indicator for a region and year."""

    region: str
    indicator: str
    year: int
    value: float
    status: str = "actual"
    qualifier: str = "exact"
    source: str = ""
    note: str = ""
    breaks: bool = False  # the `break` column: the definition changed before this value
    derived_from: tuple[str, ...] = ()  # indicator ids a derived value was computed from
    note_vi: str = ""  # the note in Vietnamese (`note` is English)


@dataclass(frozen=True)
class Source:
    """A publication cited by observations, programmes or targets (`sources.csv`)."""

    id: str
    publisher: str = ""
    title: str = ""
    date: str = ""
    url: str = ""
    language: str = ""


@dataclass(frozen=True)
class Region:
    """A region id with its display names (`regions.csv`).

    The optional administrative fields head the Department's Word report (Decree 30/2020/NĐ-CP):
    e.g. "UBND THÀNH PHỐ HÀ NỘI" / "SỞ CÔNG THƯƠNG" / "SCT" / "Hà Nội" / "GIÁM ĐỐC"; empty
    means the report's own defaults.
    """

    id: str
    name_vi: str
    name_en: str
    superior_body_vi: str = ""
    issuing_body_vi: str = ""
    issuing_body_abbr: str = ""
    place_vi: str = ""
    signer_title_vi: str = ""

    def name(self, lang: str) -> str:
        """The display name in `lang`."""
        return self.name_vi if lang == "vi" else self.name_en


@dataclass(frozen=True)
class Programme:
    """A plan or programme that sets targets (`targets.yaml`, `programmes:`)."""

    id: str
    region: str
    name_vi: str
    name_en: str
    period: tuple[int, int]
    base_year: int
    source: str = ""
    document: str = ""
    note: str = ""
    adopted: int | None = None  # the year it was adopted: not in force in earlier as-of years
    note_vi: str = ""

    def name(self, lang: str) -> str:
        """The display name in `lang`."""
        return self.name_vi if lang == "vi" else self.name_en

    def in_force(self, as_of: int) -> bool:
        """Whether the programme had been adopted by `as_of` (unknown adoption: always)."""
        return self.adopted is None or self.adopted <= as_of


@dataclass(frozen=True)
class Target:
    """One quantified target of a programme (`targets.yaml`, `targets:`)."""

    id: str
    programme: str
    indicator: str
    year: int
    type: str
    value: float
    tolerance_abs: float = 0.0
    tolerance_rel: float = 0.0
    base_year: int | None = None
    window: tuple[int, int] | None = None
    source: str = ""
    quote_vi: str = ""
    quote_en: str = ""
    note: str = ""
    basis: str = "stated"  # stated | inferred (no published text of the programme states it)
    basis_note_vi: str = ""  # for an inferred value: from what, and why
    basis_note_en: str = ""
    note_vi: str = ""

    @property
    def inferred(self) -> bool:
        """True when no published text of the programme states this value."""
        return self.basis == "inferred"

    @property
    def is_growth(self) -> bool:
        """True for growth-rate targets (`growth_above`, `growth_at_least`)."""
        return self.type in GROWTH_TYPES

    @property
    def tolerance(self) -> float:
        """tol = max(tolerance_abs, tolerance_rel × |value|), in the indicator's unit."""
        return max(self.tolerance_abs, self.tolerance_rel * abs(self.value))

    @property
    def threshold(self) -> float:
        """The value that counts once tolerance is applied (band: its lower edge)."""
        if self.type == "at_most":
            return self.value + self.tolerance
        if self.type in GROWTH_TYPES:
            return self.value
        return self.value - self.tolerance

    @property
    def band(self) -> tuple[float, float]:
        """[value − tol, value + tol] (meaningful for `band` targets)."""
        return (self.value - self.tolerance, self.value + self.tolerance)


@dataclass(frozen=True)
class Override:
    """A manual status for one target and as-of year (`overrides.yaml`)."""

    target: str
    as_of: int
    status: str
    reason: str


@dataclass
class Dataset:
    """Everything in one data directory, validated."""

    data_dir: Path
    indicators: dict[str, Indicator]
    observations: list[Observation]
    sources: dict[str, Source]
    programmes: dict[str, Programme]
    targets: list[Target]
    regions: dict[str, Region] = field(default_factory=dict)
    overrides: list[Override] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  # the input files read (for the manifest)
    _series: dict[tuple[str, str], list[Observation]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def target(self, target_id: str) -> Target:
        """The target with this id (KeyError if there is none)."""
        for t in self.targets:
            if t.id == target_id:
                return t
        raise KeyError(target_id)

    def region_of(self, target: Target) -> str:
        """The region a target belongs to (through its programme)."""
        return self.programmes[target.programme].region

    def region_name(self, region: str, lang: str) -> str:
        """A region's display name, or its id when `regions.csv` does not name it."""
        r = self.regions.get(region)
        return r.name(lang) if r else region

    def observed(self, region: str, indicator: str) -> list[Observation]:
        """The observations of one series as stored (no derivation), sorted by year."""
        if self._series is None:
            index: dict[tuple[str, str], list[Observation]] = {}
            for o in sorted(self.observations, key=lambda o: o.year):
                index.setdefault((o.region, o.indicator), []).append(o)
            self._series = index
        return list(self._series.get((region, indicator), ()))

    def regions_in_use(self) -> list[str]:
        """Every region that has a programme or an observation, sorted."""
        found = {p.region for p in self.programmes.values()}
        found |= {o.region for o in self.observations}
        return sorted(found)
