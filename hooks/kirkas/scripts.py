"""The scripts a built page loads: its <script src> elements and the after-paint loader's list.

overrides/partials/kirkas/scripts.html loads Material's bundle and the site's own
scripts after the first paint; their addresses are in the loader's
``data-kirkas-scripts`` attribute (JSON), not in ``src`` attributes. Whatever reads a
page for the scripts it loads (the link guard, the stylesheet purge, tests) asks here.
"""

from __future__ import annotations

import json

from selectolax.lexbor import LexborHTMLParser, LexborNode

#: The inline script that loads the page's scripts after the first paint.
LOADER_SELECTOR = "script[data-kirkas-scripts]"
LOADER_ATTRIBUTE = "data-kirkas-scripts"


def loader_sources(node: LexborNode) -> list[str]:
    """The script addresses listed by one loader element, in loading order."""
    try:
        listed = json.loads(node.attributes.get(LOADER_ATTRIBUTE) or "[]")
    except json.JSONDecodeError:
        return []
    return [str(item.get("src", "")) for item in listed if isinstance(item, dict) and item.get("src")]


def script_sources(tree: LexborHTMLParser) -> list[str]:
    """Every script address of a page: <script src> first, then the loader's list."""
    sources = [(node.attributes.get("src") or "").strip() for node in tree.css("script[src]")]
    for node in tree.css(LOADER_SELECTOR):
        sources.extend(loader_sources(node))
    return [source for source in sources if source]
