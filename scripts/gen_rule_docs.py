"""Write docs/rules.md from the rules' metadata (built-in rules and the default set's pattern rules).

``python scripts/gen_rule_docs.py`` writes it; ``--check`` only compares (exit 1 when stale).
Third-party plugins are not loaded, so the reference shows gialint's own rules only.
"""

from __future__ import annotations

import sys
from pathlib import Path

from gialint.output.ruledocs import builtin_reference

TARGET = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def main() -> int:
    text = builtin_reference()
    if "--check" in sys.argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is out of date: run python scripts/gen_rule_docs.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
