"""Site search (hooks/search.py): a search page per language, lazily loaded.

Only the search pages and the 404 pages have Material's search form, so only they
fetch the index and start the worker; every other page's header links to the search
page of its language. Queries are stemmed in the page's language (another form of a
word finds its base form) and find only pages of that language: tried on the tests' own
practice, whose pages hold the words searched for.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import pytest

from tests.support.browser import open_page
from tests.support.site import FIXTURE_PRACTICE, LANGUAGE_PREFIX, LANGUAGES, BuiltSite, load_site_config
from tests.support.visits import new_context, visit

SEARCH_FORM = 'form[name="search"]'
#: (language, an inflected query, its base form, which the fixture's pages contain).
STEMMED_QUERIES = [
    (language, query, base_form)
    for language, query, base_form in (
        ("fi", "työnohjaajat", "työnohjaaja"),
        ("sv", "handledarna", "handledare"),
        ("en", "supervisors", "supervisor"),
    )
    if language in load_site_config(FIXTURE_PRACTICE / "mkdocs.yml").languages
]


def search_page(site: BuiltSite, language: str) -> str:
    """Site-relative URL of a language's search page (role: search)."""
    return site.role_url("search", language)


def is_lazy_search_page(site: BuiltSite, url_path: str) -> bool:
    """True for the pages that may render the search form (search and 404 pages)."""
    return url_path in {search_page(site, lang) for lang in site.languages} or url_path.endswith("404.html")


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_page_exists_with_the_form_h1_and_quote_link(site, language):
    url = search_page(site, language)
    tree = site.parse(url)
    assert tree.css_first(SEARCH_FORM) is not None
    assert tree.css_first("article h1") is not None
    hrefs = [a.attributes.get("href") or "" for a in tree.css("article a[href]")]
    form = site.quote_link(language)
    assert any(site.resolve(url, href)[::2] == form for href in hrefs), f"/{url}: no link to the quote form: {hrefs}"


def test_only_search_and_404_pages_contain_the_search_form(site):
    with_form = {site.url_path(path) for path in site.html_files if site.parse(path).css_first(SEARCH_FORM)}
    assert with_form == {site.url_path(path) for path in site.html_files
                         if is_lazy_search_page(site, site.url_path(path))}
    assert len(with_form) == 2 * len(LANGUAGES)


def test_every_other_page_links_to_the_search_page_of_its_language(site):
    problems = []
    for language in LANGUAGES:
        target = search_page(site, language)
        for path in site.pages_of(language):
            url_path = site.url_path(path)
            if url_path == target:
                continue
            link = site.parse(path).css_first("header a.kirkas-header__search")
            if link is None or not (link.attributes.get("aria-label") or "").strip():
                problems.append(f"/{url_path}: no labelled search link in the header")
                continue
            resolved = urlsplit(urljoin("https://x.example/" + url_path, link.attributes["href"])).path
            if resolved != "/" + target:
                problems.append(f"/{url_path}: search link goes to {resolved}, not /{target}")
    assert not problems, "\n".join(problems)


def test_search_link_labels_are_in_the_page_language(site):
    for language in site.languages:
        link = site.parse(site.config.prefix(language)).css_first("a.kirkas-header__search")
        assert link.attributes["aria-label"] == site.words[language]["header"]["search"], language


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_own_index_of_its_own_pages(site, language):
    index = json.loads((site.root / LANGUAGE_PREFIX[language] / "search" / "search_index.json").read_text())
    assert index["docs"]
    others = [LANGUAGE_PREFIX[lang] for lang in LANGUAGES if lang != language and LANGUAGE_PREFIX[lang]]
    for doc in index["docs"]:
        target = LANGUAGE_PREFIX[language] + doc["location"]
        assert not target.startswith(tuple(others)), doc["location"]
        assert site.file_for(target.split("#")[0]).is_file(), doc["location"]


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_ordinary_pages_load_no_search_index_or_worker(site, site_server, chromium, language):
    service = next(iter(site.data["services"].values()))["page"]
    for url_path in (site.url_of("index.md", language), site.url_of(service, language)):
        context = new_context(chromium)
        page = context.new_page()
        record = visit(page, site_server + url_path)
        context.close()
        assert record.requests, "no requests recorded"
        loaded = [url for url in record.requests if "search_index" in url or "/workers/" in url or "/lunr/" in url]
        assert not loaded, (url_path, loaded)


@pytest.mark.browser
@pytest.mark.parametrize(("language", "query", "base_form"), STEMMED_QUERIES)
def test_stemmed_query_finds_other_forms_on_pages_of_the_same_language_only(
    fixture_site, fixture_server, chromium, language, query, base_form
):
    site, site_server = fixture_site, fixture_server
    prefix = site.config.prefix(language)
    context = new_context(chromium)
    page = context.new_page()
    record = visit(page, site_server + search_page(site, language))
    index_requests = [url for url in record.requests if url.endswith("search_index.json")]
    assert index_requests == [site_server + prefix + "search/search_index.json"]
    query_input = page.locator('form[name="search"] input[name="query"]')
    assert query_input.evaluate("element => element === document.activeElement"), "search input not focused"
    page.keyboard.type(query)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(state="visible", timeout=10_000)
    hrefs = results.evaluate_all("links => links.map(link => link.href)")
    marked = page.locator(".md-search-result__list mark").evaluate_all(
        "marks => marks.map(mark => mark.textContent.toLowerCase().replace(/[^\\p{L}]/gu, ''))"
    )
    problems = record.console_errors + record.page_errors + record.csp_violations
    context.close()
    assert not problems, problems
    assert base_form in marked, f"{query!r} did not find {base_form!r}: {sorted(set(marked))}"
    own_root = site_server + prefix
    others = [site_server + site.config.prefix(lang) for lang in site.languages
              if site.config.prefix(lang) and lang != language]
    for href in hrefs:
        assert href.startswith(own_root) and not href.startswith(tuple(others)), href


# --- the search form in the page (overrides/partials/search.html) ----------------------

QUERY_INPUT = 'form[name="search"] input[name="query"]'
RESULT_COUNT = "[data-md-component=search-result] > :first-child"
RESULT_LIST = "[data-md-component=search-result] > :last-child"
PHONE, LAPTOP = {"width": 390, "height": 844}, {"width": 1440, "height": 900}
#: WCAG 2.2 AA contrast of text (a placeholder is text).
AA_TEXT = 4.5

#: Boxes of the header's items (they must not move when the search starts).
HEADER_BOXES = """() => Array.from(document.querySelectorAll(".kirkas-header__inner > *"),
  (item) => { const box = item.getBoundingClientRect();
              return [item.className, Math.round(box.x), Math.round(box.y), Math.round(box.width)]; })"""

#: Contrast of the search field's placeholder on the field's background.
PLACEHOLDER_CONTRAST = """(selector) => {
  const input = document.querySelector(selector);
  const rgb = (text) => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = ([r, g, b]) => [r, g, b].map((value) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const text = luminance(rgb(getComputedStyle(input, "::placeholder").color));
  const field = luminance(rgb(getComputedStyle(input).backgroundColor));
  return (Math.max(text, field) + 0.05) / (Math.min(text, field) + 0.05);
}"""

#: What a visitor sees at five points of the page's content: the page, or something over it.
COVERED_POINTS = """() => {
  const content = document.querySelector(".md-content").getBoundingClientRect();
  const points = [[0.5, 0.2], [0.2, 0.5], [0.5, 0.5], [0.8, 0.5], [0.5, 0.8]];
  return points.map(([x, y]) => {
    const px = content.left + content.width * x;
    const py = Math.min(innerHeight - 80, content.top + (innerHeight - content.top) * y);
    const element = document.elementFromPoint(px, py);
    return element && !element.closest(".md-content, .md-main") ? element.className || element.tagName : null;
  }).filter(Boolean);
}"""


def search_pages(site: BuiltSite) -> list[tuple[str, str]]:
    """(language, site-relative address) of every search page and 404 page."""
    return [(language, site.url_path(site.search_page_of(language))) for language in site.languages] + [
        (language, site.url_path(site.not_found_page(language))) for language in site.languages]


def search_words(site: BuiltSite, language: str) -> dict[str, str]:
    """The search words of a language's words file."""
    return site.words[language]["search"]


def a_query_with_several_results(site: BuiltSite, language: str) -> str:
    """A word in the titles of at least two pages of the language (from its index)."""
    index = json.loads((site.root / site.config.prefix(language) / "search" / "search_index.json").read_text())
    pages_with = {}
    for doc in index["docs"]:
        for word in set(re.findall(r"\w{6,}", doc["title"].lower())):
            pages_with.setdefault(word, set()).add(doc["location"].split("#")[0])
    word = max(pages_with, key=lambda candidate: len(pages_with[candidate]))
    assert len(pages_with[word]) >= 2, "no title word on two pages"
    return word


def typed(page, query: str) -> None:
    """Click into the search field and type like a visitor; wait for the results."""
    page.click(QUERY_INPUT)
    page.keyboard.type(query)
    page.locator(".md-search-result__item a").first.wait_for(state="visible", timeout=10_000)
    previous = None
    for _ in range(30):  # until the results of the last keystroke are in
        current = page.inner_html(RESULT_LIST)
        if current == previous:
            return
        previous = current
        page.wait_for_timeout(300)


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_search_field_is_in_view_without_tapping_and_its_placeholder_is_readable(site, site_server, chromium,
                                                                                  viewport):
    context = new_context(chromium, viewport=viewport)
    page = context.new_page()
    problems = []
    for language, url_path in search_pages(site):
        open_page(page, site_server + url_path)
        field = page.locator(QUERY_INPUT)
        box = field.bounding_box()
        if not (field.is_visible() and box and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]):
            problems.append(f"/{url_path}: the search field is not in view ({box})")
        contrast = page.evaluate(PLACEHOLDER_CONTRAST, QUERY_INPUT)
        if contrast < AA_TEXT:
            problems.append(f"/{url_path}: placeholder contrast {contrast:.2f} < {AA_TEXT}")
        if page.locator("label[for='__search']:visible").count() != 1:
            problems.append(f"/{url_path}: not exactly one magnifier that opens the search")
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_results_under_the_field_counted_in_words_nothing_dimmed_header_still(site, site_server, chromium,
                                                                              viewport, language):
    context = new_context(chromium, viewport=viewport)
    page = context.new_page()
    open_page(page, site_server + site.url_path(site.search_page_of(language)), wait_until="networkidle")
    header_before = page.evaluate(HEADER_BOXES)
    typed(page, a_query_with_several_results(site, language))
    assert page.evaluate(HEADER_BOXES) == header_before, "the header moved when the search started"
    assert page.evaluate(COVERED_POINTS) == [], "something covers the page while searching"
    field = page.locator(QUERY_INPUT).bounding_box()
    results = page.locator(RESULT_LIST).bounding_box()
    assert abs(results["x"] - field["x"]) <= 1 and abs(results["width"] - field["width"]) <= 1, (field, results)
    assert 0 <= results["y"] - (field["y"] + field["height"]) <= 60, (field, results)
    count = page.inner_text(RESULT_COUNT).strip()
    other = search_words(site, language)["other"]
    wanted = re.escape(other).replace(re.escape("{count}"), r"(\d+)")
    match = re.fullmatch(wanted, count)
    assert match and int(match.group(1)) >= 2, f"result count {count!r} is not like {other!r}"
    context.close()


def test_table_cells_and_line_breaks_are_separate_words_in_the_index(fixture_site):
    checked = 0
    for language in fixture_site.languages:
        prefix = fixture_site.config.prefix(language)
        index = json.loads((fixture_site.root / prefix / "search" / "search_index.json").read_text())
        indexed = " ".join(" ".join(doc["text"].split()) for doc in index["docs"])
        for path in fixture_site.pages_of(language):
            for row in fixture_site.parse(path).css("table tr"):
                pieces = [" ".join(piece.replace("\u00ad", "").split()) for cell in row.css("th, td")
                          for piece in cell.text(deep=True, separator="\n").split("\n") if piece.strip()]
                if len(pieces) > 1:
                    checked += 1
                    assert " ".join(pieces) in indexed, f"/{fixture_site.url_path(path)}: {pieces} run together"
    assert checked
