"""Citations inside notes: `[h5]` or `[h5, h6]` (source ids), numbered for readers."""

from __future__ import annotations

import re

_CITE = re.compile(r"\[([A-Za-z0-9_.-]+(?:\s*,\s*[A-Za-z0-9_.-]+)*)\]")


def cited_ids(text: str) -> list[str]:
    """Source ids cited in `text`, in order of first appearance."""
    seen: list[str] = []
    for m in _CITE.finditer(text or ""):
        for sid in (p.strip() for p in m.group(1).split(",")):
            if sid and sid not in seen:
                seen.append(sid)
    return seen


def number_citations(text: str, numbering: dict[str, int]) -> str:
    """`[h5, h6]` → `[3, 4]` with the report's one numbering; unknown ids are left out."""

    def repl(m: re.Match[str]) -> str:
        ids = [p.strip() for p in m.group(1).split(",")]
        if not all(i in numbering for i in ids):
            known = [i for i in ids if i in numbering]
            if not known:
                return m.group(0) if not any(i[:1].isalpha() for i in ids) else ""
            ids = known
        return "[" + ", ".join(str(numbering[i]) for i in ids) + "]"

    return _CITE.sub(repl, text or "")
