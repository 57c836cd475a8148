"""Sharing: Open Graph and Twitter card tags on every page, and their images.

The images (1200×630 PNG, one per language with the practice's name and the
language's site description, both from mkdocs.yml, in the brand's colours from the
data file) are drawn offline with Pillow once per build, after every language is on
disk (kirkas/social.py). Each language's Open Graph locale is set in its words file. The fonts they are drawn with live
in overrides/assets/fonts/ and are kept out of the published site.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from kirkas import i18n, words
from kirkas.brand import social_colors
from kirkas.pages import page_heading
from kirkas.practice import load_practice
from kirkas.social import HEIGHT, WIDTH, social_image_path, write_social_image

log = get_plugin_logger("social_cards")

#: Colours of the sharing images while the brand's colours have problems.
FALLBACK_COLORS = {"background": (255, 255, 255), "ink": (0, 0, 0), "muted": (64, 64, 64), "accent": (0, 0, 0)}
#: Theme files that are build tools, not site assets.
BUILD_ONLY_THEME_FILES = "assets/fonts/"


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Keep the image fonts (overrides/assets/fonts/) out of the published site."""
    for file in [file for file in files if file.src_uri.startswith(BUILD_ONLY_THEME_FILES)
                 and not file.abs_src_path.startswith(str(Path(config.docs_dir).resolve()))]:
        files.remove(file)
    return files


def image_alt(name: str, description: str) -> str:
    """The text of a sharing image."""
    return f"{name}: {description}" if description else name


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """Give the social-meta partial the page's title, description, address and image."""
    language = i18n.current_language(config)
    book = words.for_config(config)
    site_url = config.site_url or "/"
    name = i18n.site_name(config, language)
    description = (page.meta or {}).get("description") or config.site_description or ""
    is_home = page.is_homepage or page.url in ("", i18n.language_prefix(language, config))
    title = (page.meta or {}).get("title") or page_heading(page) or page.title or name
    context["kirkas_social"] = {
        "site_name": name,
        "title": name if is_home else f"{title} – {name}",
        "description": description,
        "url": urljoin(site_url, page.url),
        "image": urljoin(site_url, social_image_path(language)),
        "image_alt": image_alt(name, config.site_description or ""),
        "image_width": WIDTH,
        "image_height": HEIGHT,
        "locale": book.settings(language).og_locale,
        "locale_alternates": [book.settings(other).og_locale for other in i18n.languages(config)
                              if other != language],
    }
    return context


@event_priority(i18n.AFTER_ALL_LANGUAGES)
def on_post_build(*, config: MkDocsConfig) -> None:
    """Draw every language's sharing image once, after the last language is built."""
    if not i18n.is_outer_post_build(config):
        return
    practice = load_practice(Path(config.config_file_path).parent, config.docs_dir, i18n.languages(config))
    # Drawn even when the data file has problems (they are reported on their own), in
    # neutral colours when the brand's are not usable, so no page links to a missing image.
    colors = (social_colors(practice) if not practice.errors else None) or FALLBACK_COLORS
    host = urlsplit(config.site_url or "").netloc
    for language in i18n.languages(config):
        target = Path(config.site_dir) / social_image_path(language)
        write_social_image(target, i18n.site_name(config, language),
                           i18n.site_description(config, language), host, colors)
