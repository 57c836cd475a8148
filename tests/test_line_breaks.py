"""Every page of every language at phone, tablet, laptop and desktop widths in Chromium:
no word of a heading, card, table, link, definition list, the header or the footer
broken mid-line (a break at a soft hyphen, after a hyphen or, in an address, after "@"
or a dot is fine), no phone number or email address split, nothing wider than the
window and nothing cut off by a box that clips its content.

The pages are those of the built site; each width gets one browser context, and each
page one run of support/line_breaks.js, which returns every offender at once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.browser import open_page
from tests.support.site import LANGUAGE_PREFIX, LANGUAGES
from tests.support.visits import new_context

pytestmark = pytest.mark.browser

FIND_BAD_BREAKS = (Path(__file__).parent / "support" / "line_breaks.js").read_text(encoding="utf-8")
#: The narrowest phone in use, a common phone, a tablet, a small laptop, a desktop.
WIDTHS = (320, 390, 768, 1024, 1440)
HEIGHT = 800
#: What each kind of offender means, for the failure message.
KINDS = {
    "word": "a word broken mid-line",
    "phone": "a phone number split across lines",
    "email": "an email address broken elsewhere than after @ or a dot",
    "page-overflow": "the page is wider than the window",
    "clipped": "content cut off by its box",
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_word_phone_or_address_breaks_and_nothing_overflows(site, site_server, chromium, width, language):
    """Every page of a language (and its 404 page) at one width."""
    urls = [site.url_path(path) for path in site.pages_of(language)] + [f"{LANGUAGE_PREFIX[language]}404.html"]
    context = new_context(chromium, viewport={"width": width, "height": HEIGHT})
    page = context.new_page()
    problems = []
    for url_path in urls:
        open_page(page, site_server + url_path)
        for offender in page.evaluate(FIND_BAD_BREAKS):
            problems.append(f"/{url_path} at {width} px: {KINDS[offender['kind']]}: "
                            f"{offender['text']!r} in {offender['where']}")
    context.close()
    assert len(urls) > 1
    assert not problems, "\n".join(problems)
