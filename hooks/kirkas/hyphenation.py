"""Where the visible text of a page may break: soft hyphens in long words, <wbr> in addresses.

Chromium's ``hyphens: auto`` does nothing on Linux (it has no hyphenation
dictionaries there), and a long word that does not fit its line is then broken at
any letter ("Arbetsgemenskapshandl|edning") or sticks out of its box. So the build
inserts soft hyphens (U+00AD, invisible unless the line breaks there) into the long
words of the text a visitor reads, at the places the language's own hyphenator
allows. Which hyphenator a language uses is ``settings.hyphenator`` of its words file
(docs/_data/words/<language>.yml; kirkas.words checks it):

- ``voikko``: Voikko (libvoikko, the hyphenator LibreOffice uses), for Finnish, whose
  compounds and inflections no pattern file handles well. It needs the system
  library and its dictionary: ``apt-get install libvoikko1 voikko-fi`` (Debian,
  Ubuntu), ``brew install libvoikko`` (macOS); the Python binding ``libvoikko`` is in
  requirements.txt.
- ``pyphen``: Pyphen's pattern dictionaries (the LibreOffice/Hunspell ones), e.g. for
  Swedish and English. Pyphen has no Finnish dictionary.

An email address in the text gets a ``<wbr>`` after its "@" and each dot, so that a
narrow screen breaks it only there ("info@<wbr>kirkas.<wbr>example"), never in the
middle of a name.

Only text between tags is changed, never attributes, and never the text of
``<head>`` (title, meta tags, JSON-LD), scripts, styles, code, preformatted text,
keyboard input, SVG, form controls' own text (select, option, textarea), web
addresses or phone numbers. The search index is built from the pages before this
pass, so search still finds every word as written::

    hyphenator = load("voikko", "fi")            # raises Unavailable (what to install)
    breakable(html, hyphenator.hyphenate)        # the page with soft hyphens and <wbr>
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from itertools import accumulate
from pathlib import Path
from typing import Any, Protocol

from kirkas.messages import _

#: The hyphenators a words file may name (settings.hyphenator).
VOIKKO, PYPHEN = "voikko", "pyphen"
HYPHENATORS = (VOIKKO, PYPHEN)
SOFT_HYPHEN = "\u00ad"
#: Words with fewer letters are never hyphenated. Measured on the demo site at 320 px,
#: the narrowest phone: no shorter word of a heading, card, table cell, link or
#: definition list was ever broken, and every longer one that was is caught.
MIN_LETTERS = 10
#: Pyphen: at least this many letters before the first and after the last hyphen
#: ("Arbets-handledning", "super-vision": never "Ar-" or "-ar" alone on a line).
PYPHEN_LEFT, PYPHEN_RIGHT = 3, 3
#: Where Homebrew installs libvoikko (macOS), if the system's library search misses it.
VOIKKO_LIBRARY_FOLDERS = ("/opt/homebrew/lib", "/usr/local/lib")
#: Where a break in an email address is allowed (after these), marked with <wbr>.
EMAIL_BREAK = "<wbr>"

#: Elements whose text is left exactly as it is (their whole content). The last five are
#: HTML's other raw-text elements, which newer Pythons' HTMLParser hands over as one piece
#: of "text" with any tags in it.
UNTOUCHED = frozenset({
    "head", "title", "script", "style", "code", "pre", "kbd", "samp",
    "svg", "math", "select", "option", "textarea",
    "xmp", "iframe", "noembed", "noframes", "plaintext",
})
#: In text: an entity (left alone) or a run of anything but spaces and "&".
CHUNK = re.compile(r"&#?\w+;|[^\s&]+")
#: A run of letters long enough to hyphenate.
LONG_WORD = re.compile(rf"[^\W\d_]{{{MIN_LETTERS},}}")
#: An email address in a chunk of text (without the sentence's trailing punctuation).
EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")
#: A chunk that is (or holds) a web address: never hyphenated.
WEB_ADDRESS = re.compile(r"://|^www\.|\w\.\w")


class Unavailable(Exception):
    """A language's hyphenator cannot run on this machine: what is wrong and how to fix it."""

    def __init__(self, message: str, fix: str = "") -> None:
        """What is wrong (message) and what to install or change (fix)."""
        super().__init__(message)
        self.message = message
        self.fix = fix


class Hyphenator(Protocol):
    """Hyphenates one word: the word with soft hyphens where a line may break."""

    def hyphenate(self, word: str) -> str:
        """The word with U+00AD at its break points."""


class VoikkoHyphenator:
    """Voikko's hyphenation (Finnish): every result kept, per word, for the whole process."""

    def __init__(self, language: str) -> None:
        """Open Voikko's dictionary of a language; Unavailable if the library or dictionary is missing."""
        try:
            import libvoikko
        except ImportError as error:
            raise voikko_missing(language, str(error)) from error
        try:
            self._voikko = open_voikko(libvoikko, language)
        except (OSError, libvoikko.VoikkoException) as error:
            raise voikko_missing(language, str(error)) from error
        # No break that leaves one letter or splits a diphthong awkwardly ("o-mainen").
        self._voikko.setNoUglyHyphenation(True)
        self._cache: dict[str, str] = {}

    def hyphenate(self, word: str) -> str:
        """The word with a soft hyphen before each letter Voikko marks with "-"."""
        if word not in self._cache:
            pattern = self._voikko.getHyphenationPattern(word)
            self._cache[word] = "".join(
                (SOFT_HYPHEN + letter) if mark == "-" else letter for letter, mark in zip(word, pattern))
        return self._cache[word]


def open_voikko(libvoikko: Any, language: str) -> Any:
    """Voikko for a language; where the system does not find the library, Homebrew's folders."""
    try:
        return libvoikko.Voikko(language)
    except OSError:
        for folder in VOIKKO_LIBRARY_FOLDERS:
            if Path(folder).is_dir():
                libvoikko.Voikko.setLibrarySearchPath(folder)
                try:
                    return libvoikko.Voikko(language)
                except OSError:
                    continue
        raise


class PyphenHyphenator:
    """Pyphen's pattern hyphenation (Swedish, English ...): results kept per word."""

    def __init__(self, language: str) -> None:
        """Load Pyphen's dictionary of a language; Unavailable if it has none."""
        import pyphen

        dictionary = pyphen.language_fallback(language)
        if dictionary is None:
            raise Unavailable(pyphen_missing(language))
        self._pyphen = pyphen.Pyphen(lang=dictionary, left=PYPHEN_LEFT, right=PYPHEN_RIGHT)
        self._cache: dict[str, str] = {}

    def hyphenate(self, word: str) -> str:
        """The word with soft hyphens at Pyphen's break points."""
        if word not in self._cache:
            self._cache[word] = self._pyphen.inserted(word, hyphen=SOFT_HYPHEN)
        return self._cache[word]


def voikko_missing(language: str, error: str) -> Unavailable:
    """Voikko cannot hyphenate a language here: why, and what to install."""
    return Unavailable(
        _("Voikko cannot hyphenate the language '{language}' on this machine ({error}), so long "
          "words would break at any letter on narrow screens.", language=language, error=error),
        _("install the Voikko library and its Finnish dictionary: on Debian or Ubuntu "
          "`sudo apt-get install libvoikko1 voikko-fi`, on macOS `brew install libvoikko`; "
          "then run the command again."))


def pyphen_missing(language: str) -> str:
    """Why Pyphen cannot hyphenate a language, and what to do."""
    return _(
        "Pyphen has no hyphenation dictionary for the language '{language}'. Write "
        "hyphenator: voikko if Voikko hyphenates it (Finnish), or remove the language.",
        language=language)


def setting_problem(value: Any, language: str) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) of a words file's ``settings.hyphenator``, or None."""
    if value not in HYPHENATORS:
        return (_("'settings.hyphenator' must be voikko or pyphen (now {value}).", value=repr(value)),
                _("Write voikko (Finnish) or pyphen (e.g. Swedish, English)."))
    if value == PYPHEN:
        import pyphen

        if pyphen.language_fallback(language) is None:
            return (_("Pyphen has no hyphenation dictionary for the language '{language}'.", language=language),
                    _("Write hyphenator: voikko if Voikko hyphenates it (Finnish), or remove the language."))
    return None


_loaded: dict[tuple[str, str], Hyphenator] = {}


def load(kind: str, language: str) -> Hyphenator:
    """The hyphenator of a kind for a language, opened once per process (its cache with it)."""
    key = (kind, language)
    if key not in _loaded:
        _loaded[key] = VoikkoHyphenator(language) if kind == VOIKKO else PyphenHyphenator(language)
    return _loaded[key]


def with_email_breaks(address: str) -> str:
    """An email address with <wbr> after its "@" and every dot: 'info@<wbr>kirkas.<wbr>example'."""
    return re.sub(r"([@.])(?=.)", rf"\1{EMAIL_BREAK}", address)


def breakable_chunk(chunk: str, hyphenate: Callable[[str], str] | None) -> str:
    """One run of non-space text: an email address gets <wbr>, a long word soft hyphens."""
    if "@" in chunk:
        return EMAIL.sub(lambda match: with_email_breaks(match.group(0)), chunk)
    if hyphenate is None or WEB_ADDRESS.search(chunk):
        return chunk
    return LONG_WORD.sub(lambda match: hyphenate(match.group(0)), chunk)


def breakable_text(text: str, hyphenate: Callable[[str], str] | None) -> str:
    """Text between tags with its long words hyphenated and email addresses breakable."""
    return CHUNK.sub(
        lambda match: match.group(0) if match.group(0)[0] == "&" else breakable_chunk(match.group(0), hyphenate),
        text)


class TextFinder(HTMLParser):
    """Where a page's readable text is: (offset, text) of each piece of it, in order.

    Python's own HTML parser reads the page; a piece of text (between tags, comments and
    entities) outside the untouched elements is noted with its place in the page, so
    that everything else can be copied as it was written. Entities are not text here
    (``convert_charrefs=False``): "työ&shy;nohjaus" is the two pieces "työ" and "nohjaus".
    """

    def __init__(self, html: str) -> None:
        """A finder for one page (feed it that page)."""
        super().__init__(convert_charrefs=False)
        #: Where each line of the page starts (getpos() tells a line and a column).
        self.line_starts = list(accumulate(map((1).__add__, map(len, html.split("\n"))), initial=0))
        #: The untouched elements open at this point, innermost last.
        self.untouched: list[str] = []
        self.texts: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """An untouched element opens: its content is left alone up to its end tag."""
        if tag in UNTOUCHED:
            self.untouched.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """``<svg ... />``: closed at once, it leaves nothing open."""

    def handle_endtag(self, tag: str) -> None:
        """An untouched element ends, and whatever was left open inside it (``<option>``)."""
        if tag in self.untouched:
            while self.untouched.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        """A piece of text: noted with its offset if a visitor reads it and it may change."""
        if not self.untouched and (len(data) >= MIN_LETTERS or "@" in data):
            line, column = self.getpos()
            self.texts.append((self.line_starts[line - 1] + column, data))


def breakable(html: str, hyphenate: Callable[[str], str] | None) -> str:
    """A page's HTML with soft hyphens in the long words of its visible text and <wbr> in emails.

    ``hyphenate`` turns a word into its hyphenated form (None: email addresses only).
    Only pieces of text change; tags, comments, entities and the untouched elements are
    copied from the page as they were, byte for byte.
    """
    finder = TextFinder(html)
    finder.feed(html)
    finder.close()
    out: list[str] = []
    copied = 0  # the page is in out up to here
    for start, text in finder.texts:
        changed = breakable_text(text, hyphenate)
        if changed == text or not html.startswith(text, start):  # (the parser's offsets, checked)
            continue
        out.append(html[copied:start])
        out.append(changed)
        copied = start + len(text)
    out.append(html[copied:])
    return "".join(out)
