"""The six service pages, in every language, against docs/_data/practice.yml.

Each service page (services.*.page in the data file) must carry real content
(at least 250 words of prose), show its prices in the page locale, link to its
supervisors and end in a quote button that preselects its own service. The group
page states the group size from the data file, the mediation page lists the six
phases under the heading id ``vaiheet``, and the crisis page opens with an
admonition that names 112 and gives the practice's phone number as a tel: link.

Expected values are computed here from the data file with Babel, independently of
the build's own formatting code.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import yaml
from babel import Locale
from babel.numbers import format_currency
from selectolax.lexbor import LexborHTMLParser, LexborNode

from tests.support.site import LANGUAGES, PROJECT_ROOT, BuiltSite, url_of

DATA_FILE = PROJECT_ROOT / "docs" / "_data" / "practice.yml"
#: Babel locale per page language (en_IE writes €1,400 and 25.5%).
LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_IE"}
MIN_WORDS = 250
MEDIATION_PHASES = 6
#: id of the H2 above the mediation phases, the same in every language.
PHASES_HEADING_ID = "vaiheet"
QUOTE_ANCHOR = "tarjouspyynto"
CONTACT_PAGE = "yhteystiedot.md"
EMERGENCY_NUMBER = "112"
#: Parts of the article that are not prose: tables and contact links rendered from the data.
NOT_PROSE = 'table, script, style, a[href^="tel:"], a[href^="mailto:"]'
#: A word has at least one letter (numbers, prices and dashes are not words).
WORD = re.compile(r"\w*[^\W\d_]\w*")


@cache
def practice() -> dict:
    """docs/_data/practice.yml, the single source of the practice's facts."""
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


def services() -> dict[str, dict]:
    """Service id -> its entry in the data file."""
    return practice()["services"]


def page_url(page_path: str, language: str) -> str:
    """Site-relative URL of a docs page path such as 'palvelut/yksilotyonohjaus.md'."""
    return url_of(page_path, language)


SERVICE_PAGES = [
    (service_id, language, page_url(service["page"], language))
    for service_id, service in services().items()
    for language in LANGUAGES
]
SERVICE_PAGE_IDS = [f"{service_id}-{language}" for service_id, language, _ in SERVICE_PAGES]


def normalized(text: str) -> str:
    """Text with non-breaking and narrow spaces as plain spaces, whitespace collapsed."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def article(site: BuiltSite, url: str) -> LexborNode:
    """The page's article element."""
    node = site.parse(url).css_first("article")
    assert node is not None, f"/{url} has no <article>"
    return node


def article_text(site: BuiltSite, url: str) -> str:
    """Normalised visible text of the page's article."""
    return normalized(article(site, url).text(separator=" "))


def prose_words(site: BuiltSite, url: str) -> list[str]:
    """Words of the article's prose, without tables and rendered contact links."""
    copy = LexborHTMLParser(article(site, url).html)
    for node in copy.css(NOT_PROSE):
        node.decompose()
    return WORD.findall(copy.body.text(separator=" "))


def children_before_first_h2(node: LexborNode) -> list[LexborNode]:
    """The element children of node that come before its first <h2>."""
    before = []
    for child in node.iter(include_text=False):
        if child.tag == "h2":
            break
        before.append(child)
    return before


def money_forms(amount: Decimal, language: str) -> set[str]:
    """How an amount may be written in the page locale: CLDR standard, and without cents when whole."""
    locale = Locale.parse(LOCALES[language])
    standard = locale.currency_formats["standard"].pattern
    forms = {format_currency(amount, "EUR", locale=locale)}
    if amount == amount.to_integral_value():
        whole = standard.replace("0.00", "0")
        forms.add(format_currency(amount, "EUR", format=whole, locale=locale, currency_digits=False))
    return {normalized(form) for form in forms}


def gross(net: Decimal) -> Decimal:
    """The VAT-inclusive amount of a net price, to the cent."""
    rate = Decimal(str(practice()["vat"]["rate"]))
    return (net * (1 + rate / 100)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# ------------------------------------------------------------------ every service page


@pytest.mark.parametrize(("service_id", "language", "url"), SERVICE_PAGES, ids=SERVICE_PAGE_IDS)
def test_service_page_has_at_least_250_words_of_prose(site, service_id, language, url):
    words = prose_words(site, url)
    assert len(words) >= MIN_WORDS, f"/{url} has only {len(words)} words of prose (< {MIN_WORDS})"


@pytest.mark.parametrize(("service_id", "language", "url"), SERVICE_PAGES, ids=SERVICE_PAGE_IDS)
def test_service_page_shows_its_net_and_gross_prices(site, service_id, language, url):
    text = article_text(site, url)
    for price_id, price in services()[service_id]["prices"].items():
        net = Decimal(str(price["net"]))
        for label, amount in (("net", net), ("VAT-inclusive", gross(net))):
            forms = money_forms(amount, language)
            assert any(form in text for form in forms), (
                f"/{url}: the {label} price of {service_id}.{price_id} ({' or '.join(sorted(forms))}) "
                "is not on the page"
            )


@pytest.mark.parametrize(("service_id", "language", "url"), SERVICE_PAGES, ids=SERVICE_PAGE_IDS)
def test_service_page_quote_button_preselects_its_own_service(site, service_id, language, url):
    quote_links = []
    for link in article(site, url).css("a[href]"):
        href = link.attributes["href"]
        target = urlsplit(urljoin(f"https://site.test/{url}", href))
        if target.path == "/" + url_of(CONTACT_PAGE, language) and target.fragment == QUOTE_ANCHOR:
            quote_links.append((link, target))
    assert quote_links, f"/{url} has no link to the quote form"
    contact = "/" + url_of(CONTACT_PAGE, language)
    for link, target in quote_links:
        assert target.path == contact, f"/{url}: quote link goes to {target.path}, not {contact}"
        assert parse_qs(target.query).get("service") == [service_id], (
            f"/{url}: quote link {link.attributes['href']!r} does not preselect service={service_id}"
        )
    classes = {cls for link, _ in quote_links for cls in (link.attributes.get("class") or "").split()}
    assert classes & {"md-button--primary", "kirkas-button--primary"}, f"/{url}: the quote link is not a primary button"


@pytest.mark.parametrize(("service_id", "language", "url"), SERVICE_PAGES, ids=SERVICE_PAGE_IDS)
def test_service_page_links_to_a_supervisor_bio_in_its_language(site, service_id, language, url):
    bios = {"/" + page_url(person["page"], language) for person in practice()["supervisors"].values()}
    linked = {
        urlsplit(urljoin(f"https://site.test/{url}", link.attributes["href"])).path
        for link in article(site, url).css("a[href]")
    }
    assert bios & linked, f"/{url} links to none of the supervisor pages {sorted(bios)}"


# ------------------------------------------------------------------ service-specific facts


@pytest.mark.parametrize("language", LANGUAGES)
def test_group_page_states_the_group_size_from_the_data_file(site, language):
    size = services()["group"]["group_size"]
    url = page_url(services()["group"]["page"], language)
    pattern = rf"(?<!\d){size['min']}\s*[–-]\s*{size['max']}(?!\d)"
    assert re.search(pattern, article_text(site, url)), (
        f"/{url} does not state the group size {size['min']}–{size['max']}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_mediation_page_lists_exactly_six_phases_in_order(site, language):
    url = page_url(services()["mediation"]["page"], language)
    heading = article(site, url).css_first(f"h2#{PHASES_HEADING_ID}")
    assert heading is not None, f"/{url} has no heading {{ #{PHASES_HEADING_ID} }} above the phases"
    following = heading.next
    while following is not None and following.tag == "-text":
        following = following.next
    assert following is not None and following.tag == "ol", f"/{url}: no ordered list after the phases heading"
    phases = [child for child in following.iter(include_text=False) if child.tag == "li"]
    assert len(phases) == MEDIATION_PHASES, f"/{url} lists {len(phases)} phases, not {MEDIATION_PHASES}"
    for number, phase in enumerate(phases, start=1):
        name = phase.css_first("strong")
        assert name is not None, f"/{url}: phase {number} has no bold name"
        explanation = normalized(phase.text()).removeprefix(normalized(name.text()))
        assert len(WORD.findall(explanation)) >= 5, f"/{url}: phase {number} has no short explanation"


@pytest.mark.parametrize("language", LANGUAGES)
def test_crisis_page_opens_with_112_and_a_phone_link(site, language):
    url = page_url(services()["crisis"]["page"], language)
    content = article(site, url)
    top = children_before_first_h2(content.css_first(".kirkas-page__body") or content)
    top_text = normalized(" ".join(node.text(separator=" ") for node in top))
    assert re.search(rf"(?<!\d){EMERGENCY_NUMBER}(?!\d)", top_text), f"/{url}: 112 is not said before the first H2"
    admonitions = [node for node in top if "admonition" in (node.attributes.get("class") or "").split()]
    assert admonitions, f"/{url}: no admonition before the first H2"
    first = admonitions[0]
    kinds = set((first.attributes.get("class") or "").split())
    assert kinds & {"danger", "warning"}, f"/{url}: the first admonition is {sorted(kinds)}, not danger/warning"
    title = first.css_first(".admonition-title")
    assert title is not None and EMERGENCY_NUMBER in title.text(), f"/{url}: the admonition title lacks 112"
    phone_links = {link.attributes["href"] for link in first.css('a[href^="tel:"]')}
    expected = {
        "tel:" + practice()["practice"]["phone"],
        "tel:" + practice()["supervisors"]["sara"]["phone"],
        "tel:" + practice()["supervisors"]["aino"]["phone"],
    }
    missing = expected - phone_links
    assert not missing, f"/{url}: the first admonition lacks the phone links {sorted(missing)}"
