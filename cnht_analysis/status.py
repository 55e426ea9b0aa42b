"""The status vocabulary, defined once: order, rank, symbol, colour, border and the words.

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
    """One status of the method's vocabulary: everything any view shows for it."""

    code: str
    rank: int | None  # for "since last year": higher is better; None = no verdict
    symbol: str  # tells statuses apart without colour (print, colour blindness)
    colour: str  # Okabe & Ito (2008), readable with any colour vision; black text on it
    border: str  # CSS border style: solid = final, dashed = progress, dotted = no verdict
    vi: str  # the word of the government's plan reviews
    en: str

    @property
    def label_key(self) -> str:
        """The status word's key in the words catalogue."""
        return f"status.{self.code}"


_ALL = (
    Status("achieved", 4, "✔", "#009E73", "solid", "Đạt", "Achieved"),  # bluish green
    Status("on_track", 4, "▲", "#56B4E9", "dashed", "Có khả năng đạt", "On track"),  # sky blue
    Status(
        "acceleration_needed", 3, "◆", "#E69F00", "dashed", "Cần đẩy nhanh", "Acceleration needed"
    ),  # orange
    Status(
        "limited_progress", 2, "▼", "#F0E442", "dashed", "Khó đạt", "Limited progress"
    ),  # yellow
    Status("deterioration", 1, "↘", "#CC79A7", "dashed", "Thụt lùi", "Moving away"),  # purple
    Status("missed", 1, "✖", "#D55E00", "solid", "Không đạt", "Missed"),  # vermillion
    Status(
        "unable_to_assess", None, "?", "#BBBBBB", "dotted", "Chưa đủ số liệu", "Unable to assess"
    ),
)

STATUSES: dict[str, Status] = {s.code: s for s in _ALL}
ORDER: tuple[str, ...] = tuple(STATUSES)
VERDICTS: tuple[str, ...] = tuple(c for c, s in STATUSES.items() if s.rank is not None)
UNKNOWN_COLOUR = STATUSES["unable_to_assess"].colour  # a code outside the vocabulary

# The review word for an achieved target whose value beats the stated target value.
EXCEEDED = {"vi": "Vượt", "en": "Achieved"}


def label(code: str, lang: str, exceeded: bool = False) -> str:
    """The status word in `lang`; "Vượt" for an achieved target that beat its stated value."""
    from .words import t

    if code == "achieved" and exceeded:
        return t("status.exceeded", lang)
    return t(STATUSES[code].label_key, lang)


def symbol(code: str) -> str:
    """The shape that marks a status without colour."""
    return STATUSES[code].symbol if code in STATUSES else "?"


def colour(code: str) -> str:
    """The status colour (CSS hex)."""
    return STATUSES[code].colour if code in STATUSES else UNKNOWN_COLOUR


def border(code: str) -> str:
    """The badge's border style (CSS): solid for final, dashed for progress statuses."""
    return STATUSES[code].border if code in STATUSES else "solid"


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
