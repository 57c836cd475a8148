"""Facts of the supervisor, prices, FAQ, contact and legal pages in every language.

Names, phone numbers, emails, the supervisors' training, the association's member
title, the supervisory authority and the legal pages' dates are read from
docs/_data/practice.yml, so the tests follow the owner's data. The keyword lists are the content contract: what each
language version must say (cancellation terms, the elements of GDPR Art. 13).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import PurePosixPath

import pytest
import yaml
from selectolax.lexbor import LexborNode

from tests.support.site import LANGUAGE_PREFIX, LANGUAGES, PROJECT_ROOT, SITE_CONFIG, BuiltSite, url_of

DATA_FILE = PROJECT_ROOT / "docs" / "_data" / "practice.yml"
MINIMUM_FAQ_QUESTIONS = 10

#: What the prices page must state about cancelling, per language (7 days, 50 %).
CANCELLATION_TERMS = {
    "fi": ("7 päivää", "50 %", "kokonaan"),
    "sv": ("7 dagar", "50 %", "i sin helhet"),
    "en": ("7 days", "50%", "in full"),
}

#: GDPR Art. 13 elements of the privacy notice: element -> words per language,
#: every word of the tuple must appear (lower-case, in the article text).
PRIVACY_ELEMENTS = {
    "controller": {
        "fi": ("rekisterinpitäjä",),
        "sv": ("personuppgiftsansvarig",),
        "en": ("controller",),
    },
    "purposes": {"fi": ("tarkoitu",), "sv": ("ändamål",), "en": ("purpose",)},
    "legal basis": {"fi": ("oikeusperuste",), "sv": ("rättslig grund",), "en": ("legal basis",)},
    "retention": {"fi": ("säilytä",), "sv": ("sparar",), "en": ("keep",)},
    "recipients": {
        "fi": ("tilitoimisto", "verkkolaskuoperaattori"),
        "sv": ("bokföringsbyrå", "e-fakturaoperatör"),
        "en": ("accounting firm", "e-invoicing operator"),
    },
    "transfers": {
        "fi": ("eta:n ulkopuolelle",),
        "sv": ("utanför europeiska unionen",),
        "en": ("outside the european union",),
    },
    "rights": {
        "fi": ("pääsy", "oikaista", "poistamista", "rajoittaa", "vastustaa", "siirtää"),
        "sv": ("tillgång", "rättade", "raderade", "begränsa", "invända", "dataportabilitet"),
        "en": ("access", "rectification", "erasure", "restriction", "object", "portability"),
    },
    "complaint authority": {
        "fi": ("tietosuojavaltuutetun toimisto",),
        "sv": ("dataombudsmannens byrå",),
        "en": ("data protection ombudsman",),
    },
    "no cookies": {"fi": ("evästeitä",), "sv": ("kakor",), "en": ("cookies",)},
}


@cache
def practice_data() -> dict:
    """The owner's data file."""
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


def page_url(source: str, language: str) -> str:
    """Site-relative URL of a Finnish source path ('tyonohjaajat/x.md') in a language."""
    return url_of(source, language)


def article(site: BuiltSite, url: str) -> LexborNode:
    """The content article of a built page."""
    node = site.parse(url).css_first("article")
    assert node is not None, f"{url}: no <article> in the built page"
    return node


def visible_text(node: LexborNode) -> str:
    """Text of a node with non-breaking spaces as plain spaces."""
    return " ".join(node.text(separator=" ").replace("\u00a0", " ").split())


SUPERVISORS = sorted(practice_data()["supervisors"])


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("supervisor", SUPERVISORS)
def test_bio_page_has_portrait_name_and_direct_contact(site, supervisor, language):
    person = practice_data()["supervisors"][supervisor]
    url = page_url(person["page"], language)
    content = article(site, url)

    photo_name = PurePosixPath(person["photo"]).name
    portraits = [
        img for img in content.css("img") if (img.attributes.get("src") or "").endswith(photo_name)
    ]
    assert portraits, f"{url}: no <img> of {photo_name}"
    for img in portraits:
        assert (img.attributes.get("alt") or "").strip(), f"{url}: portrait without alt text"
        assert img.attributes.get("width") and img.attributes.get("height"), (
            f"{url}: portrait without width/height (layout shift)"
        )

    assert person["name"] in visible_text(content.css_first("h1")), f"{url}: H1 lacks the name"
    links = {a.attributes.get("href") for a in content.css("a[href]")}
    assert f"tel:{person['phone']}" in links, f"{url}: no tel: link to {person['phone']}"
    assert f"mailto:{person['email']}" in links, f"{url}: no mailto: link to {person['email']}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("supervisor", SUPERVISORS)
def test_bio_page_shows_the_year_supervising_began_as_a_year(site, supervisor, language):
    person = practice_data()["supervisors"][supervisor]
    url = page_url(person["page"], language)
    year = str(person["supervising_since"])
    assert year in visible_text(article(site, url)).split(), (
        f"{url}: the year {year} (supervisors.{supervisor}.supervising_since) is not shown as "
        "a plain year – a year must not get a thousands separator"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_faq_has_enough_questions_each_with_an_answer(site, language):
    url = page_url("ukk.md", language)
    questions = [h for h in article(site, url).css("h3") if visible_text(h).endswith("?")]
    assert len(questions) >= MINIMUM_FAQ_QUESTIONS, (
        f"{url}: {len(questions)} question headings (###), want at least {MINIMUM_FAQ_QUESTIONS}"
    )
    for question in questions:
        # A question of the accordion (the page template) heads its <summary>; its answer follows.
        if question.parent is not None and question.parent.tag == "summary":
            box = question.parent.next
            while box is not None and box.tag == "-text":
                box = box.next
            answer = box.child if box is not None else None
        else:
            answer = question.next
        while answer is not None and answer.tag == "-text":
            answer = answer.next
        assert answer is not None and answer.tag == "p", (
            f"{url}: question {visible_text(question)!r} is not followed by an answer paragraph"
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_prices_page_states_the_cancellation_terms(site, language):
    url = page_url("hinnat.md", language)
    text = visible_text(article(site, url))
    missing = [term for term in CANCELLATION_TERMS[language] if term not in text]
    assert not missing, f"{url}: cancellation terms lack {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_privacy_notice_covers_every_gdpr_article_13_element(site, language):
    url = page_url("tietosuoja.md", language)
    text = visible_text(article(site, url)).lower()
    missing = {
        element: [word for word in words[language] if word not in text]
        for element, words in PRIVACY_ELEMENTS.items()
    }
    missing = {element: words for element, words in missing.items() if words}
    assert not missing, f"{url}: missing GDPR Art. 13 elements {missing}"

    practice = practice_data()["practice"]
    for fact in (SITE_CONFIG.site_name(language), practice["legal_name"], practice["business_id"]):
        assert str(fact) in visible_text(article(site, url)), f"{url}: controller lacks {fact!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_contact_page_has_the_quote_request_anchor(site, language):
    url = page_url("yhteystiedot.md", language)
    assert site.parse(url).css_first('[id="tarjouspyynto"]') is not None, (
        f"{url}: no element with id=tarjouspyynto for the quote links to land on"
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("supervisor", SUPERVISORS)
def test_bio_page_shows_training_scope_year_and_the_members_title(site, supervisor, language):
    """Each bio: supervisor training's scope and year, and the association's personal member title."""
    data = practice_data()
    person = data["supervisors"][supervisor]
    url = page_url(person["page"], language)
    text = visible_text(article(site, url))
    training = person["training"]
    for what, number in (("scope", training["credits"]), ("year", training["completed"])):
        assert re.search(rf"(?<![\d.,]){number}(?![\d.,]\d|\d)", text), (
            f"{url}: the training {what} {number} (supervisors.{supervisor}.training) is not shown")
    title = data["association"]["member_title"]
    assert title in text, f"{url}: the member title {title!r} is not shown"
    if language != LANGUAGES[0]:
        marked = [span for span in article(site, url).css('[lang]')
                  if span.attributes.get("lang") == LANGUAGES[0] and title in visible_text(span)]
        assert marked, f"{url}: the title {title!r} is not marked lang={LANGUAGES[0]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_privacy_notice_gives_the_supervisory_authority_contact_details(site, language):
    authority = practice_data()["data_protection_ombudsman"]
    url = page_url("tietosuoja.md", language)
    content = article(site, url)
    links = {a.attributes.get("href") for a in content.css("a[href]")}
    assert f"tel:{authority['phone']}" in links, f"{url}: no tel: link to {authority['phone']}"
    assert f"mailto:{authority['email']}" in links, f"{url}: no mailto: link to {authority['email']}"
    assert authority["url"][language] in links, f"{url}: no link to {authority['url'][language]}"
    assert authority["name"][language] in visible_text(content), f"{url}: the authority is not named"


@pytest.mark.parametrize("language", LANGUAGES)
def test_legal_pages_show_their_dates_from_the_data_file(site, language):
    """The privacy notice's update date and the accessibility statement's review date, as written by Babel."""
    from babel.dates import format_date

    locales = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_IE"}
    legal = practice_data()["legal"]
    for page, key in (("tietosuoja.md", "privacy_updated"), ("saavutettavuus.md", "accessibility_reviewed")):
        url = page_url(page, language)
        shown = " ".join(format_date(legal[key], "long", locale=locales[language]).replace("\u00a0", " ").split())
        assert shown in visible_text(article(site, url)), f"{url}: the date {shown} (legal.{key}) is not shown"


#: Number words one to nine, in the forms the crisis promise uses (Finnish genitive).
NUMBER_WORDS = {
    "fi": ("yhden", "kahden", "kolmen", "neljän", "viiden", "kuuden", "seitsemän", "kahdeksan", "yhdeksän"),
    "sv": ("en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"),
    "en": ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_crisis_promise_in_words_matches_its_number(language):
    """services.crisis.first_meeting_within (words for running text) says the number of first_meeting_within_working_days."""
    crisis = practice_data()["services"]["crisis"]
    days = crisis["first_meeting_within_working_days"]
    words = crisis["first_meeting_within"][language].split()
    if 1 <= days <= 9:
        assert words[0] == NUMBER_WORDS[language][days - 1], (
            f"services.crisis.first_meeting_within.{language} ({' '.join(words)!r}) does not say {days}; "
            "change it together with first_meeting_within_working_days"
        )
    else:
        assert str(days) in words, f"services.crisis.first_meeting_within.{language} does not say {days}"
