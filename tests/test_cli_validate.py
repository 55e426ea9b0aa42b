"""`cnht validate` (and every command that reads data) on the real data and on broken copies."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from cnht_analysis import cli, paths
from cnht_analysis.errors import EXIT_INVALID, EXIT_OK

FILE_ROW = re.compile(
    r"^cnht: (indicators\.csv|observations\.csv|sources\.csv|targets\.yaml):\d+: "
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the repository's data/ that a test may break."""
    return Path(shutil.copytree(paths.PROJECT_ROOT / "data", tmp_path / "data"))


def line_of(path: Path, text: str) -> int:
    """The 1-based line on which `text` first occurs in a file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")


def break_data(data: Path) -> dict[str, int]:
    """Put one mistake in each of the four required files; returns the line of each."""
    obs = data / "observations.csv"
    row = obs.read_text(encoding="utf-8").splitlines()[1]
    cells = row.split(",")
    cells[3] = '"16,5"'
    replace_once(obs, row, ",".join(cells))
    ind = data / "indicators.csv"
    replace_once(
        ind, "Supporting-industry enterprises,count,", "Supporting-industry enterprises,cnt,"
    )
    src = data / "sources.csv"
    first_source = src.read_text(encoding="utf-8").splitlines()[1]
    url = next(c for c in first_source.split(",") if c.startswith("http"))
    replace_once(src, url, "javascript:alert(1)")
    tgt = data / "targets.yaml"
    replace_once(tgt, "type: at_least", "type: atleast")
    return {
        "observations.csv": 2,
        "indicators.csv": line_of(ind, ",cnt,"),
        "sources.csv": 2,
        "targets.yaml": line_of(tgt, "type: atleast"),
    }


def test_validate_real_data_exits_0_with_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate"]) == EXIT_OK
    out, err = capsys.readouterr()
    assert out.startswith("OK") and len(out.strip().splitlines()) == 1
    assert err == ""


def test_validate_reports_every_file_in_one_run(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = break_data(data)
    assert cli.main(["validate", "--data", str(data)]) == EXIT_INVALID
    out, err = capsys.readouterr()
    assert out == ""
    assert "Traceback" not in err
    err_lines = err.splitlines()
    assert all(FILE_ROW.match(line) for line in err_lines), err
    assert "cnht: observations.csv:2: value: '16,5'" in err and "16.5" in err
    assert f"cnht: indicators.csv:{lines['indicators.csv']}: unit: 'cnt'" in err
    assert "cnht: sources.csv:2: url: 'javascript:alert(1)'" in err
    assert f"cnht: targets.yaml:{lines['targets.yaml']}: targets[" in err
    assert "did you mean 'at_least'" in err


def test_each_problem_line_says_what_was_expected(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    break_data(data)
    cli.main(["validate", "--data", str(data)])
    err = capsys.readouterr().err
    assert all(" — expected " in line for line in err.splitlines()), err


def test_debug_shows_a_traceback(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_data(data)
    assert cli.main(["validate", "--debug", "--data", str(data)]) == EXIT_INVALID
    assert "Traceback" in capsys.readouterr().err


def test_missing_data_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere"
    assert cli.main(["validate", "--data", str(missing)]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert err.startswith(f"cnht: {missing}: does not exist")
    assert "Traceback" not in err


def test_missing_required_file(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data / "observations.csv").unlink()
    assert cli.main(["validate", "--data", str(data)]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert err.startswith("cnht: observations.csv: is missing")


def test_file_saved_in_a_windows_code_page(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (data / "regions.csv").read_text(encoding="utf-8")
    (data / "regions.csv").write_bytes(text.encode("cp1258", errors="replace"))
    assert cli.main(["validate", "--data", str(data)]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert err.startswith("cnht: regions.csv:")
    assert "not UTF-8" in err and "UTF-8" in err.split("expected", 1)[1]


def test_excel_saved_copy_validates(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What Excel's 'CSV UTF-8' writes: BOM, CRLF, trailing empty rows."""
    for name in ("indicators.csv", "observations.csv", "sources.csv", "regions.csv"):
        text = (data / name).read_text(encoding="utf-8")
        width = text.splitlines()[0].count(",")
        text = text.replace("\n", "\r\n") + ("," * width + "\r\n") * 3
        (data / name).write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert cli.main(["validate", "--data", str(data)]) == EXIT_OK
    assert capsys.readouterr().out.startswith("OK")


@pytest.mark.parametrize(
    "command", [["assess", "--as-of", "2024"], ["explain", "plan_2022_enterprises"]]
)
def test_other_commands_report_bad_input_the_same_way(
    data: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    break_data(data)
    assert cli.main([*command, "--data", str(data)]) == EXIT_INVALID
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert err.splitlines() and all(FILE_ROW.match(line) for line in err.splitlines()), err


def test_a_sigterm_during_the_interpreters_shutdown_does_not_kill_the_process() -> None:
    """After a command's work the interpreter's shutdown would put SIGTERM back to the default
    and a SIGTERM then killed the process (exit -15, the shell's 143; seen at the end of
    `cnht render`); the command's exit status stays."""
    import os
    import signal
    import subprocess
    import sys

    harness = (
        "import os, sys, time\n"
        "from cnht_analysis import cli\n"
        "rc = cli.main(['validate', '--data', sys.argv[1]])\n"
        "class Late:\n"
        "    def __del__(self):  # runs while the shutdown clears the modules\n"
        "        os.write(1, b'shutting down\\n')\n"
        "        time.sleep(1)\n"
        "late = Late()\n"
        "sys.exit(rc)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", harness, str(paths.PROJECT_ROOT / "data")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line == b"shutting down\n":
            break
    os.kill(proc.pid, signal.SIGTERM)
    proc.communicate(timeout=30)
    assert proc.returncode == EXIT_OK
