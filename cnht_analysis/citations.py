"""Citations inside notes: `[h5]` or `[h5, h6]`, source ids in square brackets.

Readers never see source ids: each output numbers its sources once (`{source_id: n}`) and
`number_citations` writes the numbers in their place, so the HTML, `cnht explain` and the Word
report cite a source by the same number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# One or more source ids, comma-separated, in square brackets: "[h5]", "[h5, h6]", "[seed]".
CITATION_RE = re.compile(r"\[([A-Za-z0-9_.\-]+(?:\s*,\s*[A-Za-z0-9_.\-]+)*)\]")


def cited_ids(text: str) -> list[str]:
    """The source ids cited in `text`, in order of first appearance, each once."""
    out: list[str] = []
    for m in CITATION_RE.finditer(text or ""):
        for sid in (s.strip() for s in m.group(1).split(",")):
            if sid not in out:
                out.append(sid)
    return out


def number_citations(text: str, numbering: Mapping[str, int]) -> str:
    """`text` with every `[id, …]` replaced by `[n, …]` from `numbering`.

    A bracket whose ids are not all in `numbering` is left as it is (it is not a citation, e.g.
    "[sic]"); the loader refuses notes that cite unknown sources, so this does not hide one.
    """

    def repl(m: re.Match[str]) -> str:
        ids = [s.strip() for s in m.group(1).split(",")]
        if not all(s in numbering for s in ids):
            return m.group(0)
        nums = sorted({numbering[s] for s in ids})
        return "[" + ", ".join(str(n) for n in nums) + "]"

    return CITATION_RE.sub(repl, text or "")
