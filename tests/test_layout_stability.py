"""Nothing moves while a page loads (CLS 0), checked without timing.

A browser paints whenever its parser pauses, so on a slow phone the first paint
may show any beginning of a page; if what comes later pushes aside what is already
painted, that is a layout shift. Catching that by loading pages under throttling
is a matter of luck (which is why the earlier, timed version of this test was
flaky). Here every such beginning is replayed in headless Chromium
(support/partial_paint.js): after each element, what is on screen must already
sit where it sits in the finished page. Lighthouse's CLS figure lives in
`make bench`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.browser import open_page
from tests.support.site import LANGUAGES
from tests.support.visits import new_context

pytestmark = pytest.mark.browser

REPLAY_PARTIAL_PAINTS = (Path(__file__).parent / "support" / "partial_paint.js").read_text(encoding="utf-8")
VIEWPORTS = {
    "phone": {"width": 375, "height": 812},
    "tablet": {"width": 820, "height": 1180},
    "laptop": {"width": 1366, "height": 768},
}
#: A handful of moves is enough to show what is wrong.
SHOWN_MOVES = 4


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_nothing_painted_early_moves_later(site, site_server, chromium, viewport):
    """On every page and 404 page, no element on screen moves as the rest of the page arrives."""
    context = new_context(chromium, viewport=VIEWPORTS[viewport])
    page = context.new_page()
    problems = []
    cuts = 0
    urls = [site.url_path(path) for path in site.pages + [site.not_found_page(language) for language in LANGUAGES]]
    for url_path in urls:
        open_page(page, site_server + url_path, wait_until="load")
        result = page.evaluate(REPLAY_PARTIAL_PAINTS)
        cuts += result["cuts"]
        for move in result["moves"][:SHOWN_MOVES]:
            problems.append(f"/{url_path}: {move['element']} moves by ({move['dx']}, {move['dy']}) px "
                            f"after the parser has reached {move['cut']}")
    context.close()
    assert cuts > 100 * len(urls), "the replay looked at too few elements to mean anything"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("viewport", ["tablet", "laptop"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_contact_links_fit_their_reserved_width(site, site_server, chromium, viewport, language):
    """The header's phone and quote links fit the fixed width kirkas.css reserves for them."""
    context = new_context(chromium, viewport=VIEWPORTS[viewport])
    page = context.new_page()
    open_page(page, site_server + site.url_of("index.md", language), wait_until="load")
    overflow = page.evaluate("""(() => {
      const actions = document.querySelector(".kirkas-header .kirkas-actions");
      const box = actions.getBoundingClientRect();
      const last = actions.lastElementChild.getBoundingClientRect();
      return {reserved: box.width, needed: actions.scrollWidth, lastRight: last.right, right: box.right};
    })()""")
    context.close()
    assert overflow["needed"] <= overflow["reserved"] and overflow["lastRight"] <= overflow["right"] + 0.5, (
        f"{language}: the header's contact links need {overflow['needed']} px but kirkas.css reserves "
        f"{overflow['reserved']} px: raise --kirkas-actions-width")


#: Words split across lines (other than at their soft hyphens: hooks/hyphenation.py), and
#: cells whose content overflows, in the fixed columns.
FIXED_COLUMN_PROBLEMS = """(() => {
  const problems = [];
  for (const term of document.querySelectorAll(".md-typeset dt")) {
    const walker = document.createTreeWalker(term, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      for (const match of text.data.matchAll(/\\S+/g)) {
        // The line of each letter (the top of its last box: a drawn soft hyphen may
        // come first in the boxes of the letter after it); a new line may start only
        // after a soft hyphen.
        let previous = null;
        for (let offset = match.index; offset < match.index + match[0].length; offset++) {
          if (text.data[offset] === "\\u00ad") { previous = null; continue; }
          const range = document.createRange();
          range.setStart(text, offset);
          range.setEnd(text, offset + 1);
          const boxes = range.getClientRects();
          const top = boxes.length ? Math.round(boxes[boxes.length - 1].top) : previous;
          if (previous !== null && Math.abs(top - previous) > 2) {
            problems.push(`the term "${match[0].replace(/\\u00ad/g, "")}" is broken across lines`);
            break;
          }
          previous = top;
        }
      }
    }
  }
  for (const cell of document.querySelectorAll(".kirkas-price-table__table :is(th, td)")) {
    if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`price-table cell "${cell.textContent.trim()}" overflows its column`);
  }
  return problems;
})()"""


@pytest.mark.parametrize("viewport", ["tablet", "laptop"])
def test_fixed_columns_fit_their_content(site, site_server, chromium, viewport):
    """Terms of definition lists and price-table cells fit the fixed columns kirkas.css gives them."""
    urls = [site.url_path(path) for path in site.pages
            if site.parse(path).css_first(".md-typeset dt, .kirkas-price-table__table") is not None]
    context = new_context(chromium, viewport=VIEWPORTS[viewport])
    page = context.new_page()
    problems = []
    for url_path in urls:
        open_page(page, site_server + url_path, wait_until="load")
        problems += [f"/{url_path}: {problem}" for problem in page.evaluate(FIXED_COLUMN_PROBLEMS)]
    context.close()
    prices = {site.role_url("prices", language) for language in LANGUAGES}
    assert prices <= set(urls), "the price table of every language is among the pages checked"
    assert not problems, "\n".join(problems) + "\n(widen the column in kirkas.css: dl grid or price-table colgroup)"
