"""`cnht assess` / `cnht explain` as an economist reads them: names, qualifiers in words, the
official count, citation numbers, and what-if figures (`--set`) that never touch data/.

The checks on the shipped data/ are properties (every target named, every bound worded, the
count line equal to the counts), not today's sentences, so they survive new figures.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from helpers import dataset, obs, target

from cnht_analysis import cli, paths, scenario
from cnht_analysis.assess import default_as_of
from cnht_analysis.assess_table import figure_words, latest_observation
from cnht_analysis.errors import EXIT_INVALID, EXIT_OK
from cnht_analysis.load import load_dataset
from cnht_analysis.models import Observation
from cnht_analysis.results import Results
from cnht_analysis.text import indicator_name
from cnht_analysis.words import count_summary

DATA = paths.PROJECT_ROOT / "data"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def shipped() -> Results:
    ds = load_dataset(DATA)
    return Results.build(ds, "hanoi", default_as_of(ds, "hanoi"))


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --- the table ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_table_names_every_target_and_counts_officially(
    capsys: pytest.CaptureFixture[str], shipped: Results, lang: str
) -> None:
    code, out, err = run(capsys, "assess", "--lang", lang)
    assert code == EXIT_OK and err == ""
    ds = shipped.dataset
    for a in shipped.assessments:
        assert indicator_name(ds.indicators[a.target.indicator], lang) in out
        assert a.target.id not in out  # ids only with --ids
    summary = count_summary(shipped.status_counts(), len(shipped.assessments), lang)
    assert summary in out
    word = "chỉ tiêu đạt và vượt" if lang == "vi" else "achieved"
    assert re.search(rf"\d+/{len(shipped.assessments)} {word}", out)


def test_ids_option_shows_ids(capsys: pytest.CaptureFixture[str], shipped: Results) -> None:
    code, out, _ = run(capsys, "assess", "--ids", "--lang", "en")
    assert code == EXIT_OK
    for a in shipped.assessments:
        assert a.target.id in out


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_latest_figures_keep_their_qualifiers_in_words(
    capsys: pytest.CaptureFixture[str], shipped: Results, lang: str
) -> None:
    _, out, _ = run(capsys, "assess", "--lang", lang)
    ds = shipped.dataset
    seen = 0
    for a in shipped.assessments:
        o = latest_observation(a)
        if o is None:
            continue
        phrase = figure_words(o, ds.indicators[a.target.indicator].unit, lang)
        assert phrase in out
        seen += 1
    assert seen, "the shipped data have at least one assessed figure"
    for code in ("more_than", "less_than", "unable_to_assess", "on_track"):
        assert code not in out


def test_figure_words() -> None:
    o = Observation("hanoi", "firms", 2024, 900.0, qualifier="more_than")
    assert figure_words(o, "count", "vi") == "hơn 900 (2024)"
    assert figure_words(o, "count", "en") == "more than 900 (2024)"
    d = Observation("hanoi", "firms", 2022, 930.0, status="derived", qualifier="about")
    assert figure_words(d, "count", "vi") == "khoảng 930, suy ra (2022)"
    assert figure_words(d, "count", "en") == "about 930, derived (2022)"


def test_citation_numbers_are_the_results_numbering(
    capsys: pytest.CaptureFixture[str], shipped: Results
) -> None:
    _, out, _ = run(capsys, "assess", "--lang", "en")
    listed = dict(re.findall(r"^\[(\d+)\] (.+?)(?: — |$)", out, flags=re.M))
    assert listed
    by_number = {n: sid for sid, n in shipped.citations.items()}
    for number, who in listed.items():
        source = shipped.dataset.sources[by_number[int(number)]]
        assert who.startswith(source.publisher or source.title)


# --- what if: --set -------------------------------------------------------------------------


def test_set_is_a_labelled_scenario_and_data_stay_byte_identical(
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = digest(DATA)
    for lang, mark in (("vi", "[giả định]"), ("en", "[scenario]")):
        code, out, err = run(
            capsys, "assess", "--lang", lang, "--set", "cnht_enterprises:2025=1020"
        )
        assert code == EXIT_OK, err
        lines = out.splitlines()
        assert lines and all(line.startswith(mark) for line in lines)
        assert ("GIẢ ĐỊNH" if lang == "vi" else "SCENARIO") in lines[0]
        assert "2025" in lines[0] and ("1.020" if lang == "vi" else "1,020") in lines[0]
        code, out, err = run(
            capsys, "explain", "plan_2025_enterprises", "--lang", lang,
            "--set", "cnht_enterprises:2025=1020",
        )  # fmt: skip
        assert code == EXIT_OK, err
        assert all(line.startswith(mark) for line in out.splitlines())
    assert digest(DATA) == before


def test_set_changes_the_verdict_of_the_shipped_data(capsys: pytest.CaptureFixture[str]) -> None:
    _, plain, _ = run(capsys, "explain", "plan_2025_enterprises", "--lang", "en", "--as-of", "2025")
    _, what_if, _ = run(
        capsys, "explain", "plan_2025_enterprises", "--lang", "en", "--as-of", "2025",
        "--set", "cnht_enterprises:2025=2000",
    )  # fmt: skip
    assert "Verdict: Achieved" in what_if
    assert "Verdict: Achieved" not in plain


@pytest.mark.parametrize(
    ("item", "words"),
    [
        ("nosuch:2025=1", "no indicator 'nosuch'"),
        ("cnht_enterprises:20x5=1", "is not a year"),
        ("cnht_enterprises:2025=1.020", "thousands separator"),
        ("cnht_enterprises:2025=-3", "not a count"),
        ("cnht_enterprises:2025=12.5", "not a count"),
        ("cnht_intl_share:2025=120", "outside the bounds"),
        ("cnht_enterprises=1020", "expected INDICATOR:YEAR=VALUE"),
    ],
)
def test_bad_set_exits_2_with_one_clear_line(
    capsys: pytest.CaptureFixture[str], item: str, words: str
) -> None:
    code, out, err = run(capsys, "assess", "--set", item)
    assert code == EXIT_INVALID and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err
    assert err.startswith("cnht: --set") and "Traceback" not in err


def test_set_refuses_machine_formats(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "assess", "--format", "csv", "--set", "cnht_enterprises:2025=1")
    assert code == EXIT_INVALID and "--set" in err


# --- the library function -------------------------------------------------------------------


def test_with_figures_adds_or_replaces_in_memory_only() -> None:
    ds = dataset(
        [obs("firms", 2020, 100), obs("firms", 2022, 120)],
        [target("t", "firms", 2024, "at_least", 150)],
    )
    new = scenario.with_figures(ds, "hanoi", {("firms", 2022): 130.0, ("firms", 2024): 160.0})
    assert [o.value for o in ds.observations] == [100, 120]  # the original is untouched
    series = {o.year: o for o in new.observed("hanoi", "firms")}
    assert series[2020].status == "actual" and series[2022].value == 130
    assert series[2024].status == scenario.SCENARIO == series[2022].status
    assert scenario.is_scenario(new) and not scenario.is_scenario(ds)
    assert scenario.scenario_as_of(new, "hanoi", 2022) == 2024
    assert scenario.with_figures(ds, "hanoi", {}) is ds


def test_with_figures_changes_the_verdict() -> None:
    from cnht_analysis.assess import assess_target

    ds = dataset(
        [obs("firms", 2020, 100), obs("firms", 2022, 120)],
        [target("t", "firms", 2024, "at_least", 150)],
    )
    t = ds.targets[0]
    assert assess_target(ds, t, 2024).status != "achieved"
    new = scenario.with_figures(ds, "hanoi", {("firms", 2024): 155.0})
    assert assess_target(new, t, 2024).status == "achieved"


def test_parse_figures_reports_every_problem_at_once() -> None:
    ds = dataset([obs("firms", 2020, 100)], [target("t", "firms", 2024, "at_least", 150)])
    assert scenario.parse_figures(ds, ["firms:2024=155"]) == {("firms", 2024): 155.0}
    with pytest.raises(Exception) as info:
        scenario.parse_figures(ds, ["nope:2024=1", "firms:2024=-1", "firms:2024=x"])
    assert len(str(info.value).splitlines()) == 3


def test_an_error_a_sigterm_caused_is_reported_as_the_sigterm(monkeypatch, capsys) -> None:
    """A handler's exception that lands inside the import system surfaces as an unrelated
    error (importlib's KeyError of a thread id, seen in CI); it is still 'interrupted by SIGTERM',
    exit 1, and an error with no SIGTERM behind it is still an internal error."""
    from cnht_analysis import cli

    def broken(args):
        cli._SIGTERM_SEEN[0] = True
        raise KeyError(140225139243904)

    monkeypatch.setattr(cli, "run", broken)
    monkeypatch.setattr(cli, "_SIGTERM_SEEN", [False])
    assert cli.main(["validate"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "cnht: interrupted by SIGTERM"

    def plain(args):
        raise KeyError("x")

    monkeypatch.setattr(cli, "run", plain)
    monkeypatch.setattr(cli, "_SIGTERM_SEEN", [False])
    assert cli.main(["validate"]) == 1
    assert "internal error: KeyError" in capsys.readouterr().err


def test_a_sigterm_before_main_handles_it_is_exit_1_without_a_traceback() -> None:
    """The CI failure: a SIGTERM after the handler is installed but before main's own try
    block (start-up) gave a traceback; it is one line and exit 1."""
    import subprocess
    import sys

    code = (
        "import os, signal, time; from cnht_analysis import cli; cli._sigterm_is_exit_1(); "
        "os.kill(os.getpid(), signal.SIGTERM); time.sleep(5)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=paths.PROJECT_ROOT,
    )
    assert proc.returncode == 1, proc
    assert proc.stderr.strip() == "cnht: interrupted by SIGTERM"
