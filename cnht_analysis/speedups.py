"""Start-up costs we can avoid without changing any result.

`jsonschema` (imported by `nbformat`, so by papermill, nbconvert and every test touching a
notebook) imports `rfc3987_syntax` when it is installed — it is, through jupyter-events — to
check the "iri" string formats. That module builds four Earley parsers at import: 2.5 s on an
idle core, up to 9 s on a loaded one, in every process. No notebook schema and nothing of ours
uses those formats, so the import is declined: jsonschema then simply has no "iri" checker.
"""

from __future__ import annotations

import sys


def skip_iri_grammar() -> None:
    """Make `import rfc3987_syntax` fail fast in this process (unless it is already loaded)."""
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
