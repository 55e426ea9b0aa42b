"""`cnht template` and `cnht import`: the Excel round trip, edits, bad cells and LibreOffice.

The data directory here is written by hand (made-up figures) so that every expected CSV line can
be stated in the test: two regions, a note with a comma and quotes, a value written `3.0`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from cnht_analysis import excel
from cnht_analysis.cli import main
from cnht_analysis.errors import InputError
from cnht_analysis.excel import import_workbook, number_text, write_template
from cnht_analysis.load import load_dataset

INDICATORS = """\
indicator,name_vi,name_en,unit,higher_is_better,min,max,description_vi,description_en,derive
firms,Số doanh nghiệp,Firms,count,true,0,,,,
growth,Tăng trưởng,Growth,growth_pct,true,-50,100,,,
share,Tỷ lệ,Share,percent,true,0,100,,,
"""
OBSERVATIONS = """\
region,indicator,year,value,status,qualifier,source,note,break
hanoi,firms,2020,800,actual,about,s1,"Reported as ""khoảng 800"", rounded",
hanoi,firms,2022,930,estimate,exact,s1,,
vietnam,firms,2020,4000,actual,exact,s2,national count,
hanoi,growth,2021,3.0,preliminary,exact,s2,,
hanoi,growth,2022,8.8,actual,exact,s2,,true
vietnam,growth,2022,8.02,actual,exact,s2,,
"""
SOURCES = """\
source,publisher,title,date,url,language
s1,Sở Công Thương,Báo cáo năm,2023-01-15,https://example.org/a,vi
s2,GSO,Yearbook,,,en
"""
REGIONS = "region,name_vi,name_en\nhanoi,Hà Nội,Hanoi\nvietnam,Việt Nam,Viet Nam\n"
TARGETS = """\
programmes:
  - id: plan
    region: hanoi
    name_vi: "Kế hoạch"
    name_en: "Plan"
    period: [2021, 2025]
    base_year: 2020
    source: s1
targets:
  - id: plan_firms
    programme: plan
    indicator: firms
    year: 2025
    type: at_least
    value: 1000
    source: s1
"""
FILES = {
    "indicators.csv": INDICATORS,
    "observations.csv": OBSERVATIONS,
    "sources.csv": SOURCES,
    "regions.csv": REGIONS,
    "targets.yaml": TARGETS,
}


def write_files(root: Path, files: dict[str, str] = FILES, newline: str = "\n") -> Path:
    """The hand-written data directory."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).write_bytes(text.replace("\n", newline).encode("utf-8"))
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of a directory, byte for byte."""
    return {p.name: p.read_bytes() for p in sorted(root.iterdir())}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_files(tmp_path / "data")


@pytest.fixture
def book(tmp_path: Path, data: Path) -> Path:
    return write_template(data, "hanoi", tmp_path / "hanoi.xlsx")


def obs_row(ws, region: str, indicator: str, year: int) -> int:
    """The Excel row of an observation on the data sheet."""
    for r in range(2, ws.max_row + 1):
        if [ws.cell(r, c).value for c in (1, 2, 3)] == [region, indicator, year]:
            return r
    raise KeyError((region, indicator, year))


def append_obs(ws, cells: list) -> int:
    """Write a row below the last filled one (the template formats empty rows in advance)."""
    r = max(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value is not None) + 1
    for c, v in enumerate(cells, start=1):
        ws.cell(r, c).value = v
    return r


# --- numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (2022, "2022"),
        (2022.0, "2022"),
        (16.5, "16.5"),
        (0.1 + 0.2, "0.3"),
        (8.01, "8.01"),
        (-0.0, "0"),
        (1e-7, "0.0000001"),
        (1.5e20, "150000000000000000000"),
        (True, "true"),
    ],
)
def test_number_text(value: float, text: str) -> None:
    assert number_text(value) == text


# --- the template --------------------------------------------------------------------------------


def test_template_layout(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == [
        "Hướng dẫn",
        "Số liệu",
        "Nguồn",
        "Chỉ tiêu",
        "Chương trình",
        "Mục tiêu",
    ]
    info = wb["Hướng dẫn"]
    text = "\n".join(str(c.value) for c in info["A"] if c.value)
    assert text.index("HƯỚNG DẪN") < text.index("INSTRUCTIONS")
    for word in (
        "actual",
        "preliminary",
        "estimate",
        "derived",
        "more_than",
        "khoảng",
        "16,5",
        "cnht import",
        "--dry-run",
    ):
        assert word in text
    assert list(wb.defined_names["cnht_region"].destinations) == [("Hướng dẫn", "$B$3")]
    assert info["B3"].value == "hanoi"

    ws = wb["Số liệu"]
    assert [c.value for c in ws[1]] == [
        "Địa bàn",
        "Chỉ tiêu",
        "Năm",
        "Giá trị",
        "Tình trạng số liệu",
        "Mức chính xác",
        "Nguồn",
        "Ghi chú (tiếng Anh)",
        "Ghi chú (tiếng Việt)",
        "Đổi định nghĩa",
    ]
    # the English stays in the header comments
    assert "value: Value in the unit" in ws["D1"].comment.text
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2) if r[0].value is not None]
    # hanoi's four rows in file order; the vietnam rows are not in a hanoi workbook
    assert [r[:7] for r in rows] == [
        ["hanoi", "firms", 2020, 800, "chính thức", "khoảng", "s1"],
        ["hanoi", "firms", 2022, 930, "ước tính", "đúng", "s1"],
        ["hanoi", "growth", 2021, 3, "sơ bộ", "đúng", "s2"],
        ["hanoi", "growth", 2022, 8.8, "chính thức", "đúng", "s2"],
    ]
    assert rows[0][7] == 'Reported as "khoảng 800", rounded'
    assert rows[3][9] == "true"
    assert isinstance(rows[0][2], int)
    assert ws.freeze_panes == "A2"
    assert ws["C2"].number_format == "0" and ws["H2"].number_format == "@"
    assert not ws.protection.sheet
    lists = {str(dv.sqref).split(":")[0][0]: dv for dv in ws.data_validations.dataValidation}
    assert lists["B"].type == "list" and "Chỉ tiêu" in lists["B"].formula1
    assert lists["E"].formula1 == '"chính thức,sơ bộ,ước tính,suy ra"'
    assert lists["F"].formula1 == '"đúng,khoảng,hơn,dưới"'
    assert "Nguồn" in lists["G"].formula1
    assert lists["C"].type == "whole" and lists["D"].type == "decimal"
    # widths fit: the note column is wide (capped), the year column narrow
    assert ws.column_dimensions["H"].width > ws.column_dimensions["C"].width >= 8
    assert ws.column_dimensions["H"].width <= 60

    for name in ("Chỉ tiêu", "Chương trình", "Mục tiêu"):
        assert wb[name].protection.sheet, name
        assert wb[name].freeze_panes == "A2"
    assert [c.value for c in wb["Chỉ tiêu"]["A"]][:4] == ["indicator", "firms", "growth", "share"]
    assert wb["Mục tiêu"]["A2"].value == "plan_firms"
    assert [c.value for c in wb["Nguồn"][1]] == [
        "Mã nguồn",
        "Cơ quan ban hành",
        "Tiêu đề",
        "Ngày",
        "Địa chỉ web",
        "Ngôn ngữ",
    ]
    assert wb["Nguồn"]["D2"].value == "2023-01-15"


def test_template_unknown_region_and_bad_name(tmp_path: Path, data: Path) -> None:
    with pytest.raises(InputError, match="unknown region 'hanoii'.*did you mean 'hanoi'"):
        write_template(data, "hanoii", tmp_path / "x.xlsx")
    with pytest.raises(InputError, match="xlsx"):
        write_template(data, "hanoi", tmp_path / "x.csv")


# --- the round trip ------------------------------------------------------------------------------


def test_unedited_template_changes_nothing(tmp_path: Path, data: Path, book: Path, capsys) -> None:
    before = snapshot(data)
    assert main(["import", str(book), "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "No changes" in out
    assert "0 added, 0 changed, 0 removed" in out
    assert snapshot(data) == before


def test_unedited_template_keeps_crlf_and_bom(tmp_path: Path) -> None:
    files = dict(FILES)
    files["observations.csv"] = "\ufeff" + OBSERVATIONS
    data = write_files(tmp_path / "data", files, newline="\r\n")
    book = write_template(data, "hanoi", tmp_path / "b.xlsx")
    before = snapshot(data)
    result = import_workbook(book, data)
    assert not result.any and snapshot(data) == before
    # an edit rewrites only the edited line, in the file's own line endings, BOM kept
    wb = openpyxl.load_workbook(book)
    ws = wb["Số liệu"]
    ws.cell(obs_row(ws, "hanoi", "firms", 2022), 4).value = 940
    wb.save(book)
    import_workbook(book, data)
    raw = (data / "observations.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").split("\r\n")[2] == "hanoi,firms,2022,940,estimate,exact,s1,,"
    assert raw.count(b"\r\n") == 7 and b"\n" not in raw.replace(b"\r\n", b"")


def scripted_edit(book: Path) -> None:
    """Add a year, correct a value, add a source (as a clerk would, here with openpyxl)."""
    wb = openpyxl.load_workbook(book)
    ws = wb["Số liệu"]
    ws.cell(obs_row(ws, "hanoi", "growth", 2022), 4).value = 9.1  # correct 8.8 → 9.1
    append_obs(ws, ["hanoi", "firms", 2023, 955, "preliminary", "about", "s3", "Báo cáo, 2024"])
    src = wb["Nguồn"]
    src.append(["s3", "UBND Hà Nội", "Báo cáo kinh tế 2023", "2024-01-05", None, "vi"])
    wb.save(book)


EXPECTED_OBSERVATIONS = """\
region,indicator,year,value,status,qualifier,source,note,break
hanoi,firms,2020,800,actual,about,s1,"Reported as ""khoảng 800"", rounded",
hanoi,firms,2022,930,estimate,exact,s1,,
hanoi,firms,2023,955,preliminary,about,s3,"Báo cáo, 2024",
vietnam,firms,2020,4000,actual,exact,s2,national count,
hanoi,growth,2021,3.0,preliminary,exact,s2,,
hanoi,growth,2022,9.1,actual,exact,s2,,true
vietnam,growth,2022,8.02,actual,exact,s2,,
"""
EXPECTED_SOURCES = SOURCES + "s3,UBND Hà Nội,Báo cáo kinh tế 2023,2024-01-05,,vi\n"


def test_scripted_edit_gives_exactly_the_expected_rows(data: Path, book: Path, capsys) -> None:
    before = snapshot(data)
    scripted_edit(book)
    assert main(["import", str(book), "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "observations.csv: 1 added, 1 changed, 0 removed (2 rows of other regions" in out
    assert "+ hanoi/firms/2023: value 955, preliminary, about, source s3" in out
    assert "~ hanoi/growth/2022: value 8.8 → 9.1" in out
    assert "sources.csv: 1 added, 0 changed, 0 removed" in out
    assert (data / "observations.csv").read_text(encoding="utf-8") == EXPECTED_OBSERVATIONS
    assert (data / "sources.csv").read_text(encoding="utf-8") == EXPECTED_SOURCES
    after = snapshot(data)
    for name in ("indicators.csv", "regions.csv", "targets.yaml"):
        assert after[name] == before[name]
    assert not [p for p in data.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_dry_run_writes_nothing(data: Path, book: Path, capsys) -> None:
    before = snapshot(data)
    scripted_edit(book)
    assert main(["import", str(book), "--data", str(data), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "1 added, 1 changed" in out and "Dry run: nothing written." in out
    assert snapshot(data) == before


def test_removed_row_and_changed_source(data: Path, book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb["Số liệu"]
    ws.delete_rows(obs_row(ws, "hanoi", "firms", 2022))
    wb["Nguồn"]["C3"] = "Statistical Yearbook"
    wb.save(book)
    result = import_workbook(book, data)
    obs_change, src_change = result.changes
    assert obs_change.removed == ["hanoi/firms/2022"] and not obs_change.added
    assert src_change.changed == ["s2: title Yearbook → 'Statistical Yearbook'"]
    lines = (data / "observations.csv").read_text(encoding="utf-8").splitlines()
    assert "hanoi,firms,2022,930,estimate,exact,s1,," not in lines and len(lines) == 6
    assert (data / "sources.csv").read_text(encoding="utf-8").splitlines()[2] == (
        "s2,GSO,Statistical Yearbook,,,en"
    )


def test_text_and_boolean_cells_are_read_as_their_words(data: Path, book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb["Số liệu"]
    r = obs_row(ws, "hanoi", "firms", 2022)
    ws.cell(r, 4).value = "931"  # a number typed as text with '.'-free digits is a number
    ws.cell(r, 10).value = False  # Excel turns a typed FALSE into a boolean
    ws.cell(r, 5).value = "Estimate"  # the loader accepts any case, as `cnht validate` does
    wb.save(book)
    result = import_workbook(book, data, dry_run=True)
    assert result.changes[0].changed == ["hanoi/firms/2022: value 930 → 931"]


def test_numbers_from_cells_are_written_plainly(data: Path, book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb["Số liệu"]
    # what a spreadsheet hands over: a year stored as a float, a value with binary noise
    append_obs(ws, ["hanoi", "share", 2023.0, 16.499999999999996, "estimate", "exact", "s1"])
    append_obs(ws, ["hanoi", "share", 2024, 0.1 + 0.2, "estimate", "exact", "s1"])
    wb.save(book)
    import_workbook(book, data)
    lines = (data / "observations.csv").read_text(encoding="utf-8").splitlines()
    # a new series goes after the region's last row, in year order
    assert lines[5:9] == [
        "hanoi,growth,2022,8.8,actual,exact,s2,,true",
        "hanoi,share,2023,16.5,estimate,exact,s1,,",
        "hanoi,share,2024,0.3,estimate,exact,s1,,",
        "vietnam,growth,2022,8.02,actual,exact,s2,,",
    ]


# --- bad cells -----------------------------------------------------------------------------------


BAD_CELLS = [
    # (column, bad value, the cell's column, what the message says after "cell: ", in order;
    # the loader's exact wording is its own business, the place, the Vietnamese header, the value
    # and the fix — for a drop-down column, the workbook's own labels — are ours)
    (4, "16,5", "D", ["Giá trị: '16,5'", "16.5"]),
    (4, "nhiều", "D", ["Giá trị: 'nhiều'", "number"]),
    (2, "firm", "B", ["Chỉ tiêu: ", "'firm'", "firms"]),
    (
        5,
        "chinh thuc",
        "E",
        ["Tình trạng số liệu: 'chinh thuc'", "one of chính thức, sơ bộ, ước tính, suy ra"],
    ),
    (3, 2022.5, "C", ["Năm: '2022.5'", "2022"]),
    (7, "s9", "G", ["Nguồn: ", "'s9'"]),
    (6, "khoang", "F", ["Mức chính xác: 'khoang'", "one of đúng, khoảng, hơn, dưới"]),
    (4, 120, "D", ["Giá trị: ", "120", "share"]),
]


@pytest.mark.parametrize(("col", "value", "letter", "parts"), BAD_CELLS)
def test_bad_cell_is_reported_by_sheet_and_cell(
    data: Path, book: Path, capsys, col: int, value: object, letter: str, parts: list[str]
) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb["Số liệu"]
    cells = ["hanoi", "share", 2023, 40, "actual", "exact", "s1", None, None]
    cells[col - 1] = value
    r = append_obs(ws, cells)
    assert r == 6
    wb.save(book)
    before = snapshot(data)
    assert main(["import", str(book), "--data", str(data)]) == 2
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith(f"cnht: Số liệu!{letter}6: ")]
    assert len(lines) == 1, err
    position = 0
    for part in parts:  # in this order on the one line
        position = lines[0].index(part, position) + len(part)
    assert "observations.csv" not in err  # told in Excel terms only
    assert "Traceback" not in err
    assert snapshot(data) == before


def test_duplicate_row_names_both_rows(data: Path, book: Path, capsys) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb["Số liệu"]
    r = append_obs(ws, ["hanoi", "growth", 2021, 3.1, "actual", "exact", "s2"])
    wb.save(book)
    before = snapshot(data)
    assert main(["import", str(book), "--data", str(data)]) == 2
    err = capsys.readouterr().err
    first = obs_row(ws, "hanoi", "growth", 2021)
    assert f"Số liệu!C{r}: Năm: " in err
    assert f"appears twice (first at Số liệu!C{first})" in err
    assert snapshot(data) == before


def test_every_problem_is_reported_at_once(data: Path, book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb["Số liệu"]
    ws.cell(obs_row(ws, "hanoi", "firms", 2020), 4).value = "1.020,5"
    ws.cell(obs_row(ws, "hanoi", "growth", 2022), 3).value = "năm 2022"
    wb["Nguồn"]["D3"] = "15/01/2023"
    wb.save(book)
    with pytest.raises(InputError) as exc:
        import_workbook(book, data)
    text = str(exc.value)
    assert "Số liệu!D2: Giá trị: '1.020,5'" in text
    assert "Số liệu!C5: Năm: 'năm 2022'" in text
    assert "Nguồn!D3: Ngày: '15/01/2023'" in text


def test_other_region_row_and_renamed_header(data: Path, book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb["Số liệu"]
    append_obs(ws, ["vietnam", "firms", 2023, 4100, "actual", "exact", "s2"])
    ws["D1"] = "giá trị"
    wb.save(book)
    with pytest.raises(InputError) as exc:
        import_workbook(book, data)
    text = str(exc.value)
    assert "Số liệu!D1: giá trị: unknown column header" in text
    wb = openpyxl.load_workbook(book)
    wb["Số liệu"]["D1"] = "value"
    wb.save(book)
    with pytest.raises(InputError, match=r"Số liệu!A6: Địa bàn: 'vietnam' is not this workbook's"):
        import_workbook(book, data)


def test_removing_a_used_source_is_reported(data: Path, book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    wb["Nguồn"].delete_rows(3)  # s2, used by hanoi rows, a vietnam row and nothing else
    wb.save(book)
    with pytest.raises(InputError) as exc:
        import_workbook(book, data)
    text = str(exc.value)
    assert "Số liệu!G4: Nguồn: unknown source 's2'" in text
    # the vietnam rows are not on the sheet: they are named by file and line
    assert "observations.csv:4: source: unknown source 's2'" in text


def test_not_a_workbook(tmp_path: Path, data: Path) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_text("not a zip", encoding="utf-8")
    with pytest.raises(InputError, match="cannot be read as an Excel workbook"):
        import_workbook(bad, data)
    with pytest.raises(InputError, match="does not exist"):
        import_workbook(tmp_path / "missing.xlsx", data)


# --- LibreOffice ---------------------------------------------------------------------------------


def _soffice() -> str | None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice is required in CI: apt-get install libreoffice-calc-nogui")
        pytest.skip(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"
        )
    return exe


def _convert(exe: str, book: Path, out: Path, profile: Path) -> Path:
    out.mkdir()
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / book.name


def test_workbook_saved_by_libreoffice_imports_the_same(tmp_path: Path, data: Path) -> None:
    exe = _soffice()
    book = write_template(data, "hanoi", tmp_path / "hanoi.xlsx")
    scripted_edit(book)
    lo_book = _convert(exe, book, tmp_path / "lo", tmp_path / "profile")
    assert lo_book.read_bytes() != book.read_bytes()
    ours = write_files(tmp_path / "ours")
    theirs = write_files(tmp_path / "theirs")
    r1 = import_workbook(book, ours)
    r2 = import_workbook(lo_book, theirs)
    assert [c.lines() for c in r1.changes] == [c.lines() for c in r2.changes]
    assert snapshot(ours) == snapshot(theirs)
    assert (theirs / "observations.csv").read_text(encoding="utf-8") == EXPECTED_OBSERVATIONS

    # unedited, through LibreOffice: still nothing changes
    fresh = write_template(data, "hanoi", tmp_path / "fresh.xlsx")
    lo_fresh = _convert(exe, fresh, tmp_path / "lo2", tmp_path / "profile")
    before = snapshot(data)
    assert not import_workbook(lo_fresh, data).any
    assert snapshot(data) == before


def test_excel_module_has_one_validator() -> None:
    """The import validates through the loader: no second set of rules in excel.py."""
    source = Path(excel.__file__).read_text(encoding="utf-8")
    for rule in ("parse_number(", "parse_year(", "OBS_STATUSES not in", "is not a valid year"):
        assert rule not in source


# --- safety: one transaction, file modes, text as text, zip bombs, percent cells -------------


def test_second_file_write_fails_leaves_every_file_as_it_was(
    data: Path, book: Path, monkeypatch, capsys
) -> None:
    """Fault injection: the import's second publish step fails; nothing is changed, exit 1."""
    from cnht_analysis import fileio

    before = snapshot(data)
    scripted_edit(book)
    real = os.replace
    calls = {"n": 0}

    def failing_replace(src, dst):  # noqa: ANN001
        if str(src).endswith(".tmp"):
            calls["n"] += 1
            if calls["n"] == 2:
                raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(fileio.os, "replace", failing_replace)
    assert main(["import", str(book), "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and str(data) in err
    assert "internal error" not in err and "Traceback" not in err
    assert calls["n"] == 2
    assert snapshot(data) == before


def test_import_keeps_the_mode_of_the_files_it_replaces(data: Path, book: Path) -> None:
    for p in data.iterdir():
        p.chmod(0o644)
    scripted_edit(book)
    import_workbook(book, data)
    assert {p.name: p.stat().st_mode & 0o777 for p in data.iterdir()} == {
        p.name: 0o644 for p in data.iterdir()
    }


def test_template_gets_the_umask_mode(tmp_path: Path, data: Path) -> None:
    old = os.umask(0o022)
    try:
        out = write_template(data, "hanoi", tmp_path / "new.xlsx")
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("note", ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)"])
def test_formula_like_notes_are_text_and_round_trip(tmp_path: Path, note: str, capsys) -> None:
    obs = OBSERVATIONS.replace("national count", note.replace('"', '""').join('""'))
    data = write_files(tmp_path / "data", {**FILES, "observations.csv": obs})
    before = snapshot(data)
    book = write_template(data, "vietnam", tmp_path / "v.xlsx")
    wb = openpyxl.load_workbook(book)
    ws = wb[excel.SHEET_OBS]
    cells = [c for row in ws.iter_rows() for c in row if c.value == note]
    assert cells and all(c.data_type == "s" for c in cells)
    assert main(["import", str(book), "--data", str(data)]) == 0
    assert snapshot(data) == before


def test_zip_bomb_is_refused_before_parsing(tmp_path: Path, data: Path, capsys) -> None:
    import time
    import zipfile

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<x/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (110 * 2**20))
    start = time.monotonic()
    assert main(["import", str(bomb), "--data", str(data)]) == 2
    assert time.monotonic() - start < 2
    err = capsys.readouterr().err
    assert "bomb.xlsx" in err and "MiB" in err and "Traceback" not in err


def test_percent_formatted_value_is_read_as_shown(data: Path, book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb[excel.SHEET_OBS]
    r = obs_row(ws, "hanoi", "growth", 2022)
    ws.cell(r, 4).value = 0.091
    ws.cell(r, 4).number_format = "0.0%"
    wb.save(book)
    result = import_workbook(book, data)
    assert any("8.8 → 9.1" in c for ch in result.changes for c in ch.changed)


def test_control_characters_do_not_crash_the_template(tmp_path: Path) -> None:
    obs = OBSERVATIONS.replace("national count", "bell\x07 and \x1b[31mred")
    data = write_files(tmp_path / "data", {**FILES, "observations.csv": obs})
    try:
        write_template(data, "vietnam", tmp_path / "v.xlsx")
    except InputError as exc:  # refused at load (spec: text in every file) is also fine
        assert "observations.csv" in str(exc)


def test_the_earlier_derived_label_is_still_read() -> None:
    assert excel.CODE_OF["status"]["suy ra"] == "derived"
    assert excel.CODE_OF["status"]["tính toán"] == "derived"  # workbooks written before


def test_bad_drop_down_word_names_sheet_cell_header_and_labels(
    data: Path, book: Path, capsys
) -> None:
    """A problem from the workbook is built from the loader's fields, not its sentence."""
    wb = openpyxl.load_workbook(book)
    ws = wb["Số liệu"]
    r = append_obs(ws, ["hanoi", "share", 2023, 40, "chắc chắn", "exact", "s1"])
    wb.save(book)
    with pytest.raises(InputError) as exc:
        import_workbook(book, data)
    (found,) = [p for p in exc.value.problems if p.file == f"Số liệu!E{r}"]
    assert found.field == "Tình trạng số liệu"
    assert found.expected == "one of chính thức, sơ bộ, ước tính, suy ra"
    assert found.row is not None and found.choices == (
        "actual",
        "preliminary",
        "estimate",
        "derived",
    )
    assert "actual" not in str(found).split(" — ")[1]


def test_loader_problem_carries_row_first_row_and_choices(tmp_path: Path) -> None:
    """The CSV loader records the row number and the allowed codes as fields."""
    from cnht_analysis.load import CsvRow, problem

    row = CsvRow()
    row.row = row.line = 7
    p = problem("observations.csv", row.where, "status", "x", "one of a", 3, ("a",))
    assert (p.location, p.row, p.first_row, p.choices) == ("7", 7, 3, ("a",))
    assert str(p) == "observations.csv:7: status: x (first at row 3) — expected one of a"


@pytest.mark.parametrize(
    ("status", "qualifier", "column", "meant"),
    [
        ("Chính thức", "exact", "E", "chính thức"),  # the drop-down's word, capitalised
        ("chinh thuc", "exact", "E", "chính thức"),  # typed without the marks
        ("ước", "exact", "E", "ước tính"),  # another way of writing 'estimate'
        ("actuall", "exact", "E", "chính thức"),  # a near miss of the English code
        ("sơ bộ", "~", "F", "khoảng"),
        ("sơ bộ", "trên", "F", "hơn"),
    ],
)
def test_did_you_mean_in_a_workbook_names_the_drop_down_word(
    data: Path, book: Path, status: str, qualifier: str, column: str, meant: str
) -> None:
    """The hint of a workbook problem is the Vietnamese word of the drop-down, not the code."""
    wb = openpyxl.load_workbook(book)
    r = append_obs(wb["Số liệu"], ["hanoi", "share", 2023, 40, status, qualifier, "s1"])
    wb.save(book)
    with pytest.raises(InputError) as exc:
        import_workbook(book, data)
    (found,) = [p for p in exc.value.problems if p.file == f"Số liệu!{column}{r}"]
    assert found.hint == f" (did you mean '{meant}'?)"
    assert str(found).split(" — ")[0].endswith(f"is not allowed (did you mean '{meant}'?)")


def test_did_you_mean_in_a_csv_file_still_names_the_code(tmp_path: Path) -> None:
    obs = OBSERVATIONS.replace(",actual,", ",ước,", 1)
    data = write_files(tmp_path / "data", {**FILES, "observations.csv": obs})
    with pytest.raises(InputError) as exc:
        load_dataset(data)
    (found,) = [p for p in exc.value.problems if p.field == "status"]
    assert "'ước' is not allowed (did you mean 'estimate'?)" in str(found)
