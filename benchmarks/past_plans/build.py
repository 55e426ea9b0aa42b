"""Build the past-plans data set (issue 15) from the research copies in research/.

Reproducible: `python benchmarks/past_plans/build.py` rewrites indicators.csv, observations.csv,
targets.yaml, sources.csv, regions.csv, vintages.csv and outcomes.csv from research/*.csv
(copied verbatim from the project's research notes). Nothing is estimated here: every value is
a quoted figure; statuses are mapped to the project's vocabulary and the research status kept
in `vintage_status`.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
RES = HERE / "research"

REGIONS = {
    "VN": ("vietnam", "Việt Nam", "Viet Nam"),
    "HANOI": ("hanoi", "Hà Nội", "Hanoi"),
    "HCMC": ("hcmc", "TP. Hồ Chí Minh", "Ho Chi Minh City"),
}
# indicator -> (unit, higher_is_better, min, max, name_en)
INDICATORS = {
    "gdp_growth": ("growth_pct", True, "", "", "GDP growth (real, %/yr)"),
    "grdp_growth": ("growth_pct", True, "", "", "GRDP growth (real, %/yr)"),
    "labour_productivity_growth": ("growth_pct", True, "", "", "Labour productivity growth (%/yr)"),
    "cpi_avg": ("percent", False, "-20", "", "CPI inflation, yearly average (%)"),
    "cpi_dec_over_dec": ("percent", False, "-20", "", "CPI inflation, December over December (%)"),
    "gdp_per_capita_usd": ("index", True, "0", "", "GDP per capita (USD, current)"),
    "grdp_per_capita_usd": ("index", True, "0", "", "GRDP per capita (USD, current)"),
    "grdp_per_capita_vnd_mn": ("index", True, "0", "", "GRDP per capita (million VND)"),
    "industry_services_share_gdp": (
        "percent",
        True,
        "",
        "",
        "Industry and services share of GDP (%)",
    ),
    "nonagri_share_grdp": ("percent", True, "", "", "Non-agricultural share of GRDP (%)"),
    "budget_deficit_gdp": ("percent", False, "", "", "State budget deficit (% of GDP)"),
    "public_debt_gdp": ("percent", False, "", "", "Public debt (% of GDP)"),
    "trade_deficit_to_exports": ("percent", False, "", "", "Trade deficit (% of exports)"),
    "urban_unemployment": ("percent", False, "", "", "Urban unemployment rate (%)"),
    "trained_labour_share": ("percent", True, "", "", "Trained labour share (%)"),
    "health_insurance_coverage": ("percent", True, "", "", "Health insurance coverage (%)"),
    "hospital_beds_per_10k": ("index", True, "0", "", "Hospital beds per 10,000 people"),
    "forest_cover": ("percent", True, "", "", "Forest cover (% of land)"),
    "hitech_share_industrial_output": (
        "percent",
        True,
        "",
        "",
        "High-tech share of industrial output (%)",
    ),
}
GROWTH_INDICATORS = {k for k, v in INDICATORS.items() if v[0] == "growth_pct"}
NOT_OBSERVATIONS = {
    "official_forecast_T-2",
    "official_period_average",
    "official_period_average_interim",
    "party_report_claim",
}


def status_of(s: str) -> str:
    if s.startswith("preliminary"):
        return "preliminary"
    if s.startswith(("govt_estimate", "draft_report", "party_report")):
        return "estimate"
    if s in ("derived", "implied"):
        return "derived"
    return "actual"


def rank(s: str) -> int:
    """Later-is-better order of vintages when choosing the one value of observations.csv."""
    if s.startswith("govt_estimate") or s.startswith("draft") or s.startswith("party"):
        return 0
    if s.startswith("preliminary"):
        return 1
    if s.startswith("revised") or s.startswith("restated"):
        return 3
    return 2


def published_assumed(row: dict) -> tuple[str, str]:
    """(cut-off comparable date YYYY-MM-DD, assumption note)."""
    p = row["published"].strip()
    y = int(row["year"])
    if p:
        p = p.split("/")[0]
        parts = p.split("-")
        if len(parts) == 1:
            return f"{parts[0]}-12-31", "year only: assumed end of that year"
        if len(parts) == 2:
            return f"{parts[0]}-{parts[1]}-28", "month only: assumed end of that month"
        return p, ""
    s = row["status"]
    if s.startswith("as_reported_") and s[12:16].isdigit():
        return f"{s[12:16]}-12-31", "unknown: assumed end of the reporting year in the status"
    if s.startswith(("preliminary", "govt_estimate")):
        return f"{y}-12-31", "unknown: assumed end of the data year (year-end release)"
    if s.startswith(("revised", "restated")):
        return "2099-12-31", "unknown revision date: never used in real time"
    return f"{y + 1}-06-30", "unknown: assumed mid-year after the data year"


def source_id(url: str, sources: dict[str, tuple[str, str]], date: str) -> str:
    sid = "s" + hashlib.sha1(url.encode()).hexdigest()[:8]
    sources.setdefault(sid, (url, date))
    return sid


def main() -> None:
    targets = list(csv.DictReader(open(RES / "targets.csv", encoding="utf-8")))
    actuals = list(csv.DictReader(open(RES / "actuals.csv", encoding="utf-8")))
    outcomes = list(csv.DictReader(open(RES / "outcomes.csv", encoding="utf-8")))
    sources: dict[str, tuple[str, str]] = {}

    vint = []
    for r in actuals:
        if r["indicator"] not in INDICATORS or r["status"] in NOT_OBSERVATIONS:
            continue
        if "old_method" in r["status"] or "new_method" in r["status"]:
            continue  # the 2017 provincial GRDP method break: see README
        pub, assumption = published_assumed(r)
        vint.append(
            {
                "region": REGIONS[r["region"]][0],
                "indicator": r["indicator"],
                "year": r["year"],
                "value": r["value"],
                "status": status_of(r["status"]),
                "vintage_status": r["status"],
                "published": r["published"],
                "available": pub,
                "assumption": assumption,
                "source": source_id(r["url"], sources, r["published"]),
                "note": r["note"],
            }
        )
    best: dict[tuple, dict] = {}
    for v in vint:
        k = (v["region"], v["indicator"], v["year"])
        if k not in best or (rank(v["vintage_status"]), v["available"]) >= (
            rank(best[k]["vintage_status"]),
            best[k]["available"],
        ):
            best[k] = v

    enc, notenc = [], []
    for t in targets:
        typ, ind = t["type"], t["indicator"]
        why = ""
        if typ in (
            "avg_level_range",
            "avg_level_at_least",
            "avg_reduction_range",
            "avg_reduction_at_least",
        ):
            why = (
                f"{typ}: a mean of yearly levels or reductions over the period has no registry type"
            )
        elif ind in ("labour_productivity_2015_vs_2010", "energy_intensity_reduction_vs_2010"):
            why = "change over the whole period against 2010: no registry type, no yearly series"
        elif ind not in INDICATORS:
            why = "no yearly figure of this indicator was found in the research (nothing to assess)"
        elif (
            typ in ("range", "at_least", "at_most")
            and int(t["window_start"]) != int(t["window_end"])
            and typ != "at_most"
        ):
            why = "cumulative count over a period: no registry type"
        if why:
            notenc.append((t["target_id"], why))
            continue
        enc.append(t)

    wr = lambda name, rows, cols: _write(HERE / name, rows, cols)  # noqa: E731
    wr(
        "regions.csv",
        [dict(region=a, name_vi=b, name_en=c) for a, b, c in REGIONS.values()],
        ["region", "name_vi", "name_en"],
    )
    used_ind = sorted({t["indicator"] for t in enc} | {v["indicator"] for v in vint})
    wr(
        "indicators.csv",
        [
            dict(
                indicator=i,
                name_vi=INDICATORS[i][4],
                name_en=INDICATORS[i][4],
                unit=INDICATORS[i][0],
                higher_is_better=str(INDICATORS[i][1]).lower(),
                min=INDICATORS[i][2],
                max=INDICATORS[i][3],
                description_vi=INDICATORS[i][4],
                description_en=INDICATORS[i][4],
                derive="",
            )
            for i in used_ind
        ],
        [
            "indicator",
            "name_vi",
            "name_en",
            "unit",
            "higher_is_better",
            "min",
            "max",
            "description_vi",
            "description_en",
            "derive",
        ],
    )
    obs = sorted(best.values(), key=lambda v: (v["region"], v["indicator"], int(v["year"])))
    wr(
        "observations.csv",
        [
            dict(
                region=v["region"],
                indicator=v["indicator"],
                year=v["year"],
                value=v["value"],
                status=v["status"],
                qualifier="exact",
                source=v["source"],
                note=f"{v['vintage_status']}; {v['note']}".strip("; "),
            )
            for v in obs
        ],
        ["region", "indicator", "year", "value", "status", "qualifier", "source", "note"],
    )
    wr(
        "vintages.csv",
        vint,
        [
            "region",
            "indicator",
            "year",
            "value",
            "status",
            "vintage_status",
            "published",
            "available",
            "assumption",
            "source",
            "note",
        ],
    )
    for t in targets:
        source_id(t["url"], sources, "")
    for o in outcomes:
        source_id(o["url"], sources, "")
    wr(
        "sources.csv",
        [
            dict(
                source=s,
                publisher=u.split("/")[2] if "//" in u else u,
                title=u,
                date=(d if len(d) == 10 else ""),
                url=u,
                language="",
            )
            for s, (u, d) in sorted(sources.items())
        ],
        ["source", "publisher", "title", "date", "url", "language"],
    )

    outs = []
    for o in outcomes:
        d = o["declared_outcome"]
        if d.startswith("achieved_on_revised"):
            continue  # not an official re-grading (plans.md)
        norm = (
            "achieved"
            if d.startswith("achieved")
            else "not_achieved"
            if d.startswith("not_achieved")
            else "no_data"
        )
        outs.append(
            dict(
                target_id=o["target_id"],
                registry_id=rid(o["target_id"]),
                outcome=norm,
                declared=d,
                basis=o["basis"],
                assessed_on=o["assessed_on"],
                source=source_id(o["url"], sources, ""),
            )
        )
    wr(
        "outcomes.csv",
        outs,
        ["target_id", "registry_id", "outcome", "declared", "basis", "assessed_on", "source"],
    )

    plans: dict[str, dict] = {}
    lines = [
        "# Past plans with known outcomes (issue 15). Generated by build.py from research/.",
        "programmes:",
    ]
    for t in enc:
        pid = t["plan"].split(" ")[0].lower()
        if t["plan"].startswith("VN_annual"):
            pid = f"vn_annual_{t['target_year']}"
        if pid not in plans:
            ws = int(t["window_start"])
            te = int(t["target_year"])
            plans[pid] = t
            region = {"VN": "vietnam", "HANOI": "hanoi", "HCMC": "hcmc"}[
                "HANOI"
                if t["plan"].startswith("HANOI")
                else "HCMC"
                if t["plan"].startswith("HCMC")
                else "VN"
            ]
            lines += [
                f"  - id: {pid}",
                f"    region: {region}",
                f'    name_vi: "{t["plan"]}"',
                f'    name_en: "{t["plan"]}"',
                f"    period: [{min(ws, te)}, {te}]",
                f"    base_year: {t['base_year']}",
                f"    source: {source_id(t['url'], sources, '')}",
            ]
    lines.append("targets:")
    for t in enc:
        pid = t["plan"].split(" ")[0].lower()
        if t["plan"].startswith("VN_annual"):
            pid = f"vn_annual_{t['target_year']}"
        typ, val, note = t["type"], t["value"], ""
        if t["indicator"] in GROWTH_INDICATORS:
            newtype = "growth_at_least"
            window = f"[{t['window_start']}, {t['window_end']}]"
            if typ.startswith("avg_growth"):
                note = "average growth over the window: judged on the cumulative (compound) reading"
            if t["value_high"]:
                note += (
                    "; range: binding lower edge (the Government grades reaching it as achieved)"
                )
        else:
            window = ""
            newtype = typ if typ in ("at_least", "at_most") else "at_least"
            if typ == "range":
                if t["indicator"].startswith("cpi"):
                    newtype, val = "at_most", t["value_high"]
                    note = "range: binding upper edge (the Government graded 0.6 % as achieved)"
                else:
                    note = "range: binding lower edge (exceeding graded as achieved)"
        lines += [
            f"  - id: {rid(t['target_id'])}",
            f"    programme: {pid}",
            f"    indicator: {t['indicator']}",
            f"    year: {t['target_year']}",
            f"    type: {newtype}",
            f"    value: {val}",
        ]
        if window:
            lines.append(f"    window: {window}")
        lines += [
            f"    source: {source_id(t['url'], sources, '')}",
            "    quote_en: " + _yq(t["quote"]),
        ]
        if note:
            lines.append("    note: " + _yq(note.strip("; ")))
    (HERE / "targets.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    wr(
        "sources.csv",
        [
            dict(
                source=s,
                publisher=u.split("/")[2] if "//" in u else u,
                title=u,
                date=(d if len(d) == 10 else ""),
                url=u,
                language="",
            )
            for s, (u, d) in sorted(sources.items())
        ],
        ["source", "publisher", "title", "date", "url", "language"],
    )
    wr("not_encodable.csv", [dict(target_id=a, why=b) for a, b in notenc], ["target_id", "why"])


def rid(target_id: str) -> str:
    """The registry id of a research target id (snake_case): VN16-01 -> vn16_01."""
    return target_id.lower().replace("-", "_")


def _yq(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _write(path: Path, rows: list[dict], cols: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
