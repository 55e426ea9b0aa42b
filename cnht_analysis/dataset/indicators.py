"""indicators.csv: the catalogue (unit, direction, bounds), derive formulas, context links."""

from __future__ import annotations

from ..models import UNITS, Indicator
from . import derive as derive_grammar
from . import schema
from .checks import Checks
from .common import (
    INDICATORS_FILE,
    show,
    suggest,
)
from .readers import CsvRow


def load_indicators(c: Checks) -> dict[str, Indicator]:
    name = INDICATORS_FILE
    rows = c.rows(name)
    if not rows:
        c.header_only(name, rows, "a row for each indicator")
        return {}
    c.indicator_ids = {r.get("indicator", "") for r in rows} - {""}
    out: dict[str, Indicator] = {}
    derives: list[tuple[CsvRow, str]] = []
    for row in c.unique(name, rows, "indicator"):
        iid = c.ident(name, row, "indicator")
        unit = c.word(name, row, "unit", schema.INDICATORS.column("unit").allowed)
        hib = c.boolean(name, row, "higher_is_better")
        lo = c.number(name, row, "min", required=False)
        hi = c.number(name, row, "max", required=False)
        for col in ("name_vi", "name_en"):
            if not row.get(col):
                c.add(name, row.where, col, "is empty", "a display name")
        if unit == "percent":
            lo = 0.0 if lo is None else lo
            hi = 100.0 if hi is None else hi
        if unit == "count":
            if lo is not None and lo < 0:
                c.add(
                    name,
                    row.where,
                    "min",
                    f"{lo:g} is below zero for a count",
                    "min ≥ 0 (or empty) for a count",
                )
            lo = 0.0 if lo is None else lo
        if lo is not None and hi is not None and lo > hi:
            c.add(name, row.where, "min", f"min {lo:g} is above max {hi:g}", "min ≤ max")
        derive = row.get("derive", "") or None
        if derive:
            derives.append((row, derive))
        if iid and unit and hib is not None:
            out[iid] = Indicator(
                iid,
                row["name_vi"],
                row["name_en"],
                unit,
                hib,
                lo,
                hi,
                row.get("description_vi", ""),
                row.get("description_en", ""),
                derive,
                row.get("owner_vi", ""),
                row.get("owner_en", ""),
                context_ids(row),
            )
    check_context(c, out, {r.get("indicator", ""): r for r in rows})
    graph: dict[str, list[str]] = {}
    for row, derive in derives:
        refs = check_derive(c, row, derive, out)
        if refs:
            graph[row["indicator"]] = refs
    check_cycles(c, graph, {row["indicator"]: row for row, _ in derives})
    return out


def check_derive(c: Checks, row: CsvRow, derive: str, out: dict[str, Indicator]) -> list[str]:
    """Check one `derive` formula; the indicator ids it refers to (when it parses)."""
    name = INDICATORS_FILE
    rule = derive_grammar.parse(derive)
    if rule is None:
        c.add(
            name,
            row.where,
            "derive",
            f"{show(derive)} is not understood",
            derive_grammar.EXPECTED,
        )
        return []
    func, a = rule.func, rule.args[0]
    if not rule.arity_ok:
        c.add(
            name,
            row.where,
            "derive",
            f"{show(derive)} has the wrong number of ids",
            derive_grammar.ARITY_EXPECTED,
        )
    refs = list(rule.args)
    if row.get("indicator") in refs:
        msg = f"{show(derive)} refers to the indicator itself"
        c.add(name, row.where, "derive", msg, "other indicators")
        return []
    for ref in refs:
        c.check_ref(name, row.where, "derive", ref, "indicator", c.indicator_ids, name)
    unit = row.get("unit", "").lower()
    if func == "index" and a in out and not out[a].is_growth:
        c.add(
            name,
            row.where,
            "derive",
            f"index({a}) needs a growth_pct indicator",
            f"{a} to have unit growth_pct",
        )
    makes = rule.unit
    if unit in UNITS and unit != makes:
        c.add(
            name,
            row.where,
            "derive",
            f"{func}() gives unit {makes}, not {unit}",
            f"unit {makes} for a {func}() indicator",
        )
    return refs


def check_cycles(c: Checks, graph: dict[str, list[str]], rows: dict[str, CsvRow]) -> None:
    """Report each chain of `derive` formulas that leads back to where it started."""
    reported: set[str] = set()
    for start in sorted(graph, key=lambda i: rows[i].row):
        path = [start]
        stack = [(start, iter(graph.get(start, [])))]
        on_path = {start}
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                on_path.discard(path.pop())
                continue
            if child == start and not (set(path) & reported):
                reported.update(path)
                chain = " → ".join(path + [start])
                c.add(
                    INDICATORS_FILE,
                    rows[start].where,
                    "derive",
                    f"the formulas go round in a circle ({chain})",
                    "each derived indicator to come, in the end, from observed ones",
                )
            elif child not in on_path and child in graph:
                path.append(child)
                on_path.add(child)
                stack.append((child, iter(graph[child])))


def context_ids(row: CsvRow) -> tuple[str, ...]:
    """The `context_for` ids of an indicator row (`;`-separated)."""
    return tuple(s.strip() for s in row.get("context_for", "").split(";") if s.strip())


def check_context(c: Checks, out: dict[str, Indicator], rows: dict[str, CsvRow]) -> None:
    """Every `context_for` id names another indicator of the catalogue."""
    for iid, ind in out.items():
        row = rows[iid]
        for ref in ind.context_for:
            if ref == iid:
                c.add(
                    INDICATORS_FILE,
                    row.where,
                    "context_for",
                    f"{show(ref)} is the indicator itself",
                    "ids of other indicators this one gives context to",
                )
            elif ref not in out:
                c.add(
                    INDICATORS_FILE,
                    row.where,
                    "context_for",
                    f"{show(ref)} is not an indicator" + suggest(ref, out),
                    f"ids listed in {INDICATORS_FILE}, separated by ';'",
                )
