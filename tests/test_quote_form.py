"""The quote request form composes a correct mailto: message, in every language of the site.

The form is filled in headless Chromium with text full of characters that break
naive URL building (ä ö å, &, ?, #, +, %, line breaks), submitted, and the mailto:
address the script produced (it also puts it on the "open the message" link) is
decoded: every field must arrive intact, addressed to the practice's quote contact
from docs/_data/practice.yml. The form's page is where the header's quote link goes;
services, languages and the error messages' words come from the project's files.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest

from tests.support.browser import open_page
from tests.support.data import DATA, WORDS, quote_contact
from tests.support.site import LANGUAGES, BuiltSite
from tests.support.visits import new_context

pytestmark = pytest.mark.browser

#: Where each language's quote requests go (practice.quote_contact: one id, or one per language).
QUOTE_ADDRESS = {language: DATA["supervisors"][quote_contact(language)]["email"] for language in LANGUAGES}
SERVICE_IDS = list(DATA["services"])


def error_messages(language: str) -> set[str]:
    """Every message the form may show under a field, from the language's words file."""
    words = WORDS[language]["quote_form"]
    fields = words["field_names"].values()
    return ({words["error_required"].format(field=field) for field in fields}
            | {words["error_choose"].format(field=field) for field in fields}
            | {words["error_email"], words["error_group_size"]})

FILLED = {
    "name": "Åsa Ärölä-Öhman & Co",
    "organisation": "Päiväkoti Tähti ry + Ö&Å #2?",
    "email": "asa.arola+tarjous@example.fi",
    "phone": "+358 40 123 4567",
    "group_size": "5",
    "town": "Närpes/Närpiö",
    "message": "Rivi 1: 50 % & 100 %?\nRivi 2 – #tiimi + johto\n\nÄäkköset: åäö ÅÄÖ = ok",
}


def contact_url(site: BuiltSite, base_url: str, language: str, query: str = "") -> str:
    """Address of the quote form of a language (where the header's quote link goes), with a query."""
    path, anchor = site.quote_link(language)
    return f"{base_url}{path}{query}#{anchor}"


def plain(text: str) -> str:
    """Text read from the page without the soft hyphens the build puts into long words."""
    return text.replace("\u00ad", "").strip()


def decode_mailto(url: str) -> tuple[str, dict[str, str]]:
    """(address, {field: decoded value}) of a mailto: URL, decoding %XX only (not '+')."""
    parts = urlsplit(url)
    assert parts.scheme == "mailto", url
    fields = {}
    for pair in parts.query.split("&"):
        key, _, value = pair.partition("=")
        fields[key] = unquote(value, errors="strict")
    return unquote(parts.path), fields


def fill_form(page, service_id: str) -> None:
    """Fill every field of the form with the test text."""
    page.fill("#quote-name", FILLED["name"])
    page.fill("#quote-organisation", FILLED["organisation"])
    page.fill("#quote-email", FILLED["email"])
    page.fill("#quote-phone", FILLED["phone"])
    page.select_option("#quote-service", service_id)
    page.check('input[name="participants"][value="group"]')
    page.fill("#quote-group-size", FILLED["group_size"])
    page.check('input[name="where"][value="on_site"]')
    page.fill("#quote-town", FILLED["town"])
    page.select_option("#quote-language", LANGUAGES[-1])
    page.select_option("#quote-start", index=1)
    page.fill("#quote-message", FILLED["message"])


@pytest.fixture
def page(chromium):
    """A fresh page (no stored state)."""
    context = new_context(chromium, viewport={"width": 375, "height": 812})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_submitted_form_composes_an_intact_mailto(page, site, site_server, language):
    service_id = SERVICE_IDS[-1]
    open_page(page, contact_url(site, site_server, language))
    fill_form(page, service_id)
    start_text = plain(page.eval_on_selector("#quote-start", "s => s.options[s.selectedIndex].text"))
    language_text = plain(page.eval_on_selector("#quote-language", "s => s.options[s.selectedIndex].text"))
    page.click("#kirkas-quote-form button[type=submit]")
    link = page.wait_for_selector("#kirkas-quote-mailto")
    href = link.get_attribute("href")

    raw_query = urlsplit(href).query
    assert raw_query.startswith("subject=") and raw_query.count("&") == 1
    for character in " \n\r&?#+ÄäÖöÅå":
        assert character not in raw_query.replace("&body=", ""), f"unencoded {character!r} in {href}"
    assert "%0D%0A" in raw_query and "%0A" not in raw_query.replace("%0D%0A", "")

    address, fields = decode_mailto(href)
    assert address == QUOTE_ADDRESS[language]
    assert set(fields) == {"subject", "body"}
    service_name = DATA["services"][service_id]["name"][language]
    assert service_name in fields["subject"]
    assert FILLED["organisation"] in fields["subject"]
    body = fields["body"]
    for key in ("name", "organisation", "email", "phone", "group_size", "town"):
        assert FILLED[key] in body, f"{key} missing from the body:\n{body}"
    assert FILLED["message"].replace("\n", "\r\n") in body
    assert "\n" not in body.replace("\r\n", "")
    for text in (service_name, start_text, language_text):
        assert text in body


@pytest.mark.parametrize("service_id", SERVICE_IDS)
def test_service_in_the_address_is_preselected(page, site, site_server, service_id):
    open_page(page, contact_url(site, site_server, LANGUAGES[-1], f"?service={service_id}"))
    assert page.input_value("#quote-service") == service_id


def test_unknown_service_in_the_address_is_ignored(page, site, site_server):
    open_page(page, contact_url(site, site_server, LANGUAGES[0], "?service=%22%3E%3Cimg"))
    assert page.input_value("#quote-service") == ""


def test_every_service_page_quote_link_chooses_its_service(site):
    """A service's page (services.ID.page) links to the form with ?service=ID: the header's
    quote link and every link of the article that leads to the form (side card, call to action)."""
    problems = []
    for language in LANGUAGES:
        form = site.quote_link(language)
        for service_id, service in DATA["services"].items():
            url = site.url_of(service["page"], language)
            link = site.parse(url).css_first("header .kirkas-actions__quote")
            path, query, fragment = site.resolve(url, link.attributes.get("href") or "")
            if (path, fragment) != form or query != f"service={service_id}":
                problems.append(f"/{url}: header quote link {link.attributes.get('href')}")
            for anchor in site.parse(url).css("article a[href]"):
                path, query, fragment = site.resolve(url, anchor.attributes.get("href") or "")
                if (path, fragment) == form and query != f"service={service_id}":
                    problems.append(f"/{url}: quote link {anchor.attributes.get('href')} in the article")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_empty_form_explains_errors_in_the_page_language(page, site, site_server, language):
    open_page(page, contact_url(site, site_server, language))
    page.click("#kirkas-quote-form button[type=submit]")
    assert page.query_selector("#kirkas-quote-mailto") is None
    summary = page.inner_text("#kirkas-quote-summary")
    assert summary.strip()
    assert page.evaluate("document.activeElement.id") == "kirkas-quote-summary"
    assert page.get_attribute("#kirkas-quote-summary", "role") == "alert"
    for field in ("quote-name", "quote-email", "quote-service", "quote-message"):
        assert page.get_attribute(f"#{field}", "aria-invalid") == "true", field
        described = page.get_attribute(f"#{field}", "aria-describedby").split()
        error = page.inner_text(f"#{field}-error")
        assert f"{field}-error" in described and error.strip(), field
        assert plain(error) in error_messages(language), f"{language}: {error!r} is not a message of its words file"
    assert page.get_attribute('input[name="participants"] >> nth=0', "aria-invalid") == "true"


def test_wrong_email_is_named_and_fixed_errors_clear(page, site, site_server):
    open_page(page, contact_url(site, site_server, LANGUAGES[0]))
    fill_form(page, SERVICE_IDS[0])
    page.fill("#quote-email", "ei-osoite")
    page.click("#kirkas-quote-form button[type=submit]")
    assert page.get_attribute("#quote-email", "aria-invalid") == "true"
    assert page.get_attribute("#quote-name", "aria-invalid") is None
    assert page.query_selector("#kirkas-quote-mailto") is None
    page.fill("#quote-email", "oikea@example.fi")
    page.click("#kirkas-quote-form button[type=submit]")
    assert page.get_attribute("#quote-email", "aria-invalid") is None
    assert page.wait_for_selector("#kirkas-quote-mailto")


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_a_plain_mailto_link_and_phone_remain(chromium, site, site_server, language):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(contact_url(site, site_server, language))  # no script runs, so none to wait for
    assert not page.is_visible("#kirkas-quote-form")
    mail_links = [link for link in page.query_selector_all(".kirkas-quote__fallback a[href^='mailto:']")
                  if link.is_visible()]
    assert mail_links
    address, fields = decode_mailto(mail_links[0].get_attribute("href"))
    assert address == QUOTE_ADDRESS[language] and fields["subject"]
    phone = DATA["supervisors"][quote_contact(language)]["phone"]
    assert any(link.is_visible() for link in page.query_selector_all(f".kirkas-quote__fallback a[href='tel:{phone}']"))
    context.close()


def mailto_requests(context, page) -> list[str]:
    """The mailto: addresses the page asks the browser to open (Chromium's DevTools protocol)."""
    requested: list[str] = []
    devtools = context.new_cdp_session(page)
    devtools.send("Page.enable")
    devtools.on("Page.frameRequestedNavigation",
                lambda event: requested.append(event["url"]) if event["url"].startswith("mailto:") else None)
    return requested


@pytest.mark.parametrize("width", [390, 1440])
def test_correcting_the_last_field_and_clicking_once_opens_the_message(chromium, site, site_server, width):
    """The visitor's real clicks: fill, fail, correct the last field, one click on the button."""
    context = new_context(chromium, viewport={"width": width, "height": 900})
    page = context.new_page()
    requested = mailto_requests(context, page)
    open_page(page, contact_url(site, site_server, LANGUAGES[0]))
    fill_form(page, SERVICE_IDS[0])
    page.fill("#quote-message", "")
    submit = "#kirkas-quote-form button[type=submit]"
    page.click(submit)
    assert page.inner_text("#quote-message-error").strip(), "the empty message was not named"
    assert not requested
    page.click("#quote-message")
    page.keyboard.type(FILLED["message"])
    page.click(submit)  # mouse down (the message field loses focus), mouse up, once
    page.wait_for_timeout(500)
    assert len(requested) == 1, "one click after correcting the last field did not open the message"
    address, fields = decode_mailto(requested[0])
    assert address == QUOTE_ADDRESS[LANGUAGES[0]]
    assert FILLED["message"].replace("\n", "\r\n") in fields["body"]
    assert page.inner_text("#kirkas-quote-summary").strip() == ""
    assert page.get_attribute("#quote-message", "aria-invalid") is None
    context.close()


def test_a_fixed_field_leaves_the_summary_and_every_invalid_control_is_marked_alike(page, site, site_server):
    open_page(page, contact_url(site, site_server, LANGUAGES[0]))
    page.click("#kirkas-quote-form button[type=submit]")
    summary_links = page.eval_on_selector_all("#kirkas-quote-summary a", "links => links.map(a => a.hash)")
    assert "#quote-name" in summary_links
    # Every invalid text input, select and textarea has the same error border.
    colours = page.eval_on_selector_all(
        "#kirkas-quote-form :is(input, select, textarea)[aria-invalid=true]:not([type=radio])",
        "controls => controls.map(c => [c.tagName + (c.type ? ':' + c.type : ''), getComputedStyle(c).borderTopColor])")
    assert {tag.split(":")[0] for tag, _colour in colours} >= {"INPUT", "SELECT", "TEXTAREA"}, colours
    assert len({colour for _tag, colour in colours}) == 1, colours
    page.fill("#quote-name", FILLED["name"])
    page.press("#quote-name", "Tab")  # leaving the field checks it again
    summary_links = page.eval_on_selector_all("#kirkas-quote-summary a", "links => links.map(a => a.hash)")
    assert "#quote-name" not in summary_links and summary_links, summary_links
    assert page.get_attribute("#quote-name", "aria-invalid") is None
