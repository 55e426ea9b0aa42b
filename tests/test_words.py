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


def _inline_pairs(source: str) -> list[int]:
    """Lines where a module picks between two string literals by language itself."""
    tree = ast.parse(source)
    lines = []

    def literal(node: ast.AST) -> bool:  # words written here: a string, or a tuple of them
        if isinstance(node, ast.Tuple | ast.List):
            return bool(node.elts) and all(literal(e) for e in node.elts)
        return isinstance(node, ast.JoinedStr) or (
            isinstance(node, ast.Constant) and isinstance(node.value, str)
        )

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_w":
            lines.append(node.lineno)
        elif (
            isinstance(node, ast.IfExp)
            and isinstance(node.test, ast.Compare)
            and getattr(node.test.left, "id", "") == "lang"
            and literal(node.body)
            and literal(node.orelse)
        ):
            lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("path", ["cnht_analysis/report.py", "cnht_analysis/words/messages.py"])
def test_the_report_and_its_messages_define_no_word_of_their_own(path: str) -> None:
    """Every vi/en word of the report and its key messages is a catalogue key (defined once)."""
    assert _inline_pairs((PROJECT_ROOT / path).read_text(encoding="utf-8")) == []


def test_the_check_sees_an_inline_pair() -> None:
    source = (
        "def f(lang, a):\n"
        '    x = "năm " if lang == "vi" else ""\n'
        '    y = _w(lang, "Nguồn", "Sources")\n'
        '    return a.owner_vi if lang == "vi" else a.owner_en\n'  # data, not words: allowed
    )
    assert _inline_pairs(source) == [2, 3]
    assert _inline_pairs('h = ("Năm", "Giá trị") if lang == "vi" else ("Year", "Value")') == [1]
