"""The practice data reaches every page of every language, and only from practice.yml.

One build of a copy of the tests' own practice with a new phone number, email, price and
VAT rate shows that each change reaches every page that showed the old value, in every
language and in every form (text, tel:/mailto: links, structured data). Broken
references and broken data fail the build, naming file and line. Expected prices are
computed here by hand with Decimal, not by the hooks; the footer and price tables are
checked on the real site too, from its own data file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import phonenumbers
import pytest
import yaml
from babel import Locale
from babel.numbers import format_currency
from selectolax.lexbor import LexborHTMLParser

from tests.support.report import entries_at, report_by_file
from tests.support.site import (
    FIXTURE_PRACTICE,
    BuiltSite,
    build_project,
    copy_fixture_practice,
    load_site_config,
)

DATA_FILE = "docs/_data/practice.yml"
#: The tests' own practice: its data and languages.
DATA = yaml.safe_load((FIXTURE_PRACTICE / DATA_FILE).read_text(encoding="utf-8"))
LANGUAGES = load_site_config(FIXTURE_PRACTICE / "mkdocs.yml").languages
WORDS = {language: yaml.safe_load((FIXTURE_PRACTICE / "docs" / "_data" / "words" / f"{language}.yml")
                                  .read_text(encoding="utf-8")) for language in LANGUAGES}
SPACES = re.compile(r"[\u00a0\u202f ]+")
#: The soft hyphens of build-time hyphenation (hooks/hyphenation.py), unseen unless a word breaks there.
SOFT_HYPHEN = "\u00ad"
#: The break points hyphenation puts after the "@" and dots of email addresses.
WBR = re.compile(r"<wbr\s*/?>", re.IGNORECASE)
#: The first price of the first service: the one the copy changes.
SERVICE_ID, SERVICE = next(iter(DATA["services"].items()))
PRICE_ID = next(iter(SERVICE["prices"]))

# The changes made to the copy (written into the YAML text).
NEW_PHONE = "+358401239876"
NEW_EMAIL = "toimisto@uusi.example"
NEW_NET = Decimal("10.10")
NEW_RATE = Decimal("25")  # 10.10 × 25 % = 2.525 -> 2.53 (half up; banker's rounding gives 2.52)


def normalized(text: str) -> str:
    """Text with no-break and narrow spaces as plain single spaces and no soft hyphens."""
    return SPACES.sub(" ", text.replace(SOFT_HYPHEN, ""))


def page_html(path: Path) -> str:
    """The whole HTML of a page (head, JSON-LD and attributes included), spaces normalized,
    without the <wbr> break points that hyphenation puts in email addresses."""
    return normalized(WBR.sub("", path.read_text(encoding="utf-8")))


def page_text(path: Path) -> str:
    """The visible text of a page's body, spaces normalized (an email address in one piece)."""
    body = LexborHTMLParser(page_html(path)).css_first("body")
    return normalized(body.text(deep=True, separator=" ")) if body else ""


def hrefs(site: BuiltSite, path: Path, scheme: str) -> set[str]:
    """Every link target of a page that starts with a scheme ('tel:', 'mailto:')."""
    return {
        node.attributes.get("href") or ""
        for node in site.parse(path).css("a[href]")
        if (node.attributes.get("href") or "").startswith(scheme)
    }


def contains(text: str, value: str) -> bool:
    """True if the text contains the value not glued to further digits."""
    return re.search(rf"(?<![\d.,]){re.escape(value)}(?![\d]|[.,]\d)", text) is not None


@dataclass(frozen=True)
class Fact:
    """One changed fact: how its old and new values are written per language."""

    name: str
    old: dict[str, list[str]]
    new: dict[str, list[str]]
    scheme: str | None = None  # the link scheme that must point at the new value
    new_href: str | None = None


OLD_PHONE = DATA["practice"]["phone"]
OLD_EMAIL = DATA["practice"]["email"]
OLD_NET = Decimal(str(SERVICE["prices"][PRICE_ID]["net"]))
OLD_RATE = Decimal(str(DATA["vat"]["rate"]))
OLD_GROSS = OLD_NET + (OLD_NET * OLD_RATE / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)


def phone_forms(e164: str) -> list[str]:
    """Every way a number may be written: phonenumbers' formats and the grouped ones of the pages."""
    number = phonenumbers.parse(e164)
    forms = {phonenumbers.format_number(number, style) for style in (
        phonenumbers.PhoneNumberFormat.E164, phonenumbers.PhoneNumberFormat.INTERNATIONAL,
        phonenumbers.PhoneNumberFormat.NATIONAL, phonenumbers.PhoneNumberFormat.RFC3966)}
    return sorted(forms | {shown_phone(e164, language) for language in LANGUAGES})


def shown_phone(e164: str, language: str) -> str:
    """How a page of the language writes a number, grouped by hand: '040 123 9876', '+358 40 123 9876'."""
    number = phonenumbers.parse(e164)
    national = phonenumbers.national_significant_number(number)
    split = phonenumbers.length_of_national_destination_code(number)
    area, subscriber = national[:split], national[split:]
    grouped = f"{subscriber[:-4]} {subscriber[-4:]}" if len(subscriber) == 7 else f"{subscriber[:4]} {subscriber[4:]}"
    if WORDS[language]["settings"]["phone_style"] == "international":
        return f"+{number.country_code} {area} {grouped}"
    return f"0{area} {grouped}"


def euro_forms(amount: Decimal) -> dict[str, list[str]]:
    """An amount written by hand the way each language writes euros."""
    whole, cents = f"{amount:.2f}".split(".")
    grouped_space = f"{int(whole):,}".replace(",", " ")
    grouped_comma = f"{int(whole):,}"
    fi = f"{grouped_space},{cents} €" if cents != "00" else f"{grouped_space} €"
    en = f"€{grouped_comma}.{cents}" if cents != "00" else f"€{grouped_comma}"
    return {"fi": [fi], "sv": [fi], "en": [en]}


def percent_forms(rate: Decimal) -> dict[str, list[str]]:
    """A VAT rate as each language writes it ('25,5 %', '25.5%')."""
    text = f"{rate.normalize():f}"
    return {"fi": [text.replace(".", ",") + " %"], "sv": [text.replace(".", ",") + " %"],
            "en": [text + "%"]}


FACTS = [
    Fact("phone",
         old={lang: phone_forms(OLD_PHONE) for lang in LANGUAGES},
         new={lang: [shown_phone(NEW_PHONE, lang)] for lang in LANGUAGES},
         scheme="tel:", new_href=f"tel:{NEW_PHONE}"),
    Fact("email",
         old={lang: [OLD_EMAIL] for lang in LANGUAGES},
         new={lang: [NEW_EMAIL] for lang in LANGUAGES},
         scheme="mailto:", new_href=f"mailto:{NEW_EMAIL}"),
    # Hand-written: 10.10 € net; VAT 25 % = 2.525 -> 2.53; gross 12.63.
    Fact("price",
         old={lang: euro_forms(OLD_NET)[lang] + euro_forms(OLD_GROSS)[lang] for lang in LANGUAGES},
         new={"fi": ["10,10 €"], "sv": ["10,10 €"], "en": ["€10.10"]}),
    Fact("vat rate", old=percent_forms(OLD_RATE),
         new={"fi": ["25 %"], "sv": ["25 %"], "en": ["25%"]}),
]


def replace_once(text: str, old: str, new: str) -> str:
    """Replace a line of the YAML text that must occur exactly once."""
    assert text.count(old) == 1, f"{old!r} not found once in {DATA_FILE}"
    return text.replace(old, new)


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The fixture practice with a new phone, email, first price and VAT rate, built."""
    root = tmp_path_factory.mktemp("changed")
    project = copy_fixture_practice(root / "project")
    data_file = project / DATA_FILE
    text = data_file.read_text(encoding="utf-8")
    text = replace_once(text, f'  phone: "{OLD_PHONE}"', f'  phone: "{NEW_PHONE}"')
    text = replace_once(text, f"  email: {OLD_EMAIL}", f"  email: {NEW_EMAIL}")
    text = replace_once(text, f"  rate: {DATA['vat']['rate']}", f"  rate: {NEW_RATE}")
    service = f"  {SERVICE_ID}:"
    head, _, tail = text.partition(service)
    tail = tail.replace(f"net: {SERVICE['prices'][PRICE_ID]['net']}", f"net: {NEW_NET}", 1)
    data_file.write_text(head + service + tail, encoding="utf-8")
    result = build_project(project, root / "site")
    assert result.returncode == 0, result.output
    return BuiltSite(root / "site", result.output, load_site_config(project / "mkdocs.yml"))


@pytest.mark.slow
@pytest.mark.parametrize("fact", FACTS, ids=lambda fact: fact.name)
def test_a_changed_fact_reaches_every_page_in_every_language(fixture_site, changed_site, fact):
    site = fixture_site
    checked = 0
    for language in LANGUAGES:
        for before in site.pages_of(language):
            url = site.url_path(before)
            after = changed_site.file_for(url)
            old_text, new_text = page_text(before), page_text(after)
            new_html = page_html(after)
            for old in fact.old[language]:
                assert not contains(new_html, old), f"/{url} still shows {fact.name} {old!r}"
            if any(contains(old_text, old) for old in fact.old[language]):
                checked += 1
                assert any(contains(new_text, new) for new in fact.new[language]), (
                    f"/{url} showed the old {fact.name} but does not show {fact.new[language]}")
            if fact.scheme:
                links = hrefs(changed_site, after, fact.scheme)
                assert fact.new_href in links, f"/{url} has no link {fact.new_href}"
                stale = [link for link in links if fact.name == "phone" and OLD_PHONE in link
                         or fact.name == "email" and OLD_EMAIL in link]
                assert not stale, f"/{url} still links to {stale}"
    assert checked, f"no page showed the {fact.name} before the change"


@pytest.mark.slow
def test_structured_data_follows_the_change(changed_site):
    for language in LANGUAGES:
        scripts = changed_site.parse(changed_site.role_url("prices", language)).css('script[type="application/ld+json"]')
        graph = json.loads(scripts[0].text())["@graph"]
        business = next(node for node in graph if node["@type"] == "LocalBusiness")
        assert business["telephone"] == NEW_PHONE and business["email"] == NEW_EMAIL
        offer = next(offer for node in graph if node["@type"] == "Service"
                     for offer in node["offers"] if offer["identifier"] == f"{SERVICE_ID}.{PRICE_ID}")
        prices = {spec["valueAddedTaxIncluded"]: Decimal(str(spec["price"]))
                  for spec in offer["priceSpecification"]}
        assert prices == {False: Decimal("10.10"), True: Decimal("12.63")}


PRICE_CELLS = ("net", "vat", "gross")


def price_row(site: BuiltSite, url: str, service: str, price: str) -> dict[str, str]:
    """The net, VAT and gross cells of one row of a price table."""
    row = site.parse(url).css_first(
        f'.kirkas-price-table tr[data-service="{service}"][data-price="{price}"]')
    assert row is not None, f"/{url} has no price row {service}.{price}"
    return {cell: normalized(row.css_first(f".kirkas-price-table__{cell}").text(strip=True))
            for cell in PRICE_CELLS}


@pytest.mark.slow
def test_price_table_rounds_vat_half_up_to_cents(changed_site):
    # 10.10 € at 25 %: VAT 2.525 € is 2.53 € (ROUND_HALF_UP), gross 12.63 €.
    assert price_row(changed_site, changed_site.role_url("prices", "fi"), SERVICE_ID, PRICE_ID) == {
        "net": "10,10 €", "vat": "2,53 €", "gross": "12,63 €"}
    assert price_row(changed_site, changed_site.role_url("prices", "en"), SERVICE_ID, PRICE_ID) == {
        "net": "€10.10", "vat": "€2.53", "gross": "€12.63"}
    caption = changed_site.parse(changed_site.role_url("prices", "fi")).css_first(".kirkas-price-table caption").text()
    assert "alv 25 %" in normalized(caption)


def from_price(words: dict, amount: str) -> str:
    """A starting price as the language's words file writes it ('alkaen 900 €')."""
    return words["prices"]["from"].replace("{amount}", amount)


@pytest.mark.parametrize("built", ["fixture_site", pytest.param("site", marks=pytest.mark.real_site)])
def test_price_tables_show_net_vat_and_gross_computed_by_hand(built, request):
    """Every row of the full table in every language: net + VAT (half up) = gross, in the page's locale."""
    site: BuiltSite = request.getfixturevalue(built)
    rate = Decimal(str(site.data["vat"]["rate"]))
    for language in site.languages:
        locale = site.words[language]["settings"]["locale"]
        url = site.role_url("prices", language)
        for service_id, service in site.data["services"].items():
            for price_id, price in service["prices"].items():
                net = Decimal(str(price["net"]))
                vat = (net * rate / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
                row = price_row(site, url, service_id, price_id)
                for cell, amount in zip(PRICE_CELLS, (net, vat, net + vat)):
                    expected = money(amount, locale)
                    if price.get("from"):
                        expected = normalized(from_price(site.words[language], expected))
                    assert row[cell] == expected, (language, service_id, price_id, cell, row[cell], expected)


def money(amount: Decimal, locale: str) -> str:
    """Euros in a locale (Babel's currency pattern), without cents when the amount is whole."""
    if amount == amount.to_integral_value():
        pattern = Locale.parse(locale).currency_formats["standard"].pattern.replace("0.00", "0")
        return normalized(format_currency(amount, "EUR", format=pattern, locale=locale, currency_digits=False))
    return normalized(format_currency(amount, "EUR", locale=locale))


def test_prices_written_by_hand(fixture_site):
    """A couple of the fixture's prices as literal strings: a whole price and a starting price."""
    assert (DATA["vat"]["rate"], DATA["services"]["support"]["prices"]["meeting"]["net"],
            DATA["services"]["teamday"]["prices"]["day"]["net"]) == (24, 100, 900), "the fixture changed"
    fi, en = fixture_site.role_url("prices", "fi"), fixture_site.role_url("prices", "en")
    assert price_row(fixture_site, fi, "teamday", "day") == {
        "net": "alkaen 900 €", "vat": "alkaen 216 €", "gross": "alkaen 1 116 €"}
    assert price_row(fixture_site, en, "teamday", "day") == {
        "net": "from €900", "vat": "from €216", "gross": "from €1,116"}
    assert price_row(fixture_site, fi, "support", "meeting") == {"net": "100 €", "vat": "24 €", "gross": "124 €"}
    caption = normalized(fixture_site.parse(fi).css_first(".kirkas-price-table caption").text())
    assert "+ alv 24 %" in caption


@pytest.mark.parametrize("built", ["fixture_site", pytest.param("site", marks=pytest.mark.real_site)])
def test_every_page_has_the_footer_with_contact_links_in_its_language(built, request):
    site: BuiltSite = request.getfixturevalue(built)
    practice = site.data["practice"]
    for language in site.languages:
        for path in site.pages_of(language) + [site.not_found_page(language)]:
            footer = site.parse(path).css_first("footer")
            assert footer is not None, path
            text = normalized(footer.text(deep=True, separator=" "))
            links = {node.attributes.get("href") for node in footer.css("a[href]")}
            assert f"tel:{practice['phone']}" in links and f"mailto:{practice['email']}" in links, path
            assert practice["business_id"] in text and practice["address"]["street"] in text, path
            assert site.config.site_name(language) in text, path
            assert "Made with" not in text, path


def test_phone_numbers_are_grouped_for_reading_in_the_footer(fixture_site):
    """The fixture's number, grouped by hand here, in each language's phone style."""
    phone = DATA["practice"]["phone"]
    for language in LANGUAGES:
        footer = fixture_site.parse(fixture_site.url_of("index.md", language)).css_first("footer")
        assert shown_phone(phone, language) in normalized(footer.text(deep=True, separator=" ")), language


@pytest.mark.parametrize("built", ["fixture_site", pytest.param("site", marks=pytest.mark.real_site)])
def test_footer_links_to_the_legal_pages_of_the_same_language(built, request):
    site: BuiltSite = request.getfixturevalue(built)
    for language in site.languages:
        legal = {site.url_of(source, language) for source in site.sources_with_role("legal")}
        assert legal, "no page has role: legal"
        for path in site.pages_of(language):
            page_url = site.url_path(path)
            resolved = {
                resolve(page_url, node.attributes.get("href") or "")
                for node in site.parse(path).css("footer .kirkas-footer a[href]")
                if not (node.attributes.get("href") or "").startswith(("tel:", "mailto:"))
            }
            assert legal <= resolved, (page_url, resolved)


def resolve(page_url: str, href: str) -> str:
    """The site-relative target of a relative link on a page ('../hinnasto/' from 'kysymyksia/')."""
    parts: list[str] = []
    for part in (page_url + href).split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


@pytest.mark.parametrize("built", ["fixture_site", pytest.param("site", marks=pytest.mark.real_site)])
def test_blocks_link_to_pages_that_exist(built, request):
    site: BuiltSite = request.getfixturevalue(built)
    for language in site.languages:
        for path in site.pages_of(language):
            for node in site.parse(path).css(".kirkas-card a[href], .kirkas-price-table a[href]"):
                href = node.attributes.get("href") or ""
                target = resolve(site.url_path(path), href)
                assert site.file_for(target).is_file(), f"/{site.url_path(path)} links to {href}"


@pytest.fixture(scope="module")
def broken_references_build(tmp_path_factory: pytest.TempPathFactory):
    """A page with an unknown reference and a reference to a missing field, built."""
    root = tmp_path_factory.mktemp("broken-references")
    project = copy_fixture_practice(root / "project")
    page = project / "docs" / "hinnasto.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines += ["", f"Hinta: <!-- price: {SERVICE_ID}.{PRICE_ID[:2]}{PRICE_ID[3:]} -->", "",
              "Faksi: <!-- data: practice.fax -->", ""]
    page.write_text("\n".join(lines), encoding="utf-8")
    result = build_project(project, root / "site")
    return result, len(lines) - 3, len(lines) - 1


@pytest.mark.slow
def test_an_unknown_reference_fails_the_build_naming_file_and_line(broken_references_build):
    result, line, _ = broken_references_build
    assert result.returncode != 0
    (entry,) = entries_at(result.output, "docs/hinnasto.md", line)
    assert f"<!-- price: {SERVICE_ID}.{PRICE_ID[:2]}{PRICE_ID[3:]} -->" in entry
    assert f"{SERVICE_ID}.{PRICE_ID}" in entry  # the close match is suggested


@pytest.mark.slow
def test_a_missing_field_fails_the_build_naming_file_and_line(broken_references_build):
    result, _, line = broken_references_build
    assert result.returncode != 0
    (entry,) = entries_at(result.output, "docs/hinnasto.md", line)
    assert "<!-- data: practice.fax -->" in entry
    assert "practice.phone" in entry or "practice.name" in entry


@pytest.fixture(scope="module")
def broken_data_build(tmp_path_factory: pytest.TempPathFactory):
    """practice.yml with a wrong business ID check digit and no legal_name, built."""
    root = tmp_path_factory.mktemp("broken-data")
    project = copy_fixture_practice(root / "project")
    data_file = project / DATA_FILE
    lines = data_file.read_text(encoding="utf-8").splitlines()
    business_id = DATA["practice"]["business_id"]
    wrong_digit = (int(business_id[-1]) + 1) % 10
    id_line = lines.index(f"  business_id: {business_id}")
    lines[id_line] = f"  business_id: {business_id[:-1]}{wrong_digit}"
    legal_line = next(i for i, line in enumerate(lines) if line.startswith("  legal_name:"))
    del lines[legal_line]
    if legal_line < id_line:
        id_line -= 1
    data_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = build_project(project, root / "site")
    return result, id_line + 1


@pytest.mark.slow
def test_a_wrong_business_id_check_digit_fails_the_build_with_the_yaml_line(broken_data_build):
    result, line = broken_data_build
    assert result.returncode != 0
    (entry,) = entries_at(result.output, DATA_FILE, line)
    assert "check digit" in entry and "How to fix: Copy the Y-tunnus exactly from ytj.fi." in entry


@pytest.mark.slow
def test_a_missing_data_field_is_reported_in_the_same_run(broken_data_build):
    result, _line = broken_data_build
    # Named at the line of its group's key ("practice:"), where the owner adds it.
    group_line = 1 + next(index for index, text in enumerate(
        (FIXTURE_PRACTICE / DATA_FILE).read_text(encoding="utf-8").splitlines()) if text.startswith("practice:"))
    (entry,) = [entry for entry in report_by_file(result.output)[DATA_FILE] if "'practice.legal_name'" in entry]
    assert entry.startswith(f"line {group_line}:") and "'practice.legal_name' is missing." in entry
    assert "How to fix: Add it to docs/_data/practice.yml" in entry
