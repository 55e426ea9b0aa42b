"""One keyed catalogue of every vi/en word the presentation shows, and number/date forms."""

from __future__ import annotations

from .catalogue import CATALOGUE, FLAGS
from .numbers import fmt_date, fmt_date_vi, fmt_number, fmt_pct, hanoi_now

__all__ = [
    "CATALOGUE",
    "count_summary",
    "flag_phrase",
    "fmt_date",
    "fmt_date_vi",
    "fmt_number",
    "fmt_pct",
    "hanoi_now",
    "t",
    "tn",
]


def t(key: str, lang: str, **kw: object) -> str:
    """The catalogue's words for `key` in `lang`, with `kw` filled in (KeyError when missing)."""
    text = CATALOGUE[key][lang]
    return text.format(**kw) if kw else text


def tn(key: str, lang: str, n: int, **kw: object) -> str:
    """`t` for a count: the `<key>.one` form when n == 1 and the catalogue has one."""
    one = f"{key}.one"
    return t(one if n == 1 and one in CATALOGUE else key, lang, n=n, **kw)


def flag_phrase(code: str, lang: str) -> str:
    """A flag as a phrase of `lang`; a skipped model is named; never the code on a vi page."""
    if code in FLAGS:
        return FLAGS[code][lang]
    if code.startswith("skipped_"):
        from ..text import model_label

        return t("flag.skipped_model", lang, name=model_label(code[len("skipped_") :], lang))
    return t("flag.other", lang)


def count_summary(counts: dict[str, int], total: int, lang: str) -> str:
    """Counts the official way: "3/7 chỉ tiêu đạt và vượt, 1 chỉ tiêu không đạt, …"."""
    from ..status import ORDER

    parts = [t("count.achieved", lang, n=counts.get("achieved", 0), total=total)]
    parts += [
        t(f"count.{code}", lang, n=counts[code])
        for code in ORDER
        if code != "achieved" and counts.get(code)
    ]
    return ", ".join(parts)
