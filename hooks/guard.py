"""The build guard: refuse to publish broken links or wrong contact data, and say how to fix it.

Checked on every page of every language (in the built HTML, so links written in raw
HTML, templates and theme overrides are covered too):

- internal links, images (src, srcset) and #fragments resolve to files and ids of the
  built site, across languages and to the 404 pages;
- external links are well-formed https:// and never localhost or private addresses
  (whether they answer is ``make linkcheck``, which uses the network);
- tel: and mailto: links, and every phone number and email address in the text, are
  valid and the practice's own (docs/_data/practice.yml), with "+0…" numbers and
  near-miss typos named;
- every image has alt text, every page a <title> and a description.

All problems of the whole site are reported once, after every language is built,
grouped by the file to fix (Markdown file and line, data file or template), and fail
``mkdocs build --strict``. ``mkdocs serve --no-strict`` shows the same list.

Allow-lists in mkdocs.yml (all optional)::

    extra:
      guard:
        allowed_emails: [someone@partner.example]   # addresses that are not the practice's
        allowed_phones: ["+358295000"]              # numbers that are not the practice's
        allowed_http: [old-site.example]            # hosts that may be linked over http://

``KIRKAS_GUARD=off`` skips the guard; only tests/bench.py uses it, to measure its cost.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

from kirkas import addresses, i18n
from kirkas.guard_run import GuardRun, GuardSettings
from kirkas.messages import _
from kirkas.problems import REPORT

log = get_plugin_logger("guard")

#: After every other whole-site step (they use AFTER_ALL_LANGUAGES), so the site is final;
#: before hooks/build_report.py shows the report.
GUARD_PRIORITY = i18n.AFTER_ALL_LANGUAGES - 50

_run: GuardRun | None = None


def guard_enabled() -> bool:
    """False only when the benchmark switches the guard off (KIRKAS_GUARD=off)."""
    return os.environ.get("KIRKAS_GUARD", "on").lower() not in {"off", "0", "false", "no"}


@event_priority(100)
def on_pre_build(*, config: MkDocsConfig) -> None:
    """Start a new guard run at the start of the whole build (the default language)."""
    global _run
    if not guard_enabled() or not i18n.is_default_language_build(config):
        return
    _run = None
    try:
        project_dir = Path(config.config_file_path).parent
        theme_dir = config.theme.custom_dir
        _run = GuardRun(
            project_dir=project_dir,
            config_file=Path(config.config_file_path),
            docs_dir=Path(config.docs_dir),
            theme_dirs=[Path(theme_dir)] if theme_dir else [],
            site_url=config.site_url or "/",
            languages=i18n.languages(config),
            settings=GuardSettings.from_extra(config.extra),
        )
    except Exception as error:  # noqa: BLE001 - reported as a check failure, never swallowed
        REPORT.fail(_("the build guard's setup (reading mkdocs.yml and the data file)"), error)


@event_priority(-100)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Check one finished page (every language); the output is returned unchanged."""
    if not guard_enabled() or _run is None:
        return output
    source = Path(page.file.abs_src_path) if page.file.abs_src_path else None
    try:
        _run.check_page(
            output,
            dest=page.file.dest_uri,
            url=page.file.url,
            markdown=source,
            meta=page.meta,
        )
    except Exception as error:  # noqa: BLE001 - reported as a check failure
        shown = _run.index.display(source) if source else page.file.src_uri
        REPORT.fail(_("the page /{url} ({file})", url=page.file.url, file=shown), error)
    return output


def old_addresses() -> dict[str, str]:
    """Each old address of a page (a redirect page) -> the page's address now."""
    try:
        address_map = addresses.current()
    except RuntimeError:
        return {}
    return {old: redirect.new for old, redirect in address_map.redirects.items()}


@event_priority(GUARD_PRIORITY)
def on_post_build(*, config: MkDocsConfig) -> None:
    """After every language is on disk: resolve the links; hooks/build_report.py shows the problems."""
    if not i18n.is_outer_post_build(config):
        return
    if not guard_enabled():
        log.warning(_("The build guard is switched off (KIRKAS_GUARD=off): links and contact "
                      "data were not checked, so this build must not be published."))
        return
    if _run is not None:
        try:
            _run.finish(Path(config.site_dir), old_addresses())
        except Exception as error:  # noqa: BLE001 - reported as a check failure
            REPORT.fail(_("the links of the whole site"), error)
