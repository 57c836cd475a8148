"""Page roles: each page says what it is (front matter ``role:``); the build checks it.

kirkas.roles answers every hook's and template's "which page is the contact page in
this language" instead of fixed paths. Here, once per build, the roles of every page
of every language are read and checked (unknown role, a role missing or different in
a translation, two pages with one role, no contact or search page, no quote form:
each once in the build's report, with file and line), and per language the role pages are collected for the
other hooks. The search page is left out of the menu without a not_in_nav entry,
and the legal pages' menu tabs are hidden (they are linked in every footer).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from kirkas import i18n, roles
from kirkas.messages import _
from kirkas.problems import REPORT, from_source
from kirkas.stylesheet import add_site_css

#: Before static-i18n (-100) builds the language's file list, which keeps each file's inclusion.
BEFORE_I18N_FILES = 80

_legal_urls: set[str] = set()


@event_priority(BEFORE_I18N_FILES)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Check the roles once per build; keep the search page out of the menu's omissions."""
    languages = i18n.languages(config)
    pages = [file for file in files if file.is_documentation_page() and not file.inclusion.is_excluded()]
    role_map = roles.scan(config.docs_dir, [file.src_uri for file in pages], languages,
                          Path(config.config_file_path).parent)
    if i18n.is_default_language_build(config):
        _legal_urls.clear()
        for problem in role_map.errors:
            REPORT.add(from_source(problem, "page-role"))
    search_pages = {page.path for base, versions in role_map.pages.items() for page in versions.values()
                    if page.role == "search" or role_map.role_of(base) == "search"}
    for file in pages:
        if file.src_uri in search_pages and file.inclusion == InclusionLevel.INCLUDED:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    return files


_nav_order: list[str] = []


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Remember the menu's order of the pages (the footer lists the legal pages in it)."""
    _nav_order[:] = [page.file.src_uri for page in nav.pages]
    return nav


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Collect this language's role pages (every page is read by now, none rendered yet)."""
    roles.bind(files, _nav_order)
    _legal_urls.update(page.url for page in roles.pages_with("legal"))
    return env


@event_priority(i18n.AFTER_ALL_LANGUAGES + 50)
def on_post_build(*, config: MkDocsConfig) -> None:
    """After the last language: hide the legal pages' menu tabs (they are in every footer)."""
    if not i18n.is_outer_post_build(config):
        return
    selectors = roles.legal_tab_selectors(_legal_urls)
    if selectors:
        add_site_css(config, ",\n".join(selectors) + " {\n  display: none;\n}\n",
                     _("the hidden menu tabs of the legal pages (hooks/page_roles.py)"))
