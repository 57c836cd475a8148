"""The footer of every page, the 404 pages included: what a visitor looks for at the bottom.

The practice's contact details and business ID, its services, the legal pages (role
legal) and the languages, all in the page's language, from docs/_data/practice.yml,
mkdocs.yml and the pages' roles; rendered by overrides/partials/kirkas/footer.html as
``kirkas_footer``. No previous/next page links: the site is not read page after page.

Links are relative to the page; the 404 pages, served at any address, link by absolute
path from ``site_url``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from kirkas import i18n, roles, words
from kirkas.practice import load_practice
from kirkas.views import PracticeView, find_file, localized

_files: Files | None = None


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Remember the pages of the language being built (the footer links to its services)."""
    global _files
    _files = files
    return env


def footer(config: MkDocsConfig, link: Callable[[str], str]) -> dict[str, Any] | None:
    """What the footer shows in the language being built; ``link`` turns a site URL into an href."""
    practice = load_practice(Path(config.config_file_path).parent, config.docs_dir, i18n.languages(config))
    if practice.errors:
        return None  # reported by hooks/practice_data.py
    language = i18n.current_language(config)
    view = PracticeView(practice, words.for_config(config).settings(language), i18n.site_name(config, language))
    services = []
    for service in practice.services().values():
        file = find_file(_files, service["page"]) if _files is not None else None
        if file is not None:
            services.append({"name": localized(service["name"], language), "href": link(file.url)})
    return {
        "contact": view.contact(),
        "description": i18n.site_description(config, language),
        "services": services,
        "legal_links": [{"text": legal.title, "href": link(legal.url)} for legal in roles.pages_with("legal")],
    }


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """The footer of a page: links relative to it."""
    context["kirkas_footer"] = footer(config, lambda url: get_relative_url(url, page.url))
    return context


def on_template_context(
    context: dict[str, Any], *, template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    """The footer of a page without a Markdown source (404): links by absolute path."""
    if template_name.endswith(".html"):
        site_path = urlsplit(config.site_url or "/").path or "/"
        context["kirkas_footer"] = footer(config, lambda url: site_path + url)
    return context
