"""The report's HTML builders: status words, numbers in each language, escaping, tags."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import shutil

import pytest

from cnht_analysis import report as report_mod
from cnht_analysis.assess import to_csv
from cnht_analysis.errors import UsageError
from cnht_analysis.paths import PROJECT_ROOT
from cnht_analysis.report import Report, badge, badge_html, safe_url
from cnht_analysis.status import exceeded, label
from cnht_analysis.words.messages import key_messages

SYNTHETIC = PROJECT_ROOT / "tests" / "fixtures" / "synthetic_long"
FRAGMENTS = (
    "first_screen_html",
    "passed_html",
    "since_html",
    "status_grid_html",
    "data_requests_html",
    "availability_html",
    "explanations_html",
    "sources_html",
    "method_html",
    "provenance_html",
)
HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(2)> $\\frac{1}{2}$ "q" & ok'


def esc(text: str) -> str:
    """Text as the templates write it: NFC, then HTML-escaped (as Jinja's autoescape does)."""
    import unicodedata

    from markupsafe import escape

    return str(escape(unicodedata.normalize("NFC", text)))


def _all_html(rep: Report, lang: str) -> str:
    parts = [getattr(rep, name)(lang) for name in FRAGMENTS]
    for ind in rep.indicators():
        parts += [rep.section_intro_html(ind, lang), rep.section_table_html(ind, lang)]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def hanoi() -> Report:
    return Report.build("", "hanoi", 2024, "all")


@pytest.fixture(scope="module")
def synthetic() -> Report:
    return Report.build(SYNTHETIC, "synthland", 0, "all")


# --- small builders ---------------------------------------------------------------------------


def test_badge_has_colour_symbol_and_words() -> None:
    html = badge_html("acceleration_needed", "vi")
    assert "Cần đẩy nhanh" in html and "◆" in html
    assert "#E69F00" in html and "dashed" in html
    unable = badge_html("unable_to_assess", "en", override=True)
    assert "Unable to assess *" in unable and "repeating-linear-gradient" in unable
    assert "dotted" in unable


def test_links_only_for_http_and_https(synthetic: Report) -> None:
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("JaVaScRiPt:alert(1)") is None
    assert safe_url("data:text/html,<b>x</b>") is None
    assert safe_url('https://a.example/" onmouseover="x') is None
    assert safe_url(" https://a.example/p?x=1&y=2 ") == "https://a.example/p?x=1&y=2"
    # the sources list links only http(s) addresses; anything else is shown as text
    sources = dict(synthetic.ds.sources)
    sid, other = list(synthetic.refs)[:2]
    try:
        synthetic.ds.sources[sid] = dataclasses.replace(
            sources[sid], url="data:text/html,<b>x</b>", title=""
        )
        synthetic.ds.sources[other] = dataclasses.replace(
            sources[other], url="https://a.example/p?x=1&y=2", title="<b>"
        )
        html = synthetic.sources_html("en")
    finally:
        synthetic.ds.sources.update(sources)
    assert "<bdi>data:text/html,&lt;b&gt;x&lt;/b&gt;</bdi>" in html and 'href="data' not in html
    assert (
        '<a href="https://a.example/p?x=1&amp;y=2" rel="noopener noreferrer">'
        "<bdi>https://a.example/p?x=1&amp;y=2</bdi></a>"
    ) in html
    assert "“<bdi>&lt;b&gt;</bdi>”" in html


def test_page_text_is_nfc(synthetic: Report) -> None:
    """A decomposed name in the data (Ha + combining grave) comes out composed."""
    ind = synthetic.indicators()[0]
    saved = synthetic.ds.indicators[ind]
    try:
        synthetic.ds.indicators[ind] = dataclasses.replace(
            saved, name_vi="Ha\u0300 No\u0323\u0302i <b>"
        )
        html = synthetic.section_intro_html(ind, "vi")
    finally:
        synthetic.ds.indicators[ind] = saved
    assert "<bdi>Hà Nội &lt;b&gt;</bdi>" in html


# --- the real data ---------------------------------------------------------------------------


def test_real_sections_have_tables_and_context(hanoi: Report) -> None:
    assert hanoi.indicators() == [
        "cnht_enterprises",
        "cnht_enterprises_intl",
        "cnht_output_share_mfg",
        "cnht_index_growth",
        "cnht_intl_share",
    ]
    table = hanoi.section_table_html("cnht_enterprises", "vi")
    assert "khoảng 930" in table and "hơn 900" in table and "định nghĩa mới" in table
    growth = hanoi.section_table_html("cnht_index_growth", "vi")
    assert "số liệu bối cảnh" in growth
    intro = hanoi.section_intro_html("cnht_output_share_mfg", "en")
    assert "No data up to 2024" in intro


# --- the synthetic data ----------------------------------------------------------------------


def test_synthetic_fan_caption(synthetic: Report) -> None:
    table = synthetic.section_table_html("cnht_enterprises", "vi")
    assert re.search(r"Dự báo năm 2030 \(xu hướng [^)]+\): [\d.]+, khoảng 80 % từ", table)


def test_provenance_lists_hashes(synthetic: Report) -> None:
    html = synthetic.provenance_html("en")
    digest = hashlib.sha256((SYNTHETIC / "targets.yaml").read_bytes()).hexdigest()
    assert digest in html and "cnht-analysis 0.1.0" in html and ">2024<" in html


def test_show_methods_tag_every_output(synthetic: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    import IPython.display

    shown: list[tuple[object, dict]] = []
    monkeypatch.setattr(
        IPython.display, "display", lambda obj, metadata=None: shown.append((obj, metadata))
    )
    for name in (
        "show_first_screen",
        "show_passed",
        "show_data_requests",
        "show_indicator_sections",
        "show_explanations",
        "show_sources",
        "show_method",
        "show_provenance",
    ):
        getattr(synthetic, name)()
    tags = [md["tags"] for _, md in shown]
    assert all(t in (["lang-vi"], ["lang-en"]) for t in tags)
    assert tags.count(["lang-vi"]) == tags.count(["lang-en"])
    images = [obj for obj, _ in shown if isinstance(obj, IPython.display.Image)]
    assert len(images) == 2 * len(synthetic.indicators())  # the grids are tables, not images
    assert all(img.metadata["alt"].startswith(("Biểu đồ", "Chart")) for img in images)


def test_unknown_language_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="expected one of vi, en"):
        Report.build(SYNTHETIC, "synthland", 0, "fr")


def test_frames_for_economists(synthetic: Report) -> None:
    obs = report_mod.observations_frame(synthetic.ds, "synthland", "cnht_intl_share", "en")
    assert list(obs.columns) == ["year", "value", "status", "qualifier", "source", "note"]
    assert set(obs["status"]) == {"derived"}
    table = report_mod.assessment_frame(synthetic.ds, synthetic.results, "vi")
    assert len(table) == 9 and "Có khả năng đạt" in set(table["trạng thái"])


# --- hostile text ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """The synthetic data with scripts, event handlers and mathtext in every free-text field."""
    root = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(SYNTHETIC, root)

    def edit(name: str, old: str, new: str) -> None:
        path = root / name
        body = path.read_text(encoding="utf-8")
        assert old in body, (name, old)
        path.write_text(body.replace(old, new), encoding="utf-8")

    quoted = '"' + HOSTILE.replace('"', '""') + '"'
    edit(
        "indicators.csv", "Số doanh nghiệp công nghiệp hỗ trợ (SYNTHETIC)", HOSTILE.replace('"', "")
    )
    edit("indicators.csv", "Supporting-industry enterprises (SYNTHETIC),", quoted + ",")
    edit("regions.csv", "Synthland (SYNTHETIC)", quoted)
    edit("sources.csv", "SYNTHETIC enterprise counts", quoted)
    body = (root / "observations.csv").read_text(encoding="utf-8").splitlines()
    body[1] = body[1].rsplit(",", 2)[0] + "," + quoted + ","  # the note of the first row
    (root / "observations.csv").write_text("\n".join(body) + "\n", encoding="utf-8")
    yaml_text = HOSTILE.replace("\\", "\\\\").replace('"', '\\"')
    edit("targets.yaml", '"SYNTHETIC: 980 doanh nghiệp"', f'"{yaml_text}"')
    edit("targets.yaml", '"Kế hoạch CNHT năm 2021 (SYNTHETIC)"', f'"{yaml_text}"')
    edit(
        "overrides.yaml",
        '"SYNTHETIC: Sở xác nhận theo số liệu chính thức chưa công bố"',
        f'"{yaml_text}"',
    )
    rep = Report.build(root, "synthland", 2024, "all")
    # load.py rejects non-http URLs; put one in behind its back to test the report layer alone
    src = rep.ds.sources["syn2"]
    rep.ds.sources["syn2"] = dataclasses.replace(src, url="javascript:alert(3)", title=HOSTILE)
    return rep


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_hostile_text_is_escaped_everywhere(hostile: Report, lang: str) -> None:
    html = _all_html(hostile, lang)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert 'href="javascript' not in html.lower()
    assert "javascript:alert(3)" in html  # shown, as text
    assert r"$\frac{1}{2}$" in html  # shown as typed…
    roots = re.findall(r'<div class="([^"]*)" lang="', html)
    assert roots and all(
        "tex2jax_ignore" in r and "mathjax_ignore" in r for r in roots
    )  # …never typeset
    hrefs = re.findall(r'href="([^"]*)"', html)
    # links are http(s) only, except the page's own table, carried inside it as a data: address
    csv_links = [h for h in hrefs if h.startswith("data:text/csv;charset=utf-8;base64,")]
    assert len(csv_links) == 1
    assert hrefs and all(h.startswith(("http://", "https://")) for h in hrefs if h not in csv_links)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_hostile_override_reason_is_escaped_inside_bdi(hostile: Report, lang: str) -> None:
    """The override macro (first screen, passed plans, explanations) isolates the reason."""
    html = _all_html(hostile, lang)
    blocks = re.findall(r'<div class="override">(.*?)</div>', html, re.S)
    assert len(blocks) >= 2  # the passed-plans row and the explanation
    words = "Điều chỉnh thủ công: " if lang == "vi" else "Manual override: "
    for block in blocks:
        assert block.startswith(f"* {words}<bdi>&lt;script&gt;alert(1)&lt;/script&gt; ")
        assert "&lt;img src=x onerror=alert(2)&gt;" in block and "</bdi> (" in block
    # the badge macro marks the overridden status with a star, in the same escaped page
    assert re.search(r'<span class="badge badge-\w+" style="[^"]*">[^<]*<span aria-hidden', html)


def test_hostile_text_in_charts(hostile: Report) -> None:
    fig = hostile.figure("cnht_enterprises", "en")
    assert "<script>alert(1)</script>" in fig.axes[0].get_title(loc="left")
    from cnht_analysis.plots import figure_png

    assert figure_png(fig).startswith(b"\x89PNG")


def test_observation_notes_in_the_page_language_with_numbered_citations(hanoi: Report) -> None:
    vi = hanoi.section_table_html("cnht_enterprises", "vi")
    en = hanoi.section_table_html("cnht_enterprises", "en")
    assert "đây là số suy ra, không phải số được công bố" in vi
    assert "inferred, not reported" not in vi
    assert "inferred, not reported" in en
    for page in (vi, en):
        assert "[h5" not in page and "[h9]" not in page  # readers never see source ids
    n = hanoi.refs["h9"]
    assert f"[{n}]" in en


# --- the page a leader reads (properties of the shipped data, not today's sentences) ----------


def _rows(html: str, table_class: str) -> list[str]:
    m = re.search(rf'<table class="cnht {table_class}">(.*?)</table>', html, re.S)
    assert m, table_class
    return re.findall(r'<tr class="status-[a-z_]+">(.*?)</tr>', m.group(1), re.S)


def _text(html: str) -> str:
    import html as html_mod

    html = re.sub(r'href="data:[^"]*"', "", html)
    return html_mod.unescape(re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_first_screen_is_the_targets_in_force_nearest_first(hanoi: Report, lang: str) -> None:
    res = hanoi.results_object
    html = hanoi.first_screen_html(lang)
    rows = _rows(html, "answer")
    ahead = res.in_force_ahead
    assert len(rows) == len(ahead) > 0
    years = [a.target.year for a in ahead]
    assert years == sorted(years) and min(years) >= hanoi.as_of
    for row, a in zip(rows, ahead, strict=True):
        assert label(a.status, lang, exceeded=exceeded(a)) in row
        assert str(a.target.year) in row
        if a.target.inferred:
            assert ("giá trị suy ra" if lang == "vi" else "inferred value") in row
        if a.cagr_needed is not None:
            assert "%" in _text(row)
        if a.needed_is_upper_bound:
            assert ("nhiều nhất" if lang == "vi" else "at most") in row
        if a.status == "unable_to_assess":  # who holds the missing figure is named
            ind = hanoi.ds.indicators[a.target.indicator]
            owner = ind.owner_vi if lang == "vi" else ind.owner_en
            assert esc(owner) in row
    # the key messages come first, 3 to 5 of them
    assert html.index('class="messages"') < html.index('class="cnht answer"')
    assert 3 <= html.count("<li>", 0, html.index('class="cnht answer"')) <= 5


def test_a_programme_adopted_later_is_named_without_a_status(hanoi: Report) -> None:
    res = hanoi.results_object
    later = [
        p
        for p in hanoi.ds.programmes.values()
        if p.region == "hanoi" and p.adopted and p.adopted > hanoi.as_of
    ]
    assert later and res.adopted_later == later
    html = hanoi.first_screen_html("vi")
    part = html[html.index('class="adopted-later"') :]
    for p in later:
        assert esc(p.name("vi")) in part
        assert all(a.target.programme != p.id for a in res.assessments)


def test_the_page_carries_its_own_assessment_csv(hanoi: Report) -> None:
    import base64

    html = hanoi.first_screen_html("vi")
    href = re.search(r'href="data:text/csv;charset=utf-8;base64,([^"]+)"', html).group(1)
    assert base64.b64decode(href).decode("utf-8") == to_csv(hanoi.results)
    assert 'download="assessment.csv"' in html


def test_passed_plans_newest_first(hanoi: Report) -> None:
    html = hanoi.passed_html("vi")
    years = [a.target.year for a in hanoi.results_object.passed]
    assert years == sorted(years, reverse=True) and max(years) < hanoi.as_of
    assert len(_rows(html, "passed")) == len(years)


def test_data_requests_name_owner_years_and_targets(hanoi: Report) -> None:
    res = hanoi.results_object
    assert res.data_requests
    for lang in ("vi", "en"):
        html = hanoi.data_requests_html(lang)
        items = re.findall(r"<li>(.*?)</li>", html, re.S)
        assert len(items) == len(res.data_requests)
        for item, q in zip(items, res.data_requests, strict=True):
            owner = q.owner_vi if lang == "vi" else q.owner_en
            assert esc(owner) in item
            assert str(q.years[0]) in item and str(q.years[-1]) in item
    rows = hanoi.availability_rows("vi")
    assert [n for n, _ in rows] == [hanoi.ds.indicators[i].name("vi") for i in hanoi.indicators()]
    for (_, cells), ind in zip(rows, hanoi.indicators(), strict=True):
        seen = {o.year for o in hanoi._section_observations(ind) if o.year in cells}
        assert {y for y, k in cells.items() if k != "missing"} == seen


def test_since_last_year_counts_add_up(hanoi: Report) -> None:
    res = hanoi.results_object
    html = hanoi.since_html("vi")
    counts = res.since_counts()
    assert sum(counts.values()) == len(hanoi.results)
    told = re.search(r"<strong>(\d+) mục tiêu đang có hiệu lực: (.*?)\.</strong>", html)
    assert int(told.group(1)) == len(hanoi.results)
    assert sum(int(n) for n in re.findall(r"(\d+) ", told.group(2))) == len(hanoi.results)


def test_the_vietnamese_page_holds_no_code_id_or_english_note(hanoi: Report) -> None:
    text = re.sub(r"https?://\S+", "", _text(_all_html(hanoi, "vi")))  # addresses may hold _
    ds = hanoi.ds
    assert not re.findall(r"\b[a-z]+_[a-z0-9_]+\b", text)  # no snake_case code or id
    for t in ds.targets:
        assert t.id not in text
    for sid in ds.sources:
        assert f"[{sid}]" not in text and f"({sid})" not in text
    for o in ds.observations:
        if o.region == "hanoi" and o.note and o.note_vi and o.note != o.note_vi:
            assert o.note[:40] not in text, o.note


def test_synthetic_page_says_synthetic_and_shows_every_status(synthetic: Report) -> None:
    first = synthetic.first_screen_html("vi")
    assert "<h1>" in first and "SYNTHETIC" in first and "DỮ LIỆU TỔNG HỢP" in first
    assert "Tính đến năm 2024 (năm gần nhất có số liệu chính thức hoặc sơ bộ)" in first
    both = first + synthetic.passed_html("vi")
    for a in synthetic.results:
        assert label(a.status, "vi", exceeded=exceeded(a)) in both
    assert "(giờ Hà Nội, UTC+7)" in first


def test_synthetic_override_is_shown_with_reason(synthetic: Report) -> None:
    page = synthetic.first_screen_html("vi") + synthetic.passed_html("vi")
    for html in (page, synthetic.explanations_html("vi")):
        assert "Điều chỉnh thủ công: <bdi>SYNTHETIC: Sở xác nhận" in html
        assert "(trạng thái tính được: Không đạt)" in html


def test_key_messages_follow_the_data(synthetic: Report) -> None:
    early = Report.build(SYNTHETIC, "synthland", 2021, "vi")
    late_msgs = key_messages(synthetic.results_object, "vi")
    early_msgs = key_messages(early.results_object, "vi")
    assert early_msgs[0] != late_msgs[0] and "Tính đến năm 2021" in early_msgs[0]
    assert 3 <= len(late_msgs) <= 5
    en = key_messages(synthetic.results_object, "en")
    assert en[0].startswith("As of 2024, Synthland (SYNTHETIC) has 9 supporting-industry targets.")


def test_real_sources_are_numbered_as_cnht_explain_numbers_them(hanoi: Report) -> None:
    html = hanoi.sources_html("vi")
    numbers = [int(n) for n in re.findall(r"<li value='(\d+)'>", html)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 5
    for sid, n in hanoi.results_object.citations.items():
        assert hanoi.refs[sid] == n


def test_hostile_text_is_isolated_in_sections_sources_and_provenance(hostile: Report) -> None:
    """Data text with markup and a bidi override comes out escaped and inside <bdi>."""
    import dataclasses as dc

    evil = "<script>x()</script>\u202eevil"
    ind = hostile.indicators()[0]
    hostile.ds.indicators[ind] = dc.replace(
        hostile.ds.indicators[ind], name_en=evil, name_vi=evil, description_en=evil
    )
    sid = next(iter(hostile.refs))
    hostile.ds.sources[sid] = dc.replace(hostile.ds.sources[sid], publisher=evil, title=evil)
    escaped = "<bdi>&lt;script&gt;x()&lt;/script&gt;\u202eevil</bdi>"
    for html in (
        hostile.section_intro_html(ind, "en"),
        hostile.sources_html("en"),
    ):
        assert "<script" not in html.lower()
        assert escaped in html
    table = hostile.section_table_html(ind, "en")
    assert "<script" not in table.lower() and "<td class='muted'><bdi>" in table
    assert "<bdi>" in hostile.provenance_html("en")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_first_screen_says_how_far_past_verdicts_came_true(hanoi: Report, lang: str) -> None:
    """Issue 15: one sentence with the measured skill of the verdicts on past plans, from the
    committed back-test summary, under the table of targets in force."""
    from cnht_analysis.skill import skill_sentence

    sentence = skill_sentence(lang)
    assert sentence and "benchmarks/RESULTS.md" in sentence
    html = hanoi.first_screen_html(lang)
    assert esc(sentence) in html
    assert html.index(esc(sentence)) > html.index('id="in-force"')


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_status_grid_is_a_table_of_every_assessment(hanoi: Report, lang: str) -> None:
    """One row per target assessed in the five as-of years, under its programme; one cell per
    assessment, in its status's words (read by screen readers) and symbol; target year framed."""
    from cnht_analysis import status as vocabulary

    span = list(range(hanoi.as_of - 4, hanoi.as_of + 1))
    history = hanoi.results_object.status_history(span)
    html = hanoi.status_grid_html(lang)
    (table,) = re.findall(r'<table class="cnht status-grid"[^>]*>(.*?)</table>', html, re.S)
    heads = re.findall(r'<th scope="col" class="year">(\d+)</th>', table)
    assert heads == [str(y) for y in span]
    cells = re.findall(
        r'<td class="st( target-year)?" style="[^"]*" title="(\d+): ([^"]*)">'
        r'<span aria-hidden="true">([^<]*)</span><span class="sr">([^<]*)</span>',
        table,
    )
    assert len(cells) == len(history) > 0
    words = {vocabulary.label(s, lang, exceeded=e) for s in vocabulary.ORDER for e in (0, 1)}
    assert all(label == sr and label in words for _, _, label, _, sr in cells)
    framed = [c for c in cells if c[0]]
    assert len(framed) == len({(a.target.id) for a in history if a.as_of == a.target.year})
    targets = {a.target.id for a in history}
    rows = re.findall(r'<th scope="row">', table)
    assert len(rows) == len(targets)
    groups = re.findall(r'<tr class="group"><th colspan="6"', table)
    assert len(groups) == len({a.target.programme for a in history})
    shown = " ".join(_text(html).split())
    legend = [badge(s, lang) for s in vocabulary.ORDER]
    assert all(f"{b['symbol']} {b['label']}" in shown for b in legend)


def test_the_availability_table_matches_its_rows(hanoi: Report) -> None:
    for lang in ("vi", "en"):
        rows = hanoi.availability_rows(lang)
        html = hanoi.availability_html(lang)
        (table,) = re.findall(r'<table class="cnht availability"[^>]*>(.*?)</table>', html, re.S)
        body = re.findall(r"<tr><th scope=\"row\"><bdi>(.*?)</bdi></th>(.*?)</tr>", table, re.S)
        assert [esc(n) for n, _ in rows] == [n for n, _ in body]
        years = sorted({y for _, cells in rows for y in cells})
        for (_, cells), (_, tds) in zip(rows, body, strict=True):
            kinds = re.findall(r'<td class="av av-(\w+)"', tds)
            assert kinds == [cells.get(y, "missing") for y in range(years[0], years[-1] + 1)]
    empty = Report.build(SYNTHETIC, "synthland", 0, "vi")
    empty.availability_rows = lambda lang: []  # type: ignore[method-assign]
    assert empty.availability_html("vi") == ""
