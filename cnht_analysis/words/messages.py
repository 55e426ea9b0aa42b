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
from . import t as words_t
from . import tn as words_tn

if TYPE_CHECKING:
    from ..assess import Assessment
    from ..results import Results

MOVING = ("on_track", "acceleration_needed", "limited_progress", "deterioration")


def overview_sentence(r: Results, lang: str) -> str:
    """How many targets, how many decided, in progress and unassessable."""
    res = r.assessments
    counts = Counter(a.status for a in res)
    region = nfc(r.dataset.region_name(r.region, lang))
    n = len(res)
    head = words_tn("msg.overview", lang, n, year=r.as_of, region=region)
    clauses = []
    decided = [s for s in ("achieved", "missed") if counts[s]]
    if decided:
        k = sum(counts[s] for s in decided)
        parts = join_words([f"{counts[s]} {status_label(s, lang).lower()}" for s in decided], lang)
        clauses.append(words_tn("msg.final", lang, k, parts=parts))
    moving = [s for s in MOVING if counts[s]]
    if moving:
        k = sum(counts[s] for s in moving)
        parts = join_words([f"{counts[s]} {status_label(s, lang).lower()}" for s in moving], lang)
        clauses.append(words_tn("msg.in_progress", lang, k, parts=parts))
    if counts["unable_to_assess"]:
        k = counts["unable_to_assess"]
        share = fmt_percent(100.0 * k / n, lang, 0)
        clauses.append(words_tn("msg.unable", lang, k, share=share))
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
        verb = words_t("msg.verb.meets" if a.status == "achieved" else "msg.verb.misses", lang)
        text = words_t(
            "msg.decided.growth",
            lang,
            name=indicator_name(ind, lang),
            got=got,
            verb=verb,
            goal=goal,
            prog=prog,
        )
    else:
        o = next((o for o in a.observations if o.year == t.year), None)
        if o is None:
            return ""
        v = value_phrase(o, ind.unit, lang)
        better = o.value > t.value if t.type != "at_most" else o.value < t.value
        if a.computed_status == "achieved" and better:
            verb = words_t("msg.verb.beats", lang)
        elif a.computed_status == "achieved":
            verb = words_t("msg.verb.within", lang)
        else:
            verb = words_t("msg.verb.misses", lang)
        text = words_t(
            "msg.decided.level",
            lang,
            year=t.year,
            name=name,
            value=v,
            verb=verb,
            goal=goal,
            prog=prog,
        )
        if o.status == "derived":
            text += " " + words_t("msg.derived", lang)
        elif o.status in ("estimate", "preliminary"):
            kind = obs_status_label(o.status, lang)
            text += " " + words_t(f"msg.provisional.{o.status}", lang, kind=kind)
    if a.override_reason:
        text += " " + words_t(
            "msg.override",
            lang,
            status=status_label(a.status, lang),
            reason=nfc(a.override_reason),
            computed=status_label(a.computed_status, lang).lower(),
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
        text = words_t(
            "msg.progress.growth",
            lang,
            name=name,
            years=years,
            got=got,
            goal=goal,
            start=w[0],
            end=w[1],
            prog=prog,
            status=status,
        )
    elif a.ratio is not None and a.cagr_actual is not None and a.cagr_required is not None:
        need, got = fmt_rate(a.cagr_required, lang), fmt_rate(a.cagr_actual, lang)
        text = words_t(
            "msg.progress.level",
            lang,
            name=name,
            goal=goal,
            year=t.year,
            prog=prog,
            need=need,
            base_year=a.base_year,
            got=got,
            status=status,
        )
    else:
        text = f"{name}: {goal}, {t.year} ({prog}) — {status}: {why(ds, a, lang)}."
    if a.p_attain is not None:
        p = fmt_probability(a.p_attain, lang)
        term = likelihood_label(a.likelihood, lang)
        text += " " + words_t("msg.probability", lang, p=p, term=term)
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
        side = words_t("msg.bound.lower" if o.qualifier == "more_than" else "msg.bound.upper", lang)
        msgs.append(
            words_t(
                "msg.bound",
                lang,
                name=lower_first(indicator_name(ind, lang)),
                value=v,
                year=o.year,
                side=side,
                goal=goal,
                target_year=a.target.year,
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
            words_tn(
                "msg.no_data",
                lang,
                len(no_data),
                names=names,
                targets=words_tn("n_targets", lang, n),
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
                side = words_t("msg.side.above", lang)
            elif last.value < ref.target.value:
                side = words_t("msg.side.below", lang)
            else:
                side = words_t("msg.side.equal", lang)
            kind = obs_status_label(last.status, lang)
            items.append(
                (
                    words_t(
                        "msg.context.figure",
                        lang,
                        name=lower_first(cname),
                        year=last.year,
                        value=v,
                        kind=kind,
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
            key = "msg.context.all_one_side" if len(items) > 1 else "msg.context.one_side"
            told = words_t(key, lang, listed=listed, side=side, x=x)
        else:
            told = join_words(
                [
                    words_t("msg.context.each_side", lang, text=text, side=s, x=x)
                    for text, s in items
                ],
                lang,
            )
        context.append(words_t("msg.context", lang, told=told, name=name))
    # 3 to 5 messages: the overview, progress and the newest decided target first, then what
    # the data lack, then older decided targets and the context, as room allows
    out = first + decided[:1] + msgs
    for extra in decided[1:] + context[:1]:
        if len(out) < MAX_MESSAGES:
            out.append(extra)
    return [nfc(m) for m in out[:MAX_MESSAGES]]


MAX_MESSAGES = 5
