"""The Department's data in and out through Excel: `cnht template` and `cnht import`.

The workbook's editable sheets map 1:1 onto the CSV files: "Số liệu" holds one region's rows of
`observations.csv`, "Nguồn" the whole of `sources.csv`, and their header cells are the spec's
column names. An import never validates on its own: it writes the sheets as CSV files into a
temporary copy of the data directory, runs the loader of `cnht validate` on it, and translates
each problem's file, row and column back into a sheet and cell (`Số liệu!D14`).
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import math
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import __version__, paths
from .dataset import schema
from .dataset.schema import OBSERVATIONS_FILE, SOURCES_FILE
from .dump import number_text
from .errors import CnhtError, InputError, Problem, UsageError
from .fileio import FileWriteError, atomic_save, publish
from .load import WORD_ALIASES, closest, load_dataset, one_of, suggest
from .models import Dataset, Observation

SHEET_INFO = "Hướng dẫn"
SHEET_OBS = "Số liệu"
SHEET_SOURCES = "Nguồn"
SHEET_INDICATORS = "Chỉ tiêu"
SHEET_PROGRAMMES = "Chương trình"
SHEET_TARGETS = "Mục tiêu"
REGION_NAME = "cnht_region"  # workbook-level defined name → the cell holding the region id
REGION_CELL = "B3"

OBS_COLUMNS = schema.OBSERVATIONS.names
SOURCE_COLUMNS = schema.SOURCES.names
INDICATOR_COLUMNS = schema.INDICATORS.names
PROGRAMME_COLUMNS = schema.PROGRAMMES.order  # the reference sheets show the keys in spec order
TARGET_COLUMNS = schema.TARGETS.order

# The editable sheets and the CSV file each one becomes.
IMPORTED_SHEETS = {SHEET_OBS: OBSERVATIONS_FILE, SHEET_SOURCES: SOURCES_FILE}
EXTRA_ROWS = 1000  # rows below the data that keep the drop-down lists, for new entries
MIN_WIDTH, MAX_WIDTH = 8, 60

# A clerk's sheet says its headers and codes in Vietnamese; the import maps them back to codes.
HEADER_VI = {
    f.name: {c.name: c.label_vi for c in f.columns if c.label_vi}
    for f in (schema.OBSERVATIONS, schema.SOURCES)
}
CODE_VI = {
    c.name: dict(zip(c.allowed, c.labels_vi, strict=True))
    for c in schema.OBSERVATIONS.columns
    if c.labels_vi
}
CODE_OF = {col: {label: code for code, label in m.items()} for col, m in CODE_VI.items()}
CODE_OF["status"]["tính toán"] = "derived"  # the label of workbooks written before "suy ra"

# The header comments: (Vietnamese, English) for each column the schema explains.
COLUMN_HELP = {
    c.name: (c.help_vi, c.help_en)
    for f in (schema.OBSERVATIONS, schema.SOURCES)
    for c in f.columns
    if c.help_vi
}

INSTRUCTIONS_VI = """\
HƯỚNG DẪN (Tiếng Việt)
1. Nhập số liệu vào trang "Số liệu": mỗi dòng là giá trị của một chỉ tiêu trong một năm. Trang \
đã có sẵn toàn bộ số liệu hiện có của địa bàn này; sửa trực tiếp, thêm dòng mới ở cuối, xoá cả \
dòng nếu số liệu đó sai.
2. Không đổi tên, thứ tự hay nội dung dòng tiêu đề (hàng 1). Di chuột vào ô tiêu đề để xem giải \
thích và tên kỹ thuật (tiếng Anh) của cột.
3. Các cột: Địa bàn = mã địa bàn, giữ nguyên "{region}"; Chỉ tiêu = mã chỉ tiêu, chọn trong danh \
sách (tên và đơn vị ở trang "Chỉ tiêu"); Năm = số nguyên (2024); Giá trị = theo đơn vị của chỉ \
tiêu; Tình trạng số liệu, Mức chính xác = chọn trong danh sách (xem mục 4, 5); Nguồn = mã nguồn \
ở trang "Nguồn" (nguồn mới: thêm một dòng vào trang "Nguồn" trước); Ghi chú (tiếng Anh), Ghi chú \
(tiếng Việt) = tuỳ chọn; Đổi định nghĩa = \
true nếu cách tính chỉ tiêu thay đổi từ năm này (không so sánh với các năm trước), để trống nếu \
không.
4. Cột Tình trạng số liệu: chính thức; sơ bộ (công bố cuối năm, đầu năm sau); ước tính (nguồn \
ghi "ước"); suy ra = số do chúng ta tính từ thông tin của nguồn (ghi cách tính vào ghi chú).
5. Cột Mức chính xác: đúng = số chính xác; khoảng; hơn = "hơn", "trên" (giá trị thật lớn hơn); \
dưới = "dưới", "chưa đến" (giá trị thật nhỏ hơn).
6. Số: nhập giá trị là số, không kèm %, đơn vị hay dấu phân cách hàng nghìn. Máy dùng dấu phẩy \
thập phân thì cứ gõ 16,5 vào ô số như bình thường, Excel lưu đúng. Không nhập số dưới dạng văn \
bản (ô căn trái, có dấu ' ở đầu): ô văn bản "16,5" sẽ bị báo lỗi kèm cách sửa (16.5), chương \
trình không tự đoán.
7. Các trang "Chỉ tiêu", "Chương trình" và "Mục tiêu" chỉ để tham khảo và đã khoá; cần thay đổi \
thì liên hệ nhóm phân tích.
8. Nhập vào dữ liệu: lưu tệp dạng .xlsx, rồi chạy "cnht import TỆP.xlsx --dry-run" để xem những \
dòng sẽ được thêm, sửa, xoá; sau đó chạy "cnht import TỆP.xlsx". Nếu có lỗi, lệnh chỉ rõ trang \
và ô (ví dụ Số liệu!D14) và không ghi gì cả. Số liệu của các địa bàn khác không bị ảnh hưởng."""

INSTRUCTIONS_EN = """\
INSTRUCTIONS (English)
1. Enter data on the "Số liệu" (data) sheet: one row per indicator and year. The sheet already \
holds all current data of this region; correct cells in place, add new rows at the bottom, \
delete a whole row to remove a figure.
2. Do not rename, reorder or edit the header row (row 1): the headers are the column names of \
the data files. Hover over a header cell for an explanation.
3. Columns: region = region id, keep "{region}"; indicator = indicator id, pick from the list \
(names and units on the "Chỉ tiêu" sheet); year = a whole year (2024); value = the value in the \
indicator's unit; status, qualifier = pick from the list (see 4, 5); source = a source id from \
the "Nguồn" (sources) sheet (for a new source add a row there first); note, note_vi = optional \
notes in English and Vietnamese; break = \
true when the definition changed from this year on (no comparison with earlier years), else \
empty.
4. status: actual = final figure; preliminary = year-end figure published before final data; \
estimate = labelled "ước"/estimated by the source; derived = computed by us from a source \
statement (say how in note).
5. qualifier: exact = a plain figure; about = "khoảng"; more_than = "hơn"/"trên", a lower bound; \
less_than = an upper bound.
6. Numbers: enter values as numbers, without %, units or thousands separators. If your computer \
uses a decimal comma, type 16,5 into a number cell as usual and Excel stores it correctly. Do \
not enter numbers as text (left-aligned, leading '): a text cell "16,5" is reported with the fix \
(16.5), never guessed.
7. The "Chỉ tiêu" (indicators), "Chương trình" (programmes) and "Mục tiêu" (targets) sheets are \
read-only references; ask the analysis team to change them.
8. Import: save as .xlsx, run "cnht import FILE.xlsx --dry-run" to see the rows that would be \
added, changed and removed, then "cnht import FILE.xlsx". On any problem the command names the \
sheet and cell (e.g. Số liệu!D14) and writes nothing. Other regions' data are not touched."""


# --- cells and numbers -------------------------------------------------------------------------


def cell_text(value: Any, column: str) -> str:
    """The CSV text of one cell as openpyxl returns it (None, str, number, bool or date)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return number_text(value)
    if isinstance(value, dt.datetime):
        if column == "date" or value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def _csv_line(cells: Sequence[str], newline: str = "\n") -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator=newline).writerow(cells)
    return buf.getvalue()


# --- the template ------------------------------------------------------------------------------


def _obs_cells(ds: Dataset, o: Observation) -> list[Any]:
    unit = ds.indicators[o.indicator].unit
    value: Any = o.value
    if unit == "count" and float(o.value).is_integer():
        value = int(o.value)
    cells = schema.OBSERVATIONS.values(o) | {"value": value}
    for col, labels in CODE_VI.items():
        cells[col] = labels.get(cells[col], cells[col])
    return list(cells.values())


def _shown_value(cell: Any) -> Any:
    """A cell's value as the clerk sees it: a percent-formatted 0.356 is the 35.6 shown."""
    v = cell.value
    fmt = getattr(cell, "number_format", "") or ""
    if isinstance(v, (int, float)) and not isinstance(v, bool) and "%" in fmt:
        return round(v * 100, 10)
    return v


# Characters a workbook cannot hold (XML 1.0 forbids them); shown as U+FFFD instead of crashing.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _plain(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, str):
        return _ILLEGAL_XML.sub("\ufffd", v)
    if isinstance(v, tuple):
        return f"[{v[0]}, {v[1]}]"
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _fit_widths(ws: Any, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    from openpyxl.utils import get_column_letter

    for i, col in enumerate(columns):
        longest = max([len(col)] + [len(str(_plain(r[i]))) for r in rows if i < len(r)])
        width = min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))
        ws.column_dimensions[get_column_letter(i + 1)].width = width


def _table_sheet(
    wb: Any,
    title: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    protect: bool,
    formats: dict[str, str] | None = None,
    labels: dict[str, str] | None = None,
) -> Any:
    """A sheet with a bold frozen header (`labels` or the spec's names) and the rows below it."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    labels = labels or {}
    ws.append([labels.get(c, c) for c in columns])
    head_fill = PatternFill("solid", fgColor="D9D9D9")
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = head_fill
        cell.alignment = Alignment(vertical="top")
        col = columns[cell.column - 1]
        if col in COLUMN_HELP:
            vi, en = COLUMN_HELP[col]
            cell.comment = Comment(f"{vi}\n{col}: {en}", "cnht")
        elif col in labels:
            cell.comment = Comment(col, "cnht")
    for r in rows:
        ws.append([_plain(v) for v in r])
        for cell in ws[ws.max_row]:
            if cell.data_type == "f":  # text such as "=HYPERLINK(…)" stays text, never a formula
                cell.data_type = "s"
    formats = formats or {}
    for i, col in enumerate(columns, start=1):
        fmt = formats.get(col, "@")
        # The column's own format applies to the rows a clerk adds; the filled cells get it too.
        ws.column_dimensions[get_column_letter(i)].number_format = fmt
        for (cell,) in ws.iter_rows(min_row=2, max_row=len(rows) + 1, min_col=i, max_col=i):
            cell.number_format = fmt
    ws.freeze_panes = "A2"
    _fit_widths(ws, columns, rows)
    if protect:
        ws.protection.sheet = True
        ws.sheet_properties.tabColor = "808080"
    return ws


def _list_validation(formula: str, prompt: str, error: str) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(type="list", formula1=formula, allow_blank=True)
    dv.error, dv.errorTitle, dv.prompt = error, "cnht", prompt
    dv.showErrorMessage, dv.showInputMessage = True, True
    return dv


def build_template(ds: Dataset, region: str) -> Any:
    """The workbook `cnht template` writes for one region (an openpyxl Workbook)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    info = wb.active
    info.title = SHEET_INFO
    region_name = f"{ds.region_name(region, 'vi')} / {ds.region_name(region, 'en')}"
    info["A1"] = _plain(f"Số liệu công nghiệp hỗ trợ — {region_name}")
    info["A1"].font = Font(bold=True, size=14)
    info["A3"], info[REGION_CELL] = "Địa bàn / region:", _plain(region)
    info[REGION_CELL].font = Font(bold=True)
    info["A4"], info["B4"] = "Tạo lúc / created:", dt.date.today().isoformat()
    info["A5"], info["B5"] = "Phiên bản / version:", f"cnht-analysis {__version__}"
    row = 7
    for block in (INSTRUCTIONS_VI, "", INSTRUCTIONS_EN):
        for line in block.format(region=region).splitlines() or [""]:
            cell = info.cell(row=row, column=1, value=line)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if line.startswith(("HƯỚNG DẪN", "INSTRUCTIONS")):
                cell.font = Font(bold=True)
            else:
                info.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
                info.row_dimensions[row].height = 15 * max(1, math.ceil(len(line) / 110))
            row += 1
    info.column_dimensions["A"].width = 22
    info.column_dimensions["B"].width = 100
    info.protection.sheet = True
    wb.defined_names[REGION_NAME] = DefinedName(
        REGION_NAME, attr_text=f"'{SHEET_INFO}'!${REGION_CELL[0]}${REGION_CELL[1:]}"
    )

    obs = [_obs_cells(ds, o) for o in ds.observations if o.region == region]
    ws = _table_sheet(
        wb,
        SHEET_OBS,
        OBS_COLUMNS,
        obs,
        protect=False,
        formats={"year": "0", "value": "General"},
        labels=HEADER_VI[OBSERVATIONS_FILE],
    )
    sources = [list(schema.SOURCES.values(s).values()) for s in ds.sources.values()]
    _table_sheet(
        wb, SHEET_SOURCES, SOURCE_COLUMNS, sources, protect=False, labels=HEADER_VI[SOURCES_FILE]
    )
    indicators = [list(schema.INDICATORS.values(i).values()) for i in ds.indicators.values()]
    _table_sheet(wb, SHEET_INDICATORS, INDICATOR_COLUMNS, indicators, protect=True)
    progs = [p for p in ds.programmes.values() if p.region == region]
    _table_sheet(
        wb,
        SHEET_PROGRAMMES,
        PROGRAMME_COLUMNS,
        [[getattr(p, c) for c in PROGRAMME_COLUMNS] for p in progs],
        protect=True,
    )
    ids = {p.id for p in progs}
    targets = [[getattr(t, c) for c in TARGET_COLUMNS] for t in ds.targets if t.programme in ids]
    _table_sheet(wb, SHEET_TARGETS, TARGET_COLUMNS, targets, protect=True)

    last = len(obs) + 1 + EXTRA_ROWS
    col = {c: chr(ord("A") + i) for i, c in enumerate(OBS_COLUMNS)}

    def rng(name: str) -> str:
        return f"{col[name]}2:{col[name]}{last}"

    n_ind = len(ds.indicators) + 1
    checks = [
        (
            _list_validation(f'"{region}"', f"{region}", f"Chỉ dùng '{region}' / only '{region}'"),
            "region",
        ),
        (
            _list_validation(
                f"'{SHEET_INDICATORS}'!$A$2:$A${n_ind}",
                "Chọn chỉ tiêu / pick one",
                "Mã chỉ tiêu không có trong trang Chỉ tiêu / unknown indicator",
            ),
            "indicator",
        ),
        (
            _list_validation(
                '"' + ",".join(CODE_VI["status"].values()) + '"',
                ", ".join(CODE_VI["status"].values()),
                "Chọn trong danh sách / pick from the list",
            ),
            "status",
        ),
        (
            _list_validation(
                '"' + ",".join(CODE_VI["qualifier"].values()) + '"',
                ", ".join(CODE_VI["qualifier"].values()),
                "Chọn trong danh sách / pick from the list",
            ),
            "qualifier",
        ),
        (
            _list_validation(
                f"'{SHEET_SOURCES}'!$A$2:$A${len(sources) + 1 + EXTRA_ROWS}",
                "Mã nguồn ở trang Nguồn / a source id",
                "Thêm nguồn vào trang Nguồn trước / add the source first",
            ),
            "source",
        ),
        (_list_validation('"true,false"', "true / (trống, empty)", "true, false"), "break"),
    ]
    year_dv = DataValidation(type="whole", operator="between", formula1="1900", formula2="2100")
    year_dv.error = "Năm là số nguyên, ví dụ 2024 / a whole year such as 2024"
    value_dv = DataValidation(
        type="decimal", operator="between", formula1="-1000000000000", formula2="1000000000000"
    )
    value_dv.error = "Giá trị phải là số (không %, không đơn vị) / the value must be a number"
    for dv in (year_dv, value_dv):
        dv.errorTitle, dv.showErrorMessage, dv.allow_blank = "cnht", True, True
    checks += [(year_dv, "year"), (value_dv, "value")]
    for dv, name in checks:
        ws.add_data_validation(dv)
        dv.add(rng(name))
    wb.active = wb.sheetnames.index(SHEET_INFO)
    return wb


def _save_atomic(wb: Any, out: Path) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FileWriteError(out.parent, exc) from None
    atomic_save(out, wb.save)


def write_template(data_dir: Path | str | None, region: str, out: Path | str) -> Path:
    """Write the entry workbook for `region` to `out` (replaced atomically)."""
    from .assess import check_region

    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"--out: '{out}' does not end in .xlsx — expected a file name FILE.xlsx")
    ds = load_dataset(data_dir)
    check_region(ds, region)
    _save_atomic(build_template(ds, region), out)
    return out


def template_lines(out: Path, region: str, data_dir: str | Path | None) -> list[str]:
    """What `cnht template` says once the workbook is written."""
    ds_dir = Path(data_dir) if data_dir else paths.DATA_DIR
    return [
        f"Wrote {out} for region {region} from {ds_dir}.",
        f"Fill the '{SHEET_OBS}' and '{SHEET_SOURCES}' sheets, then: cnht import {out} --dry-run",
    ]


# --- reading the workbook ----------------------------------------------------------------------


@dataclass
class SheetRow:
    """One non-empty row of an imported sheet: its Excel row number and its CSV cells."""

    row: int
    cells: dict[str, str]


@dataclass
class SheetTable:
    """An imported sheet: its name, its columns (header → column letter) and its rows."""

    name: str
    letters: dict[str, str]
    rows: list[SheetRow]


def _read_sheet(
    wb: Any, name: str, columns: Sequence[str], problems: list[Problem]
) -> SheetTable | None:
    from openpyxl.utils import get_column_letter

    if name not in wb.sheetnames:
        close = suggest(name, wb.sheetnames)
        problems.append(
            Problem(
                name,
                "",
                "",
                "sheet is missing" + close,
                f"a sheet named '{name}' (as `cnht template` writes it)",
            )
        )
        return None
    ws = wb[name]
    grid = [[_shown_value(c) for c in r] for r in ws.iter_rows()]
    # A header is the clerk's Vietnamese label or the spec's column name (older workbooks).
    alias = {v: k for m in HEADER_VI.values() for k, v in m.items() if k in columns}
    header = [cell_text(v, "") for v in (grid[0] if grid else [])]
    header = [alias.get(h, h) for h in header]
    letters: dict[str, str] = {}
    ok = True
    for i, head in enumerate(header):
        cell = f"{name}!{get_column_letter(i + 1)}1"
        if not head:
            continue
        if head not in columns:
            problems.append(
                Problem(
                    cell,
                    "",
                    head,
                    "unknown column header" + suggest(head, columns),
                    "one of " + ", ".join(columns),
                )
            )
            ok = False
        elif head in letters:
            problems.append(Problem(cell, "", head, "column appears twice", "each column once"))
            ok = False
        else:
            letters[head] = get_column_letter(i + 1)
    for col in columns:
        if col not in letters and ok:
            problems.append(
                Problem(
                    f"{name}!1:1",
                    "",
                    col,
                    "column header is missing",
                    "the header row of the template: " + ", ".join(columns),
                )
            )
            ok = False
    if not ok:
        return None
    index = {h: i for i, h in enumerate(header) if h in letters}
    rows: list[SheetRow] = []
    for r, values in enumerate(grid[1:], start=2):
        cells = {h: cell_text(values[i] if i < len(values) else None, h) for h, i in index.items()}
        for col, codes in CODE_OF.items():  # the drop-down's Vietnamese words back to codes
            if col in cells:
                cells[col] = codes.get(cells[col], cells[col])
        stray = [i for i, v in enumerate(values) if i >= len(header) or not header[i]]
        for i in stray:
            if cell_text(values[i], "") != "":
                problems.append(
                    Problem(
                        f"{name}!{get_column_letter(i + 1)}{r}",
                        "",
                        "",
                        "a value in a column without a header",
                        "data only under the header columns",
                    )
                )
        if any(cells.values()):
            rows.append(SheetRow(r, cells))
    return SheetTable(name, letters, rows)


def _workbook_region(wb: Any, problems: list[Problem]) -> str | None:
    dn = wb.defined_names.get(REGION_NAME)
    try:
        sheet, coord = next(iter(dn.destinations)) if dn is not None else (None, None)
        value = cell_text(wb[sheet][coord.replace("$", "")].value, "") if sheet else ""
    except (KeyError, ValueError, StopIteration):
        value = ""
    if not value:
        problems.append(
            Problem(
                f"{SHEET_INFO}!{REGION_CELL}",
                "",
                "",
                "the region of this workbook is missing",
                "a workbook made by `cnht template --region ID`",
            )
        )
        return None
    return value


# --- CSV files, kept byte for byte where nothing changed ---------------------------------------


@dataclass
class RawCsv:
    """A CSV file split into its header and records, each record with its exact text."""

    header: list[str]
    header_text: str
    records: list[tuple[str, dict[str, str], str]]  # (exact text, cells, where the loader says)
    newline: str = "\n"
    bom: bool = False
    data: bytes = b""


def read_raw_csv(path: Path) -> RawCsv:
    """Split a (valid) CSV file into records without changing a byte of them."""
    data = path.read_bytes()
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    lines = text.splitlines(keepends=True) if text else []
    # splitlines also breaks at characters such as U+2028; rejoin everything not ending in \n.
    joined: list[str] = []
    for piece in lines:
        if joined and not joined[-1].endswith(("\n", "\r")):
            joined[-1] += piece
        else:
            joined.append(piece)
    newline = "\r\n" if joined and joined[0].endswith("\r\n") else "\n"
    reader = csv.reader(iter(joined), skipinitialspace=True)  # as the loader reads it
    header_row = next(reader, [])
    header = [unicodedata.normalize("NFC", h.strip()) for h in header_row]
    header_text = "".join(joined[: reader.line_num])
    records: list[tuple[str, dict[str, str], str]] = []
    done = reader.line_num
    for row, rec in enumerate(reader, start=2):
        chunk = "".join(joined[done : reader.line_num])
        where = str(row) if row == done + 1 else f"{row} (line {done + 1})"
        done = reader.line_num
        if not any(c.strip() for c in rec):
            records.append((chunk, {}, where))
            continue
        cells = {
            h: unicodedata.normalize("NFC", rec[i].strip()) if i < len(rec) else ""
            for i, h in enumerate(header)
            if h
        }
        records.append((chunk, cells, where))
    return RawCsv(header, header_text, records, newline, bom, data)


def _obs_key(cells: dict[str, str]) -> tuple[str, str, str]:
    return (cells.get("region", ""), cells.get("indicator", ""), cells.get("year", ""))


@dataclass
class Origin:
    """Where a record of a generated CSV file came from: a sheet row or a row of the file."""

    sheet: SheetTable | None = None
    row: int = 0
    file_where: str = ""  # the record's location in the data directory's own file


@dataclass
class Generated:
    """CSV text with, for each record's row number (header = 1), the record's origin."""

    text: str
    origins: dict[int, Origin] = field(default_factory=dict)


def _generate(columns: Sequence[str], parts: list[tuple[dict[str, str], Origin]]) -> Generated:
    out = [_csv_line(columns)]
    origins: dict[int, Origin] = {}
    for row, (cells, origin) in enumerate(parts, start=2):
        out.append(_csv_line([cells.get(c, "") for c in columns]))
        origins[row] = origin
    return Generated("".join(out), origins)


# --- the import --------------------------------------------------------------------------------


@dataclass
class FileChange:
    """What an import changes in one CSV file: keys added, changed (old → new) and removed."""

    file: str
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept_other: int = 0  # rows of other regions, untouched

    @property
    def any(self) -> bool:
        """True when the file would change."""
        return bool(self.added or self.changed or self.removed)

    def lines(self) -> list[str]:
        """The change as lines for the terminal."""
        head = f"{self.file}: {len(self.added)} added, {len(self.changed)} changed, "
        head += f"{len(self.removed)} removed"
        if self.kept_other:
            head += f" ({self.kept_other} rows of other regions kept as they are)"
        return (
            [head]
            + [f"  + {x}" for x in self.added]
            + [f"  ~ {x}" for x in self.changed]
            + [f"  - {x}" for x in self.removed]
        )


@dataclass
class ImportResult:
    """The outcome of `import_workbook`: the changes per file and what was written."""

    region: str
    changes: list[FileChange]
    written: list[Path]
    dry_run: bool

    @property
    def any(self) -> bool:
        """True when at least one file would change."""
        return any(c.any for c in self.changes)

    def report(self) -> str:
        """What `cnht import` prints."""
        out = [f"Workbook for region {self.region}:"]
        for c in self.changes:
            out += c.lines()
        if not self.any:
            out.append("No changes: the data directory already holds this workbook's data.")
        elif self.dry_run:
            out.append("Dry run: nothing written.")
        else:
            out.append("Wrote " + ", ".join(str(p) for p in self.written) + ".")
        return "\n".join(out) + "\n"


def _show(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return number_text(v)
    text = str(v)
    return repr(text) if text == "" or len(text) > 60 or " " in text else text


def _short(v: Any) -> str:
    text = _show(v)
    return text if len(text) <= 62 else text[:57] + "…'"


def _obs_diff(old: Observation, new: Observation) -> list[str]:
    return [
        f"{col} {_short(a)} → {_short(b)}" for col, a, b in schema.OBSERVATIONS.changed(old, new)
    ]


def _obs_label(o: Observation) -> str:
    return f"{o.region}/{o.indicator}/{o.year}"


def _translate(problem: Problem, generated: dict[str, Generated]) -> Problem:
    """A loader problem on a generated CSV file, placed in sheet and cell terms from its fields."""
    gen = generated.get(problem.file)
    if gen is None or problem.row is None:
        return problem

    def where(number: int, column: str) -> str:
        origin = gen.origins.get(number)
        if origin is None:
            return f"{problem.file}:{number}"
        if origin.sheet is None:
            return f"{problem.file}:{origin.file_where}"
        letter = origin.sheet.letters.get(column)
        cell = f"{letter}{origin.row}" if letter else f"{origin.row}:{origin.row}"
        return f"{origin.sheet.name}!{cell}"

    origin = gen.origins.get(problem.row)
    in_sheet = origin is not None and origin.sheet is not None
    field_name, expected, message = problem.field, problem.expected, problem.message
    hint = problem.hint
    if in_sheet:
        field_name = HEADER_VI.get(problem.file, {}).get(problem.field, problem.field)
        labels = CODE_VI.get(problem.field)
        if problem.choices and labels:
            expected = one_of(labels.get(c, c) for c in problem.choices)
            if problem.value:  # the loader's hint names a code: name the drop-down's word
                hint = label_hint(problem.value, problem.choices, labels)
                message = message.removesuffix(problem.hint) + hint
    first_at = problem.first_at
    if problem.first_row is not None:
        first_at = where(problem.first_row, problem.field)
    return replace(
        problem,
        file=where(problem.row, problem.field),
        location="",
        field=field_name,
        message=message,
        expected=expected,
        hint=hint,
        first_at=first_at,
    )


def _fold(text: str) -> str:
    """`text` in lower case without its Vietnamese marks ('Chính thức' → 'chinh thuc')."""
    plain = unicodedata.normalize("NFD", text.strip().lower()).replace("đ", "d")
    return "".join(ch for ch in plain if not unicodedata.combining(ch))


def label_hint(word: str, choices: Sequence[str], labels: dict[str, str]) -> str:
    """' (did you mean …?)' naming the drop-down's Vietnamese word closest to `word`, or ''.

    A word the loader knows as another way of writing a code ('ước', 'trên', '~', an English
    code's near miss) names that code's label; otherwise the label written alike once case and
    marks are set aside ('Khoảng', 'chinh thuc'), or the closest one.
    """
    words = {labels.get(c, c): c for c in choices}
    folded = {_fold(w): w for w in words}
    key = _fold(word)
    best = folded.get(key, "")
    if not best:
        code = WORD_ALIASES.get(word.strip().lower())
        best = labels.get(code, "") if code in choices else ""
    if not best:
        close = difflib.get_close_matches(key, sorted(folded), n=1, cutoff=0.6)
        best = folded[close[0]] if close else ""
    if not best:  # a near miss of an English code
        best = labels.get(closest(word, choices), "")
    return f" (did you mean '{best}'?)" if best and best != word else ""


def _load_with(data_dir: Path, texts: dict[str, str]) -> Dataset:
    """Load a temporary copy of `data_dir` in which `texts` replace some files."""
    with tempfile.TemporaryDirectory(prefix="cnht-import-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data_dir, copy)
        for name, text in texts.items():
            (copy / name).write_text(text, encoding="utf-8", newline="")
        ds = load_dataset(copy)
    ds.data_dir = data_dir
    return ds


def _insert_position(
    entries: list[tuple[tuple[str, str, int] | None, str]], key: tuple[str, str, int]
) -> int:
    """Where a new observation goes: in year order among its series, else after its region."""
    same = [i for i, (k, _) in enumerate(entries) if k and k[:2] == key[:2]]
    if same:
        before = [i for i in same if entries[i][0][2] < key[2]]  # type: ignore[index]
        return before[-1] + 1 if before else same[0]
    region = [i for i, (k, _) in enumerate(entries) if k and k[0] == key[0]]
    return region[-1] + 1 if region else len(entries)


def _ensure_newline(text: str, newline: str) -> str:
    return text if text.endswith(("\n", "\r")) else text + newline


class _Writer:
    """Writes records in a file's own columns and line endings (all columns if some are missing)."""

    def __init__(self, raw: RawCsv, columns: Sequence[str], new_cells: list[dict[str, str]]):
        self.raw = raw
        missing = [c for c in columns if c not in raw.header]
        # A new value in a column the file lacks: the whole file is rewritten with every column.
        self.rebuild = any(cells.get(c) for cells in new_cells for c in missing)
        self.columns = list(columns) if self.rebuild else [h for h in raw.header if h]

    def line(self, cells: dict[str, str]) -> str:
        """One record as CSV text."""
        return _csv_line([cells.get(c, "") for c in self.columns], self.raw.newline)

    def keep(self, chunk: str, cells: dict[str, str]) -> str:
        """An unchanged record: its exact text, unless the file is being rewritten."""
        if self.rebuild:
            return self.line(cells) if cells else ""
        return _ensure_newline(chunk, self.raw.newline)

    def encode(self, entries: list[str]) -> bytes:
        """The whole file as bytes (header, records; the BOM kept if there was one)."""
        head = self.line({c: c for c in self.columns}) if self.rebuild else self.raw.header_text
        body = _ensure_newline(head, self.raw.newline) + "".join(entries)
        return (b"\xef\xbb\xbf" if self.raw.bom else b"") + body.encode("utf-8")


def _cells_by_key(sheet: SheetTable) -> dict[tuple[str, str, int], dict[str, str]]:
    """The sheet's rows by (region, indicator, year); the loader has checked keys are unique."""
    out: dict[tuple[str, str, int], dict[str, str]] = {}
    for r in sheet.rows:
        region, ind, year = _obs_key(r.cells)
        number = _as_year(year)
        if number is not None:
            out[(region, ind, number)] = r.cells
    return out


def _as_year(text: str) -> int | None:
    try:
        return int(float(text))
    except (ValueError, OverflowError):
        return None


# Limits checked before a workbook is parsed, so that a zip bomb is refused at once.
MAX_WORKBOOK_BYTES = 50 * 1024 * 1024  # the .xlsx file itself
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # all its parts, unpacked
MAX_RATIO = 200  # unpacked size over packed size, for any part larger than 1 MB unpacked
MAX_PARTS = 10_000


def _check_workbook_size(workbook: Path) -> None:
    """Refuse a workbook too large, or compressed too much, to be a filled template."""
    import zipfile

    def refuse(what: str) -> InputError:
        return InputError(
            [
                Problem(
                    str(workbook),
                    "",
                    "",
                    what,
                    "a workbook written by `cnht template` and filled in",
                )
            ]
        )

    if not workbook.is_file():
        if workbook.exists():
            raise refuse("is not a regular file")
        raise FileNotFoundError(workbook)
    size = workbook.stat().st_size
    if size > MAX_WORKBOOK_BYTES:
        raise refuse(f"is {size / 1e6:.0f} MB, more than {MAX_WORKBOOK_BYTES // 2**20} MiB")
    try:
        with zipfile.ZipFile(workbook) as z:
            parts = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise refuse(f"cannot be read as an Excel workbook ({exc})") from None
    if len(parts) > MAX_PARTS:
        raise refuse(f"has {len(parts)} parts, more than {MAX_PARTS}")
    total = sum(max(p.file_size, 0) for p in parts)
    if total > MAX_UNPACKED_BYTES:
        raise refuse(
            f"unpacks to {total / 1e6:.0f} MB, more than {MAX_UNPACKED_BYTES // 2**20} MiB"
        )
    for p in parts:
        if p.file_size > 2**20 and p.file_size > MAX_RATIO * max(p.compress_size, 1):
            raise refuse(
                f"part {p.filename} is compressed {p.file_size // max(p.compress_size, 1)}:1, "
                f"more than {MAX_RATIO}:1 (a zip bomb?)"
            )


def import_workbook(
    workbook: Path | str, data_dir: Path | str | None = None, *, dry_run: bool = False
) -> ImportResult:
    """Validate a filled template and write its sheets into the data directory's CSV files."""
    from openpyxl import load_workbook

    data_dir = Path(data_dir) if data_dir is not None else paths.DATA_DIR
    workbook = Path(workbook)
    try:
        _check_workbook_size(workbook)
        wb = load_workbook(workbook, data_only=True)
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(
            [Problem(str(workbook), "", "", "does not exist", "an .xlsx file")]
        ) from None
    except Exception as exc:  # noqa: BLE001 - zip, XML or format errors from openpyxl
        raise InputError(
            [
                Problem(
                    str(workbook),
                    "",
                    "",
                    f"cannot be read as an Excel workbook ({exc})",
                    "an .xlsx file saved by Excel or LibreOffice",
                )
            ]
        ) from None
    try:
        ds_old = load_dataset(data_dir)
    except InputError as exc:
        raise InputError(
            [
                Problem(
                    "",
                    "",
                    "",
                    f"the data directory {data_dir} is not valid; fix it first (`cnht validate`)",
                )
            ]
            + exc.problems
        ) from None

    problems: list[Problem] = []
    region = _workbook_region(wb, problems)
    obs_sheet = _read_sheet(wb, SHEET_OBS, OBS_COLUMNS, problems)
    src_sheet = _read_sheet(wb, SHEET_SOURCES, SOURCE_COLUMNS, problems)
    if region is not None and obs_sheet is not None:
        for r in obs_sheet.rows:
            got = r.cells.get("region", "")
            if got != region:
                problems.append(
                    Problem(
                        f"{SHEET_OBS}!{obs_sheet.letters['region']}{r.row}",
                        "",
                        HEADER_VI[OBSERVATIONS_FILE]["region"],
                        ("is empty" if not got else f"'{got}' is not this workbook's region"),
                        f"'{region}' (a workbook holds one region; for another, run "
                        "`cnht template --region ID`)",
                    )
                )
    if problems or region is None or obs_sheet is None or src_sheet is None:
        raise InputError(problems)

    # 1. Validate: the sheets as CSV files in a copy of the data directory, checked by the loader.
    obs_raw = read_raw_csv(data_dir / OBSERVATIONS_FILE)
    src_raw = read_raw_csv(data_dir / SOURCES_FILE)
    others = [
        (cells, Origin(file_where=where))
        for _, cells, where in obs_raw.records
        if cells and cells.get("region") != region
    ]
    generated = {
        OBSERVATIONS_FILE: _generate(
            OBS_COLUMNS, others + [(r.cells, Origin(obs_sheet, r.row)) for r in obs_sheet.rows]
        ),
        SOURCES_FILE: _generate(
            SOURCE_COLUMNS, [(r.cells, Origin(src_sheet, r.row)) for r in src_sheet.rows]
        ),
    }
    try:
        ds_new = _load_with(data_dir, {n: g.text for n, g in generated.items()})
    except InputError as exc:
        raise InputError([_translate(p, generated) for p in exc.problems]) from None

    # 2. Compare record by record; unchanged records keep their exact bytes.
    old_obs = {_sort_key(o): o for o in ds_old.observations if o.region == region}
    new_obs = {_sort_key(o): o for o in ds_new.observations if o.region == region}
    obs_cells = _cells_by_key(obs_sheet)
    obs_out = _Writer(
        obs_raw, OBS_COLUMNS, [obs_cells[k] for k in new_obs if old_obs.get(k) != new_obs[k]]
    )
    obs_change = FileChange(OBSERVATIONS_FILE, kept_other=len(others))
    entries: list[tuple[tuple[str, str, int] | None, str]] = []
    for chunk, cells, _ in obs_raw.records:
        if not cells or cells.get("region") != region:
            entries.append((None, obs_out.keep(chunk, cells)))
            continue
        key = (cells["region"], cells["indicator"], int(float(cells["year"])))
        if key not in new_obs:
            obs_change.removed.append(_obs_label(old_obs[key]))
        elif new_obs[key] != old_obs[key]:
            diffs = _obs_diff(old_obs[key], new_obs[key])
            obs_change.changed.append(f"{_obs_label(old_obs[key])}: " + "; ".join(diffs))
            entries.append((key, obs_out.line(obs_cells[key])))
        else:
            entries.append((key, obs_out.keep(chunk, cells)))
    for key, o in new_obs.items():
        if key not in old_obs:
            obs_change.added.append(
                f"{_obs_label(o)}: value {_show(o.value)}, {o.status}, {o.qualifier}, "
                f"source {o.source}"
            )
            entries.insert(_insert_position(entries, key), (key, obs_out.line(obs_cells[key])))

    src_cells = {r.cells.get("source", ""): r.cells for r in src_sheet.rows}
    changed_src = [src_cells[k] for k, s in ds_new.sources.items() if ds_old.sources.get(k) != s]
    src_out = _Writer(src_raw, SOURCE_COLUMNS, changed_src)
    src_change = FileChange(SOURCES_FILE)
    src_entries: list[str] = []
    for chunk, cells, _ in src_raw.records:
        sid = cells.get("source", "") if cells else ""
        if not sid:
            src_entries.append(src_out.keep(chunk, cells))
        elif sid not in ds_new.sources:
            src_change.removed.append(sid)
        elif ds_old.sources[sid] != ds_new.sources[sid]:
            old, new = ds_old.sources[sid], ds_new.sources[sid]
            diffs = [
                f"{col} {_short(a)} → {_short(b)}" for col, a, b in schema.SOURCES.changed(old, new)
            ]
            src_change.changed.append(f"{sid}: " + "; ".join(diffs))
            src_entries.append(src_out.line(src_cells[sid]))
        else:
            src_entries.append(src_out.keep(chunk, cells))
    for sid, s in ds_new.sources.items():
        if sid not in ds_old.sources:
            src_change.added.append(f"{sid}: {_short(s.title or s.publisher)}")
            src_entries.append(src_out.line(src_cells[sid]))

    changes = [obs_change, src_change]
    finals: dict[str, bytes] = {}
    if obs_change.any:
        finals[OBSERVATIONS_FILE] = obs_out.encode([t for _, t in entries])
    if src_change.any:
        finals[SOURCES_FILE] = src_out.encode(src_entries)

    # 3. Check that the files about to be written load to exactly what was validated.
    if finals:
        check = _load_with(data_dir, {n: b.decode("utf-8-sig") for n, b in finals.items()})
        if (
            sorted(check.observations, key=_sort_key) != sorted(ds_new.observations, key=_sort_key)
            or check.sources != ds_new.sources
        ):
            raise CnhtError(
                "internal error: the files to write do not match the validated "
                "workbook; nothing was written"
            )
    written: list[Path] = []
    if finals and not dry_run:
        originals = {OBSERVATIONS_FILE: obs_raw.data, SOURCES_FILE: src_raw.data}
        written = _write_atomic(data_dir, finals, originals)
    return ImportResult(region, changes, written, dry_run)


def _sort_key(o: Observation) -> tuple[str, str, int]:
    return (o.region, o.indicator, o.year)


def _write_atomic(
    data_dir: Path, finals: dict[str, bytes], originals: dict[str, bytes]
) -> list[Path]:
    """Publish every file at once (`fileio.publish`): any failure leaves every file as it was."""
    for name in finals:
        try:
            current = (data_dir / name).read_bytes()
        except OSError as exc:
            raise FileWriteError(data_dir / name, exc) from None
        if current != originals[name]:
            raise CnhtError(
                f"{data_dir / name} changed while importing; nothing was written — "
                "run the import again"
            )
    return publish(data_dir, finals)
