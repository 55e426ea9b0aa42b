"""sources.csv: one row per source cited, each id once, with an ISO date and a web address."""

from __future__ import annotations

from ..models import Source
from .checks import Checks
from .common import (
    SOURCE_ID_RE,
    SOURCES_FILE,
    check_url,
    parse_date,
    show,
)


def load_sources(c: Checks) -> dict[str, Source]:
    name = SOURCES_FILE
    rows = c.rows(name)
    if not rows:
        c.header_only(name, rows, "a row for each source cited")
        return {}
    c.source_ids = {r.get("source", "") for r in rows} - {""}
    out: dict[str, Source] = {}
    for row in c.unique(name, rows, "source"):
        sid = row["source"]
        if not SOURCE_ID_RE.fullmatch(sid):
            c.add(
                name,
                row.where,
                "source",
                f"{show(sid)} is not a valid id",
                "letters, digits, '_', '-' or '.' only",
            )
        date = row.get("date", "")
        if date:
            iso, expected = parse_date(date)
            if iso is None:
                c.add(name, row.where, "date", f"{show(date)} is not an ISO date", expected)
        url = row.get("url", "")
        if url:
            expected = check_url(url)
            if expected:
                c.add(name, row.where, "url", f"{show(url)} is not a web address", expected)
        out[sid] = Source(
            sid,
            row.get("publisher", ""),
            row.get("title", ""),
            date,
            url,
            row.get("language", ""),
        )
    return out
