"""The README's quick start as a newcomer meets it: the last lines `make report` prints name
pages that exist (full path and file:// URL) and say why that as-of year; the commands and
`make` targets the README shows exist."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from cnht_analysis import cli, render
from cnht_analysis.errors import EXIT_OK

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
FIXTURE = Path(__file__).parent / "fixtures" / "notebooks" / "ok.ipynb"


@pytest.mark.e2e
def test_final_lines_of_a_render_name_existing_pages_and_the_year(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "NOTEBOOK", FIXTURE)  # the tiny notebook: same final lines
    rc = cli.main(["render", "--out", str(tmp_path), "--lang", "all"])
    out, err = capsys.readouterr()
    assert rc == EXIT_OK, err
    lines = out.splitlines()
    why = next(line for line in lines if line.startswith("cnht: as of "))
    assert "the latest year with an actual or preliminary figure for Hà Nội" in why
    year = re.search(r"as of (\d{4})", why).group(1)
    pages = [line.split() for line in lines if line.startswith("  ")]
    assert len(pages) >= 2  # the Vietnamese and English pages at least
    for path_text, url in pages:
        path = Path(path_text)
        assert path.is_absolute() and path.is_file(), path
        assert path.parent.name == year
        assert Path(unquote(urlparse(url.strip("()")).path)) == path
    hidden = [p.name for p in tmp_path.rglob(".*")]
    assert not [n for n in hidden if n.endswith(".lock")], hidden  # no stale lock left in view


def test_readme_make_targets_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.M))
    used = set(re.findall(r"\bmake ([a-z][a-z-]*)", README))
    assert used and used <= targets, used - targets


def test_readme_commands_exist_and_activation_is_stated_up_front() -> None:
    quick = README[README.index("## Quick start") : README.index("## What is in the repository")]
    assert ". .venv/bin/activate" in quick
    parser = cli.build_parser()
    commands = set(parser._subparsers._group_actions[0].choices)  # noqa: SLF001
    used = set(re.findall(r"^\s*(?:\$ )?cnht ([a-z]+)", README, flags=re.M))
    assert used and used <= commands, used - commands
