"""Hatch build hook: every wheel carries the built-in rule sets compiled from its own rules/, and
gialint's own regular expressions compiled for the Python that builds it.

``scripts/compile_rules.py`` turns ``rules/*.yaml`` into ``gialint/config/compiled/*.json`` (the
data as gialint reads it, keyed by the YAML's hash). The hook compiles them afresh into the wheel,
in place of the committed copy, so that an installed gialint never parses its own sets' YAML; and
``gialint/config/builtin_sets.bin`` (the same data, marshalled, with each YAML's size): the installed
package, whose ``gialint/_rules`` this build made from the same files, then neither reads nor hashes
its own sets' YAML (see ``yamlio.read_built``).

``scripts/compile_regexes.py`` turns the committed list ``scripts/builtin_regexes.json`` into
``gialint/_regexcode.bin`` (the sre code of each pattern, keyed by this Python's regular-expression
engine; standard library only, see ``gialint/_regexcode.py``), so that an installed gialint
parses and compiles none of its own patterns when run by that Python; with them the patterns of
``scripts/startup_regexes.json``, which the console puts into ``re``'s cache at start.

``gialint/_bundle.bin`` holds the code of every module of the package compiled by the building
Python: the console imports gialint's modules from it (see ``gialint/_bundle.py``).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _bundle(package: Path) -> Any:
    """``gialint/_bundle.py`` alone (standard library only), not the package."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_gialint_bundle", package / "_bundle.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CompileRuleSets(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads the committed copy in the source tree
        sys.path.insert(0, str(Path(self.root) / "scripts"))
        try:
            from compile_regexes import read_list, read_startup, table
            from compile_rules import built, compiled
        finally:
            sys.path.pop(0)
        self._out = Path(tempfile.mkdtemp(prefix="gialint-compiled-"))
        for name, text in compiled(Path(self.root) / "rules").items():
            (self._out / name).write_text(text, encoding="utf-8")
            # outside the project: hatchling then leaves out the committed file of the same name
            build_data["force_include"][str(self._out / name)] = f"gialint/config/compiled/{name}"
        (self._out / "builtin_sets.bin").write_bytes(built(Path(self.root) / "rules"))
        build_data["force_include"][str(self._out / "builtin_sets.bin")] = "gialint/config/builtin_sets.bin"
        (self._out / "_regexcode.bin").write_bytes(table(read_list(), read_startup()))
        build_data["force_include"][str(self._out / "_regexcode.bin")] = "gialint/_regexcode.bin"
        (self._out / "_bundle.bin").write_bytes(_bundle(Path(self.root) / "gialint").build(str(Path(self.root) / "gialint")))
        build_data["force_include"][str(self._out / "_bundle.bin")] = "gialint/_bundle.bin"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        out = getattr(self, "_out", None)
        if out is not None:
            shutil.rmtree(out, ignore_errors=True)
