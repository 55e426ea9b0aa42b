"""`python -m cnht_analysis` runs the `cnht` command."""

import sys

from .cli import console

sys.exit(console())
