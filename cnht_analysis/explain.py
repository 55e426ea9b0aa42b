"""How a status came about, in words and numbers: `cnht explain`, the report's "why" lines,
the figures that would make an unassessable target assessable, and what-if targets.

Every sentence is built from the `Assessment` record, so the terminal, the report and the CSV
say the same thing. The functions return plain text; the report escapes it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

from .assess import ACCELERATION, ON_TRACK, Assessment, assess_target, default_as_of
from .citations import CITATION_RE
from .errors import UsageError
from .models import Dataset, Observation, Target
from .text import (
    check_lang,
    flag_label,
    fmt_number,
    fmt_percent,
    fmt_probability,
    fmt_rate,
    fmt_rate_pct,
    fmt_value,
    indicator_name,
    likelihood_label,
    lower_first,
    model_label,
    nfc,
    programme_label,
    skip_reason,
    status_label,
    target_phrase,
    value_phrase,
)
from .words import t as tw
from .words import tn

Cite = Callable[[str], str]


def _default_cite(source_id: str) -> str:
    return f"[{source_id}]"


def year_runs(years: list[int] | tuple[int, ...]) -> list[str]:
    """Consecutive years as ranges: [2019, 2020, 2021, 2023] → ['2019–2021', '2023']."""
    runs: list[list[int]] = []
    for y in sorted(set(years)):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return [str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs]


def years_span(years: list[int] | tuple[int, ...]) -> str:
    """Years written compactly: [2019, 2020, 2021, 2023] → '2019–2021, 2023'."""
    return ", ".join(year_runs(years))


def find_target(ds: Dataset, target_id: str) -> Target:
    """The target with this id; a usage error naming the closest id otherwise."""
    try:
        return ds.target(target_id)
    except KeyError:
        from .load import suggest

        ids = [t.id for t in ds.targets]
        hint = suggest(target_id, ids)
        if not hint:
            import difflib

            close = difflib.get_close_matches(target_id, ids, n=1, cutoff=0.0)
            hint = f" (the closest id is '{close[0]}')" if close else ""
        raise UsageError(
            f"TARGET_ID: unknown target '{target_id}'{hint} — run `cnht assess` to list the ids"
        ) from None


def _unit(ds: Dataset, a: Assessment) -> str:
    return ds.indicators[a.target.indicator].unit


def _name(ds: Dataset, indicator: str, lang: str) -> str:
    ind = ds.indicators.get(indicator)
    return lower_first(indicator_name(ind, lang)) if ind else indicator


def _obs(a: Assessment, year: int | None) -> Observation | None:
    return next((o for o in a.observations if o.year == year), None)


def _compare(a: Assessment, value: float) -> str:
    """'≥', '<', '≤', '>' or 'in/outside band' comparing a value with the threshold."""
    t = a.target
    if t.type == "band":
        lo, hi = t.band
        return "∈" if lo <= value <= hi else "∉"
    if t.type == "at_most":
        return "≤" if value <= a.threshold else ">"
    return "≥" if value >= a.threshold else "<"


def _threshold_text(ds: Dataset, a: Assessment, lang: str) -> str:
    unit = _unit(ds, a)
    t = a.target
    if t.type == "band":
        lo, hi = t.band
        lo_s, hi_s = (fmt_value(v, unit, lang, exact=True) for v in (lo, hi))
        return tw("ex.band", lang, lo=lo_s, hi=hi_s)
    return fmt_value(a.threshold, unit, lang, exact=True)


def _bound_note(o: Observation, lang: str) -> str:
    lower = o.qualifier == "more_than"
    return tw("ex.bound_note.lower" if lower else "ex.bound_note.upper", lang)


def _growth_need(t: Target, lang: str, *, per_year: bool = False) -> str:
    word = tw(f"ex.{t.type}", lang)
    return f"{word} {fmt_rate_pct(t.value, lang) if per_year else fmt_percent(t.value, lang, 1)}"


def _used_growth_years(a: Assessment) -> list[int]:
    if a.window_observed:
        return [y for y, _ in a.window_observed]
    w0 = (a.window or (a.target.year, a.target.year))[0]
    return [o.year for o in a.observations if o.year < w0][-5:]


def why(ds: Dataset, a: Assessment, lang: str) -> str:
    """One line with the numbers behind the status ('cần +3,4 %/năm, đạt +1,2 %/năm …')."""
    t = a.target
    unit = _unit(ds, a)
    c = _threshold_text(ds, a, lang)
    threshold = tw("ex.threshold", lang)
    latest = _obs(a, a.latest_year)
    text = ""
    if a.branch == "ex_post":
        o = _obs(a, t.year)
        if o is None:
            text = tw("ex.no_figure_for", lang, year=t.year)
            if latest is not None:
                v = value_phrase(latest, unit, lang)
                text += tw("ex.latest_in", lang, v=v, year=latest.year)
        else:
            v = value_phrase(o, unit, lang)
            head = tw("ex.year_value", lang, year=t.year, v=v)
            if a.computed_status == "unable_to_assess":
                text = f"{head} — {_bound_note(o, lang)} ({threshold} {c})"
            else:
                text = f"{head} {_compare(a, o.value)} {threshold} {c}"
    elif a.branch == "met_early" and latest is not None:
        v = value_phrase(latest, unit, lang)
        if a.computed_status == "unable_to_assess":
            text = f"{latest.year}: {v} — {_bound_note(latest, lang)}"
        else:
            cmp = _compare(a, latest.value)
            text = tw(
                "ex.met_early", lang, v=v, year=latest.year, cmp=cmp, threshold=threshold, c=c
            )
    elif a.branch == "progress":
        text = _why_progress(ds, a, lang, c)
    elif a.branch == "growth_ex_post":
        text = _why_growth_ex_post(a, lang)
    elif a.branch == "growth_progress":
        text = _why_growth_progress(a, lang)
    if not text:
        text = tw("ex.no_data", lang)
    if a.p_attain is not None:
        p = fmt_probability(a.p_attain, lang)
        term = likelihood_label(a.likelihood, lang)
        text += tw("ex.why_probability", lang, p=p, term=term)
    return text


def _why_progress(ds: Dataset, a: Assessment, lang: str, c: str) -> str:
    unit = _unit(ds, a)
    latest = _obs(a, a.latest_year)
    if a.cagr_actual is None or a.cagr_required is None:
        if "nonpositive_values" in a.flags:
            return flag_label("nonpositive_values", lang)
        if not a.observations:
            return tw("ex.no_data_at_all", lang)
        years = years_span([o.year for o in a.observations])
        b = a.target.base_year or ds.programmes[a.target.programme].base_year
        return tw("ex.two_years_needed", lang, years=years, b=b)
    need, got = fmt_rate(a.cagr_required, lang), fmt_rate(a.cagr_actual, lang)
    if a.ratio is None:  # the base already met the target, the latest does not
        base = _obs(a, a.base_year)
        bv = value_phrase(base, unit, lang) if base else "–"
        lv = value_phrase(latest, unit, lang) if latest else "–"
        years = {"base_year": a.base_year, "latest_year": a.latest_year}
        text = tw("ex.base_met_latest_not", lang, bv=bv, lv=lv, c=c, **years)
    else:
        r = fmt_number(a.ratio, lang, 2)
        years = {"base_year": a.base_year, "latest_year": a.latest_year}
        text = tw("ex.needs_achieved", lang, need=need, got=got, r=r, **years)
    if a.computed_status == "unable_to_assess" and latest is not None:
        v = value_phrase(latest, unit, lang)
        text += tw("ex.but_bound", lang, year=latest.year, v=v, note=_bound_note(latest, lang))
    return text


def _why_growth_ex_post(a: Assessment, lang: str) -> str:
    t = a.target
    w = a.window or (t.year, t.year)
    need = _growth_need(t, lang)
    values = dict(a.window_observed)
    if a.years_failed:
        failed = ", ".join(
            f"{y}: {fmt_percent(values[y], lang, 1, sign=True)}" for y in a.years_failed
        )
        return tw("ex.needs_each_year", lang, need=need, got=failed)
    if a.status == "achieved" or a.computed_status == "achieved":
        got = ", ".join(f"{y}: {fmt_percent(g, lang, 1, sign=True)}" for y, g in a.window_observed)
        return tw("ex.needs_each_year", lang, need=need, got=got)
    missing = [y for y in range(w[0], w[1] + 1) if y not in values]
    span = years_span(missing)
    return tw("ex.no_growth_for", lang, span=span)


def _why_growth_progress(a: Assessment, lang: str) -> str:
    t = a.target
    if a.cagr_actual is None:
        if "nonpositive_values" in a.flags:
            return flag_label("nonpositive_values", lang)
        return tw("ex.no_growth_at_all", lang)
    need = _growth_need(t, lang, per_year=True)
    got = fmt_rate(a.cagr_actual, lang)
    years = years_span(_used_growth_years(a))
    text = tw("ex.needs_average", lang, need=need, got=got, years=years)
    if a.ratio is not None:
        text += tw("ex.ratio_tail", lang, r=fmt_number(a.ratio, lang, 2))
    if "recent_trend" in a.flags:
        text += tw("ex.recent_trend_tail", lang)
    if a.years_failed:
        text += tw("ex.fell_short_tail", lang, years=years_span(a.years_failed))
    return text


def flag_detail(a: Assessment, code: str, lang: str) -> str:
    """A flag explained in words, with the year of a series break."""
    text = flag_label(code, lang)
    if code == "series_break":
        start = next((o.year for o in a.observations if o.breaks), None)
        if start is not None:
            text += tw("ex.break_year", lang, year=start)
    return text


def ratio_rule(ratio: float, lang: str) -> str:
    """Which band of the method's table a ratio falls in, with the thresholds."""
    r = fmt_number(ratio, lang, 2)
    hi, mid = fmt_number(ON_TRACK, lang, 2), fmt_number(ACCELERATION, lang, 2)
    zero = fmt_number(0, lang, 0)
    if ratio >= ON_TRACK - 1e-12:
        rule, status = f"{r} ≥ {hi}", "on_track"
    elif ratio >= ACCELERATION - 1e-12:
        rule, status = f"{mid} ≤ {r} < {hi}", "acceleration_needed"
    elif ratio >= 0:
        rule, status = f"{zero} ≤ {r} < {mid}", "limited_progress"
    else:
        rule, status = f"{r} < {zero}", "deterioration"
    return f"{rule} → {status_label(status, lang)}"


def missing_figures(ds: Dataset, a: Assessment, lang: str) -> list[str]:
    """The figures whose publication would make an unassessable target assessable."""
    if a.computed_status != "unable_to_assess":
        return []
    t = a.target
    ind = ds.indicators[t.indicator]
    name = _name(ds, t.indicator, lang)
    unit = ind.unit

    def alt(years: str) -> str:
        if not ind.derive or not ind.derive.startswith("share("):
            return ""
        from .indicators import parse_derive

        _, (num, den) = parse_derive(ind.derive)
        a_name, b_name = _name(ds, num, lang), _name(ds, den, lang)
        return tw("ex.alt_share", lang, a=a_name, b=b_name, years=years)

    def figure(years: list[int]) -> str:
        span = years_span(years)
        return tw("ex.figure_for", lang, name=name, span=span) + alt(span)

    bound = next(
        (
            o
            for o in a.observations
            if o.qualifier in ("more_than", "less_than")
            and ("lower_bound" in a.flags or "upper_bound" in a.flags)
            and o.year in (t.year, a.latest_year)
        ),
        None,
    )
    if bound is not None:
        v = value_phrase(bound, unit, lang, status=False)
        return [tw("ex.definite_figure", lang, name=name, year=bound.year, v=v)]
    if a.branch == "ex_post":
        return [figure([t.year])]
    if a.branch == "growth_ex_post":
        w = a.window or (t.year, t.year)
        have = dict(a.window_observed)
        return [figure([y for y in range(w[0], w[1] + 1) if y not in have])]
    if a.branch == "growth_progress":
        w = a.window or (t.year, t.year)
        upto = min(a.as_of, w[1])
        years = list(range(w[0], upto + 1)) if w[0] <= upto else [y for y in range(w[0] - 5, w[0])]
        years = [y for y in years if y <= a.as_of] or [a.as_of]
        return [figure(years)]
    if "nonpositive_values" in a.flags:
        return [tw("ex.positive_figures", lang, name=name)]
    # progress without two usable years since the base year
    b = t.base_year if t.base_year is not None else ds.programmes[t.programme].base_year
    since = [o.year for o in a.observations if o.year >= b]
    if since:
        y = since[-1]
        return [tw("ex.later_year", lang, name=name, year=y + 1) + alt(str(y + 1))]
    return [tw("ex.base_and_later", lang, name=name, b=b) + alt(str(b))]


def _quote(t: Target, lang: str) -> tuple[str, str]:
    """The source quote in `lang` if there is one, else the other language's, with its language."""
    first, second = (t.quote_vi, t.quote_en) if lang == "vi" else (t.quote_en, t.quote_vi)
    if first:
        return nfc(first), lang
    if second:
        return nfc(second), "en" if lang == "vi" else "vi"
    return "", ""


def _tolerance_text(ds: Dataset, a: Assessment, lang: str) -> str:
    t = a.target
    unit = _unit(ds, a)
    if t.is_growth:
        strict = t.type == "growth_above"
        key = "ex.growth_rule.strict" if strict else "ex.growth_rule.at_least"
        return tw(key, lang, v=fmt_percent(t.value, lang, 1))
    tol = t.tolerance
    c = _threshold_text(ds, a, lang)
    if tol <= 0:
        return tw("ex.no_tolerance", lang, c=c)
    v = fmt_value(t.value, unit, lang, exact=True)
    if unit in ("percent", "growth_pct"):  # a tolerance on a percentage is in points
        tol_s = tw("ex.points", lang, n=fmt_number(tol, lang, 1))
    else:
        tol_s = fmt_value(tol, unit, lang, exact=True)
    if t.tolerance_rel * abs(t.value) >= t.tolerance_abs and t.tolerance_rel > 0:
        how = fmt_percent(100 * t.tolerance_rel, lang, 1)
        how = tw("ex.share_of", lang, how=how, v=v)
    else:
        how = tw("ex.absolute", lang)
    sign = "+" if t.type == "at_most" else "−"
    if t.type == "band":
        return f"{c} = {v} ± {tol_s} ({how})"
    word = tw("ex.tolerance", lang)
    return f"{c} = {v} {sign} {word} {tol_s} ({how})"


def explain_lines(ds: Dataset, a: Assessment, lang: str, cite: Cite | None = None) -> list[str]:
    """Every step from data to status, one line each (the first line names the target)."""
    lang = check_lang(lang)
    cite = cite or _default_cite
    t = a.target
    ind = ds.indicators[t.indicator]
    unit = ind.unit
    lines = [f"{t.id} — {programme_label(ds, t.programme, lang)}"]
    phrase = target_phrase(t, unit, lang)
    lines.append(tw("ex.target_line", lang, name=indicator_name(ind, lang), phrase=phrase))
    quote, quote_lang = _quote(t, lang)
    src = cite(t.source) if t.source else ""
    if quote:
        other = quote_lang != lang
        tag = tw("ex.quote_other", lang) if other else ""
        lines.append(tw("ex.source_quote", lang, src=src, quote=quote, tag=tag))
    elif src:
        lines.append(tw("ex.source", lang, src=src))
    if t.inferred:
        basis, _ = _in_lang(t.basis_note_vi, t.basis_note_en, lang)
        lines.append(tw("ex.inferred", lang, basis=_cited(basis, cite)))
    lines.append(tw("ex.threshold_line", lang, text=_tolerance_text(ds, a, lang)))
    horizon = min(a.as_of, t.year)
    if a.observations:
        obs_years = years_span([o.year for o in a.observations])
        seen = {"as_of": a.as_of, "years": obs_years, "horizon": horizon}
        lines.append(tn("ex.assessed_with", lang, a.n_obs, **seen))
    else:
        lines.append(tw("ex.assessed_without", lang, as_of=a.as_of, horizon=horizon))
    if not t.is_growth:
        lines.extend(_value_lines(ds, a, lang, cite))
    else:
        lines.extend(_growth_lines(a, lang))
    if a.cagr_required is not None and a.cagr_actual is not None:
        need, got = fmt_rate(a.cagr_required, lang), fmt_rate(a.cagr_actual, lang)
        lines.append(tw("ex.growth_line", lang, need=need, got=got))
    needed = needed_phrase(ds, a, lang)
    if needed:
        lines.append(tw("ex.needed_line", lang, text=needed))
    if a.ratio is not None:
        lines.append(tw("ex.ratio_line", lang, rule=ratio_rule(a.ratio, lang)))
    lines.extend(_model_lines(ds, a, lang))
    if a.flags:
        lines.append(tw("ex.notes", lang))
        # codes are for machines (CSV, JSON): people read each flag in words only
        lines.extend(f"  – {flag_detail(a, code, lang)}" for code in a.flags)
    if a.override_reason or "manual_override" in a.flags:
        computed = status_label(a.computed_status, lang)
        status = status_label(a.status, lang)
        reason = nfc(a.override_reason)
        lines.append(tw("ex.override", lang, computed=computed, status=status, reason=reason))
    lines.append(tw("ex.verdict", lang, status=status_label(a.status, lang), why=why(ds, a, lang)))
    return lines


def needed_phrase(ds: Dataset, a: Assessment, lang: str, *, gap: bool = True) -> str:
    """What it takes from now in words ('cần tăng nhiều nhất +11,1 %/năm từ nay; còn thiếu …');
    `gap=False` leaves out the gap (a table shows it in its own column)."""
    from . import words

    if a.cagr_needed is None:
        if "no_comparable_figure" in a.flags and a.target.year > a.as_of:
            return words.t("needed.old_definition", lang)
        return ""
    if a.cagr_needed < 0:
        rate = fmt_rate(-a.cagr_needed, lang, sign=False)
    else:
        rate = fmt_rate(a.cagr_needed, lang)
    if a.target.is_growth:
        key = "needed.growth_at_most" if a.needed_is_upper_bound else "needed.growth"
    elif a.cagr_needed < 0:
        key = "needed.decline"
    else:
        key = "needed.level_at_most" if a.needed_is_upper_bound else "needed.level"
    text = words.t(key, lang, rate=rate)
    if gap and a.gap is not None and not a.target.is_growth:
        unit = ds.indicators[a.target.indicator].unit
        text += "; " + words.t("needed.gap", lang, gap=fmt_value(abs(a.gap), unit, lang))
    return text


def _obs_line(ds: Dataset, label: str, o: Observation, lang: str, cite: Cite) -> str:
    unit = ds.indicators[o.indicator].unit if o.indicator in ds.indicators else "count"
    src = f" {cite(o.source)}" if o.source else ""
    value = value_phrase(o, unit, lang, status=False)
    line = f"{label}: {o.year}: {value} ({obs_words(o, lang)}){src}"
    note, other = _in_lang(o.note_vi, o.note, lang)
    if note:
        tag = tw("ex.note_other", lang) if other else ""
        line += tw("ex.note", lang, tag=tag, note=_cited(nfc(note), cite))
    return line


def _in_lang(text_vi: str, text_en: str, lang: str) -> tuple[str, bool]:
    """The text in `lang`, else the other language's, and whether it is the other's."""
    first, second = (text_vi, text_en) if lang == "vi" else (text_en, text_vi)
    return (first, False) if first else (second, bool(second))


def _cited(text: str, cite: Cite) -> str:
    """`text` with each `[id, …]` citation written as `cite` writes those sources."""

    def repl(m: re.Match[str]) -> str:
        return " ".join(cite(s.strip()) for s in m.group(1).split(","))

    return CITATION_RE.sub(repl, text)


def _value_lines(ds: Dataset, a: Assessment, lang: str, cite: Cite) -> list[str]:
    t = a.target
    latest = _obs(a, a.latest_year)
    if a.branch == "ex_post":
        label = tw("ex.target_year", lang)
        o = _obs(a, t.year)
        if o is not None:
            return [_obs_line(ds, label, o, lang, cite)]
        out = [tw("ex.year_no_figure", lang, label=label, year=t.year)]
        if latest is not None:
            out.append(_obs_line(ds, tw("ex.latest_earlier", lang), latest, lang, cite))
        return out
    if a.branch == "met_early":
        return [_obs_line(ds, tw("ex.latest", lang), latest, lang, cite)] if latest else []
    out = []
    base = _obs(a, a.base_year)
    if base is None:
        b = t.base_year if t.base_year is not None else ds.programmes[t.programme].base_year
        out.append(tw("ex.base_no_data", lang, b=b))
    elif latest is not None and base.year == latest.year:
        label = tw("ex.base_and_latest", lang)
        return [_obs_line(ds, label, base, lang, cite)]
    else:
        out.append(_obs_line(ds, tw("ex.base", lang), base, lang, cite))
    if latest is not None:
        out.append(_obs_line(ds, tw("ex.latest", lang), latest, lang, cite))
    return out


def obs_words(o: Observation, lang: str) -> str:
    """An observation's status and qualifier in words: 'số suy ra, khoảng'."""
    from .text import obs_status_label

    parts = [obs_status_label(o.status, lang)]
    if o.qualifier in ("more_than", "less_than"):
        lower = o.qualifier == "more_than"
        parts.append(tw("ex.lower_bound" if lower else "ex.upper_bound", lang))
    return ", ".join(parts)


def _growth_lines(a: Assessment, lang: str) -> list[str]:
    t = a.target
    win = a.window or (t.year, t.year)
    if a.window_observed:
        seen = ", ".join(f"{y}: {fmt_percent(g, lang, 1, sign=True)}" for y, g in a.window_observed)
    else:
        seen = tw("ex.none_yet", lang)
    out = [tw("ex.period", lang, w0=win[0], w1=win[1], seen=seen)]
    if a.years_failed:
        out.append(tw("ex.years_failed", lang, years=years_span(a.years_failed)))
    if "recent_trend" in a.flags and a.cagr_actual is not None:
        out.append(tw("ex.trend_used", lang, years=years_span(_used_growth_years(a))))
    return out


def _model_lines(ds: Dataset, a: Assessment, lang: str) -> list[str]:
    t = a.target
    unit = "growth_pct" if t.is_growth else _unit(ds, a)
    out: list[str] = []
    if not a.models:
        if a.as_of < t.year and "too_few_points_for_probability" in a.flags:
            out.append(tw("ex.no_probability", lang, n=a.n_obs))
        return out
    out.append(tw("ex.models", lang))
    for m in a.models:
        name = model_label(m.model, lang)
        if m.fitted:
            if t.is_growth:
                what = tw("ex.average_growth", lang)
            else:
                what = tw("ex.for_year", lang, year=t.year)
            fc = fmt_value(m.forecast, unit, lang, exact=True)
            p = fmt_probability(m.p, lang)
            out.append(tw("ex.model_fitted", lang, name=name, what=what, fc=fc, p=p))
        else:
            reason = skip_reason(m.skipped, lang)
            out.append(tw("ex.model_skipped", lang, name=name, reason=reason))
    if a.p_attain is not None:
        p = fmt_probability(a.p_attain, lang)
        lo, hi = fmt_probability(a.p_low, lang), fmt_probability(a.p_high, lang)
        term = likelihood_label(a.likelihood, lang)
        out.append(tw("ex.p_median", lang, p=p, lo=lo, hi=hi, term=term))
    return out


def explain_text(ds: Dataset, target_id: str, as_of: int | None, lang: str) -> str:
    """The explanation of one target as of a year (default: the region's latest year)."""
    lang = check_lang(lang)
    t = find_target(ds, target_id)
    region = ds.region_of(t)
    year = default_as_of(ds, region) if as_of is None else as_of
    from .results import Results

    results = Results.build(ds, region, year)
    a = results.by_id.get(t.id) or assess_target(ds, t, year)
    numbering = dict(results.citations)

    def cite(source_id: str) -> str:
        if source_id not in numbering:
            numbering[source_id] = len(numbering) + 1
        return f"[{numbering[source_id]}]"

    lines = explain_lines(ds, a, lang, cite)
    cited = [sid for sid in numbering if f"[{numbering[sid]}]" in "\n".join(lines)]
    for sid in cited:
        if sid in ds.sources:
            s = ds.sources[sid]
            who = ", ".join(nfc(x) for x in (s.publisher, s.title) if x)
            lines.append(f"[{numbering[sid]}] {who}" + (f" — {s.url}" if s.url else ""))
    return "\n".join(lines)


def explain_command(
    data_dir: Path | str | None, target_id: str, as_of: int | None, lang: str
) -> str:
    """What `cnht explain TARGET_ID --as-of YEAR --lang L` prints."""
    from .load import load_dataset

    lang = check_lang(lang)
    ds = load_dataset(data_dir)
    return explain_text(ds, target_id, as_of, lang)


def what_if(
    ds: Dataset,
    target_id: str,
    *,
    as_of: int | None = None,
    **changes: object,
) -> Assessment:
    """Assess a modified copy of a target (e.g. `value=950, year=2026`); the registry is untouched.

    `changes` are fields of `Target` (value, year, type, tolerance_abs, tolerance_rel,
    base_year, window). The copy's id ends in '_what_if', so no manual override applies to it.
    """
    t = find_target(ds, target_id)
    allowed = {f.name for f in dataclasses.fields(Target)} - {"id", "programme", "indicator"}
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise UsageError(
            f"what_if: cannot change {', '.join(unknown)} — expected any of "
            f"{', '.join(sorted(allowed))}"
        )
    if "window" in changes and changes["window"] is not None:
        changes["window"] = tuple(changes["window"])  # type: ignore[arg-type]
    modified = dataclasses.replace(t, id=f"{t.id}_what_if", **changes)  # type: ignore[arg-type]
    year = default_as_of(ds, ds.region_of(t)) if as_of is None else as_of
    return assess_target(ds, modified, year)
