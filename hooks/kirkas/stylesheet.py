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

from kirkas.messages import _
from kirkas.problems import REPORT, Location, Problem
from kirkas.siteconfig import key_line


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
    """Write generated CSS into the site's stylesheet, at its marker comment or at its end.

    what names the CSS for the owner (translated by the caller), e.g. "the brand colours".
    """
    stylesheet = site_stylesheet(config)
    if stylesheet is None:
        # One problem however many callers: the first one's what is named.
        REPORT.add(Problem(
            Location("mkdocs.yml", key_line(config.config_file_path, "extra_css") or None),
            "no-site-stylesheet", "",
            _("extra_css names no stylesheet of the site, so the build cannot write into it the CSS "
              "it makes from your files (such as {what}).", what=what),
            _("List the site's stylesheet under extra_css (assets/stylesheets/kirkas.css)."),
        ))
        return
    text = stylesheet.read_text(encoding="utf-8")
    if marker and marker in text:
        text = text.replace(marker, f"{marker}\n{css}", 1)
    else:
        text = f"{text.rstrip()}\n\n{css}"
    stylesheet.write_text(text, encoding="utf-8")
