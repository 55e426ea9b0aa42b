"""Back test: the published Hanoi assessment tables (as of 2020–2025) must not change silently.

`tests/backtest/hanoi_<year>.csv` hold `cnht assess --region hanoi --as-of <year> --format csv`
on the real `data/`, each row checked by hand against the method (`tests/backtest/README.md`).
Numbers are compared with a relative tolerance of 1e-6, flags as sets; a failure lists every
differing cell. If `data/` or the method changed on purpose, re-check the rows by hand, then
regenerate the files with the command in the README.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pytest

from cnht_analysis.assess import COLUMNS, assess_command

BACKTEST = Path(__file__).parent / "backtest"
YEARS = range(2020, 2026)
TEXT_COLUMNS = {
    "target_id",
    "programme",
    "region",
    "indicator",
    "type",
    "status",
    "likelihood",
    "needed_is_upper_bound",
}


def _rows(text: str) -> dict[str, dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return {r["target_id"]: r for r in reader}


def _same(column: str, stored: str, current: str) -> bool:
    if column == "flags":
        return set(filter(None, stored.split(";"))) == set(filter(None, current.split(";")))
    if column in TEXT_COLUMNS or stored == "" or current == "":
        return stored == current
    a, b = float(stored), float(current)
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-12)


def differences(stored_text: str, current_text: str) -> list[str]:
    """Every differing cell as 'target_id.column: stored → current', plus missing/extra rows."""
    stored, current = _rows(stored_text), _rows(current_text)
    out = [f"{tid}: row missing from the current output" for tid in stored.keys() - current.keys()]
    out += [f"{tid}: new row not in the back test" for tid in current.keys() - stored.keys()]
    for tid in stored.keys() & current.keys():
        for col in COLUMNS:
            s, c = stored[tid][col], current[tid][col]
            if not _same(col, s, c):
                out.append(f"{tid}.{col}: {s!r} → {c!r}")
    return sorted(out)


@pytest.mark.parametrize("year", YEARS)
def test_hanoi_table_unchanged(year):
    stored = (BACKTEST / f"hanoi_{year}.csv").read_text(encoding="utf-8")
    current = assess_command(None, "hanoi", year, "csv", "en")
    diff = differences(stored, current)
    assert not diff, (
        f"the Hanoi assessment as of {year} changed ({len(diff)} cells):\n  "
        + "\n  ".join(diff)
        + "\nIf intended, re-check by hand and regenerate (tests/backtest/README.md)."
    )


def test_comparison_catches_changes():
    stored = (BACKTEST / "hanoi_2024.csv").read_text(encoding="utf-8")
    changed = stored.replace("-0.664125847468", "-0.6641").replace(
        "series_break;derived_data;lower_bound", "derived_data;series_break"
    )
    diff = differences(stored, changed)
    assert "programme_2020_2025_enterprises.ratio: '-0.664125847468' → '-0.6641'" in diff
    assert any(d.startswith("programme_2020_2025_enterprises.flags") for d in diff)
    # flags in another order and numbers within 1e-6 are the same
    reordered = stored.replace(
        "series_break;derived_data;lower_bound", "lower_bound;derived_data;series_break"
    )
    assert differences(stored, reordered.replace("-1.62612463241", "-1.626124633")) == []
