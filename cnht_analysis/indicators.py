"""Derived series: a share from two counts, growth from levels, a chained index from growths."""

from __future__ import annotations

from collections.abc import Callable

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
    names = _namer(ds)
    if func == "share":
        derived = derive_share(region, indicator, inputs[0], inputs[1], names)
    elif func == "growth":
        derived = derive_growth(region, indicator, inputs[0], names)
    else:
        derived = derive_index(region, indicator, inputs[0], names)
    have = {o.year for o in observed}
    merged = observed + [o for o in derived if o.year not in have]
    return sorted(merged, key=lambda o: o.year)


Names = Callable[[str, str], str]  # (indicator id, lang) → the name a note uses


def _namer(ds: Dataset) -> Names:
    """Indicator names for the notes of derived values (a reader never sees an id)."""

    known: dict[tuple[str, str], str] = {}  # one note per derived value: names repeat

    def name(indicator: str, lang: str) -> str:
        key = (indicator, lang)
        if key not in known:
            ind = ds.indicators.get(indicator)
            text = indicator if ind is None else ind.name(lang)
            if ind is not None and not text[1:2].isupper():  # "DN" stays
                text = text[:1].lower() + text[1:]
            known[key] = text
        return known[key]

    return name


def _ids(indicator: str, lang: str) -> str:
    return indicator


_VI_MARKS = str.maketrans({",": ".", ".": ","})


def _num(x: float, lang: str) -> str:
    """A number of a derived value's note in the reader's form (en 1,200.5; vi 1.200,5); plain
    string formatting, as this runs once per derived value of a possibly large data set."""
    text = f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"
    return text.translate(_VI_MARKS) if lang == "vi" else text


def _cites(*sources: str) -> str:
    ids = [s for s in dict.fromkeys(sources) if s]
    return f" [{', '.join(ids)}]" if ids else ""


def derive_share(
    region: str,
    indicator: str,
    num: list[Observation],
    den: list[Observation],
    names: Names = _ids,
) -> list[Observation]:
    """100 · a / b for every year in which both a and b have a value (and b > 0)."""
    by_year = {o.year: o for o in den}
    out = []
    for a in num:
        b = by_year.get(a.year)
        if b is None or b.value <= 0:
            continue
        qualifier = combine_qualifiers([a.qualifier], [b.qualifier])
        cites = _cites(a.source, b.source)
        note = (
            f"derived: 100 × {names(a.indicator, 'en')} / {names(b.indicator, 'en')} = "
            f"100 × {_num(a.value, 'en')} / {_num(b.value, 'en')}{cites}"
        )
        note_vi = (
            f"số suy ra: 100 × {names(a.indicator, 'vi')} / {names(b.indicator, 'vi')} = "
            f"100 × {_num(a.value, 'vi')} / {_num(b.value, 'vi')}{cites}"
        )
        if qualifier == "about" and {a.qualifier, b.qualifier} & {"more_than", "less_than"}:
            note += "; the inputs are bounds pulling both ways, so the share is only approximate"
            note_vi += (
                "; các số đầu vào là giới hạn theo hai chiều ngược nhau nên tỷ lệ chỉ gần đúng"
            )
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
                note_vi,
            )
        )
    return out


def derive_growth(
    region: str, indicator: str, levels: list[Observation], names: Names = _ids
) -> list[Observation]:
    """Year-on-year % change of a level series, for consecutive years and not across a break."""
    out = []
    for prev, cur in zip(levels, levels[1:], strict=False):
        if cur.year != prev.year + 1 or cur.breaks or prev.value <= 0:
            continue
        cites = _cites(cur.source, prev.source)
        note = (
            f"derived: 100 × ({_num(cur.value, 'en')} / {_num(prev.value, 'en')} − 1) from "
            f"{names(cur.indicator, 'en')} {prev.year}–{cur.year}{cites}"
        )
        note_vi = (
            f"số suy ra: 100 × ({_num(cur.value, 'vi')} / {_num(prev.value, 'vi')} − 1) từ "
            f"{names(cur.indicator, 'vi')} năm {prev.year}–{cur.year}{cites}"
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
                note_vi,
            )
        )
    return out


def derive_index(
    region: str, indicator: str, growths: list[Observation], names: Names = _ids
) -> list[Observation]:
    """Chained index (first year = 100) from year-on-year growths.

    The year before the first growth is 100. A gap in the growths, or a break, starts a new
    chain at 100 marked as a break, so no trend is computed across it. A bound among the
    growths of a chain makes the later index values bounds too.
    """
    out: list[Observation] = []
    level: float | None = None
    prev_year: int | None = None
    chain: list[str] = []  # qualifiers of the growths chained so far

    def make(
        year: int, value: float, qualifier: str, g: Observation, notes: tuple[str, str], brk: bool
    ) -> Observation:
        note, note_vi = notes
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
            note_vi,
        )

    for g in growths:
        en, vi = names(g.indicator, "en"), names(g.indicator, "vi")
        cites = _cites(g.source)
        step = (
            f"derived: previous year × (1 + {_num(g.value, 'en')} %) from {en} {g.year}{cites}",
            f"số suy ra: năm trước × (1 + {_num(g.value, 'vi')} %) theo {vi} năm {g.year}{cites}",
        )
        contiguous = level is not None and prev_year is not None and g.year == prev_year + 1
        if contiguous and not g.breaks:
            level = level * (1.0 + g.value / 100.0)
            chain.append(g.qualifier)
            out.append(make(g.year, level, combine_qualifiers(chain, []), g, step, False))
        elif contiguous:  # a break: restart at 100 in this year, the growth across it is not used
            level, chain = 100.0, []
            notes = (
                f"derived: new chained index from {en} after a break, {g.year} = 100{cites}",
                f"số suy ra: chuỗi chỉ số mới theo {vi} sau lần thay đổi định nghĩa, "
                f"năm {g.year} = 100{cites}",
            )
            out.append(make(g.year, level, "exact", g, notes, True))
        else:  # first growth, or the first after a gap: the year before it is 100
            restart = level is not None
            notes = (
                f"derived: chained index from {en}, {g.year - 1} = 100"
                + (" (new chain after a gap in the growth series)" if restart else "")
                + cites,
                f"số suy ra: chỉ số nối chuỗi theo {vi}, năm {g.year - 1} = 100"
                + (" (chuỗi mới sau một năm thiếu số liệu tăng trưởng)" if restart else "")
                + cites,
            )
            out.append(make(g.year - 1, 100.0, "exact", g, notes, restart))
            level, chain = 100.0 * (1.0 + g.value / 100.0), [g.qualifier]
            out.append(make(g.year, level, combine_qualifiers(chain, []), g, step, False))
        prev_year = g.year
    return out


def derived_out_of_bounds(ds: Dataset) -> list[tuple[Observation, list[Observation], str]]:
    """Derived values outside their indicator's `min`/`max` (a typed extra zero that makes a
    share 320 %): each with the observed inputs it came from and the bound it breaks."""
    found = []
    regions = sorted({o.region for o in ds.observations})
    for ind in ds.indicators.values():
        if not ind.derive or (ind.min is None and ind.max is None):
            continue
        func, args = parse_derive(ind.derive)
        for region in regions:
            observed_years = {o.year for o in ds.observed(region, ind.id)}
            for o in series(ds, region, ind.id, None):
                if o.status != "derived" or o.year in observed_years:
                    continue
                low = ind.min is not None and o.value < ind.min
                high = ind.max is not None and o.value > ind.max
                if not (low or high):
                    continue
                inputs = [
                    i
                    for a in args
                    for i in ds.observed(region, a)
                    if i.year == o.year or (func != "share" and i.year < o.year)
                ]
                bound = f"at least {ind.min:g}" if low else f"at most {ind.max:g}"
                found.append((o, inputs, bound))
    return found
