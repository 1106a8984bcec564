"""Load a script of the project (``scripts/``, ``bench/``) as a module, by its path: they are not
part of the package, and tests call their functions directly."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def load(relative: str, name: str | None = None) -> ModuleType:
    """The module in ``ROOT / relative``, executed afresh and registered under ``name`` (its
    dataclasses and pickling look themselves up there)."""
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(name or f"gialint_{path.parent.name}_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
