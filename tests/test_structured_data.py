"""Structured data (JSON-LD) and sharing tags of the built site.

Every page carries one valid JSON-LD graph describing the practice; services carry
their offers with the same prices the page tables show; the FAQ page mirrors its
### questions; nested pages have breadcrumbs; every page has Open Graph and Twitter
tags whose image is a real 1200×630 PNG in the site. Each test runs on the tests' own
practice (the engine) and on the real site (its data), reading the facts from the
site's data file, words files and mkdocs.yml.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from babel.numbers import parse_decimal
from PIL import Image

from tests.support.site import TEST_SITE_URL, BuiltSite

SITES = ["fixture_site", pytest.param("site", marks=pytest.mark.real_site)]


@pytest.fixture(params=SITES)
def built(request) -> BuiltSite:
    """The tests' own practice, then the real site."""
    return request.getfixturevalue(request.param)


def graph_of(site: BuiltSite, page: Path | str) -> list[dict[str, Any]]:
    """The JSON-LD nodes of a page (exactly one script is expected)."""
    scripts = site.parse(page).css('script[type="application/ld+json"]')
    assert len(scripts) == 1, f"{page}: {len(scripts)} JSON-LD scripts"
    data = json.loads(scripts[0].text())
    assert data["@context"] == "https://schema.org"
    return data["@graph"]


def nodes(graph: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    """Nodes of one @type."""
    return [node for node in graph if node["@type"] == kind]


def urls_in(value: Any) -> list[str]:
    """Every url, item, image and @id value in a JSON-LD tree."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("url", "item", "image", "@id") and isinstance(item, str):
                found.append(item)
            else:
                found += urls_in(item)
    elif isinstance(value, list):
        for item in value:
            found += urls_in(item)
    return found


def amount(text: str, locale: str) -> Decimal:
    """A rendered money text ('alkaen 1 400 €', '€1,400', '150,60 €') as a Decimal, read by Babel."""
    number = re.search(r"\d[\d\s\u00a0\u202f.,]*\d|\d", text).group(0)
    return Decimal(str(parse_decimal(number.replace(" ", "\u00a0"), locale=locale, strict=False)))


def test_every_page_has_a_local_business_with_the_practice_data(built):
    data = built.data
    practice = data["practice"]
    for language in built.languages:
        for path in built.pages_of(language):
            graph = graph_of(built, path)
            assert not nodes(graph, "ProfessionalService")
            (business,) = nodes(graph, "LocalBusiness")
            assert business["name"] == built.config.site_name(language)
            assert business["telephone"] == practice["phone"]
            assert business["email"] == practice["email"]
            assert business["taxID"] == practice["business_id"]
            assert business["identifier"]["value"] == practice["business_id"]
            address = business["address"]
            assert address["@type"] == "PostalAddress"
            assert address["streetAddress"] == practice["address"]["street"]
            assert address["postalCode"] == practice["address"]["postal_code"]
            assert address["addressLocality"] == practice["address"]["city"][language]
            assert business["areaServed"] and set(practice["languages"]) <= set(business["knowsLanguage"])
            assert "memberOf" not in business, "membership of the association is personal, not the company's"
            assert business["url"] == TEST_SITE_URL + built.url_of("index.md", language)
            for url in urls_in(graph):
                assert url.startswith(("https://", "http://")), f"{path}: relative URL {url}"


def test_supervisors_are_persons_with_membership_title_and_languages(built):
    data = built.data
    for language in built.languages:
        for supervisor in data["supervisors"].values():
            url = built.url_of(supervisor["page"], language)
            people = nodes(graph_of(built, url), "Person")
            assert [person["name"] for person in people] == [supervisor["name"]], url
            person = people[0]
            assert person["jobTitle"] == supervisor["title"][language]
            assert person["knowsLanguage"] == supervisor["languages"]
            if supervisor.get("association_member"):
                assert person["memberOf"]["alternateName"] == data["association"]["short"]
            else:
                assert "memberOf" not in person
            assert person["telephone"] == supervisor["phone"]
            assert person["url"] == TEST_SITE_URL + url
        overview = nodes(graph_of(built, built.role_url("supervisors", language)), "Person")
        assert {person["name"] for person in overview} == {s["name"] for s in data["supervisors"].values()}


def offers_by_price(graph: list[dict[str, Any]]) -> dict[str, dict[bool, Decimal]]:
    """{'individual.meeting': {False: net, True: gross}} from the Service nodes."""
    found = {}
    for service in nodes(graph, "Service"):
        assert service["provider"]["@id"]
        for offer in service["offers"]:
            assert offer["@type"] == "Offer" and offer["priceCurrency"] == "EUR"
            specifications = offer["priceSpecification"]
            assert {spec["@type"] for spec in specifications} <= {
                "UnitPriceSpecification", "PriceSpecification"}
            assert all(spec["priceCurrency"] == "EUR" for spec in specifications)
            found[offer["identifier"]] = {
                spec["valueAddedTaxIncluded"]: Decimal(str(spec["price"])) for spec in specifications}
    return found


def test_service_prices_in_json_ld_equal_the_rendered_price_table(built):
    services = built.data["services"]
    expected_ids = {f"{service_id}.{price_id}" for service_id, service in services.items()
                    for price_id in service["prices"]}
    for language in built.languages:
        locale = built.words[language]["settings"]["locale"]
        url = built.role_url("prices", language)
        offers = offers_by_price(graph_of(built, url))
        assert set(offers) == expected_ids
        rows = built.parse(url).css(".kirkas-price-table tr[data-service][data-price]")
        compared = 0
        for row in rows:
            key = f"{row.attributes['data-service']}.{row.attributes['data-price']}"
            if key not in offers:
                continue
            net = amount(row.css_first(".kirkas-price-table__net").text(), locale)
            gross = amount(row.css_first(".kirkas-price-table__gross").text(), locale)
            assert offers[key] == {False: net, True: gross}, (language, key)
            compared += 1
        assert compared == len(expected_ids), f"{url}: compared {compared} rows"


def test_a_service_page_describes_its_own_service(built):
    for language in built.languages:
        for service_id, service in built.data["services"].items():
            url = built.url_of(service["page"], language)
            services = nodes(graph_of(built, url), "Service")
            assert [node["name"] for node in services] == [service["name"][language]], url
            assert set(offers_by_price(graph_of(built, url))) == {
                f"{service_id}.{price_id}" for price_id in service["prices"]}


def test_the_faq_page_mirrors_its_questions(built):
    for language in built.languages:
        url = built.role_url("faq", language)
        questions = [node.text(strip=True).replace("\u00ad", "") for node in built.parse(url).css("article h3")]
        if not questions:
            pytest.fail(f"/{url} has no ### questions")
        (faq,) = nodes(graph_of(built, url), "FAQPage")
        assert [entity["name"] for entity in faq["mainEntity"]] == questions
        for entity in faq["mainEntity"]:
            assert entity["@type"] == "Question"
            assert entity["acceptedAnswer"]["@type"] == "Answer"
            assert len(entity["acceptedAnswer"]["text"].strip()) > 10, entity
    assert not nodes(graph_of(built, built.role_url("prices", built.default_language)), "FAQPage")


def test_nested_pages_have_breadcrumbs_and_top_pages_do_not(built):
    for language in built.languages:
        home = TEST_SITE_URL + built.url_of("index.md", language)
        for source in built.sources:
            url = built.url_of(source, language)
            crumbs = nodes(graph_of(built, url), "BreadcrumbList")
            depth = source.count("/")
            if not depth:
                assert not crumbs, url
                continue
            (crumb_list,) = crumbs
            items = crumb_list["itemListElement"]
            assert [item["position"] for item in items] == list(range(1, len(items) + 1))
            assert items[0]["item"] == home
            assert items[-1]["item"] == TEST_SITE_URL + url
            assert len(items) == depth + 1 + (0 if source.endswith("/index.md") else 1), url


def meta(site: BuiltSite, path: Path, attribute: str, name: str) -> list[str]:
    """The content values of <meta {attribute}="{name}">."""
    return [node.attributes.get("content") or "" for node in
            site.parse(path).css(f'meta[{attribute}="{name}"]')]


def test_every_page_has_sharing_tags_with_an_absolute_url_and_locale(built):
    og_locale = {language: built.words[language]["settings"]["og_locale"] for language in built.languages}
    for language in built.languages:
        others = sorted(og_locale[other] for other in built.languages if other != language)
        for path in built.pages_of(language):
            url = TEST_SITE_URL + built.url_path(path)
            assert meta(built, path, "property", "og:url") == [url]
            assert meta(built, path, "property", "og:locale") == [og_locale[language]]
            assert sorted(meta(built, path, "property", "og:locale:alternate")) == others
            (title,) = meta(built, path, "property", "og:title")
            (description,) = meta(built, path, "property", "og:description")
            assert title and description
            assert meta(built, path, "name", "twitter:card") == ["summary_large_image"]
            (image,) = meta(built, path, "property", "og:image")
            assert image.startswith(TEST_SITE_URL) and meta(built, path, "name", "twitter:image") == [image]


def test_sharing_images_are_1200_by_630_pngs_in_the_site(built):
    images = set()
    for language in built.languages:
        for path in built.pages_of(language):
            images.update(meta(built, path, "property", "og:image"))
    assert len(images) == len(built.languages)
    for image in images:
        file = built.root / image[len(TEST_SITE_URL):]
        with Image.open(file) as opened:
            assert opened.format == "PNG" and opened.size == (1200, 630)
    assert not list(built.root.rglob("*.ttf")), "the image fonts must not be published"
