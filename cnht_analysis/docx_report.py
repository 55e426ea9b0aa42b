"""The Department's periodic report to the City as a Word draft (Decree 30/2020/NĐ-CP layout).

Two steps, so the layout can be tested without an assessment and the content without Word:

* `docx_content(rep)` turns the one results object of a render (the `Report` the notebook
  builds) into a `DocxContent` of already-formatted Vietnamese strings: the same words, number
  formats and citation numbers as the HTML, nothing recomputed;
* `write_docx(content, path)` lays those strings out as the decree's administrative report:
  A4 portrait, margins 20/20/30/15 mm, Times New Roman, the two-column header without borders,
  "BÁO CÁO" and its subtitle, sections I–IV, "Nơi nhận" and the signature block with blanks.

Everything is written as plain text runs (no fields, no formulas), NFC-normalised.
"""

from __future__ import annotations

import io
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .report import Report

FONT = "Times New Roman"
BODY_PT = 13
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
RECOMMENDATION_PLACEHOLDER = "[Sở Công Thương ghi kiến nghị tại đây]"
SIGNATURE_PLACEHOLDER = "(Ký, ghi rõ họ tên, đóng dấu)"
TABLE_HEADS = ("TT", "Chỉ tiêu", "Mục tiêu", "Thực hiện", "Đánh giá", "Cần đạt từ nay")

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
    charts: list[tuple[bytes, str]] = field(default_factory=list)  # (PNG, caption)
    messages: list[str] = field(default_factory=list)  # II. key messages
    missing_intro: str = ""
    data_requests: list[str] = field(default_factory=list)  # III. figure — owner
    ended_plans: list[str] = field(default_factory=list)
    sources: list[tuple[int, str]] = field(default_factory=list)
    recipients: list[str] = field(
        default_factory=lambda: ["- UBND Thành phố (để báo cáo);", "- Lưu: VT."]
    )
    synthetic: bool = False


# --- layout ---------------------------------------------------------------------------------


def _docx() -> Any:
    import docx  # python-docx, imported only when a draft is written

    return docx


def _run(
    paragraph: Any, text: str, *, size: float = BODY_PT, bold: bool = False, italic: bool = False
) -> Any:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run = paragraph.add_run(nfc(text))
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
        for i, r in enumerate(content.rows, 1):
            cells = table.add_row().cells
            values = (str(i), r.indicator, r.target, r.latest, r.status, r.needed)
            for j, (cell, text) in enumerate(zip(cells, values, strict=True)):
                _cell_para(cell, text, size=12, align="center" if j in (0, 4) else "left")
        _widths(table, (11, 36, 44, 28, 24, 22))
    else:
        _para(doc, "Không có mục tiêu nào đang có hiệu lực trong năm đánh giá.", indent_first=True)
    for note in content.table_notes:
        _para(doc, note, size=12, italic=True, before=3, after=3)
    for png, caption in content.charts:
        pic = _para(doc, "", align="center", before=6, after=0)
        pic.add_run().add_picture(io.BytesIO(png), width=Mm(160))
        _para(doc, caption, size=12, italic=True, align="center")

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
    try:
        from .fileio import atomic_write  # the project's one atomic writer, once it exists
    except ImportError:
        import os
        import tempfile

        from .outdir import write_file

        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        os.close(fd)
        try:
            write_file(Path(tmp), data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return
    atomic_write(path, data)


# --- content from the results object --------------------------------------------------------


def status_words(a: Any) -> str:
    """A status in Vietnamese words, from the one vocabulary the HTML uses."""
    try:  # the shared status vocabulary ("Đạt"/"Vượt"/…), once it is on main
        from .status import exceeded, label
    except ImportError:
        from .text import status_label

        return status_label(a.status, "vi")
    return label(a.status, "vi", exceeded=exceeded(a))


def _numbered(rep: Report, text: str) -> str:
    """A note's `[h5, h6]` citations as the report's numbers `[3, 4]`."""
    try:
        from .citations import number_citations
    except ImportError:
        return text
    return number_citations(text, rep.refs)


def _skill_sentence() -> str:
    """How often such verdicts were right on past plans (helper `skill`); '' when unknown."""
    try:
        from .skill import skill_sentence
    except ImportError:
        return ""
    try:
        return skill_sentence("vi") or ""
    except Exception:  # noqa: BLE001 - an optional sentence never fails the draft
        return ""


def _region_field(rep: Report, name: str, default: str) -> str:
    region = rep.ds.regions.get(rep.region)
    value = getattr(region, name, "") if region is not None else ""
    return nfc(value) if value else default


def _latest(rep: Report, a: Any) -> str:
    from .text import value_phrase

    o = next((o for o in a.observations if o.year == a.latest_year), None)
    if o is None:
        return "Chưa có số liệu"
    return f"{value_phrase(o, rep.ds.indicators[a.target.indicator].unit, 'vi')} ({o.year})"


def _needed(rep: Report, a: Any) -> str:
    """What it takes from now, when the results object carries it; '–' otherwise."""
    from .text import fmt_rate_pct

    pct = getattr(a, "cagr_needed_pct", None)
    if pct is None and getattr(a, "cagr_needed", None) is not None:
        pct = a.cagr_needed * 100
    if pct is None:
        return "–"
    text = f"{fmt_rate_pct(pct, 'vi', sign=False)}/năm"
    return f"tối đa {text}" if getattr(a, "needed_is_upper_bound", False) else text


def _source_text(rep: Report, sid: str) -> str:
    from .text import fmt_iso_date

    s = rep.ds.sources[sid]
    bits = [s.publisher] if s.publisher else []
    if s.title:
        bits.append(f"“{s.title}”")
    if s.date:
        bits.append(fmt_iso_date(s.date, "vi"))
    if s.url:
        bits.append(s.url)
    return nfc(", ".join(bits))


def docx_content(rep: Report, charts: Sequence[tuple[bytes, str]] | None = None) -> DocxContent:
    """The Word report's strings from the render's results object (nothing recomputed)."""
    from .explain import missing_figures
    from .report import key_messages, merge_figures
    from .text import (
        indicator_name,
        join_words,
        lower_first,
        programme_label,
        programme_short,
        status_label,
        target_phrase,
    )

    lang = "vi"
    region = rep.region_name(lang)
    progs = list(dict.fromkeys(a.target.programme for a in rep.results))
    current = [pid for pid in progs if rep.ds.programmes[pid].period[1] >= rep.as_of]
    ended = [pid for pid in progs if pid not in current]
    in_table = [a for a in rep.results if a.target.programme in current]
    shorts = [programme_short(rep.ds, pid, lang) for pid in current]
    subtitle = (
        f"Kết quả thực hiện {join_words(shorts, lang)} về phát triển công nghiệp hỗ trợ"
        f" {region}, năm {rep.as_of}"
    )
    content = DocxContent(
        superior_body=_region_field(rep, "superior_body_vi", DEFAULT_SUPERIOR),
        issuing_body=_region_field(rep, "issuing_body_vi", DEFAULT_ISSUING),
        issuing_abbr=_region_field(rep, "issuing_body_abbr", DEFAULT_ABBR),
        place=_region_field(rep, "place_vi", DEFAULT_PLACE),
        signer_title=_region_field(rep, "signer_title_vi", DEFAULT_SIGNER),
        subtitle=nfc(subtitle),
        synthetic=any("SYNTHETIC" in s.title.upper() for s in rep.ds.sources.values()),
    )
    content.intro = nfc(
        f"Sở Công Thương báo cáo UBND Thành phố kết quả thực hiện {len(in_table)} mục tiêu "
        f"phát triển công nghiệp hỗ trợ của các kế hoạch, chương trình đang thực hiện, tính "
        f"đến năm {rep.as_of}, như sau:"
    )
    for a in in_table:
        t = a.target
        ind = rep.ds.indicators[t.indicator]
        status = status_words(a)
        override = bool(a.override_reason or "manual_override" in a.flags)
        if override:
            status += "*"
        inferred = bool(getattr(t, "inferred", False))
        content.rows.append(
            DocxRow(
                indicator=nfc(indicator_name(ind, lang)),
                target=nfc(
                    f"{target_phrase(t, ind.unit, lang)} {rep.cite(t.source)}".strip()
                    + f" ({programme_short(rep.ds, t.programme, lang)})"
                    + (" †" if inferred else "")
                ),
                latest=nfc(_latest(rep, a)),
                status=nfc(status),
                needed=nfc(_needed(rep, a)),
                target_id=t.id,
            )
        )
        if inferred:
            note = _numbered(rep, getattr(t, "basis_note_vi", "") or "")
            content.table_notes.append(
                nfc(
                    f"† {indicator_name(ind, lang)} ({t.year}): giá trị mục tiêu không có trong "
                    f"văn bản đã công bố của kế hoạch, được suy ra{': ' + note if note else ''}."
                )
            )
        if override:
            computed = status_label(a.computed_status, lang)
            content.table_notes.append(
                nfc(
                    f"* {indicator_name(ind, lang)} ({t.year}): điều chỉnh thủ công — "
                    f"{a.override_reason} (trạng thái tính được: {computed})."
                )
            )
    content.charts = list(charts or [])
    content.messages = [nfc(m) for m in key_messages(rep, lang)]
    skill = _skill_sentence()
    if skill:
        content.messages.append(nfc(skill))
    unable = [a for a in in_table if a.computed_status == "unable_to_assess"]
    if unable:
        content.missing_intro = nfc(
            f"{len(unable)} trong {len(in_table)} mục tiêu chưa đánh giá được do thiếu số "
            "liệu công bố. Đề nghị các cơ quan cung cấp các số liệu sau:"
        )
        for indicator in dict.fromkeys(a.target.indicator for a in unable):
            ind = rep.ds.indicators[indicator]
            wanted = merge_figures(
                [
                    n
                    for a in unable
                    if a.target.indicator == indicator
                    for n in missing_figures(rep.ds, a, lang)
                ],
                lower_first(indicator_name(ind, lang)),
            )
            owner = getattr(ind, "owner_vi", "")
            who = f"đề nghị {owner} cung cấp" if owner else "chưa rõ đơn vị cung cấp"
            content.data_requests.append(
                nfc(f"{indicator_name(ind, lang)}: {'; '.join(wanted)} — {who}.")
            )
    else:
        content.missing_intro = "Mọi mục tiêu đang thực hiện đều đánh giá được."
    for pid in ended:
        p = rep.ds.programmes[pid]
        mine = [a for a in rep.results if a.target.programme == pid]
        counts = Counter(status_label(a.status, lang).lower() for a in mine)
        summary = ", ".join(f"{n} {word}" for word, n in counts.items())
        period = f"{p.period[0]}–{p.period[1]}" if p.period[0] != p.period[1] else p.period[0]
        content.ended_plans.append(
            nfc(
                f"{programme_label(rep.ds, pid, lang)} ({period}) {rep.cite(p.source)}: "
                f"{len(mine)} mục tiêu — {summary}."
            )
        )
    content.sources = [
        (n, _source_text(rep, sid)) for sid, n in sorted(rep.refs.items(), key=lambda kv: kv[1])
    ]
    return content


def save_report_docx(
    rep: Report,
    output_dir: str | Path,
    stem: str,
    charts: Sequence[tuple[bytes, str]] | None = None,
) -> Path | None:
    """Write `<stem>.vi.docx` in `output_dir` ('' = not in a render: write nothing)."""
    if not output_dir:
        return None
    path = Path(output_dir) / f"{stem}.vi.docx"
    write_docx(docx_content(rep, charts), path)
    return path


def report_charts(rep: Report) -> list[tuple[bytes, str]]:
    """One or two of the report's own charts (Vietnamese), as already drawn for the HTML.

    The status-by-year chart, and the chart of the first indicator with a decided or
    progressing target; a chart not yet drawn is drawn here.
    """
    keys = rep.chart_keys()
    picked = [
        (keys[0], "Hình 1. Trạng thái từng mục tiêu qua các năm đánh giá"),
    ]
    decided = next(
        (a.target.indicator for a in rep.results if a.status != "unable_to_assess"), None
    )
    if decided is not None:
        from .text import indicator_name

        name = indicator_name(rep.ds.indicators[decided], "vi")
        picked.append((("indicator", decided), f"Hình 2. {name}: số liệu và mục tiêu"))
    out = []
    for key, caption in picked:
        png = rep._pngs.get((key, "vi"))
        if png is None:
            png = rep.chart_png(key, "vi", [])
        out.append((png, nfc(caption)))
    return out
