"""Numbers, percentages and dates in each language's form; time stamps in Hanoi time."""

from __future__ import annotations

import datetime as dt

HANOI = dt.timezone(dt.timedelta(hours=7), "UTC+7")


def fmt_number(x: float | None, lang: str, digits: int = 0) -> str:
    """vi 1.234,5 / en 1,234.5; '–' for none."""
    from ..text import fmt_number as _fmt

    return _fmt(x, lang, digits)


def fmt_pct(x: float | None, lang: str, signed: bool = False, digits: int = 1) -> str:
    """A value in percent: vi '+3,4 %', en '+3.4%'."""
    from ..text import fmt_percent

    return fmt_percent(x, lang, digits, sign=signed)


def fmt_date_vi(day: dt.date) -> str:
    """The Vietnamese date form: 'ngày 2 tháng 12 năm 2026'."""
    return fmt_date(day, "vi")


def fmt_date(day: dt.date, lang: str) -> str:
    """vi 'ngày 2 tháng 12 năm 2026'; en '2 December 2026' (the one date form, text.fmt_date)."""
    from ..text import fmt_date as _fmt

    return _fmt(day, lang)


def hanoi_now() -> dt.datetime:
    """The current moment in Hanoi time (UTC+7, no daylight saving)."""
    return dt.datetime.now(HANOI)
