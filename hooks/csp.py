"""Content-Security-Policy for every page, with hashes of its inline scripts and styles.

The policy itself is written, readable, in overrides/partials/kirkas/security-meta.html
(a <meta http-equiv="Content-Security-Policy"> first in <head>). This hook runs after
every other hook has finished a page, hashes each inline <script> and <style> the
page really contains (SHA-256, as the browser hashes them) and adds the hashes to
script-src and style-src. Nothing inline runs unless it was in the page at build time.

The <meta charset> is moved before the policy, so it stays within the first 1024
bytes of the page as HTML requires.

Inline style attributes (style="...") are not allowed: they would need
'unsafe-hashes'. A page that has one fails the build: the problem is reported in the
build's report under the page's Markdown file, at the line where the attribute is
written (when it is found there), with the element named.

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

from kirkas.messages import _
from kirkas.problems import REPORT, Location, Problem

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
    return add_hashes(output, page.file.src_uri, page.file.content_string)


@event_priority(LAST)
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The same for pages rendered from a template alone (404.html)."""
    if not template_name.endswith(".html"):
        return output_content
    return add_hashes(output_content, f"overrides/{template_name}")


def style_attribute_line(markdown: str, style: str) -> int | None:
    """The 1-based line of the page's Markdown where a style attribute is written, if found."""
    lines = markdown.splitlines()
    wanted = " ".join(style.split())
    candidates = [number for number, line in enumerate(lines, start=1) if "style" in line]
    for number in candidates:
        if wanted and wanted in " ".join(lines[number - 1].split()):
            return number
    return candidates[0] if len(candidates) == 1 else None


def report_style_attribute(node: LexborNode, source: str, markdown: str | None) -> None:
    """An inline style attribute: in a page, the owner's mistake, at its Markdown line."""
    style = node.attributes.get("style") or ""
    if markdown is not None:
        location = Location(f"docs/{source}", style_attribute_line(markdown, style))
    else:  # a page made from a template alone (404.html): the template's
        location = Location(source)
    REPORT.add(Problem(
        location, "inline-style", f"{describe(node)} {style}",
        _("{element} has an inline style attribute (style=\"{style}\"), which the site's security "
          "policy (Content-Security-Policy) blocks.", element=describe(node), style=style),
        _("Remove the style attribute. To style the element, give it a class and style the class in "
          "docs/assets/stylesheets/kirkas.css (ask the developer)."),
    ))


def add_hashes(output: str, source: str, markdown: str | None = None) -> str:
    """The page with its inline scripts' and styles' hashes added to its policy.

    source is the page's file in docs/ (with its Markdown) or a template's path.
    """
    tree = LexborHTMLParser(output)
    meta = tree.css_first(POLICY_SELECTOR)
    if meta is None:
        # Only a developer can cause this (a template of overrides/ that drops the policy):
        # an English log message, not an entry of the owner's report.
        log.error(
            f"{source}: the page has no Content-Security-Policy <meta>. It is "
            "rendered by overrides/partials/kirkas/security-meta.html, included first in "
            "<head> by overrides/main.html; a template that replaces the site_meta block "
            "must include it."
        )
        return output
    for node in tree.css("[style]"):
        report_style_attribute(node, source, markdown)
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
