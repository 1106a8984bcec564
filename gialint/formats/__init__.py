"""The national (and provincial) report formats as data: parts, table templates, labels and
relations, and how a report's tables are matched to them.
"""

from __future__ import annotations

from gialint._lazy import face

_NAMES = {
    "Format": "templates",
    "TableTemplate": "templates",
    "Label": "templates",
    "Relation": "templates",
    "Term": "templates",
    "Statement": "templates",
    "ContentItem": "templates",
    "PartTemplate": "templates",
    "choose": "templates",
    "load_format": "load",
}

__getattr__, __dir__ = face(__name__, _NAMES)
