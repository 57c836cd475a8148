"""Structured data (schema.org JSON-LD) in every page's <head>, from practice.yml.

Every page describes the practice (LocalBusiness, named by mkdocs.yml's site_name of
the page's language). The home page, the services overview (role: services) and the
price page (role: prices) add every Service with its Offer and prices; a service page
adds its own Service; the supervisors overview (role: supervisors) and the home page
add the supervisors as Person, a supervisor's page that one; the FAQ page (role: faq)
adds an FAQPage built from its ### questions; nested pages add a BreadcrumbList. Prices are the same Decimal values the price tables show. The
graph is serialised with json.dumps; overrides/partials/kirkas/structured-data.html
only prints it.
"""

from __future__ import annotations

import json

import phonenumbers
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from selectolax.lexbor import LexborHTMLParser

from kirkas import addresses, i18n, roles, words
from kirkas.formatting import babel_locale, parse_phone
from kirkas.practice import Practice, load_practice
from kirkas.social import social_image_path
from kirkas.views import PracticeView, localized

log = get_plugin_logger("structured_data")

SCHEMA = "https://schema.org"
HOME = roles.HOME
#: Pages (by role) that list every service, and every supervisor.
ALL_SERVICES_ROLES = ("services", "prices")
ALL_SUPERVISORS_ROLES = ("supervisors",)
#: Headings that end an FAQ answer.
HEADINGS = {"h1", "h2", "h3"}


def source_path(page: Page) -> str:
    """The page's language-neutral source path ('palvelut/kriisityonohjaus.md')."""
    return getattr(page.file, "norm_src_uri", None) or page.file.src_uri


def absolute(config: MkDocsConfig, url: str) -> str:
    """An absolute address below site_url."""
    return urljoin(config.site_url or "/", url)


def language_home(config: MkDocsConfig) -> str:
    """Absolute address of the current language's home page."""
    return absolute(config, i18n.language_prefix(i18n.current_language(config), config))


def e164(phone: str) -> str:
    """A phone number in E.164 for structured data ('+358401234567')."""
    return phonenumbers.format_number(parse_phone(phone), phonenumbers.PhoneNumberFormat.E164)


def money(amount: Any) -> int | float:
    """A Decimal amount as a JSON number: 95 or 99.9 (cents are exact in a float's repr)."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def business_id_for(config: MkDocsConfig) -> str:
    """The @id of the practice node (the same in every language)."""
    return absolute(config, "#organization")


def business(practice: Practice, view: PracticeView, config: MkDocsConfig) -> dict[str, Any]:
    """The practice as a LocalBusiness."""
    address = practice.get("practice.address")
    business_id = str(practice.get("practice.business_id"))
    languages = list(practice.get("practice.languages")) + list(
        practice.get("practice.languages_on_request", []) or [])
    return {
        "@type": "LocalBusiness",
        "@id": business_id_for(config),
        "name": view.site_name,
        "legalName": practice.get("practice.legal_name"),
        "url": language_home(config),
        "image": absolute(config, social_image_path(view.language)),
        "telephone": e164(practice.get("practice.phone")),
        "email": practice.get("practice.email"),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": address["street"],
            "postalCode": address["postal_code"],
            "addressLocality": localized(address["city"], view.language),
            "addressCountry": address["country"],
        },
        "identifier": {"@type": "PropertyValue", "propertyID": "Y-tunnus", "value": business_id},
        "taxID": business_id,
        "vatID": "FI" + business_id.replace("-", ""),
        "areaServed": country(practice, view),
        "knowsLanguage": languages,
        "employee": [{"@id": person_id(practice, supervisor_id, config)}
                     for supervisor_id in practice.supervisors()],
    }


def country(practice: Practice, view: PracticeView) -> dict[str, Any]:
    """The country the practice serves, named in the page language ('Suomi', 'Finland')."""
    code = practice.get("practice.address.country")
    return {"@type": "Country", "name": babel_locale(view.locale).territories.get(code, code),
            "identifier": code}


def association(practice: Practice, view: PracticeView) -> dict[str, Any]:
    """The supervisors' association (STOry) as an Organization: a member is a person, never the company."""
    return {
        "@type": "Organization",
        "name": view.text("association.name"),
        "alternateName": practice.get("association.short"),
        "url": practice.get("association.url"),
    }


def page_address(config: MkDocsConfig, docs_path: str) -> str:
    """Absolute address of a page of the current language from its docs path (its slug's address)."""
    language = i18n.current_language(config)
    url = addresses.current().url_of(docs_path, language)
    if url is None:  # no such page in this language (reported by the data file check)
        url = i18n.language_prefix(language, config) + addresses.file_name_address(docs_path)
    return absolute(config, url)


def person_id(practice: Practice, supervisor_id: str, config: MkDocsConfig) -> str:
    """The @id of a supervisor (the Finnish page address, the same in every language)."""
    page = practice.supervisors()[supervisor_id]["page"]
    return absolute(config, page[: -len(".md")] + "/#person")


def person(practice: Practice, view: PracticeView, supervisor_id: str, config: MkDocsConfig) -> dict[str, Any]:
    """A supervisor as a Person."""
    data = practice.supervisors()[supervisor_id]
    membership = {"memberOf": association(practice, view)} if data.get("association_member") else {}
    return {
        "@type": "Person",
        "@id": person_id(practice, supervisor_id, config),
        "name": data["name"],
        "jobTitle": localized(data["title"], view.language),
        "url": page_address(config, data["page"]),
        "image": absolute(config, data["photo"]),
        "email": data["email"],
        "telephone": e164(data["phone"]),
        "knowsLanguage": list(data["languages"]),
        **membership,
        "worksFor": {"@id": business_id_for(config)},
    }


def service(practice: Practice, view: PracticeView, service_id: str, config: MkDocsConfig) -> dict[str, Any]:
    """A service with one Offer per price: net and VAT-inclusive price specifications."""
    shown = view.service(service_id)
    offers = []
    for price in shown["prices"]:
        specifications = []
        for amount, vat_included in ((price["net"], False), (price["gross"], True)):
            specification: dict[str, Any] = {
                "@type": "UnitPriceSpecification",
                "price": money(amount),
                "priceCurrency": "EUR",
                "valueAddedTaxIncluded": vat_included,
                "unitText": price["unit"],
            }
            if price["from"]:
                specification["minPrice"] = money(amount)
            specifications.append(specification)
        offers.append({
            "@type": "Offer",
            "identifier": f"{service_id}.{price['id']}",
            "name": price["unit"],
            "price": money(price["net"]),
            "priceCurrency": "EUR",
            "priceSpecification": specifications,
            "url": page_address(config, practice.services()[service_id]["page"]),
        })
    return {
        "@type": "Service",
        "@id": absolute(config, practice.services()[service_id]["page"][: -len(".md")] + "/#service"),
        "name": shown["name"],
        "description": shown["format"],
        "serviceType": shown["name"],
        "url": page_address(config, practice.services()[service_id]["page"]),
        "provider": {"@id": business_id_for(config)},
        "areaServed": country(practice, view),
        "availableLanguage": list(practice.get("practice.languages")),
        "offers": offers,
    }


def faq(page: Page, language: str) -> dict[str, Any] | None:
    """An FAQPage from the page's ### questions and the content up to the next heading."""
    tree = LexborHTMLParser(page.content or "")
    entities = []
    for heading in tree.css("h3"):
        question = heading.text(deep=True, separator=" ", strip=True)
        parts = []
        node = heading.next
        while node is not None and node.tag not in HEADINGS:
            if node.tag not in ("-text", "-comment"):
                text = " ".join(node.text(deep=True).split())
                if text:
                    parts.append(text)
            node = node.next
        if question and parts:
            entities.append({
                "@type": "Question",
                "name": question,
                "acceptedAnswer": {"@type": "Answer", "text": " ".join(" ".join(parts).split())},
            })
    if not entities:
        return None
    return {"@type": "FAQPage", "inLanguage": language, "mainEntity": entities}


def breadcrumbs(page: Page, config: MkDocsConfig) -> dict[str, Any] | None:
    """A BreadcrumbList for a page below a section (home > section > page)."""
    if "/" not in source_path(page):
        return None
    trail: list[tuple[str, str]] = []
    ancestor = page.parent
    while isinstance(ancestor, Section):
        index = section_index(ancestor)
        if index is not None and index is not page:
            trail.insert(0, (ancestor.title, absolute(config, index.url)))
        ancestor = ancestor.parent
    items = [(config.site_name, language_home(config)), *trail,
             (page.title or "", absolute(config, page.url))]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": name, "item": url}
            for number, (name, url) in enumerate(items, start=1)
        ],
    }


def section_index(section: Section) -> Page | None:
    """The index page of a navigation section (its index.md), if it has one."""
    for child in section.children:
        if isinstance(child, Page) and source_path(child).endswith("index.md"):
            return child
    return None


def graph(page: Page, config: MkDocsConfig) -> dict[str, Any] | None:
    """The JSON-LD graph of one page."""
    practice = load_practice(Path(config.config_file_path).parent, config.docs_dir, i18n.languages(config))
    if practice.errors:
        return None
    language = i18n.current_language(config)
    view = PracticeView(practice, words.for_config(config).settings(language), i18n.site_name(config, language))
    path = source_path(page)
    role = roles.role_of(page)
    nodes: list[dict[str, Any]] = [business(practice, view, config)]
    supervisor_pages = {data["page"]: sid for sid, data in practice.supervisors().items()}
    service_pages = {data["page"]: sid for sid, data in practice.services().items()}
    if path == HOME or role in ALL_SUPERVISORS_ROLES:
        nodes += [person(practice, view, sid, config) for sid in practice.supervisors()]
    elif path in supervisor_pages:
        nodes.append(person(practice, view, supervisor_pages[path], config))
    if path == HOME or role in ALL_SERVICES_ROLES:
        nodes += [service(practice, view, sid, config) for sid in practice.services()]
    elif path in service_pages:
        nodes.append(service(practice, view, service_pages[path], config))
    if role == "faq":
        questions = faq(page, language)
        if questions:
            questions["url"] = absolute(config, page.url)
            nodes.append(questions)
    crumbs = breadcrumbs(page, config)
    if crumbs:
        nodes.append(crumbs)
    return {"@context": SCHEMA, "@graph": nodes}


def to_script_json(data: dict[str, Any]) -> Markup:
    """JSON safe inside <script>: '</' and '<!--' cannot close or open anything."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """Put the page's JSON-LD into the template context as ``kirkas_structured_data``."""
    data = graph(page, config)
    if data is not None:
        context["kirkas_structured_data"] = to_script_json(data)
    return context
