"""targets.yaml: the programmes and their targets, checked against the catalogue and each other."""

from __future__ import annotations

from collections.abc import Callable

from ..models import BASES, GROWTH_TYPES, LEVEL_TYPES, TARGET_TYPES, Indicator, Programme, Target
from . import schema
from .checks import Checks, declared_ids, entry_label
from .common import (
    ID_RE,
    INDICATORS_FILE,
    REGIONS_FILE,
    TARGETS_FILE,
    one_of,
    show,
    suggest,
)
from .readers import YamlValue, read_yaml

PROGRAMME_KEYS = schema.PROGRAMMES.keys
TARGET_KEYS = schema.TARGETS.keys
TOP_KEYS = schema.TOP_KEYS
# The free-text keys of a target, read as text.
TARGET_TEXTS = (
    "quote_vi",
    "quote_en",
    "note",
    "note_vi",
    "basis",
    "basis_note_vi",
    "basis_note_en",
)


def load_targets(
    c: Checks, indicators: dict[str, Indicator]
) -> tuple[dict[str, Programme], list[Target]]:
    name = TARGETS_FILE
    p = c.path(name)
    if not p.is_file():
        return {}, []
    c.files.append(p)
    doc = read_yaml(p, name, c.problems)
    if doc is None:
        return {}, []
    if doc.value is None:
        c.add(name, "", "", "is empty", "the keys 'programmes:' and 'targets:'")
        return {}, []
    root = c.mapping(name, doc, "", TOP_KEYS)
    if root is None:
        return {}, []
    prog_items = c.y_list(name, root, "programmes")
    target_items = c.y_list(name, root, "targets")
    c.programme_ids = declared_ids(prog_items, "id")
    c.target_ids = declared_ids(target_items, "id")
    programmes = load_programmes(c, prog_items)
    targets: list[Target] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(target_items):
        t = load_target(c, i, item, programmes, indicators, seen)
        if t is not None:
            targets.append(t)
    return programmes, targets


def load_programmes(c: Checks, items: list[YamlValue]) -> dict[str, Programme]:
    name = TARGETS_FILE
    programmes: dict[str, Programme] = {}
    first_line: dict[str, int] = {}
    for i, item in enumerate(items):
        d = c.mapping(name, item, entry_label("programmes", item, "id", i), PROGRAMME_KEYS)
        if d is None:
            continue
        pid = c.y_text(name, d, "id", f"programmes[#{i + 1}]")
        where = f"programmes[{pid}]" if pid else f"programmes[#{i + 1}]"
        if pid and not ID_RE.fullmatch(pid):
            c.y_id(name, d, "id", where)
        if pid in first_line:
            c.add(
                name,
                d["id"].line,
                f"{where}.id",
                f"{show(pid)} appears twice (first on line {first_line[pid]})",
                "each programme id once",
            )
            continue
        if pid:
            first_line[pid] = d["id"].line
        region = c.y_id(name, d, "region", where)
        if region:
            c.check_ref(
                name,
                d["region"].line,
                f"{where}.region",
                region,
                "region",
                c.region_ids,
                REGIONS_FILE,
            )
        for key in ("name_vi", "name_en", "document", "note", "note_vi"):
            c.y_text(name, d, key, where)
        for key in ("note", "note_vi"):
            if key in d:
                c.check_citations(
                    name, d[key].line, f"{where}.{key}", c.y_text(name, d, key, where)
                )
        period = c.y_span(name, d, "period", where)
        adopted = c.y_year(name, d, "adopted", where) if "adopted" in d else None
        if period and adopted is not None and adopted > period[1]:
            c.add(
                name,
                d["adopted"].line,
                f"{where}.adopted",
                f"{adopted} is after the programme's last year {period[1]}",
                f"the year the programme was adopted, at the latest {period[1]}",
            )
            adopted = None
        base = c.y_year(name, d, "base_year", where)
        if period and base is not None and base >= period[1]:
            c.add(
                name,
                d["base_year"].line,
                f"{where}.base_year",
                f"{base} is not before the programme's last year {period[1]}",
                f"the year progress is measured from, before {period[1]} "
                f"(usually {period[0] - 1} or {period[0]})",
            )
            base = None
        src = c.check_source(name, d, where)
        if pid and ID_RE.fullmatch(pid) and region and period and base is not None:
            programmes[pid] = Programme(
                pid,
                region,
                c.y_text(name, d, "name_vi", where),
                c.y_text(name, d, "name_en", where),
                period,
                base,
                src,
                c.y_text(name, d, "document", where),
                c.y_text(name, d, "note", where),
                adopted,
                c.y_text(name, d, "note_vi", where),
            )
    return programmes


def load_target(
    c: Checks,
    i: int,
    item: YamlValue,
    programmes: dict[str, Programme],
    indicators: dict[str, Indicator],
    seen: dict[str, int],
) -> Target | None:
    name = TARGETS_FILE
    d = c.mapping(name, item, entry_label("targets", item, "id", i), TARGET_KEYS)
    if d is None:
        return None
    tid = c.y_text(name, d, "id", f"targets[#{i + 1}]")
    where = f"targets[{tid}]" if tid else f"targets[#{i + 1}]"

    def line(key: str) -> int:
        return d[key].line if key in d else item.line

    if tid and not ID_RE.fullmatch(tid):
        c.y_id(name, d, "id", where)
        tid = ""
    duplicate = bool(tid) and tid in seen
    if duplicate:
        msg = f"{show(tid)} appears twice (first on line {seen[tid]})"
        c.add(name, line("id"), f"{where}.id", msg, "each target id once")
    elif tid:
        seen[tid] = line("id")
    prog_id = c.y_text(name, d, "programme", where)
    prog = programmes.get(prog_id)
    if prog_id:
        c.check_ref(
            name,
            line("programme"),
            f"{where}.programme",
            prog_id,
            "programme",
            c.programme_ids,
            "'programmes:' above",
        )
    ind_id = c.y_text(name, d, "indicator", where)
    ind = indicators.get(ind_id)
    if ind_id:
        c.check_ref(
            name,
            line("indicator"),
            f"{where}.indicator",
            ind_id,
            "indicator",
            c.indicator_ids,
            INDICATORS_FILE,
        )
    ttype = c.y_text(name, d, "type", where)
    if ttype and ttype not in TARGET_TYPES:
        c.add(
            name,
            line("type"),
            f"{where}.type",
            f"{show(ttype)} is not allowed" + suggest(ttype, TARGET_TYPES),
            one_of(TARGET_TYPES),
        )
        ttype = ""
    if ind is not None and ttype in GROWTH_TYPES and not ind.is_growth:
        c.add(
            name,
            line("type"),
            f"{where}.type",
            f"{ttype} is a growth target but {ind_id} is a level (unit {ind.unit})",
            "at_least, at_most or band here, or a growth_pct indicator",
        )
    if ind is not None and ttype in LEVEL_TYPES and ind.is_growth:
        c.add(
            name,
            line("type"),
            f"{where}.type",
            f"{ttype} is a level target but {ind_id} is a growth rate (growth_pct)",
            "growth_above or growth_at_least for a growth_pct indicator",
        )
    year = c.y_year(name, d, "year", where)
    value = c.y_num(name, d, "value", where, whole=ind is not None and ind.unit == "count")
    if value is not None and ind is not None and ttype and (ttype in GROWTH_TYPES) == ind.is_growth:
        c.check_value(name, line("value"), f"{where}.value", value, ind, d["value"].raw or "")
    tol_abs = c.y_num(name, d, "tolerance_abs", where)
    tol_rel = c.y_num(name, d, "tolerance_rel", where)
    if tol_abs is not None and tol_abs < 0:
        c.add(
            name,
            line("tolerance_abs"),
            f"{where}.tolerance_abs",
            f"{tol_abs:g} is negative",
            "a tolerance ≥ 0 in the indicator's unit",
        )
    if tol_rel is not None and not 0 <= tol_rel < 1:
        hint = f" (write {tol_rel / 100:g} for {tol_rel:g} %)" if 1 <= tol_rel < 100 else ""
        c.add(
            name,
            line("tolerance_rel"),
            f"{where}.tolerance_rel",
            f"{tol_rel:g} is not a fraction{hint}",
            "a fraction of the value from 0 to 1 (0.03 = 3 %)",
        )
    base = c.y_year(name, d, "base_year", where)
    window = c.y_span(name, d, "window", where)
    check_years(c, where, line, prog, ttype, year, base, window)
    src = c.check_source(name, d, where)
    texts = {k: c.y_text(name, d, k, where) for k in TARGET_TEXTS}
    for key in ("note", "note_vi", "basis_note_vi", "basis_note_en"):
        if key in d:
            c.check_citations(name, line(key), f"{where}.{key}", texts[key])
    basis = texts["basis"] or "stated"
    if basis not in BASES:
        c.add(
            name,
            line("basis"),
            f"{where}.basis",
            f"{show(basis)} is not allowed" + suggest(basis, BASES),
            one_of(BASES),
        )
        basis = "stated"
    elif basis == "inferred" and not (texts["basis_note_vi"] or texts["basis_note_en"]):
        c.add(
            name,
            line("basis"),
            f"{where}.basis_note_vi",
            "is empty for an inferred target",
            "basis_note_vi and basis_note_en: from what the value was inferred, and why",
        )
    if not duplicate and tid and prog and ind and ttype and year is not None and value is not None:
        return Target(
            tid,
            prog_id,
            ind_id,
            year,
            ttype,
            value,
            tol_abs or 0.0,
            tol_rel or 0.0,
            base,
            window,
            src,
            texts["quote_vi"],
            texts["quote_en"],
            texts["note"],
            basis,
            texts["basis_note_vi"],
            texts["basis_note_en"],
            texts["note_vi"],
        )
    return None


def check_years(
    c: Checks,
    where: str,
    line: Callable[[str], int],
    prog: Programme | None,
    ttype: str,
    year: int | None,
    base: int | None,
    window: tuple[int, int] | None,
) -> None:
    """Target year, base year and window against each other and the programme's period."""
    name = TARGETS_FILE
    if year is not None and prog is not None and year < prog.period[0]:
        c.add(
            name,
            line("year"),
            f"{where}.year",
            f"{year} is before the programme {prog.id} starts ({prog.period[0]})",
            f"a target year from {prog.period[0]} on",
        )
    eff_base = base if base is not None else (prog.base_year if prog else None)
    if year is not None and eff_base is not None and eff_base >= year:
        whose = "" if base is not None else f" (the base_year of programme {prog.id})"
        key = "base_year" if base is not None else "year"
        c.add(
            name,
            line(key),
            f"{where}.{key}",
            f"the base year {eff_base}{whose} is not before the target year {year}",
            "a base year before the target year",
        )
    if window is None:
        return
    if ttype and ttype not in GROWTH_TYPES:
        c.add(
            name,
            line("window"),
            f"{where}.window",
            "a window is only for growth targets",
            "no window on an at_least, at_most or band target",
        )
    if prog is not None and not (prog.period[0] <= window[0] and window[1] <= prog.period[1]):
        c.add(
            name,
            line("window"),
            f"{where}.window",
            f"[{window[0]}, {window[1]}] lies outside the period of {prog.id} "
            f"[{prog.period[0]}, {prog.period[1]}]",
            f"years from {prog.period[0]} to {prog.period[1]}",
        )
    if year is not None and not window[0] <= year <= window[1]:
        c.add(
            name,
            line("window"),
            f"{where}.window",
            f"[{window[0]}, {window[1]}] does not contain the target year {year}",
            f"a window ending in {year}",
        )
