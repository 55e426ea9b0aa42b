"""The Dec 2026 contract fields: note_vi, owner_*, context_for, basis, adopted, region admin
columns and citations in notes (data-and-cli.md §1). Expected values come from the spec."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cnht_analysis.assess import assess_all, programmes_adopted_later
from cnht_analysis.citations import cited_ids, number_citations
from cnht_analysis.dump import write_dataset
from cnht_analysis.errors import InputError
from cnht_analysis.load import load_dataset
from tests.test_load import FILES, edit

OWNERS_INDICATORS = FILES["indicators.csv"].replace(
    "description_en,derive\n", "description_en,derive,owner_vi,owner_en,context_for\n"
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    root.mkdir()
    for name, text in FILES.items():
        (root / name).write_text(text, encoding="utf-8", newline="")
    # every indicator row gets three more (empty) cells, then the firms row its owner/context
    lines = OWNERS_INDICATORS.splitlines()
    lines = [lines[0]] + [line + ",,," for line in lines[1:]]
    lines[1] = lines[1][:-3] + ',"Sở Công Thương — danh sách DN",Department list,'
    lines[4] = lines[4][:-3] + ",,,index"  # index_growth gives context to index
    (root / "indicators.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def problems(root: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        load_dataset(root)
    return [str(p) for p in info.value.problems]


def test_new_fields_load_and_round_trip(data: Path, tmp_path: Path) -> None:
    edit(data / "observations.csv", "note,break\n", "note,note_vi,break\n")
    obs = (data / "observations.csv").read_text(encoding="utf-8").splitlines()
    obs = [obs[0]] + [line.rsplit(",", 1)[0] + ",," + line.rsplit(",", 1)[1] for line in obs[1:]]
    obs[3] = obs[3].replace(
        '"a note, with a comma",,', '"a note, with a comma [s1]","ghi chú [s1, s2]",'
    )
    (data / "observations.csv").write_text("\n".join(obs) + "\n", encoding="utf-8")
    edit(
        data / "regions.csv",
        "name_en\nhanoi,Hà Nội,Hanoi",
        "name_en,issuing_body_vi,place_vi\nhanoi,Hà Nội,Hanoi,SỞ CÔNG THƯƠNG,Hà Nội",
    )
    edit(data / "targets.yaml", "    base_year: 2021\n", "    base_year: 2021\n    adopted: 2022\n")
    edit(
        data / "targets.yaml",
        '    quote_vi: "khoảng 920 doanh nghiệp"\n',
        '    quote_vi: "khoảng 920 doanh nghiệp"\n    basis: inferred\n'
        '    basis_note_vi: "lấy từ kế hoạch sau [s2]"\n    basis_note_en: "from a later plan"\n'
        '    note_vi: "ghi chú"\n',
    )
    ds = load_dataset(data)
    firms = ds.indicators["firms"]
    assert (firms.owner_vi, firms.owner_en) == ("Sở Công Thương — danh sách DN", "Department list")
    assert ds.indicators["index_growth"].context_for == ("index",)
    o = ds.observations[2]
    assert (o.note, o.note_vi) == ("a note, with a comma [s1]", "ghi chú [s1, s2]")
    assert ds.regions["hanoi"].issuing_body_vi == "SỞ CÔNG THƯƠNG"
    assert ds.regions["hanoi"].superior_body_vi == ""
    assert ds.programmes["plan"].adopted == 2022
    t = ds.targets[0]
    assert t.inferred and t.basis_note_vi == "lấy từ kế hoạch sau [s2]" and t.note_vi == "ghi chú"
    assert not ds.targets[1].inferred
    again = load_dataset(write_dataset(ds, tmp_path / "copy"))
    assert again.indicators == ds.indicators
    assert again.observations == ds.observations
    assert again.programmes == ds.programmes and again.targets == ds.targets
    assert again.regions == ds.regions


def test_basis_must_be_known_and_inferred_needs_a_note(data: Path) -> None:
    edit(
        data / "targets.yaml",
        "    tolerance_rel: 0.03\n",
        "    tolerance_rel: 0.03\n    basis: guessed\n",
    )
    assert any(
        "basis: 'guessed' is not allowed" in p or "basis: guessed is not allowed" in p
        for p in problems(data)
    ), problems(data)
    edit(data / "targets.yaml", "basis: guessed", "basis: inferred")
    found = problems(data)
    assert len(found) == 1 and "basis_note_vi" in found[0] and "inferred" in found[0]


def test_adopted_after_the_period_is_an_error(data: Path) -> None:
    edit(data / "targets.yaml", "    base_year: 2021\n", "    base_year: 2021\n    adopted: 2026\n")
    found = problems(data)
    assert len(found) == 1 and "adopted" in found[0] and "2025" in found[0]


def test_context_for_names_other_indicators(data: Path) -> None:
    edit(data / "indicators.csv", ",,,index\n", ",,,indx;index_growth\n")
    found = problems(data)
    assert len(found) == 2
    assert any("'indx' is not an indicator" in p and "index" in p for p in found), found
    assert any("indicator itself" in p for p in found), found


def test_citations_in_notes_name_known_sources(data: Path) -> None:
    edit(data / "observations.csv", '"a note, with a comma"', '"see [S1] and [s1, s9]; [sic]"')
    found = problems(data)
    assert len(found) == 2, found
    assert any("write [s1]" in p for p in found), found
    assert any("'s9'" in p and "not a source" in p for p in found), found


def test_programmes_adopted_later_are_not_assessed(data: Path) -> None:
    edit(data / "targets.yaml", "    base_year: 2021\n", "    base_year: 2021\n    adopted: 2024\n")
    ds = load_dataset(data)
    assert assess_all(ds, "hanoi", 2023) == []
    assert [p.id for p in programmes_adopted_later(ds, "hanoi", 2023)] == ["plan"]
    assert len(assess_all(ds, "hanoi", 2024)) == 3
    assert programmes_adopted_later(ds, "hanoi", 2024) == []
    unknown = replace(ds.programmes["plan"], adopted=None)
    assert unknown.in_force(1900)


def test_cited_ids_and_numbering() -> None:
    text = "as [h5, h6] said; again [h5]; not a citation [sic]; [seed]"
    assert cited_ids(text) == ["h5", "h6", "sic", "seed"]
    numbering = {"h5": 3, "h6": 1, "seed": 2}
    assert (
        number_citations(text, numbering) == "as [1, 3] said; again [3]; not a citation [sic]; [2]"
    )
    assert number_citations("", numbering) == ""
