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
        return f"[{lo_s}; {hi_s}]" if lang == "vi" else f"[{lo_s}, {hi_s}]"
    return fmt_value(a.threshold, unit, lang, exact=True)


def _bound_note(o: Observation, lang: str) -> str:
    lower = o.qualifier == "more_than"
    if lang == "vi":
        return f"chỉ là giới hạn {'dưới' if lower else 'trên'} nên chưa kết luận được"
    return f"only a {'lower' if lower else 'upper'} bound, so no verdict can be drawn"


def _growth_need(t: Target, lang: str, *, per_year: bool = False) -> str:
    word = {
        ("growth_above", "vi"): "tăng trên",
        ("growth_above", "en"): "growth above",
        ("growth_at_least", "vi"): "tăng ít nhất",
        ("growth_at_least", "en"): "growth of at least",
    }[(t.type, lang)]
    return f"{word} {fmt_rate_pct(t.value, lang) if per_year else fmt_percent(t.value, lang, 1)}"


def _used_growth_years(a: Assessment) -> list[int]:
    if a.window_observed:
        return [y for y, _ in a.window_observed]
    w0 = (a.window or (a.target.year, a.target.year))[0]
    return [o.year for o in a.observations if o.year < w0][-5:]


def why(ds: Dataset, a: Assessment, lang: str) -> str:
    """One line with the numbers behind the status ('cần +3,4 %/năm, đạt +1,2 %/năm …')."""
    vi = lang == "vi"
    t = a.target
    unit = _unit(ds, a)
    c = _threshold_text(ds, a, lang)
    threshold = "ngưỡng" if vi else "threshold"
    latest = _obs(a, a.latest_year)
    text = ""
    if a.branch == "ex_post":
        o = _obs(a, t.year)
        if o is None:
            text = f"chưa có số liệu năm {t.year}" if vi else f"no figure for {t.year}"
            if latest is not None:
                v = value_phrase(latest, unit, lang)
                text += (
                    f" (số gần nhất: {v}, năm {latest.year})"
                    if vi
                    else f" (latest: {v} in {latest.year})"
                )
        else:
            v = value_phrase(o, unit, lang)
            head = f"năm {t.year}: {v}" if vi else f"{t.year}: {v}"
            if a.computed_status == "unable_to_assess":
                text = f"{head} — {_bound_note(o, lang)} ({threshold} {c})"
            else:
                text = f"{head} {_compare(a, o.value)} {threshold} {c}"
    elif a.branch == "met_early" and latest is not None:
        v = value_phrase(latest, unit, lang)
        if a.computed_status == "unable_to_assess":
            text = f"{latest.year}: {v} — {_bound_note(latest, lang)}"
        elif vi:
            text = f"đã đạt sớm: {v} năm {latest.year} {_compare(a, latest.value)} {threshold} {c}"
        else:
            text = f"met early: {v} in {latest.year} {_compare(a, latest.value)} {threshold} {c}"
    elif a.branch == "progress":
        text = _why_progress(ds, a, lang, c)
    elif a.branch == "growth_ex_post":
        text = _why_growth_ex_post(a, lang)
    elif a.branch == "growth_progress":
        text = _why_growth_progress(a, lang)
    if not text:
        text = "chưa có số liệu" if vi else "no data"
    if a.p_attain is not None:
        p = fmt_probability(a.p_attain, lang)
        term = likelihood_label(a.likelihood, lang)
        text += (
            f"; xác suất đạt {p} ({term})" if vi else f"; probability of meeting it {p} ({term})"
        )
    return text


def _why_progress(ds: Dataset, a: Assessment, lang: str, c: str) -> str:
    vi = lang == "vi"
    unit = _unit(ds, a)
    latest = _obs(a, a.latest_year)
    if a.cagr_actual is None or a.cagr_required is None:
        if "nonpositive_values" in a.flags:
            return flag_label("nonpositive_values", lang)
        if not a.observations:
            return "chưa có số liệu nào" if vi else "no data at all"
        years = years_span([o.year for o in a.observations])
        b = a.target.base_year or ds.programmes[a.target.programme].base_year
        if vi:
            return f"chỉ có số liệu năm {years}; cần ít nhất hai năm kể từ năm gốc {b}"
        return f"data only for {years}; at least two years from the base year {b} are needed"
    need, got = fmt_rate(a.cagr_required, lang), fmt_rate(a.cagr_actual, lang)
    if a.ratio is None:  # the base already met the target, the latest does not
        base = _obs(a, a.base_year)
        bv = value_phrase(base, unit, lang) if base else "–"
        lv = value_phrase(latest, unit, lang) if latest else "–"
        if vi:
            text = (
                f"năm gốc {a.base_year} đã đạt ({bv}) nhưng năm {a.latest_year} chỉ còn {lv} "
                f"(ngưỡng {c})"
            )
        else:
            text = (
                f"the base year {a.base_year} met it ({bv}) but {a.latest_year} has only {lv} "
                f"(threshold {c})"
            )
    else:
        r = fmt_number(a.ratio, lang, 2)
        if vi:
            text = f"cần {need}, đạt {got} (tỷ số {r}; {a.base_year}–{a.latest_year})"
        else:
            text = f"needs {need}, achieved {got} (ratio {r}; {a.base_year}–{a.latest_year})"
    if a.computed_status == "unable_to_assess" and latest is not None:
        v = value_phrase(latest, unit, lang)
        text += (
            f"; nhưng số năm {latest.year} ({v}) {_bound_note(latest, lang)}"
            if vi
            else f"; but the {latest.year} figure ({v}) is {_bound_note(latest, lang)}"
        )
    return text


def _why_growth_ex_post(a: Assessment, lang: str) -> str:
    vi = lang == "vi"
    t = a.target
    w = a.window or (t.year, t.year)
    need = _growth_need(t, lang)
    values = dict(a.window_observed)
    if a.years_failed:
        failed = ", ".join(
            f"{y}: {fmt_percent(values[y], lang, 1, sign=True)}" for y in a.years_failed
        )
        return f"cần {need} mỗi năm; {failed}" if vi else f"needs {need} each year; {failed}"
    if a.status == "achieved" or a.computed_status == "achieved":
        got = ", ".join(f"{y}: {fmt_percent(g, lang, 1, sign=True)}" for y, g in a.window_observed)
        return f"cần {need} mỗi năm; {got}" if vi else f"needs {need} each year; {got}"
    missing = [y for y in range(w[0], w[1] + 1) if y not in values]
    span = years_span(missing)
    return f"chưa có số liệu mức tăng năm {span}" if vi else f"no growth figure for {span}"


def _why_growth_progress(a: Assessment, lang: str) -> str:
    vi = lang == "vi"
    t = a.target
    if a.cagr_actual is None:
        if "nonpositive_values" in a.flags:
            return flag_label("nonpositive_values", lang)
        return "chưa có số liệu mức tăng nào" if vi else "no growth figure at all"
    need = _growth_need(t, lang, per_year=True)
    got = fmt_rate(a.cagr_actual, lang)
    years = years_span(_used_growth_years(a))
    if vi:
        text = f"cần {need}, đạt bình quân {got} ({years})"
    else:
        text = f"needs {need}, achieved {got} on average ({years})"
    if a.ratio is not None:
        text += (
            f", tỷ số {fmt_number(a.ratio, lang, 2)}"
            if vi
            else f", ratio {fmt_number(a.ratio, lang, 2)}"
        )
    if "recent_trend" in a.flags:
        text += "; xu hướng trước giai đoạn mục tiêu" if vi else "; trend before the target period"
    if a.years_failed:
        failed = years_span(a.years_failed)
        text += f"; năm {failed} chưa đạt" if vi else f"; {failed} fell short"
    return text


def flag_detail(a: Assessment, code: str, lang: str) -> str:
    """A flag explained in words, with the year of a series break."""
    text = flag_label(code, lang)
    if code == "series_break":
        start = next((o.year for o in a.observations if o.breaks), None)
        if start is not None:
            text += f" (năm {start})" if lang == "vi" else f" ({start})"
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
    vi = lang == "vi"
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
        return (
            f" (hoặc {a_name} và {b_name} năm {years})"
            if vi
            else f" (or {a_name} and {b_name} for {years})"
        )

    def figure(years: list[int]) -> str:
        span = years_span(years)
        return (f"{name} năm {span}" if vi else f"{name} for {span}") + alt(span)

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
        if vi:
            return [f"{name} năm {bound.year} dưới dạng một con số cụ thể (hiện chỉ biết “{v}”)"]
        return [f"{name} for {bound.year} as a definite figure (only “{v}” is known)"]
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
        return [
            f"{name}: số liệu dương (hiện có giá trị bằng 0 hoặc âm)"
            if vi
            else f"{name}: positive figures (the current ones include zero or negative values)"
        ]
    # progress without two usable years since the base year
    b = t.base_year if t.base_year is not None else ds.programmes[t.programme].base_year
    since = [o.year for o in a.observations if o.year >= b]
    if since:
        y = since[-1]
        later = f"năm {y + 1} hoặc một năm sau đó" if vi else f"for {y + 1} or a later year"
        return [f"{name} {later}" + alt(str(y + 1))]
    if vi:
        return [f"{name} năm gốc {b} và ít nhất một năm sau đó" + alt(str(b))]
    return [f"{name} for the base year {b} and at least one later year" + alt(str(b))]


def _quote(t: Target, lang: str) -> tuple[str, str]:
    """The source quote in `lang` if there is one, else the other language's, with its language."""
    first, second = (t.quote_vi, t.quote_en) if lang == "vi" else (t.quote_en, t.quote_vi)
    if first:
        return nfc(first), lang
    if second:
        return nfc(second), "en" if lang == "vi" else "vi"
    return "", ""


def _tolerance_text(ds: Dataset, a: Assessment, lang: str) -> str:
    vi = lang == "vi"
    t = a.target
    unit = _unit(ds, a)
    if t.is_growth:
        strict = t.type == "growth_above"
        if vi:
            rule = "lớn hơn hẳn" if strict else "lớn hơn hoặc bằng"
            return f"mức tăng phải {rule} {fmt_percent(t.value, lang, 1)}"
        rule = "strictly above" if strict else "at least"
        return f"growth must be {rule} {fmt_percent(t.value, lang, 1)}"
    tol = t.tolerance
    c = _threshold_text(ds, a, lang)
    if tol <= 0:
        return f"{c} (không có dung sai)" if vi else f"{c} (no tolerance)"
    v = fmt_value(t.value, unit, lang, exact=True)
    if unit in ("percent", "growth_pct"):  # a tolerance on a percentage is in points
        tol_s = fmt_number(tol, lang, 1) + (" điểm %" if vi else " pp")
    else:
        tol_s = fmt_value(tol, unit, lang, exact=True)
    if t.tolerance_rel * abs(t.value) >= t.tolerance_abs and t.tolerance_rel > 0:
        how = fmt_percent(100 * t.tolerance_rel, lang, 1)
        how = f"{how} của {v}" if vi else f"{how} of {v}"
    else:
        how = "tuyệt đối" if vi else "absolute"
    sign = "+" if t.type == "at_most" else "−"
    if t.type == "band":
        return f"{c} = {v} ± {tol_s} ({how})"
    word = "dung sai" if vi else "tolerance"
    return f"{c} = {v} {sign} {word} {tol_s} ({how})"


def explain_lines(ds: Dataset, a: Assessment, lang: str, cite: Cite | None = None) -> list[str]:
    """Every step from data to status, one line each (the first line names the target)."""
    lang = check_lang(lang)
    cite = cite or _default_cite
    vi = lang == "vi"
    t = a.target
    ind = ds.indicators[t.indicator]
    unit = ind.unit
    lines = [f"{t.id} — {programme_label(ds, t.programme, lang)}"]
    lines.append(
        ("Mục tiêu: " if vi else "Target: ")
        + f"{indicator_name(ind, lang)}: {target_phrase(t, unit, lang)}"
    )
    quote, quote_lang = _quote(t, lang)
    src = cite(t.source) if t.source else ""
    if quote:
        other = quote_lang != lang
        tag = (" (nguyên văn tiếng Anh)" if vi else " (original in Vietnamese)") if other else ""
        lines.append(f"{'Nguồn' if vi else 'Source'} {src}: “{quote}”{tag}")
    elif src:
        lines.append(f"{'Nguồn' if vi else 'Source'} {src}")
    if t.inferred:
        basis, _ = _in_lang(t.basis_note_vi, t.basis_note_en, lang)
        lines.append(
            (
                "* Giá trị suy ra, không có trong văn bản của chương trình: "
                if vi
                else "* Inferred value, not stated in the programme's text: "
            )
            + _cited(basis, cite)
        )
    lines.append(("Ngưỡng tính đạt: " if vi else "Threshold: ") + _tolerance_text(ds, a, lang))
    horizon = min(a.as_of, t.year)
    if a.observations:
        obs_years = years_span([o.year for o in a.observations])
        lines.append(
            f"Đánh giá tính đến năm {a.as_of}: dùng {a.n_obs} quan sát "
            f"({obs_years}; năm ≤ {horizon})"
            if vi
            else f"Assessed as of {a.as_of}: {a.n_obs} "
            f"observation{'s' if a.n_obs != 1 else ''} used "
            f"({obs_years}; years ≤ {horizon})"
        )
    else:
        lines.append(
            f"Đánh giá tính đến năm {a.as_of}: không có quan sát nào đến năm {horizon}"
            if vi
            else f"Assessed as of {a.as_of}: no observation up to {horizon}"
        )
    if not t.is_growth:
        lines.extend(_value_lines(ds, a, lang, cite))
    else:
        lines.extend(_growth_lines(a, lang))
    if a.cagr_required is not None and a.cagr_actual is not None:
        lines.append(
            f"Tốc độ tăng cần thiết: {fmt_rate(a.cagr_required, lang)}; đã đạt: "
            f"{fmt_rate(a.cagr_actual, lang)}"
            if vi
            else f"Required growth: {fmt_rate(a.cagr_required, lang)}; achieved: "
            f"{fmt_rate(a.cagr_actual, lang)}"
        )
    needed = needed_phrase(ds, a, lang)
    if needed:
        lines.append(("Để đạt mục tiêu: " if vi else "To meet the target: ") + needed)
    if a.ratio is not None:
        lines.append(
            ("Tỷ số tiến độ (đạt/cần): " if vi else "Progress ratio (achieved/required): ")
            + ratio_rule(a.ratio, lang)
        )
    lines.extend(_model_lines(ds, a, lang))
    if a.flags:
        lines.append("Lưu ý:" if vi else "Notes:")
        # codes are for machines (CSV, JSON): people read each flag in words only
        lines.extend(f"  – {flag_detail(a, code, lang)}" for code in a.flags)
    if a.override_reason or "manual_override" in a.flags:
        lines.append(
            f"Điều chỉnh thủ công: trạng thái tính được “{status_label(a.computed_status, lang)}” "
            f"được thay bằng “{status_label(a.status, lang)}”; lý do: {nfc(a.override_reason)}"
            if vi
            else f"Manual override: the computed status “{status_label(a.computed_status, lang)}” "
            f"is replaced by “{status_label(a.status, lang)}”; reason: {nfc(a.override_reason)}"
        )
    lines.append(
        ("Kết luận: " if vi else "Verdict: ")
        + f"{status_label(a.status, lang)} — {why(ds, a, lang)}"
    )
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
        tag = (" (tiếng Anh)" if lang == "vi" else " (in Vietnamese)") if other else ""
        line += f"; {'ghi chú' if lang == 'vi' else 'note'}{tag}: {_cited(nfc(note), cite)}"
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
    vi = lang == "vi"
    t = a.target
    latest = _obs(a, a.latest_year)
    if a.branch == "ex_post":
        label = "Năm mục tiêu" if vi else "Target year"
        o = _obs(a, t.year)
        if o is not None:
            return [_obs_line(ds, label, o, lang, cite)]
        out = [f"{label} {t.year}: chưa có số liệu" if vi else f"{label} {t.year}: no figure"]
        if latest is not None:
            out.append(
                _obs_line(ds, "Số gần nhất" if vi else "Latest earlier value", latest, lang, cite)
            )
        return out
    if a.branch == "met_early":
        return (
            [_obs_line(ds, "Số mới nhất" if vi else "Latest value", latest, lang, cite)]
            if latest
            else []
        )
    out = []
    base = _obs(a, a.base_year)
    if base is None:
        b = t.base_year if t.base_year is not None else ds.programmes[t.programme].base_year
        out.append(
            f"Năm gốc: chưa có số liệu từ năm {b}" if vi else f"Base year: no data from {b} on"
        )
    elif latest is not None and base.year == latest.year:
        label = "Năm gốc và số mới nhất" if vi else "Base year and latest value"
        return [_obs_line(ds, label, base, lang, cite)]
    else:
        out.append(_obs_line(ds, "Năm gốc" if vi else "Base year", base, lang, cite))
    if latest is not None:
        out.append(_obs_line(ds, "Số mới nhất" if vi else "Latest value", latest, lang, cite))
    return out


def obs_words(o: Observation, lang: str) -> str:
    """An observation's status and qualifier in words: 'số suy ra, khoảng'."""
    from .text import obs_status_label

    parts = [obs_status_label(o.status, lang)]
    if o.qualifier in ("more_than", "less_than"):
        bound = {
            "more_than": ("giới hạn dưới", "lower bound"),
            "less_than": ("giới hạn trên", "upper bound"),
        }
        parts.append(bound[o.qualifier][0 if lang == "vi" else 1])
    return ", ".join(parts)


def _growth_lines(a: Assessment, lang: str) -> list[str]:
    vi = lang == "vi"
    t = a.target
    w = a.window or (t.year, t.year)
    if a.window_observed:
        seen = ", ".join(f"{y}: {fmt_percent(g, lang, 1, sign=True)}" for y, g in a.window_observed)
    else:
        seen = "chưa có" if vi else "none yet"
    out = [
        f"Giai đoạn áp dụng: {w[0]}–{w[1]}; các năm đã có số liệu: {seen}"
        if vi
        else f"Period it applies to: {w[0]}–{w[1]}; years observed: {seen}"
    ]
    if a.years_failed:
        failed = years_span(a.years_failed)
        out.append(f"Năm không đạt: {failed}" if vi else f"Years that fell short: {failed}")
    if "recent_trend" in a.flags and a.cagr_actual is not None:
        used = years_span(_used_growth_years(a))
        out.append(
            f"Dùng xu hướng các năm {used} (trước giai đoạn mục tiêu)"
            if vi
            else f"Trend of {used} used (before the target period)"
        )
    return out


def _model_lines(ds: Dataset, a: Assessment, lang: str) -> list[str]:
    vi = lang == "vi"
    t = a.target
    unit = "growth_pct" if t.is_growth else _unit(ds, a)
    out: list[str] = []
    if not a.models:
        if a.as_of < t.year and "too_few_points_for_probability" in a.flags:
            out.append(
                f"Xác suất đạt: không tính ({a.n_obs} quan sát, cần ít nhất 4)"
                if vi
                else f"Probability: not computed ({a.n_obs} observation(s), at least 4 are needed)"
            )
        return out
    out.append("Mô hình dự báo:" if vi else "Forecast models:")
    for m in a.models:
        name = model_label(m.model, lang)
        if m.fitted:
            what = (
                ("mức tăng bình quân giai đoạn" if vi else "average growth over the period")
                if t.is_growth
                else (f"năm {t.year}" if vi else f"for {t.year}")
            )
            fc = fmt_value(m.forecast, unit, lang, exact=True)
            p = fmt_probability(m.p, lang)
            out.append(
                f"  – {name}: dự báo {what} {fc}; xác suất đạt {p}"
                if vi
                else f"  – {name}: forecast {what} {fc}; probability of meeting the target {p}"
            )
        else:
            reason = skip_reason(m.skipped, lang)
            out.append(
                f"  – {name}: không dùng ({reason})" if vi else f"  – {name}: not used ({reason})"
            )
    if a.p_attain is not None:
        p = fmt_probability(a.p_attain, lang)
        lo, hi = fmt_probability(a.p_low, lang), fmt_probability(a.p_high, lang)
        term = likelihood_label(a.likelihood, lang)
        out.append(
            f"Xác suất đạt (trung vị các mô hình): {p} (từ {lo} đến {hi}) — {term}"
            if vi
            else f"Probability of meeting the target (median of the models): {p} "
            f"(from {lo} to {hi}) — {term}"
        )
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
