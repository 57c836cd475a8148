"""Interface words: every template gets the words of its page's language as ``words``.

The words live in one file per language, docs/_data/words/<language>.yml, for every
language of plugins.i18n.languages in mkdocs.yml (kirkas.words loads and checks
them). A language without a words file, a key of the default language's file that
another language lacks, an unknown key, a placeholder that differs, a word the
templates use but the default language's file lacks: each is reported once, with the
file and the line and how to fix it, in the build's report (kirkas.problems).

The light/dark toggle's labels are words too: they are set into mkdocs.yml's
``theme.palette`` for each language here, so the language blocks of mkdocs.yml need
no palette of their own.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from kirkas import i18n, words
from kirkas.problems import REPORT, from_source


@event_priority(90)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check every language's words file once per build (the default language's turn)."""
    book = words.for_config(config)
    if i18n.is_default_language_build(config):
        for problem in book.errors:
            REPORT.add(from_source(problem, "words-file"))
    return config


def palette_labels(palette: list[dict], language_words: words.Words) -> None:
    """Label each colour scheme's toggle with the words of the language being built.

    The toggle of a light scheme switches to the dark one, and the other way round.
    """
    for option in palette:
        if not isinstance(option, dict) or not isinstance(option.get("toggle"), dict):
            continue
        media, scheme = str(option.get("media", "")), str(option.get("scheme", ""))
        is_dark = "dark" in media or "dark" in scheme or scheme == "slate"
        option["toggle"]["name"] = str(language_words.theme.to_light if is_dark else language_words.theme.to_dark)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Give every template the words of the language being built (``words``)."""
    language_words = words.for_config(config).words(i18n.current_language(config))
    env.globals["words"] = language_words
    palette = config.theme.get("palette")
    if isinstance(palette, list):
        palette_labels(palette, language_words)
    return env
