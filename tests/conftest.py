"""Fixtures shared by the cache tests (test_cache_and_jobs.py, test_security_cache.py)."""

from __future__ import annotations

from typing import Any

import pytest

import gialint.engine.linter


@pytest.fixture
def linted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths actually parsed and checked (not served from the cache), in call order."""
    calls: list[str] = []
    original = gialint.engine.linter.Linter.lint_bytes

    def spy(self: gialint.engine.linter.Linter, path: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(path)
        return original(self, path, *args, **kwargs)

    monkeypatch.setattr(gialint.engine.linter.Linter, "lint_bytes", spy)
    return calls
