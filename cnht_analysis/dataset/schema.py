"""What each data file holds, said once: its columns (or keys), their types, the record field each
fills, the codes allowed, and how a workbook shows them to a clerk.

The loader, the writer (`dump.py`) and both Excel directions (`excel.py`) read these tables; none
of them lists the columns of a file again (data-and-cli.md §1 is the source of every row).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from ..models import (
    BASES,
    OBS_STATUSES,
    QUALIFIERS,
    STATUSES,
    TARGET_TYPES,
    UNITS,
    Indicator,
    Observation,
    Override,
    Programme,
    Region,
    Source,
    Target,
)

INDICATORS_FILE = "indicators.csv"
OBSERVATIONS_FILE = "observations.csv"
TARGETS_FILE = "targets.yaml"
SOURCES_FILE = "sources.csv"
REGIONS_FILE = "regions.csv"
OVERRIDES_FILE = "overrides.yaml"

# Column kinds: how a cell is read and written.
ID, TEXT, NOTE, CODE, NUMBER, YEAR, BOOL, FLAG, DATE, URL, IDS, DERIVE = (
    "id",  # snake_case id
    "text",  # one line of text
    "note",  # free text (newline and tab allowed)
    "code",  # one of `allowed`
    "number",
    "year",
    "bool",  # true / false, required
    "flag",  # true / false, default false, written empty when false
    "date",  # ISO date or empty
    "url",
    "ids",  # ';'-separated ids, a tuple in the record
    "derive",  # a derive rule (dataset/derive.py)
)


@dataclass(frozen=True)
class Column:
    """One column of a CSV file (or one key of a YAML entry)."""

    name: str  # as the file writes it
    kind: str
    required: bool = False
    field: str = ""  # the record attribute; the column name when empty
    allowed: tuple[str, ...] = ()  # the codes of a `code` column
    label_vi: str = ""  # the workbook's header for a clerk
    help_vi: str = ""  # the header's comment in the workbook
    help_en: str = ""
    labels_vi: tuple[str, ...] = ()  # the drop-down's words for `allowed`, in the same order

    @property
    def attr(self) -> str:
        """The record attribute this column fills."""
        return self.field or self.name


@dataclass(frozen=True)
class FileSchema:
    """One data file: its name, the record each row (entry) becomes, and its columns in order."""

    name: str
    record: type
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """Every column name, in the spec's order."""
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        """The columns a file must have."""
        return tuple(c.name for c in self.columns if c.required)

    @property
    def optional(self) -> tuple[str, ...]:
        """The columns a file may leave out."""
        return tuple(c.name for c in self.columns if not c.required)

    def column(self, name: str) -> Column:
        """The column called `name`."""
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def values(self, record: Any) -> dict[str, Any]:
        """The record's value for each column, by column name (tuples of ids joined by ';')."""
        out: dict[str, Any] = {}
        for c in self.columns:
            v = getattr(record, c.attr)
            if c.kind == IDS:
                v = ";".join(v)
            elif c.kind == FLAG:
                v = "true" if v else ""  # the spec's default (false) is left empty
            out[c.name] = v
        return out

    def changed(self, old: Any, new: Any) -> Iterable[tuple[str, Any, Any]]:
        """(column, old value, new value) for each column two records differ in."""
        for c in self.columns:
            a, b = getattr(old, c.attr), getattr(new, c.attr)
            if a != b:
                yield c.name, a, b


@dataclass(frozen=True)
class EntrySchema:
    """One kind of YAML entry: its keys in the spec's order, which are required, and its record."""

    section: str  # "programmes", "targets", or "" for overrides.yaml's list
    record: type
    order: tuple[str, ...]
    required: tuple[str, ...]

    @property
    def optional(self) -> tuple[str, ...]:
        """The keys an entry may leave out."""
        return tuple(k for k in self.order if k not in self.required)

    @property
    def keys(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(required keys, optional keys), as the loader checks them."""
        return self.required, self.optional

    def entry(self, record: Any) -> dict[str, Any]:
        """The record's keys in order: the required ones always, the others when set."""
        defaults = {f.name: f.default for f in fields(record)}
        out: dict[str, Any] = {}
        for key in self.order:
            value = getattr(record, key)
            if key in self.required or value != defaults[key]:
                out[key] = value
        return out


_REGION_HELP = ("Mã địa bàn (giữ nguyên)", "Region id (keep as is)")

INDICATORS = FileSchema(
    INDICATORS_FILE,
    Indicator,
    (
        Column("indicator", ID, True, field="id", label_vi="Mã chỉ tiêu"),
        Column("name_vi", TEXT, True, label_vi="Tên (tiếng Việt)"),
        Column("name_en", TEXT, True, label_vi="Tên (tiếng Anh)"),
        Column("unit", CODE, True, allowed=UNITS, label_vi="Đơn vị"),
        Column("higher_is_better", BOOL, True, label_vi="Càng cao càng tốt"),
        Column("min", NUMBER, label_vi="Tối thiểu"),
        Column("max", NUMBER, label_vi="Tối đa"),
        Column("description_vi", NOTE, label_vi="Mô tả (tiếng Việt)"),
        Column("description_en", NOTE, label_vi="Mô tả (tiếng Anh)"),
        Column("derive", DERIVE, label_vi="Cách tính"),
        Column("owner_vi", TEXT, label_vi="Đơn vị nắm số liệu (tiếng Việt)"),
        Column("owner_en", TEXT, label_vi="Đơn vị nắm số liệu (tiếng Anh)"),
        Column("context_for", IDS, label_vi="Làm bối cảnh cho"),
    ),
)

OBSERVATIONS = FileSchema(
    OBSERVATIONS_FILE,
    Observation,
    (
        Column(
            "region", ID, True, label_vi="Địa bàn", help_vi=_REGION_HELP[0], help_en=_REGION_HELP[1]
        ),
        Column(
            "indicator",
            ID,
            True,
            label_vi="Chỉ tiêu",
            help_vi="Mã chỉ tiêu, chọn trong danh sách (trang Chỉ tiêu)",
            help_en="Indicator id (list)",
        ),
        Column(
            "year",
            YEAR,
            True,
            label_vi="Năm",
            help_vi="Năm, số nguyên, ví dụ 2024",
            help_en="Year, a whole number, e.g. 2024",
        ),
        Column(
            "value",
            NUMBER,
            True,
            label_vi="Giá trị",
            help_vi="Giá trị theo đơn vị của chỉ tiêu; là số, không có %",
            help_en="Value in the unit; a number",
        ),
        Column(
            "status",
            CODE,
            True,
            allowed=OBS_STATUSES,
            label_vi="Tình trạng số liệu",
            labels_vi=("chính thức", "sơ bộ", "ước tính", "suy ra"),
            help_vi="chính thức / sơ bộ / ước tính / suy ra",
            help_en="actual / preliminary / estimate / derived",
        ),
        Column(
            "qualifier",
            CODE,
            True,
            allowed=QUALIFIERS,
            label_vi="Mức chính xác",
            labels_vi=("đúng", "khoảng", "hơn", "dưới"),
            help_vi="đúng / khoảng / hơn (cận dưới) / dưới (cận trên)",
            help_en="exact / about / more_than / less_than",
        ),
        Column(
            "source",
            ID,
            True,
            label_vi="Nguồn",
            help_vi="Mã nguồn trong trang Nguồn",
            help_en="Source id from the Nguồn sheet",
        ),
        Column(
            "note",
            NOTE,
            label_vi="Ghi chú (tiếng Anh)",
            help_vi="Ghi chú bằng tiếng Anh (tuỳ chọn)",
            help_en="Note in English (optional)",
        ),
        Column(
            "note_vi",
            NOTE,
            label_vi="Ghi chú (tiếng Việt)",
            help_vi="Ghi chú bằng tiếng Việt (tuỳ chọn)",
            help_en="Note in Vietnamese (optional)",
        ),
        Column(
            "break",
            FLAG,
            field="breaks",
            label_vi="Đổi định nghĩa",
            help_vi="true nếu định nghĩa thay đổi trước số liệu này",
            help_en="true if the definition changed",
        ),
    ),
)

SOURCES = FileSchema(
    SOURCES_FILE,
    Source,
    (
        Column(
            "source",
            ID,
            True,
            field="id",
            label_vi="Mã nguồn",
            help_vi="Mã nguồn, duy nhất",
            help_en="Source id, unique",
        ),
        Column("publisher", TEXT, label_vi="Cơ quan ban hành"),
        Column("title", TEXT, label_vi="Tiêu đề"),
        Column(
            "date",
            DATE,
            label_vi="Ngày",
            help_vi="Ngày công bố dạng 2024-10-28, hoặc để trống",
            help_en="ISO date, or empty when unknown",
        ),
        Column("url", URL, label_vi="Địa chỉ web"),
        Column("language", TEXT, label_vi="Ngôn ngữ"),
    ),
)

REGIONS = FileSchema(
    REGIONS_FILE,
    Region,
    (
        Column("region", ID, True, field="id", label_vi="Mã địa bàn"),
        Column("name_vi", TEXT, True, label_vi="Tên (tiếng Việt)"),
        Column("name_en", TEXT, True, label_vi="Tên (tiếng Anh)"),
        Column("superior_body_vi", TEXT),
        Column("issuing_body_vi", TEXT),
        Column("issuing_body_abbr", TEXT),
        Column("place_vi", TEXT),
        Column("signer_title_vi", TEXT),
    ),
)

CSV_FILES: dict[str, FileSchema] = {s.name: s for s in (INDICATORS, OBSERVATIONS, SOURCES, REGIONS)}

PROGRAMMES = EntrySchema(
    "programmes",
    Programme,
    (
        "id",
        "region",
        "name_vi",
        "name_en",
        "document",
        "period",
        "base_year",
        "adopted",
        "source",
        "note",
        "note_vi",
    ),
    ("id", "region", "name_vi", "name_en", "period", "base_year"),
)
TARGETS = EntrySchema(
    "targets",
    Target,
    (
        "id",
        "programme",
        "indicator",
        "year",
        "type",
        "value",
        "tolerance_abs",
        "tolerance_rel",
        "base_year",
        "window",
        "source",
        "quote_vi",
        "quote_en",
        "note",
        "note_vi",
        "basis",
        "basis_note_vi",
        "basis_note_en",
    ),
    ("id", "programme", "indicator", "year", "type", "value", "source"),
)
OVERRIDES = EntrySchema(
    "", Override, ("target", "as_of", "status", "reason"), ("target", "as_of", "status", "reason")
)
TOP_KEYS = (("programmes", "targets"), ())
# The codes a YAML key allows.
TARGET_CODES = {"type": TARGET_TYPES, "basis": BASES}
OVERRIDE_CODES = {"status": STATUSES}
