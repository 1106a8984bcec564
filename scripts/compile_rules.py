"""Compile the built-in rule sets (``rules/*.yaml``) to ``gialint/config/compiled/*.json``.

Each file holds a set's data as gialint's YAML reader reads it and the hash of the YAML text, so
that no run parses the built-in sets' YAML (nor imports ruamel.yaml): a first run, a CI container
or a read-only home included. The wheel's build hook (``hatch_build.py``) compiles them into
every wheel; the committed copy serves source checkouts, and a test checks that it is current.

``python scripts/compile_rules.py`` writes them; ``--check`` only compares (exit 1 when stale).
Only ruamel.yaml is needed: ``gialint/config/yamlio.py`` is loaded alone, not the package.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
TARGET = ROOT / "gialint" / "config" / "compiled"


def _yamlio() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_gialint_yamlio", ROOT / "gialint" / "config" / "yamlio.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def compiled(rules: Path = RULES) -> dict[str, str]:
    """``<name>.json`` → its text, for every ``<name>.yaml`` in ``rules``."""
    yamlio = _yamlio()
    out: dict[str, str] = {}
    for path in sorted(rules.glob("*.yaml")):
        out[f"{path.stem}.json"] = yamlio.compiled_json(path.read_text(encoding="utf-8"), str(path))
    return out


def built(rules: Path = RULES) -> bytes:
    """The wheel's ``gialint/config/builtin_sets.bin``: each set's size and the data of its
    compiled JSON (the same :func:`compiled` text), so that the installed package reads neither
    the YAML nor the JSON of its own sets (see ``yamlio.read_built``)."""
    import json

    yamlio = _yamlio()
    sets = {}
    for name, text in compiled(rules).items():
        source = rules / (name[: -len(".json")] + ".yaml")
        sets[source.name] = (source.stat().st_size, json.loads(text)["data"])
    return yamlio.built_sets(sets)  # type: ignore[no-any-return]


def stale(target: Path = TARGET, rules: Path = RULES) -> list[str]:
    """The compiled files in ``target`` that are missing, out of date, or left from a removed set."""
    wanted = compiled(rules)
    present = {p.name for p in target.glob("*.json")} if target.is_dir() else set()
    out = [name for name, text in wanted.items() if name not in present or (target / name).read_text(encoding="utf-8") != text]
    return sorted(out + [name for name in present if name not in wanted])


def write(target: Path = TARGET, rules: Path = RULES) -> list[Path]:
    wanted = compiled(rules)
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("*.json"):
        if old.name not in wanted:
            old.unlink()
    written = []
    for name, text in wanted.items():
        path = target / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main() -> int:
    if "--check" in sys.argv:
        out = stale()
        if out:
            print(f"{TARGET} is out of date ({', '.join(out)}): run python scripts/compile_rules.py", file=sys.stderr)
            return 1
        return 0
    for path in write():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
