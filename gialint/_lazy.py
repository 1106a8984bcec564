"""A package's face without its cost: names re-exported from submodules, imported on first use.

Each layer package (``gialint.engine``, ``gialint.config`` …) names what it offers in its
``__init__``; importing the package imports none of its modules until a name is asked for, so a
module that needs one submodule never pays for the others.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def face(package: str, names: Mapping[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for *package*: each name comes from ``package.<module>``."""

    def getattr_(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{module}"), name)

    def dir_() -> list[str]:
        return sorted(names)

    return getattr_, dir_
