"""Nothing raw reaches a terminal (issue 12): control and bidi characters are printed as
visible escapes by every command, whatever path the text took."""

from __future__ import annotations

import pytest

from cnht_analysis import cli
from cnht_analysis.text import terminal_safe

HOSTILE = "x\x1b[2J\x07\u202eevil\x9b\r"


def test_terminal_safe_escapes_controls_and_bidi_but_keeps_line_ends() -> None:
    assert terminal_safe(HOSTILE) == "x\\x1b[2J\\x07\\u202eevil\\x9b\\r"
    assert terminal_safe("a\tb\r\nc\n") == "a\tb\r\nc\n"
    assert terminal_safe("Hà Nội 1.000 · 16,5 %") == "Hà Nội 1.000 · 16,5 %"


@pytest.mark.parametrize(
    "argv",
    [
        ["explain", HOSTILE],  # an unknown target id, echoed in the error
        ["assess", "--region", HOSTILE],
        ["assess", "--set", f"{HOSTILE}:2025=1"],
        ["validate", "--data", HOSTILE],
    ],
)
def test_no_command_prints_a_raw_control_character(argv: list[str], capsys) -> None:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    assert code != 0 and err
    for text in (out, err):
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
        assert "\x9b" not in text
    assert "\\x1b" in err  # shown, as text


def test_the_streams_are_given_back(capsys) -> None:
    import sys

    before = sys.stdout, sys.stderr
    cli.main(["validate"])
    assert (sys.stdout, sys.stderr) == before
