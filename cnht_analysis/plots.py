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

from .indicators import series
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
FIGSIZE = (7.4, 4.6)
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

STATUS_COLOURS = {
    "achieved": OKABE_ITO["bluish_green"],
    "on_track": OKABE_ITO["sky_blue"],
    "acceleration_needed": OKABE_ITO["orange"],
    "limited_progress": OKABE_ITO["yellow"],
    "deterioration": OKABE_ITO["reddish_purple"],
    "missed": OKABE_ITO["vermillion"],
    "unable_to_assess": OKABE_ITO["grey"],
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

# Series shown beside an indicator for context, never as the indicator itself.
CONTEXT_SERIES = {
    "cnht_index_growth": ("iip_growth_manufacturing",),
    "cnht_index": ("iip_industry",),
}

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
    "axes.titlesize": 11,
    "axes.titley": 1.0,
    "axes.labelsize": 9,
    "xtick.labelsize": 8.5,
    "ytick.labelsize": 8.5,
    "legend.fontsize": 8,
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
    """Context series to draw beside an indicator: known to the catalogue and observed."""
    return [
        c for c in CONTEXT_SERIES.get(indicator, ()) if c in ds.indicators and series(ds, region, c)
    ]


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

    def label(self, lang: str) -> Figure:
        """Set every language-dependent text of the chart to `lang`; the figure."""
        with chart_style():
            for set_texts in self._labellers:
                set_texts(lang)
        return self.fig


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


def _plot_targets(ax: Axes, results: list[Assessment], labels: list[Labeller]) -> list[float]:
    from .text import status_symbol

    values: list[float] = []
    seen: dict[tuple[int, float], int] = {}
    labelled = False
    for a in results:
        t = a.target
        colour = STATUS_COLOURS.get(a.status, OKABE_ITO["grey"])
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
        n = seen.get((t.year, t.value), 0)
        seen[(t.year, t.value)] = n + 1
        x = t.year + 0.18 * n  # targets with the same year and value side by side
        (star,) = ax.plot(
            [x],
            [t.value],
            marker="*",
            markersize=14,
            linestyle="none",
            markerfacecolor=colour,
            markeredgecolor="black",
            markeredgewidth=0.9,
            label=None if labelled else _UNSET,
            zorder=5,
        )
        if not labelled:
            labels.append(lambda lang, star=star: star.set_label(ui("target_marker", lang)))
        labelled = True
        # the status's shape beside the star, so the chart reads without colour
        ax.annotate(
            status_symbol(a.status),
            (x, t.value),
            xytext=(6, 3),
            textcoords="offset points",
            fontsize=8,
            color="#222222",
            zorder=6,
        )
        values.append(t.value)
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
        fig = Figure(figsize=FIGSIZE)
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
        # room for a few lines: a very long name is shortened here (tables keep it whole)
        title_lines = textwrap.wrap(f"{region_name}: {title}", 80, max_lines=3, placeholder=" …")
        title_lines = title_lines or [""]
        ax.set_title("\n".join(title_lines), loc="left")
        handles, texts = ax.get_legend_handles_labels()
        texts = ["\n".join(textwrap.wrap(lbl, 55, max_lines=2, placeholder=" …")) for lbl in texts]
        # fixed margins (a layout engine would draw the figure twice): room for the title
        # above and the legend, in two columns, below
        left_col, right_col = texts[0::2], texts[1::2]
        legend_lines = max(
            sum(lbl.count("\n") + 1 for lbl in left_col),
            sum(lbl.count("\n") + 1 for lbl in right_col),
        )
        inch = 1.0 / FIGSIZE[1]
        bottom = (0.62 + 0.17 * legend_lines) * inch
        top = 1.0 - (0.12 + 0.2 * len(title_lines)) * inch
        fig.subplots_adjust(left=0.1, right=0.97, bottom=bottom, top=top)
        for old in list(fig.legends):  # the legend of the previous language
            old.remove()
        if handles:
            fig.legend(
                handles,
                texts,
                loc="lower center",
                bbox_to_anchor=(0.5, 0.005),
                ncol=2,
                frameon=False,
            )
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


def figure_png(fig: Figure, dpi: int = DPI) -> bytes:
    """The figure as PNG bytes (mathtext off while drawing)."""
    buf = io.BytesIO()
    with chart_style():
        fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
    return buf.getvalue()


def chart_image(fig: Figure) -> object:
    """The figure as an IPython Image (for notebooks)."""
    from IPython.display import Image

    return Image(data=figure_png(fig), format="png")
