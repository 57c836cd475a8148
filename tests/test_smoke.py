"""The real site builds strictly, in every language of mkdocs.yml."""

from tests.support.site import LANGUAGES


def test_every_language_has_a_home_page(site):
    for language in LANGUAGES:
        html = site.parse(site.url_of("index.md", language)).css_first("html")
        assert html.attributes["lang"] == language
