"""Words and numbers in Vietnamese and English: the one place for labels and number formats.

Everything a reader sees goes through here: status words, flag explanations, the phrases that
describe a value ("khoảng 930 (số suy ra)"), and numbers, percentages and dates in each
language's convention via Babel (vi: 1.020; 16,5 %; 28 tháng 11, 2026). The functions return
plain text; whoever writes HTML escapes it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import TYPE_CHECKING

from . import status as _status
from .words import t as tw
from .words.catalogue import (
    FLAGS,
    LIKELIHOOD_LABELS,
    MODEL_LABELS,
    OBS_STATUS_LABELS,
    QUALIFIER_WORDS,
    TYPE_LABELS,
    UI,
    UNIT_LABELS,
)

if TYPE_CHECKING:
    from .assess import Assessment
    from .models import Dataset, Indicator, Observation, Target

LANGS = ("vi", "en")
LOCALES = {"vi": "vi_VN", "en": "en_GB"}

# The IPCC scale as the method states it (lower bound of each term), for the method section.
LIKELIHOOD_SCALE = (
    ("virtually_certain", "> 99 %"),
    ("very_likely", "90–99 %"),
    ("likely", "66–90 %"),
    ("about_as_likely_as_not", "33–66 %"),
    ("unlikely", "10–33 %"),
    ("very_unlikely", "1–10 %"),
    ("exceptionally_unlikely", "< 1 %"),
)

# Flags as phrases: defined once, in the words catalogue.
FLAG_LABELS = FLAGS


def ui(key: str, lang: str, **values: object) -> str:
    """A short phrase of the user interface in `lang`, with `values` filled in."""
    text = UI[key][lang]
    return text.format(**values) if values else text


def unit_label(unit: str, lang: str) -> str:
    """An axis label for an indicator's unit."""
    return UNIT_LABELS.get(unit, {}).get(lang, unit)


def nfc(text: str) -> str:
    """Unicode NFC, the form every text we show is in."""
    return unicodedata.normalize("NFC", text)


def check_lang(lang: str) -> str:
    """`lang` if it is 'vi' or 'en'; a usage error naming the choices otherwise."""
    if lang not in LANGS:
        from .errors import UsageError

        raise UsageError(f"--lang: unknown language '{lang}' — expected one of vi, en")
    return lang


def status_label(code: str, lang: str) -> str:
    """The status word in `lang` (the spec's vocabulary, defined in `status.py`)."""
    return _status.label(code, lang)


def status_symbol(code: str) -> str:
    """The shape that marks a status without colour (✔ ✖ ▲ ◆ ▼ ?)."""
    return _status.symbol(code)


def likelihood_label(code: str, lang: str) -> str:
    """The IPCC likelihood term in `lang` ('' for none)."""
    return LIKELIHOOD_LABELS[code][lang] if code else ""


def obs_status_label(code: str, lang: str) -> str:
    """'số suy ra' / 'derived' for an observation status."""
    return OBS_STATUS_LABELS.get(code, {}).get(lang, code)


def qualifier_word(code: str, lang: str) -> str:
    """'khoảng' / 'hơn' / '' for an observation qualifier."""
    return QUALIFIER_WORDS.get(code, {}).get(lang, "")


def model_label(code: str, lang: str) -> str:
    """A trend model's name in words."""
    return MODEL_LABELS.get(code, {}).get(lang, code)


def flag_label(code: str, lang: str) -> str:
    """A flag explained in words; a skipped model is named; unknown codes are shown as they are."""
    if code in FLAG_LABELS:
        return FLAG_LABELS[code][lang]
    if code.startswith("skipped_"):
        return tw("flag.skipped_model", lang, name=model_label(code[len("skipped_") :], lang))
    return code


def skip_reason(reason: str, lang: str) -> str:
    """Why a model was skipped, in `lang`: the engine's `forecast.Reason` carries its key and
    numbers, worded here from the catalogue (a plain string is shown as it is)."""
    words = getattr(reason, "words", None)
    return words(lang) if callable(words) else reason


def lower_first(text: str) -> str:
    """'Số doanh nghiệp' → 'số doanh nghiệp', but 'IIP growth' stays (an acronym)."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


# --- numbers -------------------------------------------------------------------------------


def _missing(x: float | None) -> bool:
    return x is None or (isinstance(x, float) and not math.isfinite(x))


def fmt_number(x: float | None, lang: str, decimals: int = 0, *, sign: bool = False) -> str:
    """A number in the language's convention: vi 1.020 / 16,5; en 1,020 / 16.5; '–' for none."""
    from babel.numbers import format_decimal

    if _missing(x):
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    if sign:
        pattern = "+" + pattern + ";-" + pattern
    return format_decimal(round(x, decimals) + 0.0, format=pattern, locale=LOCALES[lang])


def fmt_percent(x: float | None, lang: str, decimals: int = 1, *, sign: bool = False) -> str:
    """A value already in percent: vi '16,5 %', en '16.5%'."""
    if _missing(x):
        return "–"
    body = fmt_number(x, lang, decimals, sign=sign)
    return tw("num.percent", lang, n=body)


def fmt_rate(fraction: float | None, lang: str, *, sign: bool = True) -> str:
    """A growth rate per year from a fraction: vi '+3,4 %/năm', en '+3.4 %/yr'."""
    if _missing(fraction):
        return "–"
    return fmt_rate_pct(100.0 * fraction, lang, sign=sign)


def fmt_rate_pct(pct: float | None, lang: str, *, sign: bool = False) -> str:
    """A rate per year already in percent: vi '11,0 %/năm', en '11.0 %/yr' (a unit, spaced)."""
    if _missing(pct):
        return "–"
    return f"{fmt_number(pct, lang, 1, sign=sign)} %{ui('per_year', lang)}"


def fmt_probability(p: float | None, lang: str) -> str:
    """A probability as a whole percentage ('62 %' / '62%'); '<1 %' and '>99 %' at the ends."""
    if _missing(p):
        return "–"
    pct = 100.0 * p
    if 0 < pct < 0.5:
        return "< " + fmt_percent(1, lang, 0)
    if 99.5 <= pct < 100:
        return "> " + fmt_percent(99, lang, 0)
    return fmt_percent(pct, lang, 0)


def fmt_value(x: float | None, unit: str, lang: str, *, exact: bool = False) -> str:
    """A value in its indicator's unit (counts whole, percentages with one decimal).

    `exact=True` keeps the first decimal of a count that is not whole (a threshold like 892,4).
    """
    if unit in ("percent", "growth_pct"):
        return fmt_percent(x, lang, 1)
    if unit == "count":
        whole = _missing(x) or abs(x - round(x)) < 1e-9
        return fmt_number(x, lang, 0 if whole or not exact else 1)
    if unit == "ha":
        return f"{fmt_number(x, lang, 0)} ha"
    if unit == "bn_vnd":
        return tw("num.bn_vnd", lang, n=fmt_number(x, lang, 0))
    return fmt_number(x, lang, 1)


def fmt_tick(x: float, unit: str, lang: str) -> str:
    """A chart axis label: whole numbers for counts, percentages without needless decimals."""
    if unit in ("percent", "growth_pct"):
        decimals = 0 if abs(x - round(x)) < 1e-9 else 1
        return fmt_percent(x, lang, decimals)
    decimals = 0 if abs(x - round(x)) < 1e-9 or abs(x) >= 100 else 1
    return fmt_number(x, lang, decimals)


def fmt_date(day: dt.date, lang: str) -> str:
    """A date in words: vi 'ngày 28 tháng 11 năm 2026' (the form of administrative texts),
    en '28 November 2026'."""
    from babel.dates import format_date

    month = format_date(day, "MMMM", locale=LOCALES[lang])  # vi 'tháng 11', en 'November'
    return tw("date", lang, day=day.day, month=month, year=day.year)


def fmt_datetime(moment: dt.datetime, lang: str) -> str:
    """A moment in Hanoi time, in words: '07:03 ngày 28 tháng 11 năm 2026 (giờ Hà Nội, UTC+7)',
    en '07:03, 28 November 2026 (Hanoi time)'; a naive moment is taken as local time."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    from .words.numbers import HANOI

    moment = moment.astimezone(HANOI)  # Hanoi: UTC+7, no daylight saving
    return tw("datetime", lang, time=f"{moment:%H:%M}", date=fmt_date(moment.date(), lang))


def fmt_iso_date(text: str, lang: str) -> str:
    """An ISO date from the data ('2023-01-04') in words; anything else as it is."""
    try:
        return fmt_date(dt.date.fromisoformat(text), lang)
    except ValueError:
        return text


# --- phrases about values and targets -------------------------------------------------------


def value_phrase(o: Observation, unit: str, lang: str, *, status: bool = True) -> str:
    """An observed value as a reader would say it: 'khoảng 930 (số suy ra)', 'hơn 900'."""
    word = qualifier_word(o.qualifier, lang)
    text = (word + " " if word else "") + fmt_value(o.value, unit, lang)
    if status and o.status != "actual":
        text += f" ({obs_status_label(o.status, lang)})"
    return text


def target_phrase(t: Target, unit: str, lang: str, *, short: bool = False) -> str:
    """What the target asks, in words: 'khoảng 920 (tính đạt từ 892,4), năm 2022'.

    `short=True` leaves out the threshold and the year: 'khoảng 920', 'tăng trên 11,0 %/năm'.
    """
    value = fmt_value(t.value, unit, lang, exact=True)
    if short:
        if t.type in ("growth_above", "growth_at_least"):
            return f"{TYPE_LABELS[t.type][lang]} {fmt_rate_pct(t.value, lang)}"
        if t.type == "band":
            lo, hi = (fmt_value(v, unit, lang, exact=True) for v in t.band)
            return f"{TYPE_LABELS['band'][lang]} {lo}–{hi}"
        word = qualifier_word("about", lang) if t.tolerance > 0 else TYPE_LABELS[t.type][lang]
        return f"{word} {value}"
    if t.type in ("growth_above", "growth_at_least"):
        head = f"{TYPE_LABELS[t.type][lang]} {fmt_rate_pct(t.value, lang)}"
        w = t.window or (t.year, t.year)
        if w[0] != w[1]:
            return f"{head}, {ui('every_year', lang, w0=w[0], w1=w[1])}"
        return f"{head}, {ui('in_year', lang, year=w[0])}"
    tol = t.tolerance
    if t.type == "band":
        lo, hi = t.band
        body = f"{fmt_value(lo, unit, lang, exact=True)}–{fmt_value(hi, unit, lang, exact=True)}"
        head = f"{TYPE_LABELS['band'][lang]} {body}"
    elif tol > 0:
        about = qualifier_word("about", lang)
        met = ui("met_from", lang, c=fmt_value(t.threshold, unit, lang, exact=True))
        head = f"{about} {value} ({met})"
    else:
        head = f"{TYPE_LABELS[t.type][lang]} {value}"
    return f"{head}, {ui('by_year', lang, year=t.year)}"


def join_words(items: list[str], lang: str) -> str:
    """'a, b và c' / 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return tw("join.last", lang, items=", ".join(items[:-1]), last=items[-1])


def programme_short(ds: Dataset, programme_id: str, lang: str) -> str:
    """A programme's document number if it has one ('Kế hoạch 35/KH-UBND'), else its name."""
    p = ds.programmes[programme_id]
    return nfc(p.document) if p.document else nfc(p.name(lang))


def indicator_name(ind: Indicator, lang: str) -> str:
    """The indicator's display name in `lang`, NFC."""
    return nfc(ind.name(lang))


def programme_label(ds: Dataset, programme_id: str, lang: str) -> str:
    """A programme's name with its document number: 'Kế hoạch … năm 2022 (Kế hoạch 35/KH-UBND)'."""
    p = ds.programmes[programme_id]
    name = nfc(p.name(lang))
    return f"{name} ({nfc(p.document)})" if p.document else name


# --- the terminal table ---------------------------------------------------------------------


def dataset_summary(ds: Dataset) -> str:
    """The one-line summary `cnht validate` prints for a valid data directory."""
    regions = ds.regions_in_use()
    years = [o.year for o in ds.observations]
    span = f"{min(years)}–{max(years)}" if years else "no years"
    return (
        f"OK: {ds.data_dir}: {len(ds.indicators)} indicators, {len(ds.observations)} observations "
        f"({span}), {len(ds.sources)} sources, {len(ds.programmes)} programmes, "
        f"{len(ds.targets)} targets, {len(ds.overrides)} overrides; regions: "
        + (
            ", ".join(regions)
            if len(regions) <= SUMMARY_REGIONS
            else f"{', '.join(regions[:SUMMARY_REGIONS])} and {len(regions) - SUMMARY_REGIONS} more"
        )
    )


TABLE_COLUMNS = ("target", "year", "threshold", "latest", "ratio", "p_attain", "status")
SUMMARY_REGIONS = 5  # the summary stays one short line however many regions the data hold


def assessment_table(ds: Dataset, results: list[Assessment], lang: str) -> str:
    """A plain-text table of the assessment for the terminal."""
    heads = tuple(tw(f"table.{col}", lang) for col in TABLE_COLUMNS)
    rows = [heads]
    for a in results:
        unit = ds.indicators[a.target.indicator].unit
        if a.target.is_growth:
            threshold = fmt_percent(a.threshold, lang)
        else:
            threshold = fmt_value(a.threshold, unit, lang, exact=True)
        latest = (
            "–"
            if a.latest_year is None
            else f"{fmt_value(a.latest_value, unit, lang)} ({a.latest_year})"
        )
        rows.append(
            (
                a.target.id,
                str(a.target.year),
                threshold,
                latest,
                fmt_number(a.ratio, lang, 2),
                "–" if a.p_attain is None else fmt_percent(100 * a.p_attain, lang, 0),
                status_label(a.status, lang) + (" *" if a.override_reason else ""),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(heads))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    region = ds.region_name(results[0].region, lang) if results else ""
    as_of = results[0].as_of if results else ""
    title = tw("table.title", lang, region=region, as_of=as_of)
    return title + "\n" + "\n".join(lines) + "\n"


# --- the terminal ----------------------------------------------------------------------------

_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_TERMINAL_UNSAFE = {
    c: f"\\x{c:02x}" for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\n\r"
} | {ord(ch): f"\\u{ord(ch):04x}" for ch in _BIDI_CONTROLS}
_LONE_CR = re.compile(r"\r(?!\n)")


def terminal_safe(text: str) -> str:
    """`text` with every control character (ESC, BEL, a lone CR, C1) and every bidi control
    written as a visible escape ('\\x1b', '\\u202e'), so no data can drive a terminal or
    reorder what it shows; tabs and line ends stay."""
    return _LONE_CR.sub("\\\\r", text).translate(_TERMINAL_UNSAFE)
