"""The status vocabulary, defined once: order, rank, symbol, colour and the words' keys.

Vietnamese words are those of the government's own plan reviews (method: Status vocabulary):
"Đạt" (or "Vượt" when the value beats the stated target value), "Không đạt", "Có khả năng đạt",
"Cần đẩy nhanh", "Khó đạt", "Thụt lùi", "Chưa đủ số liệu".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .assess import Assessment


@dataclass(frozen=True)
class Status:
    """One status of the method's vocabulary."""

    code: str
    rank: int | None  # for "since last year": higher is better; None = no verdict
    symbol: str  # tells statuses apart without colour (print, colour blindness)
    colour: str
    label_key: str  # key in the words catalogue


_ALL = (
    Status("achieved", 4, "✔", "#1a7f37", "status.achieved"),
    Status("on_track", 4, "▲", "#2e7d32", "status.on_track"),
    Status("acceleration_needed", 3, "◆", "#b26a00", "status.acceleration_needed"),
    Status("limited_progress", 2, "▼", "#c2410c", "status.limited_progress"),
    Status("deterioration", 1, "↘", "#b91c1c", "status.deterioration"),
    Status("missed", 1, "✖", "#7f1d1d", "status.missed"),
    Status("unable_to_assess", None, "?", "#6b7280", "status.unable_to_assess"),
)

STATUSES: dict[str, Status] = {s.code: s for s in _ALL}
ORDER: tuple[str, ...] = tuple(STATUSES)
VERDICTS: tuple[str, ...] = tuple(c for c, s in STATUSES.items() if s.rank is not None)

LABELS = {
    "achieved": {"vi": "Đạt", "en": "Achieved"},
    "exceeded": {"vi": "Vượt", "en": "Achieved"},
    "missed": {"vi": "Không đạt", "en": "Missed"},
    "on_track": {"vi": "Có khả năng đạt", "en": "On track"},
    "acceleration_needed": {"vi": "Cần đẩy nhanh", "en": "Acceleration needed"},
    "limited_progress": {"vi": "Khó đạt", "en": "Limited progress"},
    "deterioration": {"vi": "Thụt lùi", "en": "Moving away"},
    "unable_to_assess": {"vi": "Chưa đủ số liệu", "en": "Unable to assess"},
}


def label(code: str, lang: str, exceeded: bool = False) -> str:
    """The status word in `lang`; "Vượt" for an achieved target that beat its stated value."""
    if code == "achieved" and exceeded:
        return LABELS["exceeded"][lang]
    return LABELS[code][lang]


def symbol(code: str) -> str:
    """The shape that marks a status without colour."""
    return STATUSES[code].symbol if code in STATUSES else "?"


def colour(code: str) -> str:
    """The status colour (CSS hex)."""
    return STATUSES[code].colour if code in STATUSES else "#6b7280"


def rank(code: str) -> int | None:
    """The rank used to compare two verdicts (None for unable_to_assess)."""
    return STATUSES[code].rank


def exceeded(a: Assessment) -> bool:
    """Achieved with a value beyond the stated target value, not just within tolerance."""
    if a.status != "achieved":
        return False
    t = a.target
    if t.is_growth:
        values = [g for _, g in a.window_observed]
        return bool(values) and all(g > t.value for g in values)
    if t.type == "band":
        return False
    x = a.latest_value
    if a.branch == "ex_post":
        x = next((o.value for o in a.observations if o.year == t.year), None)
    if x is None:
        return False
    return x > t.value if t.type == "at_least" else x < t.value
