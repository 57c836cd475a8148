"""Long words break only where their language allows, email addresses only after "@" or a dot.

Every finished page (and 404 page) gets soft hyphens in the long words of its visible
text, from the hyphenator its language names in its words file
(``settings.hyphenator``: ``voikko`` or ``pyphen``), and ``<wbr>`` in the email
addresses of its text (kirkas.hyphenation says what is changed and what never is).
It runs after the build guard has read the page (the guard checks the text as
written) and after the search index has taken the page's text (search finds words
without soft hyphens).

A hyphenator that cannot run here (Voikko not installed) is a problem in the build's
report, at the words file's ``hyphenator:`` line, with what to install: ``make
build`` and CI stop rather than publish pages whose words break at any letter. The
preview (``make serve``) says so once and goes on without hyphenating that language.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

from kirkas import hyphenation, i18n, words
from kirkas.messages import _
from kirkas.problems import REPORT, Location, Problem
from kirkas.sources import line_of

log = get_plugin_logger("hyphenation")

#: After the build guard (-100) has read the page as written; before the markup fixes
#: and the CSP hashes (-800 ... -1000), which leave the text alone.
AFTER_THE_GUARD = -150
NOT_FOUND = "404.html"

_previewing = False
#: Languages whose missing hyphenator the preview has already mentioned.
_warned: set[str] = set()


def on_startup(*, command: str, dirty: bool) -> None:
    """Note whether this is the live preview (mkdocs serve)."""
    global _previewing
    _previewing = command == "serve"


def hyphenator_of(config: MkDocsConfig) -> Callable[[str], str] | None:
    """The hyphenate function of the language being built (None if it cannot run here)."""
    language = i18n.current_language(config)
    book = words.for_config(config)
    kind = book.settings(language).hyphenator
    try:
        return hyphenation.load(kind, language).hyphenate
    except hyphenation.Unavailable as error:
        unavailable(config, language, error)
        return None


def unavailable(config: MkDocsConfig, language: str, error: hyphenation.Unavailable) -> None:
    """A language's hyphenator is missing: a problem in the report, or one warning in the preview."""
    if _previewing:
        if language not in _warned:
            _warned.add(language)
            log.warning(_("{message} To fix: {fix} The preview goes on without hyphenation; "
                          "`make build` stops.", message=error.message, fix=error.fix))
        return
    book = words.for_config(config)
    path = (words.SETTINGS, "hyphenator")
    REPORT.add(Problem(
        Location(book.files.get(language, str(Path(config.docs_dir) / words.WORDS_DIR)),
                 line_of(book.lines.get(language, {}), path)),
        "hyphenator-missing", language,
        _("settings.hyphenator: {message}", message=error.message), error.fix))


@event_priority(AFTER_THE_GUARD)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Soft hyphens in the page's long words, <wbr> in its email addresses."""
    return hyphenation.breakable(output, hyphenator_of(config))


@event_priority(AFTER_THE_GUARD)
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The same for the 404 page (rendered from its template alone)."""
    if template_name != NOT_FOUND:
        return output_content
    return hyphenation.breakable(output_content, hyphenator_of(config))
