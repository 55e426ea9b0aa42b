"""regions.csv (optional): the regions observations and programmes may name."""

from __future__ import annotations

from ..models import Region
from . import schema
from .checks import Checks
from .common import (
    REGIONS_FILE,
)

REGION_ADMIN_COLUMNS = schema.REGIONS.optional


def load_regions(c: Checks) -> dict[str, Region]:
    rows = c.rows(REGIONS_FILE)
    if not rows:  # a regions.csv with only its header is as good as none
        return {}
    c.region_ids = {r.get("region", "") for r in rows} - {""}
    out: dict[str, Region] = {}
    for row in c.unique(REGIONS_FILE, rows, "region"):
        rid = c.ident(REGIONS_FILE, row, "region")
        if rid:
            out[rid] = Region(
                rid,
                row["name_vi"] or rid,
                row["name_en"] or rid,
                **{col: row.get(col, "") for col in REGION_ADMIN_COLUMNS},
            )
    return out
