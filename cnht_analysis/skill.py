"""Skill of the verdicts on past plans whose outcomes are known (issue 15).

Pure scoring functions take plain values (lists of probabilities and 0/1 outcomes); the back
test (`back_test`) assesses every encodable target with a known outcome as of T−1, T−2, T−3
using only the figures published by the cut-off (end of March of A+1, from vintages.csv).
`skill_sentence(lang)` reads the committed summary `skill_summary.json` next to this module.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path

from .status import label

SUMMARY_PATH = Path(__file__).resolve().parent / "skill_summary.json"
RESULTS_LINK = "benchmarks/RESULTS.md"
LEADS = (1, 2, 3)
CUTOFF_MMDD = "03-31"  # an assessment as of year A uses figures published by 31 March of A+1


# --- scores on plain values --------------------------------------------------------------


def brier(p: Sequence[float], o: Sequence[int]) -> float:
    """Mean squared difference between probabilities and 0/1 outcomes."""
    if not p:
        return float("nan")
    return sum((pi - oi) ** 2 for pi, oi in zip(p, o, strict=True)) / len(p)


def murphy(p: Sequence[float], o: Sequence[int], bins: int = 10) -> dict[str, float]:
    """Brier score with Murphy's decomposition BS = REL − RES + UNC (+ within-bin residual).

    Forecasts are grouped in `bins` equal-width bins of [0, 1] (1.0 goes in the last bin);
    REL = Σ n_k (p̄_k − ō_k)² / N, RES = Σ n_k (ō_k − ō)² / N, UNC = ō (1 − ō).
    """
    n = len(p)
    if n == 0:
        return {
            "n": 0,
            "brier": float("nan"),
            "reliability": float("nan"),
            "resolution": float("nan"),
            "uncertainty": float("nan"),
            "residual": float("nan"),
        }
    obar = sum(o) / n
    groups: dict[int, list[int]] = {}
    for i, pi in enumerate(p):
        groups.setdefault(min(int(pi * bins), bins - 1), []).append(i)
    rel = res = 0.0
    for idx in groups.values():
        pk = sum(p[i] for i in idx) / len(idx)
        ok = sum(o[i] for i in idx) / len(idx)
        rel += len(idx) * (pk - ok) ** 2
        res += len(idx) * (ok - obar) ** 2
    bs = brier(p, o)
    rel, res, unc = rel / n, res / n, obar * (1 - obar)
    return {
        "n": n,
        "brier": bs,
        "reliability": rel,
        "resolution": res,
        "uncertainty": unc,
        "residual": bs - (rel - res + unc),
    }


def reliability_table(p: Sequence[float], o: Sequence[int], bins: int = 5) -> list[dict]:
    """Per bin: mean forecast, observed frequency and count (for the reliability diagram)."""
    rows = []
    for k in range(bins):
        idx = [i for i, pi in enumerate(p) if min(int(pi * bins), bins - 1) == k]
        if idx:
            rows.append(
                {
                    "bin": k,
                    "n": len(idx),
                    "p_mean": sum(p[i] for i in idx) / len(idx),
                    "o_freq": sum(o[i] for i in idx) / len(idx),
                }
            )
    return rows


def hit_rates(statuses: Sequence[str], outcomes: Sequence[int]) -> dict[str, tuple[int, int]]:
    """Per status: (how many ended achieved, how many cases)."""
    out: dict[str, list[int]] = {}
    for s, o in zip(statuses, outcomes, strict=True):
        c = out.setdefault(s, [0, 0])
        c[0] += o
        c[1] += 1
    return {s: (a, b) for s, (a, b) in out.items()}


# --- real-time vintages ------------------------------------------------------------------


def read_vintages(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def real_time_values(vintages: list[dict], as_of: int) -> dict[tuple[str, str, int], dict]:
    """For each (region, indicator, year ≤ as_of) the latest vintage available at the cut-off."""
    cutoff = f"{as_of + 1}-{CUTOFF_MMDD}"
    best: dict[tuple[str, str, int], dict] = {}
    for v in vintages:
        y = int(v["year"])
        if y > as_of or v["available"] > cutoff:
            continue
        k = (v["region"], v["indicator"], y)
        if k not in best or v["available"] >= best[k]["available"]:
            best[k] = v
    return best


def dataset_as_published(ds, vintages: list[dict], as_of: int):
    """A copy of the data set holding only the figures published by the cut-off of `as_of`."""
    rt = real_time_values(vintages, as_of)
    obs = []
    for o in ds.observations:
        v = rt.get((o.region, o.indicator, o.year))
        if v is None:
            continue
        obs.append(dataclasses.replace(o, value=float(v["value"]), status=v["status"]))
    return dataclasses.replace(ds, observations=obs)


# --- the back test -----------------------------------------------------------------------


def _meets(t, value: float) -> bool:
    from .assess import growth_meets

    if t.type in ("growth_above", "growth_at_least"):
        return growth_meets(t, value)
    if t.type == "at_most":
        return value <= t.threshold
    return value >= t.threshold


def back_test(data_dir: Path, leads: Sequence[int] = LEADS) -> list[dict]:
    """One row per (target with a known outcome, lead): status, p_attain, persistence, outcome."""
    from .assess import assess_target
    from .load import load_dataset

    data_dir = Path(data_dir)
    ds = load_dataset(data_dir)
    vintages = read_vintages(data_dir / "vintages.csv")
    outcomes = {}
    with open(data_dir / "outcomes.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["outcome"] in ("achieved", "not_achieved"):
                outcomes[r["registry_id"]] = r
    rows = []
    by_year: dict[int, object] = {}
    for t in ds.targets:
        if t.id not in outcomes:
            continue
        o = 1 if outcomes[t.id]["outcome"] == "achieved" else 0
        for k in leads:
            A = t.year - k
            if A not in by_year:
                by_year[A] = dataset_as_published(ds, vintages, A)
            a = assess_target(by_year[A], t, A)
            latest = a.observations[-1].value if a.observations else None
            rows.append(
                {
                    "target_id": outcomes[t.id]["target_id"],
                    "registry_id": t.id,
                    "lead": k,
                    "as_of": A,
                    "target_year": t.year,
                    "status": a.status,
                    "p_attain": a.p_attain,
                    "n_obs": a.n_obs,
                    "latest": latest,
                    "persistence": None if latest is None else int(_meets(t, latest)),
                    "outcome": o,
                    "family": outcomes[t.id].get("basis", ""),
                }
            )
    return rows


def loo_base_rate_brier(rows: list[dict], scored: list[dict]) -> float:
    """Brier of the base rate computed without the target being forecast (out of sample)."""
    if not scored:
        return float("nan")
    ps = []
    for r in scored:
        other = [x["outcome"] for x in rows if x["registry_id"] != r["registry_id"]]
        ps.append(sum(other) / len(other) if other else 0.5)
    return brier(ps, [r["outcome"] for r in scored])


def score(rows: list[dict], lead: int) -> dict:
    """Brier scores of p_attain and the two baselines on the rows of one lead with a p_attain."""
    at = [r for r in rows if r["lead"] == lead]
    scored = [r for r in at if r["p_attain"] is not None and r["persistence"] is not None]
    p = [r["p_attain"] for r in scored]
    o = [r["outcome"] for r in scored]
    # the base rate of achievement over every case with a known outcome (all targets, all leads)
    base = sum(r["outcome"] for r in rows) / len(rows) if rows else float("nan")
    return {
        "lead": lead,
        "base_rate_loo": loo_base_rate_brier(rows, scored),
        "n_cases": len(at),
        "n_scored": len(scored),
        "p_attain": murphy(p, o),
        "base_rate": brier([base] * len(o), o),
        "base_rate_value": base,
        "persistence": brier([float(r["persistence"]) for r in scored], o),
        "hits": hit_rates([r["status"] for r in at], [r["outcome"] for r in at]),
    }


def scores_by_family(rows: list[dict]) -> str:
    """A markdown table of Brier scores per model family (from `basis`) and lead."""
    out = [
        "| family | lead | cases | with p_attain | Brier p_attain | reliability | resolution"
        " | Brier base rate | Brier persistence |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    fams = sorted({r.get("family", "") for r in rows})
    for fam in fams:
        sub = [r for r in rows if r.get("family", "") == fam]
        for k in LEADS:
            s = score(sub, k)
            m = s["p_attain"]
            out.append(
                f"| {fam} | T−{k} | {s['n_cases']} | {s['n_scored']} | {m['brier']:.3f} | "
                f"{m['reliability']:.3f} | {m['resolution']:.3f} | {s['base_rate']:.3f} | "
                f"{s['persistence']:.3f} |"
            )
    return "\n".join(out) + "\n"


def summary(rows: list[dict]) -> dict:
    s = {str(k): score(rows, k) for k in LEADS}
    years = sorted({int(r["target_year"]) for r in rows if r.get("target_year") is not None})
    out: dict = {"cases": len({r["registry_id"] for r in rows}), "leads": s}
    if years:
        out["years"] = [years[0], years[-1]]
    return out


# --- the reader's sentence ---------------------------------------------------------------


def _load_summary(path: Path | None = None) -> dict | None:
    try:
        return json.loads((path or SUMMARY_PATH).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def skill_sentence(lang: str, path: Path | None = None) -> str:
    """One sentence for the reader with the measured skill two years before the deadline: how
    often the status words came true, and whether the probability beat the plain base rate
    ('' when no summary is there)."""
    s = _load_summary(path)
    if not s:
        return ""
    try:
        lead2 = s["leads"]["2"]
        hits = lead2["hits"]
        bs, br = float(lead2["p_attain"]["brier"]), float(lead2["base_rate"])
        years = s.get("years") or []
        span = f"{int(years[0])}–{int(years[1])}" if len(years) == 2 else ""
        cases = int(s.get("cases", 0))
    except (KeyError, TypeError, ValueError, IndexError):
        return ""
    from .words import t

    said = []
    for code in ("on_track", "achieved", "limited_progress", "deterioration"):
        a, n = hits.get(code, (0, 0))
        if n:
            said.append((label(code, lang), a, n))
    if not said:
        return ""
    return t(
        "skill.sentence",
        lang,
        of=t("skill.of_cases", lang, n=cases) if cases else "",
        plans=t("skill.plans", lang, span=span) if span else t("skill.past_plans", lang),
        rated="; ".join(t("skill.rated", lang, word=w, a=a, n=n) for w, a, n in said),
        verdict=t("skill.beats" if bs < br else "skill.does_not_beat", lang),
        bs=_fmt(bs, lang),
        br=_fmt(br, lang),
        link=RESULTS_LINK,
    )


def _atomic_write(path: Path, data: bytes | str) -> None:
    """The project's atomic write when present (cnht_analysis.fileio), else a local one."""
    try:
        from .fileio import atomic_write  # type: ignore[import-not-found]
    except ImportError:
        import os
        import tempfile

        path = Path(path)
        raw = data.encode("utf-8") if isinstance(data, str) else data
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        return
    atomic_write(path, data)


# --- command ------------------------------------------------------------------------------


def _fmt(x: float | None, lang: str, nd: int = 2) -> str:
    """A score with `nd` decimals in the language's form ('—' for none)."""
    from .text import fmt_number

    return "—" if x is None else fmt_number(x, lang, nd)


SCORE_COLUMNS = (
    "lead",
    "cases",
    "scored",
    "brier",
    "reliability",
    "resolution",
    "uncertainty",
    "brier_base_rate",
    "brier_persistence",
)


def table_text(rows: list[dict], summ: dict, lang: str = "en") -> str:
    """The per-target table and the scores as plain text (markdown-compatible)."""
    from .words import t

    head = [t("skill.col.target", lang), t("skill.col.year", lang)]
    head += [f"T−{k}" for k in LEADS] + [t("skill.col.outcome", lang)]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    by: dict[str, dict[int, dict]] = {}
    for r in rows:
        by.setdefault(r["target_id"], {})[r["lead"]] = r
    for tid, leads in by.items():
        any_r = next(iter(leads.values()))
        cells = [tid, str(any_r["target_year"])]
        for k in LEADS:
            r = leads.get(k)
            cells.append(
                "" if r is None else f"{label(r['status'], lang)} ({_fmt(r['p_attain'], lang)})"
            )
        oc = any_r["outcome"]
        cells.append(t("skill.outcome.achieved" if oc else "skill.outcome.missed", lang))
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    h2 = [t(f"skill.col.{c}", lang) for c in SCORE_COLUMNS]
    out += ["| " + " | ".join(h2) + " |", "|" + "---|" * len(h2)]
    for k in LEADS:
        s = summ["leads"][str(k)]
        m = s["p_attain"]
        out.append(
            "| "
            + " | ".join(
                [
                    f"T−{k}",
                    str(s["n_cases"]),
                    str(s["n_scored"]),
                    _fmt(m["brier"], lang, 3),
                    _fmt(m["reliability"], lang, 3),
                    _fmt(m["resolution"], lang, 3),
                    _fmt(m["uncertainty"], lang, 3),
                    _fmt(s["base_rate"], lang, 3),
                    _fmt(s["persistence"], lang, 3),
                ]
            )
            + " |"
        )
    out.append("")
    h3 = [t(f"skill.col.{c}", lang) for c in ("lead", "status", "hits")]
    out += ["| " + " | ".join(h3) + " |", "|" + "---|" * len(h3)]
    for k in LEADS:
        for st, (a, n) in sorted(summ["leads"][str(k)]["hits"].items()):
            out.append(f"| T−{k} | {label(st, lang)} | {a}/{n} |")
    return "\n".join(out) + "\n"


def plot_reliability(rows: list[dict], path: Path, title: str = "") -> None:
    """Reliability diagram of p_attain per lead (matplotlib, Agg backend)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 5), dpi=100)
    ax.plot([0, 1], [0, 1], color="grey", lw=1, ls="--", label="perfect")
    for k, mk in zip(LEADS, "os^", strict=True):
        sc = [r for r in rows if r["lead"] == k and r["p_attain"] is not None]
        tab = reliability_table([r["p_attain"] for r in sc], [r["outcome"] for r in sc])
        if tab:
            ax.plot(
                [t["p_mean"] for t in tab],
                [t["o_freq"] for t in tab],
                marker=mk,
                label=f"T−{k} (n={len(sc)})",
            )
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("p_attain (bin mean)")
    ax.set_ylabel("share achieved")
    ax.set_title(title or "Reliability of p_attain")
    ax.legend(loc="upper left")
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    _atomic_write(path, buf.getvalue())
    plt.close(fig)


def skill_command(
    data_dir,
    fmt: str = "table",
    lang: str = "vi",
    write_summary: bool = False,
    plot: Path | None = None,
) -> str:
    """`cnht skill`: the back test on a past-plans data directory."""
    from .errors import UsageError

    d = Path(data_dir) if data_dir is not None else None
    if d is None or not (d / "outcomes.csv").is_file() or not (d / "vintages.csv").is_file():
        raise UsageError(
            f"--data: {d} needs outcomes.csv and vintages.csv (a past-plans data set such as"
            " benchmarks/past_plans)"
        )
    rows = back_test(d)
    summ = summary(rows)
    if write_summary:
        _atomic_write(SUMMARY_PATH, json.dumps(summ, indent=1, ensure_ascii=False) + "\n")
    if plot is not None:
        plot_reliability(rows, Path(plot))
    if fmt == "json":
        return json.dumps({"rows": rows, "summary": summ}, indent=1, ensure_ascii=False) + "\n"
    if fmt == "csv":
        cols = list(rows[0]) if rows else []
        lines = [",".join(cols)] + [
            ",".join("" if r[c] is None else str(r[c]) for c in cols) for r in rows
        ]
        return "\n".join(lines) + "\n"
    return table_text(rows, summ, lang)
