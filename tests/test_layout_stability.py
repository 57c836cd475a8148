"""Nothing moves while a page loads (CLS 0), in headless Chromium.

Material's palette script is parser-blocking: it waits for the stylesheets, and
Chromium may paint what it has parsed while it waits. When that script sat in the
middle of the header, the first paint showed half a header and the later items
(language selector) pushed the earlier ones aside: a small layout shift on every
page. Here the stylesheets are held back on purpose, so the browser always stops
at that script, and every layout shift of the load is recorded.
"""

from __future__ import annotations

import time

import pytest
import yaml
from playwright.sync_api import Route

from tests.support.site import LANGUAGE_PREFIX, LANGUAGES, PROJECT_ROOT
from tests.support.visits import new_context

pytestmark = pytest.mark.browser

DATA = yaml.safe_load((PROJECT_ROOT / "docs" / "_data" / "practice.yml").read_text(encoding="utf-8"))
#: One page of each layout: home, a service (the crisis page has the urgent strip), prices, a bio.
PAGES = ["", DATA["services"]["crisis"]["page"][: -len(".md")] + "/", "hinnat/",
         next(iter(DATA["supervisors"].values()))["page"][: -len(".md")] + "/"]
VIEWPORTS = {"phone": {"width": 375, "height": 812}, "laptop": {"width": 1366, "height": 768}}
STYLESHEET_DELAY_S = 0.4
CPU_SLOWDOWN = 4

RECORD_LAYOUT_SHIFTS = """
window.__layoutShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.__layoutShifts.push({
      value: entry.value,
      sources: (entry.sources || []).map((source) => source.node
        ? `${source.node.nodeName}.${String(source.node.className || "").trim().replace(/\\s+/g, ".")}`
        : "?"),
    });
  }
}).observe({ type: "layout-shift", buffered: true });
"""


def hold_back_stylesheet(route: Route) -> None:
    """Answer a stylesheet request late, so the parser waits at the first blocking script."""
    time.sleep(STYLESHEET_DELAY_S)
    route.continue_()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_nothing_moves_while_pages_load(site_server, chromium, viewport):
    """The layout shifts recorded while each page loads add up to zero."""
    context = new_context(chromium, viewport=VIEWPORTS[viewport])
    context.add_init_script(RECORD_LAYOUT_SHIFTS)
    context.route("**/*.css", hold_back_stylesheet)
    page = context.new_page()
    # A slow phone's processor, as Lighthouse assumes: painting then races parsing.
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    problems = []
    for language in LANGUAGES:
        for path in PAGES:
            url = site_server + LANGUAGE_PREFIX[language] + path
            page.goto(url, wait_until="load")
            page.wait_for_timeout(300)
            shifts = page.evaluate("window.__layoutShifts")
            if shifts:
                total = sum(shift["value"] for shift in shifts)
                moved = sorted({source for shift in shifts for source in shift["sources"]})
                problems.append(f"{url}: layout shift {total:.4f} ({', '.join(moved)})")
    context.close()
    assert not problems, "\n".join(problems)
