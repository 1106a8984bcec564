"""gialint: a lint engine for 政府信息公开工作年度报告 (government information-disclosure annual reports).

Public API re-exports only; see :mod:`gialint.hookspecs` for the plugin hooks.
"""

from __future__ import annotations

__version__ = "0.1.0"

from gialint.engine.plugin import hookimpl

__all__ = ["__version__", "hookimpl"]
