"""The language switcher keeps the visitor on the same page, and pages load without
console errors (headless Chromium, as a person would use the site)."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from tests.support.browser import open_page
from tests.support.site import LANGUAGES

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(len(LANGUAGES) < 2, reason="a site in one language has no language switcher")]


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


def round_trip() -> list[str]:
    """Every language from the default one, then back again: fi, sv, en, sv, fi …"""
    return [*LANGUAGES[1:], *reversed(LANGUAGES[:-1])]


def pages_to_switch(site) -> list[str]:
    """The home page, the urgent (or first) service's page and the first supervisor's page."""
    person = next(iter(site.data["supervisors"].values()))["page"]
    service = next((s for s in site.data["services"].values() if s.get("urgent")),
                   next(iter(site.data["services"].values())))["page"]
    return ["index.md", service, person]


@pytest.mark.parametrize("which", [0, 1, 2], ids=["home", "service", "supervisor"])
def test_switching_language_keeps_the_same_page_both_ways(page, site, site_server, which):
    source = pages_to_switch(site)[which]
    open_page(page, urljoin(site_server, site.url_of(source, LANGUAGES[0])))
    assert current_language(page) == LANGUAGES[0]
    for language in round_trip():
        switch_language(page, language)
        assert page.url == urljoin(site_server, site.url_of(source, language))
        assert current_language(page) == language


def test_switching_language_by_keyboard(page, site, site_server):
    services = site.sources_with_role("services")[0]
    start, target = LANGUAGES[1 % len(LANGUAGES)], LANGUAGES[-1] if LANGUAGES[-1] != LANGUAGES[1] else LANGUAGES[0]
    open_page(page, urljoin(site_server, site.url_of(services, start)))
    link = page.locator(f"header a[hreflang='{target}']").first
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == target:
            break
    else:
        pytest.fail(f"the {target} link of the language switcher is not reachable with Tab")
    assert link.is_visible()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == urljoin(site_server, site.url_of(services, target))


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
    assert len(urls) == len(site.sources) * len(site.languages)
    for url_path in urls:
        open_page(page, urljoin(site_server, url_path), wait_until="networkidle")
    context.close()
    assert problems == []
