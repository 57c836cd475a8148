"""A 404 page per language: /404.html (the default language), /sv/404.html, /en/404.html.

static-i18n renders 404.html to the site root in every language build, so the last
language would win. After each language is built, its 404 page is moved into the
language folder and the default language's page is put back at the root (GitHub
Pages serves the root one for every missing address).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from kirkas import i18n, roles

NOT_FOUND = "404.html"

_default_language_page: bytes | None = None


def on_template_context(
    context: dict[str, Any], *, template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    """Point the 404 page's language switcher at the other languages' 404 pages; its links."""
    if template_name == NOT_FOUND:
        current = i18n.current_language(config)
        context["not_found_language"] = current
        # 404 pages are served at any depth: link with absolute paths from site_url.
        site_path = urlsplit(config.site_url or "/").path or "/"
        context["home_href"] = site_path + i18n.language_prefix(current, config)
        context["not_found_links"] = {
            role: site_path + url for role in ("services", "contact") if (url := roles.url_of(role)) is not None
        }
        # static-i18n keeps the selector in config.extra["alternate"] and, per page, in
        # the attribute config.extra.alternate (which templates see first): set both.
        current_links = getattr(config.extra, "alternate", None) or config.extra.get("alternate", [])
        not_found_links = [
            {**alternate, "link": i18n.language_prefix(alternate["lang"], config) + NOT_FOUND}
            for alternate in current_links
        ]
        config.extra["alternate"] = not_found_links
        config.extra.alternate = not_found_links
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    """Move this language's 404 page into its folder; keep the default one at the root."""
    global _default_language_page
    root_page = Path(config.site_dir) / NOT_FOUND
    if not root_page.exists():
        return
    if i18n.is_default_language_build(config):
        _default_language_page = root_page.read_bytes()
        return
    prefix = i18n.language_prefix(i18n.current_language(config), config)
    target = Path(config.site_dir) / prefix / NOT_FOUND
    target.parent.mkdir(parents=True, exist_ok=True)
    root_page.replace(target)
    if _default_language_page is not None:
        root_page.write_bytes(_default_language_page)
