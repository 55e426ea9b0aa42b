"""Read a data directory and validate it: every problem is collected, then raised at once.

Problems are located the way a clerk finds them: a CSV row is the row number Excel shows (the
header is row 1; the text-editor line is added when a cell spans several lines), a YAML problem
names the line and the key path (``targets[plan_2022_enterprises].value``).

The checks of each file live in `cnht_analysis.dataset` (`sources`, `regions`, `indicators`,
`observations`, `targets`, `overrides`; the shared readers and parsers in `readers` and
`common`); this module runs them in order. The names other modules import from here
(`parse_number`, `suggest`, `CsvRow`, …) are re-exported.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from . import paths
from .dataset.checks import Checks
from .dataset.common import (
    ANY_UNIT_MAX,
    BOOLEANS,
    CSV_COLUMNS,
    DOT_THOUSANDS_RE,
    FILE_ORDER,
    ID_RE,
    INDICATORS_FILE,
    NUMBER_RE,
    OBSERVATIONS_FILE,
    OPTIONAL_FILES,
    OVERRIDES_FILE,
    QUALIFIED_NUMBER_RE,
    QUALIFIER_OF,
    REGIONS_FILE,
    REQUIRED_FILES,
    SOURCE_ID_RE,
    SOURCES_FILE,
    TARGETS_FILE,
    TEXT_RULE,
    THOUSANDS_RE,
    UNIT_MAX,
    WORD_ALIASES,
    YEAR_MAX,
    YEAR_MIN,
    Where,
    bad_character,
    check_url,
    closest,
    one_line,
    one_of,
    parse_date,
    parse_number,
    parse_year,
    problem,
    qualified_number,
    show,
    suggest,
)
from .dataset.indicators import load_indicators
from .dataset.observations import check_derived_bounds, load_observations
from .dataset.overrides import OVERRIDE_KEYS, load_overrides
from .dataset.readers import MAX_YAML_NODES, CsvRow, YamlValue, read_csv, read_text, read_yaml
from .dataset.regions import REGION_ADMIN_COLUMNS, load_regions
from .dataset.sources import load_sources
from .dataset.targets import PROGRAMME_KEYS, TARGET_KEYS, TARGET_TEXTS, TOP_KEYS, load_targets
from .errors import InputError, Problem
from .models import Dataset

__all__ = [
    "ANY_UNIT_MAX",
    "BOOLEANS",
    "CSV_COLUMNS",
    "DOT_THOUSANDS_RE",
    "FILE_ORDER",
    "ID_RE",
    "INDICATORS_FILE",
    "MAX_YAML_NODES",
    "NUMBER_RE",
    "OBSERVATIONS_FILE",
    "OPTIONAL_FILES",
    "OVERRIDES_FILE",
    "OVERRIDE_KEYS",
    "PROGRAMME_KEYS",
    "QUALIFIED_NUMBER_RE",
    "QUALIFIER_OF",
    "REGIONS_FILE",
    "REGION_ADMIN_COLUMNS",
    "REQUIRED_FILES",
    "SOURCES_FILE",
    "SOURCE_ID_RE",
    "TARGETS_FILE",
    "TARGET_KEYS",
    "TARGET_TEXTS",
    "TEXT_RULE",
    "THOUSANDS_RE",
    "TOP_KEYS",
    "UNIT_MAX",
    "WORD_ALIASES",
    "YEAR_MAX",
    "YEAR_MIN",
    "CsvRow",
    "Where",
    "YamlValue",
    "bad_character",
    "check_url",
    "closest",
    "load_dataset",
    "one_line",
    "one_of",
    "parse_date",
    "parse_number",
    "parse_year",
    "problem",
    "qualified_number",
    "read_csv",
    "read_text",
    "read_yaml",
    "show",
    "suggest",
]


def _load(c: Checks) -> Dataset:
    """Every file checked in the spec's order; problems raised at once, sorted by file and row."""
    if not c.dir.exists():
        raise InputError(
            [
                problem(
                    str(c.dir),
                    "",
                    "",
                    "does not exist",
                    "a data directory holding " + ", ".join(REQUIRED_FILES),
                )
            ]
        )
    if not c.dir.is_dir():
        raise InputError(
            [
                problem(
                    str(c.dir),
                    "",
                    "",
                    "is not a directory",
                    "a data directory holding " + ", ".join(REQUIRED_FILES),
                )
            ]
        )
    for name in REQUIRED_FILES:
        if not c.path(name).is_file() and not c.not_regular(name):
            missing_file(c, name)
    sources = load_sources(c)
    regions = load_regions(c)
    indicators = load_indicators(c)
    observations = load_observations(c, indicators)
    programmes, targets = load_targets(c, indicators)
    overrides = load_overrides(c)
    if c.problems:
        raise InputError(_ordered(c.problems))
    ds = Dataset(
        data_dir=c.dir,
        indicators=indicators,
        observations=observations,
        sources=sources,
        programmes=programmes,
        targets=targets,
        regions=regions,
        overrides=overrides,
        files=c.files,
    )
    check_derived_bounds(c, ds)
    if c.problems:
        raise InputError(_ordered(c.problems))
    return ds


def missing_file(c: Checks, name: str) -> None:
    """Report a required file that is absent, naming a look-alike that is there."""
    try:
        present = [p.name for p in c.dir.iterdir()]
    except OSError:
        present = []
    stem = name.rsplit(".", 1)[0]
    look_alike = [p for p in present if p.lower() != name and stem in p.lower()]
    look_alike += difflib.get_close_matches(name, present, n=1, cutoff=0.75)
    hint = f" (found {show(look_alike[0])}: rename it or save it as {name})" if look_alike else ""
    c.add(
        name,
        "",
        "",
        f"is missing from {c.dir}{hint}",
        "this file (see the data contracts in the spec)",
    )


def _ordered(problems: list[Problem]) -> list[Problem]:
    """Problems without repeats, grouped by file in the spec's order, then by row or line."""

    def key(p: Problem) -> tuple[int, int]:
        rank = FILE_ORDER.index(p.file) if p.file in FILE_ORDER else -1
        m = re.match(r"\d+", p.location)
        return rank, int(m.group()) if m else 0

    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=key)


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Read and validate a data directory; raises InputError listing every problem found."""
    return _load(Checks(Path(data_dir) if data_dir is not None else paths.DATA_DIR))
