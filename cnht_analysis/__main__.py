"""`python -m cnht_analysis` runs the `cnht` command."""

import sys

from .cli import main

sys.exit(main())
