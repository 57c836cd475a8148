"""Load less, and nothing that blocks the first paint without need.

- Material's palette stylesheet (palette.*.min.css) defines its named colour
  schemes (indigo, slate, ...). The site defines its own schemes, kirkas-light and
  kirkas-dark, in kirkas.css, so that request is dropped.
- Material's script bundle sits at the end of <body> without ``defer``; browsers and
  Lighthouse treat it as parser-blocking. It runs after parsing anyway, so it gets
  ``defer`` (the order of deferred scripts, the bundle before extra_javascript, stays).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from selectolax.lexbor import LexborHTMLParser

#: Before hooks/valid_markup.py (-900) and hooks/csp.py (-1000).
BEFORE_MARKUP_FIXES = -800
PALETTE_STYLESHEET = 'link[rel="stylesheet"][href*="assets/stylesheets/palette."]'
THEME_BUNDLE = 'script[src*="assets/javascripts/bundle."]'


def lean(output: str) -> str:
    """The page without the palette stylesheet and with the theme bundle deferred."""
    tree = LexborHTMLParser(output)
    changed = False
    for node in tree.css(PALETTE_STYLESHEET):
        node.decompose()
        changed = True
    for node in tree.css(THEME_BUNDLE):
        if "defer" not in node.attributes:
            node.attrs["defer"] = ""
            changed = True
    return (tree.html or output) if changed else output


@event_priority(BEFORE_MARKUP_FIXES)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Drop the unused palette stylesheet; defer the theme's script bundle."""
    return lean(output)


@event_priority(BEFORE_MARKUP_FIXES)
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The same for pages rendered from a template alone (404.html)."""
    return lean(output_content) if template_name.endswith(".html") else output_content
