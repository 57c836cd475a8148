"""Page roles: each page says what it is (front matter ``role:``); the build checks it.

kirkas.roles answers every hook's and template's "which page is the contact page in
this language" instead of fixed paths. Here, once per build, the roles of every page
of every language are read and checked (unknown role, a role missing or different in
a translation, two pages with one role, no contact or search page, no quote form:
each with file and line), and per language the role pages are collected for the
other hooks. The pages with the roles in ``OUT_OF_MENU`` stay out of the menu without a
not_in_nav entry: the search page (the header's magnifier leads to it) and the legal
pages (every page's footer links to them). Listed in mkdocs.yml's nav anyway, they are
left out of the menu all the same.
"""

from __future__ import annotations

from pathlib import Path

from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from kirkas import i18n, roles
from kirkas.problems import REPORT, from_source

#: Before static-i18n (-100) builds the language's file list, which keeps each file's inclusion.
BEFORE_I18N_FILES = 80
#: Roles whose pages are reached otherwise than by the menu (the header, the footer).
OUT_OF_MENU = ("search", "legal")


@event_priority(BEFORE_I18N_FILES)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Check the roles once per build; keep the search and legal pages out of the menu."""
    languages = i18n.languages(config)
    pages = [file for file in files if file.is_documentation_page() and not file.inclusion.is_excluded()]
    role_map = roles.scan(config.docs_dir, [file.src_uri for file in pages], languages,
                          Path(config.config_file_path).parent)
    if i18n.is_default_language_build(config):
        for problem in role_map.errors:
            REPORT.add(from_source(problem, "page-role"))
    _out_of_menu.clear()
    _out_of_menu.update(page.path for base, versions in role_map.pages.items() for page in versions.values()
                        if page.role in OUT_OF_MENU or role_map.role_of(base) in OUT_OF_MENU)
    for file in pages:
        if file.src_uri in _out_of_menu and file.inclusion == InclusionLevel.INCLUDED:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    return files


_out_of_menu: set[str] = set()


def without_out_of_menu_pages(items: list[Any]) -> list[Any]:
    """Menu items without the pages that stay out of the menu (listed in nav all the same)."""
    kept = []
    for item in items:
        if isinstance(item, Page) and item.file.src_uri in _out_of_menu:
            continue
        if isinstance(item, Section):
            item.children = without_out_of_menu_pages(item.children)
            if not item.children:
                continue
        kept.append(item)
    return kept


_nav_order: list[str] = []


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Leave the search and legal pages out of the menu; remember the menu's order of the pages.

    A legal page still listed in mkdocs.yml's nav keeps its place in that order (the footer
    lists the legal pages in it), but not in the menu.
    """
    _nav_order[:] = [page.file.src_uri for page in nav.pages]
    nav.items = without_out_of_menu_pages(nav.items)
    nav.pages = [page for page in nav.pages if page.file.src_uri not in _out_of_menu]
    return nav


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Collect this language's role pages (every page is read by now, none rendered yet)."""
    roles.bind(files, _nav_order)
    return env
