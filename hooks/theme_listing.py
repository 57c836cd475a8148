"""List the theme's static files without walking Material's 14,000 icon files.

Before every build (once per language with static-i18n) MkDocs lists every file of
the theme folders and keeps the static ones. Material ships ~14,500 icon SVGs under
``.icons/``; MkDocs walks them all and then drops every path that starts with a dot
(its ``.*`` pattern), about a quarter of a second per build on this machine. The
theme's template loader here prunes hidden folders from that listing, so the kept
files are exactly the same; looking a template up (the icons included by templates)
is unchanged. tests/test_theme_listing.py compares the two listings.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.theme import Theme


class VisibleFileSystemLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader whose listing skips hidden files and folders."""

    def list_templates(self) -> list[str]:
        """Template names under every search path, hidden folders and files left out."""
        return sorted({name for search_path in self.searchpath
                       for name in _visible_names(search_path, followlinks=self.followlinks)})


def _visible_names(search_path: str, *, followlinks: bool) -> Iterator[str]:
    """Slash-separated names of the visible files under one folder, hidden folders pruned."""
    for folder, subfolders, file_names in os.walk(search_path, followlinks=followlinks):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        relative_folder = os.path.relpath(folder, search_path)
        for file_name in file_names:
            if file_name.startswith("."):
                continue
            path = file_name if relative_folder == "." else os.path.join(relative_folder, file_name)
            yield path.replace(os.sep, "/")


def _with_visible_listing(make_environment: Callable[[], jinja2.Environment]) -> Callable[[], jinja2.Environment]:
    """Wrap Theme.get_env so the environment's loader lists only visible files."""

    def get_env() -> jinja2.Environment:
        """The theme's environment as MkDocs builds it, with the pruning loader."""
        environment = make_environment()
        loader: Any = environment.loader
        environment.loader = VisibleFileSystemLoader(loader.searchpath, encoding=loader.encoding,
                                                     followlinks=loader.followlinks)
        return environment

    get_env.kirkas_visible_listing = True  # type: ignore[attr-defined]
    return get_env


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Give this build's theme the pruning loader (once; static-i18n reuses the theme)."""
    theme: Theme = config.theme
    if not getattr(theme.get_env, "kirkas_visible_listing", False):
        theme.get_env = _with_visible_listing(theme.get_env)  # type: ignore[method-assign]
    return config
