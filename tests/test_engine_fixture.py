"""The engine builds a practice that is not the demo: the tests' own, in Finnish and English.

tests/fixtures/practice has its own mkdocs.yml (languages fi and en), page names,
data file, words files, colours and logo. Built strictly with the project's hooks/
and overrides/, every page must follow it: only its two languages anywhere, its
words, its contact page and quote anchor, its brand, its name.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from PIL import Image

from tests.support.site import FIXTURE_PRACTICE, PROJECT_ROOT, BuiltSite

DATA = yaml.safe_load((FIXTURE_PRACTICE / "docs" / "_data" / "practice.yml").read_text(encoding="utf-8"))
WORDS = {language: yaml.safe_load((FIXTURE_PRACTICE / "docs" / "_data" / "words" / f"{language}.yml")
                                  .read_text(encoding="utf-8")) for language in ("fi", "en")}


def text_of(node, *, strip: bool = True, separator: str = "") -> str:
    """A node's text as a reader sees it: without the soft hyphens of the build's hyphenation."""
    return node.text(strip=strip, separator=separator).replace("\u00ad", "")


def resolve(page_url: str, href: str) -> str:
    """The site-relative target of a link on a page (query and fragment dropped)."""
    return urlsplit(urljoin("https://t.test/" + page_url, href)).path.lstrip("/")


def test_the_fixture_uses_every_hook_of_the_project():
    """The fixture's mkdocs.yml lists the same hooks as the project's (so it tests the whole engine)."""
    ours = yaml.safe_load(re.sub(r"!ENV", "", (FIXTURE_PRACTICE / "mkdocs.yml").read_text(encoding="utf-8")))
    theirs = yaml.safe_load(re.sub(r"!ENV", "", (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
    assert ours["hooks"] == theirs["hooks"]


def test_only_the_configured_languages_are_built(fixture_site: BuiltSite):
    assert fixture_site.languages == ["fi", "en"]
    assert not (fixture_site.root / "sv").exists(), "a Swedish folder was written"
    for path in fixture_site.html_files:
        tree = fixture_site.parse(path)
        langs = {node.attributes.get("hreflang") for node in tree.css("link[hreflang]")}
        assert langs <= {"fi", "en", "x-default"}, (path, langs)
        switcher = {node.attributes.get("hreflang") for node in tree.css(".md-select a[hreflang]")}
        assert switcher <= {"fi", "en"}, (path, switcher)
    sitemap = (fixture_site.root / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="sv"' not in sitemap and 'hreflang="en"' in sitemap


def test_the_quote_form_offers_only_the_site_languages(fixture_site: BuiltSite):
    for language in fixture_site.languages:
        tree = fixture_site.parse(fixture_site.role_url("contact", language))
        options = [node.attributes.get("value") for node in tree.css("#quote-language option")]
        assert options == fixture_site.languages, options
        selected = tree.css_first("#quote-language option[selected]")
        assert selected is not None and selected.attributes.get("value") == language


def test_search_follows_the_site_languages(fixture_site: BuiltSite):
    root_index = json.loads((fixture_site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert root_index["config"]["lang"] == ["fi"]
    english = json.loads((fixture_site.root / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert english["config"]["lang"] == ["en"]
    assert not (fixture_site.root / "sv" / "search").exists()


def test_open_graph_locales_come_from_the_words_files(fixture_site: BuiltSite):
    for language in fixture_site.languages:
        tree = fixture_site.parse(fixture_site.role_url("prices", language))
        locale = tree.css_first('meta[property="og:locale"]').attributes["content"]
        alternates = [node.attributes["content"] for node in tree.css('meta[property="og:locale:alternate"]')]
        other = next(lang for lang in fixture_site.languages if lang != language)
        assert locale == WORDS[language]["settings"]["og_locale"]
        assert alternates == [WORDS[other]["settings"]["og_locale"]]


def test_header_words_and_quote_links_follow_the_fixture(fixture_site: BuiltSite):
    for language in fixture_site.languages:
        contact = fixture_site.role_url("contact", language)
        for path in fixture_site.pages_of(language):
            url = fixture_site.url_path(path)
            quote = fixture_site.parse(path).css_first("header .kirkas-actions__quote")
            assert quote is not None and text_of(quote) == WORDS[language]["header"]["quote"], url
            href = quote.attributes["href"]
            assert resolve(url, href) == contact and href.endswith("#tarjous"), (url, href)
        anchor = fixture_site.parse(contact).css_first('[id="tarjous"]')
        assert anchor is not None and anchor.tag == "h2"


def test_service_pages_preselect_their_service_and_the_urgent_one_puts_the_phone_first(fixture_site: BuiltSite):
    phone = "tel:" + DATA["practice"]["phone"]
    for language in fixture_site.languages:
        for service_id, service in DATA["services"].items():
            tree = fixture_site.parse(fixture_site.url_of(service["page"], language))
            quote = tree.css_first("header .kirkas-actions__quote").attributes["href"]
            assert f"?service={service_id}#" in quote, quote
            urgent = tree.css_first(".kirkas-urgent")
            if service.get("urgent"):
                assert urgent is not None and urgent.css_first("a").attributes["href"] == phone
                days = str(service["first_meeting_within_working_days"])
                expected = WORDS[language]["urgent"]["first_meeting"].replace("{days}", days)
                assert expected in text_of(urgent, strip=False), text_of(urgent, strip=False)
            else:
                assert urgent is None, service_id


def test_footer_links_the_legal_pages_and_shows_the_legal_name(fixture_site: BuiltSite):
    for language in fixture_site.languages:
        legal = fixture_site.role_url("legal", language)
        heading = text_of(fixture_site.parse(legal).css_first("article h1"))
        for path in fixture_site.pages_of(language):
            footer = fixture_site.parse(path).css_first("footer .kirkas-footer")
            links = [(resolve(fixture_site.url_path(path), a.attributes["href"]), text_of(a))
                     for a in footer.css(".kirkas-footer__legal a")]
            assert links == [(legal, heading)], links
            assert DATA["practice"]["legal_name"] in text_of(footer, strip=False)


def test_the_name_comes_from_site_name(fixture_site: BuiltSite):
    names = {language: fixture_site.config.site_name(language) for language in fixture_site.languages}
    assert len(set(names.values())) == 2
    for language, name in names.items():
        tree = fixture_site.parse(fixture_site.url_of("index.md", language))
        assert text_of(tree.css_first(".kirkas-brand__name")).startswith(name)
        assert tree.css_first('meta[property="og:site_name"]').attributes["content"] == name
        assert text_of(tree.css_first("footer .kirkas-footer__name")) == name
        graph = json.loads(tree.css_first('script[type="application/ld+json"]').text())["@graph"]
        assert next(node for node in graph if node["@type"] == "LocalBusiness")["name"] == name
        contact = fixture_site.parse(fixture_site.role_url("contact", language))
        assert text_of(contact.css_first(".kirkas-contact-card .kirkas-contact__title")) == name


def test_structured_data_follows_the_roles(fixture_site: BuiltSite):
    def types(url: str) -> list[str]:
        graph = json.loads(fixture_site.parse(url).css_first('script[type="application/ld+json"]').text())
        return [node["@type"] for node in graph["@graph"]]

    for language in fixture_site.languages:
        assert types(fixture_site.role_url("prices", language)).count("Service") == len(DATA["services"])
        assert types(fixture_site.role_url("services", language)).count("Service") == len(DATA["services"])
        assert types(fixture_site.role_url("supervisors", language)).count("Person") == len(DATA["supervisors"])
        assert "FAQPage" in types(fixture_site.role_url("faq", language))
        assert "FAQPage" not in types(fixture_site.role_url("legal", language))


def test_phone_numbers_are_grouped_by_the_language_style(fixture_site: BuiltSite):
    """Groups by the language's style, joined by no-break spaces (a number never splits across lines)."""
    def numbers(language: str) -> set[str]:
        tree = fixture_site.parse(fixture_site.url_of("index.md", language))
        return {text_of(node) for node in tree.css('footer a[href^="tel:"]')}

    shown = numbers("fi")
    assert shown and all(re.fullmatch(r"0\d{1,3}(\u00a0\d{2,4})+", text) for text in shown), shown
    shown_en = numbers("en")
    assert shown_en and all(re.fullmatch(r"\+358(\u00a0\d{1,4})+", text) for text in shown_en), shown_en


def test_the_404_pages_link_to_the_role_pages(fixture_site: BuiltSite):
    for language in fixture_site.languages:
        tree = fixture_site.parse(fixture_site.not_found_page(language))
        hrefs = [a.attributes["href"] for a in tree.css(".kirkas-not-found-links a")]
        home = fixture_site.url_of("index.md", language)
        assert hrefs == [f"/{home}", f"/{fixture_site.role_url('services', language)}",
                         f"/{fixture_site.role_url('contact', language)}"]
        assert text_of(tree.css_first("h1")) == WORDS[language]["not_found"]["title"]
        quote = tree.css_first("header .kirkas-actions__quote").attributes["href"]
        assert quote == f"/{fixture_site.role_url('contact', language)}#tarjous"
        search = tree.css_first("form[name=search]")
        assert search is not None


def test_the_search_page_is_reached_from_the_header_without_a_nav_entry(fixture_site: BuiltSite):
    for language in fixture_site.languages:
        search = fixture_site.role_url("search", language)
        for path in fixture_site.pages_of(language):
            url = fixture_site.url_path(path)
            tree = fixture_site.parse(path)
            link = tree.css_first("header a.kirkas-header__search")
            if url == search:
                # The search form is in the page, not in the header (no header search bar).
                assert tree.css_first("header form[name=search]") is None, url
                assert tree.css_first(".md-content form[name=search]") is not None, url
            else:
                assert link is not None and resolve(url, link.attributes["href"]) == search, url


def test_brand_colours_reach_the_stylesheet(fixture_site: BuiltSite):
    css = (fixture_site.root / "assets" / "stylesheets" / "kirkas.css").read_text(encoding="utf-8")
    for scheme, colors in DATA["brand"]["colors"].items():
        rule = re.search(rf'\[data-md-color-scheme="kirkas-{scheme}"\]\{{([^}}]*--kirkas-brand:[^}}]*)\}}', css)
        assert rule, f"no brand rule for {scheme}"
        declarations = dict(part.split(":", 1) for part in rule.group(1).split(";"))
        assert declarations["--kirkas-brand"] == colors["primary"]
        assert declarations["--kirkas-on-brand"] == colors["on_primary"]
        assert declarations["--kirkas-focus"] == colors["accent"]
        assert declarations["--kirkas-bg"] == colors["background"]
        assert declarations["--kirkas-ink"] == colors["text"]
        assert re.fullmatch(r"#[0-9a-f]{6}", declarations["--kirkas-brand-strong"])


def test_brand_colours_reach_the_share_images(fixture_site: BuiltSite):
    light = DATA["brand"]["colors"]["light"]

    def rgb(code: str) -> tuple[int, int, int]:
        return tuple(int(code[i:i + 2], 16) for i in (1, 3, 5))

    for language in fixture_site.languages:
        with Image.open(fixture_site.root / "assets" / "social" / f"kirkas-{language}.png") as image:
            image = image.convert("RGB")
            assert image.getpixel((image.width - 5, image.height // 2)) == rgb(light["background"])
            assert image.getpixel((5, image.height // 2)) == rgb(light["primary"])


def test_logo_is_inlined_and_favicon_linked(fixture_site: BuiltSite):
    logo = (FIXTURE_PRACTICE / "docs" / DATA["brand"]["logo"]).read_text(encoding="utf-8")
    fill = re.search(r'fill="(#[0-9a-f]{6})"', logo).group(1)
    tree = fixture_site.parse(fixture_site.url_of("index.md", "fi"))
    inlined = tree.css(".kirkas-brand__logo svg, .md-nav__title .md-logo svg")
    assert len(inlined) == 2 and all(fill in node.html for node in inlined)
    icon = tree.css_first('link[rel="icon"]').attributes["href"]
    assert icon.endswith(DATA["brand"]["favicon"]) and (fixture_site.root / DATA["brand"]["favicon"]).is_file()


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_fixture_words_are_used(fixture_site: BuiltSite, language: str):
    words = WORDS[language]
    tree = fixture_site.parse(fixture_site.role_url("prices", language))
    header = [text_of(node) for node in tree.css(".kirkas-price-table thead th")]
    rate = header[2]
    assert header[0] == words["prices"]["service"] and header[1] == words["prices"]["net"]
    assert rate.startswith(words["prices"]["vat"].split("{")[0].strip())
    contact = fixture_site.parse(fixture_site.role_url("contact", language))
    assert text_of(contact.css_first(".kirkas-quote__submit")) == words["quote_form"]["submit"]
    form = contact.css_first("#kirkas-quote-form")
    assert form.attributes["data-error-choose"] == words["quote_form"]["error_choose"]


def test_a_year_is_shown_as_a_year(fixture_site: BuiltSite):
    """A year from the data file (supervising_since) has no thousands separator in any language."""
    person = next(iter(DATA["supervisors"].values()))
    year = str(person["supervising_since"])
    for language in fixture_site.languages:
        text = text_of(fixture_site.parse(fixture_site.url_of(person["page"], language)).css_first("article"),
                       strip=False, separator=" ")
        assert year in text, f"{language}: {year} is not shown as a plain year (no thousands separator)"


def test_a_date_is_written_in_the_pages_language(fixture_site: BuiltSite):
    """A date of the data file (legal.privacy_updated) as Babel writes it in the language's locale."""
    from babel.dates import format_date

    for language in fixture_site.languages:
        locale = WORDS[language]["settings"]["locale"]
        shown = " ".join(format_date(DATA["legal"]["privacy_updated"], "long", locale=locale).split())
        page = fixture_site.parse(fixture_site.role_url("legal", language)).css_first("article")
        assert shown in " ".join(text_of(page, strip=False, separator=" ").split()), f"{language}: {shown} not on the page"
