"""Headless Debian Chromium driven by Playwright (no browser download needed)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@contextlib.contextmanager
def launch_chromium(executable: str = "/usr/bin/chromium") -> Iterator[Browser]:
    """Launch headless Chromium from the given executable; closes it afterwards."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


#: Set on the after-paint loader once the page's scripts have run (partials/kirkas/scripts.html).
SCRIPTS_READY = "script[data-kirkas-scripts-ready]"


def open_page(page: Page, url: str, *, wait_until: str = "load") -> None:
    """Go to a URL and wait until its scripts (loaded after the first paint) have run."""
    page.goto(url, wait_until=wait_until)
    page.wait_for_selector(SCRIPTS_READY, state="attached", timeout=15_000)
