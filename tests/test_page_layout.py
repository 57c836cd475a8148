"""Page layout by type (hooks/page_layout.py): no documentation sidebars where they do
not help and no contents sidebar anywhere (a long legal text lists its sections at its
top), the contact actions on every page, the urgent service's fastest route first.

The layout by page type is engine behaviour, tested on the tests' own practice (its
role pages, service and supervisor pages come from its files); that every page of the
real site offers the phone and the quote link is checked on both.
"""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from tests.support.site import BuiltSite, build_project

#: Pages whose own design replaces the documentation sidebars (besides services and supervisors).
DESIGNED_ROLES = ("services", "supervisors", "prices", "contact")


def designed_pages(site: BuiltSite, language: str) -> list[str]:
    """The home page, the designed role pages and every service's and supervisor's page."""
    pages = [site.url_of("index.md", language)]
    pages += [site.role_url(role, language) for role in DESIGNED_ROLES]
    pages += [site.url_of(item["page"], language)
              for group in ("services", "supervisors") for item in site.data[group].values()]
    return pages


def sidebar_hidden(tree, kind: str) -> bool:
    """True when the page's navigation or toc sidebar is absent or hidden."""
    sidebar = tree.css_first(f'.md-sidebar[data-md-type="{kind}"]')
    return sidebar is None or "hidden" in sidebar.attributes


def test_designed_pages_have_no_sidebars_and_no_toc(fixture_site):
    problems = []
    for language in fixture_site.languages:
        for url in designed_pages(fixture_site, language):
            tree = fixture_site.parse(url)
            for kind in ("navigation", "toc"):
                if not sidebar_hidden(tree, kind):
                    problems.append(f"{url}: {kind} sidebar shown")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("built", [pytest.param("site", marks=pytest.mark.real_site), "fixture_site"])
def test_no_page_has_a_contents_sidebar_and_long_legal_texts_list_their_sections(built, request):
    """No documentation furniture: the sections of a long legal text are listed at its top."""
    site: BuiltSite = request.getfixturevalue(built)
    long_legal = []
    for language in site.languages:
        for path in site.pages_of(language):
            tree = site.parse(path)
            url = site.url_path(path)
            assert sidebar_hidden(tree, "toc"), f"{url}: a contents sidebar"
            if tree.css_first(".kirkas-page--legal") and len(tree.css("article h2")) >= 4:
                long_legal.append(url)
                listed = [a.attributes.get("href") for a in tree.css(".kirkas-contents a")]
                sections = ["#" + h2.attributes.get("id", "") for h2 in tree.css(".kirkas-page__body > h2")]
                assert listed == sections, (url, listed, sections)
    if built == "fixture_site":
        assert long_legal, "the fixture's privacy notice is a long legal text (four ## sections)"


@pytest.mark.parametrize("built", [pytest.param("site", marks=pytest.mark.real_site), "fixture_site"])
def test_every_page_offers_phone_and_quote_request(built, request):
    site: BuiltSite = request.getfixturevalue(built)
    phone = "tel:" + site.data["practice"]["phone"]
    problems = []
    for language in site.languages:
        form = site.quote_link(language)
        for path in site.pages_of(language):
            url = site.url_path(path)
            actions = site.parse(path).css_first("header .kirkas-actions")
            hrefs = [a.attributes.get("href", "") for a in actions.css("a")] if actions else []
            quotes = [site.resolve(url, href) for href in hrefs]
            if phone not in hrefs or not any((target[0], target[2]) == form for target in quotes):
                problems.append(f"{url or '/'}: header actions {hrefs}")
    assert not problems, "\n".join(problems)


def test_urgent_service_page_puts_the_phone_first_and_preselects_its_service(fixture_site):
    services = fixture_site.data["services"]
    urgent = [service_id for service_id, service in services.items() if service.get("urgent")]
    assert urgent, "the fixture practice marks a service urgent: true"
    service_id = urgent[0]
    for language in fixture_site.languages:
        tree = fixture_site.parse(fixture_site.url_of(services[service_id]["page"], language))
        strip = tree.css_first(".kirkas-urgent")
        assert strip is not None, language
        assert strip.css_first('a[href^="tel:"]').attributes["href"] == "tel:" + fixture_site.data["practice"]["phone"]
        shown = strip.text().replace("\u00ad", "")  # hyphenation's soft hyphens
        assert fixture_site.words[language]["urgent"]["emergency"] in shown
        in_order = [node.tag for node in tree.css("main, .kirkas-urgent")]
        assert in_order == ["aside", "main"], f"{language}: the strip (a landmark of its own) must come before the content"
        quote = tree.css_first("header .kirkas-actions__quote").attributes["href"]
        assert f"?service={service_id}#" in quote, quote
        for other_id, other in services.items():
            if other_id not in urgent:
                assert fixture_site.parse(fixture_site.url_of(other["page"], language)).css_first(".kirkas-urgent") is None


def test_writers_hide_front_matter_wins(fixture_project, tmp_path):
    page = fixture_project / "docs" / "palvelut" / "tiimipaiva.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("---\n", "---\nhide: [path]\n", 1), encoding="utf-8")
    result = build_project(fixture_project, tmp_path / "site")
    assert result.returncode == 0, result.output
    built = tmp_path / "site" / "palvelut" / "tiimipaiva" / "index.html"
    tree = LexborHTMLParser(built.read_text(encoding="utf-8"))
    assert "hidden" in tree.css_first("nav.md-path").attributes
    assert not sidebar_hidden(tree, "navigation"), "the writer's own hide list replaces the default"
