"""Site search (hooks/search.py): a search page per language, lazily loaded.

Only the search pages and the 404 pages have Material's search form, so only they
fetch the index and start the worker; every other page's header links to the search
page of its language. Queries are stemmed in the page's language (another form of a
word finds its base form) and find only pages of that language: tried on the tests' own
practice, whose pages hold the words searched for.
"""

from __future__ import annotations

import json
from urllib.parse import urljoin, urlsplit

import pytest

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
def test_search_page_exists_with_the_form_and_h1(site, language):
    tree = site.parse(search_page(site, language))
    assert tree.css_first(SEARCH_FORM) is not None
    assert tree.css_first("article h1") is not None


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
    labels = {
        site.parse(LANGUAGE_PREFIX[language]).css_first("a.kirkas-header__search").attributes["aria-label"]
        for language in LANGUAGES
    }
    assert len(labels) == len(LANGUAGES)


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
