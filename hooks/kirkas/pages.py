"""Facts about a built page that more than one hook needs."""

from __future__ import annotations

import html

from mkdocs.structure.pages import Page


def page_heading(page: Page) -> str | None:
    """The page's own heading (H1) as text; its menu label in mkdocs.yml's nav may be shorter."""
    if page.toc and page.toc.items and page.toc.items[0].level == 1:
        return html.unescape(page.toc.items[0].title)
    return None
