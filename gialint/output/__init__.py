"""Output formats, one small module each; :data:`FORMATS` maps a ``--format`` name to its module."""

from __future__ import annotations

FORMATS = {"text": "gialint.output.text", "json": "gialint.output.json"}
