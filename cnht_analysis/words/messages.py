"""The key messages of a report, written from the one results object (HTML and Word alike).

`key_messages(results, lang)` returns plain sentences (no markup); each view lays them out. A
sentence is only written when the data support it. Citations are not part of the messages.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..explain import why, years_span
from ..indicators import series
from ..text import (
    fmt_percent,
    fmt_probability,
    fmt_rate,
    indicator_name,
    join_words,
    likelihood_label,
    lower_first,
    nfc,
    obs_status_label,
    programme_short,
    status_label,
    target_phrase,
    value_phrase,
)

if TYPE_CHECKING:
    from ..assess import Assessment
    from ..results import Results

MOVING = ("on_track", "acceleration_needed", "limited_progress", "deterioration")


def _w(lang: str, vi: str, en: str) -> str:
    return vi if lang == "vi" else en


def _targets(n: int) -> str:
    return f"{n} target{'' if n == 1 else 's'}"


def overview_sentence(r: Results, lang: str) -> str:
    """How many targets, how many decided, in progress and unassessable."""
    res = r.assessments
    counts = Counter(a.status for a in res)
    region = nfc(r.dataset.region_name(r.region, lang))
    n = len(res)
    head = _w(
        lang,
        f"Tính đến năm {r.as_of}, {region} có {n} mục tiêu công nghiệp hỗ trợ.",
        f"As of {r.as_of}, {region} has {n} supporting-industry target{'' if n == 1 else 's'}.",
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
    moving = [s for s in MOVING if counts[s]]
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


def decided_sentence(r: Results, a: Assessment, lang: str) -> str:
    """A final verdict in one sentence ('' when the target-year figure is missing)."""
    t = a.target
    ds = r.dataset
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


def progress_sentence(r: Results, a: Assessment, lang: str) -> str:
    """A target in progress: needed against achieved growth, and the probability."""
    t = a.target
    ds = r.dataset
    ind = ds.indicators[t.indicator]
    goal = target_phrase(t, ind.unit, lang, short=True)
    prog = programme_short(ds, t.programme, lang)
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
        text = f"{name}: {goal}, {t.year} ({prog}) — {status}: {why(ds, a, lang)}."
    if a.p_attain is not None:
        p = fmt_probability(a.p_attain, lang)
        term = likelihood_label(a.likelihood, lang)
        text += " " + _w(
            lang,
            f"Xác suất đạt theo các mô hình xu hướng: {p} ({term}).",
            f"Probability of meeting it from the trend models: {p} ({term}).",
        )
    return text


def key_messages(r: Results, lang: str) -> list[str]:
    """Plain sentences written from the results (none is shown when the data do not support it)."""
    from ..plots import context_indicators, indicators_with_targets

    res = r.assessments
    ds = r.dataset
    first = [overview_sentence(r, lang)]
    moving = sorted(
        (a for a in res if a.status in MOVING), key=lambda a: (a.target.year, a.target.id)
    )
    first += [progress_sentence(r, a, lang) for a in moving[:2]]
    final = sorted(
        (a for a in res if a.status in ("achieved", "missed") and a.target.year <= r.as_of),
        key=lambda a: (-a.target.year, a.target.id),
    )
    decided = [s for s in (decided_sentence(r, a, lang) for a in final[:2]) if s]
    msgs: list[str] = []
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
    unable = [a for a in res if a.computed_status == "unable_to_assess"]
    no_data = [
        i
        for i in dict.fromkeys(a.target.indicator for a in unable)
        if not series(ds, r.region, i, r.as_of)
    ]
    if no_data:
        n = sum(1 for a in unable if a.target.indicator in no_data)
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
    context: list[str] = []
    for indicator in indicators_with_targets(ds, res):
        if series(ds, r.region, indicator, r.as_of):
            continue
        growth = [a for a in res if a.target.indicator == indicator and a.target.is_growth]
        if not growth:
            continue
        ref = max(growth, key=lambda a: (a.target.year, a.target.id))
        items: list[tuple[str, str]] = []  # (the context figure in words, its side)
        for c in context_indicators(ds, r.region, indicator):
            seen = series(ds, r.region, c, r.as_of)
            if not seen:  # the context series starts after the as-of year
                continue
            last = seen[-1]
            cname = indicator_name(ds.indicators[c], lang)
            name = lower_first(indicator_name(ds.indicators[indicator], lang))
            v = fmt_percent(last.value, lang, 1)
            x = fmt_percent(ref.target.value, lang, 1)
            if last.value > ref.target.value:
                side = _w(lang, "cao hơn", "above")
            elif last.value < ref.target.value:
                side = _w(lang, "thấp hơn", "below")
            else:
                side = _w(lang, "bằng", "equal to")
            kind = obs_status_label(last.status, lang)
            items.append(
                (
                    _w(
                        lang,
                        f"{lower_first(cname)} năm {last.year} là {v} ({kind})",
                        f"{lower_first(cname)} in {last.year} was {v} ({kind})",
                    ),
                    side,
                )
            )
        if not items:
            continue
        sides = {side for _, side in items}
        if len(sides) == 1:  # one sentence for all the context series of the indicator
            listed = join_words([text for text, _ in items], lang)
            side = sides.pop()
            told = _w(
                lang,
                f"{listed}; {'đều ' if len(items) > 1 else ''}{side} mức {x}",
                f"{listed}; {'all ' if len(items) > 1 else ''}{side} the {x}",
            )
        else:
            told = join_words(
                [_w(lang, f"{text} ({s} mức {x})", f"{text} ({s} the {x})") for text, s in items],
                lang,
            )
        context.append(
            _w(
                lang,
                f"Để tham khảo: {told} mà các mục tiêu đặt ra cho {name}. Đây là số liệu bối "
                "cảnh, không phải chỉ tiêu của mục tiêu, nên không dùng để đánh giá.",
                f"For context: {told} the targets set for {name}. These are context series, "
                "not the targets' indicator, so they are not used to assess them.",
            )
        )
    # 3 to 5 messages: the overview, progress and the newest decided target first, then what
    # the data lack, then older decided targets and the context, as room allows
    out = first + decided[:1] + msgs
    for extra in decided[1:] + context[:1]:
        if len(out) < MAX_MESSAGES:
            out.append(extra)
    return [nfc(m) for m in out[:MAX_MESSAGES]]


MAX_MESSAGES = 5
