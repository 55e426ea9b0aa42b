"""The annual assessment report: HTML fragments per language, built from the assessment records.

`Report.build(...)` assesses every target of a region once; each `show_*` method displays one
part of the report in every requested language, tagged `lang-vi` / `lang-en` in the output
metadata so that the renderer can export one page per language from a single run. The
`*_html(lang)` methods return the same fragments as strings (tested directly).

Every string that comes from the data is HTML-escaped here (`esc`), links are made only for
http(s) addresses (`link`), and the report root carries the classes that tell MathJax to leave
`$…$` in the data alone.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import sys
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, drawing, plots
from .assess import ACCELERATION, ON_TRACK, Assessment, assess_all, default_as_of
from .citations import cited_ids, number_citations
from .explain import explain_lines, missing_figures, why, years_span
from .indicators import series
from .models import STATUSES, Dataset, Observation
from .outdir import sha256_of
from .text import (
    LIKELIHOOD_SCALE,
    check_lang,
    fmt_datetime,
    fmt_iso_date,
    fmt_number,
    fmt_percent,
    fmt_probability,
    fmt_rate,
    fmt_value,
    indicator_name,
    join_words,
    likelihood_label,
    lower_first,
    model_label,
    nfc,
    obs_status_label,
    programme_label,
    programme_short,
    status_label,
    status_symbol,
    target_phrase,
    value_phrase,
)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

LANG_TAGS = {"vi": "lang-vi", "en": "lang-en"}
HISTORY_YEARS = 5  # as-of years in the "since last year" chart
ROOT_CLASS = "cnht-report tex2jax_ignore mathjax_ignore"
_URL = re.compile(r"^https?://[^\s<>\"'`\x00-\x1f\x7f]+$", re.IGNORECASE)

# Progress statuses say "how far along"; final ones say "done or not"; the border tells them
# apart in print and grayscale, next to the colour and the symbol.
_BORDER = {
    "achieved": "solid",
    "missed": "solid",
    "on_track": "dashed",
    "acceleration_needed": "dashed",
    "limited_progress": "dashed",
    "deterioration": "dashed",
    "unable_to_assess": "dotted",
}

CSS = """
.cnht-report { font-family: "DejaVu Sans", "Noto Sans", "Segoe UI", Arial, sans-serif;
  line-height: 1.45; color: #1a1a1a; max-width: 62rem; }
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
.cnht-report .explain h3 { font-size: 0.95rem; }
.cnht-report .explain ul { margin: 0.2rem 0; padding-left: 1.2rem; font-size: 0.86rem; }
.cnht-report .hash { font-size: 0.75rem; word-break: break-all; }
.cnht-report .legend .badge { margin: 0 0.3rem 0.3rem 0; }
@media print { .cnht-report { max-width: none; } .cnht-report h2 { break-after: avoid; } }
"""


# --- escaping ------------------------------------------------------------------------------


def esc(text: object) -> str:
    """Text for HTML: NFC, every <, >, &, quote escaped."""
    return html.escape(nfc("" if text is None else str(text)), quote=True)


def safe_url(url: str) -> str | None:
    """The URL if it is a plain http(s) address, else None (javascript:, data:, spaces…)."""
    url = (url or "").strip()
    return url if _URL.match(url) else None


def link(url: str, text: str | None = None) -> str:
    """A link for an http(s) URL; anything else is shown as escaped text, never as a link."""
    ok = safe_url(url)
    label = esc(text if text is not None else url)
    if ok is None:
        return label
    return f'<a href="{esc(ok)}" rel="noopener noreferrer">{label}</a>'


def badge_html(status: str, lang: str, *, override: bool = False) -> str:
    """A status badge: colour, symbol and words, with a border style per kind of status."""
    colour = plots.STATUS_COLOURS.get(status, "#BBBBBB")
    background = colour
    if status == "unable_to_assess":  # hatched, so it differs from any colour in grayscale
        background = f"repeating-linear-gradient(45deg, {colour} 0 4px, #ffffff 4px 7px)"
    style = (
        f"background:{background};color:#000;"  # ≥ 4.5:1 on every Okabe–Ito badge colour
        f"border:2px {_BORDER.get(status, 'solid')} #000"
    )
    label = status_label(status, lang) + (" *" if override else "")
    return (
        f'<span class="badge badge-{esc(status)}" style="{style}">'
        f'<span aria-hidden="true">{status_symbol(status)}</span> {esc(label)}</span>'
    )


def _section(lang: str, body: str, extra_class: str = "") -> str:
    cls = ROOT_CLASS + (f" {extra_class}" if extra_class else "")
    return f'<div class="{cls}" lang="{lang}">{body}</div>'


def _w(lang: str, vi: str, en: str) -> str:
    return vi if lang == "vi" else en


# --- the report ----------------------------------------------------------------------------


@dataclass
class Report:
    """One region's assessment as of a year, ready to be shown in one or two languages."""

    ds: Dataset
    region: str
    as_of: int
    langs: tuple[str, ...]
    results: list[Assessment]
    as_of_defaulted: bool = False
    rendered_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().astimezone())
    _refs: dict[str, int] | None = field(default=None, repr=False)
    # charts of the second language, drawn by a helper process while this one draws the first
    _ahead: drawing.ChartsAhead | None = field(default=None, repr=False, compare=False)
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
    ) -> Report:
        """Load and assess: `data_dir` "" = data/, `as_of` 0 = latest year, `lang` vi, en or all.

        With two languages and `draw_ahead` (default: when running in IPython, where the
        `show_*` methods display), a helper process draws the second language's charts.
        """
        from .load import load_dataset

        langs = ("vi", "en") if lang == "all" else (check_lang(lang),)
        ds = load_dataset(data_dir or None)
        defaulted = not as_of
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # stray warnings would be untagged output
            year = default_as_of(ds, region) if defaulted else int(as_of)
            results = assess_all(ds, region, year)
        rep = cls(ds, region, year, langs, results, defaulted)
        if draw_ahead is None:
            ipython = sys.modules.get("IPython")
            draw_ahead = ipython is not None and ipython.get_ipython() is not None
        if draw_ahead and len(langs) > 1:
            jobs = [(key, lang) for key in rep.chart_keys() for lang in langs[1:]]
            rep._ahead = drawing.ChartsAhead(ds, region, year, results, jobs)
        return rep

    def chart_keys(self, years: int = HISTORY_YEARS) -> list[drawing.ChartKey]:
        """The report's charts in the order it shows them."""
        span = tuple(range(self.as_of - years + 1, self.as_of + 1))
        return [("history", span)] + [("indicator", i) for i in self.indicators()]

    def chart_png(self, key: drawing.ChartKey, lang: str, built: list[plots.Chart]) -> bytes:
        """A chart as PNG: drawn ahead by the helper, or here (built once into `built`)."""
        png = self._ahead.take(key, lang) if self._ahead is not None else None
        if png is None:
            if not built:
                chart = drawing.build_chart(self.ds, self.region, self.as_of, self.results, key)
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
            order: list[str] = []

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
            text += " (tiếng Anh)" if lang == "vi" else " (in Vietnamese)"
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

    def _latest_html(self, a: Assessment, lang: str) -> str:
        o = next((o for o in a.observations if o.year == a.latest_year), None)
        if o is None:
            return "–"
        return f"{esc(value_phrase(o, self._unit(a), lang))} <span class='muted'>({o.year})</span>"

    def _override_html(self, a: Assessment, lang: str) -> str:
        if not (a.override_reason or "manual_override" in a.flags):
            return ""
        computed = status_label(a.computed_status, lang)
        return (
            '<div class="override">* '
            + _w(lang, "Điều chỉnh thủ công: ", "Manual override: ")
            + esc(a.override_reason)
            + " "
            + esc(_w(lang, f"(trạng thái tính được: {computed})", f"(computed status: {computed})"))
            + "</div>"
        )

    # --- HTML fragments ----------------------------------------------------------------------

    def title_html(self, lang: str) -> str:
        """Title, as-of year, date of rendering and what the report covers."""
        region = self.region_name(lang)
        when = fmt_datetime(self.rendered_at, lang)
        counts = Counter(a.status for a in self.results)
        n_prog = len({a.target.programme for a in self.results})
        heading = _w(
            lang,
            f"Đánh giá thực hiện mục tiêu phát triển công nghiệp hỗ trợ — {region}",
            f"Supporting-industry targets: are they on track? — {region}",
        )
        defaulted = (
            _w(
                lang,
                " (năm gần nhất có số liệu chính thức hoặc sơ bộ)",
                " (the latest year with actual or preliminary data)",
            )
            if self.as_of_defaulted
            else ""
        )
        sub = _w(
            lang,
            f"Tính đến năm {self.as_of}{defaulted} · {len(self.results)} mục tiêu của {n_prog} "
            f"kế hoạch, chương trình · lập ngày {when}",
            f"As of {self.as_of}{defaulted} · {len(self.results)} targets of {n_prog} plans and "
            f"programmes · rendered {when}",
        )
        body = f"<style>{CSS}</style><h1>{esc(heading)}</h1><p class='subtitle'>{esc(sub)}</p>"
        if any("SYNTHETIC" in s.title.upper() for s in self.ds.sources.values()):
            body += (
                "<p class='synthetic'>"
                + esc(
                    _w(
                        lang,
                        "DỮ LIỆU TỔNG HỢP (SYNTHETIC) — không phải số liệu thật.",
                        "SYNTHETIC DATA — not real figures.",
                    )
                )
                + "</p>"
            )
        summary = ", ".join(
            f"{counts[s]} {status_label(s, lang).lower()}" for s in STATUSES if counts[s]
        )
        body += f"<p>{esc(_w(lang, 'Tóm tắt: ', 'Summary: ') + summary + '.')}</p>"
        return _section(lang, body)

    def verdicts_html(self, lang: str) -> str:
        """The verdicts at a glance: every target grouped by programme, with badge and why."""
        heads = _w(
            lang,
            ("Trạng thái", "Mục tiêu", "Số mới nhất", "Vì sao (các con số)"),
            ("Status", "Target", "Latest value", "Why (the numbers)"),
        )
        rows = [
            "<thead><tr>"
            + "".join(f"<th scope='col'>{esc(h)}</th>" for h in heads)
            + "</tr></thead><tbody>"
        ]
        for pid, group in self._groups():
            p = self.ds.programmes[pid]
            outlook = _w(lang, " — triển vọng", " — outlook") if p.period[0] > self.as_of else ""
            period = (
                f"{p.period[0]}–{p.period[1]}" if p.period[0] != p.period[1] else str(p.period[0])
            )
            rows.append(
                f"<tr class='group'><th colspan='4' scope='rowgroup'>"
                f"{esc(programme_label(self.ds, pid, lang))} <span class='muted'>({esc(period)}"
                f"{esc(outlook)}) {esc(self.cite(p.source))}</span></th></tr>"
            )
            for a in group:
                t = a.target
                ind = self.ds.indicators[t.indicator]
                override = bool(a.override_reason or "manual_override" in a.flags)
                target = (
                    f"<strong>{esc(indicator_name(ind, lang))}</strong>: "
                    f"{esc(target_phrase(t, ind.unit, lang))} {esc(self.cite(t.source))}"
                )
                rows.append(
                    "<tr>"
                    f"<td>{badge_html(a.status, lang, override=override)}"
                    f"{self._override_html(a, lang)}</td>"
                    f"<td>{target}</td>"
                    f"<td>{self._latest_html(a, lang)}</td>"
                    f"<td>{esc(why(self.ds, a, lang))}</td>"
                    "</tr>"
                )
        rows.append("</tbody>")
        legend = " ".join(badge_html(s, lang) for s in STATUSES)
        title = _w(lang, "Kết quả đánh giá", "The verdicts at a glance")
        note = _w(
            lang,
            "Mỗi trạng thái có màu, ký hiệu và chữ riêng; viền liền = kết luận cuối cùng, viền "
            "gạch = tiến độ giữa kỳ, viền chấm = chưa đủ số liệu. Dấu * = điều chỉnh thủ công.",
            "Each status has its own colour, symbol and words; solid border = final verdict, "
            "dashed = progress before the target year, dotted = not enough data. "
            "* = set manually.",
        )
        return _section(
            lang,
            f"<h2>{esc(title)}</h2><p class='legend'>{legend}</p>"
            f"<p class='muted'>{esc(note)}</p><table class='cnht verdicts'>{''.join(rows)}</table>",
        )

    def _groups(self) -> list[tuple[str, list[Assessment]]]:
        """Results grouped by programme: current and past programmes first, then outlooks."""
        order = list(self.ds.programmes)
        groups: dict[str, list[Assessment]] = {}
        for a in self.results:
            groups.setdefault(a.target.programme, []).append(a)
        keys = sorted(
            groups,
            key=lambda pid: (self.ds.programmes[pid].period[0] > self.as_of, order.index(pid)),
        )
        return [(k, groups[k]) for k in keys]

    def key_messages_html(self, lang: str) -> str:
        """The key messages, written from the results."""
        items = "".join(f"<li>{esc(m)}</li>" for m in key_messages(self, lang))
        title = _w(lang, "Những điểm chính", "Key messages")
        return _section(lang, f"<h2>{esc(title)}</h2><ul class='messages'>{items}</ul>")

    def section_intro_html(self, indicator: str, lang: str) -> str:
        """An indicator section's heading and what the chart shows."""
        ind = self.ds.indicators[indicator]
        obs = self._section_observations(indicator)
        mine = [a for a in self.results if a.target.indicator == indicator]
        parts = [f"<h3>{esc(indicator_name(ind, lang))}</h3>"]
        desc = ind.description_vi if lang == "vi" else ind.description_en
        if desc:
            parts.append(f"<p>{esc(desc)}</p>")
        if obs:
            kinds = Counter(o.status for o in obs)
            kinds_text = ", ".join(f"{n} {obs_status_label(k, lang)}" for k, n in kinds.items())
            text = _w(
                lang,
                f"Số liệu: {len(obs)} năm ({years_span([o.year for o in obs])}; {kinds_text}); "
                f"{len(mine)} mục tiêu.",
                f"Data: {len(obs)} year{'' if len(obs) == 1 else 's'} "
                f"({years_span([o.year for o in obs])}; {kinds_text}); {_targets(len(mine))}.",
            )
        else:
            text = _w(
                lang,
                f"Chưa có số liệu nào đến năm {self.as_of}; {len(mine)} mục tiêu.",
                f"No data up to {self.as_of}; {_targets(len(mine))}.",
            )
        parts.append(f"<p class='muted'>{esc(text)}</p>")
        return _section(lang, "".join(parts))

    def figure(self, indicator: str, lang: str) -> Figure:
        """The section's chart in `lang`."""
        return plots.indicator_chart(
            self.ds, self.region, indicator, self.results, lang, self.as_of
        )

    def chart_alt(self, indicator: str, lang: str) -> str:
        """Alt text of a section's chart."""
        name = indicator_name(self.ds.indicators[indicator], lang)
        return _w(lang, f"Biểu đồ: {name}, số liệu và mục tiêu", f"Chart: {name}, data and targets")

    def section_table_html(self, indicator: str, lang: str) -> str:
        """The numbers behind a section's chart: the forecast, the targets and the data."""
        ind = self.ds.indicators[indicator]
        unit = ind.unit
        mine = [a for a in self.results if a.target.indicator == indicator]
        parts = []
        fan = plots.fan_assessment(mine)
        if fan is not None:
            parts.append(f"<p>{esc(fan_caption(self, fan, lang))}</p>")
        contexts = plots.context_indicators(self.ds, self.region, indicator)
        for c in contexts:
            cname = indicator_name(self.ds.indicators[c], lang)
            parts.append(
                "<p class='muted'>"
                + esc(
                    _w(
                        lang,
                        f"Đường chấm màu xám là số liệu bối cảnh ({cname}), không phải chỉ tiêu "
                        "này; nó chỉ giúp hình dung xu hướng chung.",
                        f"The grey dotted line is a context series ({cname}), not this "
                        "indicator; it only shows the general trend.",
                    )
                )
                + "</p>"
            )
        heads = _w(
            lang,
            ("Mục tiêu", "Kế hoạch, chương trình", "Năm", "Ngưỡng", "Trạng thái"),
            ("Target", "Plan or programme", "Year", "Threshold", "Status"),
        )
        rows = ["<tr>" + "".join(f"<th scope='col'>{esc(h)}</th>" for h in heads) + "</tr>"]
        for a in mine:
            t = a.target
            threshold = (
                fmt_percent(t.value, lang, 1)
                if t.is_growth
                else fmt_value(a.threshold, unit, lang, exact=True)
            )
            rows.append(
                "<tr>"
                f"<td>{esc(target_phrase(t, unit, lang))}</td>"
                f"<td>{esc(programme_label(self.ds, t.programme, lang))}</td>"
                f"<td class='num'>{t.year}</td><td class='num'>{esc(threshold)}</td>"
                f"<td>{badge_html(a.status, lang, override=bool(a.override_reason))}</td>"
                "</tr>"
            )
        parts.append(f"<table class='cnht targets'>{''.join(rows)}</table>")
        obs = self._section_observations(indicator)
        if obs:
            heads = _w(
                lang,
                ("Năm", "Giá trị", "Loại số liệu", "Nguồn", "Ghi chú"),
                ("Year", "Value", "Kind of figure", "Source", "Note"),
            )
            rows = ["<tr>" + "".join(f"<th scope='col'>{esc(h)}</th>" for h in heads) + "</tr>"]
            for o in obs:
                rows.append(
                    "<tr>"
                    f"<td class='num'>{o.year}</td>"
                    f"<td class='num'>{esc(value_phrase(o, unit, lang, status=False))}</td>"
                    f"<td>{esc(obs_status_label(o.status, lang))}"
                    f"{esc(_w(lang, ', định nghĩa mới', ', new definition')) if o.breaks else ''}"
                    "</td>"
                    f"<td>{esc(self.cite(o.source))}</td>"
                    f"<td class='muted'>{esc(self.note_text(o, lang))}</td>"
                    "</tr>"
                )
            parts.append(f"<table class='cnht observations'>{''.join(rows)}</table>")
        return _section(lang, "".join(parts))

    def unassessable_html(self, lang: str) -> str:
        """What cannot be assessed, and the figures that would make it assessable."""
        unable = [a for a in self.results if a.computed_status == "unable_to_assess"]
        title = _w(
            lang,
            "Những gì chưa đánh giá được và số liệu cần có",
            "What we cannot assess, and what data would fix it",
        )
        if not unable:
            text = _w(lang, "Mọi mục tiêu đều đánh giá được.", "Every target could be assessed.")
            return _section(lang, f"<h2>{esc(title)}</h2><p>{esc(text)}</p>")
        no_data = [
            i
            for i in dict.fromkeys(a.target.indicator for a in unable)
            if not self._section_observations(i)
        ]
        intro = _w(
            lang,
            f"{len(unable)} trong {len(self.results)} mục tiêu chưa đánh giá được. "
            "Lý do gần như luôn là thiếu số liệu công bố, không phải thiếu phương pháp: "
            "bảng dưới nêu đúng con số cần có cho từng mục tiêu. Chỉ cần công bố các con số "
            "này (kể cả số ước tính hay sơ bộ) là các mục tiêu tương ứng đánh giá được.",
            f"{len(unable)} of the {len(self.results)} targets cannot be assessed. The reason is "
            "almost always missing published data, not missing method: the table names the exact "
            "figure each target needs. Publishing these figures (even as estimates or preliminary "
            "figures) would make the targets assessable.",
        )
        parts = [f"<h2>{esc(title)}</h2><p>{esc(intro)}</p>"]
        if no_data:
            names = join_words(
                [lower_first(indicator_name(self.ds.indicators[i], lang)) for i in no_data], lang
            )
            parts.append(
                "<p><strong>"
                + esc(
                    _w(
                        lang,
                        f"Chưa có bất kỳ số liệu nào (đến năm {self.as_of}) về {names}.",
                        f"No figure at all (up to {self.as_of}) exists for {names}.",
                    )
                )
                + "</strong></p>"
            )
        # first the shopping list, one line per indicator; then the detail per target
        parts.append(f"<h3>{esc(_w(lang, 'Số liệu cần thu thập', 'Figures to collect'))}</h3><ul>")
        for indicator in dict.fromkeys(a.target.indicator for a in unable):
            mine = [a for a in unable if a.target.indicator == indicator]
            wanted = merge_figures(
                [n for a in mine for n in missing_figures(self.ds, a, lang)],
                lower_first(indicator_name(self.ds.indicators[indicator], lang)),
            )
            count = _w(lang, f"{len(mine)} mục tiêu", _targets(len(mine)))
            parts.append(
                f"<li><strong>{esc(indicator_name(self.ds.indicators[indicator], lang))}</strong>"
                f" <span class='muted'>({esc(count)})</span>: " + esc("; ".join(wanted)) + "</li>"
            )
        parts.append("</ul>")
        heads = _w(
            lang,
            ("Mục tiêu", "Vì sao chưa đánh giá được", "Số liệu cần có"),
            ("Target", "Why it cannot be assessed", "Data that would fix it"),
        )
        rows = ["<tr>" + "".join(f"<th scope='col'>{esc(h)}</th>" for h in heads) + "</tr>"]
        for a in unable:
            ind = self.ds.indicators[a.target.indicator]
            need = missing_figures(self.ds, a, lang)
            target = (
                f"<strong>{esc(indicator_name(ind, lang))}</strong>: "
                f"{esc(target_phrase(a.target, ind.unit, lang))}<br>"
                f"<span class='muted'>{esc(programme_label(self.ds, a.target.programme, lang))}"
                "</span>"
            )
            rows.append(
                f"<tr><td>{target}</td><td>{esc(why(self.ds, a, lang))}</td>"
                f"<td>{'<br>'.join(esc(n) for n in need)}</td></tr>"
            )
        parts.append(
            f"<h3>{esc(_w(lang, 'Chi tiết từng mục tiêu', 'Target by target'))}</h3>"
            f"<table class='cnht unassessable'>{''.join(rows)}</table>"
        )
        return _section(lang, "".join(parts))

    def explanations_html(self, lang: str) -> str:
        """The numbers behind each status, in words (the text of `cnht explain`)."""
        title = _w(lang, "Các con số đằng sau mỗi trạng thái", "The numbers behind each status")
        parts = [f"<h2>{esc(title)}</h2>"]
        for a in self.results:
            lines = explain_lines(self.ds, a, lang, cite=self.cite)
            override = bool(a.override_reason or "manual_override" in a.flags)
            parts.append(
                "<div class='explain'>"
                f"<h3>{badge_html(a.status, lang, override=override)} {esc(lines[0])}</h3>"
                + self._override_html(a, lang)
                + "<ul>"
                + "".join(f"<li>{esc(line.strip())}</li>" for line in lines[1:])
                + "</ul></div>"
            )
        return _section(lang, "".join(parts))

    def sources_html(self, lang: str) -> str:
        """Numbered references with links (http and https only)."""
        title = _w(lang, "Nguồn", "Sources")
        items = []
        for sid, n in sorted(self.refs.items(), key=lambda kv: kv[1]):
            s = self.ds.sources[sid]
            bits = [esc(s.publisher)] if s.publisher else []
            if s.title:
                bits.append(f"“{esc(s.title)}”")
            if s.date:
                bits.append(esc(fmt_iso_date(s.date, lang)))
            if s.url:
                bits.append(link(s.url))
            bits.append(f"<span class='muted'>({esc(sid)})</span>")
            items.append(f"<li value='{n}'>{', '.join(bits)}</li>")
        return _section(lang, f"<h2>{esc(title)}</h2><ol class='sources'>{''.join(items)}</ol>")

    def method_html(self, lang: str) -> str:
        """How statuses and probabilities are computed, in plain words."""
        return _section(lang, method_body(lang))

    def provenance_html(self, lang: str) -> str:
        """Package version, input file hashes, as-of year and when it was rendered."""
        title = _w(lang, "Nguồn gốc báo cáo", "Provenance")
        rows = [
            (_w(lang, "Phần mềm", "Software"), f"cnht-analysis {__version__}"),
            (_w(lang, "Địa bàn", "Region"), f"{self.region_name(lang)} ({self.region})"),
            (_w(lang, "Năm đánh giá", "As-of year"), str(self.as_of)),
            (_w(lang, "Thời điểm lập", "Rendered"), fmt_datetime(self.rendered_at, lang)),
            (_w(lang, "Thư mục số liệu", "Data directory"), self.ds.data_dir.name),
        ]
        body = "".join(f"<tr><th scope='row'>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
        files = sorted(self.ds.files, key=lambda p: p.name)
        hashes = "".join(
            f"<tr><td>{esc(p.name)}</td><td class='hash'>{sha256_of(p)}</td></tr>"
            for p in files
            if p.is_file()
        )
        head = _w(lang, ("Tệp đầu vào", "SHA-256"), ("Input file", "SHA-256"))
        return _section(
            lang,
            f"<h2>{esc(title)}</h2><table class='cnht'>{body}</table>"
            f"<table class='cnht'><tr><th>{esc(head[0])}</th><th>{esc(head[1])}</th></tr>"
            f"{hashes}</table>",
        )

    # --- display in a notebook ---------------------------------------------------------------

    def _display_html(self, make: Callable[[str], str]) -> None:
        from IPython.display import HTML, display

        for lang in self.langs:
            display(HTML(make(lang)), metadata={"tags": [LANG_TAGS[lang]]})

    def show_title(self) -> None:
        """Display the title in each language."""
        self._display_html(self.title_html)

    def show_verdicts(self) -> None:
        """Display the verdicts at a glance."""
        self._display_html(self.verdicts_html)

    def show_key_messages(self) -> None:
        """Display the key messages."""
        self._display_html(self.key_messages_html)

    def show_since_last_year(self, years: int = 5, previous_data_dir: str | Path = "") -> None:
        """Display which verdicts moved since last year and why, with the status-by-year chart."""
        from IPython.display import HTML, Image, display

        from .history import since_last_year_text

        key = self.chart_keys(years)[0]
        built: list[plots.Chart] = []  # built once, relabelled per language
        for lang in self.langs:
            tag = {"tags": [LANG_TAGS[lang]]}
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # stray warnings would be untagged output
                previous = previous_data_dir or None
                sentences = since_last_year_text(
                    self.ds, self.region, self.as_of, lang, previous_data_dir=previous
                )
                png = self.chart_png(key, lang, built)
            title = _w(lang, "Thay đổi so với năm trước", "Since last year")
            items = "".join(f"<li>{esc(s)}</li>" for s in sentences)
            body = f"<h2>{esc(title)}</h2><ul class='messages'>{items}</ul>"
            display(HTML(_section(lang, body)), metadata=tag)
            alt = _w(
                lang,
                "Biểu đồ: trạng thái từng mục tiêu qua các năm đánh giá",
                "Chart: each target's status by as-of year",
            )
            display(Image(data=png, format="png", metadata={"alt": alt}), metadata=tag)

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
        title = {lang: _w(lang, "Từng chỉ tiêu", "Indicator by indicator") for lang in self.langs}
        self._display_html(lambda lang: _section(lang, f"<h2>{esc(title[lang])}</h2>"))
        for indicator in self.indicators():
            self.show_indicator_section(indicator)

    def show_unassessable(self) -> None:
        """Display what cannot be assessed and the data that would fix it."""
        self._display_html(self.unassessable_html)

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


_PLAIN_YEARS = re.compile(r"^(năm|for) (\d{4})(?:–(\d{4}))?$")


def merge_figures(figures: list[str], name: str) -> list[str]:
    """Figures of one indicator without the repeated name, plain years merged into one span.

    ['x năm 2020', 'x năm 2021', 'x năm 2024 dưới dạng …'] → ['năm 2020–2021', 'năm 2024 dưới …']
    """
    years: list[int] = []
    word = ""
    rest: list[str] = []
    for f in dict.fromkeys(figures):
        tail = f[len(name) + 1 :] if f.startswith(name + " ") else f
        m = _PLAIN_YEARS.match(tail)
        if m:
            word = m.group(1)
            first, last = int(m.group(2)), int(m.group(3) or m.group(2))
            years += range(first, last + 1)
        else:
            rest.append(tail)
    head = [f"{word} {years_span(years)}"] if years else []
    return head + rest


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
    return _w(
        lang,
        f"Dự báo năm {year} ({model}): {mean}, khoảng 80 % từ {lo} đến {hi}. Xác suất đạt mục "
        f"tiêu {a.target.year} (trung vị các mô hình): {p} — {term}.",
        f"Forecast for {year} ({model}): {mean}, 80% range {lo} to {hi}. Probability of meeting "
        f"the {a.target.year} target (median of the models): {p} — {term}.",
    )


def _decided_sentence(rep: Report, a: Assessment, lang: str) -> str:
    t = a.target
    ds = rep.ds
    ind = ds.indicators[t.indicator]
    name = lower_first(indicator_name(ind, lang))
    prog = programme_short(ds, t.programme, lang)
    goal = target_phrase(t, ind.unit, lang, short=True)
    if t.is_growth:
        got = join_words(
            [f"{fmt_percent(g, lang, 1, sign=True)} ({y})" for y, g in a.window_observed], lang
        )
        if a.status == "achieved":
            verb = _w(lang, "đạt mục tiêu", "meeting the target of")
        else:
            verb = _w(lang, "không đạt mục tiêu", "missing the target of")
        text = _w(
            lang,
            f"{indicator_name(ind, lang)}: {got}, {verb} {goal} của {prog}.",
            f"{indicator_name(ind, lang)}: {got}, {verb} {goal} set by {prog}.",
        )
    else:
        o = next((o for o in a.observations if o.year == t.year), None)
        if o is None:
            return ""
        v = value_phrase(o, ind.unit, lang)
        better = o.value > t.value if t.type != "at_most" else o.value < t.value
        if a.computed_status == "achieved" and better:
            verb = _w(lang, "vượt mục tiêu", "beating the target of")
        elif a.computed_status == "achieved":
            verb = _w(
                lang, "đạt mục tiêu (trong dung sai)", "meeting (within tolerance) the target of"
            )
        else:
            verb = _w(lang, "không đạt mục tiêu", "missing the target of")
        text = _w(
            lang,
            f"Năm {t.year}, {name} là {v}, {verb} {goal} của {prog}.",
            f"In {t.year}, {name}: {v}, {verb} {goal} set by {prog}.",
        )
        if o.status == "derived":
            text += " " + _w(
                lang,
                "Lưu ý: đây là số suy ra từ một phát biểu của nguồn, chưa phải số thống kê được "
                "công bố.",
                "Note: this figure is derived from a statement in a source; it is not a published "
                "statistic.",
            )
        elif o.status in ("estimate", "preliminary"):
            text += " " + _w(
                lang,
                f"Đây là {obs_status_label(o.status, lang)}, có thể còn được điều chỉnh.",
                f"This is {'an' if o.status == 'estimate' else 'a'} {o.status} figure and may "
                "be revised.",
            )
    if a.override_reason:
        text += " " + _w(
            lang,
            f"Trạng thái được điều chỉnh thủ công thành “{status_label(a.status, lang)}”: "
            f"{nfc(a.override_reason)} (trạng thái tính được: "
            f"{status_label(a.computed_status, lang).lower()}).",
            f"The status was set manually to “{status_label(a.status, lang)}”: "
            f"{nfc(a.override_reason)} (computed status: "
            f"{status_label(a.computed_status, lang).lower()}).",
        )
    return text


def _progress_sentence(rep: Report, a: Assessment, lang: str) -> str:
    t = a.target
    ind = rep.ds.indicators[t.indicator]
    goal = target_phrase(t, ind.unit, lang, short=True)
    prog = programme_short(rep.ds, t.programme, lang)
    status = status_label(a.status, lang).lower()
    name = indicator_name(ind, lang)
    if t.is_growth and a.cagr_actual is not None:
        years = years_span([y for y, _ in a.window_observed]) or "–"
        w = t.window or (t.year, t.year)
        got = fmt_rate(a.cagr_actual, lang)
        text = _w(
            lang,
            f"{name}: bình quân {years} đạt {got}, so với mục tiêu {goal} giai đoạn "
            f"{w[0]}–{w[1]} của {prog} — {status}.",
            f"{name}: {got} on average over {years}, against the target of {goal} for "
            f"{w[0]}–{w[1]} set by {prog} — {status}.",
        )
    elif a.ratio is not None and a.cagr_actual is not None and a.cagr_required is not None:
        need, got = fmt_rate(a.cagr_required, lang), fmt_rate(a.cagr_actual, lang)
        text = _w(
            lang,
            f"{name}: để đạt {goal} vào năm {t.year} ({prog}) cần tăng {need} từ năm "
            f"{a.base_year}; thực tế đạt {got} — {status}.",
            f"{name}: reaching {goal} by {t.year} ({prog}) needs {need} from {a.base_year}; "
            f"so far {got} — {status}.",
        )
    else:
        text = f"{name}: {goal}, {t.year} ({prog}) — {status}: {why(rep.ds, a, lang)}."
    if a.p_attain is not None:
        p = fmt_probability(a.p_attain, lang)
        term = likelihood_label(a.likelihood, lang)
        text += " " + _w(
            lang,
            f"Xác suất đạt theo các mô hình xu hướng: {p} ({term}).",
            f"Probability of meeting it from the trend models: {p} ({term}).",
        )
    return text


def _targets(n: int) -> str:
    return f"{n} target{'' if n == 1 else 's'}"


def _overview_sentence(rep: Report, lang: str) -> str:
    res = rep.results
    counts = Counter(a.status for a in res)
    region = rep.region_name(lang)
    n = len(res)
    head = _w(
        lang,
        f"Tính đến năm {rep.as_of}, {region} có {n} mục tiêu công nghiệp hỗ trợ.",
        f"As of {rep.as_of}, {region} has {n} supporting-industry target{'' if n == 1 else 's'}.",
    )
    clauses = []
    decided = [s for s in ("achieved", "missed") if counts[s]]
    if decided:
        k = sum(counts[s] for s in decided)
        parts = join_words([f"{counts[s]} {status_label(s, lang).lower()}" for s in decided], lang)
        clauses.append(
            _w(
                lang,
                f"{k} mục tiêu đã có kết luận cuối cùng ({parts})",
                f"{_targets(k)} {'has' if k == 1 else 'have'} a final verdict ({parts})",
            )
        )
    moving = [
        s
        for s in ("on_track", "acceleration_needed", "limited_progress", "deterioration")
        if counts[s]
    ]
    if moving:
        k = sum(counts[s] for s in moving)
        parts = join_words([f"{counts[s]} {status_label(s, lang).lower()}" for s in moving], lang)
        clauses.append(
            _w(
                lang,
                f"{k} mục tiêu được đánh giá tiến độ ({parts})",
                f"{_targets(k)} {'is' if k == 1 else 'are'} assessed for progress ({parts})",
            )
        )
    if counts["unable_to_assess"]:
        k = counts["unable_to_assess"]
        share = fmt_percent(100.0 * k / n, lang, 0)
        clauses.append(
            _w(
                lang,
                f"{k} mục tiêu ({share}) chưa đủ số liệu để đánh giá",
                f"{_targets(k)} ({share}) cannot be assessed for lack of data",
            )
        )
    if not clauses:
        return head
    body = join_words(clauses, lang)
    return f"{head} {body[0].upper()}{body[1:]}."


def key_messages(rep: Report, lang: str) -> list[str]:
    """Plain sentences written from the results (none is shown when the data do not support it)."""
    res = rep.results
    ds = rep.ds
    msgs = [_overview_sentence(rep, lang)]
    final = sorted(
        (a for a in res if a.status in ("achieved", "missed") and a.target.year <= rep.as_of),
        key=lambda a: (-a.target.year, a.target.id),
    )
    msgs += [s for s in (_decided_sentence(rep, a, lang) for a in final[:3]) if s]
    moving = sorted(
        (
            a
            for a in res
            if a.status in ("on_track", "acceleration_needed", "limited_progress", "deterioration")
        ),
        key=lambda a: (a.target.year, a.target.id),
    )
    msgs += [_progress_sentence(rep, a, lang) for a in moving[:3]]
    bounded = [
        a
        for a in res
        if a.computed_status == "unable_to_assess"
        and ("lower_bound" in a.flags or "upper_bound" in a.flags)
    ]
    for a in bounded[:1]:
        o = next((o for o in a.observations if o.year == a.latest_year), None)
        if o is None:
            continue
        ind = ds.indicators[a.target.indicator]
        v = value_phrase(o, ind.unit, lang, status=False)
        goal = target_phrase(a.target, ind.unit, lang, short=True)
        side = (
            _w(lang, "dưới", "a lower")
            if o.qualifier == "more_than"
            else _w(lang, "trên", "an upper")
        )
        msgs.append(
            _w(
                lang,
                f"Số mới nhất về {lower_first(indicator_name(ind, lang))} là “{v}” (năm {o.year}). "
                f"Đây chỉ là giới hạn {side}, nên chưa thể nói mục tiêu {goal} vào năm "
                f"{a.target.year} đang đúng hay chậm tiến độ; cần một con số cụ thể.",
                f"The latest figure for {lower_first(indicator_name(ind, lang))} is “{v}” "
                f"({o.year}). It is only {side} bound, so we cannot tell whether the target of "
                f"{goal} by {a.target.year} is on track; a definite figure is needed.",
            )
        )
    unable_res = [a for a in res if a.computed_status == "unable_to_assess"]
    no_data = [
        i
        for i in dict.fromkeys(a.target.indicator for a in unable_res)
        if not series(ds, rep.region, i, rep.as_of)
    ]
    if no_data:
        n = sum(1 for a in unable_res if a.target.indicator in no_data)
        names = join_words(
            [lower_first(indicator_name(ds.indicators[i], lang)) for i in no_data], lang
        )
        msgs.append(
            _w(
                lang,
                f"Chưa có bất kỳ số liệu công bố nào về {names}, nên {n} mục tiêu gắn với "
                f"{'các chỉ tiêu này' if len(no_data) > 1 else 'chỉ tiêu này'} không thể đánh "
                "giá. Công bố các số liệu này là cách nhanh nhất để báo cáo trả lời được câu hỏi "
                "“có đạt mục tiêu không”.",
                f"No figure has been published for {names}, so "
                f"{_targets(n)} on "
                f"{'these indicators' if len(no_data) > 1 else 'this indicator'} cannot be "
                "assessed. Publishing these figures is the quickest way for this report to answer "
                "“is the target being met?”.",
            )
        )
    msgs += _context_messages(rep, lang)
    return msgs


def _context_messages(rep: Report, lang: str) -> list[str]:
    """Context series next to growth targets that have no data of their own."""
    out = []
    for indicator in rep.indicators():
        if series(rep.ds, rep.region, indicator, rep.as_of):
            continue
        growth = [a for a in rep.results if a.target.indicator == indicator and a.target.is_growth]
        if not growth:
            continue
        ref = max(growth, key=lambda a: (a.target.year, a.target.id))
        for c in plots.context_indicators(rep.ds, rep.region, indicator):
            last = series(rep.ds, rep.region, c, rep.as_of)[-1]
            cname = indicator_name(rep.ds.indicators[c], lang)
            name = lower_first(indicator_name(rep.ds.indicators[indicator], lang))
            v = fmt_percent(last.value, lang, 1)
            x = fmt_percent(ref.target.value, lang, 1)
            if last.value > ref.target.value:
                side = _w(lang, "cao hơn", "above")
            elif last.value < ref.target.value:
                side = _w(lang, "thấp hơn", "below")
            else:
                side = _w(lang, "bằng", "equal to")
            kind = obs_status_label(last.status, lang)
            out.append(
                _w(
                    lang,
                    f"Để tham khảo: {lower_first(cname)} năm {last.year} là {v} ({kind}), {side} "
                    f"mức {x} mà các mục tiêu đặt ra cho {name}. Đây là số liệu bối cảnh, không "
                    "phải chỉ tiêu của mục tiêu, nên không dùng để đánh giá.",
                    f"For context: {lower_first(cname)} in {last.year} was {v} ({kind}), {side} "
                    f"the {x} the targets set for {name}. This is a context series, not the "
                    "targets' indicator, so it is not used to assess them.",
                )
            )
    return out


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
    title = _w(lang, "Phương pháp", "Method")
    paras = _w(
        lang,
        [
            "Mỗi mục tiêu được so với số liệu đến năm đánh giá; số liệu sau năm đó bị bỏ qua.",
            "Khi năm mục tiêu đã qua: đạt nếu số liệu năm mục tiêu đạt ngưỡng, không đạt nếu "
            "không; nếu năm đó chưa có số liệu thì “chưa đủ số liệu”. Ngưỡng = giá trị mục tiêu "
            "trừ dung sai (mục tiêu “khoảng” có dung sai 3 % với số lượng, 0,5 điểm phần trăm với "
            "tỷ lệ).",
            "Khi năm mục tiêu chưa đến: nếu số mới nhất đã đạt ngưỡng thì “đã đạt” (đạt sớm). Nếu "
            "chưa, so tốc độ tăng bình quân đã đạt từ năm gốc với tốc độ cần có để chạm ngưỡng "
            "đúng hạn (tỷ số = đạt/cần), theo cách làm của Eurostat và Thống kê Canada:",
        ],
        [
            "Each target is compared with the data up to the as-of year; later data are ignored.",
            "When the target year has passed: achieved if the figure for that year meets the "
            "threshold, missed if not; without a figure for that year, “unable to assess”. "
            "Threshold = target value minus the tolerance (“about” targets get 3% for counts and "
            "0.5 percentage points for shares).",
            "Before the target year: if the latest figure already meets the threshold, "
            "“achieved” (early). Otherwise the average yearly growth achieved since the base year "
            "is compared with the growth needed to reach the threshold on time (ratio = "
            "achieved/needed), as Eurostat and Statistics Canada do:",
        ],
    )
    body = [f"<h2>{esc(title)}</h2>"] + [f"<p>{esc(p)}</p>" for p in paras]
    head = _w(lang, ("Tỷ số", "Trạng thái"), ("Ratio", "Status"))
    body.append(
        f"<table class='cnht'><tr><th>{esc(head[0])}</th><th>{esc(head[1])}</th></tr>"
        + "".join(
            f"<tr><td>{esc(r)}</td><td>{badge_html(s, lang)}</td></tr>" for r, s in ratio_rows
        )
        + "</table>"
    )
    more = _w(
        lang,
        [
            "Mục tiêu về mức tăng (ví dụ “chỉ số tăng trên 11 %/năm”) dùng mức tăng bình quân "
            "nhân của các năm đã có trong giai đoạn áp dụng; sau giai đoạn, mọi năm đều phải đạt.",
            "Số ước tính, sơ bộ và số suy ra (do chúng tôi tính từ một phát biểu của nguồn) đều "
            "được dùng nhưng được ghi chú. Số “hơn …” là giới hạn dưới: chỉ chứng minh được “đã "
            "đạt” hoặc “đúng tiến độ”. Khi định nghĩa chỉ tiêu thay đổi, chỉ dùng số liệu từ lần "
            "thay đổi gần nhất.",
            "Xác suất đạt mục tiêu được tính khi có ít nhất 4 quan sát, từ ba mô hình xu hướng "
            "(tuyến tính, log-tuyến tính hoặc logit cho tỷ lệ, bước ngẫu nhiên có xu hướng; với "
            "mục tiêu mức tăng: mô hình mức tăng độc lập). Báo cáo nêu trung vị và khoảng của các "
            "mô hình, diễn đạt theo thang khả năng của IPCC:",
        ],
        [
            "Growth targets (e.g. “the index grows by more than 11% a year”) use the geometric "
            "mean growth of the observed years of the period they apply to; once the period is "
            "over, every year must meet it.",
            "Estimates, preliminary figures and derived figures (computed by us from a statement "
            "in a source) are used and flagged. A “more than …” figure is a lower bound: it can "
            "prove only “achieved” or “on track”. When an indicator's definition changes, only "
            "data from the latest change on are used.",
            "The probability of meeting a target is computed when there are at least 4 "
            "observations, from three trend models (linear; log-linear, or logit for shares; "
            "random walk with drift; for growth targets an independent-growth model). The report "
            "gives the median and range of the models, worded on the IPCC likelihood scale:",
        ],
    )
    body += [f"<p>{esc(p)}</p>" for p in more]
    head = _w(lang, ("Xác suất", "Cách nói"), ("Probability", "Term"))
    scale_rows = "".join(
        f"<tr><td>{esc(r if lang == 'vi' else r.replace(' %', '%'))}</td>"
        f"<td>{esc(likelihood_label(code, lang))}</td></tr>"
        for code, r in LIKELIHOOD_SCALE
    )
    body.append(
        f"<table class='cnht'><tr><th>{esc(head[0])}</th><th>{esc(head[1])}</th></tr>"
        f"{scale_rows}</table>"
    )
    return "".join(body)


# --- tables for economists (explore.ipynb) ----------------------------------------------------


def observations_frame(ds: Dataset, region: str, indicator: str, lang: str = "vi") -> pd.DataFrame:
    """One series as a pandas DataFrame: year, value, status, qualifier, source, note."""
    import pandas as pd

    obs = series(ds, region, indicator)
    cols = _w(
        lang,
        ("năm", "giá trị", "loại số liệu", "định tính", "nguồn", "ghi chú"),
        ("year", "value", "status", "qualifier", "source", "note"),
    )
    rows = [
        (o.year, o.value, obs_status_label(o.status, lang), o.qualifier, o.source, o.note)
        for o in obs
    ]
    return pd.DataFrame(rows, columns=list(cols))


def assessment_frame(ds: Dataset, results: list[Assessment], lang: str = "vi") -> pd.DataFrame:
    """The assessment as a pandas DataFrame with the status in words and the why line."""
    import pandas as pd

    cols = _w(
        lang,
        ("mục tiêu", "năm", "trạng thái", "xác suất", "vì sao"),
        ("target", "year", "status", "probability", "why"),
    )
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

    cols = _w(
        lang, ("chỉ tiêu", "tên", "đơn vị", "cách tính"), ("indicator", "name", "unit", "derive")
    )
    rows = [(i.id, indicator_name(i, lang), i.unit, i.derive or "") for i in ds.indicators.values()]
    return pd.DataFrame(rows, columns=list(cols))
