"""The ``gialint`` command.
"""

from __future__ import annotations

from gialint._lazy import face

_NAMES = {
    "main": "program",
}

__getattr__, __dir__ = face(__name__, _NAMES)
