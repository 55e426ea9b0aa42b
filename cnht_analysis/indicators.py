"""Derived series: a share from two counts, growth from levels, a chained index from growths."""

from __future__ import annotations

from .dataset import derive as derive_grammar
from .models import Dataset, Observation


def combine_qualifiers(rising: list[str], falling: list[str]) -> str:
    """The qualifier of a value that rises with the `rising` inputs and falls with the `falling`.

    A lower bound among the rising inputs (or an upper bound among the falling) makes the
    result a lower bound, and the reverse an upper bound; bounds pulling both ways leave only
    an approximate value ('about'), as does any 'about' input.
    """
    up = "more_than" in rising or "less_than" in falling
    down = "less_than" in rising or "more_than" in falling
    if up and not down:
        return "more_than"
    if down and not up:
        return "less_than"
    if up or "about" in rising or "about" in falling:
        return "about"
    return "exact"


def parse_derive(rule: str) -> tuple[str, tuple[str, ...]]:
    """'share(a, b)' → ('share', ('a', 'b')); the loader has already checked the syntax."""
    parsed = derive_grammar.parse(rule)
    if parsed is None:
        raise ValueError(f"cannot parse derive rule {rule!r}")
    return parsed.func, parsed.args


def series(ds: Dataset, region: str, indicator: str, as_of: int | None = None) -> list[Observation]:
    """Observed values of one series up to `as_of`, with derived values filling the other years."""
    return _series(ds, region, indicator, as_of, depth=0)


def _series(
    ds: Dataset, region: str, indicator: str, as_of: int | None, depth: int
) -> list[Observation]:
    observed = [o for o in ds.observed(region, indicator) if as_of is None or o.year <= as_of]
    ind = ds.indicators.get(indicator)
    if ind is None or not ind.derive or depth > 5:
        return observed
    func, args = parse_derive(ind.derive)
    inputs = [_series(ds, region, a, as_of, depth + 1) for a in args]
    if func == "share":
        derived = derive_share(region, indicator, inputs[0], inputs[1])
    elif func == "growth":
        derived = derive_growth(region, indicator, inputs[0])
    else:
        derived = derive_index(region, indicator, inputs[0])
    have = {o.year for o in observed}
    merged = observed + [o for o in derived if o.year not in have]
    return sorted(merged, key=lambda o: o.year)


def derive_share(
    region: str, indicator: str, num: list[Observation], den: list[Observation]
) -> list[Observation]:
    """100 · a / b for every year in which both a and b have a value (and b > 0)."""
    by_year = {o.year: o for o in den}
    out = []
    for a in num:
        b = by_year.get(a.year)
        if b is None or b.value <= 0:
            continue
        qualifier = combine_qualifiers([a.qualifier], [b.qualifier])
        note = (
            f"derived: 100 × {a.indicator} / {b.indicator} = 100 × {a.value:g} / {b.value:g}"
            f" (sources {a.source}, {b.source})"
        )
        if qualifier == "about" and {a.qualifier, b.qualifier} & {"more_than", "less_than"}:
            note += "; the inputs are bounds pulling both ways, so the share is only approximate"
        out.append(
            Observation(
                region,
                indicator,
                a.year,
                100.0 * a.value / b.value,
                "derived",
                qualifier,
                a.source,
                note,
                a.breaks or b.breaks,
                (a.indicator, b.indicator),
            )
        )
    return out


def derive_growth(region: str, indicator: str, levels: list[Observation]) -> list[Observation]:
    """Year-on-year % change of a level series, for consecutive years and not across a break."""
    out = []
    for prev, cur in zip(levels, levels[1:], strict=False):
        if cur.year != prev.year + 1 or cur.breaks or prev.value <= 0:
            continue
        note = (
            f"derived: 100 × ({cur.value:g} / {prev.value:g} − 1) from {cur.indicator}"
            f" {prev.year}–{cur.year}"
        )
        out.append(
            Observation(
                region,
                indicator,
                cur.year,
                100.0 * (cur.value / prev.value - 1.0),
                "derived",
                combine_qualifiers([cur.qualifier], [prev.qualifier]),
                cur.source,
                note,
                False,
                (cur.indicator,),
            )
        )
    return out


def derive_index(region: str, indicator: str, growths: list[Observation]) -> list[Observation]:
    """Chained index (first year = 100) from year-on-year growths.

    The year before the first growth is 100. A gap in the growths, or a break, starts a new
    chain at 100 marked as a break, so no trend is computed across it. A bound among the
    growths of a chain makes the later index values bounds too.
    """
    out: list[Observation] = []
    level: float | None = None
    prev_year: int | None = None
    chain: list[str] = []  # qualifiers of the growths chained so far

    def make(year: int, value: float, qualifier: str, g: Observation, note: str, brk: bool):
        return Observation(
            region,
            indicator,
            year,
            value,
            "derived",
            qualifier,
            g.source,
            note,
            brk,
            (g.indicator,),
        )

    for g in growths:
        step = f"derived: previous year × (1 + {g.value:g} %) from {g.indicator} {g.year}"
        contiguous = level is not None and prev_year is not None and g.year == prev_year + 1
        if contiguous and not g.breaks:
            level = level * (1.0 + g.value / 100.0)
            chain.append(g.qualifier)
            out.append(make(g.year, level, combine_qualifiers(chain, []), g, step, False))
        elif contiguous:  # a break: restart at 100 in this year, the growth across it is not used
            level, chain = 100.0, []
            note = f"derived: new chained index from {g.indicator} after a break, {g.year} = 100"
            out.append(make(g.year, level, "exact", g, note, True))
        else:  # first growth, or the first after a gap: the year before it is 100
            restart = level is not None
            note = f"derived: chained index from {g.indicator}, {g.year - 1} = 100" + (
                " (new chain after a gap in the growth series)" if restart else ""
            )
            out.append(make(g.year - 1, 100.0, "exact", g, note, restart))
            level, chain = 100.0 * (1.0 + g.value / 100.0), [g.qualifier]
            out.append(make(g.year, level, combine_qualifiers(chain, []), g, step, False))
        prev_year = g.year
    return out
