"""The one grammar of `indicators.csv`'s `derive` column: share(a, b), growth(a), index(a)."""

from __future__ import annotations

import re
from dataclasses import dataclass

FUNCTIONS = ("share", "growth", "index")
ARITY = {"share": 2, "growth": 1, "index": 1}
# The unit each function gives the indicator it derives.
UNIT_OF = {"share": "percent", "growth": "growth_pct", "index": "index"}
EXPECTED = "share(a, b), growth(a) or index(a) with indicator ids"
ARITY_EXPECTED = "share(a, b) with two indicator ids; growth(a) and index(a) with one"

_RULE_RE = re.compile(
    r"^(share|growth|index)\(\s*([a-z][a-z0-9_]*)\s*(?:,\s*([a-z][a-z0-9_]*)\s*)?\)$"
)


@dataclass(frozen=True)
class Derive:
    """A parsed derive rule: the function and the indicator ids it reads, in order."""

    func: str
    args: tuple[str, ...]

    @property
    def arity_ok(self) -> bool:
        """Whether the rule has as many ids as its function takes."""
        return len(self.args) == ARITY[self.func]

    @property
    def unit(self) -> str:
        """The unit of the indicator this rule derives."""
        return UNIT_OF[self.func]


def parse(rule: str) -> Derive | None:
    """'share(a, b)' → Derive('share', ('a', 'b')); None when the text is not a rule."""
    m = _RULE_RE.match(rule.strip())
    if not m:
        return None
    func, a, b = m.groups()
    return Derive(func, (a, b) if b else (a,))
