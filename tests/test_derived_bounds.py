"""Derived values obey the derived indicator's bounds (issue 12): a typed extra zero in a count
makes a share above 100 %, which is refused at validation, naming the rows it came from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cnht_analysis import cli, paths
from cnht_analysis.errors import EXIT_INVALID, EXIT_OK

ROW = "hanoi,cnht_enterprises_intl,2024,320,"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    d = Path(shutil.copytree(paths.PROJECT_ROOT / "data", tmp_path / "data"))
    assert ROW in (d / "observations.csv").read_text(encoding="utf-8")
    return d


def _set(d: Path, value: str) -> None:
    f = d / "observations.csv"
    f.write_text(
        f.read_text(encoding="utf-8").replace(ROW, ROW.replace(",320,", f",{value},")),
        encoding="utf-8",
    )


def test_a_share_above_100_percent_from_a_typo_is_refused(data: Path, capsys) -> None:
    _set(data, "3200")  # an extra zero: 3,200 of 900 firms
    for command in ("validate", "assess"):
        assert cli.main([command, "--data", str(data)]) == EXIT_INVALID
        err = capsys.readouterr().err
        assert "Traceback" not in err
        line = next(x for x in err.splitlines() if "cnht_intl_share" in x)
        assert "2024" in line and "355.556" in line and "at most 100" in line
        assert "cnht_enterprises_intl 2024 = 3200" in line and "cnht_enterprises 2024 = 900" in line


def test_a_share_within_bounds_still_validates(data: Path, capsys) -> None:
    _set(data, "900")  # every firm meets the standard: 100 %, the bound itself
    assert cli.main(["validate", "--data", str(data)]) == EXIT_OK
