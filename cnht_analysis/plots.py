"""Charts of one indicator: observations by status, targets, forecast fans and context series.

Figures are built with `matplotlib.figure.Figure` (no pyplot state), in DejaVu Sans, with
mathtext switched off so that a `$` in the data is shown as a dollar sign and never parsed.
Colours are Okabe–Ito (colour-blind safe); every status also has a shape and every series a
marker, so the charts read in grayscale.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from . import words
from .indicators import series
from .status import colour as status_colour
from .text import (
    fmt_tick,
    indicator_name,
    model_label,
    nfc,
    ui,
    unit_label,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from .assess import Assessment
    from .forecast import ForecastPath
    from .models import Dataset, Observation

DPI = 110
FIGSIZE = (6.4, 4.3)
TITLE_CHARS = 52  # characters of a title line at 13 pt in FIGSIZE[0]
LABEL_SIZE = 10  # value labels beside observed points
FONT = "DejaVu Sans"

# Okabe & Ito (2008), the palette for readers with any colour vision.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#BBBBBB",
}

SERIES_COLOUR = OKABE_ITO["blue"]
CONTEXT_COLOUR = "#777777"
FAN_COLOUR = OKABE_ITO["blue"]

# How each observation status and bound is drawn: (marker, fill style).
OBS_STYLE = {
    "actual": ("o", "full"),
    "preliminary": ("o", "bottom"),
    "estimate": ("o", "none"),
    "derived": ("D", "none"),
}
BOUND_MARKERS = {"more_than": "^", "less_than": "v"}
# The label of an artist whose legend text is set per language (a leading "_" keeps it out of
# the legend until then).
_UNSET = "_unlabelled"

RC = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "text.parse_math": False,
    "text.usetex": False,
    "axes.unicode_minus": True,
    "svg.fonttype": "path",
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "axes.spines.top": False,
    "axes.spines.right": False,
    # large enough to read when the HTML scales the chart to a 412 px phone (about 0.6x)
    "axes.titlesize": 13,
    "axes.titley": 1.0,
    "axes.labelsize": 11.5,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 10.5,
}


@contextmanager
def chart_style() -> Iterator[None]:
    """matplotlib settings for our charts: DejaVu Sans, no mathtext, sane dpi."""
    import matplotlib

    with matplotlib.rc_context(RC):
        yield


def safe_text(text: str) -> str:
    """Data text for a chart: NFC, control characters removed (mathtext is off in our style)."""
    return "".join(ch for ch in nfc(str(text)) if ch.isprintable() or ch == "\n")


def context_indicators(ds: Dataset, region: str, indicator: str) -> list[str]:
    """Context series for an indicator: those whose `context_for` names it, observed here."""
    return [
        c
        for c, ind in ds.indicators.items()
        if c != indicator and indicator in ind.context_for and series(ds, region, c)
    ]


def old_definition(obs: list[Observation]) -> list[Observation]:
    """Observations of an old definition: before the latest series break."""
    breaks = [o.year for o in obs if o.breaks]
    return [o for o in obs if breaks and o.year < max(breaks)]


def value_text(x: float, unit: str, lang: str) -> str:
    """A point's value label in the reader's number format (vi 1.020 / 16,5)."""
    from .text import fmt_number

    whole = unit in ("count", "ha", "bn_vnd") or abs(x) >= 100
    return fmt_number(x, lang, 0 if whole else 1)


def no_chart_sentence(
    ds: Dataset, region: str, indicator: str, lang: str, as_of: int | None = None
) -> str | None:
    """A sentence to write instead of an empty chart; None when there is something to draw."""
    if series(ds, region, indicator, as_of):
        return None
    if any(series(ds, region, c, as_of) for c in context_indicators(ds, region, indicator)):
        return None
    return words.t("chart.no_chart", lang, year=as_of if as_of is not None else "")


def indicators_with_targets(ds: Dataset, results: list[Assessment]) -> list[str]:
    """Indicators that have at least one target in `results`, in order of first appearance."""
    seen: list[str] = []
    for a in results:
        if a.target.indicator not in seen and a.target.indicator in ds.indicators:
            seen.append(a.target.indicator)
    return seen


def fan_assessment(results: list[Assessment]) -> Assessment | None:
    """The assessment whose forecast is drawn: one with a probability, latest target year."""
    with_paths = [a for a in results if a.p_attain is not None and a.paths]
    if not with_paths:
        return None
    return max(with_paths, key=lambda a: (a.target.year, a.target.id))


def central_path(a: Assessment) -> ForecastPath | None:
    """The path of the model whose probability is the median (closest to p_attain)."""
    fitted = [m for m in a.models if m.fitted and m.path is not None]
    if not fitted or a.p_attain is None:
        return None
    best = min(fitted, key=lambda m: abs((m.p or 0.0) - a.p_attain))
    return best.path


def _obs_label_key(o: Observation) -> str:
    if o.qualifier in BOUND_MARKERS:
        return f"obs_{o.qualifier}"
    return f"obs_{o.status}"


def runs(obs: list[Observation]) -> list[list[Observation]]:
    """Consecutive years of one definition: a line may join them, never a gap or a break."""
    out: list[list[Observation]] = []
    for o in obs:
        if out and not o.breaks and o.year == out[-1][-1].year + 1:
            out[-1].append(o)
        else:
            out.append([o])
    return out


Labeller = Callable[[str], None]


class Chart:
    """A chart built once and labelled in any language (`label(lang)` returns its figure).

    Only texts depend on the language (legend, title, axis titles, tick numbers, notes), so a
    report in two languages builds each chart once and relabels it for the second language;
    the figure is then the one `indicator_chart` builds for that language directly, to the pixel.
    """

    def __init__(self, fig: Figure, labellers: list[Labeller]) -> None:
        self.fig = fig
        self._labellers = labellers
        # the layout engine starts from where the last draw left the axes: start each
        # language from the same place, so a relabelled chart is the directly built one
        self._start = [ax.get_position(original=True).frozen() for ax in fig.axes]

    def label(self, lang: str) -> Figure:
        """Set every language-dependent text of the chart to `lang`; the figure."""
        with chart_style():
            for ax, box in zip(self.fig.axes, self._start, strict=True):
                ax._set_position(box)  # the public one takes it out of the layout
            for set_texts in self._labellers:
                set_texts(lang)
        return self.fig


def _label_values(ax: Axes, obs: list[Observation], unit: str, labels: list[Labeller]) -> None:
    """A value label above each observed point, in the reader's number format."""
    texts = []
    for o in obs:
        bound = o.qualifier in BOUND_MARKERS  # its arrow is above: the label goes beside it
        t = ax.annotate(
            "",
            (o.year, o.value),
            xytext=(8, -2) if bound else (0, 8),
            textcoords="offset points",
            ha="left" if bound else "center",
            va="top" if bound else "bottom",
            fontsize=LABEL_SIZE,
            color="#1a1a1a",
            zorder=8,
        )
        texts.append((t, o.value))

    def set_texts(lang: str) -> None:
        for t, v in texts:
            t.set_text(value_text(v, unit, lang))

    labels.append(set_texts)


def _mark_old_definition(ax: Axes, obs: list[Observation], labels: list[Labeller]) -> None:
    old = old_definition(obs)
    if not old:
        return
    (ring,) = ax.plot(
        [o.year for o in old],
        [o.value for o in old],
        linestyle="none",
        marker="o",
        markersize=13,
        fillstyle="none",
        color="#777777",
        markeredgewidth=1.2,
        label=_UNSET,
        zorder=7,
    )
    labels.append(lambda lang: ring.set_label(words.t("chart.old_definition", lang)))


def _plot_observations(ax: Axes, obs: list[Observation], labels: list[Labeller]) -> None:
    for r in runs(obs):
        if len(r) > 1:
            ax.plot(
                [o.year for o in r],
                [o.value for o in r],
                color=SERIES_COLOUR,
                lw=1.2,
                alpha=0.6,
                zorder=6,
            )
    groups: dict[str, list[Observation]] = {}
    for o in obs:
        groups.setdefault(_obs_label_key(o), []).append(o)
    for key in (
        "obs_actual",
        "obs_preliminary",
        "obs_estimate",
        "obs_derived",
        "obs_more_than",
        "obs_less_than",
    ):
        group = groups.get(key)
        if not group:
            continue
        if key in ("obs_more_than", "obs_less_than"):
            marker, fill, size = BOUND_MARKERS[key[4:]], "full", 9
        else:
            marker, fill = OBS_STYLE[key[4:]]
            size = 7 if marker == "o" else 6.5
        # an open marker is filled with white so it stays visible on top of a target star
        face = "white" if fill == "none" else SERIES_COLOUR
        (line,) = ax.plot(
            [o.year for o in group],
            [o.value for o in group],
            linestyle="none",
            marker=marker,
            markersize=size,
            fillstyle="full" if fill == "none" else fill,
            color=SERIES_COLOUR,
            markerfacecolor=face,
            markerfacecoloralt="white",
            markeredgewidth=1.4,
            label=_UNSET,
            zorder=7,
        )
        labels.append(lambda lang, line=line, key=key: line.set_label(ui(key, lang)))
        if key == "obs_more_than":  # an arrow says "the true value is higher"
            for o in group:
                ax.annotate(
                    "",
                    xy=(o.year, o.value),
                    xytext=(0, 20),
                    textcoords="offset points",
                    arrowprops={"arrowstyle": "<|-", "color": SERIES_COLOUR, "lw": 1.2},
                )


def _plot_fan(
    ax: Axes, a: Assessment, last: Observation | None, growth: bool, labels: list[Labeller]
) -> list[float]:
    path = central_path(a)
    if path is None:
        return []
    years, mean = list(path.years), list(path.mean)
    lo80, hi80, lo95, hi95 = (list(v) for v in (path.lo80, path.hi80, path.lo95, path.hi95))
    if growth and len(years) == 1:  # one future year: a short band, so the fan stays visible
        y = years[0]
        years = [y - 0.3, y + 0.3]
        mean, lo80, hi80, lo95, hi95 = (seq * 2 for seq in (mean, lo80, hi80, lo95, hi95))
    elif last is not None and not growth and years and last.year < years[0]:
        # start the fan at the last observation so it reads as a continuation
        years = [last.year] + years
        for seq in (mean, lo80, hi80, lo95, hi95):
            seq.insert(0, last.value)
    fan95 = ax.fill_between(
        years, lo95, hi95, color=FAN_COLOUR, alpha=0.13, lw=0, label=_UNSET, zorder=1
    )
    fan80 = ax.fill_between(
        years, lo80, hi80, color=FAN_COLOUR, alpha=0.28, lw=0, label=_UNSET, zorder=1
    )
    (centre,) = ax.plot(years, mean, color=FAN_COLOUR, lw=1.3, ls="--", label=_UNSET, zorder=2)

    def set_texts(lang: str) -> None:
        fan95.set_label(ui("fan95", lang))
        fan80.set_label(ui("fan80", lang))
        centre.set_label(ui("forecast_mean", lang, model=model_label(path.model, lang)))

    labels.append(set_texts)
    return lo80 + hi80 + lo95 + hi95


def merge_targets(results: list[Assessment]) -> list[list[Assessment]]:
    """Targets drawn as one star: same year and value (within 1 % of the value's size)."""
    groups: list[list[Assessment]] = []
    for a in sorted(results, key=lambda a: (a.target.year, a.target.value, a.target.id)):
        t = a.target
        for g in groups:
            u = g[0].target
            if u.year == t.year and abs(u.value - t.value) <= 0.01 * max(abs(u.value), 1.0):
                g.append(a)
                break
        else:
            groups.append([a])
    return groups


def _plot_targets(ax: Axes, results: list[Assessment], labels: list[Labeller]) -> list[float]:
    from .text import status_symbol

    values: list[float] = []
    labelled = {"stated": False, "inferred": False}
    for a in results:
        t = a.target
        if t.is_growth and t.window and t.window[0] != t.window[1]:
            ax.hlines(
                t.value,
                t.window[0] - 0.35,
                t.window[1] + 0.35,
                colors="black",
                lw=1,
                linestyles=(0, (4, 2)),
                zorder=3,
            )
        values.append(t.value)
    for group in merge_targets(results):
        t = group[0].target
        colour = status_colour(group[0].status)
        inferred = all(a.target.inferred for a in group)
        kind = "inferred" if inferred else "stated"
        (star,) = ax.plot(
            [t.year],
            [t.value],
            marker="*",
            markersize=14,
            linestyle="none",
            markerfacecolor="white" if inferred else colour,
            markeredgecolor=colour if inferred else "black",
            markeredgewidth=1.8 if inferred else 0.9,
            label=None if labelled[kind] else _UNSET,
            zorder=5,  # under the observed points (zorder 7), which are never hidden
        )
        if not labelled[kind]:
            key = "inferred_target" if inferred else "target_marker"
            labels.append(
                lambda lang, star=star, key=key: star.set_label(
                    words.t("chart.inferred_target", lang)
                    if key == "inferred_target"
                    else ui(key, lang)
                )
            )
        labelled[kind] = True
        # one combined label: the statuses' shapes (the chart reads without colour) and a count
        symbols = "".join(dict.fromkeys(status_symbol(a.status) for a in group))
        text = symbols + (f" ×{len(group)}" if len(group) > 1 else "")
        ax.annotate(
            text,
            (t.year, t.value),
            xytext=(8, -4),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=LABEL_SIZE,
            color="#222222",
            zorder=6,
        )
    return values


def indicator_chart(
    ds: Dataset,
    region: str,
    indicator: str,
    results: list[Assessment],
    lang: str,
    as_of: int | None = None,
) -> Figure:
    """One indicator's chart in `lang`: observations, targets, forecast fan and context series."""
    return build_indicator_chart(ds, region, indicator, results, as_of).label(lang)


def build_indicator_chart(
    ds: Dataset,
    region: str,
    indicator: str,
    results: list[Assessment],
    as_of: int | None = None,
) -> Chart:
    """One indicator's chart, ready to be labelled in each language (see `Chart`)."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ind = ds.indicators[indicator]
    unit = ind.unit
    mine = [a for a in results if a.target.indicator == indicator]
    as_of = as_of if as_of is not None else (mine[0].as_of if mine else None)
    labels: list[Labeller] = []
    with chart_style():
        fig = Figure(figsize=FIGSIZE, layout="constrained")
        ax = fig.add_subplot()
        obs = series(ds, region, indicator, as_of)
        ys: list[float] = [o.value for o in obs]
        xs: list[int] = [o.year for o in obs]
        for c in context_indicators(ds, region, indicator):
            cobs = series(ds, region, c, as_of)
            first = True
            for r in runs(cobs):
                (line,) = ax.plot(
                    [o.year for o in r],
                    [o.value for o in r],
                    color=CONTEXT_COLOUR,
                    lw=1,
                    marker="s",
                    markersize=3.5,
                    ls=":",
                    label=_UNSET if first else None,
                    zorder=1,
                )
                if first:
                    labels.append(
                        lambda lang, line=line, c=c: line.set_label(
                            safe_text(
                                ui("context", lang, name=indicator_name(ds.indicators[c], lang))
                            )
                        )
                    )
                first = False
            ys += [o.value for o in cobs]
            xs += [o.year for o in cobs]
        _plot_observations(ax, obs, labels)
        _mark_old_definition(ax, obs, labels)
        _label_values(ax, obs, unit, labels)
        fan = fan_assessment(mine)
        fan_values = (
            _plot_fan(ax, fan, obs[-1] if obs else None, ind.is_growth, labels) if fan else []
        )
        ys += _plot_targets(ax, mine, labels)
        xs += [a.target.year for a in mine]
        for a in mine:
            if a.target.window:
                xs += list(a.target.window)
        notes: list[tuple[Text, str]] = []  # texts in the language of the chart: (artist, key)
        for o in obs:
            if o.breaks:
                ax.axvline(o.year - 0.5, color="#555555", lw=0.9, ls=":", zorder=1)
                note = ax.annotate(
                    "",
                    (o.year - 0.5, 1),
                    xycoords=("data", "axes fraction"),
                    xytext=(-3, -3),
                    textcoords="offset points",
                    rotation=90,
                    ha="right",
                    va="top",
                    fontsize=7,
                    color="#555555",
                )
                notes.append((note, "break"))
        if fan is not None and fan.paths:
            path = central_path(fan)
            if path is not None:
                xs += list(path.years)
        if not obs:
            note = ax.text(
                0.5,
                0.5,
                "",
                transform=ax.transAxes,
                ha="center",
                va="center",
                fontsize=11,
                color="#555555",
                zorder=8,
                bbox={"boxstyle": "round", "fc": "white", "ec": "#999999"},
            )
            notes.append((note, "no_observations"))
        x_lo, x_hi = (min(xs) - 0.7, max(xs) + 0.9) if xs else (2015, 2030)
        if as_of is not None and as_of + 0.5 < x_hi:
            ax.axvspan(as_of + 0.5, x_hi, color="#000000", alpha=0.05, lw=0, zorder=0)
            wide = x_hi - (as_of + 0.5) >= 2.5
            note = ax.annotate(
                "",
                (x_hi, 0.01),
                xycoords=("data", "axes fraction"),
                xytext=(-3, 3),
                textcoords="offset points",
                ha="right",
                va="bottom",
                rotation=0 if wide else 90,
                fontsize=7,
                color="#555555",
            )
            notes.append((note, "after_as_of"))
        ax.set_xlim(x_lo, x_hi)
        _set_ylim(ax, ys, fan_values, unit)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{int(round(v))}"))
        if ind.is_growth:
            ax.axhline(0, color="#999999", lw=0.6, zorder=0)
        ax.grid(axis="y", color="#dddddd", lw=0.6)

    def set_texts(lang: str) -> None:
        for note, key in notes:
            note.set_text(ui(key, lang))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_tick(v, unit, lang)))
        ax.set_xlabel(ui("axis_year", lang))
        ax.set_ylabel(unit_label(unit, lang))
        title = safe_text(indicator_name(ind, lang))
        region_name = safe_text(ds.region_name(region, lang))
        # wrapped to the figure's width so that no title is ever clipped; a very long name
        # is shortened here (tables keep it whole)
        title_lines = textwrap.wrap(
            f"{region_name}: {title}", TITLE_CHARS, max_lines=4, placeholder=" …"
        )
        ax.set_title("\n".join(title_lines or [""]), loc="left")
        handles, texts = ax.get_legend_handles_labels()
        texts = ["\n".join(textwrap.wrap(lbl, 34, max_lines=3, placeholder=" …")) for lbl in texts]
        for old in list(fig.legends):  # the legend of the previous language
            old.remove()
        if handles:
            fig.legend(handles, texts, loc="outside lower center", ncol=2, frameon=False)
        for text in fig.findobj(lambda artist: hasattr(artist, "set_parse_math")):
            text.set_parse_math(False)

    labels.append(set_texts)  # last: the legend reads the labels set above
    return Chart(fig, labels)


def _set_ylim(ax: Axes, ys: list[float], fan: list[float], unit: str) -> None:
    base = [y for y in ys if y == y]
    if not base and not fan:
        return
    lo, hi = (min(base), max(base)) if base else (min(fan), max(fan))
    span = max(hi - lo, abs(hi) * 0.2, 1.0)
    if fan:  # show the fan, but do not let a wide 95 % band flatten the data
        lo = max(min(lo, min(fan)), lo - span)
        hi = min(max(hi, max(fan)), hi + span)
    if unit in ("count", "percent", "ha", "bn_vnd") and lo >= 0:
        lo = 0.0  # levels from zero, so a small change does not look large
    pad = 0.12 * max(hi - lo, 1.0)
    bottom = lo - pad
    if unit in ("count", "percent", "ha", "bn_vnd", "index") and lo >= 0:
        bottom = max(0.0, bottom)
    top = hi + pad
    if unit == "percent":
        top = min(top, 100.0 + pad)
    ax.set_ylim(bottom, top)


AVAILABILITY_KINDS = ("observed", "derived", "bound", "estimate", "missing")
AVAILABILITY_STYLE = {  # (face colour, hatch): reads in grayscale too
    "observed": (OKABE_ITO["blue"], ""),
    "derived": (OKABE_ITO["sky_blue"], ""),
    "bound": (OKABE_ITO["orange"], "//"),
    "estimate": (OKABE_ITO["yellow"], ".."),
    "missing": ("#FFFFFF", ""),
}


def availability_chart(
    rows: list[tuple[str, dict[int, str]]], lang: str, title: str | None = None
) -> Figure | None:
    """Indicators x years, each cell observed/derived/bound/estimate/missing; None if no rows."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch, Rectangle

    if not rows:
        return None
    years = sorted({y for _, cells in rows for y in cells})
    if not years:
        return None
    years = list(range(years[0], years[-1] + 1))
    names = [
        "\n".join(textwrap.wrap(safe_text(n), 26, max_lines=3, placeholder=" …")) for n, _ in rows
    ]
    lines = sum(n.count("\n") + 1 for n in names)
    with chart_style():
        fig = Figure(figsize=(FIGSIZE[0], 1.9 + 0.3 * lines), layout="constrained")
        ax = fig.add_subplot()
        for r, (_, cells) in enumerate(rows):
            for c, year in enumerate(years):
                kind = cells.get(year, "missing")
                if kind not in AVAILABILITY_STYLE:
                    raise ValueError(f"unknown availability kind {kind!r}")
                face, hatch = AVAILABILITY_STYLE[kind]
                ax.add_patch(
                    Rectangle(
                        (c - 0.45, r - 0.42),
                        0.9,
                        0.84,
                        facecolor=face,
                        hatch=hatch,
                        edgecolor="#999999",
                        lw=0.6,
                    )
                )
        ax.set_xlim(-0.6, len(years) - 0.4)
        ax.set_ylim(len(rows) - 0.5, -0.5)
        step = max(1, (len(years) + 7) // 8)  # at most about 8 year labels: readable on a phone
        ax.set_xticks(range(0, len(years), step), [str(y) for y in years[::step]])
        ax.set_yticks(range(len(rows)), names)
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.set_xlabel(ui("axis_year", lang))
        heading = title if title is not None else words.t("chart.avail_title", lang)
        # a figure title from the left edge: the names' column would push an axes title out
        fig.suptitle(
            "\n".join(
                textwrap.wrap(safe_text(heading), TITLE_CHARS, max_lines=4, placeholder=" …")
            ),
            x=0.01,
            ha="left",
            fontsize=RC["axes.titlesize"],
        )
        handles = [
            Patch(
                facecolor=AVAILABILITY_STYLE[k][0],
                hatch=AVAILABILITY_STYLE[k][1],
                edgecolor="#999999",
                label=words.t(f"chart.avail_{k}", lang),
            )
            for k in AVAILABILITY_KINDS
        ]
        fig.legend(handles=handles, loc="outside lower center", ncol=2, frameon=False)
        for text in fig.findobj(lambda artist: hasattr(artist, "set_parse_math")):
            text.set_parse_math(False)
    return fig


def figure_png(fig: Figure, dpi: int = DPI) -> bytes:
    """The figure as PNG bytes (mathtext off while drawing)."""
    buf = io.BytesIO()
    # With a layout engine, savefig draws the figure twice (once, not rendered, to lay it
    # out; then for the pixels). Laying it out here and saving it without the engine gives
    # the same pixels from one draw. The engine must be removed with None, not "none": "none"
    # leaves a placeholder engine, for which savefig still makes its extra draw.
    engine = fig.get_layout_engine() if fig.dpi == dpi else None
    with chart_style():
        if engine is not None:
            engine.execute(fig)
            fig.set_layout_engine(None)
        try:
            fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
        finally:
            if engine is not None:
                fig.set_layout_engine(engine)
    return buf.getvalue()


def warm_up() -> None:
    """Import matplotlib and load the charts' font now (a process about to draw many charts,
    or about to fork workers that will, pays it once)."""
    from matplotlib.figure import Figure

    with chart_style():
        fig = Figure(figsize=(1, 1))
        fig.text(0.5, 0.5, "Đạt 1.020; 16,5 %")
        figure_png(fig, dpi=20)


def chart_image(fig: Figure) -> object:
    """The figure as an IPython Image (for notebooks)."""
    from IPython.display import Image

    return Image(data=figure_png(fig), format="png")
