"""The strict floor: papermill's Python API running a notebook with the machinery of `cnht render`.

Usage: `.venv/bin/python benchmarks/floor_api.py IN.ipynb OUT.ipynb`. Same import avoidance as
render.py (nbformat's jsonschema without its slow optional format checkers) and the same kernel
start (`cnht_analysis.kernel`: the project kernel from its in-memory spec, no debugger), so the
difference between this and `cnht render` is the report itself. benchmarks/run.py times it on
a one-cell notebook.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> int:
    """Execute argv[0] into argv[1] in the project kernel; exit status 0 on success."""
    from cnht_analysis.render import _skip_slow_optional_imports

    _skip_slow_optional_imports()
    import papermill

    from cnht_analysis.kernel import KERNEL_NAME, kernel_manager_class

    papermill.execute_notebook(
        argv[0],
        argv[1],
        kernel_name=KERNEL_NAME,
        progress_bar=False,
        kernel_manager_class=kernel_manager_class(),
        shutdown_kernel="immediate",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
