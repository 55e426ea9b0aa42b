"""What `cnht assess` prints: the terminal table, the official count and the sources.

Targets are named as a reader names them (the indicator, grouped under its plan; ids with
`--ids`), figures keep their qualifiers in words ("hơn 900", "khoảng 930, suy ra"), one line
counts the verdicts the official way ("3/7 chỉ tiêu đạt và vượt, …"), and sources carry the
numbers `Results.citations` gives them (the numbering the report and `cnht explain` use).
"""

from __future__ import annotations

from pathlib import Path

from . import words
from .assess import Assessment, default_as_of
from .models import Dataset, Observation
from .results import Results
from .text import (
    fmt_percent,
    fmt_rate,
    fmt_value,
    indicator_name,
    nfc,
    programme_short,
    qualifier_word,
    target_phrase,
)

# The table's columns, in order (their heads are catalogue keys "assess.col.<name>").
COLUMNS = ("indicator", "year", "aim", "latest", "needed", "p_attain", "status", "sources")


def figure_words(o: Observation, unit: str, lang: str) -> str:
    """'hơn 900 (2024)', 'khoảng 930, suy ra (2022)' / 'more than 900 (2024)', …"""
    word = qualifier_word(o.qualifier, lang)
    text = (word + " " if word else "") + fmt_value(o.value, unit, lang)
    key = f"obs_short.{o.status}"
    status = (
        "" if o.status == "actual" else words.t(key, lang) if key in words.CATALOGUE else o.status
    )
    if status:
        text += f", {status}"
    return f"{text} ({o.year})"


def latest_observation(a: Assessment) -> Observation | None:
    """The figure the verdict rests on (the latest of the series used)."""
    return next((o for o in reversed(a.observations) if o.year == a.latest_year), None)


def status_words(a: Assessment, lang: str) -> str:
    """The status word ("Vượt" for an achieved target past its stated value); * = overridden."""
    from .status import exceeded, label

    return label(a.status, lang, exceeded=exceeded(a)) + (" *" if a.override_reason else "")


def needed_cell(a: Assessment, lang: str) -> str:
    """What it takes from now, short: '≤ +11,1 %/năm' (an upper bound: the latest figure is a
    lower bound), '+4,6 %/năm', '−2,0 %/năm'; for a growth target the average growth the
    remaining years need; '–' when the method gives none (target year passed, no figure)."""
    if a.cagr_needed is None:
        return "–"
    rate = fmt_rate(a.cagr_needed, lang)
    return f"≤ {rate}" if a.needed_is_upper_bound else rate


def _cite(numbering: dict[str, int], *source_ids: str) -> str:
    numbers = sorted({numbering[s] for s in source_ids if s in numbering})
    return f"[{', '.join(str(n) for n in numbers)}]" if numbers else ""


def table(results: Results, lang: str, *, ids: bool = False) -> str:
    """The terminal table of `results`: one group per plan, a count line, the sources cited."""
    ds = results.dataset
    numbering = results.citations
    groups: dict[str, list[Assessment]] = {}
    for a in results.ordered:
        groups.setdefault(a.target.programme, []).append(a)
    rows: list[tuple[str, ...]] = []
    group_of_row: list[str | None] = []
    for programme, items in groups.items():
        for a in items:
            t = a.target
            unit = ds.indicators[t.indicator].unit
            o = latest_observation(a)
            p = "–" if a.p_attain is None else fmt_percent(100 * a.p_attain, lang, 0)
            rows.append(
                (
                    t.id if ids else indicator_name(ds.indicators[t.indicator], lang),
                    str(t.year),
                    target_phrase(t, unit, lang, short=True)
                    + (words.t("assess.inferred", lang) if t.inferred else ""),
                    "–" if o is None else figure_words(o, unit, lang),
                    needed_cell(a, lang),
                    p,
                    status_words(a, lang),
                    _cite(numbering, t.source, o.source if o is not None else ""),
                )
            )
            group_of_row.append(programme)
    heads = tuple(words.t(f"assess.col.{c}", lang) for c in COLUMNS)
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(heads)]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    region = nfc(ds.region_name(results.region, lang))
    title = words.t("table.title", lang, region=region, as_of=results.as_of)
    out = [title, "", line(heads), "  ".join("-" * w for w in widths)]
    current = None
    for row, programme in zip(rows, group_of_row, strict=True):
        if programme != current:
            current = programme
            prog = ds.programmes[programme]
            cite = _cite(numbering, prog.source)
            out.append(f"{programme_short(ds, programme, lang)}{' ' + cite if cite else ''}")
        out.append(line(row))
    out.append("")
    from .words import count_summary

    counts = results.status_counts()
    summary = count_summary(counts, len(results.assessments), lang)
    out.append(words.t("assess.summary", lang, summary=summary))
    if any(a.override_reason for a in results.assessments):
        out.append(words.t("assess.override_note", lang))
    cited = sorted(
        {n for row in rows for n in _numbers(row[-1])}
        | {n for p in groups for n in _numbers(_cite(numbering, ds.programmes[p].source))}
    )
    if cited:
        out.append("")
        out.append(words.t("assess.sources", lang))
        by_number = {n: sid for sid, n in numbering.items()}
        for n in cited:
            s = ds.sources.get(by_number[n])
            if s is None:
                continue
            who = ", ".join(nfc(x) for x in (s.publisher, s.title) if x)
            out.append(f"[{n}] {who}" + (f" — {s.url}" if s.url else ""))
    return "\n".join(out) + "\n"


def _numbers(cell: str) -> list[int]:
    return [int(x) for x in cell.strip("[]").split(", ") if x.isdigit()]


def assess_output(
    data_dir: Path | None,
    region: str,
    as_of: int | None,
    fmt: str,
    lang: str,
    *,
    ids: bool = False,
    sets: list[str] | None = None,
) -> str:
    """What `cnht assess` prints (a scenario when `sets` gives hypothetical figures)."""
    from . import scenario
    from .assess import assess_all, check_region, to_csv, to_json
    from .load import load_dataset

    ds: Dataset = load_dataset(data_dir)
    check_region(ds, region)
    if sets:
        ds = scenario.with_figures(ds, region, scenario.parse_figures(ds, sets))
    year = as_of
    if year is None:
        year = default_as_of(ds, region)
        if sets:
            year = scenario.scenario_as_of(ds, region, year)
    if fmt == "csv":
        text = to_csv(assess_all(ds, region, year))
    elif fmt == "json":
        text = to_json(assess_all(ds, region, year))
    else:
        text = table(Results.build(ds, region, year), lang, ids=ids)
    if sets and fmt == "table":
        return scenario.label(text, ds, region, lang)
    return text
