"""The real site builds strictly, in all three languages."""

from tests.support.site import LANGUAGES


def test_every_language_has_a_home_page(site):
    for language in LANGUAGES:
        prefix = "" if language == "fi" else f"{language}/"
        html = site.parse(prefix).css_first("html")
        assert html.attributes["lang"] == language
