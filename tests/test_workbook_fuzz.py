"""Property-based test of the second input (issue 12): the Department's workbook.

A clerk can type anything into any cell of `cnht template`'s workbook. Whatever is typed, `cnht
import` either imports (exit 0) or refuses (exit 2, one `cnht:` line per problem, no traceback),
and a refused import leaves every file of the data directory byte-identical. The data are the
small made-up set of tests/test_excel.py (no real figure).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError
from test_excel import snapshot, write_files

from cnht_analysis.cli import main
from cnht_analysis.excel import write_template

TYPED = st.one_of(
    st.none(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=25),
    st.sampled_from(
        [
            "1.000",
            "1,000",
            "35,6 %",
            "35.6%",
            '=HYPERLINK("http://x")',
            "=1+1",
            "@SUM(A1)",
            "khoảng 900",
            "hơn 900",
            "2024-01-01",
            "more_than",
            "about",
            "actual",
            "derived",
            "hanoi",
            "firms",
            "s1",
            "\u202eabc",
            "9" * 40,
            " ",
        ]
    ),
)
EDITS = st.lists(
    st.tuples(st.sampled_from(["Số liệu", "Nguồn"]), st.integers(1, 12), st.integers(1, 9), TYPED),
    min_size=1,
    max_size=4,
)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("fuzz")
    data = write_files(root / "data")
    return data, write_template(data, "hanoi", root / "hanoi.xlsx")


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=EDITS)
def test_any_typed_cell_imports_or_is_refused_cleanly(
    base: tuple[Path, Path], edits: list, capsys: pytest.CaptureFixture[str]
) -> None:
    data0, template = base
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(shutil.copytree(data0, Path(tmp) / "data"))
        book = Path(tmp) / "book.xlsx"
        book.write_bytes(template.read_bytes())
        wb = openpyxl.load_workbook(book)
        for sheet, row, col, value in edits:
            try:
                wb[sheet].cell(row + 1, col).value = value  # row 1 is the header
            except (ValueError, TypeError, IllegalCharacterError):  # openpyxl cannot store it
                continue
        wb.save(book)
        before = snapshot(data)
        capsys.readouterr()
        code = main(["import", str(book), "--data", str(data)])
        out, err = capsys.readouterr()
        assert "Traceback" not in err and "internal error" not in err, err
        assert code in (0, 2), (code, err)
        if code == 2:
            lines = [x for x in err.splitlines() if x.strip()]
            assert lines and all(x.startswith("cnht: ") for x in lines), err
            assert snapshot(data) == before  # a refused import changes nothing
        else:
            assert main(["validate", "--data", str(data)]) == 0  # what it wrote validates
