"""No script delays the first paint: Material's bundle and the site's scripts load after it.

Material's bundle (35 KB compressed) was a deferred script: browsers may run it, and
Lighthouse's phone simulation always counts it, before the page's first paint. Main.html's
``scripts`` block now renders overrides/partials/kirkas/scripts.html instead of
Material's script tags: an inline loader that, once the page is parsed and painted,
adds Material's bundle and then mkdocs.yml's ``extra_javascript`` in that order. This
hook finds the bundle's file name (it carries a content hash that changes with every
Material release) and gives it to the templates as ``kirkas_theme_bundle``.
"""

from __future__ import annotations

import fnmatch

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

#: Material's script bundle among the theme's files.
THEME_BUNDLE_PATTERN = "assets/javascripts/bundle.*.min.js"


def theme_bundle(files: Files) -> str:
    """Site path of Material's script bundle; an error unless there is exactly one."""
    found = sorted(file.src_uri for file in files if fnmatch.fnmatchcase(file.src_uri, THEME_BUNDLE_PATTERN))
    if len(found) != 1:
        # Only a developer causes this: a new Material version, or a file of that name in the
        # engine's folders (docs/assets/javascripts/, overrides/). English, not in the report.
        raise PluginError(
            f"hooks/scripts_after_paint.py: expected one file {THEME_BUNDLE_PATTERN} from the theme, "
            f"found {found or 'none'}. Does docs/ or overrides/ contain a file of that name? Remove it.")
    return found[0]


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Give every template the bundle's path (pages, the search page and the 404 pages)."""
    env.globals["kirkas_theme_bundle"] = theme_bundle(files)
    return env
