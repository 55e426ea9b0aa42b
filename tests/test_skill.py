"""Back test on past plans (issue 15): scores on hand-worked cases and a small `cnht skill` run."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from cnht_analysis import skill
from cnht_analysis.cli import main

PAST = Path(__file__).resolve().parents[1] / "benchmarks" / "past_plans"


def test_murphy_decomposition_hand_worked():
    # forecasts 0.2, 0.2, 0.8, 0.8 with outcomes 0, 1, 1, 1 (two bins, ō = 3/4)
    p, o = [0.2, 0.2, 0.8, 0.8], [0, 1, 1, 1]
    d = skill.murphy(p, o)
    # BS = (0.04 + 0.64 + 0.04 + 0.04) / 4
    assert d["brier"] == pytest.approx(0.19)
    # REL = [2·(0.2 − 0.5)² + 2·(0.8 − 1)²] / 4 = (0.18 + 0.08) / 4
    assert d["reliability"] == pytest.approx(0.065)
    # RES = [2·(0.5 − 0.75)² + 2·(1 − 0.75)²] / 4 = 0.25 / 4
    assert d["resolution"] == pytest.approx(0.0625)
    # UNC = 0.75 · 0.25
    assert d["uncertainty"] == pytest.approx(0.1875)
    assert d["residual"] == pytest.approx(0.0, abs=1e-12)


def test_brier_of_constant_and_perfect_forecasts():
    assert skill.brier([1.0, 0.0], [1, 0]) == 0.0
    assert skill.brier([0.5, 0.5, 0.5], [1, 0, 1]) == pytest.approx(0.25)


def test_hit_rates_hand_worked():
    h = skill.hit_rates(["on_track", "on_track", "limited_progress", "on_track"], [1, 0, 0, 1])
    assert h == {"on_track": (2, 3), "limited_progress": (0, 1)}


def test_real_time_values_never_use_a_later_revision():
    vint = [
        {
            "region": "vietnam",
            "indicator": "gdp_growth",
            "year": "2018",
            "value": "7.08",
            "status": "preliminary",
            "available": "2018-12-27",
        },
        {
            "region": "vietnam",
            "indicator": "gdp_growth",
            "year": "2018",
            "value": "7.47",
            "status": "actual",
            "available": "2022-12-29",
        },
        {
            "region": "vietnam",
            "indicator": "gdp_growth",
            "year": "2019",
            "value": "7.02",
            "status": "preliminary",
            "available": "2019-12-27",
        },
    ]
    rt = skill.real_time_values(vint, 2018)
    assert rt[("vietnam", "gdp_growth", 2018)]["value"] == "7.08"
    assert ("vietnam", "gdp_growth", 2019) not in rt  # after the as-of year
    assert skill.real_time_values(vint, 2022)[("vietnam", "gdp_growth", 2018)]["value"] == "7.47"


def test_past_plans_validate(capsys):
    assert main(["validate", "--data", str(PAST)]) == 0
    assert "OK" in capsys.readouterr().out


def test_skill_command_on_a_small_subset(tmp_path, capsys):
    d = tmp_path / "pp"
    shutil.copytree(PAST, d, ignore=shutil.ignore_patterns("research", "*.py"))
    keep = {"VNA-GDP-2018", "VNA-GDP-2020", "VN16-01", "VNA-CPI-2019"}
    with open(PAST / "outcomes.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    with open(d / "outcomes.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(r for r in rows if r["target_id"] in keep)
    assert main(["skill", "--data", str(d), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    got = {(r["target_id"], r["lead"]) for r in out["rows"]}
    assert got == {(t, k) for t in keep for k in (1, 2, 3)}
    r = next(r for r in out["rows"] if r["target_id"] == "VN16-01" and r["lead"] == 2)
    assert r["as_of"] == 2018 and r["outcome"] == 0
    assert r["latest"] == pytest.approx(7.08)  # the 2018 preliminary, not the 2022 revision 7.47
    assert main(["skill", "--data", str(d), "--lang", "vi"]) == 0
    assert "kết quả công bố" in capsys.readouterr().out


def test_skill_needs_outcomes(tmp_path, capsys):
    assert main(["skill", "--data", str(tmp_path)]) == 2
    assert "outcomes.csv" in capsys.readouterr().err


def test_skill_sentence_from_a_summary(tmp_path):
    summ = {
        "leads": {
            "2": {
                "hits": {"on_track": [5, 10], "limited_progress": [0, 2]},
                "p_attain": {"brier": 0.2},
                "base_rate": 0.24,
                "persistence": 0.41,
            }
        }
    }
    p = tmp_path / "s.json"
    p.write_text(json.dumps(summ), encoding="utf-8")
    vi = skill.skill_sentence("vi", p)
    en = skill.skill_sentence("en", p)
    assert "“Có khả năng đạt” thì 5/10 lần đã đạt" in vi and "“Khó đạt” thì 0/2" in vi
    assert "0,20 so với 0,24" in vi and "xác suất đạt tốt hơn" in vi
    assert "“On track”, 5/10 were achieved" in en and "beats the plain base rate" in en
    assert "benchmarks/RESULTS.md" in en and "benchmarks/RESULTS.md" in vi
    summ["leads"]["2"]["p_attain"]["brier"] = 0.31  # worse than the base rate: said so
    summ["years"] = [2011, 2024]
    p.write_text(json.dumps(summ), encoding="utf-8")
    assert "chưa tốt hơn" in skill.skill_sentence("vi", p)
    assert "does not yet beat" in skill.skill_sentence("en", p)
    assert "các kế hoạch 2011–2024" in skill.skill_sentence("vi", p)
    assert skill.skill_sentence("en", tmp_path / "missing.json") == ""


def test_committed_summary_gives_a_sentence():
    assert skill.skill_sentence("vi").startswith("Độ tin cậy của các đánh giá")
    assert skill.skill_sentence("en").startswith("How far these verdicts")


def test_leave_one_out_base_rate_hand_worked():
    rows = [{"registry_id": t, "outcome": o} for t, o in (("a", 1), ("b", 1), ("c", 0))]
    # forecasts without the own target: a → 1/2, b → 1/2, c → 1; Brier (0.25 + 0.25 + 1) / 3
    assert skill.loo_base_rate_brier(rows, rows) == pytest.approx(0.5)
