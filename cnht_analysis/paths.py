"""Paths anchored at the project root, never at the current working directory."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
DATA_DIR = Path(os.environ.get("CNHT_DATA_DIR", PROJECT_ROOT / "data"))
REPORTS_DIR = Path(os.environ.get("CNHT_REPORTS_DIR", PROJECT_ROOT / "reports"))
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
