"""Configuration: YAML rule sets and ``.gialint.yaml``/``pyproject.toml`` files, read once,
validated with located errors, and handed to rules frozen.
"""

from __future__ import annotations

from gialint._lazy import face

_NAMES = {
    "Config": "model",
    "RuleSetting": "model",
    "Override": "model",
    "Loader": "loader",
    "ConfigError": "yamlio",
    "ConfigResolver": "discovery",
}

__getattr__, __dir__ = face(__name__, _NAMES)
