"""Page layout by page type: sidebars, the header's contact actions, the crisis strip.

A practice's pages are not documentation: the left navigation and the table of
contents are hidden by default (the header tabs, the breadcrumbs and the mobile
menu navigate), and only long reading pages keep their table of contents. A page's
own ``hide:`` front matter always wins.

Every page also gets ``kirkas_layout`` in its template context: the page type, the
practice's phone link and the link to the quote form (with the service preselected
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
from mkdocs.utils import get_relative_url

from kirkas import i18n
from kirkas.formatting import format_phone, phone_href
from kirkas.pages import page_heading
from kirkas.practice import load_practice

log = get_plugin_logger("page_layout")

#: Language-neutral address of the contact page and the id of its quote form heading.
CONTACT_PAGE = "yhteystiedot/"
QUOTE_ANCHOR = "tarjouspyynto"
#: Page types that are designed pages: no table of contents.
DESIGNED_TYPES = {"home", "services", "service", "supervisors", "supervisor", "prices", "contact"}
#: A reading page shows its table of contents from this many sections (H2) on.
TOC_MIN_SECTIONS = 4
#: The service whose page puts the fastest route to the practice first.
URGENT_SERVICE = "crisis"


@dataclass(frozen=True)
class PageLayout:
    """What the templates need to lay out one page."""

    page_type: str
    service_id: str | None
    phone_href: str
    phone_text: str
    quote_href: str
    contact_href: str
    first_meeting_days: int | None = None

    @property
    def urgent(self) -> bool:
        """True on the crisis page: the phone number comes first."""
        return self.service_id == URGENT_SERVICE


def neutral_path(page: Page, config: MkDocsConfig) -> str:
    """The page URL without its language prefix: 'palvelut/kriisityonohjaus/'."""
    prefix = i18n.language_prefix(i18n.current_language(config), config)
    url = page.url
    return url[len(prefix):] if prefix and url.startswith(prefix) else url


def services_by_path(config: MkDocsConfig) -> dict[str, str]:
    """Service id by language-neutral page URL, from the data file's services.*.page."""
    practice = load_practice(Path(config.config_file_path).parent, config.docs_dir)
    found = {}
    for service_id, service in practice.services().items():
        page = service.get("page") if isinstance(service, dict) else None
        if isinstance(page, str) and page.endswith(".md"):
            found[page[: -len(".md")] + "/"] = service_id
    return found


def page_type(path: str, service_id: str | None) -> str:
    """'home', 'service', 'supervisor', 'prices', 'contact', ... from a neutral URL."""
    if path in ("", "./"):
        return "home"
    if service_id:
        return "service"
    first, _, rest = path.strip("/").partition("/")
    if first == "palvelut":
        return "service" if rest else "services"
    if first == "tyonohjaajat":
        return "supervisor" if rest else "supervisors"
    return {"hinnat": "prices", "yhteystiedot": "contact"}.get(first, "article")


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
    config: MkDocsConfig, kind: str, service_id: str | None, contact_url: str
) -> PageLayout:
    """The layout values of a page whose contact page is at contact_url."""
    language = i18n.current_language(config)
    practice = load_practice(Path(config.config_file_path).parent, config.docs_dir)
    phone = practice.get("practice.phone", None)
    query = f"?service={service_id}" if service_id else ""
    return PageLayout(
        page_type=kind,
        service_id=service_id,
        phone_href=phone_href(phone) if phone else "",
        phone_text=format_phone(phone, language) if phone else "",
        quote_href=f"{contact_url}{query}#{QUOTE_ANCHOR}",
        contact_href=contact_url,
        first_meeting_days=practice.get(
            f"services.{URGENT_SERVICE}.first_meeting_within_working_days", None
        ),
    )


def on_template_context(
    context: dict[str, Any], *, template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    """The 404 page, served at any address, links to the contact page by absolute path."""
    if template_name == "404.html":
        language = i18n.current_language(config)
        site_path = urlsplit(config.site_url or "/").path or "/"
        contact_url = site_path + i18n.language_prefix(language, config) + CONTACT_PAGE
        context["kirkas_layout"] = layout_for(config, "not_found", None, contact_url)
        context["kirkas_language"] = language
    return context


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """Hide the sidebars a page type does not need; add ``kirkas_layout`` and the page's H1 to the context."""
    path = neutral_path(page, config)
    service_id = services_by_path(config).get(path)
    kind = page_type(path, service_id)
    if "hide" not in page.meta:
        page.meta["hide"] = default_hidden(kind, toc_sections(page))

    language = i18n.current_language(config)
    contact_url = get_relative_url(i18n.language_prefix(language, config) + CONTACT_PAGE, page.url)
    context["kirkas_layout"] = layout_for(config, kind, service_id, contact_url)
    context["kirkas_language"] = language
    context["kirkas_heading"] = page_heading(page)
    return context
