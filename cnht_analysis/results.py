"""One results object per render: every target assessed once per as-of year, read by every view.

`Results.build(ds, region, as_of, previous_ds=None)` computes the assessment table of the
programmes in force, what it takes from now (on each `Assessment`), the comparison with last
year (method: "Since last year"), revised figures, the data requests and the one citation
numbering that the HTML, `cnht explain` and the Word report share. Nothing here is worded:
views turn codes into words through `words`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .assess import Assessment, SeriesCache, assess_target, check_region
from .citations import cited_ids
from .models import Dataset, Observation, Programme, Target
from .status import rank

CLASSES = (
    "improved",
    "worsened",
    "unchanged",
    "newly_assessable",
    "no_longer_assessable",
    "still_unable",
    "new_this_year",
)


@dataclass(frozen=True)
class Change:
    """One target's class since last year."""

    target_id: str
    klass: str  # one of CLASSES
    old_status: str | None
    new_status: str


@dataclass(frozen=True)
class Revision:
    """A figure whose value, status or qualifier changed between last year's inputs and today's."""

    indicator: str
    year: int
    old: Observation
    new: Observation


@dataclass(frozen=True)
class DataRequest:
    """A missing figure the Department can ask for: who holds it and what it would settle."""

    indicator: str
    years: tuple[int, ...]
    owner_vi: str
    owner_en: str
    targets: tuple[str, ...]


def programme_in_force(p: Programme, as_of: int) -> bool:
    """Whether a programme is in force at `as_of` (adopted at or before it, when known)."""
    in_force = getattr(p, "in_force", None)
    if callable(in_force):
        return bool(in_force(as_of))
    adopted = getattr(p, "adopted", None)
    return adopted is None or adopted <= as_of


def in_force_targets(ds: Dataset, region: str, as_of: int) -> list[Target]:
    """The region's targets whose programme is in force at `as_of`, in registry order."""
    return [
        t
        for t in ds.targets
        if ds.programmes[t.programme].region == region
        and programme_in_force(ds.programmes[t.programme], as_of)
    ]


def region_targets(ds: Dataset, region: str) -> list[Target]:
    """The region's targets in registry order."""
    return [t for t in ds.targets if ds.programmes[t.programme].region == region]


def assessed_from(ds: Dataset, target: Target) -> int:
    """The first as-of year at which a target is assessed: its programme's base year, or the
    year the programme was adopted when that is later (not in force before)."""
    prog = ds.programmes[target.programme]
    return max(prog.base_year, prog.adopted or prog.base_year)


def classify(old: str | None, new: str) -> str:
    """The since-last-year class of a target (old None: not in last year's table)."""
    if old is None:
        return "new_this_year"
    ro, rn = rank(old), rank(new)
    if ro is None and rn is None:
        return "still_unable"
    if ro is None:
        return "newly_assessable"
    if rn is None:
        return "no_longer_assessable"
    if rn > ro:
        return "improved"
    if rn < ro:
        return "worsened"
    return "unchanged"


def _same(a: Observation, b: Observation) -> bool:
    return abs(a.value - b.value) <= 1e-9 * max(1.0, abs(a.value)) and (
        a.status,
        a.qualifier,
    ) == (b.status, b.qualifier)


def revisions(previous: Dataset, current: Dataset, region: str) -> list[Revision]:
    """Figures of the region present in both inputs whose value, status or qualifier changed."""
    old = {(o.indicator, o.year): o for o in previous.observations if o.region == region}
    found = []
    for o in current.observations:
        p = old.get((o.indicator, o.year))
        if o.region == region and p is not None and not _same(p, o):
            found.append(Revision(o.indicator, o.year, p, o))
    return sorted(found, key=lambda r: (r.indicator, r.year))


def _missing_years(a: Assessment) -> tuple[int, ...]:
    """The years whose figure would let an unassessable target be assessed."""
    t = a.target
    if a.status != "unable_to_assess":
        return ()
    observed = {o.year for o in a.observations}
    last = min(a.as_of, t.year)
    if t.is_growth:
        w = a.window or (t.year, t.year)
        return tuple(y for y in range(w[0], min(w[1], a.as_of) + 1) if y not in observed)
    if "no_target_year_data" in a.flags:
        return (t.year,)
    if "no_comparable_figure" in a.flags or "insufficient_data" in a.flags:
        first = a.base_year if a.base_year is not None else last
        years = tuple(y for y in range(min(first, last), last + 1) if y not in observed)
        return years or (last,)
    return ()


@dataclass
class Results:
    """Everything a report shows, computed once (language-independent)."""

    dataset: Dataset
    region: str
    as_of: int
    assessments: list[Assessment]
    previous: list[Assessment] = field(default_factory=list)
    previous_from_inputs: bool = False
    since: dict[str, Change] = field(default_factory=dict)
    revised: list[Revision] = field(default_factory=list)
    data_requests: list[DataRequest] = field(default_factory=list)
    citations: dict[str, int] = field(default_factory=dict)
    adopted_later: list[Programme] = field(default_factory=list)
    plans_ended: list[Programme] = field(default_factory=list)
    # charts drawn for the page as PNG by (chart key, lang); the Word draft reuses them
    pngs: dict[tuple[object, str], bytes] = field(default_factory=dict, repr=False)
    _cache: SeriesCache = field(default_factory=SeriesCache, repr=False)
    _history: dict[int, list[Assessment]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(
        cls, ds: Dataset, region: str, as_of: int, previous_ds: Dataset | None = None
    ) -> Results:
        """Assess the region as of `as_of` and compare with `as_of − 1`."""
        check_region(ds, region)
        cache = SeriesCache()
        table = [assess_target(ds, t, as_of, cache) for t in in_force_targets(ds, region, as_of)]
        r = cls(ds, region, as_of, table, _cache=cache)
        r._history[as_of] = table
        prev_ds = previous_ds if previous_ds is not None else ds
        r.previous_from_inputs = previous_ds is not None
        if previous_ds is None:
            r.previous = r.history([as_of - 1])[as_of - 1]
        else:
            prev_cache = SeriesCache()
            r.previous = [
                assess_target(prev_ds, t, as_of - 1, prev_cache)
                for t in in_force_targets(prev_ds, region, as_of - 1)
            ]
            r.revised = revisions(previous_ds, ds, region)
        old = {a.target.id: a.status for a in r.previous}
        r.since = {
            a.target.id: Change(
                a.target.id,
                classify(old.get(a.target.id), a.status),
                old.get(a.target.id),
                a.status,
            )
            for a in table
        }
        progs = [p for p in ds.programmes.values() if p.region == region]
        r.adopted_later = [p for p in progs if not programme_in_force(p, as_of)]
        r.plans_ended = sorted(
            (p for p in progs if programme_in_force(p, as_of) and p.period[1] < as_of),
            key=lambda p: -p.period[1],
        )
        r.data_requests = r._requests()
        r.citations = r._number_sources()
        return r

    # --- views of the table ------------------------------------------------------------

    @property
    def by_id(self) -> dict[str, Assessment]:
        """The assessments keyed by target id."""
        return {a.target.id: a for a in self.assessments}

    @property
    def in_force_ahead(self) -> list[Assessment]:
        """Targets with target year ≥ as-of, nearest first (registry order within a year)."""
        ahead = [a for a in self.assessments if a.target.year >= self.as_of]
        return sorted(ahead, key=lambda a: a.target.year)

    @property
    def passed(self) -> list[Assessment]:
        """Targets whose target year has passed, newest first."""
        gone = [a for a in self.assessments if a.target.year < self.as_of]
        return sorted(gone, key=lambda a: -a.target.year)

    @property
    def ordered(self) -> list[Assessment]:
        """The order every view shows targets in: ahead (nearest first), then passed."""
        return self.in_force_ahead + self.passed

    def status_counts(self) -> dict[str, int]:
        """How many targets have each status."""
        counts: dict[str, int] = {}
        for a in self.assessments:
            counts[a.status] = counts.get(a.status, 0) + 1
        return counts

    def since_counts(self) -> dict[str, int]:
        """Targets per since-last-year class (they add up to the number of targets)."""
        counts = dict.fromkeys(CLASSES, 0)
        for c in self.since.values():
            counts[c.klass] += 1
        return counts

    def history(self, years: list[int] | range) -> dict[int, list[Assessment]]:
        """The table as of each year (targets in force then), each year computed once."""
        for y in years:
            if y not in self._history:
                ts = in_force_targets(self.dataset, self.region, y)
                self._history[y] = [assess_target(self.dataset, t, y, self._cache) for t in ts]
        return {y: self._history[y] for y in years}

    def status_history(self, years: Sequence[int]) -> list[Assessment]:
        """Each target as of each year from the year it is assessed from (`assessed_from`),
        target by target in registry order, then year by year: read from `history`."""
        ys = sorted(set(years))
        tables = {y: {a.target.id: a for a in table} for y, table in self.history(ys).items()}
        ds = self.dataset
        return [
            tables[y][t.id]
            for t in region_targets(ds, self.region)
            for y in ys
            if y >= assessed_from(ds, t) and t.id in tables[y]
        ]

    # --- data requests and citations ----------------------------------------------------

    def _requests(self) -> list[DataRequest]:
        by_ind: dict[str, tuple[set[int], list[str]]] = {}
        for a in self.ordered:
            years = _missing_years(a)
            if not years:
                continue
            ys, ts = by_ind.setdefault(a.target.indicator, (set(), []))
            ys.update(years)
            ts.append(a.target.id)
        out = []
        for ind_id, (ys, ts) in by_ind.items():
            ind = self.dataset.indicators[ind_id]
            out.append(
                DataRequest(
                    ind_id,
                    tuple(sorted(ys)),
                    getattr(ind, "owner_vi", "") or "",
                    getattr(ind, "owner_en", "") or "",
                    tuple(ts),
                )
            )
        return out

    def _number_sources(self) -> dict[str, int]:
        ds = self.dataset
        numbering: dict[str, int] = {}

        def add(sid: str) -> None:
            if sid and sid not in numbering:
                numbering[sid] = len(numbering) + 1

        def add_text(*texts: str) -> None:
            for text in texts:
                for sid in cited_ids(text or ""):
                    if sid in ds.sources or not ds.sources:
                        add(sid)

        for a in self.ordered:
            t, p = a.target, ds.programmes[a.target.programme]
            add(p.source)
            add(t.source)
            add_text(p.note, getattr(p, "note_vi", ""), t.note, getattr(t, "note_vi", ""))
            add_text(getattr(t, "basis_note_vi", ""), getattr(t, "basis_note_en", ""))
            for o in a.old_figures + a.observations:
                add(o.source)
                add_text(o.note, getattr(o, "note_vi", ""))
        for p in self.adopted_later:
            add(p.source)
        return numbering
