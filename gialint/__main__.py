"""``python -m gialint``."""

import sys

from gialint.cli.program import main

sys.exit(main())
