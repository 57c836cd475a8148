"""One pass over a built HTML page: everything the build guard checks, read once.

Each page is parsed once with selectolax (lexbor). The result is plain data: the ids
(link targets), every URL in href/src/srcset/poster/action, in sharing tags and in
the after-paint script loader's list (hooks/kirkas/scripts.py), the
images and their alt text, the <title>, the meta description and the visible text
of the page content and of the rest of the page (header, navigation, footer).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from kirkas.messages import N_
from kirkas.scripts import LOADER_ATTRIBUTE, LOADER_SELECTOR, loader_sources

#: Elements and the attributes of each that hold a URL.
URL_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "form": ("action",),
    "input": ("src",),
}
#: Sharing tags whose content is a URL.
URL_META_PROPERTIES = {"og:image", "og:url", "og:image:url", "og:image:secure_url", "twitter:image"}
LINK_SELECTOR = ", ".join(
    f"{tag}[{attribute}]" for tag, attributes in URL_ATTRIBUTES.items() for attribute in attributes
) + ", meta[content]"
#: Parts of a Material page, most specific first: where a link or text sits.
REGIONS = (
    (N_("page content"), "article"),
    (N_("page header or navigation"), "header, .md-tabs, .md-sidebar"),
    (N_("page footer"), "footer"),
    (N_("page head (<head>)"), "head"),
)
CONTENT = REGIONS[0][0]
#: A region outside the ones above.
BODY = N_("page body")
#: Elements whose text is not visible page text.
INVISIBLE = ["script", "style", "template"]


@dataclass(frozen=True)
class Link:
    """One URL found in the page."""

    tag: str
    attribute: str
    url: str
    text: str
    region: str

    @property
    def in_content(self) -> bool:
        """True when the link is in the page's own content (from its Markdown file)."""
        return self.region == CONTENT


@dataclass(frozen=True)
class Image:
    """An <img> and its text alternative."""

    src: str
    alt: str | None
    decorative: bool
    region: str

    @property
    def in_content(self) -> bool:
        """True when the image is in the page's own content."""
        return self.region == CONTENT


@dataclass
class ParsedPage:
    """What the guard needs from one HTML page."""

    ids: set[str] = field(default_factory=set)
    headings: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    title: str | None = None
    description: str | None = None
    content_text: str = ""
    other_text: str = ""


def srcset_urls(srcset: str) -> list[str]:
    """The URLs of a srcset ('a.png 1x, b.png 2x' -> ['a.png', 'b.png'])."""
    urls = []
    for candidate in srcset.split(","):
        parts = candidate.strip().split()
        if parts:
            urls.append(parts[0])
    return urls


def element_ids(tree: LexborHTMLParser) -> set[str]:
    """Every id of the page, plus <a name> targets: what a #fragment may point to."""
    ids = {node.attributes.get("id") or "" for node in tree.css("[id]")}
    ids.update(node.attributes.get("name") or "" for node in tree.css("a[name]"))
    ids.discard("")
    return ids


def heading_ids(tree: LexborHTMLParser) -> set[str]:
    """Ids of the headings: the sections a link may point to, named in messages."""
    return {
        node.attributes.get("id") or ""
        for node in tree.css("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]")
    } - {""}


def is_decorative(image: Any) -> bool:
    """Marked decorative (role="presentation"/"none", aria-hidden), or next to the text of its link.

    An empty alt on an image inside a link or button that has its own text is the
    recommended markup (WCAG technique H2): the text already names the link.
    """
    attributes = image.attributes
    if attributes.get("role") in {"presentation", "none"} or attributes.get("aria-hidden") == "true":
        return True
    if attributes.get("alt") not in (None, "") or "alt" not in attributes:
        return False
    ancestor = image.parent
    while ancestor is not None and ancestor.tag not in {"a", "button", "body"}:
        ancestor = ancestor.parent
    return (
        ancestor is not None
        and ancestor.tag in {"a", "button"}
        and bool(ancestor.text(deep=True).strip() or ancestor.attributes.get("aria-label"))
    )


def parse_page(html: str, *, ids_only: bool = False) -> ParsedPage:
    """Read a built page once and return its ids, links, images, title, description and text."""
    tree = LexborHTMLParser(html)
    page = ParsedPage(ids=element_ids(tree), headings=heading_ids(tree))
    if ids_only:
        return page
    # An email address may hold <wbr> break points (hooks/hyphenation.py): read it whole.
    tree.strip_tags(["wbr"])
    tree.merge_text_nodes()
    region_of: dict[int, str] = {}
    for region, selector in REGIONS:
        containers = ", ".join(f"{container} :is({LINK_SELECTOR})" for container in selector.split(", "))
        for node in tree.css(containers):
            region_of.setdefault(node.mem_id, region)
    for node in tree.css(LINK_SELECTOR):
        region = region_of.get(node.mem_id, BODY)
        attributes = node.attributes
        tag = node.tag or ""
        if tag == "meta":
            if (attributes.get("property") or attributes.get("name") or "") in URL_META_PROPERTIES:
                page.links.append(Link(tag, "content", (attributes.get("content") or "").strip(), "", region))
            continue
        if tag == "img":
            page.images.append(Image(
                src=(attributes.get("src") or "").strip(),
                alt=None if "alt" not in attributes else (attributes.get("alt") or ""),
                decorative=is_decorative(node),
                region=region,
            ))
        text = node.text(deep=True, separator=" ").strip() if tag == "a" else ""
        for attribute in URL_ATTRIBUTES.get(tag, ()):
            value = attributes.get(attribute)
            if value is None:
                continue
            if attribute == "srcset":
                page.links.extend(Link(tag, attribute, url, text, region) for url in srcset_urls(value))
            else:
                page.links.append(Link(tag, attribute, value.strip(), text, region))
    for node in tree.css(LOADER_SELECTOR):
        page.links.extend(Link("script", LOADER_ATTRIBUTE, url, "", "page footer") for url in loader_sources(node))
    title = tree.css_first("head title")
    page.title = title.text(deep=True).strip() if title is not None else None
    description = tree.css_first('meta[name="description"]')
    if description is not None:
        page.description = (description.attributes.get("content") or "").strip()
    tree.strip_tags(INVISIBLE)
    article = tree.css_first("article")
    if article is not None:
        page.content_text = article.text(deep=True, separator="\n", strip=False)
        article.decompose()
    if tree.body is not None:
        page.other_text = tree.body.text(deep=True, separator="\n", strip=False)
    return page
