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
from kirkas.problems import REPORT, Location, Problem
from kirkas.siteconfig import key_line

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
        usable = messages.language_problem(chosen) is None
        messages.use_language(chosen if usable else messages.DEFAULT_LANGUAGE)
        REPORT.clear()
        problem = messages.language_problem(chosen)  # in the default language now
        if problem:
            line = key_line(config.config_file_path, "extra", "build_messages")
            REPORT.add(Problem(Location("mkdocs.yml", line or None), "build-messages", str(chosen), *problem))
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
