"""overrides.yaml (optional): a status set by hand for a target as of a year, with a reason."""

from __future__ import annotations

from ..models import STATUSES, Override
from . import schema
from .checks import Checks, entry_label
from .common import (
    OVERRIDES_FILE,
    TARGETS_FILE,
    one_of,
    show,
    suggest,
)
from .readers import read_yaml

OVERRIDE_KEYS = schema.OVERRIDES.keys


def load_overrides(c: Checks) -> list[Override]:
    name = OVERRIDES_FILE
    p = c.path(name)
    if not p.is_file():
        c.not_regular(name)
        return []
    c.files.append(p)
    doc = read_yaml(p, name, c.problems)
    if doc is None or doc.value is None:
        return []
    if not isinstance(doc.value, list):
        c.add(
            name,
            doc.line,
            "",
            "is not a list",
            "a list of entries '- target: …', each with as_of, status and reason",
        )
        return []
    out: list[Override] = []
    seen: dict[tuple[str, int], int] = {}
    for i, item in enumerate(doc.value):
        d = c.mapping(name, item, entry_label("", item, "target", i), OVERRIDE_KEYS)
        if d is None:
            continue
        tid = c.y_text(name, d, "target", f"[#{i + 1}]")
        where = f"[{tid}]" if tid else f"[#{i + 1}]"
        if tid:
            c.check_ref(
                name,
                d["target"].line,
                f"{where}.target",
                tid,
                "target",
                c.target_ids,
                TARGETS_FILE,
            )
        as_of = c.y_year(name, d, "as_of", where)
        status = c.y_text(name, d, "status", where)
        if status and status not in STATUSES:
            c.add(
                name,
                d["status"].line,
                f"{where}.status",
                f"{show(status)} is not allowed" + suggest(status, STATUSES),
                one_of(STATUSES),
            )
            status = ""
        reason = c.y_text(name, d, "reason", where)
        if tid and as_of is not None and (tid, as_of) in seen:
            c.add(
                name,
                item.line,
                where,
                f"a second override for {tid} as of {as_of} (first on line {seen[(tid, as_of)]})",
                "one override per target and as-of year",
            )
            continue
        if tid and as_of is not None:
            seen[(tid, as_of)] = item.line
        if tid and as_of is not None and status and reason:
            out.append(Override(tid, as_of, status, reason))
    return out
