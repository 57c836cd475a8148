"""Site search that loads only where it is used: the search pages and the 404 pages.

Material's script starts the search worker and fetches the index on every page that
has the search form, so the form is rendered only on the search page of each language
(the page with ``role: search``, template search-page.html) and on the 404 pages;
every other page's header links to its language's search page instead. The search
page is left out of the menu without a ``not_in_nav`` entry (hooks/page_roles.py).

The search languages are the site's languages (plugins.i18n.languages in mkdocs.yml,
those lunr can stem); a ``lang:`` under the search plugin that names others fails the
build (reported in the build's report, at its line of mkdocs.yml).

static-i18n writes one index of all languages at the site root. After the last
language it is split into one index per language (``sv/search/search_index.json``,
locations relative to the language folder, that language's stemmer), and the search
and 404 pages point the theme's ``base`` at their language folder, so results link
to pages of the visitor's language only. Their worker is
``assets/javascripts/workers/search-stemmed.js``: it stems the visitor's words before
Material's worker adds its trailing wildcard, so "työnohjaajat" finds "työnohjaaja".

The search form is part of those pages' content (overrides/partials/search.html), and
the script's words ("17 osumaa", "Ei osumia") come from the language's words file
(``search``), not from Material's language files. The index reads a table cell or a
line broken with ``<br>`` as a separate word: "Matkakulut kilometri", not
"Matkakulutkilometri".
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from selectolax.lexbor import LexborHTMLParser

from kirkas import i18n, roles, words
from kirkas.messages import _
from kirkas.problems import REPORT, Location, Problem
from kirkas.siteconfig import key_line

log = get_plugin_logger("search")

SEARCH_INDEX = Path("search") / "search_index.json"
#: The language lunr stems without a language file of its own (not a site language).
LUNR_BUILT_IN = "en"
#: Stems the query, then runs Material's worker (docs/assets/javascripts/workers/).
STEMMING_WORKER = "search-stemmed.js"
NOT_FOUND = "404.html"
THEME_CONFIG = "script#__config"
#: Before hooks/valid_markup.py (-900) and hooks/csp.py (-1000).
BEFORE_MARKUP_FIXES = -800
#: After every other hook has changed the page's content, before the search plugin reads it.
LAST_CONTENT_CHANGE = -1000
#: Where the text of a cell or line ends without a space: the search plugin would glue
#: it to the next one. A space after them changes nothing on the page.
GLUED_END = re.compile(r"(<br\s*/?>|</t[dh]>|</caption>|</dt>|</dd>)(?=\S)")
#: Material's script's words (the theme config's translations) and the words file's keys
#: they come from (``search`` group); "{count}" is written "#" for Material.
SCRIPT_WORDS = {
    "search.result.placeholder": "start",
    "search.result.none": "none",
    "search.result.one": "one",
    "search.result.other": "other",
    "search.result.more.one": "more_one",
    "search.result.more.other": "more_other",
    "search.result.term.missing": "missing",
}


def search_plugin(config: MkDocsConfig) -> Any:
    """The search plugin of the build (Material's or MkDocs'), or None."""
    for name in ("material/search", "search"):
        if name in config.plugins:
            return config.plugins[name]
    return None


def stemmable(language: str) -> bool:
    """True when Material ships lunr's stemmer for a language (English is built in)."""
    if language == LUNR_BUILT_IN:
        return True
    import material

    lunr = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "min"
    return (lunr / f"lunr.{language}.min.js").is_file()


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Search in the site's languages (plugins.i18n.languages), unless mkdocs.yml lists others."""
    plugin = search_plugin(config)
    if plugin is None:
        return config
    wanted = [language for language in i18n.languages(config) if stemmable(language)]
    written = list(plugin.config.lang or [])
    if written and written != wanted and i18n.is_default_language_build(config):
        line = key_line(config.config_file_path, "plugins", "search", "lang")
        REPORT.add(Problem(
            Location("mkdocs.yml", line or None), "search-languages", ", ".join(written),
            _("The search plugin's lang: {written} differs from the site's languages {wanted} "
              "(plugins.i18n.languages).", written=", ".join(written), wanted=", ".join(wanted)),
            _("Remove the lang: line: the search languages follow the site's."),
        ))
    plugin.config.lang = wanted or [LUNR_BUILT_IN]
    return config


def search_context(href: str, *, has_form: bool, base: str | None = None) -> dict[str, Any]:
    """What the header needs: the search page's address and whether to render the form."""
    return {"href": href, "has_form": has_form, "base": base}


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """Add ``kirkas_search`` (header link, or the form on the search page itself)."""
    prefix = i18n.language_prefix(i18n.current_language(config), config)
    is_search_page = roles.role_of(page) == "search"
    href = roles.page_url("search", page.url)
    if href is None:
        return context  # no search page: reported by hooks/page_roles.py
    context["kirkas_search"] = search_context(
        href,
        has_form=is_search_page,
        base=get_relative_url(prefix, page.url) if is_search_page else None,
    )
    return context


def on_template_context(
    context: dict[str, Any], *, template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    """The 404 pages (served at any address) render the form, based at their language."""
    if template_name == NOT_FOUND:
        site_path = urlsplit(config.site_url or "/").path or "/"
        language_path = site_path + i18n.language_prefix(i18n.current_language(config), config)
        search_page = roles.url_of("search")
        if search_page is not None:
            context["kirkas_search"] = search_context(site_path + search_page, has_form=True, base=language_path)
    return context


def script_words(config: MkDocsConfig) -> dict[str, str]:
    """Material's search words in the language being built, from its words file."""
    search_words = words.for_config(config).words(i18n.current_language(config)).search
    return {key: str(search_words[name].unescape()).replace("{count}", "#") for key, name in SCRIPT_WORDS.items()}


def with_search_base(output: str, base: str, translations: dict[str, str]) -> str:
    """The page with the theme's ``base`` at its language folder, the stemming worker and its words."""
    tree = LexborHTMLParser(output)
    node = tree.css_first(THEME_CONFIG)
    if node is None:
        return output
    theme_config = json.loads(node.text())
    theme_config["base"] = base
    folder, _sep, material_worker = theme_config["search"].rpartition("/")
    theme_config["search"] = f"{folder}/{STEMMING_WORKER}?material={material_worker}"
    theme_config["translations"] = {**theme_config.get("translations", {}), **translations}
    node.child.replace_with(json.dumps(theme_config))
    return tree.html or output


@event_priority(LAST_CONTENT_CHANGE)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Any) -> str:
    """A space after each table cell and line break, so the index does not glue their words."""
    return GLUED_END.sub(r"\1 ", html)


@event_priority(BEFORE_MARKUP_FIXES)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """On the search page, base the theme's search at the language folder."""
    prefix = i18n.language_prefix(i18n.current_language(config), config)
    if roles.role_of(page) != "search":
        return output
    return with_search_base(output, get_relative_url(prefix, page.url), script_words(config))


@event_priority(BEFORE_MARKUP_FIXES)
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """On the 404 page, base the theme's search at the language folder (absolute path)."""
    if template_name != NOT_FOUND:
        return output_content
    site_path = urlsplit(config.site_url or "/").path or "/"
    language_path = site_path + i18n.language_prefix(i18n.current_language(config), config)
    return with_search_base(output_content, language_path, script_words(config))


def split_index(site_dir: Path, config: MkDocsConfig) -> None:
    """Split the all-language index into one index per language folder."""
    root_index = site_dir / SEARCH_INDEX
    if not root_index.is_file():
        line = key_line(config.config_file_path, "plugins")
        REPORT.add(Problem(
            Location("mkdocs.yml", line or None), "no-search-index", "",
            _("No search index was written, so the site's search pages find nothing."),
            _("Keep '- search' under plugins: in mkdocs.yml (the search plugin writes the index)."),
        ))
        return
    index = json.loads(root_index.read_text(encoding="utf-8"))
    languages = i18n.languages(config)
    prefixes = {language: i18n.language_prefix(language, config) for language in languages}
    for language in languages:
        prefix = prefixes[language]
        others = [other for lang, other in prefixes.items() if other and lang != language]
        docs = [
            {**doc, "location": doc["location"][len(prefix) :]}
            for doc in index["docs"]
            if doc["location"].startswith(prefix) and not doc["location"].startswith(tuple(others))
        ]
        language_index = {**index, "config": {**index["config"], "lang": [language]}, "docs": docs}
        target = site_dir / prefix / SEARCH_INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(language_index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        log.debug(f"{target}: {len(docs)} entries")


@event_priority(i18n.AFTER_ALL_LANGUAGES)
def on_post_build(*, config: MkDocsConfig) -> None:
    """After the last language: one search index per language folder."""
    if i18n.is_outer_post_build(config):
        split_index(Path(config.site_dir), config)
