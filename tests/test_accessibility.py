"""axe-core finds no WCAG 2.2 AA violation on any page, in any language, light or dark.

axe.min.js comes from the pinned PyPI package axe-playwright-python (requirements.txt)
and is injected into headless Chromium from disk: no network, no npm.
"""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest

from tests.support.browser import open_page
from tests.support.site import LANGUAGES, sample_page
from tests.support.visits import new_context

pytestmark = pytest.mark.browser

AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: The scheme Chromium reports, and the palette the site must then show.
SCHEMES = {"light": "kirkas-light", "dark": "kirkas-dark"}
VIEWPORTS = {"phone": {"width": 375, "height": 812}, "laptop": {"width": 1366, "height": 768}}
#: Both colour schemes and both layouts, without running all four combinations.
VARIANTS = [("light", "laptop"), ("dark", "phone")]


def axe_violations(page) -> list[str]:
    """Run axe-core on the loaded page; one line per violating element."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']} – {node['failureSummary'].splitlines()[-1].strip()}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


@pytest.mark.parametrize(("scheme", "viewport"), VARIANTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_axe_violations(site, site_server, chromium, language, scheme, viewport):
    # bypass_csp: the site's policy (rightly) refuses the injected axe script.
    context = new_context(chromium, color_scheme=scheme, viewport=VIEWPORTS[viewport], bypass_csp=True)
    page = context.new_page()
    not_found = site.not_found_page(language)
    problems = []
    for path in site.pages_of(language) + [not_found]:
        url = site_server + site.url_path(path)
        open_page(page, url, wait_until="load")
        shown = page.get_attribute("body", "data-md-color-scheme")
        assert shown == SCHEMES[scheme], f"{url}: {scheme} system scheme shows palette {shown}"
        problems += [f"{site.url_path(path) or '/'}: {line}" for line in axe_violations(page)]
    context.close()
    assert not problems, f"{len(problems)} violations:\n" + "\n".join(problems[:60])


#: Controls that are not inline text links: each must be at least 44 × 44 px on a phone.
TAP_TARGETS = (
    ".kirkas-actions a, .md-header__button:not([hidden]), .kirkas-brand, .md-typeset .md-button, "
    ".kirkas-quote input:not([type=radio]), .kirkas-quote__choice, .kirkas-quote select, "
    ".kirkas-quote textarea, .kirkas-quote button, .kirkas-card, .md-footer__link"
)
SMALL_TARGETS = """(selector) => [...document.querySelectorAll(selector)]
  .filter((e) => e.getClientRects().length && getComputedStyle(e).visibility !== "hidden")
  .map((e) => [e.className + " " + (e.textContent || "").trim().slice(0, 30), e.getBoundingClientRect()])
  .filter(([, box]) => box.width < 43.5 || box.height < 43.5)
  .map(([name, box]) => `${name} ${Math.round(box.width)}×${Math.round(box.height)}`)"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_layout_fits_320px_with_44px_targets(site, site_server, chromium, language):
    context = new_context(chromium, viewport={"width": 320, "height": 640})
    page = context.new_page()
    problems = []
    for path in site.pages_of(language):
        open_page(page, site_server + site.url_path(path), wait_until="load")
        where = site.url_path(path) or "/"
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            problems.append(f"{where}: scrolls sideways ({width} px wide)")
        problems += [f"{where}: small target {item}" for item in page.evaluate(SMALL_TARGETS, TAP_TARGETS)]
    context.close()
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("kind", ["prices", "service"])
def test_print_shows_the_content_without_navigation(site, site_server, chromium, kind):
    context = new_context(chromium, viewport={"width": 718, "height": 1000})
    page = context.new_page()
    open_page(page, site_server + sample_page(site, kind), wait_until="load")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".kirkas-actions", ".md-path"):
        assert not page.is_visible(chrome), f"{chrome} is printed"
    assert page.is_visible("article h1")
    assert page.is_visible(".kirkas-print-only")
    assert page.evaluate("document.documentElement.scrollWidth") <= 718
    assert page.pdf(format="A4")[:4] == b"%PDF"
    context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_quote_form_showing_its_errors_has_no_axe_violations(site, site_server, chromium, language, scheme):
    context = new_context(chromium, color_scheme=scheme, viewport=VIEWPORTS["phone"], bypass_csp=True)
    page = context.new_page()
    path, anchor = site.quote_link(language)
    open_page(page, f"{site_server}{path}#{anchor}", wait_until="load")
    page.check('input[name="participants"][value="group"]')
    page.click("#kirkas-quote-form button[type=submit]")
    assert page.inner_text("#kirkas-quote-summary").strip(), "the empty form should show its errors"
    problems = axe_violations(page)
    context.close()
    assert not problems, "\n".join(problems)
