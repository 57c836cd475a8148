"""Where the text may break (hooks/hyphenation.py): soft hyphens from each language's own
hyphenator, <wbr> in email addresses, no-break spaces in phone numbers, nothing in
what is not read as text (head, scripts, attributes, code, the search index), and a
machine without Voikko: `make build` stops and says what to install, `make serve`
warns once and goes on.

Built from the tests' own practice (tests/fixtures/practice: Finnish with Voikko,
English with Pyphen).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from kirkas import hyphenation
from kirkas.hyphenation import MIN_LETTERS, SOFT_HYPHEN
from kirkas.words import load_words
from tests.support.report import entries_at
from tests.support.site import FIXTURE_PRACTICE, build_project, set_build_messages

#: Elements whose text the build leaves exactly as written.
NOT_TEXT = {"head", "script", "style", "code", "pre", "kbd", "samp", "svg", "select", "option", "textarea"}
#: A run of letters, soft hyphens included.
LETTERS = re.compile(rf"(?:[^\W\d_]|{SOFT_HYPHEN})+")
#: A chunk of text that is an address (email, web): not hyphenated.
ADDRESS = re.compile(r"@|://|^www\.|\w\.\w")
WORDS_FILE = "docs/_data/words/{language}.yml"
#: A shown phone number: "+" or "0", then digits in groups (at least seven digits).
PHONE = re.compile(r"(?<![\w+])[+0][\d \u00a0]{6,}\d")
#: Stands in for the libvoikko binding on a machine without the Voikko library.
NO_VOIKKO = textwrap.dedent('''\
    """The libvoikko binding where the Voikko library is not installed."""


    class VoikkoException(Exception):
        """As the real binding's."""


    class Voikko:
        """Fails like the real binding without libvoikko.so.1."""

        def __init__(self, language, path=None):
            raise OSError("libvoikko.so.1: cannot open shared object file: No such file or directory")

        @classmethod
        def setLibrarySearchPath(cls, path):
            """Where to look for the library (it is nowhere)."""
    ''')


def fake_hyphenate(word: str) -> str:
    """A hyphenator for the unit tests: a break after every fourth letter."""
    return SOFT_HYPHEN.join(word[i:i + 4] for i in range(0, len(word), 4))


def text_nodes(tree: LexborHTMLParser):
    """(text node, its element) of the body's text a visitor reads."""
    for node in tree.body.traverse(include_text=True):
        if node.tag != "-text":
            continue
        parent, inside = node.parent, False
        ancestor = parent
        while ancestor is not None:
            if ancestor.tag in NOT_TEXT:
                inside = True
                break
            ancestor = ancestor.parent
        if not inside:
            yield node, parent


def hyphenator_of(site, language: str):
    """The hyphenate function of a language of the fixture practice, as its words file names it."""
    book = load_words(FIXTURE_PRACTICE / "docs", site.languages, FIXTURE_PRACTICE)
    return hyphenation.load(book.settings(language).hyphenator, language).hyphenate


# --- the pass itself ------------------------------------------------------------------

def test_long_words_of_the_text_get_soft_hyphens_and_nothing_else_changes():
    word = "a" * MIN_LETTERS
    head = (f"<head><title>{word}</title><meta content=\"{word}\">"
            f"<script type=\"application/ld+json\">{{\"name\": \"{word}\"}}</script></head>")
    untouched = (f"<code>{word}</code> <a href=\"https://{word}.example/\">www.{word}.example</a>"
                 f"<select><option>{word}<option>x</select>")
    svg = f"<svg><title>{word}</title><path d=\"M0\"/></svg>"
    html = (f"<html>{head}<body><h1 title=\"{word}\">{word} &amp; {word[:-1]}</h1>"
            f"<p>{untouched} {word}</p>{svg}</body></html>")
    hyphenated = fake_hyphenate(word)
    assert hyphenation.breakable(html, fake_hyphenate) == (
        f"<html>{head}<body><h1 title=\"{word}\">{hyphenated} &amp; {word[:-1]}</h1>"
        f"<p>{untouched} {hyphenated}</p>{svg}</body></html>")


def test_a_word_shorter_than_the_limit_is_left_whole():
    word = "b" * (MIN_LETTERS - 1)
    assert hyphenation.breakable(f"<body><p>{word}</p></body>", fake_hyphenate) == f"<body><p>{word}</p></body>"


def test_email_addresses_break_only_after_at_and_dots_in_the_text_never_in_the_link():
    html = '<body><p>Write to <a href="mailto:first.last@mail.example">first.last@mail.example</a>.</p></body>'
    result = hyphenation.breakable(html, None)
    assert result == ('<body><p>Write to <a href="mailto:first.last@mail.example">'
                      'first.<wbr>last@<wbr>mail.<wbr>example</a>.</p></body>')


def test_the_page_is_read_as_html_not_as_a_pattern_of_characters():
    word, hyphenated = "työnohjauksessa", fake_hyphenate("työnohjauksessa")
    cases = {
        # a ">" inside an attribute value does not end the tag
        f'<p><abbr title="1 > {word}">{word}</abbr></p>': f'<p><abbr title="1 > {word}">{hyphenated}</abbr></p>',
        # a comment is not markup: its "<code>" opens nothing, its words stay as written
        f"<!-- <code> {word} --><p>{word}</p>": f"<!-- <code> {word} --><p>{hyphenated}</p>",
        # an unclosed <p> (the end tag may be left out)
        f"<body><p>{word}<p>{word}</body>": f"<body><p>{hyphenated}<p>{hyphenated}</body>",
        # a script's text ends at </script>, whatever it holds; the text after it is read
        f'<p><script>if (a < b) {{ s = "</p><p>{word}"; }}</script>{word}</p>':
            f'<p><script>if (a < b) {{ s = "</p><p>{word}"; }}</script>{hyphenated}</p>',
        # an element closed at once (<svg/>) leaves the text after it readable
        f'<p><svg class="icon"/>{word}</p>': f'<p><svg class="icon"/>{hyphenated}</p>',
        # a doctype and a processing instruction are not text ("Transitional", "stylesheet")
        f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"><p>{word}</p>':
            f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"><p>{hyphenated}</p>',
        f'<?xml-stylesheet href="style.css"?><p>{word}</p>':
            f'<?xml-stylesheet href="style.css"?><p>{hyphenated}</p>',
        # tag names in capitals are the same elements
        f"<P><CODE>{word}</CODE> {word}</P>": f"<P><CODE>{word}</CODE> {hyphenated}</P>",
    }
    for html, wanted in cases.items():
        assert hyphenation.breakable(html, fake_hyphenate) == wanted, html


def test_entities_are_left_as_written_and_split_words():
    word = "työnohjaus"
    html = f"<p>työ&shy;nohjaus {word}&nbsp;{word}&#173;ryhmä &amp; {word}&#x2011;x</p>"
    assert hyphenation.breakable(html, fake_hyphenate) == (
        f"<p>työ&shy;nohjaus {fake_hyphenate(word)}&nbsp;{fake_hyphenate(word)}&#173;ryhmä &amp; "
        f"{fake_hyphenate(word)}&#x2011;x</p>")


# --- the built site ---------------------------------------------------------------------

def test_long_words_break_where_their_languages_hyphenator_allows(fixture_site):
    checked = {}
    for language in fixture_site.languages:
        hyphenate = hyphenator_of(fixture_site, language)
        checked[language] = 0
        for path in fixture_site.pages_of(language):
            for node, _element in text_nodes(fixture_site.parse(path)):
                for chunk in (node.text_content or "").split():
                    if ADDRESS.search(chunk):
                        continue
                    for shown in LETTERS.findall(chunk):
                        word = shown.replace(SOFT_HYPHEN, "")
                        wanted = hyphenate(word) if len(word) >= MIN_LETTERS else word
                        assert shown == wanted, (f"/{fixture_site.url_path(path)}: {word!r} is shown as "
                                                 f"{shown.replace(SOFT_HYPHEN, '|')!r}, "
                                                 f"not {wanted.replace(SOFT_HYPHEN, '|')!r}")
                        checked[language] += SOFT_HYPHEN in wanted
    assert all(checked.values()), f"no hyphenated word on some language's pages: {checked}"


def test_no_soft_hyphen_where_the_text_is_not_read(fixture_site):
    for path in fixture_site.html_files:
        tree = fixture_site.parse(path)
        shown = fixture_site.url_path(path)
        assert SOFT_HYPHEN not in tree.head.html, f"/{shown}: a soft hyphen in <head>"
        for node in tree.body.traverse():
            assert not any(SOFT_HYPHEN in (value or "") for value in node.attributes.values()), (
                f"/{shown}: a soft hyphen in an attribute of <{node.tag}>")
        for node in tree.css(", ".join(sorted(NOT_TEXT - {"head"}))):
            assert SOFT_HYPHEN not in node.html, f"/{shown}: a soft hyphen in <{node.tag}>"
    for index in fixture_site.root.rglob("search_index.json"):
        text = index.read_text(encoding="utf-8")
        assert SOFT_HYPHEN not in text and "<wbr>" not in text, index
        assert json.loads(text)["docs"]


def test_every_shown_email_address_breaks_only_after_at_or_a_dot(fixture_site):
    links = 0
    for path in fixture_site.html_files:
        for link in fixture_site.parse(path).css('a[href^="mailto:"]'):
            address = link.attributes["href"][len("mailto:"):].split("?")[0]
            assert "<wbr>" not in address and SOFT_HYPHEN not in address
            if link.text(deep=True).strip() == address:
                links += 1
                assert link.inner_html.strip() == hyphenation.with_email_breaks(address), link.html
    assert links


def test_every_shown_phone_number_has_no_break_spaces(fixture_site):
    numbers = 0
    for path in fixture_site.html_files:
        for link in fixture_site.parse(path).css('a[href^="tel:"]'):
            for number in PHONE.findall(link.text(deep=True)):
                numbers += 1
                assert " " not in number and "\u00a0" in number, f"/{fixture_site.url_path(path)}: {number!r}"
    assert numbers


# --- a machine without Voikko ------------------------------------------------------------

def without_voikko(tmp_path: Path) -> dict[str, str]:
    """Environment in which `import libvoikko` finds a binding whose library is missing."""
    folder = tmp_path / "no-voikko"
    folder.mkdir()
    (folder / "libvoikko.py").write_text(NO_VOIKKO, encoding="utf-8")
    return {"PYTHONPATH": str(folder)}


def voikko_language_and_line(project: Path) -> tuple[str, int]:
    """The language whose words file names Voikko, and the line of its hyphenator setting."""
    for path in sorted((project / "docs" / "_data" / "words").glob("*.yml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"\s+hyphenator:\s*voikko\b", line):
                return path.stem, number
    raise AssertionError("no words file names voikko")


def test_a_build_without_voikko_stops_and_says_what_to_install(fixture_project, tmp_path):
    set_build_messages(fixture_project, "en")
    language, line = voikko_language_and_line(fixture_project)
    result = build_project(fixture_project, tmp_path / "site", extra_env=without_voikko(tmp_path))
    assert result.returncode != 0, result.output
    entries = entries_at(result.output, WORDS_FILE.format(language=language), line)
    assert len(entries) == 1, result.output
    for needed in ("settings.hyphenator", "Voikko", "apt-get install libvoikko1 voikko-fi", "brew install libvoikko"):
        assert needed in entries[0], entries[0]


def test_a_pyphen_language_without_a_dictionary_is_named():
    what, fix = hyphenation.setting_problem("pyphen", "fi")
    assert "'fi'" in what and "voikko" in fix
    assert hyphenation.setting_problem("pyphen", "sv") is None
    assert hyphenation.setting_problem("voikko", "fi") is None


@pytest.mark.slow
def test_the_preview_without_voikko_warns_once_and_serves_the_pages(fixture_project, tmp_path):
    from tests.test_preview import fetch, free_port, wait_until_served

    language, _line = voikko_language_and_line(fixture_project)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--no-strict",
         "-f", str(fixture_project / "mkdocs.yml")],
        cwd=fixture_project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **without_voikko(tmp_path)},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        wait_until_served(f"http://127.0.0.1:{port}/", server)
        status, html = fetch(f"http://127.0.0.1:{port}/")
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert status == 200 and "<h1" in html
    assert output.count("Voikko cannot hyphenate") == 1, output
    assert "apt-get install libvoikko1 voikko-fi" in output
    assert "preview goes on without hyphenation" in output
