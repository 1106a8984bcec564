"""Headless Debian Chromium driven through chromedriver (selenium), for the page tests.

CI installs chromium and chromium-driver (.ci/run); where they are missing outside CI the tests
skip, in CI they fail (a skipped browser test would hide a broken page).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest


def _need(what: str) -> None:
    message = f"{what} is not installed (.ci/run installs Debian's chromium and chromium-driver)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def chromium(tmp: Path, width: int = 1400, height: int = 1000) -> Iterator[Any]:
    """A headless Chromium session (a selenium WebDriver); closed afterwards."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _need("selenium")
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if binary is None or driver_path is None:
        _need("chromium or chromedriver")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp / 'chromium-profile'}", f"--window-size={width},{height}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def chromium_binary() -> str:
    """Debian's chromium (skip outside CI, fail in CI when it is missing)."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        _need("chromium")
    return binary  # type: ignore[return-value]


def headless(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless chromium once (a screenshot, the DOM, a PDF …) with a fresh profile and no
    background networking (the machine has no network)."""
    command = [
        chromium_binary(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        f"--user-data-dir={tmp / 'profile'}", *args,
    ]  # fmt: skip
    return subprocess.run(command, check=False, capture_output=True, text=True, timeout=180, env={**os.environ, "LANG": "C.UTF-8"})
