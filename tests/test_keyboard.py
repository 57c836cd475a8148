"""Keyboard use in headless Chromium: skip link, every control reachable with a visible
focus indicator, the language selector, the light/dark toggle and the phone menu."""

from __future__ import annotations

import pytest

from tests.support.browser import open_page
from tests.support.site import LANGUAGES, SAMPLE_PAGES, sample_page
from tests.support.visits import new_context

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 375, "height": 812}

#: Marks the focused element and reports whether its focus is visible.
DESCRIBE_FOCUS = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  if (!element.dataset.kbd) element.dataset.kbd = String(++window.__kbdCount || (window.__kbdCount = 1));
  const ringed = (node) => {
    if (!node) return false;
    const style = getComputedStyle(node);
    return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2)
      || (style.boxShadow && style.boxShadow !== "none");
  };
  // A hidden radio shows its focus on its label; a card link on its card.
  const shownOn = element.classList.contains("md-option") ? element.nextElementSibling
    : element.closest(".kirkas-card") || element;
  const box = shownOn.getBoundingClientRect();
  return {
    id: element.dataset.kbd,
    text: (element.getAttribute("aria-label") || element.textContent || element.name || "").trim().slice(0, 40),
    tag: element.tagName,
    visible: ringed(shownOn) && box.width > 0 && box.height > 0
      && box.bottom > 0 && box.top < innerHeight && getComputedStyle(shownOn).visibility !== "hidden",
  };
}"""

#: Visible controls a keyboard user must be able to reach (one per radio group).
REACHABLE_CONTROLS = """() => {
  const seenGroups = new Set();
  const out = [];
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex='-1'])";
  for (const element of document.querySelectorAll(selector)) {
    if (element.disabled || element.closest("[hidden], [inert]")) continue;
    const shownOn = element.classList.contains("md-option") ? element.nextElementSibling : element;
    const box = shownOn.getBoundingClientRect();
    const style = getComputedStyle(shownOn);
    if (box.width === 0 || box.height === 0 || style.visibility === "hidden" || style.display === "none") continue;
    if (element.type === "radio") {
      if (seenGroups.has(element.name)) continue;
      seenGroups.add(element.name);
    }
    if (!element.dataset.kbdTarget) element.dataset.kbdTarget = String(out.length + 1);
    out.push({target: element.dataset.kbdTarget, name: element.name || "",
              text: (element.getAttribute("aria-label") || element.textContent || element.name || "").trim().slice(0, 40)});
  }
  return out;
}"""


def tab_through(page, limit: int = 400) -> list[dict]:
    """Press Tab until focus comes back round; the focused elements in order."""
    reached: list[dict] = []
    seen: set[str] = set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(DESCRIBE_FOCUS)
        if focused is None:
            continue
        if focused["id"] in seen:
            break
        seen.add(focused["id"])
        focused["target"] = page.evaluate("document.activeElement.dataset.kbdTarget || ''")
        focused["name"] = page.evaluate("document.activeElement.name || ''")
        reached.append(focused)
    return reached


@pytest.fixture
def browser_page(chromium, request):
    """A fresh page with the viewport named by the test's `viewport` parameter."""
    viewport = getattr(request, "param", LAPTOP)
    context = new_context(chromium, viewport=viewport)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("browser_page", [LAPTOP, PHONE], indirect=True, ids=["laptop", "phone"])
@pytest.mark.parametrize("kind", SAMPLE_PAGES)
def test_every_control_is_reachable_and_visibly_focused(browser_page, site, site_server, kind):
    page = browser_page
    open_page(page, site_server + sample_page(site, kind))
    controls = page.evaluate(REACHABLE_CONTROLS)
    assert controls
    reached = tab_through(page)
    invisible = [f"{item['tag']} {item['text']!r}" for item in reached if not item["visible"]]
    assert not invisible, f"focus not visible on: {invisible}"
    reached_targets = {item["target"] for item in reached}
    reached_groups = {item["name"] for item in reached if item["name"]}
    missed = [c["text"] or c["name"] for c in controls
              if c["target"] not in reached_targets and not (c["name"] and c["name"] in reached_groups)]
    assert not missed, f"not reachable with Tab: {missed}"


def test_skip_link_is_first_and_moves_to_the_content(browser_page, site, site_server):
    page = browser_page
    open_page(page, site_server + sample_page(site, "prices"))
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.className")
    assert "md-skip" in skip
    box = page.evaluate("JSON.parse(JSON.stringify(document.activeElement.getBoundingClientRect()))")
    assert box["width"] > 0 and box["top"] >= 0 and box["top"] < 200, box
    target = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == target
    assert page.evaluate("document.querySelector(location.hash).closest('.md-content') !== null")


@pytest.mark.skipif(len(LANGUAGES) < 2, reason="a site in one language has no language selector")
def test_language_selector_works_with_the_keyboard(browser_page, site, site_server):
    page = browser_page
    other = LANGUAGES[1]
    prices = sample_page(site, "prices")
    open_page(page, site_server + prices)
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == other:
            break
    else:
        pytest.fail(f"the {other} version is not reachable with Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).visibility") == "visible"
    assert page.is_visible(f"a.md-select__link[hreflang={other}]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site_server + site.role_url("prices", other)
    assert page.get_attribute("html", "lang") == other


def test_palette_toggle_works_with_the_keyboard(browser_page, site_server):
    page = browser_page
    open_page(page, site_server)
    before = page.get_attribute("body", "data-md-color-scheme")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-option')"):
            break
    else:
        pytest.fail("the light/dark toggle is not reachable with Tab")
    page.keyboard.press("Enter")
    after = page.get_attribute("body", "data-md-color-scheme")
    assert {before, after} == {"kirkas-light", "kirkas-dark"}
    page.keyboard.press(" ")
    assert page.get_attribute("body", "data-md-color-scheme") == before


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True, ids=["phone"])
def test_phone_menu_opens_and_closes_with_the_keyboard(browser_page, site, site_server):
    page = browser_page
    open_page(page, site_server + site.url_of("index.md", LANGUAGES[-1]))
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-kirkas-menu')"):
            break
    else:
        pytest.fail("the menu button is not reachable with Tab")
    assert page.get_attribute("[data-kirkas-menu]", "aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert page.is_checked("#__drawer")
    assert page.get_attribute("[data-kirkas-menu]", "aria-expanded") == "true"
    page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary') !== null")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__drawer")
    assert page.evaluate("document.activeElement.hasAttribute('data-kirkas-menu')")
