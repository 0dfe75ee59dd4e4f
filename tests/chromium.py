"""Headless Chromium for the tests, driven by Selenium: one place for its flags and for skipping.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them) and selenium
(the test extra). Where any is missing the tests skip and say why (pytest -ra prints the reason).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=1280,1600",
)


def find(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name) or (name if Path(name).is_file() else None)
        if found:
            return found
    return None


def chromium(tmp_path_factory: pytest.TempPathFactory, *flags: str) -> Iterator[Any]:
    """A headless Chromium with CHROMIUM_FLAGS and ``flags``; skips (saying why) where it cannot start."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed (pip install -e '.[test]')")
    browser = find("chromium", "/usr/bin/chromium", "chromium-browser")
    chromedriver = find("chromedriver", "/usr/bin/chromedriver")
    if browser is None or chromedriver is None:
        pytest.skip("Chromium or chromedriver is missing (apt-get install -y chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in (*CHROMIUM_FLAGS, *flags):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        chrome = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
    except Exception as error:  # a browser that cannot start here is a reason to skip, not a failure
        pytest.skip(f"Chromium did not start: {str(error).splitlines()[0]}")
    try:
        yield chrome
    finally:
        chrome.quit()


def set_width(driver: Any, width: int) -> None:
    """Lay pages out as a device ``width`` CSS px wide (a phone below 600: the viewport meta tag applies).

    Chromium's headless window is at least 500 px wide, so a phone's width is emulated rather than
    asked of the window. It stays set on this browser until the next call.
    """
    metrics = {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": width < 600}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
