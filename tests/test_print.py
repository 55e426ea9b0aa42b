"""Printing the real Hanoi report: no chart and no table row is split across A4 pages.

The vi and en pages are printed to PDF by headless Chromium (the `Browser` of test_browser,
offline, `Page.printToPDF` with preferCSSPageSize) and the PDF is read back with pypdf:

- charts: every <img> of the page is one image XObject; pypdf lists, per page, the images
  that page draws. A chart split by a page break is drawn (clipped) on two pages, so each
  chart must be drawn on exactly one page, and the number of charts drawn equals the number
  of <img> in the page (a chart dropped from print also fails).
- table rows: before printing, the text of every <tbody> row is taken from the DOM
  (Runtime.evaluate). Without whitespace, its first and last 12 characters are looked up in
  each PDF page's extracted text (also without whitespace; NFKC on both sides, as the PDF
  writes ligatures such as "fi"); some page must hold both.
  A row broken across a page break has its beginning on one page and its end on the next.

Chosen over an emulated-print layout check because the PDF is what the reader gets: page
boundaries in Emulation.setEmulatedMedia('print') are not the printed fragmentation.
"""

from __future__ import annotations

import base64
import io
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from tests.test_browser import A4_POINTS, Browser, browser, pdf_page_sizes, reports

pypdf = pytest.importorskip("pypdf")

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

__all__ = ["browser", "reports"]  # the module fixtures, shared with test_browser

# the rows' printed text: words only for screen readers (class "sr", clipped to nothing on
# paper) are left out while it is read
ROWS = r"""
(() => {
  const hide = document.createElement('style');
  hide.textContent = '.sr { display: none !important; }';
  document.head.append(hide);
  const rows = [...document.querySelectorAll('tbody tr')]
    .filter(tr => tr.checkVisibility())
    .map(tr => tr.innerText.normalize('NFKC').replace(/\s+/g, ''));
  hide.remove();
  return rows;
})()
"""
IMAGES = "document.images.length"
SNIPPET = 12


def _print(browser: Browser, page: Path, script: str = "") -> tuple[list[str], int, bytes]:
    target = browser.send("Target.createTarget", url="about:blank")["targetId"]
    session = browser.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    browser.send("Page.enable", session)
    browser.events.clear()
    browser.send("Page.navigate", session, url=page.as_uri())
    browser.wait_for("Page.loadEventFired")
    # the rows as printed: the print stylesheet may hide or show other rows than the screen
    browser.send("Emulation.setEmulatedMedia", session, media="print")
    if script:  # the negative test's sabotage, run in the page before printing
        browser.send("Runtime.evaluate", session, expression=script)
    rows = browser.send("Runtime.evaluate", session, expression=ROWS, returnByValue=True)
    images = browser.send("Runtime.evaluate", session, expression=IMAGES, returnByValue=True)
    pdf = browser.send("Page.printToPDF", session, preferCSSPageSize=True, printBackground=True)
    browser.send("Target.closeTarget", targetId=target)
    return rows["result"]["value"], images["result"]["value"], base64.b64decode(pdf["data"])


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))  # PDF ligatures: fi


def _drawn_images(page: Any) -> list[str]:
    """Names of the image XObjects a PDF page draws (also inside form XObjects)."""
    names: list[str] = []

    def walk(resources: Any) -> None:
        xobjects = resources.get("/XObject") if resources else None
        if not xobjects:
            return
        for name, ref in xobjects.get_object().items():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                names.append(f"{ref.idnum if hasattr(ref, 'idnum') else name}")
            elif obj.get("/Subtype") == "/Form":
                walk(obj.get("/Resources"))

    walk(page.get("/Resources"))
    return names


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_print_splits_no_chart_and_no_table_row(
    reports: dict[str, Path], browser: Browser, lang: str
) -> None:
    page = reports.get(f"real-annual_assessment.{lang}.html")
    if page is None:
        pytest.skip("no real report rendered")
    rows, n_images, pdf = _print(browser, page)
    sizes = pdf_page_sizes(pdf)
    assert sizes and all(
        abs(w - A4_POINTS[0]) < 1.5 and abs(h - A4_POINTS[1]) < 1.5 for w, h in sizes
    ), sizes
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2  # a one-page print would prove nothing
    assert n_images >= 1
    assert len(rows) >= 10, rows
    split, drawn = _split_images(reader)
    assert not split, f"{lang}: images drawn on several pages (split by a page break): {split}"
    assert drawn == n_images, (drawn, n_images)
    broken = _split_rows(reader, rows, lang)
    assert not broken, f"{lang}: table rows split across pages: {broken}"


def _split_images(reader: Any) -> tuple[dict[str, list[int]], int]:
    """(a) charts: images drawn on more than one page, and how many images are drawn."""
    pages_of: dict[str, list[int]] = {}
    for number, pdf_page in enumerate(reader.pages, start=1):
        for image in set(_drawn_images(pdf_page)):
            pages_of.setdefault(image, []).append(number)
    return {k: v for k, v in pages_of.items() if len(v) != 1}, len(pages_of)


def _split_rows(reader: Any, rows: list[str], lang: str) -> list[tuple[str, list[int], list[int]]]:
    """(b) table rows whose beginning and end are on no common page."""
    texts = [_squash(p.extract_text() or "") for p in reader.pages]
    broken = []
    for row in rows:
        if not row:
            continue
        head, tail = row[:SNIPPET], row[-SNIPPET:]
        with_head = {k for k, t in enumerate(texts) if head in t}
        with_tail = {k for k, t in enumerate(texts) if tail in t}
        assert with_head and with_tail, f"{lang}: row text not found in the PDF: {row[:80]}"
        if not with_head & with_tail:
            broken.append((row[:60], sorted(with_head), sorted(with_tail)))
    return broken


def test_the_checks_see_a_split_chart_and_a_split_row(
    reports: dict[str, Path], browser: Browser
) -> None:
    """The checks can fail: a chart and a row made taller than an A4 page must be split."""
    page = reports.get("real-annual_assessment.vi.html")
    if page is None:
        pytest.skip("no real report rendered")
    rows, _, pdf = _print(browser, page)
    texts = [_squash(p.extract_text() or "") for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]

    def once(snippet: str) -> bool:
        return sum(t.count(snippet) for t in texts) == 1

    # a row whose beginning and end each occur once in the print, so a split cannot hide
    index = next(
        i
        for i, row in enumerate(rows)
        if row
        and once(row[:SNIPPET])
        and once(row[-SNIPPET:])
        and row.find(row[-SNIPPET:]) > SNIPPET
    )
    sabotage = (
        "document.images[0].style.cssText = 'height: 1600px !important; width: auto';"
        f"const row = [...document.querySelectorAll('tbody tr')]"
        f".filter(tr => tr.checkVisibility())[{index}];"
        "row.lastElementChild.style.cssText = 'padding-top: 1400px !important';"
    )
    rows, _, pdf = _print(browser, page, script=sabotage)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    split, _ = _split_images(reader)
    assert split, "a chart taller than a page was not seen split"
    assert _split_rows(reader, rows, "vi"), "a row taller than a page was not seen split"
