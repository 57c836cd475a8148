"""Visiting built pages in Chromium and recording what happens (requests, errors, CSP)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request
from tests.support.browser import open_page

#: Collects Content-Security-Policy violations before any script of the page runs.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} `
    + `(${event.sourceFile || ""}:${event.lineNumber || ""})`);
});
"""


@dataclass
class Visit:
    """What one page load did."""

    url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)


def new_context(browser: Browser, **options: object) -> BrowserContext:
    """A fresh browser context (no cookies, no storage) that records CSP violations."""
    context = browser.new_context(**options)
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    return context


def visit(page: Page, url: str) -> Visit:
    """Load a URL and wait for the network to settle; record requests and problems."""
    record = Visit(url)

    def on_request(request: Request) -> None:
        record.requests.append(request.url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            location = message.location or {}
            record.console_errors.append(f"{message.text} ({location.get('url', '')})")

    def on_page_error(error: Exception) -> None:
        record.page_errors.append(str(error))

    page.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    try:
        open_page(page, url, wait_until="networkidle")
        record.csp_violations = page.evaluate("window.__cspViolations || []")
    finally:
        page.remove_listener("request", on_request)
        page.remove_listener("console", on_console)
        page.remove_listener("pageerror", on_page_error)
    return record


def same_origin(url: str, base_url: str) -> bool:
    """True when a URL is on the site's own origin (or is a data:/blob: URL)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob"):
        return True
    base = urlsplit(base_url)
    return (parts.scheme, parts.netloc) == (base.scheme, base.netloc)
