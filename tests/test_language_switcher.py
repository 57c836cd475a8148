"""The language switcher keeps the visitor on the same page, and pages load without
console errors (headless Chromium, as a person would use the site)."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from tests.support.browser import open_page
from tests.support.site import url_of

pytestmark = pytest.mark.browser


@pytest.fixture
def page(chromium):
    """A fresh browser page (own context: no shared storage between tests)."""
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    yield context.new_page()
    context.close()


def switch_language(page, language: str) -> None:
    """Open the header's language menu and choose a language, like a visitor does."""
    page.locator("header .md-select button").first.click()
    with page.expect_navigation():
        page.locator(f"header a[hreflang='{language}']").first.click()


def current_language(page) -> str:
    """The lang attribute of the page now shown."""
    return page.locator("html").get_attribute("lang")


@pytest.mark.parametrize("source", ["index.md", "palvelut/kriisityonohjaus.md", "tyonohjaajat/sara-virtanen.md"])
def test_switching_language_keeps_the_same_page_both_ways(page, site_server, source):
    open_page(page, urljoin(site_server, url_of(source, "fi")))
    assert current_language(page) == "fi"
    for language in ("sv", "en", "fi", "en", "sv", "fi"):
        switch_language(page, language)
        assert page.url == urljoin(site_server, url_of(source, language))
        assert current_language(page) == language


def test_switching_language_by_keyboard(page, site_server):
    open_page(page, urljoin(site_server, url_of("palvelut/index.md", "sv")))
    link = page.locator("header a[hreflang='en']").first
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == "en":
            break
    else:
        pytest.fail("the English link of the language switcher is not reachable with Tab")
    assert link.is_visible()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == urljoin(site_server, url_of("palvelut/index.md", "en"))


def test_no_page_logs_console_messages_or_failed_requests(chromium, site, site_server):
    context = chromium.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda message: problems.append(f"{page.url}: console {message.type}: {message.text}")
        if message.type in ("error", "warning")
        else None,
    )
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"{page.url}: failed {request.url} ({request.failure})"))
    page.on(
        "response",
        lambda response: problems.append(f"{page.url}: HTTP {response.status} {response.url}")
        if response.status >= 400 and not response.url.endswith("/does-not-exist/")
        else None,
    )
    urls = [site.url_path(path) for path in site.pages]
    assert len(urls) >= 60
    for url_path in urls:
        open_page(page, urljoin(site_server, url_path), wait_until="networkidle")
    context.close()
    assert problems == []
