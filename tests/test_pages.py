"""Every page of the real site, in every language: the page's own heading, description and language.

What a page must say is the owner's; that it follows the content rules is checked by
the strict build itself (hooks/content_rules.py, tests/test_content_rules.py). Here the
built pages of the real site (or of KIRKAS_PROJECT) are checked for what the templates
make of them: every page of every language is built, has exactly one H1 inside its
article, the description of its own front matter as its meta description, and the lang
of its language. Pages, languages and descriptions are read from the project.
"""

from __future__ import annotations

import pytest

from tests.support.site import LANGUAGES, BuiltSite


def source_pages(site: BuiltSite) -> list[tuple[str, str]]:
    """(source, language) of every page of every language."""
    return [(source, language) for source in site.sources for language in site.languages]


def test_every_page_is_built_in_every_language_and_nothing_else(site: BuiltSite) -> None:
    built = {site.url_path(path) for path in site.pages}
    expected = {site.url_of(source, language) for source, language in source_pages(site)}
    assert built == expected, f"built but not a page: {sorted(built - expected)}; missing: {sorted(expected - built)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_page_has_one_h1_inside_its_article(site: BuiltSite, language: str) -> None:
    problems = []
    for source in site.sources:
        url = site.url_of(source, language)
        tree = site.parse(url)
        article = tree.css_first("article")
        everywhere = tree.css("h1")
        if article is None or len(everywhere) != 1 or len(article.css("h1")) != 1:
            problems.append(f"/{url} ({source}): {len(everywhere)} H1 in the page, "
                            f"{len(article.css('h1')) if article else 0} in the article")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_page_describes_itself_with_its_front_matter(site: BuiltSite, language: str) -> None:
    problems = []
    for source in site.sources:
        url = site.url_of(source, language)
        written = site.front_matter(source, language).get("description")
        shown = [meta.attributes.get("content") for meta in site.parse(url).css('meta[name="description"]')]
        if shown != [written]:
            problems.append(f"/{url}: meta description {shown}, front matter {written!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_page_is_in_its_language(site: BuiltSite, language: str) -> None:
    wrong = [site.url_of(source, language) for source in site.sources
             if site.language_of(site.url_of(source, language)) != language]
    assert not wrong, wrong

