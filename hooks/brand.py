"""The brand in one place: logo, favicon and colours from the data file's ``brand:`` section.

- The logo (an SVG in docs/assets/brand/) is inlined in the header and the menu
  (overrides/partials/logo.html): no request, nothing that pops in.
- The favicon becomes ``theme.favicon``.
- The colours become CSS custom properties, written into the built copy of the site's
  stylesheet (kirkas.stylesheet) after the last language: no extra request, no inline
  style. The sharing images are drawn in them too (hooks/social_cards.py).

kirkas.brand checks the section with the rest of the data file (hooks/practice_data.py
reports its problems): valid colours, WCAG AA contrast in both schemes, a safe SVG.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from kirkas import brand, i18n
from kirkas.messages import _
from kirkas.practice import Practice, load_practice
from kirkas.stylesheet import add_site_css


def practice_of(config: MkDocsConfig) -> Practice:
    """The data file of the build (cached by kirkas.practice)."""
    return load_practice(Path(config.config_file_path).parent, config.docs_dir, i18n.languages(config))


@event_priority(40)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """The favicon of the brand section (problems are reported with the data file's)."""
    favicon = practice_of(config).get("brand.favicon", None)
    if isinstance(favicon, str) and favicon:
        config.theme["favicon"] = favicon
    return config


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Give the templates the logo's SVG (``kirkas_brand_logo``)."""
    env.globals["kirkas_brand_logo"] = brand.logo_markup(practice_of(config))
    return env


@event_priority(i18n.AFTER_ALL_LANGUAGES + 50)
def on_post_build(*, config: MkDocsConfig) -> None:
    """After the last language: the brand colours into the site's stylesheet."""
    if not i18n.is_outer_post_build(config):
        return
    rules = brand.stylesheet_rules(practice_of(config))
    if rules:
        add_site_css(config, rules, _("the brand colours (brand.colors in docs/_data/practice.yml)"),
                     marker=brand.STYLESHEET_MARKER)
