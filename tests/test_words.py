"""The one keyed catalogue of vi/en words: complete, consistent, and the report reads only it."""

from __future__ import annotations

import ast
import string

import pytest

from cnht_analysis.paths import PROJECT_ROOT
from cnht_analysis.words import CATALOGUE, t, tn


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_both_languages_with_the_same_fields() -> None:
    for key, words in CATALOGUE.items():
        assert set(words) == {"vi", "en"}, key
        assert words["vi"].strip() and words["en"].strip(), key
        assert _fields(words["vi"]) == _fields(words["en"]), key


def test_counts_take_the_singular_form_only_when_there_is_one() -> None:
    assert tn("n_targets", "en", 1) == "1 target"
    assert tn("n_targets", "en", 2) == "2 targets"
    assert tn("n_targets", "vi", 1) == "1 mục tiêu"
    assert tn("since.counts", "en", 1, total=1, told="x") == "1 targets in force: x."  # no .one
    with pytest.raises(KeyError):
        t("no.such.key", "vi")


LANGS = {"vi", "en"}
PACKAGE = PROJECT_ROOT / "cnht_analysis"
# Where words live: the catalogue, and the status vocabulary whose words it registers.
WORD_HOMES = {"cnht_analysis/words/catalogue.py", "cnht_analysis/status.py"}
# Language choices that are not words, each with why (matched by the line's text).
NOT_WORDS = {
    ("cnht_analysis/text.py", 'LOCALES = {"vi": "vi_VN", "en": "en_GB"}'): "Babel locale ids",
    ("cnht_analysis/report.py", 'LANG_TAGS = {"vi": "lang-vi", "en": "lang-en"}'): "CSS classes",
    ("cnht_analysis/explain.py", 'return nfc(second), "en" if lang == "vi" else "vi"'): (
        "language codes: which language the quote shown is in"
    ),
}


def _picks_language(node: ast.AST) -> bool:
    """A test that picks by language: lang == "vi", "en" != x.lang, or a flag named vi/en."""
    if isinstance(node, ast.Name):
        return node.id in LANGS
    if isinstance(node, ast.Compare):
        sides = [node.left, *node.comparators]
        return any(isinstance(n, ast.Constant) and n.value in LANGS for n in sides)
    return False


def _literal(node: ast.AST) -> bool:
    """Words written in place: a string, an f-string, or a tuple/list of them."""
    if isinstance(node, ast.Tuple | ast.List):
        return bool(node.elts) and all(_literal(e) for e in node.elts)
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def _gives_words(body: list[ast.stmt]) -> bool:
    for stmt in body:
        for n in ast.walk(stmt):
            if isinstance(n, ast.Return | ast.Assign | ast.AugAssign) and n.value is not None:
                if _literal(n.value):
                    return True
    return False


def _inline_pairs(source: str) -> list[int]:
    """Lines where a module writes vi/en words itself instead of looking up a catalogue key:
    `"…" if lang == "vi" else "…"` (or `if vi`), an `if lang == "vi":` block that returns or
    assigns words, a `{"vi": "…", "en": "…"}` literal, or a `_w(lang, vi, en)` pair."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_w":
            lines.append(node.lineno)
        elif isinstance(node, ast.IfExp) and _picks_language(node.test):
            if _literal(node.body) and _literal(node.orelse):
                lines.append(node.lineno)
        elif isinstance(node, ast.If) and _picks_language(node.test) and _gives_words(node.body):
            lines.append(node.lineno)
        elif isinstance(node, ast.Dict) and {getattr(k, "value", None) for k in node.keys} == LANGS:
            if all(_literal(v) for v in node.values):
                lines.append(node.lineno)
    return sorted(lines)


def _modules() -> list[str]:
    return sorted(str(p.relative_to(PROJECT_ROOT)) for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", [p for p in _modules() if p not in WORD_HOMES])
def test_no_module_defines_a_word_of_its_own(path: str) -> None:
    """Every vi/en word of the package is a catalogue key (defined once); the exceptions are
    language choices that are not words (NOT_WORDS, each with its reason)."""
    source = (PROJECT_ROOT / path).read_text(encoding="utf-8")
    text = source.splitlines()
    found = [
        f"{path}:{n}: {text[n - 1].strip()}"
        for n in _inline_pairs(source)
        if (path, text[n - 1].strip()) not in NOT_WORDS
    ]
    assert found == []


def test_every_exception_is_still_there() -> None:
    """An exception whose line is gone is removed from NOT_WORDS, not left to excuse another."""
    for path, line in NOT_WORDS:
        source = (PROJECT_ROOT / path).read_text(encoding="utf-8")
        text = source.splitlines()
        assert line in [text[n - 1].strip() for n in _inline_pairs(source)], (path, line)


def test_the_check_sees_an_inline_pair() -> None:
    source = (
        "def f(lang, a):\n"
        '    x = "năm " if lang == "vi" else ""\n'
        '    y = _w(lang, "Nguồn", "Sources")\n'
        '    return a.owner_vi if lang == "vi" else a.owner_en\n'  # data, not words: allowed
    )
    assert _inline_pairs(source) == [2, 3]
    assert _inline_pairs('h = ("Năm", "Giá trị") if lang == "vi" else ("Year", "Value")') == [1]
    flag = 'def g(lang):\n    vi = lang == "vi"\n    return "năm" if vi else "year"\n'
    assert _inline_pairs(flag) == [3]
    block = 'def h(lang, x):\n    if lang == "vi":\n        return f"{x} %"\n    return x\n'
    assert _inline_pairs(block) == [2]
    assert _inline_pairs('W = {"a": {"vi": "Năm", "en": "Year"}}') == [1]
    assert _inline_pairs('if lang == "vi":\n    n = 1\nm = {"vi": 1, "en": 2}') == []


# --- the status vocabulary, defined once in status.py ------------------------------------------


def _status_mappings(source: str) -> list[int]:
    """Lines that map status codes to something (a colour, a word, a symbol, a rank, a style):
    a dict literal keyed by three or more status codes, a dict built over the statuses, or a
    status symbol written in code."""
    from cnht_analysis.status import STATUSES

    codes, symbols = set(STATUSES), {s.symbol for s in STATUSES.values()} - {"?"}
    tree = ast.parse(source)
    docstrings = {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Module | ast.FunctionDef | ast.ClassDef)
        and n.body
        and isinstance(n.body[0], ast.Expr)
    }
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            if len({getattr(k, "value", None) for k in node.keys} & codes) >= 3:
                lines.append(node.lineno)
        elif isinstance(node, ast.DictComp):
            over = {getattr(g.iter, "id", getattr(g.iter, "attr", "")) for g in node.generators}
            if over & {"STATUSES", "ORDER", "VERDICTS"}:
                lines.append(node.lineno)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in docstrings and set(node.value) & symbols:
                lines.append(node.lineno)
    return sorted(set(lines))


@pytest.mark.parametrize("path", [p for p in _modules() if p != "cnht_analysis/status.py"])
def test_no_module_but_status_maps_status_codes(path: str) -> None:
    """Rank, symbol, colour, border and words of a status are read from status.py, never
    written again elsewhere."""
    assert _status_mappings((PROJECT_ROOT / path).read_text(encoding="utf-8")) == []


def test_the_status_check_sees_a_mapping() -> None:
    old_plots = (
        "STATUS_COLOURS = {\n"
        '    "achieved": OKABE_ITO["bluish_green"],\n'
        '    "on_track": OKABE_ITO["sky_blue"],\n'
        '    "missed": OKABE_ITO["vermillion"],\n'
        "}\n"
    )
    assert _status_mappings(old_plots) == [1]
    assert _status_mappings("L = {c: LABELS[c] for c in STATUSES}") == [1]
    assert _status_mappings('def f():\n    """✔ ✖"""\n    return "▲ " + x\n') == [3]
    assert _status_mappings('if a.status == "achieved" or a.status == "missed": pass') == []


def test_the_vocabulary_is_whole_and_consistent() -> None:
    from cnht_analysis import models, plots
    from cnht_analysis.status import ORDER, STATUSES, border, colour, label, rank, symbol

    assert sorted(models.STATUSES) == sorted(ORDER)  # the input schema's codes are these
    assert len({symbol(c) for c in ORDER}) == len(ORDER)  # a shape per status
    assert len({colour(c) for c in ORDER}) == len(ORDER)
    assert {colour(c) for c in ORDER} <= set(plots.OKABE_ITO.values())  # colour-blind safe
    assert {border(c) for c in ORDER} == {"solid", "dashed", "dotted"}
    for code, s in STATUSES.items():
        assert label(code, "vi") == s.vi == t(f"status.{code}", "vi")
        assert label(code, "en") == s.en == t(f"status.{code}", "en")
    assert label("achieved", "vi", exceeded=True) == "Vượt"
    # spec: achieved = on_track > acceleration_needed > limited_progress > deterioration = missed
    assert rank("achieved") == rank("on_track") > rank("acceleration_needed")
    assert rank("acceleration_needed") > rank("limited_progress") > rank("deterioration")
    assert rank("deterioration") == rank("missed") and rank("unable_to_assess") is None
