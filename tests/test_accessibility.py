"""axe-core finds no WCAG 2.2 AA violation on any page, in any language, light or dark.

Every page of every type: content pages, the search page and the 404 page of each
language. axe.min.js is the locked npm package axe-core (package-lock.json, installed
into .tools/ by `make test`) and is injected into headless Chromium from disk.
"""

from __future__ import annotations

import pytest

from tests.support import tools
from tests.support.browser import open_page
from tests.support.site import LANGUAGES, sample_page
from tests.support.visits import new_context

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: WCAG 2.2 A/AA and axe's best practices: a superset of the rules Lighthouse scores
#: (heading order, a named search dialog, ...), so `make bench` finds nothing new.
AXE_TAGS = [*WCAG_TAGS, "best-practice"]
#: Rules left out, and why.
AXE_RULES_OFF = {
    # The phone menu is Material's <label for="__drawer"> (so that the drawer opens
    # without JavaScript too); kirkas.js gives it role="button" and aria-expanded for
    # keyboard and screen reader users. ARIA in HTML allows no role on a label; axe
    # rates it minor and Lighthouse gives the rule no weight.
    "aria-allowed-role": "the menu label's role=button (kirkas.js)",
}
#: The scheme Chromium reports, and the palette the site must then show.
SCHEMES = {"light": "kirkas-light", "dark": "kirkas-dark"}
VIEWPORTS = {"phone": {"width": 375, "height": 812}, "laptop": {"width": 1366, "height": 768}}
#: Both colour schemes and both layouts, without running all four combinations.
VARIANTS = [("light", "laptop"), ("dark", "phone")]


def axe_violations(page) -> list[str]:
    """Run axe-core on the loaded page; one line per violating element."""
    page.add_script_tag(path=str(tools.for_tests(tools.axe_script)))
    result = page.evaluate(
        """([tags, off]) => axe.run(document, {
          runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
          rules: Object.fromEntries(off.map((id) => [id, {enabled: false}])),
        })""",
        [AXE_TAGS, list(AXE_RULES_OFF)],
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
    pages = site.pages_of(language) + [not_found]
    assert site.search_page_of(language) in pages
    problems = []
    for path in pages:
        url = site_server + site.url_path(path)
        open_page(page, url, wait_until="load")
        shown = page.get_attribute("body", "data-md-color-scheme")
        assert shown == SCHEMES[scheme], f"{url}: {scheme} system scheme shows palette {shown}"
        problems += [f"{site.url_path(path) or '/'}: {line}" for line in axe_violations(page)]
    context.close()
    assert not problems, f"{len(problems)} violations:\n" + "\n".join(problems[:60])


def test_axe_sees_what_lighthouse_sees(chromium):
    """The gate is not blind: the locked axe-core flags what the old one let through."""
    context = new_context(chromium)
    page = context.new_page()
    page.set_content(
        '<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>t</h1>'
        '<div role="dialog"><input type="checkbox" id="x"><label for="x" aria-label="Menu">M</label></div>'
        "<h3>skipped a level</h3></main></body></html>"
    )
    found = {line.split(" ", 1)[0] for line in axe_violations(page)}
    context.close()
    assert {"aria-dialog-name", "heading-order"} <= found, found


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
