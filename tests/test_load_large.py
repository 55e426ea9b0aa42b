"""The quick paths of a large observations.csv give what the careful, row-by-row path gives.

observations.csv is read a chunk of records at a time, column by column, and its rows are
checked a chunk at a time when every row of the chunk passes the quick checks (see
`cnht_analysis.dataset.readers.read_csv_columns` and `dataset.observations`). These tests put
mistakes after the first chunk and compare every problem and every record with the careful path
(each record read and each row checked on its own, as the loader did before) and with tiny
chunks (every chunk boundary falling between the mistakes). Speed is measured in benchmarks/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cnht_analysis.dataset import observations, readers
from cnht_analysis.errors import InputError
from cnht_analysis.load import load_dataset
from tests.test_load import FILES

HEADER = "region,indicator,year,value,status,qualifier,source,note,break"
ROWS = 5000  # more than one chunk (4096 records)


def good_row(k: int) -> str:
    """A valid row: 20 years for each made-up region, so no two rows share a key."""
    return f"r{k // 20:04d},firms,{2000 + k % 20},{k},actual,exact,s1,,"


def write(root: Path, lines: list[str]) -> Path:
    root.mkdir()
    for name, text in FILES.items():
        if name != "regions.csv":  # without regions.csv any region id is accepted
            (root / name).write_text(text, encoding="utf-8", newline="")
    (root / "observations.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def outcome(root: Path) -> tuple[list[tuple], list]:
    """(problems with all their fields, observations) of loading `root`."""
    try:
        ds = load_dataset(root)
    except InputError as exc:
        return [(str(p), p.row, p.first_row, p.choices) for p in exc.problems], []
    return [], ds.observations


def careful(monkeypatch: pytest.MonkeyPatch) -> None:
    """Turn the quick paths off: every record read, and every row checked, on its own."""
    read = readers._read_records
    monkeypatch.setattr(
        readers,
        "_read_records",
        lambda text, name, problems, quick: read(text, name, problems, False),
    )
    monkeypatch.setattr(observations._Quick, "chunk", lambda *args: False)
    monkeypatch.setattr(observations._Quick, "value_of", staticmethod(lambda text: None))


def mistakes() -> tuple[list[str], dict[str, int]]:
    """The lines of a large observations.csv with mistakes after the first chunk, and the row
    number (as Excel shows it) of each mistake."""
    lines = [HEADER] + [good_row(k) for k in range(ROWS)]
    at = {}

    def put(name: str, line_index: int, text: str) -> None:
        lines[line_index] = text
        at[name] = line_index + 1  # the row number (the header is row 1)

    put("status", 4300, "r9000,firms,2001,5,Actual_,exact,s1,,")
    put("thousands", 4400, "r9001,firms,2001,1.000,actual,exact,s1,,")
    put("duplicate", 4500, good_row(4000))
    put("control", 4600, "r9002,firms,2001,7,actual,exact,s1,a\x07b,")
    put("citation", 4650, "r9003,firms,2001,8,actual,exact,s1,see [S1],")
    put("ragged", 4700, "r9004,firms,2001,9,actual,exact,s1,,,extra")
    lines[4750] = ""  # a blank line: no row, no problem
    lines[4800] = 'r9005,firms,2001,10,actual,exact,s1,"two\nlines",'  # a cell spanning lines
    put("after_multiline", 4900, "r9006,firms,2001,-3,actual,exact,s1,,")
    return lines, at


def test_mistakes_after_the_first_chunk_are_found_where_they_are(tmp_path: Path) -> None:
    lines, at = mistakes()
    found, _ = outcome(write(tmp_path / "data", lines))
    texts = [p[0] for p in found]
    # the element after the cell spanning two lines is one line further down than its row
    row = at["after_multiline"]
    assert texts == [
        f"observations.csv:{at['status']}: status: 'Actual_' is not allowed (did you mean "
        "'actual'?) — expected one of actual, preliminary, estimate, derived",
        f"observations.csv:{at['thousands']}: value: '1.000' is not a number — expected a number "
        "without '.' as thousands separator: write 1000",
        f"observations.csv:{at['duplicate']}: year: r0200/firms/2000 appears twice (first at row "
        "4002) — expected one row per region, indicator and year",
        f"observations.csv:{at['control']}: note: contains a control character (U+0007) at "
        "position 2 — expected plain text: no control characters (newline and tab only in "
        "notes), no bidi overrides",
        f"observations.csv:{at['citation']}: note: cites '[S1]': source ids are case-sensitive "
        "— expected write [s1]",
        f"observations.csv:{at['ragged']}: has 10 cells but the header names 9 columns (an "
        "unquoted comma, e.g. a decimal comma or a comma in a note?) — expected text containing "
        'commas inside double quotes, e.g. "Hà Nội, 2022"',
        f"observations.csv:{row} (line {row + 1}): value: -3 is a negative count — expected a "
        "count ≥ 0",
    ]


def test_quick_paths_agree_with_the_careful_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines, _ = mistakes()
    root = write(tmp_path / "data", lines)
    quick = outcome(root)
    assert quick[0], "the mistakes were not found"
    with monkeypatch.context() as m:
        careful(m)
        assert outcome(root) == quick
    for size in (1, 3, 64):
        with monkeypatch.context() as m:
            m.setattr(readers, "_CHUNK", size)
            m.setattr(observations, "_CHUNK", size)
            assert outcome(root) == quick, f"chunks of {size}"


def test_a_valid_large_file_gives_the_same_records_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [HEADER] + [good_row(k) for k in range(ROWS)]
    lines[10] = 'r0000,firms,2009,9,actual,exact,s1,"a cell ""quoted"" and\nover two lines",'
    root = write(tmp_path / "data", lines)
    problems, records = outcome(root)
    assert problems == [] and len(records) == ROWS
    assert records[9].note == 'a cell "quoted" and\nover two lines'
    with monkeypatch.context() as m:
        careful(m)
        assert outcome(root) == (problems, records)


def test_a_quote_left_open_in_a_large_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """Past 131,072 characters the csv module gives up on a quoted cell: one problem, at the
    line where the record with the open quote starts (it was an internal error)."""
    lines = [HEADER] + [good_row(k) for k in range(ROWS)]
    lines[10] = 'r9000,firms,2001,5,actual,exact,s1,"the quote is never closed,'
    found, _ = outcome(write(tmp_path / "data", lines))
    assert [p[0] for p in found] == [
        "observations.csv:11: cannot be read from here on: a cell longer than 131,072 "
        'characters (a double quote that is never closed?) — expected a closing " after the '
        'text (write "" for a quote inside quoted text)'
    ]
