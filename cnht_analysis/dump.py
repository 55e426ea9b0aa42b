"""Write a Dataset as a data directory: the files of the spec, in the form the loader reads.

The files are UTF-8 with `\\n` line ends and NFC text; CSV columns come in the loader's order;
numbers are written as a person would type them (`920`, not `920.0`; `0.3`, not
`0.30000000000000004`); a YAML entry carries its optional keys only when they are set. So
`load_dataset(write_dataset(ds, root))` gives back the records of `ds` for every number of up to
15 significant digits (what Excel keeps, and more than any source states).
"""

from __future__ import annotations

import csv
import math
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from .dataset import schema
from .dataset.schema import (
    INDICATORS_FILE,
    OBSERVATIONS_FILE,
    OVERRIDES_FILE,
    REGIONS_FILE,
    SOURCES_FILE,
    TARGETS_FILE,
)
from .models import Dataset, Override, Programme, Target

# The keys of a YAML entry in the order the spec writes them (data-and-cli.md §1).
PROGRAMME_ORDER = schema.PROGRAMMES.order
TARGET_ORDER = schema.TARGETS.order
OVERRIDE_ORDER = schema.OVERRIDES.order
# Free text is written in double quotes, as in the spec; ids and codes are left plain.
QUOTED_KEYS = {"name_vi", "name_en", "document", "note", "quote_vi", "quote_en", "reason"}
QUOTED_KEYS |= {"note_vi", "basis_note_vi", "basis_note_en"}


def number_text(x: float | int) -> str:
    """A number as the data files write it: ints stay ints, floats shortest, no binary noise."""
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, int):
        return str(x)
    if not math.isfinite(x):
        return str(x)
    # Excel keeps 15 significant digits: anything beyond is noise from binary arithmetic.
    text = f"{float(f'{x:.15g}')!r}"
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def write_dataset(ds: Dataset, root: Path | str, *, comment: str = "") -> Path:
    """Write `ds` to the data directory `root` and return it; `comment` heads the YAML files."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    _write_csv(root, INDICATORS_FILE, ds.indicators.values())
    _write_csv(root, OBSERVATIONS_FILE, ds.observations)
    _write_csv(root, SOURCES_FILE, ds.sources.values())
    doc = {
        "programmes": [_entry(p, schema.PROGRAMMES) for p in ds.programmes.values()],
        "targets": [_entry(t, schema.TARGETS) for t in ds.targets],
    }
    _write_yaml(root / TARGETS_FILE, doc, comment)
    # The optional files: a stale one left from an earlier write would change what loads.
    if ds.regions:
        _write_csv(root, REGIONS_FILE, ds.regions.values())
    else:
        (root / REGIONS_FILE).unlink(missing_ok=True)
    if ds.overrides:
        overrides = [_entry(o, schema.OVERRIDES) for o in ds.overrides]
        _write_yaml(root / OVERRIDES_FILE, overrides, comment)
    else:
        (root / OVERRIDES_FILE).unlink(missing_ok=True)
    return root


# --- CSV -----------------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return number_text(value)
    return unicodedata.normalize("NFC", str(value))


def _write_csv(root: Path, name: str, records: Iterable[Any]) -> None:
    """The records as the CSV file `name`, every column of its schema in order."""
    file = schema.CSV_FILES[name]
    with (root / name).open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(file.names)
        w.writerows([_cell(v) for v in file.values(r).values()] for r in records)


# --- YAML ----------------------------------------------------------------------------------------


class _Pair(list):
    """A [first, last] pair of years, written on one line."""


class _Quoted(str):
    """Free text, written in double quotes."""


class _Dumper(yaml.SafeDumper):
    """Block style with indented lists, numbers as `number_text`, year pairs on one line."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # "  - id: …" under its key, as the spec writes it


def _represent_float(dumper: yaml.SafeDumper, x: float) -> yaml.Node:
    if x.is_integer():
        return dumper.represent_int(int(x))
    if not math.isfinite(x):
        return dumper.represent_float(x)
    return dumper.represent_scalar("tag:yaml.org,2002:float", number_text(x))


def _represent_pair(dumper: yaml.SafeDumper, pair: _Pair) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", pair, flow_style=True)


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    return dumper.represent_str(unicodedata.normalize("NFC", text))


def _represent_quoted(dumper: yaml.SafeDumper, text: _Quoted) -> yaml.Node:
    nfc = unicodedata.normalize("NFC", text)
    return dumper.represent_scalar("tag:yaml.org,2002:str", nfc, style='"')


_Dumper.add_representer(float, _represent_float)
_Dumper.add_representer(_Pair, _represent_pair)
_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Quoted, _represent_quoted)


def _entry(record: Programme | Target | Override, entry: schema.EntrySchema) -> dict[str, Any]:
    """The record's keys in the spec's order: the required ones always, the others when set."""
    out: dict[str, Any] = {}
    for key, value in entry.entry(record).items():
        if isinstance(value, tuple):
            value = _Pair(value)
        elif key in QUOTED_KEYS:
            value = _Quoted(value)
        out[key] = value
    return out


def _write_yaml(path: Path, doc: Any, comment: str) -> None:
    head = "".join(f"# {line}\n" for line in comment.splitlines())
    body = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1 << 30)
    path.write_text(unicodedata.normalize("NFC", head) + body, encoding="utf-8", newline="")
