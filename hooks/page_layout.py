"""Page layout by page type: sidebars, the header's contact actions, the urgent strip.

A practice's pages are not documentation: the left navigation and the table of
contents are hidden by default (the header tabs, the breadcrumbs and the mobile
menu navigate), and only long reading pages keep their table of contents. A page's
own ``hide:`` front matter always wins. The page type comes from the page itself
(kirkas.roles): the home page, a service or supervisor page named in the data file,
the page's ``role:``, or an article.

Every page also gets ``kirkas_layout`` in its template context: the page type, the
practice's phone link and the link to the quote form (the page with
``<!-- quote-form -->``, at the heading above the form, with the service preselected
on a service page), read from docs/_data/practice.yml.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from kirkas import i18n, roles, words
from kirkas.formatting import INTERNATIONAL, display_phone, phone_href
from kirkas.pages import page_heading
from kirkas.practice import Practice, load_practice

log = get_plugin_logger("page_layout")

#: Page types that are designed pages: no table of contents.
DESIGNED_TYPES = {"home", "services", "service", "supervisors", "supervisor", "prices", "contact"}
#: A reading page shows its table of contents from this many sections (H2) on.
TOC_MIN_SECTIONS = 4


@dataclass(frozen=True)
class PageLayout:
    """What the templates need to lay out one page."""

    page_type: str
    service_id: str | None
    phone_href: str
    phone_text: str
    quote_href: str
    contact_href: str
    urgent: bool = False
    first_meeting_days: int | None = None
    #: The page's language writes phone numbers in international form (wider header links).
    international_phone: bool = False


def practice_of(config: MkDocsConfig) -> Practice:
    """The data file of the build (cached by kirkas.practice)."""
    return load_practice(Path(config.config_file_path).parent, config.docs_dir, i18n.languages(config))


def pages_of(practice: Practice, group: str) -> dict[str, str]:
    """Id by page path ('palvelut/x.md') of the data file's services or supervisors."""
    items = practice.services() if group == "services" else practice.supervisors()
    return {item["page"]: item_id for item_id, item in items.items()
            if isinstance(item, dict) and isinstance(item.get("page"), str)}


def default_hidden(kind: str, toc_sections: int) -> list[str]:
    """Sidebars a page type hides: navigation always, the TOC unless a long reading page."""
    hidden = ["navigation"]
    if kind in DESIGNED_TYPES or toc_sections < TOC_MIN_SECTIONS:
        hidden.append("toc")
    return hidden


def toc_sections(page: Page) -> int:
    """Number of H2 sections of a page (children of its H1 in the TOC)."""
    return sum(len(entry.children) for entry in page.toc)


def layout_for(
    config: MkDocsConfig, kind: str, service_id: str | None, quote_href: str, contact_href: str
) -> PageLayout:
    """The layout values of a page."""
    language = i18n.current_language(config)
    practice = practice_of(config)
    phone = practice.get("practice.phone", None)
    style = words.for_config(config).settings(language).phone_style
    service = practice.services().get(service_id, {}) if service_id else {}
    urgent = service_id in practice.urgent_services()
    return PageLayout(
        page_type=kind,
        service_id=service_id,
        phone_href=phone_href(phone) if phone else "",
        phone_text=display_phone(phone, style) if phone else "",
        quote_href=quote_href,
        contact_href=contact_href,
        urgent=urgent,
        first_meeting_days=service.get("first_meeting_within_working_days") if urgent else None,
        international_phone=style == INTERNATIONAL,
    )


def on_template_context(
    context: dict[str, Any], *, template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    """The 404 page, served at any address, links to the quote form by absolute path."""
    if template_name == "404.html":
        site_path = urlsplit(config.site_url or "/").path or "/"
        contact = roles.url_of("contact")
        context["kirkas_layout"] = layout_for(
            config, "not_found", None, roles.quote_href(None, absolute_base=site_path),
            site_path + contact if contact is not None else "")
        context["kirkas_language"] = i18n.current_language(config)
    return context


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """Hide the sidebars a page type does not need; add ``kirkas_layout`` and the page's H1 to the context."""
    practice = practice_of(config)
    base = roles.neutral_path(page)
    services = pages_of(practice, "services")
    kind = roles.page_kind(page, services, pages_of(practice, "supervisors"), base)
    service_id = services.get(base)
    if "hide" not in page.meta:
        page.meta["hide"] = default_hidden(kind, toc_sections(page))
    context["kirkas_layout"] = layout_for(
        config, kind, service_id, roles.quote_href(page.url, service_id),
        roles.page_url("contact", page.url) or "")
    context["kirkas_language"] = i18n.current_language(config)
    context["kirkas_heading"] = page_heading(page)
    return context
