"""The Word draft of the Department's periodic report (Decree 30/2020/NĐ-CP layout).

Built from the one results object (`Results`) the HTML and `cnht explain` read, and read back
with python-docx: the administrative blocks, every table row against `assessment.csv` written
from the same Results (status in words, values formatted as in the HTML), the key messages,
the data requests with their owners, Results' citation numbers, fonts, page size and margins,
diacritics. The end to end test renders the real notebook and, where LibreOffice is installed
(always in CI), converts the draft to PDF and reads its text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")
from docx.enum.text import WD_COLOR_INDEX  # noqa: E402
from docx.shared import Mm  # noqa: E402
from helpers import PROGRAMMES, dataset, series, target  # noqa: E402

from cnht_analysis import docx_report as dr  # noqa: E402
from cnht_analysis.assess import assess_all, to_csv  # noqa: E402
from cnht_analysis.docx_pdf import find_soffice  # noqa: E402
from cnht_analysis.explain import explain_text  # noqa: E402
from cnht_analysis.load import load_dataset  # noqa: E402
from cnht_analysis.results import Results  # noqa: E402
from cnht_analysis.status import exceeded, label  # noqa: E402
from cnht_analysis.text import (  # noqa: E402
    fmt_rate_pct,
    fmt_value,
    indicator_name,
    programme_label,
    qualifier_word,
    status_label,
    target_phrase,
)
from cnht_analysis.words import fmt_date_vi, hanoi_now  # noqa: E402
from cnht_analysis.words.messages import key_messages  # noqa: E402


def _text(x) -> str:
    """A paragraph's or cell's text; the no-break space that keeps "16,5 %" whole read as one."""
    return x.text.replace(dr.NBSP, " ")


def _all_text(doc: docx.document.Document) -> str:
    parts = [_text(p) for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(_text(p) for p in cell.paragraphs)
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


def _target_rows(table) -> list:
    """Table I's target rows (a programme's row spans the whole table: one cell)."""
    return [r for r in table.rows[1:] if len({id(c._tc) for c in r.cells}) > 1]


def _group_rows(table) -> list[str]:
    return [_text(r.cells[0]) for r in table.rows[1:] if len({id(c._tc) for c in r.cells}) == 1]


def _section(doc: docx.document.Document, start: str, end: str) -> list[str]:
    """The body paragraphs between the heading starting `start` and the one starting `end`."""
    texts = [_text(p) for p in doc.paragraphs]
    i = next(n for n, t in enumerate(texts) if t.startswith(start))
    j = next(n for n, t in enumerate(texts) if t.startswith(end) and n > i)
    return texts[i + 1 : j]


@pytest.fixture(scope="module")
def results() -> Results:
    return Results.build(load_dataset(None), "hanoi", 2024)


@pytest.fixture(scope="module")
def written(results: Results, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = dr.save_docx(results, tmp_path_factory.mktemp("docx"), "annual_assessment")
    assert path is not None and path.name == "annual_assessment.vi.docx"
    return path


@pytest.fixture(scope="module")
def doc(written: Path) -> docx.document.Document:
    return docx.Document(str(written))


def test_layout_page_fonts_and_blocks(doc: docx.document.Document) -> None:
    sec = doc.sections[0]
    assert abs(sec.page_width - Mm(210)) < Mm(0.5) and abs(sec.page_height - Mm(297)) < Mm(0.5)
    for side, mm in dr.MARGINS_MM.items():
        assert abs(getattr(sec, f"{side}_margin") - Mm(mm)) < Mm(0.5), side
    runs = _runs(doc)
    assert runs and all(r.font.name == "Times New Roman" for r in runs)
    assert all(11 <= r.font.size.pt <= 14 for r in runs if r.text.strip() and r.font.size)
    body = [r for p in doc.paragraphs for r in p.runs if r.text.startswith("- ")]
    assert body and all(r.font.size.pt == dr.BODY_PT for r in body)  # body text 13 pt
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
        "Các chương trình ban hành sau năm đánh giá",
    ):
        assert block in text, block
    # diacritics intact, one code point per letter
    assert text == unicodedata.normalize("NFC", text)
    for word in ("Chưa đủ số liệu", "Số doanh nghiệp công nghiệp hỗ trợ", "thành phố Hà Nội"):
        assert word in text, word
    # the motto and the national title are bold; the date line is italic
    by_text = {r.text: r for r in runs}
    assert by_text["Độc lập - Tự do - Hạnh phúc"].font.bold
    assert by_text["SỞ CÔNG THƯƠNG"].font.bold
    assert by_text["Hà Nội, ngày … tháng … năm …"].font.italic
    assert by_text["Nơi nhận:"].font.bold and by_text["Nơi nhận:"].font.italic
    placeholder = by_text[dr.RECOMMENDATION_PLACEHOLDER]
    assert placeholder.font.highlight_color == WD_COLOR_INDEX.YELLOW
    assert len(doc.inline_shapes) == 1  # one indicator's chart (the status history is a table)
    # the page header marks the draft with its date in Hanoi time, Vietnamese form
    (mark,) = [p.text for p in sec.header.paragraphs if p.text]
    today = hanoi_now().date()
    days = {fmt_date_vi(today), fmt_date_vi(today - dt.timedelta(days=1))}  # around midnight
    assert mark.removeprefix(f"{dr.DRAFT_MARK} lập ") in days
    assert re.fullmatch(r"Dự thảo lập ngày \d{1,2} tháng \d{1,2} năm 20\d\d", mark)
    assert all(r.font.name == "Times New Roman" for p in sec.header.paragraphs for r in p.runs)
    xml = doc.element.xml
    assert "w:fldChar" not in xml and "w:instrText" not in xml and "w:fldSimple" not in xml


def test_no_codes_ids_or_source_ids_in_the_draft(
    results: Results, doc: docx.document.Document
) -> None:
    text = re.sub(r"https?://\S+", "", _all_text(doc))  # addresses may hold anything
    assert not re.search(r"\b[a-z]+_[a-z_0-9]+\b", text), re.findall(r"\b[a-z]+_[a-z_0-9]+\b", text)
    for sid in results.dataset.sources:
        assert f"[{sid}]" not in text and f"[{sid}," not in text and f"({sid})" not in text


def test_table_rows_agree_with_assessment_csv(
    results: Results, doc: docx.document.Document
) -> None:
    ds = results.dataset
    text = to_csv(results.assessments)
    assert text == to_csv(assess_all(ds, "hanoi", 2024))  # what `cnht render` writes
    rows = {r["target_id"]: r for r in csv.DictReader(io.StringIO(text))}
    ahead = [a for a in results.assessments if a.target.year >= 2024]
    table = _result_table(doc)
    body = _target_rows(table)
    assert len(body) == len(ahead) == 8
    # nearest target year first, grouped under their programme in the order they first come
    order = [a.target.programme for a in results.in_force_ahead]
    expected_order = sorted(results.in_force_ahead, key=lambda a: order.index(a.target.programme))
    programmes = list(dict.fromkeys(order))
    groups = _group_rows(table)
    assert len(groups) == len(programmes) == 3
    for text, pid in zip(groups, programmes, strict=True):
        p = ds.programmes[pid]
        assert text.startswith(programme_label(ds, pid, "vi"))
        assert f"[{results.citations[p.source]}]" in text
    years = []
    for n, (row, a) in enumerate(zip(body, expected_order, strict=True), 1):
        cells = [_text(c) for c in row.cells]
        expected = rows[a.target.id]
        t, ind = a.target, ds.indicators[a.target.indicator]
        years.append(int(expected["target_year"]))
        assert cells[0] == str(n)
        assert cells[1] == indicator_name(ind, "vi")
        # target: the page's phrase, the value as in the HTML, Results' source number
        assert cells[2].startswith(target_phrase(t, ind.unit, "vi"))
        assert fmt_value(float(expected["target_value"]), ind.unit, "vi", exact=True) in cells[2]
        assert f"[{results.citations[t.source]}]" in cells[2]
        assert ("giá trị suy ra" in cells[2]) == t.inferred
        # latest figure with its qualifier and year
        if expected["latest_year"]:
            o = next(o for o in a.observations if o.year == int(expected["latest_year"]))
            value = fmt_value(float(expected["latest_value"]), ind.unit, "vi")
            word = qualifier_word(o.qualifier, "vi")
            assert f"{word + ' ' if word else ''}{value}" in cells[3]
            assert cells[3].endswith(f"năm {expected['latest_year']}")
        else:
            assert cells[3] == "Chưa có số liệu"
        # status in the spec's words, from the CSV's code
        words = {label(expected["status"], "vi")}
        if expected["status"] == "achieved":
            words.add(label("achieved", "vi", exceeded=True))
        assert cells[4].rstrip("*") in words
        assert cells[4].rstrip("*") == label(a.status, "vi", exceeded=exceeded(a))
        # what it takes from now, "at most" exactly when the CSV says so
        if expected["cagr_needed_pct"]:
            assert fmt_rate_pct(float(expected["cagr_needed_pct"]), "vi", sign=True) in cells[5]
            assert ("nhiều nhất" in cells[5]) == (expected["needed_is_upper_bound"] == "true")
        else:
            assert cells[5] == "–"
    assert years == [2024, 2024, 2025, 2025, 2025, 2025, 2025, 2025]
    # hand-worked: more than 900 firms in 2024 → 1,000 in 2025 needs at most +11,1 %/year
    joined = " ".join(_text(c) for r in body for c in r.cells)
    assert "1.000" in joined and "40,0 %" in joined and "hơn 900, năm 2024" in joined
    assert "nhiều nhất +11,1 %/năm" in joined and "+12,5 %/năm" in joined
    assert "Vượt" in joined  # 35,6 % against at least 35 % in 2024
    notes = [_text(p) for p in doc.paragraphs if p.text.startswith(dr.INFERRED_MARK)]
    assert len(notes) == sum(a.target.inferred for a in ahead) == 3
    assert all("suy ra" in n for n in notes)


def test_key_messages_are_the_pages(results: Results, doc: docx.document.Document) -> None:
    section = _section(doc, "II. ĐÁNH GIÁ CHUNG", "III.")
    messages = key_messages(results, "vi")
    assert len(messages) >= 3
    assert [f"- {m}" for m in messages] == section[: len(messages)]
    assert messages[0].startswith("Tính đến năm 2024, Hà Nội có 24 mục tiêu")
    # since last year: every target in one class, the counts add up
    since = section[len(messages)]
    counts = [int(n) for n in re.findall(r"(\d+) mục tiêu", since)]
    assert sum(counts) == len(results.assessments)


def test_data_requests_name_the_owner_of_each_figure(
    results: Results, doc: docx.document.Document
) -> None:
    section = _section(doc, "III. CÁC MỤC TIÊU", "IV. KIẾN NGHỊ")
    requests = [p for p in section if p.startswith("- ")]
    assert len(requests) == len(results.data_requests) >= 3
    for line, req in zip(requests, results.data_requests, strict=True):
        name = indicator_name(results.dataset.indicators[req.indicator], "vi")
        assert line.startswith(f"- {name}, năm ")
        assert req.owner_vi and req.owner_vi in line
        assert f"để đánh giá {len(req.targets)} mục tiêu" in line
    unable = sum(a.status == "unable_to_assess" for a in results.assessments)
    assert section[0].startswith(f"{unable} trong {len(results.assessments)} mục tiêu")


def test_sources_use_results_numbering_as_explain_does(
    results: Results, doc: docx.document.Document
) -> None:
    texts = [_text(p) for p in doc.paragraphs]
    start = texts.index("Nguồn số liệu")
    listed = [t for t in texts[start + 1 :] if re.match(r"\[\d+\] ", t)]
    by_number = {n: sid for sid, n in results.citations.items()}
    assert (
        [int(t[1 : t.index("]")]) for t in listed]
        == sorted(by_number)
        == list(range(1, len(by_number) + 1))
    )
    for t in listed:
        s = results.dataset.sources[by_number[int(t[1 : t.index("]")])]]
        assert s.title in t
    # `cnht explain` cites a source by the same number as the draft
    out = explain_text(results.dataset, "programme_2020_2025_enterprises", 2024, "vi")
    cited = re.findall(r"^\[(\d+)\] .*?, (.*) — ", out, flags=re.M)
    assert cited
    for n, title in cited:
        assert title in listed[int(n) - 1], (n, title)
    # plans that ended and programmes adopted later are named with their source number
    ended = _section(doc, "Các kế hoạch, chương trình đã kết thúc", "Các chương trình ban hành")
    for p in results.plans_ended:
        line = next(x for x in ended if programme_label(results.dataset, p.id, "vi") in x)
        assert f"[{results.citations[p.source]}]" in line and "chỉ tiêu" in line
    (later,) = results.adopted_later
    text = _all_text(doc)
    line = next(
        x for x in text.splitlines() if programme_label(results.dataset, later.id, "vi") in x
    )
    assert f"[{results.citations[later.source]}]" in line
    assert not any(status_label(c, "vi") in line for c in ("achieved", "unable_to_assess"))


def _seeded() -> tuple:
    """Last year's inputs and this year's (made-up values): one revised figure (850 → 870)."""
    progs = dict(PROGRAMMES)
    progs["later"] = replace(
        PROGRAMMES["prog"], id="later", name_vi="CT mới", name_en="New", period=(2023, 2030)
    )
    targets = [
        target("firms_2022", "firms", 2022, "at_least", 860),
        target("firms_2025", "firms", 2025, "at_least", 1000),
        target("area_2025", "area", 2025, "at_least", 100),
        target("later_2030", "firms", 2030, "at_least", 1500, programme="later"),
    ]
    before = series("firms", {2020: 800, 2022: 850})
    now = series("firms", {2020: 800, 2022: 870, 2023: 905})
    prev_ds = dataset(before, targets[:-1], programmes={k: progs[k] for k in PROGRAMMES})
    return dataset(now, targets, programmes=progs), prev_ds


def test_since_last_year_and_revised_figures_from_last_years_inputs() -> None:
    ds, prev_ds = _seeded()
    r = Results.build(ds, "hanoi", 2023, previous_ds=prev_ds)
    content = dr.docx_content(r, charts=[])
    since = next(m for m in content.messages if m.startswith("So với báo cáo năm 2022"))
    # firms_2022: missed on last year's 850, achieved on the revised 870 → improved
    assert "1 mục tiêu tiến bộ hơn" in since and "1 mục tiêu mới trong năm nay" in since
    assert sum(int(n) for n in re.findall(r"(\d+) mục tiêu", since)) == 4
    assert any("năm 2022 từ 850 thành 870" in m for m in content.messages)
    # a passed target of a programme still running is told in brief, not in table I
    assert [r.target_id for r in content.rows] == ["firms_2025", "area_2025", "later_2030"]
    assert [r.group.split(" (")[0] for r in content.rows] == ["CT", "CT", "CT mới"]
    assert content.ended_plans == ["CT, mục tiêu năm 2022 về doanh nghiệp: Vượt."]  # 870 > 860
    # the area target has no figure at all: requested, owner unknown said in words
    assert any(x.startswith("Diện tích") and "chưa rõ đơn vị" in x for x in content.data_requests)


def test_report_save_docx_delegates_to_results(
    results: Results, doc: docx.document.Document, tmp_path: Path
) -> None:
    from cnht_analysis.report import Report

    assert dr.save_docx(results, "", "annual_assessment") is None  # not in a render
    rep = Report.build("", "hanoi", 2024, "vi", draw_ahead=False)
    path = rep.save_docx(tmp_path, "annual_assessment")
    assert path == tmp_path / "annual_assessment.vi.docx"
    again = docx.Document(str(path))
    mine = [[c.text for c in r.cells] for r in _result_table(doc).rows]
    assert [[c.text for c in r.cells] for r in _result_table(again).rows] == mine
    assert len(mine) == 1 + 3 + 8  # heads, programmes, targets
    assert len(again.inline_shapes) == 1


def test_region_columns_override_the_defaults(results: Results) -> None:
    content = dr.docx_content(results, charts=[])
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
    ahead = sorted(
        (r for r in rows if int(r["target_year"]) >= int(r["as_of"])),
        key=lambda r: int(r["target_year"]),
    )
    order = [r["programme"] for r in ahead]
    ahead.sort(key=lambda r: order.index(r["programme"]))  # grouped under their programme
    body = _target_rows(_result_table(doc))
    statuses = [row.cells[4].text.rstrip("*") for row in body]
    assert len(statuses) == len(ahead) > 0
    for word, r in zip(statuses, ahead, strict=True):  # exceeded is told "Vượt"
        ok = {status_label(r["status"], "vi")} | ({"Vượt"} if r["status"] == "achieved" else set())
        assert word in ok, (word, r["target_id"])
    for row, r in zip(body, ahead, strict=True):
        if r["cagr_needed_pct"]:
            assert fmt_rate_pct(float(r["cagr_needed_pct"]), "vi", sign=True) in _text(row.cells[5])

    from pypdf import PdfReader

    text = unicodedata.normalize(
        "NFC", "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    )
    flat = " ".join(text.split())
    for word in ("BÁO CÁO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "KIẾN NGHỊ", *set(statuses)):
        assert " ".join(word.split()) in flat, word
    assert "1.000" in flat and "40,0 %" in flat and "11,1 %" in flat


def test_charts_the_page_drew_are_reused(results: Results, monkeypatch: pytest.MonkeyPatch) -> None:
    from cnht_analysis import drawing

    keys = [(("indicator", "cnht_intl_share"), "vi")]
    drawn = {k: f"png {i}".encode() for i, k in enumerate(keys)}
    monkeypatch.setattr(results, "pngs", drawn)

    def no_drawing(*args: object) -> None:
        raise AssertionError("a chart was drawn again")

    monkeypatch.setattr(drawing, "build_chart", no_drawing)
    name = "Tỷ lệ doanh nghiệp công nghiệp hỗ trợ đạt tiêu chuẩn quốc tế"
    assert dr.results_charts(results) == [(b"png 0", f"Hình 1. {name}: số liệu và mục tiêu")]


@pytest.mark.parametrize("as_of", [2012, 2018, 2030])
def test_any_as_of_year_gives_a_draft(as_of: int) -> None:
    """Before every context series starts, and after every target year, the draft is written."""
    r = Results.build(load_dataset(None), "hanoi", as_of)
    doc = docx.Document(io.BytesIO(dr.write_docx(dr.docx_content(r, charts=[]))))
    text = _all_text(doc)
    assert f"năm {as_of}" in text and "IV. KIẾN NGHỊ" in text
    assert len(_target_rows(_result_table(doc))) == len(r.in_force_ahead) > 0


def test_report_delegate_reads_the_pages_own_results(
    results: Results, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cnht_analysis.report import Report

    rep = Report.build("", "hanoi", 2024, "vi", draw_ahead=False)
    assert dr.report_results(rep) is rep.results_object  # the very object the page reads
    rep.res = results
    assert dr.report_results(rep) is results  # not a copy


def test_header_bodies_come_from_regions_csv_columns() -> None:
    ds = load_dataset(None)
    ds.regions["hanoi"] = replace(
        ds.regions["hanoi"],
        superior_body_vi="UBND tỉnh Thử Nghiệm",
        issuing_body_vi="Sở Công Thương tỉnh Thử Nghiệm",
        issuing_body_abbr="SCT-TN",
        place_vi="Thử Nghiệm",
        signer_title_vi="Phó Giám đốc",
    )
    content = dr.docx_content(Results.build(ds, "hanoi", 2024), charts=[])
    assert (content.superior_body, content.issuing_abbr, content.place) == (
        "UBND tỉnh Thử Nghiệm",
        "SCT-TN",
        "Thử Nghiệm",
    )
    text = _all_text(docx.Document(io.BytesIO(dr.write_docx(content))))
    assert "UBND TỈNH THỬ NGHIỆM" in text and "SỞ CÔNG THƯƠNG TỈNH THỬ NGHIỆM" in text
    assert "Số: …/BC-SCT-TN" in text and "Thử Nghiệm, ngày … tháng … năm …" in text
    assert "PHÓ GIÁM ĐỐC" in text
    assert content.intro.startswith("Sở Công Thương tỉnh Thử Nghiệm báo cáo")
    # empty columns fall back to the defaults
    ds.regions["hanoi"] = replace(ds.regions["hanoi"], superior_body_vi="", issuing_body_abbr="")
    content = dr.docx_content(Results.build(ds, "hanoi", 2024), charts=[])
    assert (content.superior_body, content.issuing_abbr) == (dr.DEFAULT_SUPERIOR, dr.DEFAULT_ABBR)


def test_the_draft_says_how_far_past_verdicts_came_true(doc: docx.document.Document) -> None:
    """Issue 15: the same sentence as the page's, in the notes under table I."""
    from cnht_analysis.skill import skill_sentence

    sentence = skill_sentence("vi")
    assert sentence.startswith("Độ tin cậy")
    assert sentence in [p.text for p in doc.paragraphs]


def test_the_status_by_year_table_shows_every_assessment_in_words_and_colour(
    results: Results, doc: docx.document.Document
) -> None:
    """The page's status-by-year grid as a Word table (editable, no picture): a programme row,
    then a row per target, a cell per as-of year in the status's words, shaded in its colour,
    the target's own year framed."""
    from docx.oxml.ns import qn

    from cnht_analysis import status as vocabulary

    span = list(range(results.as_of - 4, results.as_of + 1))
    history = results.status_history(span)
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Chỉ tiêu — năm mục tiêu")
    assert [c.text for c in table.rows[0].cells[1:]] == [str(y) for y in span]
    targets = _target_rows(table)
    assert len(targets) == len({a.target.id for a in history})
    assert len(_group_rows(table)) == len({a.target.programme for a in history})
    by_cell = {(a.target.id, a.as_of): a for a in history}
    shown = 0
    framed = 0
    for row in targets:
        name = _text(row.cells[0])
        for year, cell in zip(span, row.cells[1:], strict=True):
            text = _text(cell)
            if not text:
                continue
            shown += 1
            symbol, word = text.split(" ", 1)
            status = next(s for s in vocabulary.ORDER if vocabulary.symbol(s) == symbol)
            assert word in {vocabulary.label(status, "vi", exceeded=e) for e in (False, True)}
            shd = cell._tc.tcPr.find(qn("w:shd"))
            assert shd.get(qn("w:fill")) == vocabulary.colour(status).lstrip("#").upper()
            if cell._tc.tcPr.find(qn("w:tcBorders")) is not None:
                framed += 1
                assert name.endswith(f"— {year}")  # framed = the target year
    assert shown == len(by_cell)
    assert framed == len({a.target.id for a in history if a.as_of == a.target.year})
