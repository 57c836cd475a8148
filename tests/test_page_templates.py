"""Page templates per page type (hooks/page_templates.py, overrides/layouts/): what a
prospective client sees.

Built strictly, on the tests' own practice (tests/fixtures/practice) where it is the
engine's behaviour, and on the real site for its own content; facts are read from the
data files, pages are found by what they show (their page-type class, their side card's
service), never by a file name.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import yaml
from PIL import Image

from kirkas.formatting import format_money, phone_href, to_decimal
from page_templates import CALL_TO_ACTION_BEFORE_SECTION
from tests.support.browser import open_page
from tests.support.report import entries_at, report_by_file
from tests.support.site import (
    FIXTURE_PRACTICE,
    LANGUAGE_PREFIX,
    LANGUAGES,
    PROJECT_ROOT,
    SITE_PROJECT,
    BuiltSite,
    build_project,
    copy_fixture_practice,
    load_site_config,
    serve_directory,
)
from tests.support.visits import new_context

#: The data file of the project the real-site tests build (this repository's, or KIRKAS_PROJECT's).
REAL_DATA = yaml.safe_load((SITE_PROJECT / "docs" / "_data" / "practice.yml").read_text(encoding="utf-8"))
FIXTURE_DATA = yaml.safe_load((FIXTURE_PRACTICE / "docs" / "_data" / "practice.yml").read_text(encoding="utf-8"))
#: The page types a practice's pages have (hooks/page_templates.py PAGE_TYPES).
PAGE_TYPES = ("home", "service", "supervisor", "services", "supervisors", "prices", "contact", "faq", "legal")
#: Widths the supervisors' grid is checked at (tablet, laptop).
GRID_WIDTHS = {"tablet": 820, "laptop": 1366}


def words(project: Path, language: str) -> dict:
    """A language's interface words (docs/_data/words/<language>.yml)."""
    return yaml.safe_load((project / "docs" / "_data" / "words" / f"{language}.yml").read_text(encoding="utf-8"))


def pages_of_type(site: BuiltSite, kind: str, language: str | None = None) -> list[Path]:
    """The built pages a page template of this type rendered."""
    paths = site.pages_of(language) if language else site.pages
    return [path for path in paths if site.parse(path).css_first(f".kirkas-page--{kind}") is not None]


def target(site: BuiltSite, path: Path, href: str) -> tuple[str, str, str]:
    """(site path, query, fragment) of a link on a page."""
    parts = urlsplit(urljoin("https://t.test/" + site.url_path(path), href))
    return parts.path.lstrip("/"), parts.query, parts.fragment


def quote_target(site: BuiltSite, path: Path) -> tuple[str, str]:
    """Where the header's quote link of a page leads: (site path, fragment)."""
    link = site.parse(path).css_first("header .kirkas-actions__quote")
    place, _query, fragment = target(site, path, link.attributes["href"])
    return place, fragment


def text_of(node) -> str:
    """A node's visible text as written: spaces normalised (no-break spaces as spaces), no soft hyphens."""
    return " ".join(node.text(deep=True, separator=" ").replace("\u00a0", " ").replace("\u00ad", "").split())


# --- every page type has its layout ------------------------------------------------------
def test_every_page_type_has_its_own_template(fixture_site: BuiltSite):
    for language in fixture_site.languages:
        found = {kind for kind in PAGE_TYPES if pages_of_type(fixture_site, kind, language)}
        assert found == set(PAGE_TYPES), f"{language}: no page laid out as {set(PAGE_TYPES) - found}"


def test_no_page_has_previous_or_next_links(site: BuiltSite, fixture_site: BuiltSite):
    """The site is not read page after page: no footer navigation, anywhere (404 pages too)."""
    for built in (site, fixture_site):
        for path in built.pages + [built.root / "404.html"]:
            tree = built.parse(path)
            assert not tree.css(".md-footer__link, .md-footer__inner, a[rel=prev], a[rel=next]"), \
                f"{built.url_path(path)}: previous/next links"


def test_designed_pages_have_no_contents_sidebar(fixture_site: BuiltSite):
    """No table of contents beside any page the templates lay out, the FAQ included."""
    for kind in PAGE_TYPES:
        for path in pages_of_type(fixture_site, kind):
            tree = fixture_site.parse(path)
            assert tree.css_first(".md-sidebar--secondary") is None, f"{fixture_site.url_path(path)}: contents sidebar"
            primary = tree.css_first(".md-sidebar--primary")
            assert primary is None or "hidden" in primary.attributes, "the menu is only the phone's drawer"


# --- home: hero, illustration, trust band, references ---------------------------------------
@pytest.mark.parametrize("which", ["fixture", "real"])
def test_the_hero_has_the_title_the_illustration_and_the_quote_button(which, site, fixture_site):
    built = fixture_site if which == "fixture" else site
    for language in built.languages:
        home = built.file_for(built.config.prefix(language))
        tree = built.parse(home)
        hero = tree.css_first(".kirkas-hero")
        assert hero is not None, language
        assert len(tree.css("h1")) == 1 and hero.css_first(".kirkas-hero__text h1") is not None, language
        art = hero.css_first(".kirkas-hero__art")
        assert art.attributes.get("aria-hidden") == "true" and art.css_first("svg") is not None
        assert not art.css("image, img, use"), "the illustration is drawn inline, no file"
        quote = quote_target(built, home)
        links = [target(built, home, a.attributes.get("href") or "") for a in hero.css("a[href]")]
        assert any((place, fragment) == quote for place, _query, fragment in links), (language, links, quote)


def test_the_illustration_follows_the_brand_colours(site: BuiltSite):
    """Its shapes are coloured by the stylesheet's brand properties, not by fixed fills."""
    svg = site.parse("").css_first(".kirkas-hero__art svg")
    shapes = svg.css("path, circle, rect, ellipse")
    assert shapes and all("fill" not in shape.attributes for shape in shapes)
    css = (site.root / "assets" / "stylesheets" / "kirkas.css").read_text(encoding="utf-8")
    brand_coloured = {cls for cls in re.findall(r"\.(kirkas-art__[\w-]+)\s*\{[^}]*var\(--kirkas-(?:brand|focus)", css)}
    used = {shape.attributes.get("class") for shape in shapes}
    assert len(used & brand_coloured) >= 4, used & brand_coloured


def test_the_trust_band_shows_what_the_data_file_says(site: BuiltSite):
    supervisors = REAL_DATA["supervisors"].values()
    members = sum(1 for person in supervisors if person.get("association_member") is True)
    since = min(person["supervising_since"] for person in supervisors)
    for language in LANGUAGES:
        band = site.parse(LANGUAGE_PREFIX[language]).css_first(".kirkas-trust")
        figure = {item.attributes["data-trust"]: item for item in band.css("[data-trust]")}
        if members:
            assert figure["members"].css_first(".kirkas-trust__figure").text(strip=True) == str(members)
            assert REAL_DATA["association"]["member_title"] in text_of(figure["members"])
        else:
            assert "members" not in figure, "no member of the association: no figure of members"
        years = datetime.date.today().year - since
        if years > 0:
            assert figure["years"].css_first(".kirkas-trust__figure").text(strip=True) == str(years)
            assert str(since) in text_of(figure["years"])
        else:
            assert "years" not in figure, "supervising since this year: no figure of 0 years"
        sectors = (REAL_DATA["practice"].get("sectors") or {}).get(language, [])
        assert ("sectors" in figure) == bool(sectors), language
        for sector in sectors:
            assert sector in text_of(figure["sectors"]), (language, sector)
        assert "languages" in figure


def test_references_are_shown_only_when_the_data_file_has_them(fixture_site: BuiltSite, fixture_project: Path):
    assert "references" not in FIXTURE_DATA
    for language in fixture_site.languages:
        assert fixture_site.parse(fixture_site.config.prefix(language)).css_first(".kirkas-references") is None
    data_file = fixture_project / "docs" / "_data" / "practice.yml"
    quotes = {language: f"Quote {language} {index}" for index, language in enumerate(fixture_site.languages)}
    sources = {language: f"Source {language}" for language in fixture_site.languages}
    data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    data["references"] = [{"quote": quotes, "source": sources}]
    data_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    built = build_project(fixture_project, fixture_project / "site")
    assert built.returncode == 0, built.output
    copy = BuiltSite(fixture_project / "site", built.output, load_site_config(fixture_project / "mkdocs.yml"))
    for language in copy.languages:
        references = copy.parse(copy.config.prefix(language)).css(".kirkas-reference")
        assert [text_of(node) for node in references] == [f"{quotes[language]} {sources[language]}"]


def test_references_and_other_additions_are_checked(fixture_project: Path):
    """A wrong leads list, sectors or references fail the build at their line of the data file."""
    data_file = fixture_project / "docs" / "_data" / "practice.yml"
    text = data_file.read_text(encoding="utf-8")
    service = next(iter(FIXTURE_DATA["services"]))
    text = text.replace(f"\n  {service}:\n", f"\n  {service}:\n    leads: [nobody]\n", 1)
    text = text.replace("\n  area_served:\n", "\n  sectors: just text\n  area_served:\n", 1)
    text += "\nreferences:\n  - quote: only text\n"
    data_file.write_text(text, encoding="utf-8")
    built = build_project(fixture_project, fixture_project / "site")
    assert built.returncode != 0
    entries = "\n".join(report_by_file(built.output).get("docs/_data/practice.yml", []))
    lines = text.splitlines()
    for needle, what in (("    leads: [nobody]", "nobody"), ("  sectors: just text", "sectors"),
                         ("  - quote: only text", "quote")):
        line = lines.index(needle) + 1
        assert re.search(rf"line {line}:[^\n]*{what}", entries), (needle, entries)


# --- service pages: side card, calls to action --------------------------------------------
def test_a_service_page_has_a_side_card_with_its_price_leaders_and_quote_link(fixture_site: BuiltSite):
    for language in fixture_site.languages:
        locale = words(FIXTURE_PRACTICE, language)["settings"]["locale"]
        for service_id, service in FIXTURE_DATA["services"].items():
            pages = [path for path in fixture_site.pages_of(language)
                     if fixture_site.parse(path).css_first(f'.kirkas-service-side[data-service="{service_id}"]')]
            assert len(pages) == 1, (language, service_id)
            page = pages[0]
            card = fixture_site.parse(page).css_first(".kirkas-service-side")
            for price_id, price in service["prices"].items():
                amount = card.css_first(f'[data-price="{price_id}"] .kirkas-side-card__amount')
                assert format_money(to_decimal(price["net"]), locale).replace("\u00a0", " ") in text_of(amount)
            leaders = [node.attributes["data-supervisor"] for node in card.css("[data-supervisor]")]
            assert leaders == service.get("leads", []), (service_id, leaders)
            for node in card.css("[data-supervisor] a"):
                person = FIXTURE_DATA["supervisors"][node.parent.attributes["data-supervisor"]]
                assert node.text(strip=True) == person["name"]
            quote = card.css_first("a.kirkas-side-card__quote")
            place, query, fragment = target(fixture_site, page, quote.attributes["href"])
            assert (place, fragment) == quote_target(fixture_site, page)
            assert parse_qs(query) == {"service": [service_id]}


def test_service_pages_have_a_call_to_action_mid_page_and_at_the_end(site: BuiltSite):
    for language in LANGUAGES:
        for service_id in REAL_DATA["services"]:
            pages = [path for path in site.pages_of(language)
                     if site.parse(path).css_first(f'.kirkas-service-side[data-service="{service_id}"]')]
            assert len(pages) == 1, (language, service_id)
            tree = site.parse(pages[0])
            article = tree.css_first(".kirkas-page__body")
            children = [node for node in article.iter() if node.tag != "-text"]
            tags = [("cta" if "kirkas-inline-call" in (node.attributes.get("class") or "") else node.tag)
                    for node in children]
            text = [tag for tag in tags if tag != "cta"]
            sections = [index for index, tag in enumerate(text) if tag == "h2"]
            # Before the third section, or the last when fewer: only with text before it.
            place = sections[min(CALL_TO_ACTION_BEFORE_SECTION, len(sections)) - 1] if sections else 0
            if place:
                assert tags.count("cta") == 1, (language, service_id, tags)
                assert tags.index("cta") == place and tags[place + 1] == "h2", (language, service_id, tags)
            else:
                assert "cta" not in tags, ("no section with text before it: only the closing call", tags)
            calls = tree.css(".kirkas-inline-call a") + [tree.css_first(".kirkas-call a.kirkas-button")]
            for call in calls:
                _place, query, _fragment = target(site, pages[0], call.attributes["href"])
                assert parse_qs(query) == {"service": [service_id]}


# --- supervisors: the grid without orphans, portraits that take a photo ------------------------
def practice_with_supervisors(project: Path, count: int) -> None:
    """The fixture practice with `count` supervisors (copies of its first one, each with a page)."""
    data_file = project / "docs" / "_data" / "practice.yml"
    data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    first_id, first = next(iter(data["supervisors"].items()))
    page = Path(first["page"])
    nav = (project / "mkdocs.yml").read_text(encoding="utf-8")
    docs = project / "docs"
    sources = [path for path in sorted((docs / page).parent.glob(f"{page.stem}*.md"))
               if path.name == page.name or path.name.split(".")[0] == page.stem]
    for number in range(2, count + 1):
        new_page = page.with_name(f"{page.stem}-{number}.md").as_posix()
        for source in sources:
            suffix = source.name[len(page.stem):]
            text = source.read_text(encoding="utf-8").replace(first["name"], f"{first['name']} {number}")
            (source.parent / f"{page.stem}-{number}{suffix}").write_text(
                text.replace(f"supervisor-contact: {first_id}", f"supervisor-contact: {first_id}{number}"),
                encoding="utf-8")
        data["supervisors"][f"{first_id}{number}"] = {
            **first, "name": f"{first['name']} {number}", "page": new_page,
            "email": f"{number}{first['email']}", "phone": first["phone"]}
        nav = nav.replace(f"      - {first['page']}\n", f"      - {first['page']}\n      - {new_page}\n", 1)
    data_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (project / "mkdocs.yml").write_text(nav, encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_the_supervisors_grid_leaves_no_card_alone(count, tmp_path, chromium):
    project = copy_fixture_practice(tmp_path / "project")
    practice_with_supervisors(project, count)
    built = build_project(project, tmp_path / "site")
    assert built.returncode == 0, built.output
    site = BuiltSite(tmp_path / "site", built.output, load_site_config(project / "mkdocs.yml"))
    overview = pages_of_type(site, "supervisors", site.languages[0])[0]
    with serve_directory(site.root) as base_url:
        for name, width in GRID_WIDTHS.items():
            context = new_context(chromium, viewport={"width": width, "height": 900})
            page = context.new_page()
            open_page(page, base_url + site.url_path(overview))
            rows = page.evaluate("""() => {
              const rows = {};
              for (const card of document.querySelectorAll(".kirkas-supervisor-cards > li")) {
                const top = Math.round(card.getBoundingClientRect().top);
                rows[top] = (rows[top] || 0) + 1;
              }
              return Object.keys(rows).sort((a, b) => a - b).map((top) => rows[top]);
            }""")
            context.close()
            assert sum(rows) == count, (name, rows)
            assert count == 1 or rows[-1] >= 2, f"{count} supervisors at {name} width: rows {rows}"
            assert len(set(rows[:-1])) <= 1, (name, rows)


def test_a_jpeg_photo_becomes_webp_in_cards_and_on_the_bio_page(fixture_project: Path):
    data_file = fixture_project / "docs" / "_data" / "practice.yml"
    data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    person_id, person = next(iter(data["supervisors"].items()))
    Image.new("RGB", (900, 1200), (120, 90, 70)).save(fixture_project / "docs" / "assets" / "images" / "photo.jpg",
                                                      quality=85)
    person["photo"] = "assets/images/photo.jpg"
    data_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    built = build_project(fixture_project, fixture_project / "site")
    assert built.returncode == 0, built.output
    site = BuiltSite(fixture_project / "site", built.output, load_site_config(fixture_project / "mkdocs.yml"))
    checked = 0
    for path in pages_of_type(site, "supervisors") + pages_of_type(site, "supervisor"):
        for image in site.parse(path).css(".kirkas-portrait img"):
            src = image.attributes["src"]
            assert src.endswith(".webp"), src
            assert " 2x" in (image.attributes.get("srcset") or ""), image.attributes
            assert image.attributes.get("width") and image.attributes.get("height")
            place, _query, _fragment = target(site, path, src)
            assert (site.root / place).is_file(), place
            checked += 1
    assert checked >= 2 * len(site.languages), checked


def test_a_bio_page_shows_portrait_title_languages_training_and_contact_once(site: BuiltSite):
    for language in LANGUAGES:
        for person_id, person in REAL_DATA["supervisors"].items():
            pages = [path for path in site.pages_of(language)
                     if site.parse(path).css_first(f'.kirkas-profile-side[data-supervisor="{person_id}"]')]
            assert len(pages) == 1, (language, person_id)
            tree = site.parse(pages[0])
            assert text_of(tree.css_first(".kirkas-profile h1")) == person["name"]
            assert tree.css_first(".kirkas-profile .kirkas-portrait img") is not None
            assert text_of(tree.css_first(".kirkas-profile__title")) == person["title"][language]
            side = tree.css_first(".kirkas-profile-side")
            hrefs = [a.attributes["href"] for a in side.css("a[href]")]
            assert phone_href(person["phone"]) in hrefs and f"mailto:{person['email']}" in hrefs
            training = person.get("training") or {}
            labels = [text_of(node) for node in side.css("dt")]
            if training.get("credits") and training.get("completed"):
                assert words(SITE_PROJECT, language)["profile"]["training"] in labels
                assert str(training["credits"]) in text_of(side) and str(training["completed"]) in text_of(side)
            else:
                assert words(SITE_PROJECT, language)["profile"]["training"] not in labels, "no empty row"
            assert all(text_of(node) for node in side.css("dd")), "no empty row"
            headings = [text_of(node) for node in tree.css("h1, h2, h3")]
            assert len(headings) == len(set(headings)), headings
            assert not [h for h in headings if person["name"] in h and h != person["name"]], headings


# --- FAQ: an accordion that the keyboard opens --------------------------------------------
def test_faq_questions_are_details_and_stay_in_the_structured_data(fixture_site: BuiltSite):
    for language in fixture_site.languages:
        faq = pages_of_type(fixture_site, "faq", language)[0]
        tree = fixture_site.parse(faq)
        items = tree.css("details.kirkas-faq__item")
        assert items, language
        questions = [text_of(item.css_first("summary h3")) for item in items]
        assert all(item.css_first("summary h3[id]") is not None for item in items)
        graph = json.loads(tree.css_first('script[type="application/ld+json"]').text())["@graph"]
        faq_node = next(node for node in graph if node["@type"] == "FAQPage")
        assert [entity["name"] for entity in faq_node["mainEntity"]] == questions
        for item, entity in zip(items, faq_node["mainEntity"]):
            answer = " ".join(item.css_first(".kirkas-faq__answer").text(deep=True).replace("\u00ad", "").split())
            assert answer == entity["acceptedAnswer"]["text"]


@pytest.mark.browser
def test_faq_questions_open_with_the_keyboard(fixture_site: BuiltSite, chromium):
    faq = pages_of_type(fixture_site, "faq", fixture_site.languages[0])[0]
    with serve_directory(fixture_site.root) as base_url:
        context = new_context(chromium, viewport={"width": 1366, "height": 900})
        page = context.new_page()
        open_page(page, base_url + fixture_site.url_path(faq))
        first = page.locator("details.kirkas-faq__item").first
        assert not first.evaluate("node => node.open")
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('summary.kirkas-faq__question')"):
                break
        else:
            pytest.fail("Tab never reached a question")
        page.keyboard.press("Enter")
        assert first.evaluate("node => node.open")
        assert first.locator(".kirkas-faq__answer").is_visible()
        page.keyboard.press("Enter")
        assert not first.evaluate("node => node.open")
        context.close()


# --- footer and menu ------------------------------------------------------------------------
def test_the_footer_shows_the_practice_on_every_page_and_404(site: BuiltSite):
    practice = REAL_DATA["practice"]
    for language in LANGUAGES:
        names = {service["name"][language] for service in REAL_DATA["services"].values()}
        legal = {site.url_path(path) for path in pages_of_type(site, "legal", language)}
        assert legal, language
        for path in site.pages_of(language) + [site.root / LANGUAGE_PREFIX[language] / "404.html"]:
            footer = site.parse(path).css_first("footer .kirkas-footer")
            assert footer is not None, site.url_path(path)
            hrefs = [a.attributes.get("href") or "" for a in footer.css("a[href]")]
            assert phone_href(practice["phone"]) in hrefs and f"mailto:{practice['email']}" in hrefs
            text = text_of(footer)
            assert practice["business_id"] in text and practice["legal_name"] in text
            assert names == {text_of(a) for a in footer.css(".kirkas-footer__services a")}
            if path.name == "index.html":
                linked = {target(site, path, a.attributes["href"])[0] for a in footer.css(".kirkas-footer__legal a")}
                assert linked == legal, (site.url_path(path), linked)
            languages = {a.attributes.get("hreflang") for a in footer.css(".kirkas-footer__languages a")}
            if len(LANGUAGES) > 1:
                assert languages == set(LANGUAGES)
            else:
                assert footer.css_first(".kirkas-footer__languages") is None, "one language: no list of languages"
                assert words(SITE_PROJECT, language)["footer"]["languages"] not in \
                    [text_of(node) for node in footer.css(".kirkas-footer__subtitle")]


def test_legal_pages_are_out_of_the_tabs_even_when_listed_in_the_menu(fixture_site, fixture_project):
    def tab_targets(built: BuiltSite, path: Path) -> set[str]:
        return {target(built, path, a.attributes["href"])[0] for a in built.parse(path).css(".md-tabs a[href]")}

    legal = {fixture_site.url_path(path) for path in pages_of_type(fixture_site, "legal")}
    assert legal
    for path in fixture_site.pages:
        assert not tab_targets(fixture_site, path) & legal, fixture_site.url_path(path)
    # The owner lists a legal page in mkdocs.yml's nav: it stays out of the menu all the same.
    legal_file = next(path for path in (fixture_project / "docs").glob("*.md")
                      if "role: legal" in path.read_text(encoding="utf-8"))
    config = fixture_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").rstrip("\n") + f"\n  - {legal_file.name}\n",
                      encoding="utf-8")
    built = build_project(fixture_project, fixture_project / "site")
    assert built.returncode == 0, built.output
    copy = BuiltSite(fixture_project / "site", built.output, load_site_config(fixture_project / "mkdocs.yml"))
    for path in copy.pages:
        assert not tab_targets(copy, path) & legal, copy.url_path(path)


# --- the card grid's column choice, for any number of cards ---------------------------------
def grid_classes(count: int) -> str:
    """The CSS classes the card grid macro gives a grid of this many cards."""
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(str(PROJECT_ROOT / "overrides")))
    return str(env.get_template("partials/kirkas/card-grid.html").module.grid_classes(count))


@pytest.mark.parametrize("count", range(1, 13))
def test_the_card_grid_leaves_no_card_alone_for_any_number(count):
    classes = grid_classes(count)
    for screen, widest in (("tablet", 3), ("laptop", 4)):
        columns = int(re.search(rf"kirkas-cards--{screen}-(\d)", classes).group(1))
        assert columns == min(count, widest) or 2 <= columns <= widest, (count, classes)
        orphan = count > columns and count % columns == 1
        assert not orphan or f"kirkas-cards--{screen}-stretch-last" in classes, (count, classes)


@pytest.mark.slow
def test_a_template_that_does_not_exist_is_named_at_its_line(tmp_path):
    """A page's own `template:` (for example one left from an older version) stops the build at its line."""
    project = copy_fixture_practice(tmp_path / "project")
    page = project / "docs" / "index.md"
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    page.write_text("---\ntemplate: no-such-layout.html\n" + text[len("---\n"):], encoding="utf-8")
    built = build_project(project, tmp_path / "site")
    assert built.returncode != 0
    (entry,) = entries_at(built.output, "docs/index.md", 2)
    assert "'no-such-layout.html'" in entry and "How to fix: Remove the line" in entry, entry
