"""Every translation at an address in its own language (kirkas.addresses, hooks/addresses.py).

A translation names its address in its front matter (``slug:``; a folder's from its
index page), the default language's file stays the key of the page in every language,
and old addresses keep working as small redirect pages. The engine's rules are tested
on the tests' own practice (tests/fixtures/practice: its English pages have slugs, a
folder translated by its index page, a page without a slug and a page with an old
address under ``redirect_from:``) and, where a build is not needed, on small docs
folders of their own; the real site is checked generically: whatever its slugs, every
consumer of a page's address (switcher, hreflang, sitemap, canonical, menus and
breadcrumbs, links, search, JSON-LD, share tags, redirects) agrees with them.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from mkdocs.utils.meta import get_data
from selectolax.lexbor import LexborHTMLParser

from kirkas import addresses
from kirkas.i18n import split_language_suffix
from tests.support.report import entries_at
from tests.support.site import TEST_SITE_URL, BuiltSite, build_project, serve_directory

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
MARKDOWN_LINK = re.compile(r"\]\(([^)\s#?]+\.md)(?:#[^)\s]*)?\)")


@pytest.fixture(params=["fixture_site", "site"])
def any_site(request: pytest.FixtureRequest) -> BuiltSite:
    """The tests' own practice and the real site, each built once per session."""
    return request.getfixturevalue(request.param)


# --- what the docs say -------------------------------------------------------------------
def front_matter(path: Path) -> dict:
    """A Markdown file's front matter (MkDocs' own reader)."""
    return get_data(path.read_text(encoding="utf-8-sig"))[1] or {}


def source_file(site: BuiltSite, base: str, language: str) -> Path:
    """The Markdown file of a page in a language ('hinnat.md', 'sv' -> docs/hinnat.sv.md)."""
    name = base if language == site.config.default_language else base[: -len(".md")] + f".{language}.md"
    return site.config.docs_dir / name


def page_keys(site: BuiltSite) -> list[tuple[str, str]]:
    """(default-language file, language) of every page of the site."""
    return sorted(split_language_suffix(page, site.languages) for page in site.config.pages())


def slug_of(site: BuiltSite, base: str, language: str) -> str | None:
    """The slug a page's file names (None without one, or in the default language)."""
    path = source_file(site, base, language)
    if language == site.config.default_language or not path.is_file():
        return None
    return front_matter(path).get("slug")


def expected_address(site: BuiltSite, base: str, language: str) -> str:
    """The address the docs give a page: its folders' index pages' slugs, then its own slug."""
    parts = base[: -len(".md")].split("/")
    is_index = parts[-1] == "index"
    folders = parts[:-1]
    segments = [slug_of(site, "/".join(folders[: depth + 1]) + "/index.md", language) or folder
                for depth, folder in enumerate(folders)]
    if not is_index:
        segments.append(slug_of(site, base, language) or parts[-1])
    return site.config.prefix(language) + "".join(segment + "/" for segment in segments)


def absolute(path: str) -> str:
    """A site path as the absolute address the pages use."""
    return urljoin(TEST_SITE_URL, path)


def site_path(href: str, page_url: str) -> str:
    """The site path a link of a page leads to ('../priser/#x' on 'sv/kontakt/' -> 'sv/priser/')."""
    return urlsplit(urljoin(absolute(page_url), href)).path.lstrip("/")


# --- the addresses -----------------------------------------------------------------------
def test_every_page_is_at_the_address_its_slugs_name(any_site: BuiltSite) -> None:
    problems = []
    for base, language in page_keys(any_site):
        expected = expected_address(any_site, base, language)
        if any_site.url_of(base, language) != expected:
            problems.append(f"{base} ({language}): the engine says /{any_site.url_of(base, language)}, "
                            f"the docs /{expected}")
        built = any_site.file_for(expected)
        if not built.is_file():
            problems.append(f"{base} ({language}): nothing built at /{expected}")
        elif any_site.parse(built).css_first("html").attributes.get("lang") != language:
            problems.append(f"{base} ({language}): /{expected} is not in {language}")
    assert not problems, "\n".join(problems)
    assert sorted(any_site.pages) == sorted({any_site.file_for(any_site.url_of(base, language))
                                             for base, language in page_keys(any_site)})


def test_the_fixture_covers_every_kind_of_address(fixture_site: BuiltSite) -> None:
    """Folder slug, page slug, a page without a slug in a translated folder, redirect_from."""
    translations = [(base, language) for base, language in page_keys(fixture_site)
                    if language != fixture_site.config.default_language]
    slugged_folders = [base for base, language in translations
                       if base.endswith("/index.md") and slug_of(fixture_site, base, language)]
    plain_in_slugged_folder = [
        base for base, language in translations
        if slug_of(fixture_site, base, language) is None
        and posixpath.dirname(base) + "/index.md" in slugged_folders]
    listed = [redirect for redirect in fixture_site.addresses.redirects.values() if redirect.written]
    assert slugged_folders and plain_in_slugged_folder and listed


def test_language_versions_name_each_other_everywhere(any_site: BuiltSite) -> None:
    """Canonical, og:url, head hreflang, switcher and sitemap: complete and reciprocal."""
    sitemap = sitemap_alternates(any_site)
    problems = []
    bases = sorted({base for base, _language in page_keys(any_site)})
    for base in bases:
        versions = {language: absolute(any_site.url_of(base, language)) for language in any_site.languages}
        expected = {**versions, "x-default": versions[any_site.config.default_language]}
        for language in any_site.languages:
            url = any_site.url_of(base, language)
            tree = any_site.parse(url)
            own = absolute(url)
            canonical = tree.css_first('link[rel="canonical"]')
            og_url = tree.css_first('meta[property="og:url"]')
            if canonical is None or canonical.attributes.get("href") != own:
                problems.append(f"/{url}: canonical is not {own}")
            if og_url is None or og_url.attributes.get("content") != own:
                problems.append(f"/{url}: og:url is not {own}")
            hreflang = {node.attributes["hreflang"]: node.attributes["href"]
                        for node in tree.css('head link[rel="alternate"][hreflang]')}
            if hreflang != expected:
                problems.append(f"/{url}: head hreflang {hreflang} != {expected}")
            switcher = {node.attributes["hreflang"]: absolute(site_path(node.attributes["href"], url))
                        for node in tree.css("a.md-select__link[hreflang]")}
            if switcher != versions:
                problems.append(f"/{url}: language switcher {switcher} != {versions}")
            if sitemap.get(own) != expected:
                problems.append(f"/{url}: sitemap alternates {sitemap.get(own)} != {expected}")
    assert not problems, "\n".join(problems[:30])
    assert set(sitemap) == {absolute(any_site.url_path(path)) for path in any_site.pages}


def sitemap_alternates(site: BuiltSite) -> dict[str, dict[str, str]]:
    """sitemap.xml: each <loc> and its hreflang alternates."""
    import xml.etree.ElementTree as ElementTree

    root = ElementTree.parse(site.root / "sitemap.xml").getroot()
    return {
        entry.findtext("sm:loc", namespaces=SITEMAP_NS): {
            link.attrib["hreflang"]: link.attrib["href"] for link in entry.findall("xhtml:link", SITEMAP_NS)}
        for entry in root.findall("sm:url", SITEMAP_NS)
    }


def test_links_menus_and_breadcrumbs_lead_to_pages_of_the_same_language(any_site: BuiltSite) -> None:
    """Every link between pages (menu, tabs, breadcrumbs, cards, text, footer) uses the page's address."""
    by_language = {language: {any_site.url_of(base, language) for base, _ in page_keys(any_site)}
                   for language in any_site.languages}
    old = set(any_site.addresses.redirects)
    problems = []
    for language in any_site.languages:
        for path in any_site.pages_of(language):
            url = any_site.url_path(path)
            tree = any_site.parse(path)
            crumbs = tree.css(".md-path__link")
            if url.count("/") > any_site.config.prefix(language).count("/") + 1 and not crumbs:
                problems.append(f"/{url}: a page in a folder has no breadcrumbs")
            for node in tree.css("a[href]"):
                href = node.attributes["href"] or ""
                if urlsplit(href).scheme or href.startswith("#") or "hreflang" in node.attributes:
                    continue
                target = site_path(href, url)
                if target.startswith("assets/") or posixpath.splitext(target)[1] not in {"", ".html"}:
                    continue
                if target in old:
                    problems.append(f"/{url}: {href} goes to the old address /{target}")
                elif target not in by_language[language]:
                    problems.append(f"/{url}: {href} goes to /{target}, not a {language} page")
    assert not problems, "\n".join(problems[:30])


def test_markdown_links_lead_to_the_translation_at_its_address(any_site: BuiltSite) -> None:
    """A link written 'hinnat.md' on a translation goes to that language's address of the page."""
    checked, problems = 0, []
    for base, language in page_keys(any_site):
        text = source_file(any_site, base, language).read_text(encoding="utf-8")
        url = any_site.url_of(base, language)
        targets = {site_path(node.attributes["href"] or "", url)
                   for node in any_site.parse(url).css("article a[href]")}
        for written in set(MARKDOWN_LINK.findall(text)):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(base), written))
            expected = any_site.url_of(target, language)
            checked += 1
            if expected not in targets:
                problems.append(f"{base} ({language}): ({written}) does not lead to /{expected}")
    assert checked and not problems, "\n".join(problems)


def test_search_results_link_to_the_pages_addresses(any_site: BuiltSite) -> None:
    for language in any_site.languages:
        prefix = any_site.config.prefix(language)
        index = json.loads((any_site.root / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
        locations = {prefix + doc["location"].split("#", 1)[0] for doc in index["docs"]}
        pages = {any_site.url_of(base, language) for base, _ in page_keys(any_site)}
        assert locations == pages, (language, sorted(locations ^ pages))


def test_structured_data_names_pages_by_their_addresses(any_site: BuiltSite) -> None:
    """Every url and breadcrumb item of the JSON-LD is a page of the page's language."""
    host = urlsplit(TEST_SITE_URL).netloc
    problems = []
    for language in any_site.languages:
        pages = {any_site.url_of(base, language) for base, _ in page_keys(any_site)}
        for path in any_site.pages_of(language):
            url = any_site.url_path(path)
            for script in any_site.parse(path).css('script[type="application/ld+json"]'):
                for key, value in json_values(json.loads(script.text())):
                    if key in {"url", "item"} and urlsplit(value).netloc == host:
                        target = urlsplit(value).path.lstrip("/")
                        if target not in pages:
                            problems.append(f"/{url}: JSON-LD {key} {value} is not a {language} page")
    assert not problems, "\n".join(problems[:30])


def json_values(data: object, key: str = ""):
    """(key, string value) of every string in a JSON document."""
    if isinstance(data, dict):
        for name, value in data.items():
            yield from json_values(value, name)
    elif isinstance(data, list):
        for item in data:
            yield from json_values(item, key)
    elif isinstance(data, str):
        yield key, data


# --- old addresses -----------------------------------------------------------------------
def test_old_addresses_are_small_redirect_pages_in_the_pages_language(any_site: BuiltSite) -> None:
    in_sitemap = set(sitemap_alternates(any_site))
    problems = []
    for old, redirect in sorted(any_site.addresses.redirects.items()):
        tree = any_site.parse(old)
        refresh = tree.css_first('meta[http-equiv="refresh"]')
        target = site_path(refresh.attributes["content"].split("url=", 1)[1], old) if refresh else None
        link = tree.css_first("body a[href]")
        checks = {
            "lang": tree.css_first("html").attributes.get("lang") == redirect.language,
            "noindex": "noindex" in (tree.css_first('meta[name="robots"]').attributes.get("content") or ""),
            "refresh": target == redirect.new,
            "canonical": tree.css_first('link[rel="canonical"]').attributes.get("href") == absolute(redirect.new),
            "visible link": link is not None and site_path(link.attributes["href"], old) == redirect.new,
            "not in sitemap": absolute(old) not in in_sitemap,
            "leads to a page": any_site.file_for(redirect.new) in any_site.pages,
            "no script": not tree.css("script"),
        }
        problems += [f"/{old}: {name}" for name, passed in checks.items() if not passed]
    assert not problems, "\n".join(problems)


def test_every_translation_keeps_its_file_names_address(any_site: BuiltSite) -> None:
    """Where static-i18n would have published a translation, a redirect leads to its address now."""
    problems = []
    for base, language in page_keys(any_site):
        if language == any_site.config.default_language:
            continue
        old = any_site.config.prefix(language) + addresses.file_name_address(base)
        new = any_site.url_of(base, language)
        if old != new and any_site.addresses.redirects.get(old, None) is None:
            problems.append(f"/{old} does not lead to /{new}")
    assert not problems, "\n".join(problems)


def test_an_address_listed_under_redirect_from_leads_to_the_page(fixture_site: BuiltSite) -> None:
    listed = {}
    for base, language in page_keys(fixture_site):
        for written in front_matter(source_file(fixture_site, base, language)).get("redirect_from") or []:
            listed[written.strip("/") + "/"] = fixture_site.url_of(base, language)
    assert listed
    assert {old: fixture_site.addresses.redirects[old].new for old in listed} == listed


@pytest.mark.browser
@pytest.mark.parametrize("which", ["fixture_site", "site"])
def test_visiting_an_old_address_lands_on_the_page(request: pytest.FixtureRequest, which: str, chromium) -> None:
    built: BuiltSite = request.getfixturevalue(which)
    context = chromium.new_context()
    page = context.new_page()
    problems = []
    with serve_directory(built.root) as base_url:
        for old, redirect in sorted(built.addresses.redirects.items()):
            page.goto(base_url + old, wait_until="commit")
            try:
                page.wait_for_url(base_url + redirect.new, timeout=10_000)
            except Exception:  # noqa: BLE001 - reported below with where it stopped
                problems.append(f"/{old} stayed at {page.url}, expected /{redirect.new}")
    context.close()
    assert not problems, "\n".join(problems)


# --- the build's checks --------------------------------------------------------------------
def line_of(path: Path, text: str) -> int:
    """1-based line of the first line of a file that contains a text."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def set_front_matter(path: Path, *lines: str) -> None:
    """Put lines at the top of a page's front matter."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    path.write_text("---\n" + "".join(line + "\n" for line in lines) + text[4:], encoding="utf-8")


def test_the_build_rejects_bad_addresses_with_file_and_line(fixture_project: Path, tmp_path: Path) -> None:
    docs = fixture_project / "docs"
    english = [path for path in sorted(docs.rglob("*.en.md")) if path.name != "index.en.md"]
    pages = {path: front_matter(path) for path in english}
    slugged = [path for path, meta in pages.items() if meta.get("slug")]
    first, bad_page, twin, moved = slugged[:4]
    taken = pages[first]["slug"]
    plain = next(path for path, meta in pages.items() if not meta.get("slug"))
    # a slug with characters that do not belong in an address
    bad = "Frågor & svar"
    replace(bad_page, f"slug: {pages[bad_page]['slug']}", f"slug: {bad}")
    # the address of another page of the language
    replace(twin, f"slug: {pages[twin]['slug']}", f"slug: {taken}")
    # a slug on a default-language page, and on a home page
    default_page = first.with_name(first.name.replace(".en.md", ".md"))
    set_front_matter(default_page, "slug: uusi-osoite")
    set_front_matter(docs / "index.en.md", "slug: home")
    # old addresses: one that is a page's address now, one that is not an address
    set_front_matter(plain, "redirect_from:", f"  - /en/{taken}/", "  - /en/ei osoite/")
    # a link written to a page's old address
    moved_base = moved.relative_to(docs).as_posix().replace(".en.md", ".md")
    old_address = "/en/" + addresses.file_name_address(moved_base)
    plain.write_text(plain.read_text(encoding="utf-8") + f"\n[Old]({old_address})\n", encoding="utf-8")

    result = build_project(fixture_project, tmp_path / "site")
    assert result.returncode != 0

    def shown(path: Path) -> str:
        return path.relative_to(fixture_project).as_posix()

    (entry,) = entries_at(result.output, shown(bad_page), line_of(bad_page, "slug:"))
    assert bad in entry and "slug: fragor-svar" in entry
    (entry,) = entries_at(result.output, shown(twin), line_of(twin, "slug:"))
    assert f"/en/{taken}/" in entry and shown(first) in entry
    (entry,) = entries_at(result.output, shown(default_page), line_of(default_page, "slug:"))
    assert "default language" in entry and "rename the file" in entry
    (entry,) = entries_at(result.output, "docs/index.en.md", line_of(docs / "index.en.md", "slug:"))
    assert "home page" in entry
    (entry,) = entries_at(result.output, shown(plain), line_of(plain, f"/en/{taken}/"))
    assert shown(first) in entry
    (entry,) = entries_at(result.output, shown(plain), line_of(plain, "ei osoite"))
    assert "not an address" in entry
    (entry,) = entries_at(result.output, shown(plain), line_of(plain, f"]({old_address})"))
    assert "old address" in entry and posixpath.basename(moved_base) in entry


def replace(path: Path, old: str, new: str) -> None:
    """Replace a text in a file (it must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- the rules, without a build ----------------------------------------------------------
def write_docs(root: Path, pages: dict[str, str]) -> Path:
    """A docs folder of pages ({path: front matter lines}); every page gets a heading."""
    for name, meta in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{meta}\n---\n\n# Page\n" if meta else "# Page\n", encoding="utf-8")
    return root


def scan(root: Path, languages=("fi", "sv"), site_url: str = "https://example.test/", directory_urls=True):
    """The address map of a docs folder."""
    pages = sorted(path.relative_to(root).as_posix() for path in root.rglob("*.md"))
    return addresses.scan(root, pages, list(languages), root.parent, site_url=site_url,
                          directory_urls=directory_urls)


def test_nested_folders_take_their_index_pages_slugs(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "docs", {
        "index.md": "", "index.sv.md": "",
        "a/index.md": "", "a/index.sv.md": "slug: alfa",
        "a/b/index.md": "", "a/b/index.sv.md": "slug: beta",
        "a/b/sivu.md": "", "a/b/sivu.sv.md": "slug: sida",
        "a/b/toinen.md": "", "a/b/toinen.sv.md": "",
        "c/sivu.md": "", "c/sivu.sv.md": "slug: sida",
    })
    found = scan(docs)
    assert not found.problems
    assert found.url_of("a/b/sivu.md", "sv") == "sv/alfa/beta/sida/"
    assert found.url_of("a/b/toinen.md", "sv") == "sv/alfa/beta/toinen/"
    assert found.url_of("a/b/index.md", "sv") == "sv/alfa/beta/"
    assert found.url_of("c/sivu.md", "sv") == "sv/c/sida/"
    assert found.url_of("a/b/sivu.md", "fi") == "a/b/sivu/"
    assert found.url_of("index.md", "sv") == "sv/"
    assert found.redirects["sv/a/b/sivu/"].new == "sv/alfa/beta/sida/"
    assert "sv/c/" not in found.redirects  # a folder without an index page has no page to lead to
    flat = scan(docs, directory_urls=False)
    assert flat.url_of("a/b/sivu.md", "sv") == "sv/alfa/beta/sida.html"
    assert flat.url_of("a/b/index.md", "sv") == flat.dest_of("a/b/index.md", "sv") == "sv/alfa/beta/index.html"


@pytest.mark.parametrize(("written", "slug"), [
    ("Medling på arbetsplatsen", "medling-pa-arbetsplatsen"),
    ("Työyhteisö_sovittelu", "tyoyhteiso-sovittelu"),
    ("  Prices & terms!  ", "prices-terms"),
    ("--a--b--", "a-b"),
])
def test_the_suggested_slug_is_transliterated(written: str, slug: str) -> None:
    assert addresses.suggested_slug(written) == slug
    assert addresses.SLUG.fullmatch(slug)


@pytest.mark.parametrize(("written", "site_url", "path"), [
    ("/sv/tjanster/medling/", "https://example.test/", "sv/tjanster/medling/"),
    ("sv/tjanster/medling", "https://example.test/", "sv/tjanster/medling/"),
    ("https://example.test/sv/tjanster/", "https://example.test/", "sv/tjanster/"),
    ("/kirkas/sv/tjanster/", "https://someone.github.io/kirkas/", "sv/tjanster/"),
    ("/sv/gammal.html", "https://example.test/", "sv/gammal.html"),
    ("https://other.test/sv/tjanster/", "https://example.test/", None),
])
def test_an_old_address_may_be_written_as_in_the_address_bar(written, site_url, path) -> None:
    assert addresses.normalized_old_address(written, site_url) == path


def test_redirect_from_problems_name_the_line(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "docs", {
        "a.md": "", "a.sv.md": "slug: alfa\nredirect_from:\n  - /sv/alfa/\n  - /sv/beta/\n  - /en/x/\n  - /sv/\n",
        "b.md": "", "b.sv.md": "slug: beta\nredirect_from: /sv/gammal/",
        "c.md": "", "c.sv.md": "slug: gamma\nredirect_from:\n  - /sv/gammal/\n  - 12\n",
        "d.md": "redirect_from:\n  - /sv/vanha/\n  - /vanha/",
    })
    found = scan(docs)
    by_line = {(problem.location.file.rsplit("/", 1)[-1], problem.location.line): problem.kind
               for problem in found.problems}
    assert by_line == {
        ("a.sv.md", 4): "redirect-from-own-address",
        ("a.sv.md", 5): "redirect-from-taken",
        ("a.sv.md", 6): "redirect-from-other-language",
        ("a.sv.md", 7): "redirect-from-other-language",
        ("c.sv.md", 4): "redirect-from-twice",
        ("c.sv.md", 5): "redirect-from-not-address",
        ("d.md", 3): "redirect-from-other-language",
    }
    assert found.redirects["sv/gammal/"].new == "sv/beta/"
    assert found.redirects["vanha/"].new == "d/"


def test_the_guard_names_the_page_behind_an_old_address_and_suggests_only_pages(tmp_path: Path) -> None:
    from kirkas.guard_html import CONTENT, Link
    from kirkas.guard_links import SiteFiles

    for name in ("index.html", "sv/index.html", "sv/kurser/index.html", "sv/kurssit/index.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<!doctype html><title>x</title>", encoding="utf-8")
    files = SiteFiles(tmp_path, ["fi", "sv"], lambda path: (set(), set()),
                      {"sv/kurser/": "kurssit/index.md", "sv/": "index.md"}, {"sv/kurssit/": "sv/kurser/"})
    assert "/sv/kurssit/" not in files.pages and "/sv/kurser/" in files.pages

    link = Link("a", "href", "/sv/kurssit/", "Kurser", CONTENT)
    problem = files.problem(link, "sv/", "sv/kurssit/", "", source="index.md")
    assert problem is not None and problem.kind == "link-to-old-address"
    assert "/sv/kurser/" in problem.message and "kurssit/index.md" in problem.fix
    typo = Link("a", "href", "/sv/kursser/", "Kurser", CONTENT)
    assert "/sv/kurser/" in files.problem(typo, "sv/", "sv/kursser/", "").message


def test_a_slug_of_digits_is_an_address_and_an_empty_one_is_reported(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "docs", {
        "a.md": "", "a.sv.md": "slug: 2025",
        "b.md": "", "b.sv.md": "slug:",
    })
    found = scan(docs)
    assert found.url_of("a.md", "sv") == "sv/2025/"
    assert [(problem.location.line, problem.kind) for problem in found.problems] == [(2, "slug-empty")]
    assert found.url_of("b.md", "sv") == "sv/b/"
