"""Each language's pages at addresses in their own language; old addresses redirect.

kirkas.addresses reads every page's ``slug:`` and ``redirect_from:`` and checks them.
This hook:

- puts the addresses on MkDocs' files after static-i18n has made the language's file
  list (each page and each of its language versions, which the language switcher and
  the hreflang links read), so everything MkDocs derives from a file's address follows:
  the menu and breadcrumbs, links written as ``hinnat.md``, canonical, the sitemap,
  the search index;
- adds the address problems to the build's report once (the default language's turn);
- after the last language, writes a small redirect page at every old address
  (``overrides/partials/kirkas/redirect-page.html``: meta refresh, canonical, a link
  in the page's language, noindex; not in the sitemap).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from kirkas import addresses, i18n, words
from kirkas.addresses import AddressMap, Redirect
from kirkas.messages import _
from kirkas.pages import page_heading
from kirkas.problems import REPORT

#: After static-i18n (-100) has made the language's files and their language versions.
AFTER_I18N_FILES = -110
REDIRECT_TEMPLATE = "partials/kirkas/redirect-page.html"

#: Site address of each page (all languages) -> its heading, for the redirect pages' links.
_headings: dict[str, str] = {}


def source_pages(files: Files) -> set[str]:
    """Every page of every language: this language's files and their language versions."""
    found = set()
    for file in files.documentation_pages():
        found.add(file.src_uri)
        for version in (getattr(file, "alternates", None) or {}).values():
            found.add(version.src_uri)
    return found


def readdress(file: File, address_map: AddressMap, site_dir: str) -> None:
    """Give one file (a page of the language it is built into) its address in that language.

    The file is written to site_dir (static-i18n's files do not know it as dest_dir).
    """
    language = getattr(file, "locale_alternate_of", None)
    base = getattr(file, "norm_src_uri", None)
    if language is None or base is None or language == address_map.default_language:
        return
    source = address_map.sources.get(base, {}).get(language)
    if source is None or source.path != file.src_uri:
        return  # a missing translation (reported by hooks/translations.py) keeps static-i18n's address
    url, dest = address_map.url_of(base, language), address_map.dest_of(base, language)
    if url is None or dest is None or file.url == url:
        return
    file.dest_uri = dest
    file.url = url
    file.abs_dest_path = os.path.normpath(os.path.join(site_dir, dest))


@event_priority(AFTER_I18N_FILES)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Read the addresses (problems reported once per build) and put them on this language's files."""
    address_map = addresses.scan(
        config.docs_dir, source_pages(files), i18n.languages(config),
        Path(config.config_file_path).parent,
        site_url=config.site_url or "/", directory_urls=config.use_directory_urls,
    )
    addresses.bind(address_map)
    if i18n.is_default_language_build(config):
        _headings.clear()
        for problem in address_map.problems:
            REPORT.add(problem)
    for file in files.documentation_pages():
        readdress(file, address_map, config.site_dir)
        for version in (getattr(file, "alternates", None) or {}).values():
            if version is not file:
                readdress(version, address_map, config.site_dir)
    return files


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """Remember the page's heading: its redirect pages name it."""
    _headings[page.url] = page_heading(page) or page.title or ""
    return context


def redirect_context(redirect: Redirect, config: MkDocsConfig) -> dict[str, Any]:
    """What the redirect page shows: the page's heading, its address (relative and absolute)."""
    site_url = config.site_url or "/"
    language = redirect.language
    return {
        "language": language,
        "words": words.for_config(config).words(language),
        "site_name": i18n.site_name(config, language),
        "title": _headings.get(redirect.new) or i18n.site_name(config, language),
        "href": get_relative_url(redirect.new or ".", redirect.old),
        "canonical": urljoin(site_url, redirect.new),
    }


def redirect_file(site_dir: Path, old: str) -> Path:
    """The file of an old address: 'sv/hinnat/' -> site/sv/hinnat/index.html."""
    return site_dir / (old + "index.html" if old.endswith("/") else old)


@event_priority(i18n.AFTER_ALL_LANGUAGES)
def on_post_build(*, config: MkDocsConfig) -> None:
    """After the last language: a redirect page at every old address (never over a built file)."""
    if not i18n.is_outer_post_build(config):
        return
    try:
        address_map = addresses.current()
    except RuntimeError:
        return
    template = config.theme.get_env().get_template(REDIRECT_TEMPLATE)
    site_dir = Path(config.site_dir)
    for old, redirect in sorted(address_map.redirects.items()):
        target = redirect_file(site_dir, old)
        if target.exists():
            continue  # a built file is never replaced (real pages are checked in kirkas.addresses)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(template.render(**redirect_context(redirect, config)), encoding="utf-8")
        except OSError as error:
            REPORT.fail(_("the redirect page at /{address}", address=old), error)
