"""Three languages: lang attributes, hreflang, sitemaps, robots.txt, 404 pages and
missing translations, checked on the real strict build."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from tests.support.report import entries_at, report_by_file
from tests.support.site import LANGUAGE_PREFIX, LANGUAGES, TEST_SITE_URL, build_project

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
DOCS = Path(__file__).resolve().parents[1] / "docs"


def language_of_url(url_path: str) -> str:
    """The language a site-relative URL belongs to, by its prefix."""
    for language, prefix in LANGUAGE_PREFIX.items():
        if prefix and url_path.startswith(prefix):
            return language
    return "fi"


def source_pages() -> list[str]:
    """The Finnish Markdown sources ('palvelut/index.md'): the key of a page in every language."""
    pages = []
    for path in sorted(DOCS.rglob("*.md")):
        relative = path.relative_to(DOCS)
        if relative.parts[0].startswith("_") or path.stem.count("."):
            continue
        pages.append(relative.as_posix())
    return pages


def test_every_source_page_is_built_in_every_language(site):
    sources = source_pages()
    assert len(sources) >= 20
    for language in LANGUAGES:
        expected = {site.url_of(page, language) for page in sources}
        built = {site.url_path(path) for path in site.pages_of(language)}
        assert built == expected, f"{language}: {sorted(built ^ expected)}"


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
    assert len({material_translation(lang, "action.skip") for lang in LANGUAGES}) == 3
    for path in site.pages_of(language):
        tree = site.parse(path)
        skip = tree.css_first("a.md-skip")
        assert skip is not None and skip.text(strip=True) == skip_text, path
        header_nav = tree.css_first("header nav")
        assert header_nav.attributes.get("aria-label") == header_label, path


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_placeholder_is_the_theme_translation(site, language):
    placeholder = material_translation(language, "search.placeholder")
    assert len({material_translation(lang, "search.placeholder") for lang in LANGUAGES}) == 3
    search_page = site.parse(site.url_of("haku.md", language))
    query = search_page.css_first('form[name="search"] input[name="query"]')
    assert query is not None
    assert query.attributes.get("placeholder") == placeholder
    assert query.attributes.get("aria-label") == placeholder


def hreflang_links(tree) -> dict[str, str]:
    """hreflang -> href of the <link rel=alternate hreflang> elements in <head>."""
    links = {}
    for link in tree.css("head link[hreflang]"):
        assert "alternate" in link.attributes.get("rel", "").split()
        assert link.attributes["hreflang"] not in links, "duplicate hreflang"
        links[link.attributes["hreflang"]] = link.attributes["href"]
    return links


def test_every_page_has_absolute_hreflang_links_to_all_versions_and_x_default(site):
    for page in source_pages():
        expected = {lang: urljoin(TEST_SITE_URL, site.url_of(page, lang)) for lang in LANGUAGES}
        expected["x-default"] = expected[LANGUAGES[0]]
        for lang in LANGUAGES:
            url_path = site.url_of(page, lang)
            assert hreflang_links(site.parse(url_path)) == expected, url_path
            canonical = site.parse(url_path).css_first("head link[rel=canonical]").attributes["href"]
            assert canonical == urljoin(TEST_SITE_URL, url_path)


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
        assert alternates["x-default"] == alternates["fi"]
        assert loc in alternates.values()
        page = site.file_for(loc[len(TEST_SITE_URL) :])
        assert hreflang_links(site.parse(page)) == alternates, loc


@pytest.mark.parametrize("language", ["sv", "en"])
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


@pytest.mark.parametrize(
    ("language", "heading"),
    [("fi", "Sivua ei löytynyt"), ("sv", "Sidan hittades inte"), ("en", "Page not found")],
)
def test_each_language_has_its_own_404_page(site, language, heading):
    tree = site.parse(LANGUAGE_PREFIX[language] + "404.html")
    assert tree.css_first("html").attributes["lang"] == language
    assert tree.css_first("h1").text(strip=True) == heading
    # Kept out of search engines by its 404 status, not by noindex (Lighthouse SEO 100).
    assert tree.css_first("link[rel=canonical]") is None
    assert "404.html" not in (site.root / "sitemap.xml").read_text(encoding="utf-8")
    site_path = urlsplit(TEST_SITE_URL).path
    hrefs = {a.attributes.get("href") for a in tree.css("article a")}
    assert site_path + LANGUAGE_PREFIX[language] in hrefs, "a way back home"
    switcher = {a.attributes["hreflang"]: a.attributes["href"] for a in tree.css("header a[hreflang]")}
    assert switcher == {lang: site_path + LANGUAGE_PREFIX[lang] + "404.html" for lang in LANGUAGES}


def test_a_missing_translation_fails_the_build_naming_the_file(project, tmp_path):
    (project / "docs" / "hyodyt.sv.md").unlink()
    (project / "docs" / "palvelut" / "ryhmatyonohjaus.en.md").unlink()
    result = build_project(project, tmp_path / "site")
    assert result.returncode != 0
    groups = report_by_file(result.output)
    # Each reported once, under the missing file (not once per language build).
    for missing, language in (("docs/hyodyt.sv.md", "sv"), ("docs/palvelut/ryhmatyonohjaus.en.md", "en")):
        (entry,) = groups[missing]
        assert f"no '{language}' translation" in entry


def test_a_translation_without_a_finnish_page_fails_the_build(project, tmp_path):
    (project / "docs" / "uusi.sv.md").write_text("# Ny sida\n", encoding="utf-8")
    result = build_project(project, tmp_path / "site")
    assert result.returncode != 0
    (entry,) = entries_at(result.output, "docs/uusi.md", None)
    assert "docs/uusi.sv.md exists" in entry
