"""gialint: a lint engine for 政府信息公开工作年度报告 (government information-disclosure annual reports).

Public API re-exports only; see :mod:`gialint.hookspecs` for the plugin hooks. ``hookimpl`` is
imported on first use (it is pluggy's marker): a run served from the result cache never imports
pluggy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gialint._lazy import face

__version__ = "0.1.0"

__all__ = ["__version__", "hookimpl"]

if TYPE_CHECKING:
    from gialint.engine.plugin import hookimpl

__getattr__, _dir = face(__name__, {"hookimpl": "engine.plugin"})


def __dir__() -> list[str]:
    return sorted({*globals(), *_dir()})
