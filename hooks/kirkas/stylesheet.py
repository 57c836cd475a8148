"""CSS the build writes into the site's own stylesheet (no extra request, no inline style).

The site's stylesheet is the first local file of mkdocs.yml's ``extra_css``. Rules
computed from the owner's files (the brand colours) are
written into its built copy after the last language, before hooks/lean_assets.py
minifies it: at the marker comment ``/* kirkas:<name> */`` when the stylesheet has
one, else at its end.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("stylesheet")


def site_stylesheet(config: MkDocsConfig) -> Path | None:
    """The built copy of the first local stylesheet of extra_css (None if there is none)."""
    for entry in config.extra_css:
        path = str(getattr(entry, "path", entry))
        if urlsplit(path).scheme or path.startswith("//"):
            continue
        built = Path(config.site_dir) / path.lstrip("/")
        if built.is_file():
            return built
    return None


def add_site_css(config: MkDocsConfig, css: str, what: str, marker: str | None = None) -> None:
    """Write generated CSS into the site's stylesheet, at its marker comment or at its end."""
    stylesheet = site_stylesheet(config)
    if stylesheet is None:
        log.error(f"mkdocs.yml: extra_css names no stylesheet of the site, so {what} cannot be "
                  "written into it. List the site's stylesheet under extra_css.")
        return
    text = stylesheet.read_text(encoding="utf-8")
    if marker and marker in text:
        text = text.replace(marker, f"{marker}\n{css}", 1)
    else:
        text = f"{text.rstrip()}\n\n{css}"
    stylesheet.write_text(text, encoding="utf-8")
