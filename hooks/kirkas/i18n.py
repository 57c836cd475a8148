"""What the static-i18n plugin is building right now.

static-i18n builds the default language first and then, from inside that build's
``on_post_build``, every other language with the same config. Every hook event
therefore runs once per language; these helpers tell the hooks where they are.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig

#: Hook priority that runs after static-i18n's ``on_post_build`` (-100), which is
#: where the other languages are built: the place for whole-site work.
AFTER_ALL_LANGUAGES = -200


def i18n_plugin(config: MkDocsConfig) -> Any:
    """The static-i18n plugin instance of this build."""
    return config.plugins["i18n"]


def languages(config: MkDocsConfig) -> list[str]:
    """Locales that are built, default language first."""
    plugin = i18n_plugin(config)
    built = [lang.locale for lang in plugin.config.languages if lang.build]
    default = plugin.default_language
    return [default] + [locale for locale in built if locale != default]


def default_language(config: MkDocsConfig) -> str:
    """The default locale (served at the site root)."""
    return i18n_plugin(config).default_language


def current_language(config: MkDocsConfig) -> str:
    """The locale being built now."""
    plugin = i18n_plugin(config)
    return plugin.current_language or plugin.default_language


def is_default_language_build(config: MkDocsConfig) -> bool:
    """True while the default language (the outer build) is being built."""
    return current_language(config) == default_language(config)


def is_outer_post_build(config: MkDocsConfig) -> bool:
    """True in the outer build's ``on_post_build`` once every language is on disk.

    Only meaningful in a hook registered with ``AFTER_ALL_LANGUAGES`` priority.
    """
    return not i18n_plugin(config).building


def language_prefix(locale: str, config: MkDocsConfig) -> str:
    """URL path prefix of a language below the site root: '' or 'sv/'."""
    return "" if locale == default_language(config) else f"{locale}/"
