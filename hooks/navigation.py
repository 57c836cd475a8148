"""Every page is in the menu, and every menu entry is a page.

MkDocs' own nav checks (``validation.nav`` in mkdocs.yml) would warn once per
language, in English and without a line, and a warning while Swedish is built stops
the languages after it. They are set to ``info`` there; this hook checks the same
once, on the default language's pages, and names the line of mkdocs.yml to change.
A menu entry without its page is left out of the menu (it is reported once, here,
not again on every page that shows the menu).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section

from kirkas import i18n
from kirkas.messages import _
from kirkas.problems import REPORT, Location, Problem

CONFIG_FILE = "mkdocs.yml"


def nav_entries(items: Any) -> Iterator[str]:
    """Every page path that the nav names (external addresses left out)."""
    if isinstance(items, str):
        if "://" not in items and not items.startswith(("/", "#")):
            yield items
    elif isinstance(items, dict):
        for value in items.values():
            yield from nav_entries(value)
    elif isinstance(items, list):
        for item in items:
            yield from nav_entries(item)


def line_of(config_lines: list[str], text: str, after: int = 0) -> int | None:
    """1-based line of mkdocs.yml that contains a text (after a given line)."""
    for number, line in enumerate(config_lines[after:], start=after + 1):
        if text in line.split("#", 1)[0]:
            return number
    return None


def is_default_language_page(src_uri: str, locales: list[str]) -> bool:
    """True for 'hinnat.md', False for 'hinnat.sv.md'."""
    stem = PurePosixPath(src_uri).stem
    return "." not in stem or stem.rpartition(".")[2] not in locales[1:]


def navigation_problems(config: MkDocsConfig, files: Files) -> list[Problem]:
    """Menu entries without a page, and pages of the default language missing from the menu."""
    if not config.nav:
        return []  # no nav: MkDocs lists every page by itself
    config_lines = Path(config.config_file_path).read_text(encoding="utf-8").splitlines()
    nav_line = next((number for number, line in enumerate(config_lines, start=1)
                     if line.startswith("nav:")), 1)
    locales = i18n.languages(config)
    pages = {
        file.src_uri: file
        for file in files
        if file.is_documentation_page() and is_default_language_page(file.src_uri, locales)
    }
    named = set()
    problems = []
    for entry in nav_entries(config.nav):
        named.add(entry)
        if entry in pages:
            continue
        close = difflib.get_close_matches(entry, list(pages), n=1, cutoff=0.6)
        problems.append(Problem(
            Location(CONFIG_FILE, line_of(config_lines, entry, nav_line - 1) or nav_line),
            "nav-missing-page", entry,
            _("The menu (nav) names the page {page}, but docs/{page} does not exist.", page=entry),
            (_("Did you mean {page}?", page=close[0]) + " " if close else "")
            + _("Correct the file name in nav, or remove the line."),
        ))
    for src_uri, file in sorted(pages.items()):
        if src_uri in named or file.inclusion.is_excluded() or file.inclusion.is_not_in_nav():
            continue
        problems.append(Problem(
            Location(f"docs/{src_uri}"), "page-not-in-nav", src_uri,
            _("The page is not in the menu, so visitors cannot find it."),
            _("Add a line '- {page}' (or '- Title: {page}') under nav: in mkdocs.yml (line "
              "{line}), where it belongs in the menu; give its title in the other languages "
              "under nav_translations. A page that is reached only by links goes under "
              "not_in_nav instead.", page=src_uri, line=nav_line),
        ))
    return problems


#: After hooks/page_roles.py (80), which keeps the search page out of the menu.
AFTER_PAGE_ROLES = 70


@event_priority(AFTER_PAGE_ROLES)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Check the menu once per build (the default language)."""
    if i18n.is_default_language_build(config):
        for problem in navigation_problems(config, files):
            REPORT.add(problem)
    return files


def without_missing_pages(items: list[Any]) -> list[Any]:
    """Menu items without the entries whose Markdown file does not exist."""
    kept = []
    for item in items:
        if isinstance(item, Link) and item.url.split("#", 1)[0].endswith(".md"):
            continue
        if isinstance(item, Section):
            item.children = without_missing_pages(item.children)
        kept.append(item)
    return kept


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Leave the already reported entries without a page out of every language's menu."""
    nav.items = without_missing_pages(nav.items)
    return nav
