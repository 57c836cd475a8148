"""Language alternates done right: absolute hreflang links with x-default in every
page's <head>, a sitemap with the same alternates, and robots.txt pointing at it.

static-i18n's own head links are relative and its sitemap has no x-default; this
hook replaces both. The alternates of every page are collected while each language
is built and written out once, after the last language.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from kirkas import i18n

log = get_plugin_logger("hreflang")

#: Material's language helper requests sitemap.xml next to every <link rel=alternate>;
#: that suits links to language roots, not our per-page hreflang links (404 on every
#: page, or a request to the production host from a preview). Its selector is narrowed
#: so our links, marked data-md-sitemap="false", are left to search engines.
MATERIAL_ALTERNATE_SELECTOR = 'M("link[rel=alternate]")'
NARROWED_ALTERNATE_SELECTOR = 'M("link[rel=alternate]:not([data-md-sitemap=false])")'


@dataclass(frozen=True)
class Alternate:
    """One language version of a page."""

    lang: str
    href: str


@dataclass
class SitemapEntry:
    """A page of one language and all its language versions."""

    lang: str
    loc: str
    alternates: list[Alternate] = field(default_factory=list)


_entries: dict[str, SitemapEntry] = {}


def absolute_url(site_url: str, url: str) -> str:
    """Absolute address of a site-relative page URL ('' or './' is the site root)."""
    return urljoin(site_url, "" if url in ("", "./", ".") else url)


def page_alternates(page: Page, config: MkDocsConfig) -> list[Alternate]:
    """Every language version of a page plus x-default (the default language)."""
    versions = getattr(page.file, "alternates", {}) or {}
    site_url = config.site_url or "/"
    links = [
        Alternate(locale, absolute_url(site_url, versions[locale].url))
        for locale in i18n.languages(config)
        if locale in versions
    ]
    default = i18n.default_language(config)
    links += [Alternate("x-default", link.href) for link in links if link.lang == default]
    return links


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Forget the previous build's pages when a new (outer) build starts."""
    if not i18n.i18n_plugin(config).building:
        _entries.clear()


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """Give the template the page's absolute hreflang links and remember them."""
    alternates = page_alternates(page, config)
    context["hreflang_links"] = alternates
    loc = page.canonical_url or absolute_url(config.site_url or "/", page.url)
    _entries[loc] = SitemapEntry(i18n.current_language(config), loc, alternates)
    return context


def render(env: Environment, template: str, **context: Any) -> str:
    """Render one of our templates with the theme's Jinja environment."""
    return env.get_template(template).render(**context)


def write_text(path: Path, text: str) -> None:
    """Write a generated file, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def narrow_material_alternate_helper(site_dir: Path) -> None:
    """Make Material's language helper skip our hreflang links (see the constant)."""
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    for bundle in bundles:
        source = bundle.read_text(encoding="utf-8")
        if NARROWED_ALTERNATE_SELECTOR in source:
            continue
        if source.count(MATERIAL_ALTERNATE_SELECTOR) != 1:
            # Only a new Material version causes this (a developer's update), never the owner's
            # files: an English log message, not an entry of the owner's report.
            log.error(
                f"{bundle.name}: Material's language helper has changed, so the fix for "
                f"its sitemap.xml requests no longer applies. Update hooks/hreflang.py "
                f"for this Material version."
            )
            continue
        bundle.write_text(
            source.replace(MATERIAL_ALTERNATE_SELECTOR, NARROWED_ALTERNATE_SELECTOR),
            encoding="utf-8",
        )
    if not bundles:
        # The theme's own file (a developer's matter, as above).
        log.error("Material's JavaScript bundle was not found in the built site.")


@event_priority(i18n.AFTER_ALL_LANGUAGES)
def on_post_build(*, config: MkDocsConfig) -> None:
    """After the last language: write the sitemaps and robots.txt, fix the theme helper."""
    if not i18n.is_outer_post_build(config):
        return
    site_dir = Path(config.site_dir)
    env = config.theme.get_env()
    entries = sorted(_entries.values(), key=lambda entry: entry.loc)
    sitemap = render(env, "partials/kirkas/sitemap-xml.html", entries=entries)
    write_text(site_dir / "sitemap.xml", sitemap)
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap.encode("utf-8"), mtime=0))
    # Material fetches sitemap.xml at each language root (for instant loading and its
    # language helper): give every language its own, listing its pages.
    for locale in i18n.languages(config):
        prefix = i18n.language_prefix(locale, config)
        if prefix:
            own = [entry for entry in entries if entry.lang == locale]
            write_text(
                site_dir / prefix / "sitemap.xml",
                render(env, "partials/kirkas/sitemap-xml.html", entries=own),
            )
    robots = render(env, "partials/kirkas/robots-txt.html", sitemap_url=urljoin(config.site_url or "/", "sitemap.xml"))
    write_text(site_dir / "robots.txt", robots)
    narrow_material_alternate_helper(site_dir)
