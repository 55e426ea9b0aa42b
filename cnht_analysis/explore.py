"""What `notebooks/explore.ipynb` calls: frames in the reader's language and the Department's
workflow (template → fill → import → assess) on a private copy of the data.

Every frame labels rows and columns in words of `lang` — indicator and plan names, units,
qualifiers and statuses as a reader says them — never ids or codes such as `more_than`.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import paths, words
from .indicators import parse_derive, series
from .models import Dataset
from .text import (
    fmt_value,
    indicator_name,
    join_words,
    nfc,
    obs_status_label,
    programme_short,
    qualifier_word,
    target_phrase,
    unit_label,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .results import Results


def _cols(lang: str, *names: str) -> list[str]:
    """The frame's column heads: catalogue keys "explore.col.<name>"."""
    return [words.t(f"explore.col.{name}", lang) for name in names]


def _source_name(ds: Dataset, source_id: str) -> str:
    s = ds.sources.get(source_id)
    if s is None:
        return ""
    return nfc(s.publisher or s.title)


def _unit_words(unit: str, lang: str) -> str:
    key = f"explore.unit.{unit}"
    return words.t(key, lang) if key in words.CATALOGUE else unit_label(unit, lang)


def _derive_words(ds: Dataset, rule: str | None, lang: str) -> str:
    if not rule:
        return ""
    kind, inputs = parse_derive(rule)
    names = [indicator_name(ds.indicators[i], lang) for i in inputs if i in ds.indicators]
    if kind == "share" and len(names) == 2:
        return words.t("explore.derive.share", lang, a=names[0], b=names[1])
    if kind in ("growth", "index") and names:
        return words.t(f"explore.derive.{kind}", lang, name=names[0])
    return join_words(names, lang)


def catalogue(ds: Dataset, lang: str = "vi") -> pd.DataFrame:
    """The indicators: name, unit and how a derived one is computed, in words."""
    import pandas as pd

    rows = [
        (indicator_name(i, lang), _unit_words(i.unit, lang), _derive_words(ds, i.derive, lang))
        for i in ds.indicators.values()
    ]
    cols = _cols(lang, "indicator", "unit", "derive")
    return pd.DataFrame(rows, columns=cols)


def figures(
    ds: Dataset,
    region: str,
    indicator: str,
    lang: str = "vi",
    numbering: dict[str, int] | None = None,
) -> pd.DataFrame:
    """Every figure of one series (derived ones included), as a reader would quote it.

    Sources are cited by number (`numbering`, default: the report's `Results.citations` as of
    the latest year), in the source column and inside notes — never by id."""
    import pandas as pd

    from .citations import cited_ids, number_citations

    if numbering is None:
        from .assess import default_as_of
        from .results import Results

        numbering = dict(Results.build(ds, region, default_as_of(ds, region)).citations)

    def number(sid: str) -> int:
        if sid not in numbering:
            numbering[sid] = max(numbering.values(), default=0) + 1
        return numbering[sid]

    unit = ds.indicators[indicator].unit
    rows = []
    for o in series(ds, region, indicator):
        word = qualifier_word(o.qualifier, lang)
        value = (word + " " if word else "") + fmt_value(o.value, unit, lang)
        note = (o.note_vi or o.note) if lang == "vi" else (o.note or o.note_vi)
        for sid in cited_ids(note):
            number(sid)
        name = _source_name(ds, o.source)
        source = f"[{number(o.source)}] {name}" if name else ""
        rows.append(
            (
                o.year,
                value,
                obs_status_label(o.status, lang),
                source,
                number_citations(note, numbering),
            )
        )
    cols = _cols(lang, "year", "figure", "kind", "source", "note")
    return pd.DataFrame(rows, columns=cols)


def verdicts(results: Results, lang: str = "vi") -> pd.DataFrame:
    """The assessment: one row per target in the report's order, everything in words."""
    import pandas as pd

    from .assess_table import figure_words, latest_observation, needed_cell, status_words
    from .text import fmt_probability

    ds = results.dataset
    rows = []
    for a in results.ordered:
        t = a.target
        unit = ds.indicators[t.indicator].unit
        o = latest_observation(a)
        rows.append(
            (
                indicator_name(ds.indicators[t.indicator], lang),
                programme_short(ds, t.programme, lang),
                t.year,
                target_phrase(t, unit, lang, short=True),
                "–" if o is None else figure_words(o, unit, lang),
                needed_cell(a, lang),
                status_words(a, lang),
                "" if a.p_attain is None else fmt_probability(a.p_attain, lang),
            )
        )
    cols = _cols(lang, "target", "plan", "year", "aim", "latest", "needed", "status", "p")
    return pd.DataFrame(rows, columns=cols)


def changed(before: Results, after: Results, lang: str = "vi") -> pd.DataFrame:
    """Targets whose status differs between two assessments (e.g. before and after an import)."""
    import pandas as pd

    from .assess_table import status_words

    ds = after.dataset
    old = before.by_id
    rows = []
    for a in after.ordered:
        b = old.get(a.target.id)
        was = status_words(b, lang) if b is not None else "–"
        now = status_words(a, lang)
        if was != now:
            t = a.target
            rows.append(
                (
                    indicator_name(ds.indicators[t.indicator], lang),
                    programme_short(ds, t.programme, lang),
                    t.year,
                    was,
                    now,
                )
            )
    cols = _cols(lang, "target", "plan", "year", "before", "after")
    return pd.DataFrame(rows, columns=cols)


# --- the Department's workflow on a private copy ---------------------------------------------


def private_copy(data_dir: str | Path | None = None) -> Path:
    """A copy of the data directory in a new temporary folder (the repository's data/ is
    never written by the notebook)."""
    source = Path(data_dir) if data_dir else paths.DATA_DIR
    work = Path(tempfile.mkdtemp(prefix="cnht-explore-"))
    return Path(shutil.copytree(source, work / "data"))


def _append_row(ws: Any, values: dict[str, Any]) -> int:
    from .excel import HEADER_VI

    # the template's headers are Vietnamese labels; `values` are keyed by column name
    name_of = {label: name for m in HEADER_VI.values() for name, label in m.items()}
    header = [name_of.get(c.value, c.value) for c in ws[1]]
    missing = sorted(set(values) - set(header))
    if missing:
        raise KeyError(f"sheet {ws.title} has no column {', '.join(missing)}")
    row = 2
    while any(ws.cell(row=row, column=i + 1).value not in (None, "") for i in range(len(header))):
        row += 1
    for i, name in enumerate(header):
        if name in values:
            ws.cell(row=row, column=i + 1, value=values[name])
    return row


def fill(
    workbook: str | Path, figures: list[dict[str, Any]], sources: list[dict[str, Any]]
) -> Path:
    """Type rows into a `cnht template` workbook as a clerk would: observations on the
    "Số liệu" sheet and their sources on "Nguồn" (each dict: column name → cell)."""
    from openpyxl import load_workbook

    from .excel import SHEET_OBS, SHEET_SOURCES

    path = Path(workbook)
    wb = load_workbook(path)
    for s in sources:
        _append_row(wb[SHEET_SOURCES], s)
    for f in figures:
        _append_row(wb[SHEET_OBS], f)
    wb.save(path)
    return path


# The source of the notebook's example figures: says on every page it is not real data.
EXAMPLE_SOURCE = {
    "source": "vi_du_so_cong_thuong",
    "publisher": "Sở Công Thương Hà Nội (VÍ DỤ)",
    "title": "Ví dụ minh hoạ trong explore.ipynb, không phải số liệu thật (example, not data)",
    "language": "vi",
}


def fill_figures(
    workbook: str | Path,
    region: str,
    indicator: str,
    entries: list[tuple[int, float, str]],
    source: dict[str, Any] | None = None,
) -> Path:
    """Type `(year, value, status)` figures of one indicator into the workbook, with their
    source (default: `EXAMPLE_SOURCE`, marked as an example)."""
    source = dict(source or EXAMPLE_SOURCE)
    rows = [
        {
            "region": region,
            "indicator": indicator,
            "year": year,
            "value": value,
            "status": status,
            "qualifier": "exact",
            "source": source["source"],
        }
        for year, value, status in entries
    ]
    return fill(workbook, rows, [source])
