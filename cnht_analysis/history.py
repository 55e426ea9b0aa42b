"""How the verdicts moved: every target assessed as of each year, and what changed since last year.

A target is assessed from its programme's base year on (before that the programme did not
exist). Each as-of year sees only the data up to that year, exactly as `cnht assess --as-of`.
`changes_since` compares two as-of years and says why a verdict moved: new data (observations
for years after the previous as-of year), a revised figure (only detectable against a copy of
the earlier data directory), the target year having arrived (the ex-post rule now applies), or
a manual override.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .assess import (
    Assessment,
    SeriesCache,
    assess_target,
    check_region,
    default_as_of,
    table_csv,
)
from .errors import UsageError
from .models import Dataset, Observation, Target
from .results import Results, assessed_from, region_targets
from .status import ORDER, STATUSES
from .status import colour as status_colour
from .text import (
    check_lang,
    fmt_number,
    fmt_value,
    indicator_name,
    nfc,
    status_label,
    status_symbol,
    ui,
    value_phrase,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .plots import Chart

DIRECTIONS = ("improved", "worsened", "unchanged", "not_comparable", "new")

# `cnht history --format csv`: one row per target and as-of year.
HISTORY_COLUMNS = (
    "target_id",
    "as_of",
    "status",
    "ratio",
    "p_attain",
    "flags",
    "programme",
    "indicator",
    "target_year",
    "computed_status",
    "latest_year",
    "latest_value",
    "cagr_actual_pct",
    "cagr_required_pct",
    "likelihood",
    "n_obs",
)


# --- the history ---------------------------------------------------------------------------


def default_years(
    ds: Dataset, region: str, from_year: int | None = None, to_year: int | None = None
) -> list[int]:
    """The as-of years of `cnht history`: from the earliest programme base year to the default."""
    check_region(ds, region)
    if from_year is None:
        bases = [assessed_from(ds, t) for t in region_targets(ds, region)]
        if not bases:
            raise UsageError(f"--region: region '{region}' has no targets to assess")
        from_year = min(bases)
    if to_year is None:
        to_year = default_as_of(ds, region)
    if from_year > to_year:
        raise UsageError(f"--from: {from_year} is after --to {to_year} — expected FROM ≤ TO")
    return list(range(from_year, to_year + 1))


def status_history(ds: Dataset, region: str, years: Sequence[int]) -> list[Assessment]:
    """Every target of the region assessed as of each year (from its programme's base year),
    read from a results object as of the last year (`Results.status_history`)."""
    check_region(ds, region)
    if not years:
        return []
    return Results.build(ds, region, max(years)).status_history(years)


def history_csv(results: list[Assessment]) -> str:
    """The history as CSV text (HISTORY_COLUMNS, one row per target and as-of year)."""
    rows = ({**a.row(), "computed_status": a.computed_status} for a in results)
    return table_csv(rows, HISTORY_COLUMNS)


def _runs(items: list[Assessment]) -> list[tuple[int, int, str, bool]]:
    """Consecutive as-of years with the same status: (first, last, status, manual)."""
    out: list[tuple[int, int, str, bool]] = []
    for a in items:
        manual = bool(a.override_reason)
        if out and out[-1][2] == a.status and out[-1][3] == manual and out[-1][1] == a.as_of - 1:
            out[-1] = (out[-1][0], a.as_of, a.status, manual)
        else:
            out.append((a.as_of, a.as_of, a.status, manual))
    return out


def history_table(ds: Dataset, region: str, results: list[Assessment], lang: str) -> str:
    """A plain-text table: per target, the runs of as-of years with the same status."""
    by_target: dict[str, list[Assessment]] = {}
    for a in results:
        by_target.setdefault(a.target.id, []).append(a)
    rows = [(ui("col_target", lang), ui("col_year", lang), ui("col_runs", lang))]
    manual = False
    for t in region_targets(ds, region):
        items = by_target.get(t.id, [])
        if not items:
            continue
        parts = []
        for y0, y1, status, is_manual in _runs(items):
            span = str(y0) if y0 == y1 else f"{y0}–{y1}"
            parts.append(f"{span}: {status_label(status, lang)}" + (" *" if is_manual else ""))
            manual = manual or is_manual
        rows.append((t.id, str(t.year), " · ".join(parts)))
    years = sorted({a.as_of for a in results})
    y0, y1 = (years[0], years[-1]) if years else ("", "")
    title = ui("history_title", lang, region=ds.region_name(region, lang), y0=y0, y1=y1)
    widths = [max(len(r[i]) for r in rows) for i in range(2)]
    lines = [f"{r[0].ljust(widths[0])}  {r[1].ljust(widths[1])}  {r[2]}".rstrip() for r in rows]
    lines.insert(1, f"{'-' * widths[0]}  {'-' * widths[1]}  {'-' * len(rows[0][2])}")
    if manual:
        lines.append(ui("override_note", lang))
    return title + "\n" + "\n".join(lines) + "\n"


def history_command(
    data_dir: Path | None,
    region: str,
    from_year: int | None,
    to_year: int | None,
    fmt: str,
    lang: str,
) -> str:
    """What `cnht history` prints."""
    from .load import load_dataset

    check_lang(lang)
    ds = load_dataset(data_dir)
    years = default_years(ds, region, from_year, to_year)
    results = Results.build(ds, region, years[-1]).status_history(years)
    if fmt == "csv":
        return history_csv(results)
    return history_table(ds, region, results, lang)


# --- what changed since last year ----------------------------------------------------------


@dataclass(frozen=True)
class Revision:
    """A figure for a year up to the previous as-of year that differs from the earlier data."""

    year: int
    old: Observation | None
    new: Observation | None


@dataclass
class Change:
    """How one target's verdict moved between two as-of years, and why."""

    target: Target
    previous: Assessment | None  # None when the target was not yet set in the previous year
    current: Assessment
    direction: str  # one of DIRECTIONS
    reasons: list[str] = field(default_factory=list)  # new_data, revised, target_year, override
    new_data: list[Observation] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    revisions_checked: bool = False  # True when compared against the earlier data directory


def compare_statuses(previous: str, current: str) -> str:
    """'improved', 'worsened', 'unchanged' or 'not_comparable' (one side unable to assess)."""
    if previous == current:
        return "unchanged"
    old, new = (STATUSES[c].rank if c in STATUSES else None for c in (previous, current))
    if old is None or new is None:
        return "not_comparable"
    if new == old:  # the method ranks achieved = on track and moving away = missed
        return "unchanged"
    return "improved" if new > old else "worsened"


def _same_figure(a: Observation, b: Observation) -> bool:
    return (a.value, a.qualifier, a.status) == (b.value, b.qualifier, b.status)


def _explain(change: Change, previous_year: int) -> None:
    prev, cur = change.previous, change.current
    if prev is None:
        return
    known = {o.year: o for o in prev.observations}
    change.new_data = [o for o in cur.observations if o.year > previous_year or o.year not in known]
    if change.new_data:
        change.reasons.append("new_data")
    if change.revisions_checked:
        now = {o.year: o for o in cur.observations}
        for year in sorted(set(known) | set(now)):
            if year > previous_year:
                continue
            old, new = known.get(year), now.get(year)
            if old is not None and (new is None or not _same_figure(old, new)):
                change.revisions.append(Revision(year, old, new))
        if change.revisions:
            change.reasons.append("revised")
    if prev.as_of < change.target.year <= cur.as_of:
        change.reasons.append("target_year")
    if "manual_override" in prev.flags or "manual_override" in cur.flags:
        change.reasons.append("override")


def changes_since(
    ds: Dataset,
    region: str,
    as_of: int,
    previous: int | None = None,
    previous_data_dir: Path | str | Dataset | None = None,
) -> list[Change]:
    """Each target's verdict as of `as_of` against `previous` (default the year before), and why.

    With `previous_data_dir` (a copy of the data the earlier report used, or its Dataset) the
    previous verdicts are computed on those data and revised figures are detected; without it
    both years are assessed on `ds` and a revision cannot be told apart from the files alone.
    """
    check_region(ds, region)
    previous = as_of - 1 if previous is None else previous
    if previous >= as_of:
        raise UsageError(f"previous year {previous} is not before the as-of year {as_of}")
    if previous_data_dir is None:
        ds_prev = ds
    elif isinstance(previous_data_dir, Dataset):
        ds_prev = previous_data_dir
    else:
        from .load import load_dataset

        ds_prev = load_dataset(previous_data_dir)
    checked = ds_prev is not ds
    cache_now, cache_prev = SeriesCache(), SeriesCache()
    prev_targets = {t.id: t for t in ds_prev.targets}
    out: list[Change] = []
    for t in region_targets(ds, region):
        if as_of < assessed_from(ds, t):
            continue  # not set yet (an outlook programme): nothing to compare
        current = assess_target(ds, t, as_of, cache_now)
        earlier = prev_targets.get(t.id)
        prev_a = None
        if earlier is not None and earlier.programme in ds_prev.programmes:
            if previous >= assessed_from(ds_prev, earlier):
                prev_a = assess_target(ds_prev, earlier, previous, cache_prev)
        if prev_a is None:
            out.append(Change(t, None, current, "new", revisions_checked=checked))
            continue
        change = Change(t, prev_a, current, compare_statuses(prev_a.status, current.status))
        change.revisions_checked = checked
        _explain(change, previous)
        out.append(change)
    return out


# --- the report's sentences ----------------------------------------------------------------


def target_label(ds: Dataset, t: Target, lang: str) -> str:
    """A target as a reader names it: indicator and target year."""
    return ui("label", lang, name=indicator_name(ds.indicators[t.indicator], lang), year=t.year)


def _why(ds: Dataset, c: Change, lang: str) -> str:
    unit = ds.indicators[c.target.indicator].unit
    parts = []
    if "new_data" in c.reasons:
        items = [
            f"{value_phrase(o, unit, lang)} {ui('in_year', lang, year=o.year)}" for o in c.new_data
        ]
        parts.append(ui("why_new_data", lang, items=", ".join(items)))
    if "revised" in c.reasons:
        items = []
        for r in c.revisions:
            old = fmt_value(r.old.value, unit, lang) if r.old else "–"
            if r.new is None:
                items.append(ui("revision_dropped", lang, year=r.year, old=old))
            else:
                new = value_phrase(r.new, unit, lang)
                items.append(ui("revision", lang, year=r.year, old=old, new=new))
        parts.append(ui("why_revised", lang, items=", ".join(items)))
    if "target_year" in c.reasons:
        has_t = any(o.year == c.target.year for o in c.current.observations)
        if c.target.is_growth:
            window = c.target.window or (c.target.year, c.target.year)
            seen = {y for y, _ in c.current.window_observed}
            has_t = all(y in seen for y in range(window[0], window[1] + 1))
        key = "why_target_year" if has_t else "why_target_year_no_data"
        parts.append(ui(key, lang, year=c.target.year))
    if "override" in c.reasons:
        reason = c.current.override_reason or (c.previous.override_reason if c.previous else "")
        parts.append(ui("why_override", lang) + (f": {nfc(reason)}" if reason else ""))
    if not parts:
        parts.append(ui("why_none", lang))
    return "; ".join(parts)


def since_last_year_text(
    ds: Dataset,
    region: str,
    as_of: int,
    lang: str,
    previous: int | None = None,
    previous_data_dir: Path | str | Dataset | None = None,
) -> list[str]:
    """The report's "since last year" part as sentences in `lang` (numbers by Babel)."""
    check_lang(lang)
    changes = changes_since(ds, region, as_of, previous, previous_data_dir)
    prev_year = as_of - 1 if previous is None else previous
    counts = {d: sum(c.direction == d for c in changes) for d in DIRECTIONS}
    parts = [
        ui(f"n_{d}", lang, n=fmt_number(counts[d], lang))
        for d in DIRECTIONS
        if counts[d] or d in ("improved", "worsened")
    ]
    summary = ui("summary", lang, prev=prev_year, parts=", ".join(parts))
    out = [summary]
    for direction in ("improved", "worsened", "not_comparable"):
        for c in changes:
            if c.direction != direction or c.previous is None:
                continue
            out.append(
                ui(
                    direction,
                    lang,
                    label=target_label(ds, c.target, lang),
                    old=status_label(c.previous.status, lang),
                    new=status_label(c.current.status, lang),
                    why=_why(ds, c, lang),
                )
            )
    if not counts["improved"] and not counts["worsened"] and not counts["not_comparable"]:
        out.append(ui("nothing_moved", lang))
    new = [c for c in changes if c.direction == "new"]
    if new:
        labels = "; ".join(
            f"{target_label(ds, c.target, lang)}: {status_label(c.current.status, lang)}"
            for c in new
        )
        out.append(ui("new_targets", lang, labels=labels))
    if not any(c.revisions_checked for c in changes):
        out.append(ui("revisions_unknown", lang, prev=prev_year))
    return out


# --- the chart -----------------------------------------------------------------------------


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plot_status_history(
    ds: Dataset,
    region: str,
    years: Sequence[int],
    lang: str,
    targets: Sequence[str] | None = None,
) -> Figure:
    """A grid of targets × as-of years coloured by status, with a symbol in every cell."""
    check_lang(lang)
    return build_status_history_chart(ds, region, years, targets).label(lang)


def _symbol_marker(symbol: str) -> object:
    """A status symbol as a marker path in the charts' font, centred on its cell."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.path import Path as MplPath
    from matplotlib.textpath import TextPath

    from .plots import FONT

    path = TextPath((0, 0), symbol, size=10, prop=FontProperties(family=FONT))
    box = path.get_extents()
    return MplPath(path.vertices - [box.x0 + box.width / 2, box.y0 + box.height / 2], path.codes)


def grid_rows(
    ds: Dataset,
    region: str,
    years: Sequence[int],
    results: list[Assessment],
    targets: Sequence[str] | None = None,
) -> tuple[list[tuple[str, Target | None]], dict[tuple[str, int], Assessment], list[int]]:
    """The status-by-year grid's rows, cells and columns (the chart's and the page's table):
    rows are (programme id, None) for a programme's heading, then (target id, target) for each
    of its targets assessed in at least one of the years; cells by (target id, as-of year)."""
    chosen = [t for t in region_targets(ds, region) if targets is None or t.id in targets]
    cells = {(a.target.id, a.as_of): a for a in results}
    cols = sorted(set(years))
    shown = [t for t in chosen if any((t.id, y) in cells for y in cols)]
    rows: list[tuple[str, Target | None]] = []
    for i, t in enumerate(shown):
        if i == 0 or shown[i - 1].programme != t.programme:
            rows.append((t.programme, None))
        rows.append((t.id, t))
    return rows, cells, cols


@dataclass(frozen=True)
class GridLine:
    """One line of the status-by-year table in a language: a programme's heading (`cells`
    empty), or a target's name and year with its assessment per as-of year (None: none)."""

    heading: str | None
    name: str = ""
    cells: tuple[tuple[int, Assessment | None, bool], ...] = ()  # (year, assessment, framed)


def grid_lines(
    ds: Dataset, region: str, years: Sequence[int], results: list[Assessment], lang: str
) -> tuple[list[GridLine], list[int]]:
    """The status-by-year table's lines and columns in `lang`, as the page and the Word draft
    show it (`grid_rows` in words; a cell is framed in the target's own year)."""
    rows, cells, cols = grid_rows(ds, region, years, results)
    lines = []
    for key, t in rows:
        if t is None:
            lines.append(GridLine(nfc(ds.programmes[key].name(lang))))
            continue
        name = indicator_name(ds.indicators[t.indicator], lang)
        row = tuple((y, cells.get((t.id, y)), y == t.year) for y in cols)
        lines.append(GridLine(None, nfc(f"{name} — {t.year}"), row))
    return lines, cols


def build_status_history_chart(
    ds: Dataset,
    region: str,
    years: Sequence[int],
    targets: Sequence[str] | None = None,
    results: list[Assessment] | None = None,
) -> Chart:
    """The status grid, ready to be labelled in each language (`results`: status_history's)."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch, Rectangle
    from matplotlib.transforms import blended_transform_factory

    from .plots import Chart, chart_style, safe_text

    if results is None:
        results = status_history(ds, region, years)
    rows, cells, cols = grid_rows(ds, region, years, results, targets)

    headings = []  # (text artist, programme id): the language's programme names
    symbols: dict[str, list[tuple[int, int]]] = {}  # status symbol -> cells (column, row)
    with chart_style():
        height = 0.2 * len(rows) + 1.5
        width = 3.6 + 0.42 * len(cols)
        fig = Figure(figsize=(max(6.0, width), height), layout="constrained")
        ax = fig.add_subplot()
        # Programme headings start at the figure's left edge and run across the empty row.
        heading_at = blended_transform_factory(fig.transFigure, ax.transData)
        n = len(rows)
        for i, (key, t) in enumerate(rows):
            y = n - 1 - i
            if t is None:
                heading = ax.text(
                    0.01,
                    y,
                    "",
                    ha="left",
                    va="center",
                    fontsize=7.5,
                    fontweight="bold",
                    transform=heading_at,
                    clip_on=False,
                    in_layout=False,
                )
                headings.append((heading, key))
                continue
            for j, year in enumerate(cols):
                a = cells.get((t.id, year))
                if a is None:
                    continue
                colour = status_colour(a.status)
                frame = year == t.year
                ax.add_patch(
                    Rectangle(
                        (j - 0.45, y - 0.4),
                        0.9,
                        0.8,
                        facecolor=colour,
                        edgecolor="black" if frame else "white",
                        linewidth=1.6 if frame else 0.5,
                    )
                )
                symbols.setdefault(status_symbol(a.status), []).append((j, y))
        # the symbol in every cell as a marker: one path per shape, drawn in one call per
        # shape (a text per cell would be laid out and rasterised glyph by glyph)
        for symbol, points in symbols.items():
            xs, ys = zip(*points, strict=True)
            dots = ax.scatter(
                xs,
                ys,
                marker=_symbol_marker(symbol),
                s=30,
                c="black",
                linewidths=0,
                zorder=3,
                in_layout=False,
            )
            dots.set_gid(symbol)  # which symbol, for tests and SVG readers
        ax.set_xlim(-0.6, len(cols) - 0.4)
        ax.set_ylim(-0.6, n - 0.4)
        ax.set_xticks(range(len(cols)), [str(y) for y in cols])
        ax.xaxis.tick_top()
        ax.xaxis.set_label_position("top")
        for side in ("top", "right", "bottom", "left"):
            ax.spines[side].set_visible(False)
    ticks = [n - 1 - i for i, (_, t) in enumerate(rows) if t is not None]
    listed = [t for _, t in rows if t is not None]

    def set_texts(lang: str) -> None:
        for heading, programme in headings:
            heading.set_text(safe_text(_short(ds.programmes[programme].name(lang), 100)))
        ax.set_xlabel(ui("chart_xlabel", lang))
        labels = []
        for t in listed:
            name = indicator_name(ds.indicators[t.indicator], lang)
            labels.append(safe_text(f"{_short(name, 46)} — {t.year}"))
        ax.set_yticks(ticks, labels, fontsize=7.5)
        ax.tick_params(length=0)
        handles = [
            Patch(
                facecolor=status_colour(s),
                edgecolor="white",
                label=f"{status_symbol(s)} {status_label(s, lang)}",
            )
            for s in ORDER
        ]
        handles.append(
            Patch(
                facecolor="white",
                edgecolor="black",
                linewidth=1.6,
                label=ui("chart_target_year", lang),
            )
        )
        for old in list(fig.legends):  # the legend of the previous language
            old.remove()
        fig.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=7.5, frameon=False)
        fig.suptitle(ui("chart_title", lang), fontsize=10.5)

    return Chart(fig, [set_texts])
