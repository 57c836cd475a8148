"""Page templates by page type: each type of page has a layout of its own.

A practice's pages are not documentation. The template of a page is chosen from what the
page is (kirkas.roles): the home page, a service or supervisor page named in the data
file, the page's ``role:`` (services, supervisors, prices, contact, faq, legal), or an
article. The templates live in overrides/layouts/<type>.html; a page's own ``template:``
front matter (the search page's) wins.

The templates lay out the parts of the page's content (kirkas.page_parts: the title and
its lead paragraph, the home page's hero, the sections around a service page's call to
action, the FAQ's questions) next to what they show from docs/_data/practice.yml (a
service's price and who leads it, a supervisor's portrait and contact details, the home
page's trust band). Templates get it all as ``kirkas_page``.

Every Markdown table gets its column headings on its cells (``data-label``), so that on a
phone it can be shown as a list of cards.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from kirkas import formatting, i18n, page_parts, roles, words
from kirkas.messages import _
from kirkas.practice import Practice, load_practice
from kirkas.problems import REPORT, Location, Problem
from kirkas.views import PracticeView, localized

#: Where the page templates are, inside the theme's custom_dir (overrides/).
LAYOUTS = "layouts"
#: Page types that have a template of their own (the others are laid out as articles).
PAGE_TYPES = ("home", "service", "supervisor", "services", "supervisors", "prices", "contact",
              "faq", "legal", "article")
#: A service page's call to action goes before this section (H2) of its text, or before
#: its last section when it has fewer (its only one too, when text comes before it): a
#: visitor who has read what the service is finds the way to ask for a quote there. A page
#: without sections, or whose only section starts its text, has only the closing call.
CALL_TO_ACTION_BEFORE_SECTION = 3
#: After hooks/practice_data.py (priority 0) has put its blocks into the page's HTML.
AFTER_BLOCKS = -50

_pages: dict[str, dict[str, Any]] = {}


def practice_of(config: MkDocsConfig) -> Practice:
    """The data file of the build (cached by kirkas.practice)."""
    return load_practice(Path(config.config_file_path).parent, config.docs_dir, i18n.languages(config))


def page_type(page: Page, practice: Practice) -> tuple[str, str | None]:
    """The page's type and, for a service or supervisor page, its id in the data file."""
    base = roles.neutral_path(page)
    services = {item["page"]: item_id for item_id, item in practice.services().items()
                if isinstance(item, dict) and isinstance(item.get("page"), str)}
    supervisors = {item["page"]: item_id for item_id, item in practice.supervisors().items()
                   if isinstance(item, dict) and isinstance(item.get("page"), str)}
    kind = roles.page_kind(page, services, supervisors, base)
    if kind == "service":
        return kind, services[base]
    if kind == "supervisor":
        return kind, supervisors[base]
    return (kind if kind in PAGE_TYPES else "article"), None


def build_year() -> int:
    """The year the site is built (SOURCE_DATE_EPOCH when set, for a reproducible build)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc).year
    return datetime.date.today().year


def trust(view: PracticeView) -> dict[str, Any]:
    """The home page's trust band: members of the association, years, sectors, languages.

    A figure the data file does not give (no member of the association, no whole year of
    supervising yet, no sectors) is left out, never shown as 0 or empty.
    """
    practice = view.practice
    since = [item["supervising_since"] for item in practice.supervisors().values()
             if isinstance(item, dict) and isinstance(item.get("supervising_since"), int)]
    sectors = localized(practice.get("practice.sectors", None), view.language)
    on_request = practice.get("practice.languages_on_request", None) or []
    return {
        "members": len(practice.association_members()),
        "member_title": practice.get("association.member_title", ""),
        "association": view.text("association.name"),
        # Shown from a year of experience on: no "0 years" for a practice that has just begun.
        "years": build_year() - min(since) if since and build_year() > min(since) else None,
        "since": min(since) if since else None,
        "sectors": list(sectors) if isinstance(sectors, list) else [],
        "languages": formatting.format_language_list(practice.get("practice.languages"), view.locale),
        "languages_on_request": formatting.format_language_list(on_request, view.locale) if on_request else "",
    }


def references(view: PracticeView) -> list[dict[str, str]]:
    """What clients say (``references:`` of the data file) in the page's language."""
    return [{"quote": localized(item.get("quote"), view.language),
             "source": localized(item.get("source"), view.language)}
            for item in view.practice.references()]


def service_card(view: PracticeView, service_id: str) -> dict[str, Any]:
    """A service page's side card: the service's prices and who leads it."""
    return {
        "service": view.service(service_id),
        "vat_rate": view.vat_rate_text,
        "leads": [view.supervisor(supervisor_id) for supervisor_id in view.practice.leads(service_id)],
    }


def profile(view: PracticeView, supervisor_id: str) -> dict[str, Any]:
    """A supervisor page's profile: portrait, title, languages, training, contact details."""
    data = view.practice.supervisors()[supervisor_id]
    training = data.get("training") if isinstance(data.get("training"), dict) else {}
    return {
        **view.supervisor(supervisor_id),
        "training_credits": training.get("credits"),
        "training_completed": training.get("completed"),
        "member_title": view.practice.get("association.member_title", "")
        if data.get("association_member") is True else "",
    }


def contents(page: Page) -> list[dict[str, str]]:
    """The page's sections (H2) as links: the contents of a long legal text."""
    sections = [child for item in page.toc for child in item.children] if page.toc else []
    return [{"title": section.title, "href": section.url} for section in sections]


def page_context(page: Page, html: str, config: MkDocsConfig, files: Files) -> dict[str, Any]:
    """Everything a page's template lays out, for one page."""
    practice = practice_of(config)
    kind, item_id = page_type(page, practice)
    language = i18n.current_language(config)
    view = PracticeView(practice, words.for_config(config).settings(language),
                        i18n.site_name(config, language), files, page.url)
    context: dict[str, Any] = {"kind": kind, "id": item_id}
    if kind == "home":
        hero, rest = page_parts.hero(html)
        context.update(hero=hero, body=rest, trust=trust(view), references=references(view))
        return context
    parts = page_parts.split(html)
    context.update(title=parts.title, lead=parts.lead, body=parts.body)
    if kind == "service" and item_id:
        sections = page_parts.section_count(parts.body)
        if sections:
            before, after = page_parts.split_before_section(
                parts.body, min(CALL_TO_ACTION_BEFORE_SECTION, sections))
            if before.strip():
                context.update(body=before, body_after=after)
        context["card"] = service_card(view, item_id)
    elif kind == "supervisor" and item_id:
        context["person"] = profile(view, item_id)
    elif kind == "faq":
        context["faq"] = page_parts.faq(parts.body)
    elif kind == "legal":
        context["contents"] = contents(page)
    elif kind == "contact":
        context["contact"] = view.contact()
    return context


@event_priority(AFTER_BLOCKS)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Choose the page's template; cut its content into the parts the template lays out."""
    html = page_parts.label_table_cells(html)
    if practice_of(config).errors:
        return html  # reported by hooks/practice_data.py; the pages keep Material's layout
    context = page_context(page, html, config, files)
    own = page.meta.get("template")
    if own is not None and not template_exists(config, str(own)):
        report_unknown_template(page, str(own))
        del page.meta["template"]  # laid out by its type, so the rest of the build is checked too
    page.meta.setdefault("template", f"{LAYOUTS}/{context['kind']}.html")
    _pages[page.file.src_uri] = context
    return html


def template_exists(config: MkDocsConfig, name: str) -> bool:
    """Whether the theme (overrides/ or Material) has a template of this name."""
    return any((Path(folder) / name).is_file() for folder in config.theme.dirs)


def report_unknown_template(page: Page, name: str) -> None:
    """A page's front matter names a template that does not exist: at the line of ``template:``."""
    lines = (page.file.content_string or "").split("\n")
    line = next((number for number, text in enumerate(lines, 1) if text.startswith("template:")), 1)
    REPORT.add(Problem(
        Location(f"docs/{page.file.src_uri}", line), "unknown-template", name,
        _("The page asks for the template '{name}', which does not exist.", name=name),
        _("Remove the line: the page's layout follows from what it is (the home page, its role: or "
          "the data file).")), page=page.url)


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """Give the page's template its parts and data as ``kirkas_page``."""
    found = _pages.pop(page.file.src_uri, None)
    if found is not None:
        context["kirkas_page"] = found
    return context
