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


def _top_level(config: MkDocsConfig, key: str) -> str:
    """A top-level setting as written in mkdocs.yml (static-i18n overrides it per language)."""
    original = getattr(i18n_plugin(config), "original_configs", {}) or {}
    return str(original[key] if key in original else config.get(key) or "")


def site_name(config: MkDocsConfig, language: str) -> str:
    """The practice's name in a language: its i18n block's site_name, else the top level's.

    Correct in every phase of the build (static-i18n changes config.site_name only
    in its own on_config, so hooks that run earlier would see the previous language's).
    """
    entry = next((lang for lang in i18n_plugin(config).config.languages if lang.locale == language), None)
    return str(getattr(entry, "site_name", None) or _top_level(config, "site_name"))


def site_description(config: MkDocsConfig, language: str) -> str:
    """The site description in a language (falls back to the top level's like site_name)."""
    entry = next((lang for lang in i18n_plugin(config).config.languages if lang.locale == language), None)
    return str(getattr(entry, "site_description", None) or _top_level(config, "site_description"))


def split_language_suffix(src_uri: str, locales: list[str]) -> tuple[str, str]:
    """('hinnat.md', 'sv') for 'hinnat.sv.md': a page's default-language path and its language.

    The docs use static-i18n's suffix structure: a translation sits next to the
    default-language page with the language before '.md'.
    """
    folder, _, name = src_uri.rpartition("/")
    stem = name[: -len(".md")] if name.endswith(".md") else name
    base_stem, _, maybe_locale = stem.rpartition(".")
    if base_stem and maybe_locale in locales:
        base = f"{folder}/{base_stem}.md" if folder else f"{base_stem}.md"
        return base, maybe_locale
    return src_uri, locales[0]
