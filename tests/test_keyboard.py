"""Keyboard use in headless Chromium: skip link, every control reachable with a visible
focus indicator (on content pages, and on every language's search and 404 page, whose
search results are reached with the arrow keys), the language selector, the light/dark
toggle and the phone menu."""

from __future__ import annotations

import json
import re

import pytest

from tests.support.browser import open_page
from tests.support.site import LANGUAGE_PREFIX, LANGUAGES, SAMPLE_PAGES, sample_page
from tests.support.visits import new_context

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 375, "height": 812}

#: Marks the focused element and reports whether its focus is visible.
DESCRIBE_FOCUS = r"""() => {
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
  // The focus ring's outer edge, and the first ancestor whose overflow cuts it off.
  const style = getComputedStyle(shownOn);
  const reach = style.outlineStyle !== "none"
    ? Math.max(0, parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth)) : 0;
  let clippedBy = null;
  for (let node = shownOn.parentElement; node && node !== document.body && !clippedBy; node = node.parentElement) {
    const overflow = getComputedStyle(node);
    const clipsX = overflow.overflowX !== "visible", clipsY = overflow.overflowY !== "visible";
    if (!clipsX && !clipsY) continue;
    const outer = node.getBoundingClientRect();
    const left = outer.left + node.clientLeft, top = outer.top + node.clientTop;
    const cut = (clipsX && (box.left - reach < left - 0.5 || box.right + reach > left + node.clientWidth + 0.5))
      || (clipsY && (box.top - reach < top - 0.5 || box.bottom + reach > top + node.clientHeight + 0.5));
    if (cut) clippedBy = node.tagName.toLowerCase() + "." + String(node.className).trim().split(/\s+/).join(".");
  }
  return {
    id: element.dataset.kbd,
    text: (element.getAttribute("aria-label") || element.textContent || element.name || "").replace(/\u00ad/g, "").trim().slice(0, 40),
    tag: element.tagName,
    visible: ringed(shownOn) && box.width > 0 && box.height > 0
      && box.bottom > 0 && box.top < innerHeight && getComputedStyle(shownOn).visibility !== "hidden",
    clippedBy,
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
    if (box.width === 0 || box.height === 0 || style.visibility === "hidden" || style.display === "none"
        || style.opacity === "0") continue;
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


def assert_every_control_is_reachable_and_visibly_focused(page) -> None:
    """Tab round the loaded page: every visible control is reached, each with a visible focus."""
    controls = page.evaluate(REACHABLE_CONTROLS)
    assert controls
    reached = tab_through(page)
    invisible = [f"{item['tag']} {item['text']!r}" for item in reached if not item["visible"]]
    assert not invisible, f"focus not visible on: {invisible}"
    clipped = [f"{item['tag']} {item['text']!r} (by {item['clippedBy']})" for item in reached if item["clippedBy"]]
    assert not clipped, f"focus ring cut off on: {clipped}"
    reached_targets = {item["target"] for item in reached}
    reached_groups = {item["name"] for item in reached if item["name"]}
    missed = [c["text"] or c["name"] for c in controls
              if c["target"] not in reached_targets and not (c["name"] and c["name"] in reached_groups)]
    assert not missed, f"not reachable with Tab: {missed}"


@pytest.mark.parametrize("browser_page", [LAPTOP, PHONE], indirect=True, ids=["laptop", "phone"])
@pytest.mark.parametrize("kind", SAMPLE_PAGES)
def test_every_control_is_reachable_and_visibly_focused(browser_page, site, site_server, kind):
    page = browser_page
    open_page(page, site_server + sample_page(site, kind))
    assert_every_control_is_reachable_and_visibly_focused(page)


def wait_until_unchanged(page, selector: str, *, interval_ms: int = 300, limit: int = 30) -> None:
    """Wait until an element's HTML stays the same for an interval (rendering has settled)."""
    previous = None
    for _ in range(limit):
        current = page.inner_html(selector)
        if current == previous:
            return
        previous = current
        page.wait_for_timeout(interval_ms)


def a_title_word(site, language: str) -> str:
    """A word of a page title from the language's search index: a query with results."""
    index = json.loads((site.root / LANGUAGE_PREFIX[language] / "search" / "search_index.json").read_text())
    words = [word for doc in index["docs"] for word in re.findall(r"\w{5,}", doc["title"]) if not word.isdigit()]
    assert words, "no page title in the search index"
    return words[0]


@pytest.mark.parametrize("browser_page", [LAPTOP, PHONE], indirect=True, ids=["laptop", "phone"])
@pytest.mark.parametrize("kind", ["search", "404"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_search_and_404_pages_work_with_the_keyboard(site, browser_page, site_server, language, kind):
    page = browser_page
    path = site.search_page_of(language) if kind == "search" else site.not_found_page(language)
    open_page(page, site_server + site.url_path(path), wait_until="networkidle")
    # The search page focuses its search box (and opens the search) on wide screens;
    # Escape closes it, as a visitor would before moving on with Tab.
    page.keyboard.press("Escape")
    assert_every_control_is_reachable_and_visibly_focused(page)
    # The results: Tab to the search box (focus opens the search), type, then the arrow
    # keys move through the results.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('form[name=search] input[name=query]')"):
            break
    else:
        pytest.fail("the search box is not reachable with Tab")
    page.wait_for_function("() => document.getElementById('__search').checked")
    page.keyboard.type(a_title_word(site, language))
    page.locator(".md-search-result__item a").first.wait_for(state="visible", timeout=10_000)
    wait_until_unchanged(page, ".md-search-result__list")  # results of the last keystroke
    page.keyboard.press("ArrowDown")
    focused = page.evaluate(DESCRIBE_FOCUS)
    assert focused and focused["tag"] == "A", f"ArrowDown did not reach a result: {focused}"
    assert focused["visible"], f"focus not visible on the search result {focused['text']!r}"


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


#: The language menu's state: whether it shows, and what has the focus.
LANGUAGE_MENU = """() => {
  const menu = document.querySelector(".kirkas-header .md-select__inner");
  const style = getComputedStyle(menu);
  const box = menu.getBoundingClientRect();
  const focused = document.activeElement;
  return {
    shown: parseFloat(style.opacity) > 0 && box.height > 1 && style.visibility !== "hidden",
    focusInMenu: !!focused.closest(".kirkas-header .md-select"),
    focusOnButton: focused.matches(".kirkas-header .md-select > button"),
    focusOnLanguage: focused.matches(".md-select__link"),
  };
}"""


def tab_until(page, condition: str, limit: int = 60) -> None:
    """Press Tab until a condition on the focused element holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const element = document.activeElement; return {condition}; }})()"):
            return
    pytest.fail(f"never reached with Tab: {condition}")


@pytest.mark.skipif(len(LANGUAGES) < 2, reason="a site in one language has no language menu")
def test_language_menu_closes_with_escape_and_as_soon_as_focus_leaves(browser_page, site_server):
    page = browser_page
    open_page(page, site_server + LANGUAGE_PREFIX[LANGUAGES[-1]])
    tab_until(page, "element.matches('.kirkas-header .md-select > button')")
    page.wait_for_function("() => getComputedStyle(document.querySelector('.kirkas-header .md-select__inner')).opacity === '1'")
    page.keyboard.press("Escape")
    state = page.evaluate(LANGUAGE_MENU)
    assert not state["shown"] and state["focusOnButton"], f"Escape did not close the menu: {state}"
    page.keyboard.press("Tab")
    page.wait_for_timeout(300)
    state = page.evaluate(LANGUAGE_MENU)
    assert state["shown"] and state["focusOnLanguage"], f"the menu did not open on its first language: {state}"
    for _ in range(len(LANGUAGES)):
        page.keyboard.press("Tab")
        if not page.evaluate(LANGUAGE_MENU)["focusInMenu"]:
            break
    state = page.evaluate(LANGUAGE_MENU)  # at once: no closing delay
    assert not state["focusInMenu"] and not state["shown"], f"the menu stayed open after focus left: {state}"


#: The brand link's box and what it holds; what a click between it and the next item hits.
BRAND = """() => {
  const link = document.querySelector(".kirkas-brand");
  const box = link.getBoundingClientRect();
  const parts = Array.from(link.children, (child) => child.getBoundingClientRect())
    .filter((part) => part.width > 1);
  const right = Math.max(...parts.map((part) => part.right));
  const style = getComputedStyle(link);
  const next = link.nextElementSibling.getBoundingClientRect();
  const gapX = (box.right + next.left) / 2, gapY = box.top + box.height / 2;
  const hit = next.left - box.right > 4 ? document.elementFromPoint(gapX, gapY) : null;
  return {width: box.width, content: right - box.left + parseFloat(style.paddingRight),
          gapHitsBrand: !!(hit && hit.closest(".kirkas-brand"))};
}"""


@pytest.mark.parametrize("browser_page", [LAPTOP, PHONE], indirect=True, ids=["laptop", "phone"])
def test_brand_link_is_only_as_wide_as_its_logo_and_name(browser_page, site_server):
    page = browser_page
    for language in LANGUAGES:
        open_page(page, site_server + LANGUAGE_PREFIX[language])
        brand = page.evaluate(BRAND)
        assert brand["width"] <= brand["content"] + 1, f"{language}: the brand link is wider than its content: {brand}"
        assert not brand["gapHitsBrand"], f"{language}: a click on the header's empty space goes home"
