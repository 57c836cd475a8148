"""Content quality of every page in every language, and the facts of the core pages.

Every page (one per Markdown file in docs/) is checked in the built site: one H1
inside the article, its own meta description of 50–160 characters, a visible next
step (a link to the quote form or the contact page of the same language), no
placeholder text and the right ``lang``. The home, "what supervision is", "who it is
for", benefits and services pages are then checked against docs/_data/practice.yml
and the facts of the content brief.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from babel.numbers import format_decimal
from selectolax.lexbor import LexborHTMLParser, LexborNode

from tests.support.site import LANGUAGES, PROJECT_ROOT, TEST_SITE_URL, BuiltSite, url_of

DOCS = PROJECT_ROOT / "docs"
#: Folders of docs/ that are not published (data file, owner's guides).
UNPUBLISHED = ("_data", "_ohjeet")
#: Babel locale per page language (en_IE: €1,400 and 25.5%).
LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_IE"}

DESCRIPTION_MIN, DESCRIPTION_MAX = 50, 160
CONTACT_PAGE = "yhteystiedot.md"
QUOTE_ANCHOR = "tarjouspyynto"
#: Words that mark unfinished text, matched as whole words in the visible text.
PLACEHOLDER_WORDS = (
    "lorem", "ipsum", "TODO", "TBD", "placeholder", "työn alla", "under arbete",
    "being written", "XXX",
)
PLACEHOLDER_PATTERN = re.compile(
    r"\b(?:" + "|".join(re.escape(word) for word in PLACEHOLDER_WORDS) + r")\b", re.IGNORECASE
)
#: Elements whose text is never shown.
INVISIBLE = "script, style, noscript, template"


# --------------------------------------------------------------------------- pages


def source_pages() -> list[tuple[str, str, Path]]:
    """(language, site-relative URL, source file) of every published Markdown page."""
    pages = []
    for source in sorted(DOCS.rglob("*.md")):
        relative = PurePosixPath(source.relative_to(DOCS).as_posix())
        if relative.parts[0] in UNPUBLISHED:
            continue
        stem, _, suffix = relative.stem.rpartition(".")
        language = suffix if stem and suffix in LANGUAGES else LANGUAGES[0]
        pages.append((language, url_of(relative.as_posix()), source))
    return pages


PAGES = source_pages()
PAGE_IDS = [f"{language}:{url or '/'}" for language, url, _ in PAGES]


@cache
def practice() -> dict:
    """docs/_data/practice.yml, the single source of the practice's facts."""
    return yaml.safe_load((DOCS / "_data" / "practice.yml").read_text(encoding="utf-8"))


def front_matter(source: Path) -> dict:
    """The YAML front matter of a Markdown file ({} if it has none)."""
    text = source.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    return yaml.safe_load(text.split("---", 2)[1]) or {}


def page_url(page_path: str, language: str) -> str:
    """Site-relative URL of a page given as docs path ('palvelut/index.md') in a language."""
    return url_of(page_path, language)


def normalized(text: str) -> str:
    """Text with every kind of space (nbsp, narrow nbsp) collapsed to one plain space."""
    return " ".join(text.split())


def article(site: BuiltSite, url: str) -> LexborNode:
    """The page's main content (Material's article)."""
    node = site.parse(url).css_first("article")
    assert node is not None, f"/{url}: no <article> with the page content"
    return node


def visible_text(site: BuiltSite, url: str) -> str:
    """Text a reader can see in the page body (a fresh parse: the shared one stays intact)."""
    tree = LexborHTMLParser(site.file_for(url).read_text(encoding="utf-8"))
    for node in tree.css(INVISIBLE):
        node.decompose()
    return normalized(tree.body.text(separator=" "))


def link_target(link: LexborNode, url: str) -> tuple[str, str, str] | None:
    """(site-relative path, query, fragment) a link on page url points to; None if external."""
    resolved = urlsplit(urljoin(TEST_SITE_URL + url, link.attributes.get("href") or ""))
    if f"{resolved.scheme}://{resolved.netloc}/" != TEST_SITE_URL:
        return None
    return resolved.path.lstrip("/"), resolved.query, resolved.fragment


def link_targets(node: LexborNode, url: str) -> list[tuple[str, str, str]]:
    """Targets of every internal link inside node (see link_target)."""
    targets = (link_target(link, url) for link in node.css("a[href]"))
    return [target for target in targets if target is not None]


def linked_paths(node: LexborNode, url: str) -> set[str]:
    """Site-relative paths that links inside node point to."""
    return {path for path, _, _ in link_targets(node, url)}


def section_after(heading: LexborNode) -> list[LexborNode]:
    """The elements after a heading, up to the next heading of the same or a higher level."""
    level = int(heading.tag[1])
    nodes, node = [], heading.next
    while node is not None:
        if node.tag in {f"h{n}" for n in range(1, level + 1)}:
            break
        if not node.tag.startswith("-"):
            nodes.append(node)
        node = node.next
    return nodes


# ------------------------------------------------------------ every page, every language


def test_every_built_page_has_a_source_page(site):
    """The per-page checks below cover the whole built site, nothing more, nothing less."""
    built = {site.url_path(path) for path in site.pages}
    expected = {url for _, url, _ in PAGES}
    assert built == expected, (
        f"built but not checked: {sorted(built - expected)}; "
        f"expected but not built: {sorted(expected - built)}"
    )


@pytest.mark.parametrize(("language", "url", "source"), PAGES, ids=PAGE_IDS)
def test_page_has_exactly_one_h1_in_its_article(site, language, url, source):
    everywhere = site.parse(url).css("h1")
    in_article = article(site, url).css("h1")
    assert len(in_article) == 1 and len(everywhere) == 1, (
        f"/{url} ({source.relative_to(PROJECT_ROOT)}): expected exactly one H1, inside the "
        f"article; found {len(everywhere)} in the page, {len(in_article)} in the article: "
        f"{[h1.text(strip=True) for h1 in everywhere]}"
    )


@pytest.mark.parametrize(("language", "url", "source"), PAGES, ids=PAGE_IDS)
def test_page_has_its_own_meta_description_of_the_right_length(site, language, url, source):
    written = front_matter(source).get("description")
    assert written, f"{source.relative_to(PROJECT_ROOT)}: front matter has no description"
    length = len(written)
    assert DESCRIPTION_MIN <= length <= DESCRIPTION_MAX, (
        f"{source.relative_to(PROJECT_ROOT)}: description is {length} characters, "
        f"should be {DESCRIPTION_MIN}–{DESCRIPTION_MAX}: {written!r}"
    )
    metas = site.parse(url).css('meta[name="description"]')
    assert [meta.attributes.get("content") for meta in metas] == [written], (
        f"/{url}: the page's <meta name=description> is not its own front-matter description"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_descriptions_are_unique_within_a_language(language):
    seen: dict[str, list[str]] = {}
    for page_language, url, source in PAGES:
        if page_language == language:
            description = front_matter(source).get("description", "")
            seen.setdefault(description, []).append(str(source.relative_to(PROJECT_ROOT)))
    duplicates = {text: files for text, files in seen.items() if len(files) > 1}
    assert not duplicates, f"pages share a description (search results look alike): {duplicates}"


@pytest.mark.parametrize(("language", "url", "source"), PAGES, ids=PAGE_IDS)
def test_page_offers_a_next_step_to_the_contact_page_of_its_language(site, language, url, source):
    contact = url_of(CONTACT_PAGE, language)
    content = article(site, url)
    if url == contact:
        assert content.css_first(f'[id="{QUOTE_ANCHOR}"]') is not None, (
            f"/{url}: the contact page has no #{QUOTE_ANCHOR} (the quote form heading)"
        )
        return
    steps = [
        (path, fragment)
        for path, _, fragment in link_targets(content, url)
        if path == contact and fragment in ("", QUOTE_ANCHOR)
    ]
    assert steps, (
        f"/{url} ({source.relative_to(PROJECT_ROOT)}): the content has no link to the quote "
        f"form (/{contact}#{QUOTE_ANCHOR}) or the contact page; add e.g. "
        f"[...](yhteystiedot.md#{QUOTE_ANCHOR}){{ .md-button .md-button--primary }}"
    )


@pytest.mark.parametrize(("language", "url", "source"), PAGES, ids=PAGE_IDS)
def test_page_has_no_placeholder_text(site, language, url, source):
    text = visible_text(site, url)
    found = sorted({match.group(0) for match in PLACEHOLDER_PATTERN.finditer(text)})
    assert not found, f"/{url} ({source.relative_to(PROJECT_ROOT)}): placeholder text {found}"


@pytest.mark.parametrize(("language", "url", "source"), PAGES, ids=PAGE_IDS)
def test_page_language_matches_its_url(site, language, url, source):
    assert site.parse(url).css_first("html").attributes.get("lang") == language


# ------------------------------------------------------------------ home page


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_hero_has_the_h1_a_quote_button_and_a_link_to_what_supervision_is(site, language):
    url = page_url("index.md", language)
    hero = article(site, url).css_first(".kirkas-hero")
    assert hero is not None, f"/{url}: no .kirkas-hero"
    assert len(hero.css("h1")) == 1, f"/{url}: the value proposition (H1) is not in the hero"
    primary = hero.css_first("a.md-button--primary")
    assert primary is not None, f"/{url}: the hero has no primary button"
    assert link_target(primary, url) == (
        url_of(CONTACT_PAGE, language), "", QUOTE_ANCHOR
    ), f"/{url}: the hero's primary button does not open the quote form"
    assert page_url("tyonohjaus.md", language) in linked_paths(hero, url)


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_shows_every_service_every_supervisor_and_the_benefits(site, language):
    url = page_url("index.md", language)
    content = article(site, url)
    assert len(content.css("section.kirkas-section")) >= 3, f"/{url}: home sections missing"
    linked = linked_paths(content, url)
    data = practice()
    for group in ("services", "supervisors"):
        for key, entry in data[group].items():
            assert page_url(entry["page"], language) in linked, (
                f"/{url}: no link to {group}.{key} ({entry['page']}); are the cards rendered?"
            )
    assert page_url("hyodyt.md", language) in linked


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_closes_with_the_quote_button_and_the_practice_phone(site, language):
    url = page_url("index.md", language)
    cta = article(site, url).css_first(".kirkas-cta")
    assert cta is not None, f"/{url}: no closing .kirkas-cta"
    phone = practice()["practice"]["phone"]
    assert f"tel:{phone}" in [link.attributes.get("href") for link in cta.css("a[href]")], (
        f"/{url}: the closing call to action has no tel: link to {phone}"
    )
    assert (url_of(CONTACT_PAGE, language), "", QUOTE_ANCHOR) in link_targets(cta, url)


# ------------------------------------------------------------ what supervision is

#: The brief's rhythm in each language: meetings every 2–4 weeks, 45 min to 1.5 h,
#: usually 3–5 meetings.
WEEKS = {"fi": "viik", "sv": "veck", "en": "week"}
RANGE = r"{low}\s*[–-]\s*{high}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_supervision_is_states_the_rhythm(site, language):
    url = page_url("tyonohjaus.md", language)
    text = normalized(article(site, url).text(separator=" "))
    every_two_to_four_weeks = RANGE.format(low=2, high=4) + r"\s*\S*\s*" + WEEKS[language]
    assert re.search(every_two_to_four_weeks, text, re.IGNORECASE), f"/{url}: no '2–4 weeks'"
    assert re.search(r"\b45\b", text), f"/{url}: meeting length (45 min–1.5 h) missing"
    assert re.search(RANGE.format(low=3, high=5), text), f"/{url}: '3–5 meetings' missing"


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_supervision_is_links_to_story_and_the_next_pages(site, language):
    url = page_url("tyonohjaus.md", language)
    content = article(site, url)
    association = practice()["association"]
    hrefs = [link.attributes.get("href") for link in content.css("a[href]")]
    assert association["url"] in hrefs, f"/{url}: no link to {association['url']}"
    assert association["short"] in content.text(), f"/{url}: {association['short']} not named"
    linked = linked_paths(content, url)
    for target in ("kenelle.md", "palvelut/index.md", "ukk.md"):
        assert page_url(target, language) in linked, f"/{url}: no link to {target}"


# ------------------------------------------------------------------ who it is for

#: The brief's example professions, as word stems per language: social work,
#: therapy and psychology, teaching and early childhood education, managers,
#: doctors and nursing staff.
PROFESSIONS = {
    "fi": ("sosiaali", "terapeut", "psykolog", "opettaj", "varhaiskasvatu", "esihenkil",
           "lääkär", "hoito"),
    "sv": ("social", "terapeut", "psykolog", "lärare", "småbarnspedagog", "chef", "läkare",
           "vård"),
    "en": ("social", "therapist", "psycholog", "teacher", "early childhood", "manager",
           "doctor", "nurs"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_who_it_is_for_names_the_example_professions_and_ways_to_apply(site, language):
    url = page_url("kenelle.md", language)
    content = article(site, url)
    text = normalized(content.text(separator=" ")).casefold()
    missing = [stem for stem in PROFESSIONS[language] if stem not in text]
    assert not missing, f"/{url}: example professions missing: {missing}"
    linked = linked_paths(content, url)
    for service in ("individual", "group", "community"):
        assert page_url(practice()["services"][service]["page"], language) in linked


# ------------------------------------------------------------------ benefits

#: The brief's two lists: what clients gain (8 points) and, kept apart, what
#: organisations using supervision have observed (9 points).
CLIENT_GAINS_ID, CLIENT_GAINS = "asiakkaan-hyodyt", 8
OBSERVATIONS_ID, OBSERVATIONS = "organisaatioiden-havainnot", 9
#: The observations are introduced as observations and not as proof of cause.
OBSERVED = {"fi": "havain", "sv": "iaktt", "en": "observ"}
CAUSE = {"fi": "syy", "sv": "orsak", "en": "cause"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_benefits_keep_client_gains_and_observations_apart(site, language):
    url = page_url("hyodyt.md", language)
    content = article(site, url)
    counts = {}
    for anchor in (CLIENT_GAINS_ID, OBSERVATIONS_ID):
        heading = content.css_first(f'h2[id="{anchor}"]')
        assert heading is not None, f"/{url}: no section #{anchor}"
        section = section_after(heading)
        counts[anchor] = sum(len(node.css("li")) for node in section if node.tag == "ul")
        if anchor == OBSERVATIONS_ID:
            intro = normalized(" ".join(node.text() for node in section if node.tag == "p"))
            for stems in (OBSERVED, CAUSE):
                assert stems[language] in intro.casefold(), (
                    f"/{url}: the observations are not introduced as observations without "
                    f"causal proof (expected '{stems[language]}…' before the list)"
                )
    expected = {CLIENT_GAINS_ID: CLIENT_GAINS, OBSERVATIONS_ID: OBSERVATIONS}
    assert counts == expected, f"/{url}: list items per section {counts}, the brief has {expected}"


# ------------------------------------------------------------------ services overview


@pytest.mark.parametrize("language", LANGUAGES)
def test_services_overview_compares_formats_and_prices_from_the_data_file(site, language):
    url = page_url("palvelut/index.md", language)
    content = article(site, url)
    data = practice()
    linked = linked_paths(content, url)
    for key, service in data["services"].items():
        assert page_url(service["page"], language) in linked, f"/{url}: no link to {key}"
    rows = [normalized(row.text(separator=" ")) for row in content.css("table tbody tr")]
    locale = LOCALES[language]
    for key in ("individual", "group", "community"):
        service = data["services"][key]
        row = next((row for row in rows if service["name"][language] in row), None)
        assert row is not None, f"/{url}: no table row for {service['name'][language]}"
        assert service["format"][language] in row, f"/{url}: {key} format not from the data"
        price = format_decimal(service["prices"]["meeting"]["net"], locale=locale)
        assert price in row and "€" in row, f"/{url}: {key} row lacks the price {price} €"
        if "group_size" in service:
            size = RANGE.format(**{"low": service["group_size"]["min"],
                                   "high": service["group_size"]["max"]})
            assert re.search(size, row), f"/{url}: {key} row lacks the group size"
    vat = format_decimal(data["vat"]["rate"], locale=locale)
    assert vat in normalized(content.text()), f"/{url}: VAT rate {vat} not stated"
