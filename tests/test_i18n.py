"""Every language of the site: lang attributes, hreflang, sitemaps, robots.txt, 404 pages and
missing translations, checked on the real strict build (languages from mkdocs.yml, words
from the words files, addresses from the built pages' own links)."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from tests.support.report import entries_at, report_by_file
from tests.support.site import LANGUAGE_PREFIX, LANGUAGES, TEST_SITE_URL, build_project

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def language_of_url(url_path: str) -> str:
    """The language a site-relative URL belongs to, by its folder ('' is the default's)."""
    for language, prefix in LANGUAGE_PREFIX.items():
        if prefix and url_path.startswith(prefix):
            return language
    return LANGUAGES[0]


def test_html_lang_matches_the_url_language(site):
    for path in site.html_files:
        url_path = site.url_path(path)
        expected = language_of_url(url_path)
        assert site.parse(path).css_first("html").attributes["lang"] == expected, url_path


def material_translation(language: str, key: str) -> str:
    """A string from Material's own translation file for a language."""
    import material
    from jinja2 import Environment, FileSystemLoader

    templates = Path(material.__file__).parent / "templates"
    env = Environment(loader=FileSystemLoader(str(templates)))
    return env.get_template(f"partials/languages/{language}.html").module.t(key)


@pytest.mark.parametrize("language", LANGUAGES)
def test_theme_strings_are_in_the_page_language(site, language):
    skip_text = material_translation(language, "action.skip")
    header_label = material_translation(language, "header")
    assert len({material_translation(lang, "action.skip") for lang in LANGUAGES}) == len(LANGUAGES)
    for path in site.pages_of(language):
        tree = site.parse(path)
        skip = tree.css_first("a.md-skip")
        assert skip is not None and skip.text(strip=True).replace("\u00ad", "") == skip_text, path
        header_nav = tree.css_first("header nav")
        assert header_nav.attributes.get("aria-label") == header_label, path


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_field_is_in_the_page_language(site, language):
    """The search form in the search page and the 404 page (partials/search.html): its label
    and placeholder are the language's words (docs/_data/words/<language>.yml, search)."""
    words = site.words[language]["search"]
    for page in (site.role_url("search", language), site.not_found_page(language)):
        tree = site.parse(page)
        query = tree.css_first('form[name="search"] input[name="query"]')
        assert query is not None, page
        assert query.attributes.get("placeholder") == words["placeholder"], page
        label = tree.css_first(f'form[name="search"] label[for="{query.attributes.get("id")}"]')
        assert label is not None, f"{page}: the search field has no label"
        assert label.text(strip=True).replace("\u00ad", "") == words["label"], page


def hreflang_links(tree) -> dict[str, str]:
    """hreflang -> href of the <link rel=alternate hreflang> elements in <head>."""
    links = {}
    for link in tree.css("head link[hreflang]"):
        assert "alternate" in link.attributes.get("rel", "").split()
        assert link.attributes["hreflang"] not in links, "duplicate hreflang"
        links[link.attributes["hreflang"]] = link.attributes["href"]
    return links


def test_every_page_has_absolute_hreflang_links_to_all_versions_and_x_default(site):
    """Each page names its version in every language (at the engine's address) and x-default;
    every version names the same set, itself included, and no built page is left out."""
    checked = set()
    for source in site.sources:
        expected = {lang: urljoin(TEST_SITE_URL, site.url_of(source, lang)) for lang in LANGUAGES}
        expected["x-default"] = expected[LANGUAGES[0]]
        for lang in LANGUAGES:
            url_path = site.url_of(source, lang)
            checked.add(url_path)
            assert hreflang_links(site.parse(url_path)) == expected, f"/{url_path} ({source})"
            canonical = site.parse(url_path).css_first("head link[rel=canonical]").attributes["href"]
            assert canonical == urljoin(TEST_SITE_URL, url_path)
    unchecked = {site.url_path(path) for path in site.pages} - checked
    assert not unchecked, f"built pages that are no page's version in a language: {sorted(unchecked)}"


def test_every_hreflang_target_exists_in_the_built_site(site):
    for path in site.pages:
        for href in hreflang_links(site.parse(path)).values():
            assert href.startswith(TEST_SITE_URL)
            assert site.file_for(href[len(TEST_SITE_URL) :]).is_file(), href


def parse_sitemap(path: Path) -> dict[str, dict[str, str]]:
    """loc -> {hreflang: href} of a sitemap file."""
    root = ElementTree.parse(path).getroot()
    entries = {}
    for url in root.findall("sm:url", SITEMAP_NS):
        loc = url.findtext("sm:loc", namespaces=SITEMAP_NS)
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", SITEMAP_NS)
        }
        entries[loc] = alternates
    return entries


def test_sitemap_lists_every_page_with_absolute_alternates_and_x_default(site):
    entries = parse_sitemap(site.root / "sitemap.xml")
    expected_locs = {urljoin(TEST_SITE_URL, site.url_path(path)) for path in site.pages}
    assert set(entries) == expected_locs
    for loc, alternates in entries.items():
        assert set(alternates) == {*LANGUAGES, "x-default"}, loc
        assert alternates["x-default"] == alternates[LANGUAGES[0]]
        assert loc in alternates.values()
        page = site.file_for(loc[len(TEST_SITE_URL) :])
        assert hreflang_links(site.parse(page)) == alternates, loc


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_each_language_root_has_its_own_sitemap(site, language):
    # Material's JavaScript fetches sitemap.xml at the language root.
    entries = parse_sitemap(site.root / LANGUAGE_PREFIX[language] / "sitemap.xml")
    assert entries
    assert all(loc.startswith(urljoin(TEST_SITE_URL, LANGUAGE_PREFIX[language])) for loc in entries)
    assert len(entries) == len(site.pages_of(language))


def test_robots_txt_points_at_the_sitemap(site):
    lines = (site.root / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {urljoin(TEST_SITE_URL, 'sitemap.xml')}" in lines
    assert "User-agent: *" in lines


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_own_404_page(site, language):
    tree = site.parse(site.not_found_page(language))
    assert tree.css_first("html").attributes["lang"] == language
    heading = tree.css_first("h1").text(strip=True).replace("\u00ad", "")  # no soft hyphens
    assert heading == site.words[language]["not_found"]["title"]
    # Kept out of search engines by its 404 status, not by noindex (Lighthouse SEO 100).
    robots = tree.css_first('meta[name="robots"]')
    assert robots is None or "noindex" not in (robots.attributes.get("content") or ""), "no noindex"
    assert tree.css_first("link[rel=canonical]") is None
    assert "404.html" not in (site.root / "sitemap.xml").read_text(encoding="utf-8")
    site_path = urlsplit(TEST_SITE_URL).path
    hrefs = {a.attributes.get("href") for a in tree.css("article a")}
    assert site_path + LANGUAGE_PREFIX[language] in hrefs, "a way back home"
    switcher = {a.attributes["hreflang"]: a.attributes["href"] for a in tree.css("header a[hreflang]")}
    expected = {lang: site_path + LANGUAGE_PREFIX[lang] + "404.html" for lang in LANGUAGES}
    assert switcher == (expected if len(LANGUAGES) > 1 else {}), "the language menu leads to each 404 page"


def test_a_missing_translation_fails_the_build_naming_the_file(fixture_project, tmp_path):
    """Translations of two pages deleted from the tests' practice: each named once, under its file."""
    language = "en"
    missing = ["docs/kysymyksia.en.md", "docs/palvelut/tiimipaiva.en.md"]
    for file in missing:
        (fixture_project / file).unlink()
    result = build_project(fixture_project, tmp_path / "site")
    assert result.returncode != 0
    groups = report_by_file(result.output)
    # Each reported once, under the missing file (not once per language build).
    for file in missing:
        (entry,) = groups[file]
        assert f"no '{language}' translation" in entry


def test_a_translation_without_a_default_language_page_fails_the_build(fixture_project, tmp_path):
    (fixture_project / "docs" / "uusi.en.md").write_text("# New page\n", encoding="utf-8")
    result = build_project(fixture_project, tmp_path / "site")
    assert result.returncode != 0
    (entry,) = entries_at(result.output, "docs/uusi.md", None)
    assert "docs/uusi.en.md exists" in entry
