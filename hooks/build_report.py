"""Show the build's problems once, after every language, and stop a strict build.

Every check adds its problems to ``kirkas.problems.REPORT`` instead of logging them
(see that module for why). This hook chooses the language of the messages
(``extra.build_messages`` in mkdocs.yml, Finnish by default), empties the report when
a build starts, and when the last language is on disk prints every problem grouped
by the file to fix. ``mkdocs build --strict`` (``make build``) then stops with the
same count; ``mkdocs serve`` (``make serve``) shows the list and keeps serving.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority, get_plugin_logger

from kirkas import i18n, messages
from kirkas.problems import REPORT

log = get_plugin_logger("kirkas")

#: Before every other hook's on_config, so their messages are in the owner's language.
FIRST = 1000
#: After every whole-site check (the build guard runs at AFTER_ALL_LANGUAGES - 50).
LAST = i18n.AFTER_ALL_LANGUAGES - 100


@event_priority(FIRST)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Speak the owner's language; a new build starts with an empty report."""
    if i18n.is_default_language_build(config):
        chosen = config.extra.get("build_messages", messages.DEFAULT_LANGUAGE)
        problem = messages.language_problem(chosen)
        messages.use_language(messages.DEFAULT_LANGUAGE if problem else chosen)
        REPORT.clear()
        if problem:
            log.error(f"mkdocs.yml: {problem}")
    return config


@event_priority(LAST)
def on_post_build(*, config: MkDocsConfig) -> None:
    """After the last language: the whole report once; a strict build stops with its count."""
    if not i18n.is_outer_post_build(config):
        return
    summary = REPORT.summary()
    if summary is None:
        return
    log.error(summary)
    for message in REPORT.file_messages():
        log.error(message)
    for failure in REPORT.failures:
        log.error(str(failure))
    if config.strict:
        raise Abort(REPORT.stop_message())
