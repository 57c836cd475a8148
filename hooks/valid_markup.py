"""Make the theme's own markup valid HTML (zero Nu Html Checker errors on every page).

Material for MkDocs writes a few attributes the HTML standard does not allow, in
templates that cannot be overridden without copying them (base.html, nav-item.html):
autocomplete="off" on its checkbox toggles, autocorrect="off" on the search input
(a Safari-only attribute), tabindex="" on navigation labels, and
a table-of-contents label for="__toc" whose checkbox is only rendered when the
navigation shows the page's contents.
This hook removes exactly those attributes; it changes nothing else.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from selectolax.lexbor import LexborHTMLParser

#: Attributes no HTML element allows, written by the theme (search input: autocorrect).
NON_STANDARD_INPUT_ATTRIBUTES = ("autocorrect",)
#: Input types on which the autocomplete attribute is not allowed.
NO_AUTOCOMPLETE_TYPES = ("checkbox", "radio")
#: Before hooks/csp.py (-1000), which must see the final page.
BEFORE_CSP = -900


def remove_invalid_attributes(tree: LexborHTMLParser) -> int:
    """Remove the theme's invalid attributes from a parsed page; returns how many."""
    removed = 0
    for input_type in NO_AUTOCOMPLETE_TYPES:
        for node in tree.css(f'input[type="{input_type}"][autocomplete]'):
            del node.attrs["autocomplete"]
            removed += 1
    for attribute in NON_STANDARD_INPUT_ATTRIBUTES:
        for node in tree.css(f"input[{attribute}]"):
            del node.attrs[attribute]
            removed += 1
    for node in tree.css('[tabindex=""]'):
        del node.attrs["tabindex"]
        removed += 1
    for node in tree.css("label[for]"):
        target = node.attributes.get("for") or ""
        if not target or tree.css_first(f'[id="{target}"]') is None:
            del node.attrs["for"]
            removed += 1
    return removed


@event_priority(BEFORE_CSP)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Remove invalid attributes written by the theme's templates."""
    return valid_markup(output)


@event_priority(BEFORE_CSP)
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The same for pages rendered from a template alone (404.html)."""
    return valid_markup(output_content) if template_name.endswith(".html") else output_content


def valid_markup(output: str) -> str:
    """A page's HTML without the theme's invalid attributes."""
    tree = LexborHTMLParser(output)
    if not remove_invalid_attributes(tree):
        return output
    return tree.html or output
