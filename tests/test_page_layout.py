"""Page layout by type (hooks/page_layout.py): no documentation sidebars where they do
not help, the contact actions on every page, the crisis page's fastest route first."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import yaml
from selectolax.lexbor import LexborHTMLParser

from tests.support.site import LANGUAGES, PROJECT_ROOT, build_project, url_of

DATA = yaml.safe_load((PROJECT_ROOT / "docs" / "_data" / "practice.yml").read_text(encoding="utf-8"))
#: The designed pages by their default-language files; url_of gives each language's address.
DESIGNED_PAGES = ["index.md", "palvelut/index.md", "tyonohjaajat/index.md", "hinnat.md", "yhteystiedot.md"] + [
    service["page"] for service in DATA["services"].values()
] + [person["page"] for person in DATA["supervisors"].values()]


def sidebar_hidden(tree, kind: str) -> bool:
    """True when the page's navigation or toc sidebar is absent or hidden."""
    sidebar = tree.css_first(f'.md-sidebar[data-md-type="{kind}"]')
    return sidebar is None or "hidden" in sidebar.attributes


def test_designed_pages_have_no_sidebars_and_no_toc(site):
    problems = []
    for language in LANGUAGES:
        for page in DESIGNED_PAGES:
            url = url_of(page, language)
            tree = site.parse(url)
            for kind in ("navigation", "toc"):
                if not sidebar_hidden(tree, kind):
                    problems.append(f"{url}: {kind} sidebar shown")
    assert not problems, "\n".join(problems)


def test_no_page_has_a_contents_sidebar_and_long_legal_texts_list_their_sections(site):
    """No documentation furniture: the sections of a long legal text are listed at its top."""
    long_legal = []
    for path in site.pages_of("fi"):
        tree = site.parse(path)
        url = site.url_path(path)
        assert sidebar_hidden(tree, "toc"), f"{url}: a contents sidebar"
        if tree.css_first(".kirkas-page--legal") and len(tree.css("article h2")) >= 4:
            long_legal.append(url)
            listed = [a.attributes.get("href") for a in tree.css(".kirkas-contents a")]
            sections = ["#" + h2.attributes.get("id", "") for h2 in tree.css(".kirkas-page__body > h2")]
            assert listed == sections, (url, listed, sections)
    assert long_legal, "expected at least one long legal text (privacy notice)"

def test_every_page_offers_phone_and_quote_request(site):
    phone = "tel:" + DATA["practice"]["phone"]
    problems = []
    for language in LANGUAGES:
        contact = "/" + url_of("yhteystiedot.md", language)
        for path in site.pages_of(language):
            tree = site.parse(path)
            actions = tree.css_first("header .kirkas-actions")
            hrefs = [a.attributes.get("href", "") for a in actions.css("a")] if actions else []
            page_url = urljoin("https://site.test/", site.url_path(path))
            quote_targets = [urljoin(page_url, h) for h in hrefs if h.endswith("#tarjouspyynto")]
            if phone not in hrefs or not any(urlsplit(t).path == contact for t in quote_targets):
                problems.append(f"{site.url_path(path) or '/'}: header actions {hrefs}")
    assert not problems, "\n".join(problems)


URGENT = [service_id for service_id, service in DATA["services"].items() if service.get("urgent")]


def test_urgent_service_page_puts_the_phone_first_and_preselects_its_service(site):
    assert URGENT, "the demo marks a service urgent: true"
    service_id = URGENT[0]
    page = DATA["services"][service_id]["page"]
    for language in LANGUAGES:
        tree = site.parse(url_of(page, language))
        urgent = tree.css_first(".kirkas-urgent")
        assert urgent is not None, language
        assert urgent.css_first('a[href^="tel:"]').attributes["href"] == "tel:" + DATA["practice"]["phone"]
        assert "112" in urgent.text()
        in_order = [node.tag for node in tree.css("main, .kirkas-urgent")]
        assert in_order == ["aside", "main"], f"{language}: the strip (a landmark of its own) must come before the content"
        quote = tree.css_first("header .kirkas-actions__quote").attributes["href"]
        assert f"?service={service_id}#" in quote, quote
    others = [service for sid, service in DATA["services"].items() if sid not in URGENT]
    for other in others:
        assert site.parse(other["page"][: -len(".md")] + "/").css_first(".kirkas-urgent") is None


def test_writers_hide_front_matter_wins(project, tmp_path):
    page = project / "docs" / "palvelut" / "ryhmatyonohjaus.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("---\n", "---\nhide: [path]\n", 1), encoding="utf-8")
    result = build_project(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    built = tmp_path / "site" / "palvelut" / "ryhmatyonohjaus" / "index.html"
    tree = LexborHTMLParser(built.read_text(encoding="utf-8"))
    assert "hidden" in tree.css_first("nav.md-path").attributes
    assert not sidebar_hidden(tree, "navigation"), "the writer's own hide list replaces the default"
