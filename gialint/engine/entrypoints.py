"""Entry points of installed distributions, found without importing ``importlib.metadata``.

``importlib.metadata`` pulls in the e-mail parser and costs tens of milliseconds at start-up —
more than linting a report. Entry points are plain INI files (``entry_points.txt``) in each
distribution's ``*.dist-info`` (or ``*.egg-info``) folder on ``sys.path``; reading just those
is enough here. The first distribution of a name on ``sys.path`` wins, as in importlib.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from typing import Any

from gialint._lazy import lazy_re
from gialint.model.record import Record, setfield

DISABLE_AUTOLOAD_ENV = "GIALINT_DISABLE_PLUGIN_AUTOLOAD"
"""Set (non-empty) in the environment: no third-party plugin is loaded (as ``--no-plugins``).
Defined here, not beside the plugin manager, so the result cache can read it without pluggy."""

_META_DIR = lazy_re(r"^(?P<name>[^-]+)-(?P<version>[^-]+?)(?:-py[\d.]+)?\.(?:dist|egg)-info$", re.IGNORECASE)


class Distribution(Record):
    __slots__ = ("name", "version", "path")

    name: str
    version: str
    path: str
    """Its metadata folder (``*.dist-info`` / ``*.egg-info``)."""

    def __init__(self, name: str, version: str, path: str = "") -> None:
        setfield(self, "name", name)
        setfield(self, "version", version)
        setfield(self, "path", path)


class EntryPoint(Record):
    __slots__ = ("name", "value", "group", "dist")

    name: str
    value: str
    group: str
    dist: Distribution | None

    def __init__(self, name: str, value: str, group: str, dist: Distribution | None = None) -> None:
        setfield(self, "name", name)
        setfield(self, "value", value)
        setfield(self, "group", group)
        setfield(self, "dist", dist)

    def load(self) -> Any:
        module, _, attr = self.value.partition(":")
        obj: Any = importlib.import_module(module.strip())
        for part in attr.strip().split(".") if attr.strip() else ():
            obj = getattr(obj, part)
        return obj


def _parse(text: str, wanted: str, dist: Distribution) -> list[EntryPoint]:
    out: list[EntryPoint] = []
    group = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1].strip()
            continue
        if group == wanted and "=" in line:
            name, _, value = line.partition("=")
            value = value.split("[", 1)[0].strip()  # drop extras: module:attr [extra]
            out.append(EntryPoint(name.strip(), value, group, dist))
    return out


def entry_points(group: str, path: list[str] | None = None) -> list[EntryPoint]:
    """Every entry point in ``group`` of the distributions on ``path`` (default ``sys.path``)."""
    seen: set[str] = set()
    found: list[EntryPoint] = []
    for folder in path if path is not None else sys.path:
        try:
            # Only metadata folders can match (a string test: a folder of packages lists
            # thousands of files, and a warm run lists site-packages before anything else).
            names = sorted(name for name in os.listdir(folder or ".") if name[-5:].lower() == "-info")
        except OSError:
            continue
        for entry in names:
            m = _META_DIR.match(entry)
            if m is None:
                continue
            key = m.group("name").replace("-", "_").replace(".", "_").lower()
            if key in seen:
                continue
            seen.add(key)
            try:
                with open(os.path.join(folder or ".", entry, "entry_points.txt"), encoding="utf-8") as fh:
                    text = fh.read()
            except OSError:
                continue
            if group not in text:  # most distributions declare no entry point of this group
                continue
            found.extend(_parse(text, group, Distribution(m.group("name"), m.group("version"), os.path.join(folder or ".", entry))))
    return found
