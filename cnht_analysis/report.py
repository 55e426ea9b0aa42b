"""The annual assessment report: HTML fragments per language, built from the assessment records.

`Report.build(...)` assesses every target of a region once; each `show_*` method displays one
part of the report in every requested language, tagged `lang-vi` / `lang-en` in the output
metadata so that the renderer can export one page per language from a single run. The
`*_html(lang)` methods return the same fragments as strings (tested directly).

Every fragment is a Jinja template (`templates/report/`) with autoescape, so text from the data
never becomes markup; links are made only for http(s) addresses (`safe_url`), and the report
root carries the classes that tell MathJax to leave `$…$` in the data alone.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, ahead, drawing, plots
from .assess import ACCELERATION, ON_TRACK, Assessment, default_as_of
from .citations import cited_ids, number_citations
from .explain import explain_lines, why, year_runs, years_span
from .indicators import series
from .models import STATUSES, Dataset, Observation
from .outdir import sha256_of
from .results import Results
from .text import (
    LIKELIHOOD_SCALE,
    check_lang,
    fmt_datetime,
    fmt_iso_date,
    fmt_number,
    fmt_probability,
    fmt_value,
    indicator_name,
    join_words,
    likelihood_label,
    model_label,
    nfc,
    obs_status_label,
    programme_label,
    programme_short,
    status_label,
    status_symbol,
    target_phrase,
    ui,
    value_phrase,
)
from .words import hanoi_now
from .words import t as words_t
from .words import tn as words_tn

if TYPE_CHECKING:
    import jinja2
    import pandas as pd
    from matplotlib.figure import Figure

LANG_TAGS = {"vi": "lang-vi", "en": "lang-en"}
HISTORY_YEARS = 5  # as-of years in the "since last year" chart
ROOT_CLASS = "cnht-report tex2jax_ignore mathjax_ignore"
_URL = re.compile(r"^https?://[^\s<>\"'`\x00-\x1f\x7f]+$", re.IGNORECASE)


CSS = """
.cnht-report { font-family: "DejaVu Sans", "Noto Sans", "Segoe UI", Arial, sans-serif;
  line-height: 1.45; color: #1a1a1a; max-width: 68.75rem; }
.cnht-report h1 { font-size: 1.6rem; margin: 0.2rem 0 0.4rem; }
.cnht-report h2 { font-size: 1.25rem; margin: 1.6rem 0 0.5rem; border-bottom: 1px solid #ccc; }
.cnht-report h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
.cnht-report table.cnht { border-collapse: collapse; margin: 0.4rem 0 0.8rem; font-size: 0.88rem;
  table-layout: auto; }
.cnht-report table.cnht th, .cnht-report table.cnht td { border: 1px solid #d0d0d0;
  padding: 0.25rem 0.45rem; text-align: left; vertical-align: top; line-height: 1.35; }
.cnht-report table.cnht th { background: #f2f2f2; }
.cnht-report table.cnht td.num { text-align: right; white-space: nowrap; }
.cnht-report table.cnht tr.group th { background: #e6e6e6; font-size: 0.95rem; }
.cnht-report table.verdicts { width: 100%; }
.cnht-report table.verdicts td:first-child { width: 11rem; }
.cnht-report .badge { display: inline-block; padding: 0.1rem 0.45rem; border-radius: 0.7rem;
  font-weight: bold; font-size: 0.85rem; white-space: nowrap; color: #000;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.cnht-report .override { font-size: 0.8rem; margin-top: 0.2rem; }
.cnht-report .muted { color: #555; font-size: 0.85rem; }
.cnht-report .subtitle { color: #444; margin: 0 0 0.6rem; }
.cnht-report .synthetic { border: 2px solid #000; padding: 0.3rem 0.6rem; font-weight: bold; }
.cnht-report ul.messages li { margin-bottom: 0.35rem; }
.cnht-report .explain { margin: 0 0 0.9rem; }
.cnht-report .hash { font-size: 0.75rem; word-break: break-all; }
.cnht-report .legend .badge { margin: 0 0.3rem 0.3rem 0; }
.cnht-report .explain h3 { font-size: 0.95rem; margin: 0.7rem 0 0.15rem; }
.cnht-report .explain p { margin: 0; font-size: 0.86rem; }
.cnht-report .why { font-size: 0.8rem; color: #333; margin-top: 0.2rem; }
.cnht-report .inferred { font-size: 0.8rem; font-style: italic; }
.cnht-report .table-wrap { overflow-x: auto; max-width: 100%; }
.cnht-report table.answer { width: 100%; }
.cnht-report table.answer td:nth-child(6) { min-width: 10rem; }
.cnht-report ol.sources { font-size: 0.82rem; padding-left: 1.6rem; }
.cnht-report ol.sources li { margin-bottom: 0.15rem; word-break: break-word; }
.cnht-report table.observations td:last-child { font-size: 0.8rem; }
.cnht-report .download a { font-weight: bold; }
.cnht-report.method, .cnht-report.provenance { font-size: 0.85rem; }
.cnht-report.method table.cnht, .cnht-report.provenance table.cnht { font-size: 0.8rem; }
/* a wide screen: the long reference lists in two columns */
@media (min-width: 60rem) {
  .cnht-report.explanations .explain-list, .cnht-report ol.sources { column-count: 2;
    column-gap: 2rem; }
  .cnht-report .explain, .cnht-report ol.sources li { break-inside: avoid; }
}
/* a phone: the two target tables become one card per target, each cell labelled */
@media (max-width: 40rem) {
  .cnht-report h1 { font-size: 1.3rem; }
  .cnht-report table.answer, .cnht-report table.passed { display: block; border: 0; }
  .cnht-report table.answer thead, .cnht-report table.passed thead { display: none; }
  .cnht-report table.answer tbody, .cnht-report table.passed tbody,
  .cnht-report table.answer tr, .cnht-report table.passed tr,
  .cnht-report table.answer td, .cnht-report table.passed td,
  .cnht-report table.passed tr.group th { display: block; width: auto; min-width: 0; }
  .cnht-report table.answer tr, .cnht-report table.passed tr:not(.group) {
    border: 1px solid #bbb; border-radius: 0.3rem; margin: 0 0 0.5rem; padding: 0.25rem; }
  .cnht-report table.answer td, .cnht-report table.passed td { border: 0; padding: 0.1rem 0.2rem; }
  .cnht-report table.answer td::before, .cnht-report table.passed td::before {
    content: attr(data-label) ": "; font-weight: bold; color: #444; }
  .cnht-report table.observations, .cnht-report table.cnht:not(.answer):not(.passed) {
    display: block; overflow-x: auto; max-width: 100%; }
  .cnht-report .hash { word-break: break-all; }
  .cnht-report table.answer td.num { text-align: left; }
  /* the status-by-year and availability tables: each row's name on a line of its own, the
     years below it sharing the width (no sideways scrolling, no name squeezed into a column) */
  .cnht-report table.status-grid, .cnht-report table.availability { display: block;
    overflow: visible; border: 0; }
  .cnht-report table.status-grid thead, .cnht-report table.status-grid tbody,
  .cnht-report table.availability thead, .cnht-report table.availability tbody { display: block; }
  .cnht-report table.status-grid tr, .cnht-report table.availability tr { display: grid;
    grid-template-columns: repeat(var(--years), 1fr); }
  .cnht-report table.status-grid tr > :first-child,
  .cnht-report table.availability tr > :first-child { grid-column: 1 / -1; border-bottom: 0;
    padding: 0.1rem 0.2rem 0; font-size: 0.78rem; line-height: 1.25; }
  .cnht-report table.status-grid tr.group th { font-size: 0.82rem; padding: 0.15rem 0.2rem; }
  .cnht-report table.status-grid td.st, .cnht-report table.availability td.av { min-width: 0;
    padding: 0 0.05rem; font-size: 0.8rem; line-height: 1.3; }
}
.cnht-report figure.grid, .cnht-report figure.availability { margin: 0.6rem 0 1rem; }
.cnht-report figcaption { font-size: 0.88rem; margin-bottom: 0.3rem; }
.cnht-report table.status-grid td.st, .cnht-report table.availability td.av {
  text-align: center; min-width: 2.2rem; padding: 0.2rem; font-weight: bold;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.cnht-report table.status-grid td.target-year { outline: 3px solid #000; outline-offset: -3px; }
.cnht-report table.status-grid th[scope="row"], .cnht-report table.availability th[scope="row"] {
  font-weight: normal; font-size: 0.82rem; }
.cnht-report table.cnht th.year { text-align: center; }
.cnht-report .frame-key { outline: 3px solid #000; outline-offset: -3px; padding: 0.1rem 0.45rem;
  font-size: 0.85rem; white-space: nowrap; }
.cnht-report .av-key { white-space: nowrap; margin-right: 0.6rem; font-size: 0.85rem; }
.cnht-report .av-key span.av { display: inline-block; min-width: 1.4rem; text-align: center;
  border: 1px solid #999; font-weight: bold; -webkit-print-color-adjust: exact;
  print-color-adjust: exact; }
.cnht-report .sr { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
@media print {
  .cnht-report { max-width: none; }
  .cnht-report figure.grid, .cnht-report figure.availability { break-inside: avoid; }
  .cnht-report h2, .cnht-report h3 { break-after: avoid; }
  .cnht-report .explain, .cnht-report tr, .cnht-report img { break-inside: avoid; }
  .cnht-report thead { display: table-header-group; }
  .cnht-report a[href^="data:"] { display: none; }
}
"""


# --- links and badges ---------------------------------------------------------------------


def safe_url(url: str) -> str | None:
    """The URL if it is a plain http(s) address, else None (javascript:, data:, spaces…)."""
    url = (url or "").strip()
    return url if _URL.match(url) else None


def badge(status: str, lang: str, *, override: bool = False, exceeded: bool = False) -> dict:
    """What a status badge shows: colour, symbol and words, with a border style per kind of
    status ("Vượt" instead of "Đạt" when `exceeded`); drawn by the `badge` macro."""
    from . import status as vocabulary

    style = (
        f"background:{_background(status)};color:#000;"  # ≥ 4.5:1 on every Okabe–Ito badge colour
        f"border:2px {vocabulary.border(status)} #000"
    )
    known = status in vocabulary.STATUSES
    word = vocabulary.label(status, lang, exceeded=exceeded) if known else status
    label = word + (" *" if override else "")
    return {"status": status, "style": style, "symbol": status_symbol(status), "label": label}


def badge_html(status: str, lang: str, *, override: bool = False, exceeded: bool = False) -> str:
    """A status badge as HTML (see `badge`)."""
    return macro("badge")(badge(status, lang, override=override, exceeded=exceeded))


def _background(status: str) -> str:
    """A status's background in badges and grid cells: its colour, hatched for unable to
    assess (so it differs from any colour in grayscale)."""
    from . import status as vocabulary

    colour = vocabulary.colour(status)
    if status == "unable_to_assess":
        return f"repeating-linear-gradient(45deg, {colour} 0 4px, #ffffff 4px 7px)"
    return colour


def _cell_style(status: str) -> str:
    """A status cell of the status-by-year grid: the badge's background, black text."""
    return f"background:{_background(status)};color:#000"


# availability kind -> (symbol, cell style): colour as in the chart and a symbol, so the table
# reads in grayscale; text colour of at least 4.5:1 contrast on each background
_AVAILABILITY_CELLS = {
    "observed": ("●", f"background:{plots.AVAILABILITY_STYLE['observed'][0]};color:#fff"),
    "derived": ("◐", f"background:{plots.AVAILABILITY_STYLE['derived'][0]};color:#000"),
    "bound": ("◇", f"background:{plots.AVAILABILITY_STYLE['bound'][0]};color:#000"),
    "estimate": ("~", f"background:{plots.AVAILABILITY_STYLE['estimate'][0]};color:#000"),
    "missing": ("–", "background:#ffffff;color:#595959"),
}


def _section(lang: str, body: str, extra_class: str = "") -> str:
    """A section's root: the report classes (MathJax leaves it alone) and its language."""
    cls = ROOT_CLASS + (f" {extra_class}" if extra_class else "")
    return macro("section")(cls, lang, _markup(body))


# --- templates ------------------------------------------------------------------------------

_TEMPLATES = Path(__file__).parent / "templates" / "report"
_ENV: list[object] = []


def _env() -> jinja2.Environment:
    if not _ENV:
        import jinja2

        _ENV.append(
            jinja2.Environment(
                loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
                autoescape=True,
                trim_blocks=True,
                lstrip_blocks=True,
                undefined=jinja2.StrictUndefined,
            )
        )
    return _ENV[0]  # type: ignore[return-value]


def render_template(name: str, **context: object) -> str:
    """A section from its Jinja template (autoescaped: data text never becomes markup)."""
    return _env().get_template(name).render(**context)


def macro(name: str) -> Callable[..., str]:
    """A macro of `macros.html.j2` (autoescaped like the templates; returns markup)."""
    return getattr(_env().get_template("macros.html.j2").module, name)


def _markup(html_text: str) -> object:
    """HTML a template or macro made (a section's body), passed to another as markup."""
    from markupsafe import Markup

    return Markup(html_text)  # noqa: S704 - built here from escaped parts


def _previous_dataset(previous_data_dir: str | Path) -> Dataset | None:
    """Last year's report inputs, when the render found them ('' or unreadable: None)."""
    if not previous_data_dir or not Path(previous_data_dir).is_dir():
        return None
    from .errors import CnhtError
    from .load import load_dataset

    try:
        return load_dataset(previous_data_dir)
    except CnhtError:
        return None


def csv_data_uri(text: str) -> str:
    """`assessment.csv` as a data: address, so the page carries its own table offline."""
    import base64

    return "data:text/csv;charset=utf-8;base64," + base64.b64encode(text.encode("utf-8")).decode()


def _years_words(years: tuple[int, ...], lang: str) -> str:
    """'năm 2021–2023 và 2025' / '2021–2023 and 2025': consecutive years as ranges."""
    return words_t("in_year", lang, year=join_words(year_runs(years), lang))


# --- the report ----------------------------------------------------------------------------


@dataclass
class Report:
    """One region's assessment as of a year, ready to be shown in one or two languages."""

    ds: Dataset
    region: str
    as_of: int
    langs: tuple[str, ...]
    # the one results object every section, chart and the Word draft read (see `build`)
    res: Results = field(repr=False, compare=False)
    as_of_defaulted: bool = False
    rendered_at: dt.datetime = field(default_factory=hanoi_now)
    _refs: dict[str, int] | None = field(default=None, repr=False)
    # charts of the second language, drawn by a helper process while this one draws the first
    _ahead: drawing.ChartsAhead | None = field(default=None, repr=False, compare=False)
    # every chart, drawn by `cnht render`'s helper before and while this kernel started
    _folder: ahead.Folder | None = field(default=None, repr=False, compare=False)
    # every chart PNG shown, by (key, lang): the Word draft reuses them instead of redrawing
    _pngs: dict[tuple[drawing.ChartKey, str], bytes] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def build(
        cls,
        data_dir: str | Path | None = "",
        region: str = "hanoi",
        as_of: int | None = 0,
        lang: str = "vi",
        draw_ahead: bool | None = None,
        previous_data_dir: str | Path = "",
    ) -> Report:
        """Load and assess: `data_dir` "" = data/, `as_of` 0 = latest year, `lang` vi, en or all.

        With two languages and `draw_ahead` (default: when running in IPython, where the
        `show_*` methods display), a helper process draws the second language's charts. In
        the kernel `cnht render` starts, the render's own helper has drawn them all (`ahead`).
        """
        from .load import load_dataset

        langs = ("vi", "en") if lang == "all" else (check_lang(lang),)
        ds = load_dataset(data_dir or None)
        defaulted = not as_of
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # stray warnings would be untagged output
            year = default_as_of(ds, region) if defaulted else int(as_of)
            res = Results.build(ds, region, year, _previous_dataset(previous_data_dir))
        rep = cls(ds, region, year, langs, res, defaulted)
        rep._folder = ahead.Folder.from_env(data_dir, region, year)
        if rep._folder is not None:
            draw_ahead = False  # the render's helper draws every language
        if draw_ahead is None:
            ipython = sys.modules.get("IPython")
            draw_ahead = ipython is not None and ipython.get_ipython() is not None
        if draw_ahead and len(langs) > 1:
            jobs = [j for j in rep.draw_jobs() if j[1] != langs[0]]
            rep._ahead = drawing.ChartsAhead(ds, region, year, res.assessments, jobs)
        return rep

    @property
    def results_object(self) -> Results:
        """The results every section reads."""
        return self.res

    @property
    def results(self) -> list[Assessment]:
        """Every target's assessment as of the report's year (the results object's)."""
        return self.res.assessments

    def chart_keys(self) -> list[drawing.ChartKey]:
        """The page's charts in the order it shows them: one per indicator with targets (the
        status-by-year grid and the data availability are tables of the page)."""
        return [("indicator", i) for i in self.indicators()]

    def draw_jobs(self) -> list[tuple[drawing.ChartKey, str]]:
        """The page's charts in each language, in the order it shows them."""
        return [(key, lang) for key in self.chart_keys() for lang in self.langs]

    def chart_png(self, key: drawing.ChartKey, lang: str, built: list[plots.Chart]) -> bytes:
        """A chart as PNG: drawn ahead by the render's or this kernel's helper, or here (built
        once into `built`)."""
        png = self._folder.take(key, lang) if self._folder is not None else None
        if png is None and self._ahead is not None:
            png = self._ahead.take(key, lang)
        if png is None:
            if not built:
                chart = drawing.results_chart(self.res, key)
                built.append(chart)
            png = plots.figure_png(built[0].label(lang))
        self._pngs[(key, lang)] = png
        return png

    def save_docx(self, output_dir: str | Path, stem: str) -> Path | None:
        """Write the Vietnamese Word draft `<stem>.vi.docx` in `output_dir` ('' = nothing)."""
        from .docx_report import report_charts, save_report_docx

        return save_report_docx(self, output_dir, stem, report_charts(self))

    # --- shared pieces ---------------------------------------------------------------------

    @property
    def refs(self) -> dict[str, int]:
        """Source id → reference number, in order of first citation."""
        if self._refs is None:
            # Results' numbering first (the one `cnht explain` and the Word draft use), then
            # the sources only the indicator sections cite
            order: list[str] = [
                sid
                for sid, _ in sorted(self.results_object.citations.items(), key=lambda kv: kv[1])
                if sid in self.ds.sources
            ]

            def add(sid: str) -> None:
                if sid and sid in self.ds.sources and sid not in order:
                    order.append(sid)

            for a in self.results:
                add(self.ds.programmes[a.target.programme].source)
                add(a.target.source)
                for o in a.observations:
                    add(o.source)
            for ind in self.indicators():
                for o in self._section_observations(ind):
                    add(o.source)
                    for sid in cited_ids(o.note_vi) + cited_ids(o.note):  # sources cited in notes
                        add(sid)
                for c in plots.context_indicators(self.ds, self.region, ind):
                    for o in series(self.ds, self.region, c, self.as_of):
                        add(o.source)
            self._refs = {sid: i + 1 for i, sid in enumerate(order)}
        return self._refs

    def note_text(self, o: Observation, lang: str) -> str:
        """An observation's note in `lang` (else the other's, marked), citations numbered."""
        first, second = (o.note_vi, o.note) if lang == "vi" else (o.note, o.note_vi)
        text = first or second
        if not text:
            return ""
        if not first:
            text += words_t("note.other_language", lang)
        return nfc(number_citations(text, self.refs))

    def cite(self, source_id: str) -> str:
        """'[3]' for a cited source ('' when the id is unknown)."""
        n = self.refs.get(source_id)
        return f"[{n}]" if n else ""

    def indicators(self) -> list[str]:
        """Indicators that have targets, in registry order."""
        return plots.indicators_with_targets(self.ds, self.results)

    def region_name(self, lang: str) -> str:
        """The region's display name."""
        return nfc(self.ds.region_name(self.region, lang))

    def _unit(self, a: Assessment) -> str:
        return self.ds.indicators[a.target.indicator].unit

    def _section_observations(self, indicator: str) -> list[Observation]:
        return series(self.ds, self.region, indicator, self.as_of)

    def _override(self, a: Assessment, lang: str) -> dict[str, str] | None:
        """A manual override as the `override` macro shows it (None when there is none)."""
        if not (a.override_reason or "manual_override" in a.flags):
            return None
        computed = status_label(a.computed_status, lang)
        return {
            "words": words_t("override.words", lang),
            "reason": nfc(a.override_reason or ""),
            "computed": words_t("override.computed", lang, status=computed),
        }

    # --- HTML fragments ----------------------------------------------------------------------

    def section_intro_html(self, indicator: str, lang: str) -> str:
        """An indicator section's heading and what the chart shows."""
        ind = self.ds.indicators[indicator]
        obs = self._section_observations(indicator)
        mine = [a for a in self.results if a.target.indicator == indicator]
        desc = ind.description_vi if lang == "vi" else ind.description_en
        targets = words_tn("n_targets", lang, len(mine))
        if obs:
            kinds = Counter(o.status for o in obs)
            kinds_text = ", ".join(f"{n} {obs_status_label(k, lang)}" for k, n in kinds.items())
            text = words_tn(
                "section.data",
                lang,
                len(obs),
                span=years_span([o.year for o in obs]),
                kinds=kinds_text,
                targets=targets,
            )
        else:
            text = words_t("section.no_data", lang, year=self.as_of, targets=targets)
        body = render_template(
            "section_intro.html.j2",
            indicator_name=nfc(indicator_name(ind, lang)),
            description=nfc(desc or ""),
            summary=nfc(text),
        )
        return _section(lang, body)

    def figure(self, indicator: str, lang: str) -> Figure:
        """The section's chart in `lang`."""
        return plots.indicator_chart(
            self.ds, self.region, indicator, self.results, lang, self.as_of
        )

    def chart_alt(self, indicator: str, lang: str) -> str:
        """Alt text of a section's chart."""
        name = indicator_name(self.ds.indicators[indicator], lang)
        return words_t("chart.indicator.alt", lang, name=name)

    def section_table_html(self, indicator: str, lang: str) -> str:
        """The numbers behind a section's chart: the forecast, the context and the data (the
        targets themselves are in the first screen and the passed plans, once)."""
        ind = self.ds.indicators[indicator]
        unit = ind.unit
        mine = [a for a in self.results if a.target.indicator == indicator]
        fan = plots.fan_assessment(mine)
        contexts = []
        for c in plots.context_indicators(self.ds, self.region, indicator):
            cname = indicator_name(self.ds.indicators[c], lang)
            contexts.append(nfc(words_t("section.context", lang, name=cname)))
        rows = [
            {
                "year": o.year,
                "value": nfc(value_phrase(o, unit, lang, status=False)),
                "kind": obs_status_label(o.status, lang),
                "brk": words_t("section.new_definition", lang) if o.breaks else "",
                "cite": self.cite(o.source),
                "note": self.note_text(o, lang),
            }
            for o in self._section_observations(indicator)
        ]
        heads = [words_t(f"col.{k}", lang) for k in ("year", "value", "kind", "source", "note")]
        body = render_template(
            "section_table.html.j2",
            fan=nfc(fan_caption(self, fan, lang)) if fan is not None else "",
            contexts=contexts,
            rows=rows,
            heads=heads,
        )
        return _section(lang, body)

    def explanations_html(self, lang: str) -> str:
        """The numbers behind each status, in words (the text of `cnht explain`)."""
        title = words_t("explain.title", lang)
        note = words_t("explain.note", lang)
        entries = []
        from .status import exceeded

        # one explanation per target: a target with no figure at all is explained by its
        # row's reason in the tables above ("chưa có số liệu năm …"); the numbers of the others
        # are set out here
        shown = [
            a
            for a in self.results_object.ordered
            if a.status != "unable_to_assess" or a.latest_year is not None or a.override_reason
        ]
        if not shown:
            return ""
        for a in shown:
            lines = explain_lines(self.ds, a, lang, cite=self.cite)
            override = bool(a.override_reason or "manual_override" in a.flags)
            t = a.target
            heading = (
                f"{indicator_name(self.ds.indicators[t.indicator], lang)} — "
                f"{programme_short(self.ds, t.programme, lang)}, "
                f"{words_t('in_year', lang, year=t.year)}"
            )
            mark = badge(a.status, lang, override=override, exceeded=exceeded(a))
            items: list[str] = []  # one paragraph per target: each step, the caveats as a list
            for line in lines[1:]:
                text = line.strip()
                if text.startswith("– ") and items:
                    sep = " " if items[-1].endswith(":") else "; "
                    items[-1] += sep + text[2:]
                elif text:
                    items.append(text)
            entries.append(
                {
                    "badge": mark,
                    "heading": nfc(heading),
                    "override": self._override(a, lang),
                    "steps": [nfc(item) for item in items],
                }
            )
        body = render_template("explanations.html.j2", title=title, note=note, entries=entries)
        return _section(lang, body, "explanations")

    def sources_html(self, lang: str) -> str:
        """Numbered references with links (http and https only)."""
        sources = []
        for sid, n in sorted(self.refs.items(), key=lambda kv: kv[1]):
            s = self.ds.sources[sid]
            bits = [{"kind": "data", "text": nfc(s.publisher)}] if s.publisher else []
            if s.title:
                bits.append({"kind": "title", "text": nfc(s.title)})
            if s.date:
                bits.append({"kind": "date", "text": fmt_iso_date(s.date, lang)})
            if s.url:
                bits.append({"kind": "link", "text": nfc(s.url), "href": safe_url(s.url)})
            sources.append({"n": n, "bits": bits})
        title = words_t("sources.title", lang)
        return _section(lang, render_template("sources.html.j2", title=title, sources=sources))

    def method_html(self, lang: str) -> str:
        """How statuses and probabilities are computed, in plain words."""
        return _section(lang, method_body(lang), "method")

    def provenance_html(self, lang: str) -> str:
        """Package version, input file hashes, as-of year and when it was rendered."""
        rows = [
            ("software", f"cnht-analysis {__version__}"),
            ("region", f"{self.region_name(lang)} ({self.region})"),
            ("as_of", str(self.as_of)),
            ("rendered", fmt_datetime(self.rendered_at, lang)),
            ("data_dir", nfc(self.ds.data_dir.name)),
        ]
        rows = [(words_t(f"provenance.{key}", lang), value) for key, value in rows]
        files = sorted(self.ds.files, key=lambda p: p.name)
        hashes = [(nfc(p.name), sha256_of(p)) for p in files if p.is_file()]
        body = render_template(
            "provenance.html.j2",
            title=words_t("provenance.title", lang),
            rows=rows,
            hashes=hashes,
            head=(words_t("col.input_file", lang), "SHA-256"),
        )
        return _section(lang, body, "provenance")

    # --- the first screen, passed plans and data requests (Jinja templates) ------------------

    def _requested(self) -> set[str]:
        return {tid for q in self.results_object.data_requests for tid in q.targets}

    def _owner(self, a: Assessment, lang: str) -> str:
        """Who holds the missing figure of `a` ('–' when none is missing)."""
        if a.status != "unable_to_assess" and a.target.id not in self._requested():
            return "–"
        ind = self.ds.indicators[a.target.indicator]
        owner = ind.owner_vi if lang == "vi" else ind.owner_en
        return nfc(owner) if owner else words_t("owner.unknown", lang)

    def _latest_words(self, a: Assessment, lang: str) -> str:
        o = next((o for o in a.observations if o.year == a.latest_year), None)
        if o is None:
            return "–"
        return f"{value_phrase(o, self._unit(a), lang)}, {words_t('in_year', lang, year=o.year)}"

    def _row(self, a: Assessment, lang: str) -> dict[str, object]:
        """One target as the first screen and the passed-plans table show it."""
        from .explain import needed_phrase
        from .status import exceeded

        t = a.target
        ind = self.ds.indicators[t.indicator]
        override = bool(a.override_reason or "manual_override" in a.flags)
        gap = "–"
        if a.gap is not None and a.cagr_needed is not None and not t.is_growth:
            if ind.unit == "percent":  # a gap between two shares is in percentage points
                size = f"{fmt_number(abs(a.gap), lang, 1)} {words_t('unit.pp', lang)}"
            else:
                size = fmt_value(abs(a.gap), ind.unit, lang)
            gap = ("≤ " if a.needed_is_upper_bound else "") + size
        return {
            "status": a.status,
            "indicator": indicator_name(ind, lang),
            "programme": programme_short(self.ds, t.programme, lang),
            "cite": self.cite(t.source),
            "target": f"{target_phrase(t, ind.unit, lang, short=True)}, "
            f"{words_t('in_year', lang, year=t.year)}",
            "inferred": words_t("inferred.mark", lang) if t.inferred else "",
            "latest": self._latest_words(a, lang),
            "gap": gap,
            "needed": needed_phrase(self.ds, a, lang, gap=False) or "–",
            "badge": badge(a.status, lang, override=override, exceeded=exceeded(a)),
            "override": self._override(a, lang),
            "why": why(self.ds, a, lang),
            "owner": self._owner(a, lang),
        }

    def first_screen_html(self, lang: str) -> str:
        """The answer first: title, key messages, the targets in force still ahead."""
        from .assess import to_csv
        from .skill import skill_sentence
        from .words import count_summary
        from .words.messages import key_messages as result_messages

        res = self.results_object
        region = self.region_name(lang)
        n_prog = len({a.target.programme for a in self.results})
        defaulted = words_t("first.defaulted", lang) if self.as_of_defaulted else ""
        counts = count_summary(res.status_counts(), len(self.results), lang)
        when = fmt_datetime(self.rendered_at, lang)
        subtitle = words_t(
            "first.subtitle",
            lang,
            year=self.as_of,
            defaulted=defaulted,
            n=len(self.results),
            n_prog=n_prog,
            counts=counts,
            when=when,
        )
        synthetic = ""
        if any("SYNTHETIC" in s.title.upper() for s in self.ds.sources.values()):
            synthetic = words_t("first.synthetic", lang)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            messages = result_messages(res, lang)
        later = [
            {
                "name": programme_label(self.ds, p.id, lang),
                "adopted": words_t("first.adopted", lang, year=p.adopted) if p.adopted else "",
                "cite": self.cite(p.source),
            }
            for p in res.adopted_later
        ]
        w = {
            "messages_heading": words_t("first.messages_heading", lang),
            "ahead_heading": words_t("first.ahead_heading", lang, year=self.as_of),
            "ahead_heads": [
                words_t(f"col.{k}", lang)
                for k in ("indicator", "target", "latest", "gap", "needed", "verdict", "owner")
            ],
            "no_ahead": words_t("first.no_ahead", lang, year=self.as_of),
            "legend_note": words_t("first.legend_note", lang),
            "adopted_later_heading": words_t("adopted_later.heading", lang),
            "adopted_later_note": words_t("first.adopted_later_note", lang, year=self.as_of),
            "csv_link": words_t("first.csv_link", lang),
            "csv_note": words_t("first.csv_note", lang),
        }
        legend = [badge(code, lang) for code in STATUSES]
        return _section(
            lang,
            render_template(
                "first_screen.html.j2",
                css=_markup(CSS),
                heading=words_t("first.heading", lang, region=region),
                subtitle=subtitle,
                synthetic=synthetic,
                messages=messages,
                ahead=[self._row(a, lang) for a in res.in_force_ahead],
                legend=legend,
                adopted_later=later,
                csv_name="assessment.csv",
                csv_href=csv_data_uri(to_csv(self.results)),
                skill=skill_sentence(lang),
                w=w,
            ),
            "first-screen",
        )

    def passed_html(self, lang: str) -> str:
        """Plans whose target year has passed, newest first, grouped by plan."""
        res = self.results_object
        if not res.passed:
            return ""
        groups: dict[str, list[Assessment]] = {}
        for a in res.passed:
            groups.setdefault(a.target.programme, []).append(a)
        w = {
            "passed_heading": words_t("passed.heading", lang),
            "passed_note": words_t("passed.note", lang),
            "passed_heads": [
                words_t(f"col.{k}", lang) for k in ("indicator", "target", "latest", "verdict")
            ],
        }
        rows = [
            {
                "name": programme_label(self.ds, pid, lang),
                "cite": self.cite(self.ds.programmes[pid].source),
                "rows": [self._row(a, lang) for a in items],
            }
            for pid, items in groups.items()
        ]
        return _section(lang, render_template("passed.html.j2", groups=rows, w=w), "passed")

    def data_requests_html(self, lang: str) -> str:
        """The figures to ask for: indicator, years, who holds them, what they would settle."""
        res = self.results_object
        requests = []
        for q in res.data_requests:
            ind = self.ds.indicators[q.indicator]
            owner = q.owner_vi if lang == "vi" else q.owner_en
            settled = [res.by_id[tid] for tid in q.targets if tid in res.by_id]
            requests.append(
                {
                    "indicator": indicator_name(ind, lang),
                    "years": _years_words(q.years, lang),
                    "owner": nfc(owner) if owner else words_t("owner.unknown", lang),
                    "targets": join_words(
                        list(
                            dict.fromkeys(
                                f"{programme_short(self.ds, a.target.programme, lang)} "
                                f"({words_t('in_year', lang, year=a.target.year)})"
                                for a in settled
                            )
                        ),
                        lang,
                    ),
                }
            )
        n = len({tid for q in res.data_requests for tid in q.targets})
        w = {
            "heading": words_t("request.heading", lang),
            "intro": words_t("request.intro", lang, n=n),
            "owner": words_t("request.owner", lang),
            "settles": words_t("request.settles", lang),
            "none": words_t("request.none", lang),
        }
        return _section(
            lang,
            render_template("data_requests.html.j2", requests=requests, w=w),
            "data-requests",
        )

    def availability_rows(self, lang: str) -> list[tuple[str, dict[int, str]]]:
        """Indicators with targets × years: observed, derived, bound, estimate (else missing)."""
        res = self.results_object
        if not res.data_requests and not self.results:
            return []
        start = min(self.ds.programmes[a.target.programme].period[0] for a in self.results)
        start = min(start, *(y for q in res.data_requests for y in q.years), self.as_of)
        rows = []
        for ind_id in self.indicators():
            cells: dict[int, str] = dict.fromkeys(range(start - 1, self.as_of + 1), "missing")
            for o in self._section_observations(ind_id):
                if o.year not in cells:
                    continue
                if o.qualifier in ("more_than", "less_than"):
                    kind = "bound"
                elif o.status == "derived":
                    kind = "derived"
                elif o.status in ("estimate", "preliminary"):
                    kind = "estimate"
                else:
                    kind = "observed"
                cells[o.year] = kind
            rows.append((indicator_name(self.ds.indicators[ind_id], lang), cells))
        return rows

    def status_grid_html(self, lang: str, years: int = HISTORY_YEARS) -> str:
        """Each target's status over the last `years` as-of years, as a table of coloured cells
        with the status symbol and words (a screen reader reads the words), the target year
        framed; the same lines as the Word draft's table (`history.grid_lines`)."""
        from . import status as vocabulary
        from .history import grid_lines

        span = list(range(self.as_of - years + 1, self.as_of + 1))
        history = self.res.status_history(span)
        lines, cols = grid_lines(self.ds, self.region, span, history, lang)

        def cell(year: int, a: Assessment | None, framed: bool) -> dict[str, object] | None:
            if a is None:
                return None
            b = badge(a.status, lang, exceeded=vocabulary.exceeded(a))
            style = _cell_style(a.status)
            return {
                "year": year,
                "frame": framed,
                "symbol": b["symbol"],
                "label": b["label"],
                "style": style,
            }

        rows = [
            {"heading": g.heading, "name": g.name, "cells": [cell(*c) for c in g.cells]}
            for g in lines
        ]
        w = {
            "title": ui("chart_title", lang),
            "note": words_t("grid.note", lang),
            "target": words_t("grid.target", lang),
            "frame": ui("chart_target_year", lang),
        }
        legend = [badge(s, lang) for s in vocabulary.ORDER]
        return _section(
            lang,
            render_template("status_grid.html.j2", rows=rows, years=cols, legend=legend, w=w),
            "status-grid",
        )

    def availability_html(self, lang: str) -> str:
        """Indicators × years: which figure exists (observed, derived, bound, estimate or
        missing), as a table of coloured cells with a symbol and words; '' without rows."""
        rows_ = self.availability_rows(lang)
        if not rows_:
            return ""
        years = sorted({y for _, cells in rows_ for y in cells})
        years = list(range(years[0], years[-1] + 1))

        def cell(kind: str) -> dict[str, object]:
            symbol, style = _AVAILABILITY_CELLS[kind]
            return {
                "kind": kind,
                "symbol": symbol,
                "style": style,
                "label": words_t(f"chart.avail_{kind}", lang),
            }

        rows = [
            {
                "name": name,
                "cells": [{**cell(cells.get(y, "missing")), "year": y} for y in years],
            }
            for name, cells in rows_
        ]
        w = {
            "title": words_t("chart.availability.title", lang),
            "note": words_t("avail.note", lang),
            "indicator": words_t("avail.indicator", lang),
        }
        legend = [cell(k) for k in plots.AVAILABILITY_KINDS]
        return _section(
            lang,
            render_template("availability.html.j2", rows=rows, years=years, legend=legend, w=w),
            "availability",
        )

    def show_first_screen(self) -> None:
        """Display the first screen (title, key messages, targets ahead) in each language."""
        self._display_html(self.first_screen_html)

    def show_passed(self) -> None:
        """Display the plans whose target year has passed, newest first."""
        if self.results_object.passed:
            self._display_html(self.passed_html)

    def show_data_requests(self) -> None:
        """Display the data requests and the data-availability table in each language."""
        self._display_html(
            lambda lang: self.data_requests_html(lang) + self.availability_html(lang)
        )

    # --- display in a notebook ---------------------------------------------------------------

    def _display_html(self, make: Callable[[str], str]) -> None:
        from IPython.display import HTML, display

        for lang in self.langs:
            display(HTML(make(lang)), metadata={"tags": [LANG_TAGS[lang]]})

    def since_html(self, lang: str) -> str:
        """Since last year (method: "Since last year"): every target in one class, the counts
        adding up to the number of targets, good news first, revised figures listed."""
        from .results import CLASSES

        res = self.results_object
        prev = self.as_of - 1
        basis = words_t(
            "since.from_inputs" if res.previous_from_inputs else "since.from_today", lang, year=prev
        )
        counts = res.since_counts()
        total = len(self.results)
        told = join_words(
            [f"{counts[k]} {words_t(f'since.{k}', lang)}" for k in CLASSES if counts[k]], lang
        )
        count_line = words_t("since.counts", lang, total=total, told=told)

        def item(a: Assessment) -> str:
            c = res.since[a.target.id]
            t = a.target
            name = (
                f"{indicator_name(self.ds.indicators[t.indicator], lang)} "
                f"({programme_short(self.ds, t.programme, lang)}, "
                f"{words_t('in_year', lang, year=t.year)})"
            )
            now = status_label(c.new_status, lang)
            if c.old_status is None:
                return f"{name}: {now}"
            was = status_label(c.old_status, lang)
            if c.old_status == c.new_status:
                return f"{name}: {now}"
            return f"{name}: {was} → {now} ({why(self.ds, a, lang)})"

        order = (  # good news first
            "improved",
            "newly_assessable",
            "worsened",
            "no_longer_assessable",
            "new_this_year",
        )
        by_id = res.by_id
        groups = []
        for klass in order:
            mine = [by_id[c.target_id] for c in res.since.values() if c.klass == klass]
            if mine:
                groups.append(
                    {
                        "klass": klass,
                        "heading": f"{words_t(f'since.{klass}', lang)[:1].upper()}"
                        f"{words_t(f'since.{klass}', lang)[1:]} ({len(mine)})",
                        "entries": [item(a) for a in mine],
                    }
                )
        revised = []
        for r in res.revised:
            ind = self.ds.indicators[r.indicator]
            revised.append(
                f"{indicator_name(ind, lang)}, {words_t('in_year', lang, year=r.year)}: "
                f"{value_phrase(r.old, ind.unit, lang)} → {value_phrase(r.new, ind.unit, lang)}"
            )
        w = {
            "heading": words_t("since.heading", lang),
            "revised_heading": words_t("since.revised_heading", lang),
        }
        return _section(
            lang,
            render_template(
                "since.html.j2",
                basis=basis,
                counts=count_line,
                groups=groups,
                revised=revised,
                w=w,
            ),
            "since",
        )

    def show_since_last_year(self, years: int = 5, previous_data_dir: str | Path = "") -> None:
        """Display the since-last-year section and the status-by-year grid.

        `previous_data_dir` is read by `Report.build` (kept here for older notebooks)."""
        self._display_html(lambda lang: self.since_html(lang) + self.status_grid_html(lang, years))

    def show_indicator_section(self, indicator: str) -> None:
        """Display one indicator's section: heading, chart and table, in each language."""
        from IPython.display import HTML, Image, display

        built: list[plots.Chart] = []  # built once, relabelled per language
        for lang in self.langs:
            tag = {"tags": [LANG_TAGS[lang]]}
            display(HTML(self.section_intro_html(indicator, lang)), metadata=tag)
            png = self.chart_png(("indicator", indicator), lang, built)
            image = Image(data=png, format="png", metadata={"alt": self.chart_alt(indicator, lang)})
            display(image, metadata=tag)
            display(HTML(self.section_table_html(indicator, lang)), metadata=tag)

    def show_indicator_sections(self) -> None:
        """Display a section for every indicator that has targets."""
        title = {lang: words_t("sections.heading", lang) for lang in self.langs}
        self._display_html(
            lambda lang: _section(lang, render_template("heading.html.j2", title=title[lang]))
        )
        for indicator in self.indicators():
            self.show_indicator_section(indicator)

    def show_explanations(self) -> None:
        """Display the numbers behind each status."""
        self._display_html(self.explanations_html)

    def show_sources(self) -> None:
        """Display the numbered references."""
        self._display_html(self.sources_html)

    def show_method(self) -> None:
        """Display the method in plain words."""
        self._display_html(self.method_html)

    def show_provenance(self) -> None:
        """Display the provenance table."""
        self._display_html(self.provenance_html)


# --- sentences built from the results ---------------------------------------------------------


def fan_caption(rep: Report, a: Assessment, lang: str) -> str:
    """What the forecast fan says: the central forecast and its 80 % range at the target year."""
    path = plots.central_path(a)
    if path is None:
        return ""
    unit = "growth_pct" if a.target.is_growth else rep._unit(a)
    year = path.years[-1]
    mean, lo, hi = (fmt_value(v[-1], unit, lang) for v in (path.mean, path.lo80, path.hi80))
    model = model_label(path.model, lang)
    p = fmt_probability(a.p_attain, lang)
    term = likelihood_label(a.likelihood, lang)
    return words_t(
        "fan.caption",
        lang,
        year=year,
        model=model,
        mean=mean,
        lo=lo,
        hi=hi,
        target_year=a.target.year,
        p=p,
        term=term,
    )


def method_body(lang: str) -> str:
    """The method section's HTML (plain words, the thresholds and the IPCC scale)."""
    hi, mid = fmt_number(ON_TRACK, lang, 2), fmt_number(ACCELERATION, lang, 2)
    zero = fmt_number(0, lang, 0)
    ratio_rows = [
        (f"≥ {hi}", "on_track"),
        (f"{mid} – {hi}", "acceleration_needed"),
        (f"{zero} – {mid}", "limited_progress"),
        (f"< {zero}", "deterioration"),
    ]
    return render_template(
        "method.html.j2",
        title=words_t("method.title", lang),
        paras=[words_t(f"method.{k}", lang) for k in ("compare", "passed", "ahead")],
        ratio_heads=(words_t("col.ratio", lang), words_t("col.status", lang)),
        ratio_rows=[{"ratio": r, "badge": badge(code, lang)} for r, code in ratio_rows],
        more=[words_t(f"method.{k}", lang) for k in ("growth", "flags", "probability")],
        scale_heads=(words_t("col.probability", lang), words_t("col.term", lang)),
        scale_rows=[
            {
                "range": r if lang == "vi" else r.replace(" %", "%"),
                "term": likelihood_label(code, lang),
            }
            for code, r in LIKELIHOOD_SCALE
        ],
    )


# --- tables for economists (explore.ipynb) ----------------------------------------------------


def observations_frame(ds: Dataset, region: str, indicator: str, lang: str = "vi") -> pd.DataFrame:
    """One series as a pandas DataFrame: year, value, status, qualifier, source, note."""
    import pandas as pd

    obs = series(ds, region, indicator)
    cols = [
        words_t(f"frame.{k}", lang)
        for k in ("year", "value", "status", "qualifier", "source", "note")
    ]
    rows = [
        (
            o.year,
            o.value,
            obs_status_label(o.status, lang),
            o.qualifier,
            o.source,
            (o.note_vi or o.note) if lang == "vi" else (o.note or o.note_vi),
        )
        for o in obs
    ]
    return pd.DataFrame(rows, columns=list(cols))


def assessment_frame(ds: Dataset, results: list[Assessment], lang: str = "vi") -> pd.DataFrame:
    """The assessment as a pandas DataFrame with the status in words and the why line."""
    import pandas as pd

    cols = [
        words_t(f"frame.{k}", lang) for k in ("target", "year", "verdict", "probability", "why")
    ]
    rows = [
        (
            a.target.id,
            a.target.year,
            status_label(a.status, lang),
            fmt_probability(a.p_attain, lang) if a.p_attain is not None else "",
            why(ds, a, lang),
        )
        for a in results
    ]
    return pd.DataFrame(rows, columns=list(cols))


def catalogue_frame(ds: Dataset, lang: str = "vi") -> pd.DataFrame:
    """The indicator catalogue as a pandas DataFrame (id, name, unit, derived from)."""
    import pandas as pd

    cols = [words_t(f"frame.{k}", lang) for k in ("indicator", "name", "unit", "derive")]
    rows = [(i.id, indicator_name(i, lang), i.unit, i.derive or "") for i in ds.indicators.values()]
    return pd.DataFrame(rows, columns=list(cols))
