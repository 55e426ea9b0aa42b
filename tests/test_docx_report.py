"""The Word draft of the Department's periodic report (Decree 30/2020/NĐ-CP layout).

Read back with python-docx: the administrative blocks, the table against assessment.csv (status
in words, values formatted as in the HTML), fonts, page size and margins, diacritics. The end to
end test renders the real notebook and, where LibreOffice is installed (always in CI), converts
the draft to PDF and reads its text.
"""

from __future__ import annotations

import csv
import io
import os
import unicodedata
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")
from docx.enum.text import WD_COLOR_INDEX  # noqa: E402
from docx.shared import Mm  # noqa: E402

from cnht_analysis import docx_report as dr  # noqa: E402
from cnht_analysis.assess import assess_all, to_csv  # noqa: E402
from cnht_analysis.docx_pdf import find_soffice  # noqa: E402
from cnht_analysis.report import Report  # noqa: E402
from cnht_analysis.text import status_label, target_phrase  # noqa: E402


def _all_text(doc: docx.document.Document) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)


def _runs(doc: docx.document.Document) -> list:
    runs = [r for p in doc.paragraphs for r in p.runs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                runs.extend(r for p in cell.paragraphs for r in p.runs)
    return runs


def _result_table(doc: docx.document.Document):
    return next(t for t in doc.tables if t.rows[0].cells[0].text == dr.TABLE_HEADS[0])


@pytest.fixture(scope="module")
def rep() -> Report:
    return Report.build("", "hanoi", 2024, "vi", draw_ahead=False)


@pytest.fixture(scope="module")
def written(rep: Report, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "annual_assessment.vi.docx"
    dr.write_docx(dr.docx_content(rep), path)
    return path


def test_layout_page_fonts_and_blocks(written: Path) -> None:
    doc = docx.Document(str(written))
    sec = doc.sections[0]
    assert abs(sec.page_width - Mm(210)) < Mm(0.5) and abs(sec.page_height - Mm(297)) < Mm(0.5)
    for side, mm in dr.MARGINS_MM.items():
        assert abs(getattr(sec, f"{side}_margin") - Mm(mm)) < Mm(0.5), side
    runs = _runs(doc)
    assert runs and all(r.font.name == "Times New Roman" for r in runs)
    assert all(11 <= r.font.size.pt <= 14 for r in runs if r.text.strip() and r.font.size)
    text = _all_text(doc)
    for block in (
        "UBND THÀNH PHỐ HÀ NỘI",
        "SỞ CÔNG THƯƠNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: …/BC-SCT",
        "Hà Nội, ngày … tháng … năm …",
        "BÁO CÁO",
        "I. KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU",
        "II. ĐÁNH GIÁ CHUNG",
        "III. CÁC MỤC TIÊU CHƯA CÓ SỐ LIỆU",
        "IV. KIẾN NGHỊ",
        dr.RECOMMENDATION_PLACEHOLDER,
        "Nơi nhận:",
        "GIÁM ĐỐC",
        dr.SIGNATURE_PLACEHOLDER,
        "Nguồn số liệu",
        "Các kế hoạch, chương trình đã kết thúc",
    ):
        assert block in text, block
    assert text == unicodedata.normalize("NFC", text)
    # the motto and the national title are bold; the date line is italic
    by_text = {r.text: r for r in runs}
    assert by_text["Độc lập - Tự do - Hạnh phúc"].font.bold
    assert by_text["SỞ CÔNG THƯƠNG"].font.bold
    assert by_text["Hà Nội, ngày … tháng … năm …"].font.italic
    assert by_text["Nơi nhận:"].font.bold and by_text["Nơi nhận:"].font.italic
    placeholder = by_text[dr.RECOMMENDATION_PLACEHOLDER]
    assert placeholder.font.highlight_color == WD_COLOR_INDEX.YELLOW
    # the header table has no borders; no field codes anywhere
    xml = doc.element.xml
    assert "w:fldChar" not in xml and "w:instrText" not in xml and "w:fldSimple" not in xml


def test_table_rows_agree_with_assessment_csv(rep: Report, written: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(assess_all(rep.ds, "hanoi", 2024)))))
    in_force = [r for r in rows if rep.ds.programmes[r["programme"]].period[1] >= 2024]
    table = _result_table(docx.Document(str(written)))
    body = table.rows[1:]
    assert len(body) == len(in_force) > 0
    by_id = {a.target.id: a for a in rep.results}
    for row, expected in zip(body, in_force, strict=True):
        cells = [c.text for c in row.cells]
        a = by_id[expected["target_id"]]
        ind = rep.ds.indicators[a.target.indicator]
        assert cells[4].rstrip("*") == dr.status_words(a)
        assert a.status == expected["status"]
        assert cells[2].startswith(target_phrase(a.target, ind.unit, "vi"))
        if expected["latest_year"]:
            assert f"({expected['latest_year']})" in cells[3]
        else:
            assert cells[3] == "Chưa có số liệu"
    # numbers in the Vietnamese style, as in the HTML
    joined = " ".join(c.text for r in body for c in r.cells)
    assert "1.000" in joined and "40,0 %" in joined


def test_region_columns_override_the_defaults(rep: Report) -> None:
    content = dr.docx_content(rep)
    assert content.issuing_abbr == "SCT" and content.signer_title == "GIÁM ĐỐC"
    custom = dr.DocxContent(
        superior_body="UBND tỉnh Bắc Ninh",
        issuing_body="Sở Công Thương",
        issuing_abbr="SCT-BN",
        place="Bắc Ninh",
        signer_title="Phó Giám đốc",
    )
    doc = docx.Document(io.BytesIO(dr.write_docx(custom)))
    text = _all_text(doc)
    assert "UBND TỈNH BẮC NINH" in text and "Số: …/BC-SCT-BN" in text
    assert "Bắc Ninh, ngày … tháng … năm …" in text and "PHÓ GIÁM ĐỐC" in text
    assert "Không có mục tiêu nào" in text


def test_formula_like_text_stays_text() -> None:
    content = dr.DocxContent(
        rows=[dr.DocxRow("=SUM(A1)", "+1", "-2", "@x", "–")], messages=["=HYPERLINK(1)"]
    )
    doc = docx.Document(io.BytesIO(dr.write_docx(content)))
    cells = [c.text for c in _result_table(doc).rows[1].cells]
    assert cells[1:5] == ["=SUM(A1)", "+1", "-2", "@x"]
    assert "w:fldSimple" not in doc.element.xml


def test_pdf_without_libreoffice_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from cnht_analysis import cli, docx_pdf, render

    monkeypatch.setattr(docx_pdf, "find_soffice", lambda: None)

    def no_kernel(*args: object, **kwargs: object) -> None:
        raise AssertionError("a kernel started")

    monkeypatch.setattr(render, "_execute", no_kernel)
    rc = cli.main(["render", "--pdf", "--out", str(tmp_path)])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2
    assert len(err) == 1 and "LibreOffice" in err[0] and "--pdf" in err[0]
    assert not any(tmp_path.iterdir())


@pytest.mark.e2e
def test_render_writes_the_draft_and_its_pdf(tmp_path: Path) -> None:
    from cnht_analysis.render import render_report

    have_lo = find_soffice() is not None
    if not have_lo and not os.environ.get("CI"):
        pytest.skip("LibreOffice not installed (CI installs it)")
    result = render_report(langs=("vi",), out_root=tmp_path, as_of=2024, pdf=True)
    folder = result.report_dir
    draft = folder / "annual_assessment.vi.docx"
    pdf = folder / "annual_assessment.vi.pdf"
    assert draft.is_file() and pdf.is_file()
    assert "annual_assessment.vi.docx" in {o["file"] for o in result.manifest["outputs"]}
    doc = docx.Document(str(draft))
    assert len(doc.inline_shapes) >= 1  # the report's charts as images
    rows = list(csv.DictReader((folder / "assessment.csv").open(encoding="utf-8")))
    statuses = [c.text.rstrip("*") for c in _result_table(doc).columns[4].cells[1:]]
    known = {status_label(r["status"], "vi") for r in rows} | {"Vượt"}  # exceeded = achieved
    assert statuses and set(statuses) <= known

    from pypdf import PdfReader

    text = unicodedata.normalize(
        "NFC", "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    )
    flat = " ".join(text.split())
    for word in ("BÁO CÁO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "KIẾN NGHỊ", *set(statuses)):
        assert " ".join(word.split()) in flat, word
    assert "1.000" in flat and "40,0 %" in flat
