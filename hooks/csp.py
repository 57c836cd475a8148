"""Content-Security-Policy for every page, with hashes of its inline scripts and styles.

The policy itself is written, readable, in overrides/partials/kirkas/security-meta.html
(a <meta http-equiv="Content-Security-Policy"> first in <head>). This hook runs after
every other hook has finished a page, hashes each inline <script> and <style> the
page really contains (SHA-256, as the browser hashes them) and adds the hashes to
script-src and style-src. Nothing inline runs unless it was in the page at build time.

The <meta charset> is moved before the policy, so it stays within the first 1024
bytes of the page as HTML requires.

Inline style attributes (style="...") are not allowed: they would need
'unsafe-hashes'. A page that has one fails the build with the element named.

In the preview (`mkdocs serve`, i.e. `make serve`) MkDocs adds its live-reload script to
every page as it serves it, with a new timestamp each time, so no hash can allow it.
There script-src allows inline scripts instead of listing hashes (a hash would switch
'unsafe-inline' off). Only the preview: `make build` and the published site keep the
strict policy.
"""

from __future__ import annotations

import base64
import hashlib

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.pages import Page
from selectolax.lexbor import LexborHTMLParser, LexborNode

log = get_plugin_logger("csp")

#: The <meta> the template renders; its content is the policy without hashes.
POLICY_SELECTOR = 'meta[http-equiv="Content-Security-Policy"]'
#: <script type> values a browser executes (the others, e.g. JSON-LD, are data).
EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
#: Runs after every other on_post_page hook, so the hashes match the final HTML.
LAST = -1000
#: script-src in the preview, where MkDocs injects its live-reload script.
PREVIEW_SCRIPT_SOURCE = "'unsafe-inline'"

_previewing = False


def on_startup(*, command: str, dirty: bool) -> None:
    """Note whether this is the live preview (mkdocs serve)."""
    global _previewing
    _previewing = command == "serve"
    if _previewing:
        log.info("Preview: inline scripts allowed so that live reload works; "
                 "`make build` and the published site keep the strict policy.")


def source_hash(text: str) -> str:
    """CSP source expression of an inline script or style: 'sha256-<base64>'."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def is_inline_script(node: LexborNode) -> bool:
    """True for a <script> without src that the browser would execute."""
    attributes = node.attributes
    script_type = (attributes.get("type") or "").strip().lower()
    return "src" not in attributes and script_type in EXECUTABLE_SCRIPT_TYPES


def parse_policy(policy: str) -> dict[str, list[str]]:
    """Directives of a policy text, in order: {'script-src': ["'self'"], ...}."""
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def format_policy(directives: dict[str, list[str]]) -> str:
    """Policy text from directives."""
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def with_hashes(policy: str, script_hashes: list[str], style_hashes: list[str]) -> str:
    """The policy with the hashes added to script-src and style-src (created if missing)."""
    directives = parse_policy(policy)
    for name, hashes in (("script-src", script_hashes), ("style-src", style_hashes)):
        if not hashes:
            continue
        sources = directives.setdefault(name, list(directives.get("default-src", ["'self'"])))
        sources.extend(source for source in dict.fromkeys(hashes) if source not in sources)
    return format_policy(directives)


def describe(node: LexborNode) -> str:
    """Short description of an element for an error message: '<div class="x">'."""
    attributes = " ".join(
        f'{name}="{value}"' for name, value in node.attributes.items() if name in ("id", "class")
    )
    return f"<{node.tag}{' ' + attributes if attributes else ''}>"


@event_priority(LAST)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Add the SHA-256 hashes of the page's inline scripts and styles to its CSP."""
    return add_hashes(output, page.file.src_uri)


@event_priority(LAST)
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The same for pages rendered from a template alone (404.html)."""
    if not template_name.endswith(".html"):
        return output_content
    return add_hashes(output_content, f"overrides/{template_name}")


def add_hashes(output: str, source: str) -> str:
    """The page with its inline scripts' and styles' hashes added to its policy."""
    tree = LexborHTMLParser(output)
    meta = tree.css_first(POLICY_SELECTOR)
    if meta is None:
        log.error(
            f"{source}: the page has no Content-Security-Policy <meta>. It is "
            "rendered by overrides/partials/kirkas/security-meta.html, included first in "
            "<head> by overrides/main.html; a template that replaces the site_meta block "
            "must include it."
        )
        return output
    for node in tree.css("[style]"):
        log.error(
            f"{source}: {describe(node)} has an inline style attribute, which the "
            "Content-Security-Policy blocks. Give the element a class and style it in "
            "docs/assets/stylesheets/kirkas.css."
        )
    scripts = [source_hash(node.text(deep=True)) for node in tree.css("script") if is_inline_script(node)]
    if _previewing:
        scripts = [PREVIEW_SCRIPT_SOURCE]
    styles = [source_hash(node.text(deep=True)) for node in tree.css("style")]
    charset = tree.css_first("meta[charset]")
    if charset is not None:
        # The encoding must be declared within the first 1024 bytes: keep it first.
        meta.insert_before(charset)
        charset.decompose()
    meta.attrs["content"] = with_hashes(meta.attributes.get("content") or "", scripts, styles)
    return tree.html or output
