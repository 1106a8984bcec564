"""Baselines: adopt gialint in a repository of old reports and see only new findings.

``gialint check --write-baseline FILE`` records every current finding; ``--baseline FILE``
then hides the recorded ones. An entry is keyed by the file (relative to the baseline), the rule
and a fingerprint of the content of the line it points at — not the line number — so it
survives edits elsewhere in the file; several identical findings are counted.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from gialint import __version__
from gialint.model.diagnostic import Diagnostic

FORMAT_VERSION = 1


class BaselineError(Exception):
    pass


def _relative(path: str, base: Path) -> str:
    try:
        return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).resolve().as_posix()


def fingerprint(d: Diagnostic, lines: Sequence[str]) -> str:
    text = lines[d.line - 1] if 0 < d.line <= len(lines) else ""
    content = " ".join(text.split())
    return hashlib.sha1(f"{d.rule}\0{content}".encode()).hexdigest()[:16]


def _keys(
    diagnostics: Iterable[Diagnostic], sources: Mapping[str, Sequence[str]], base: Path
) -> list[tuple[tuple[str, str, str], Diagnostic]]:
    return [((_relative(d.path, base), d.rule, fingerprint(d, sources.get(d.path, ()))), d) for d in diagnostics]


def write(path: Path, diagnostics: Iterable[Diagnostic], sources: Mapping[str, Sequence[str]]) -> int:
    counts = Counter(key for key, _ in _keys(diagnostics, sources, path.parent))
    entries = [
        {"path": p, "rule": rule, "fingerprint": fp, "count": n}
        for (p, rule, fp), n in sorted(counts.items())
    ]
    payload = {"version": FORMAT_VERSION, "gialint": __version__, "entries": entries}
    from gialint.output.escape import json_text

    path.write_text(json_text(json.dumps(payload, ensure_ascii=False, indent=1)) + "\n", encoding="utf-8")
    return sum(counts.values())


def load(path: Path) -> Counter[tuple[str, str, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != FORMAT_VERSION:
            raise BaselineError(f"{path}: baseline format version {data.get('version')!r} is not {FORMAT_VERSION}")
        return Counter({(e["path"], e["rule"], e["fingerprint"]): int(e.get("count", 1)) for e in data["entries"]})
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (create it with --write-baseline)") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BaselineError(f"{path}: not a gialint baseline ({exc})") from None


def filter_new(
    diagnostics: Iterable[Diagnostic], sources: Mapping[str, Sequence[str]], path: Path, known: Counter[tuple[str, str, str]]
) -> list[Diagnostic]:
    """The diagnostics the baseline does not account for."""
    remaining = Counter(known)
    out = []
    for key, d in _keys(diagnostics, sources, path.parent):
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            out.append(d)
    return out
