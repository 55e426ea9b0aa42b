"""The last lines `cnht render` prints: why that as-of year, and every page's full path and URL."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from cnht_analysis.render import RenderResult, final_lines


def test_final_lines_name_existing_pages_and_the_reason(tmp_path: Path) -> None:
    report = tmp_path / "reports" / "hanoi" / "2024"
    report.mkdir(parents=True)
    files = []
    for name in ("annual_assessment.vi.html", "annual_assessment.en.html", "assessment.csv"):
        (report / name).write_text("x", encoding="utf-8")
        files.append(report / name)
    result = RenderResult(report, tuple(files), {"as_of": 2024, "region": "hanoi"}, 1.0, {})
    lines = final_lines(result, chosen=True)
    assert "latest year with an actual or preliminary figure" in lines[0] and "2024" in lines[0]
    pages = lines[1:]
    assert len(pages) == 2  # the two HTML pages, not the CSV
    for line in pages:
        path_text, url = line.split()[0], line.split()[1].strip("()")
        assert Path(path_text).is_absolute() and Path(path_text).is_file()
        assert Path(unquote(urlparse(url).path)) == Path(path_text)
    assert "as asked" in final_lines(result, chosen=False)[0]
