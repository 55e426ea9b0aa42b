"""The Department's periodic report to the City as a Word draft (Decree 30/2020/NĐ-CP layout).

Two steps, so the layout can be tested without an assessment and the content without Word:

* `docx_content(results)` turns the one results object of a render (`results.Results`, which
  the HTML reads too) into a `DocxContent` of already-formatted Vietnamese strings: the same
  words, number formats, key messages (`words.messages`) and citation numbers
  (`Results.citations`) as the HTML and `cnht explain`, nothing recomputed;
* `write_docx(content, path)` lays those strings out as the decree's administrative report:
  A4 portrait, margins 20/20/30/15 mm, Times New Roman, the two-column header without borders,
  "BÁO CÁO" and its subtitle, sections I–IV, "Nơi nhận" and the signature block with blanks.

`save_docx(results, output_dir, stem)` is what the notebook's last cell calls.

Everything is written as plain text runs (no fields, no formulas), NFC-normalised.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .assess import Assessment
    from .report import Report
    from .results import DataRequest, Results

FONT = "Times New Roman"
NBSP = "\u00a0"
BODY_PT = 13
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
RECOMMENDATION_PLACEHOLDER = "[Sở Công Thương ghi kiến nghị tại đây]"
SIGNATURE_PLACEHOLDER = "(Ký, ghi rõ họ tên, đóng dấu)"
TABLE_HEADS = ("TT", "Chỉ tiêu", "Mục tiêu", "Thực hiện", "Đánh giá", "Cần đạt từ nay")
TABLE_MM = (11, 29, 37, 27, 24, 37)  # 165 mm: the text width between the margins
TEXT_MM = 165

DEFAULT_SUPERIOR = "UBND THÀNH PHỐ HÀ NỘI"
DEFAULT_ISSUING = "SỞ CÔNG THƯƠNG"
DEFAULT_ABBR = "SCT"
DEFAULT_PLACE = "Hà Nội"
DEFAULT_SIGNER = "GIÁM ĐỐC"


def nfc(text: object) -> str:
    """Text in NFC, so Vietnamese letters are one code point each."""
    return unicodedata.normalize("NFC", str(text))


@dataclass
class DocxRow:
    """One row of table I, already in words."""

    indicator: str  # chỉ tiêu
    target: str  # mục tiêu
    latest: str  # thực hiện, with its qualifier and year
    status: str  # đánh giá, in words
    needed: str  # what it takes from now
    target_id: str = ""  # for tests and tracing only; never shown
    group: str = ""  # the programme the target belongs to: a row spanning the table before it


@dataclass
class DocxGridCell:
    """One cell of the status-by-year table: the status in words, its colour, target year."""

    text: str
    fill: str  # background, hex without '#'
    framed: bool = False  # the target's own year


@dataclass
class DocxGrid:
    """Each target's status by as-of year (the page's status-by-year grid), in words."""

    caption: str
    years: list[int]
    # (programme heading, None) or (indicator — target year, cells; None where not assessed)
    rows: list[tuple[str, list[DocxGridCell | None] | None]]
    note: str = ""
    head: str = "Chỉ tiêu — năm mục tiêu"  # the first column's heading


@dataclass
class DocxContent:
    """The Word report's strings, formatted before layout."""

    superior_body: str = DEFAULT_SUPERIOR
    issuing_body: str = DEFAULT_ISSUING
    issuing_abbr: str = DEFAULT_ABBR
    place: str = DEFAULT_PLACE
    signer_title: str = DEFAULT_SIGNER
    title: str = "BÁO CÁO"
    subtitle: str = ""
    intro: str = ""
    rows: list[DocxRow] = field(default_factory=list)
    table_notes: list[str] = field(default_factory=list)
    skill: str = ""  # how often such verdicts came true on past plans (benchmarks/RESULTS.md)
    charts: list[tuple[bytes, str]] = field(default_factory=list)  # (PNG, caption)
    grid: DocxGrid | None = None  # the status-by-year table after the charts
    messages: list[str] = field(default_factory=list)  # II. key messages
    missing_intro: str = ""
    data_requests: list[str] = field(default_factory=list)  # III. figure — owner
    ended_plans: list[str] = field(default_factory=list)
    adopted_later: list[str] = field(default_factory=list)  # named, without a status
    sources: list[tuple[int, str]] = field(default_factory=list)
    recipients: list[str] = field(
        default_factory=lambda: ["- UBND Thành phố (để báo cáo);", "- Lưu: VT."]
    )
    synthetic: bool = False
    drafted_on: str = ""  # "ngày 7 tháng 12 năm 2026" (Hanoi time): the page header's draft mark


# --- layout ---------------------------------------------------------------------------------


def _docx() -> Any:
    import docx  # python-docx, imported only when a draft is written

    return docx


def _run(
    paragraph: Any, text: str, *, size: float = BODY_PT, bold: bool = False, italic: bool = False
) -> Any:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run = paragraph.add_run(nfc(text).replace(" %", NBSP + "%"))  # "16,5 %" never split
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    return run


def _para(
    container: Any,
    text: str = "",
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: str = "justify",
    before: float = 0,
    after: float = 6,
    indent_first: bool = False,
) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    p = container.add_paragraph()
    p.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    fmt = p.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if indent_first:
        fmt.first_line_indent = Mm(10)
    if text:
        _run(p, text, size=size, bold=bold, italic=italic)
    return p


def _cell_para(cell: Any, text: str, **kw: Any) -> Any:
    """A paragraph in a table cell (the cell's first, empty one is reused)."""
    first = cell.paragraphs[0]
    if not first.runs and not first.text:
        p = first
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        p.alignment = {
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
        }[kw.pop("align", "center")]
        p.paragraph_format.space_after = Pt(kw.pop("after", 0))
        p.paragraph_format.space_before = Pt(kw.pop("before", 0))
        if text:
            _run(p, text, **kw)
        return p
    kw.setdefault("align", "center")
    kw.setdefault("after", 0)
    return _para(cell, text, **kw)


def _no_borders(table: Any) -> None:
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = tbl_pr.makeelement(qn("w:tblBorders"), {})
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = borders.makeelement(qn(f"w:{edge}"), {qn("w:val"): "nil"})
        borders.append(el)
    tbl_pr.append(borders)


def _grid(table: Any) -> None:
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = tbl_pr.makeelement(qn("w:tblBorders"), {})
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = borders.makeelement(
            qn(f"w:{edge}"),
            {qn("w:val"): "single", qn("w:sz"): "4", qn("w:space"): "0", qn("w:color"): "000000"},
        )
        borders.append(el)
    tbl_pr.append(borders)


def _widths(table: Any, mm: Sequence[float], indent_mm: float = 0) -> None:
    """Fixed column widths (grid and cells), which Word and LibreOffice both honour."""
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = tbl_pr.makeelement(qn("w:tblLayout"), {qn("w:type"): "fixed"})
    tbl_pr.append(layout)
    if indent_mm:
        twips = str(round(indent_mm / 25.4 * 1440))
        tbl_pr.append(tbl_pr.makeelement(qn("w:tblInd"), {qn("w:w"): twips, qn("w:type"): "dxa"}))
    for col, w in zip(table.columns, mm, strict=True):
        col.width = Mm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, mm, strict=True):
            cell.width = Mm(w)


def _row_props(row: Any, header: bool = False) -> None:
    """A table row is never split across pages; the header row repeats on every page."""
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(tr_pr.makeelement(qn("w:cantSplit"), {}))
    if header:
        tr_pr.append(tr_pr.makeelement(qn("w:tblHeader"), {}))


GRID_NAME_MM = 60.0  # the status-by-year table's first column; the years share the rest


def _shade(cell: Any, fill: str) -> None:
    """A cell's background colour."""
    from docx.oxml.ns import qn

    tc_pr = cell._tc.get_or_add_tcPr()
    tc_pr.append(
        tc_pr.makeelement(
            qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill}
        )
    )


def _frame(cell: Any) -> None:
    """A thick black frame around a cell (the target's own year)."""
    from docx.oxml.ns import qn

    tc_pr = cell._tc.get_or_add_tcPr()
    borders = tc_pr.makeelement(qn("w:tcBorders"), {})
    for edge in ("top", "left", "bottom", "right"):
        attrs = {
            qn("w:val"): "single",
            qn("w:sz"): "18",
            qn("w:space"): "0",
            qn("w:color"): "000000",
        }
        borders.append(borders.makeelement(qn(f"w:{edge}"), attrs))
    tc_pr.append(borders)


def _grid_table(doc: Any, grid: DocxGrid) -> None:
    """The status-by-year table: programme rows, then a row per target, a column per year."""
    _para(doc, grid.caption, size=12, bold=True, align="center", before=6, after=3)
    cols = 1 + len(grid.years)
    table = doc.add_table(rows=1, cols=cols)
    _grid(table)
    heads = [grid.head, *(str(y) for y in grid.years)]
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        _cell_para(cell, text, size=11, bold=True)
    _row_props(table.rows[0], header=True)
    plan = [(table.add_row(), name, cells) for name, cells in grid.rows]
    year_mm = (TEXT_MM - GRID_NAME_MM) / max(1, len(grid.years))
    _widths(table, [GRID_NAME_MM, *([year_mm] * len(grid.years))])
    for row, name, cells in plan:
        _row_props(row)
        if cells is None:
            merged = row.cells[0].merge(row.cells[-1])
            _cell_para(merged, name, size=11, bold=True, italic=True, align="left")
            continue
        _cell_para(row.cells[0], name, size=11, align="left")
        for cell, c in zip(row.cells[1:], cells, strict=True):
            if c is None:
                continue
            _shade(cell, c.fill)
            if c.framed:
                _frame(cell)
            _cell_para(cell, c.text, size=11, bold=c.framed)
    if grid.note:
        _para(doc, grid.note, size=12, italic=True, before=3, after=3)


def _line_under(paragraph: Any) -> None:
    """A short rule under a header line (a bottom border on the paragraph)."""
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    pbdr = ppr.makeelement(qn("w:pBdr"), {})
    bottom = pbdr.makeelement(
        qn("w:bottom"),
        {qn("w:val"): "single", qn("w:sz"): "6", qn("w:space"): "1", qn("w:color"): "000000"},
    )
    pbdr.append(bottom)
    ppr.append(pbdr)


def _highlight(run: Any) -> None:
    from docx.enum.text import WD_COLOR_INDEX

    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _heading(doc: Any, text: str) -> None:
    _para(doc, text, bold=True, align="left", before=6, after=6)


def _short_rule(cell: Any, width_chars: int) -> None:
    """A centred short line: a run of underscores would print; use a bordered empty line."""
    p = _cell_para(cell, "", size=6)
    from docx.shared import Mm

    p.paragraph_format.left_indent = Mm(max(0, 40 - width_chars))
    p.paragraph_format.right_indent = Mm(max(0, 40 - width_chars))
    _line_under(p)


def write_docx(content: DocxContent, path: str | Path | None = None) -> bytes:
    """Lay out `content` as the decree's report; write it to `path` (atomically) and return it."""
    docx = _docx()
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    doc = docx.Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    sec.top_margin = Mm(MARGINS_MM["top"])
    sec.bottom_margin = Mm(MARGINS_MM["bottom"])
    sec.left_margin = Mm(MARGINS_MM["left"])
    sec.right_margin = Mm(MARGINS_MM["right"])
    if content.drafted_on:  # in the page header, so the signed text itself carries no mark
        mark = sec.header.paragraphs[0]
        _run(mark, f"{DRAFT_MARK} lập {content.drafted_on}", size=11, italic=True)
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.core_properties.title = nfc(f"{content.title} {content.subtitle}".strip())[:250]
    doc.core_properties.author = nfc(content.issuing_body)

    # header: issuing body on the left, national title and motto on the right
    head = doc.add_table(rows=2, cols=2)
    _no_borders(head)
    _widths(head, (66, 110), indent_mm=-6)  # the header may use the margins a little
    left, right = head.cell(0, 0), head.cell(0, 1)
    _cell_para(left, content.superior_body.upper(), size=12)
    _cell_para(left, content.issuing_body.upper(), size=12, bold=True)
    _short_rule(left, 20)
    _cell_para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    motto = _cell_para(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True)
    _line_under(motto)
    _cell_para(head.cell(1, 0), f"Số: …/BC-{content.issuing_abbr}", size=13, before=6)
    _cell_para(
        head.cell(1, 1),
        f"{content.place}, ngày … tháng … năm …",
        size=13,
        italic=True,
        before=6,
    )

    _para(doc, content.title, size=14, bold=True, align="center", before=18, after=0)
    if content.subtitle:
        _para(doc, content.subtitle, size=14, bold=True, align="center", after=12)
    if content.synthetic:
        _para(
            doc,
            "DỮ LIỆU TỔNG HỢP (SYNTHETIC) — không phải số liệu thật.",
            bold=True,
            align="center",
        )
    if content.intro:
        _para(doc, content.intro, indent_first=True)

    _heading(doc, "I. KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU")
    if content.rows:
        table = doc.add_table(rows=1, cols=len(TABLE_HEADS))
        _grid(table)
        for cell, text in zip(table.rows[0].cells, TABLE_HEADS, strict=True):
            _cell_para(cell, text, size=12, bold=True)
        _row_props(table.rows[0], header=True)
        plan: list[tuple[Any, str | DocxRow]] = []
        group = ""
        for r in content.rows:
            if r.group and r.group != group:
                plan.append((table.add_row(), r.group))
            group = r.group
            plan.append((table.add_row(), r))
        _widths(table, TABLE_MM)  # before merging: a merged row takes the sum of its cells
        n = 0
        for row, what in plan:
            _row_props(row)
            if isinstance(what, str):
                merged = row.cells[0].merge(row.cells[-1])
                _cell_para(merged, what, size=12, bold=True, italic=True, align="left")
                continue
            n += 1
            values = (str(n), what.indicator, what.target, what.latest, what.status, what.needed)
            for j, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
                _cell_para(cell, text, size=12, align="center" if j in (0, 4) else "left")
    else:
        _para(doc, "Không có mục tiêu nào đang có hiệu lực trong năm đánh giá.", indent_first=True)
    for note in content.table_notes:
        _para(doc, note, size=12, italic=True, before=3, after=3)
    if content.skill:
        _para(doc, content.skill, size=12, italic=True, before=3, after=3)
    for png, caption in content.charts:
        pic = _para(doc, "", align="center", before=6, after=0)
        _run(pic, "").add_picture(io.BytesIO(png), width=Mm(160))
        _para(doc, caption, size=12, italic=True, align="center")

    if content.grid is not None and content.grid.rows:
        _grid_table(doc, content.grid)

    if content.ended_plans:
        _para(
            doc,
            "Các kế hoạch, chương trình đã kết thúc:",
            bold=True,
            italic=True,
            align="left",
            before=6,
        )
        for line in content.ended_plans:
            _para(doc, f"- {line}", indent_first=True)
    if content.adopted_later:
        _para(
            doc,
            "Các chương trình ban hành sau năm đánh giá:",
            bold=True,
            italic=True,
            align="left",
            before=6,
        )
        for line in content.adopted_later:
            _para(doc, f"- {line}", indent_first=True)

    _heading(doc, "II. ĐÁNH GIÁ CHUNG")
    for m in content.messages:
        _para(doc, f"- {m}", indent_first=True)

    _heading(doc, "III. CÁC MỤC TIÊU CHƯA CÓ SỐ LIỆU VÀ ĐỀ NGHỊ CUNG CẤP SỐ LIỆU")
    if content.missing_intro:
        _para(doc, content.missing_intro, indent_first=True)
    for req in content.data_requests:
        _para(doc, f"- {req}", indent_first=True)

    _heading(doc, "IV. KIẾN NGHỊ")
    p = _para(doc, "", indent_first=True)
    _highlight(_run(p, RECOMMENDATION_PLACEHOLDER, italic=True))

    if content.sources:
        _heading(doc, "Nguồn số liệu")
        for n, text in content.sources:
            _para(doc, f"[{n}] {text}", size=12, align="left", after=2)

    # "Nơi nhận" on the left, signature on the right
    foot = doc.add_table(rows=1, cols=2)
    _no_borders(foot)
    _widths(foot, (80, 85))
    left, right = foot.cell(0, 0), foot.cell(0, 1)
    _cell_para(left, "Nơi nhận:", size=12, bold=True, italic=True, align="left", before=12)
    for line in content.recipients:
        _cell_para(left, line, size=11, align="left")
    _cell_para(right, content.signer_title.upper(), size=13, bold=True, before=12)
    _cell_para(right, SIGNATURE_PLACEHOLDER, size=13, italic=True)
    for _ in range(3):
        _cell_para(right, "")
    _cell_para(right, "……………………………", size=13)

    buf = io.BytesIO()
    doc.save(buf)
    data = buf.getvalue()
    if path is not None:
        _atomic_write(Path(path), data)
    return data


def _atomic_write(path: Path, data: bytes) -> None:
    from .fileio import atomic_write

    atomic_write(path, data)


# --- content from the results object --------------------------------------------------------

LANG = "vi"
HISTORY_YEARS = 5  # as-of years in the status-by-year chart, as on the page
NO_FIGURE = "Chưa có số liệu"
DRAFT_MARK = "Dự thảo"
INFERRED_MARK = "†"
OVERRIDE_MARK = "*"


def status_words(a: Assessment) -> str:
    """A status in Vietnamese words, from the one vocabulary the HTML uses ("Vượt" included)."""
    from .status import exceeded, label

    return label(a.status, LANG, exceeded=exceeded(a))


def _region_field(results: Results, name: str, default: str) -> str:
    region = results.dataset.regions.get(results.region)
    value = getattr(region, name, "") if region is not None else ""
    return nfc(value) if value else default


def _sentence_case(body: str) -> str:
    """A body's name inside a sentence: 'SỞ CÔNG THƯƠNG' → 'Sở Công Thương'; else as written."""
    return body.title() if body.isupper() else body


def _cite(results: Results, source_id: str) -> str:
    """'[3]' in Results' one numbering ('' for a source it does not number)."""
    n = results.citations.get(source_id)
    return f"[{n}]" if n else ""


def _numbered(results: Results, text: str) -> str:
    """A note's `[h5, h6]` citations as Results' numbers `[2, 3]`."""
    from .citations import number_citations

    return number_citations(text, results.citations)


def latest_words(results: Results, a: Assessment) -> str:
    """The latest figure with its qualifier and status, and its year ('Chưa có số liệu')."""
    from .text import value_phrase

    o = next((o for o in a.observations if o.year == a.latest_year), None)
    if o is None:
        return NO_FIGURE
    unit = results.dataset.indicators[a.target.indicator].unit
    return nfc(f"{value_phrase(o, unit, LANG)}, năm {o.year}")


def needed_words(results: Results, a: Assessment) -> str:
    """What it takes from now, in the words of `cnht explain` and the page ('–' when none)."""
    from .explain import needed_phrase

    text = needed_phrase(results.dataset, a, LANG)
    return nfc(text[0].upper() + text[1:]) if text else "–"


def target_words(results: Results, a: Assessment) -> str:
    """The target as the programme states it and its source number; an inferred value marked."""
    from . import words
    from .text import target_phrase

    t = a.target
    unit = results.dataset.indicators[t.indicator].unit
    text = f"{target_phrase(t, unit, LANG)} {_cite(results, t.source)}".strip()
    if t.inferred:
        text += f" — {words.t('inferred.mark', LANG)}{INFERRED_MARK}"
    return nfc(text)


def table_order(results: Results) -> list[Assessment]:
    """Table I's rows: the targets ahead (nearest first), grouped under their programme.

    Programmes come in the order of their first target in `in_force_ahead`; within one, the
    targets keep that order.
    """
    ahead = results.in_force_ahead
    first = {pid: i for i, pid in reversed(list(enumerate(a.target.programme for a in ahead)))}
    return sorted(ahead, key=lambda a: first[a.target.programme])


def group_words(results: Results, programme_id: str) -> str:
    """A programme's row in table I: its name and document, its period, its source number."""
    from .text import programme_label

    p = results.dataset.programmes[programme_id]
    period = f"{p.period[0]}–{p.period[1]}" if p.period[0] != p.period[1] else str(p.period[0])
    label = programme_label(results.dataset, programme_id, LANG)
    return nfc(
        f"{label} {_cite(results, p.source)}".strip() + ("" if period in label else f" ({period})")
    )


def _source_text(results: Results, sid: str) -> str:
    import datetime as dt

    from .words import fmt_date_vi

    s = results.dataset.sources[sid]
    bits = [s.publisher] if s.publisher else []
    if s.title:
        bits.append(f"“{s.title}”")
    if s.date:
        try:
            bits.append(fmt_date_vi(dt.date.fromisoformat(s.date)))
        except ValueError:
            bits.append(s.date)
    if s.url:
        bits.append(s.url)
    return nfc(", ".join(bits))


def _since_sentences(results: Results) -> list[str]:
    """Since last year in one sentence (every target in one class), revised figures after it."""
    from . import words
    from .text import indicator_name, value_phrase

    counts = results.since_counts()
    parts = [f"{n} mục tiêu {words.t(f'since.{k}', LANG)}" for k, n in counts.items() if n]
    if not parts:
        return []
    key = "since.from_inputs" if results.previous_from_inputs else "since.from_today"
    head = words.t(key, LANG, year=results.as_of - 1).rstrip(".")
    out = [f"{head}: {', '.join(parts)}."]
    for rv in results.revised:
        ind = results.dataset.indicators[rv.indicator]
        old = value_phrase(rv.old, ind.unit, LANG)
        new = value_phrase(rv.new, ind.unit, LANG)
        out.append(
            f"Số liệu được điều chỉnh: {indicator_name(ind, LANG)} năm {rv.year} từ {old} "
            f"thành {new}."
        )
    return [nfc(x) for x in out]


def _request_words(results: Results, req: DataRequest) -> str:
    """One data request: the figure, the years, who holds it, the targets it would settle."""
    from . import words
    from .explain import years_span
    from .text import indicator_name, programme_short

    ds = results.dataset
    name = indicator_name(ds.indicators[req.indicator], LANG)
    owner = req.owner_vi or words.t("owner.unknown", LANG)
    by_id = results.by_id
    settles = list(
        dict.fromkeys(
            f"{programme_short(ds, by_id[tid].target.programme, LANG)} ({by_id[tid].target.year})"
            for tid in req.targets
            if tid in by_id
        )
    )
    n = len(req.targets)
    return nfc(
        f"{name}, năm {years_span(req.years)}: {owner} — để đánh giá {n} mục tiêu "
        f"({'; '.join(settles)})."
    )


def docx_content(
    results: Results, charts: Sequence[tuple[bytes, str]] | None = None
) -> DocxContent:
    """The Word report's strings from the render's one results object (nothing recomputed).

    Table I holds the targets in force whose target year has not passed (`in_force_ahead`,
    nearest first, as on the page's first screen); the plans that ended follow in brief.
    """
    from . import words
    from .text import indicator_name, join_words, lower_first, programme_label, programme_short
    from .words.messages import key_messages

    ds = results.dataset
    region = nfc(ds.region_name(results.region, LANG))
    ahead = results.in_force_ahead
    progs = list(dict.fromkeys(a.target.programme for a in ahead))
    shorts = [programme_short(ds, pid, LANG) for pid in progs]
    if not shorts:
        subtitle = f"Kết quả thực hiện các mục tiêu phát triển công nghiệp hỗ trợ {region}"
    elif all("công nghiệp hỗ trợ" in x.lower() for x in shorts):  # the names say it already
        subtitle = f"Kết quả thực hiện {join_words(shorts, LANG)}"
    else:
        subtitle = (
            f"Kết quả thực hiện {join_words(shorts, LANG)} về phát triển công nghiệp hỗ trợ"
            f" {region}"
        )
    subtitle += f", năm {results.as_of}"
    content = DocxContent(
        superior_body=_region_field(results, "superior_body_vi", DEFAULT_SUPERIOR),
        issuing_body=_region_field(results, "issuing_body_vi", DEFAULT_ISSUING),
        issuing_abbr=_region_field(results, "issuing_body_abbr", DEFAULT_ABBR),
        place=_region_field(results, "place_vi", DEFAULT_PLACE),
        signer_title=_region_field(results, "signer_title_vi", DEFAULT_SIGNER),
        subtitle=nfc(subtitle),
        synthetic=any("SYNTHETIC" in (s.title or "").upper() for s in ds.sources.values()),
    )
    content.intro = nfc(
        f"{_sentence_case(content.issuing_body)} báo cáo kết quả "
        f"thực hiện {len(ahead)} mục tiêu phát triển công nghiệp hỗ trợ của các kế hoạch, "
        f"chương trình đang thực hiện, tính đến năm {results.as_of}, như sau:"
    )
    for a in table_order(results):
        t = a.target
        ind = ds.indicators[t.indicator]
        status = status_words(a)
        override = bool(a.override_reason or "manual_override" in a.flags)
        if override:
            status += OVERRIDE_MARK
        content.rows.append(
            DocxRow(
                indicator=nfc(indicator_name(ind, LANG)),
                target=target_words(results, a),
                latest=latest_words(results, a),
                status=nfc(status),
                needed=needed_words(results, a),
                target_id=t.id,
                group=group_words(results, t.programme),
            )
        )
        if t.inferred:
            note = _numbered(results, t.basis_note_vi or "").strip()
            why = note or "giá trị mục tiêu không có trong văn bản đã công bố, được suy ra."
            content.table_notes.append(
                nfc(
                    f"{INFERRED_MARK} {indicator_name(ind, LANG)} ({t.year}, "
                    f"{programme_short(ds, t.programme, LANG)}), giá trị suy ra: {why}"
                )
            )
        if override:
            from .status import label

            computed = label(a.computed_status, LANG) if a.computed_status else ""
            content.table_notes.append(
                nfc(
                    f"{OVERRIDE_MARK} {indicator_name(ind, LANG)} ({t.year}): điều chỉnh thủ "
                    f"công — {a.override_reason}"
                    + (f" (trạng thái tính được: {computed})." if computed else ".")
                )
            )
    for p in results.adopted_later:
        when = f", ban hành năm {p.adopted}" if p.adopted else ""
        content.adopted_later.append(
            nfc(
                f"{programme_label(ds, p.id, LANG)}{when} {_cite(results, p.source)}".strip()
                + ": chưa có hiệu lực trong năm đánh giá, chưa đánh giá."
            )
        )
    from .skill import skill_sentence

    content.skill = nfc(skill_sentence(LANG))
    content.charts = list(charts) if charts is not None else results_charts(results)
    content.grid = status_grid(results)
    content.messages = key_messages(results, LANG)
    content.messages += _since_sentences(results)
    unable = [a for a in results.ordered if a.status == "unable_to_assess"]
    if results.data_requests:
        content.missing_intro = nfc(
            f"{len(unable)} trong {len(results.assessments)} mục tiêu chưa đánh giá được do "
            "thiếu số liệu công bố. Đề nghị các cơ quan cung cấp các số liệu sau:"
        )
        content.data_requests = [_request_words(results, r) for r in results.data_requests]
    elif unable:
        content.missing_intro = nfc(
            f"{len(unable)} trong {len(results.assessments)} mục tiêu chưa đánh giá được."
        )
    else:
        content.missing_intro = "Mọi mục tiêu đang thực hiện đều đánh giá được."
    ended_ids = {p.id for p in results.plans_ended}
    for p in results.plans_ended:
        mine = [a for a in results.assessments if a.target.programme == p.id]
        counts: dict[str, int] = {}
        for a in mine:
            counts[a.status] = counts.get(a.status, 0) + 1
        period = f"{p.period[0]}–{p.period[1]}" if p.period[0] != p.period[1] else p.period[0]
        content.ended_plans.append(
            nfc(
                f"{programme_label(ds, p.id, LANG)} ({period}) {_cite(results, p.source)}: "
                f"{words.count_summary(counts, len(mine), LANG)}."
            )
        )
    for a in results.passed:  # a passed target of a programme still running
        if a.target.programme not in ended_ids:
            name = lower_first(indicator_name(ds.indicators[a.target.indicator], LANG))
            prog = programme_short(ds, a.target.programme, LANG)
            content.ended_plans.append(
                nfc(f"{prog}, mục tiêu năm {a.target.year} về {name}: {status_words(a)}.")
            )
    from .words import fmt_date_vi, hanoi_now

    content.drafted_on = fmt_date_vi(hanoi_now().date())
    content.sources = [
        (n, _source_text(results, sid))
        for sid, n in sorted(results.citations.items(), key=lambda kv: kv[1])
        if sid in ds.sources
    ]
    return content


def chart_indicator(results: Results) -> str | None:
    """The indicator whose chart the draft shows: the first with a verdict, else the first
    with targets (so the draft always has a chart when there is any)."""
    decided = next(
        (a.target.indicator for a in results.ordered if a.status != "unable_to_assess"), None
    )
    if decided is not None:
        return decided
    return next((a.target.indicator for a in results.ordered), None)


def chart_caption(results: Results, indicator: str) -> str:
    from .text import indicator_name

    name = indicator_name(results.dataset.indicators[indicator], LANG)
    return nfc(f"Hình 1. {name}: số liệu và mục tiêu")


def results_charts(results: Results) -> list[tuple[bytes, str]]:
    """The chart of the first indicator with a verdict (`chart_indicator`), Vietnamese.

    Drawn from `results` with the page's own chart code (`drawing.build_chart`); a PNG the page
    already drew and left in `results.pngs[(key, "vi")]` is reused instead.
    """
    from . import drawing, plots

    indicator = chart_indicator(results)
    if indicator is None:
        return []
    key: drawing.ChartKey = ("indicator", indicator)
    png = results.pngs.get((key, LANG))
    if png is None:
        png = plots.figure_png(drawing.results_chart(results, key).label(LANG))
    return [(png, chart_caption(results, indicator))]


def status_grid(results: Results, years: int = HISTORY_YEARS) -> DocxGrid:
    """Each target's status over the last `years` as-of years, as the page's grid shows it
    (`history.grid_rows`), in Vietnamese words with the statuses' colours."""
    from . import status as vocabulary
    from . import words
    from .history import grid_lines

    span = list(range(results.as_of - years + 1, results.as_of + 1))
    history = results.status_history(span)
    lines, cols = grid_lines(results.dataset, results.region, span, history, LANG)

    def cell(a: Assessment | None, framed: bool) -> DocxGridCell | None:
        if a is None:
            return None
        word = vocabulary.label(a.status, LANG, exceeded=vocabulary.exceeded(a))
        return DocxGridCell(
            text=nfc(f"{vocabulary.symbol(a.status)} {word}"),
            fill=vocabulary.colour(a.status).lstrip("#").upper(),
            framed=framed,
        )

    rows: list[tuple[str, list[DocxGridCell | None] | None]] = [
        (g.heading, None)
        if g.heading is not None
        else (g.name, [cell(a, f) for _, a, f in g.cells])
        for g in lines
    ]
    return DocxGrid(
        caption=nfc(f"Trạng thái từng mục tiêu qua các năm đánh giá ({cols[0]}–{cols[-1]})"),
        years=cols,
        rows=rows,
        note=nfc(words.t("grid.note", LANG)),
        head=nfc(words.t("grid.target", LANG)),
    )


def save_docx(
    results: Results,
    output_dir: str | Path,
    stem: str,
    charts: Sequence[tuple[bytes, str]] | None = None,
) -> Path | None:
    """Write the Vietnamese Word draft `<stem>.vi.docx` in `output_dir` ('' = nothing written).

    `charts` are (PNG, caption) pairs already drawn for the page; None draws them here.
    """
    if not output_dir:
        return None
    path = Path(output_dir) / f"{stem}.vi.docx"
    write_docx(docx_content(results, charts), path)
    return path


# --- the notebook's old `Report` (until the page reads `Results`) ---------------------------


def report_results(rep: Report) -> Results:
    """The page's own results object (`Report.results_object`), else one from its inputs."""
    from .results import Results

    own = getattr(rep, "results_object", None)
    if isinstance(own, Results):
        return own

    return Results.build(rep.ds, rep.region, rep.as_of)


def save_report_docx(
    rep: Report,
    output_dir: str | Path,
    stem: str,
    charts: Sequence[tuple[bytes, str]] | None = None,
) -> Path | None:
    """`Report.save_docx`: a thin delegate to `save_docx` on the Report's results."""
    if not output_dir:
        return None
    return save_docx(report_results(rep), output_dir, stem, charts)


def report_charts(rep: Report) -> list[tuple[bytes, str]]:
    """The same chart as `results_charts`, reusing the PNG the page already drew."""
    results = report_results(rep)
    indicator = chart_indicator(results)
    if indicator is None:
        return []
    key: tuple[str, str] = ("indicator", indicator)
    png = rep._pngs.get((key, LANG))
    if png is None:
        png = rep.chart_png(key, LANG, [])
    return [(png, chart_caption(results, indicator))]
