"""Typography of the pages: the space before %, quotation marks and apostrophes.

Checked in the Markdown source of every page, in every language, once per build,
where the owner writes it (the rendered HTML no longer tells a typed character from
one the theme added). Each page follows the rules of its own language:

- ``%`` after a number: the language's space from its Babel (CLDR) percent pattern,
  e.g. a no-break space (U+00A0) in ``50 %`` or none in ``50%``. An ordinary space
  would let the line break between the number and the sign; ``&nbsp;`` counts as a
  no-break space.
- Double quotation marks: the language's own, ``settings.quotes`` of its words file
  (docs/_data/words/<language>.yml: ``”…”`` or ``“…”``), never straight ``"…"``.
- Apostrophes: the typographic ``’`` (``doesn’t``), never a straight ``'``.

Only the text a reader sees is checked: front matter, fenced and inline code, HTML
comments (the data references), HTML tags and their attributes, link targets and
titles, attribute lists ``{ … }`` and bare web addresses are skipped; of an
admonition line only its title is checked. Every problem is reported once, with the
file, the line, what is wrong and how to fix it, in the build's report (kirkas.problems).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from kirkas import i18n, words
from kirkas.formatting import babel_locale
from kirkas.messages import _
from kirkas.problems import REPORT, Location, Problem

APOSTROPHE = "’"
NO_BREAK_SPACES = "\u00a0\u202f"
#: Every kind of double quotation mark; the language allows only its own two.
DOUBLE_QUOTES = "\"“”„«»"
#: How the owner may write a no-break space in Markdown.
NBSP_ENTITY = re.compile(r"&(?:nbsp|#160|#[xX][aA]0);")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
INLINE_CODE = re.compile(r"(`+).+?\1")
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
LINK_TARGET = re.compile(r"\]\((?:<[^>]*>|[^()\s]*(?:\([^()]*\)[^()\s]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s")
ATTRIBUTE_LIST = re.compile(r"\{:?\s*(?=[.#]|[\w-]+=)[^{}]*\}")
WEB_ADDRESS = re.compile(r"\b(?:https?|mailto|tel):\S+")
ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+[\w-]+)*\s*(?:\"(?P<title>.*)\")?\s*$")
#: A number (or a data reference, which shows one) and the space, if any, before %.
PERCENT = re.compile(r"(?P<number>\d+(?:[.,]\d+)?|\x00)(?P<space>[ \t\u00a0\u202f]*)%")
#: Stand-in for a data reference in the checked text: it shows a value (e.g. a number).
VALUE = "\x00"


@dataclass(frozen=True)
class Rules:
    """The typography of one page language."""

    language: str
    name: str
    percent_space: str
    quotes: tuple[str, str]


#: What a check finds on a line: (kind, the offending text, what is wrong, how to fix it).
Finding = tuple[str, str, str, str]


def percent_space(language: str) -> str:
    """The space a language writes between a number and % (CLDR): '\\u00a0' or ''."""
    pattern = babel_locale(language).percent_formats[None].pattern
    match = re.search(r"[0#]([^0#%]*)%", pattern)
    return match.group(1) if match else ""


def rules_for(config: MkDocsConfig) -> dict[str, Rules]:
    """Typography rules of every built language (quotation marks from its words file's settings)."""
    book = words.for_config(config)
    rules = {}
    for language in i18n.languages(config):
        settings = book.settings(language)
        name = babel_locale(language).get_display_name("en") or language
        rules[language] = Rules(language, name.split(" (")[0], percent_space(language), settings.quotes)
    return rules


def page_language(src_uri: str, locales: list[str]) -> str:
    """The language of a page from its file name: 'x.sv.md' -> 'sv', 'x.md' -> the default."""
    stem, _dot, suffix = PurePosixPath(src_uri).stem.rpartition(".")
    return suffix if stem and suffix in locales[1:] else locales[0]


def checked_lines(markdown: str) -> Iterator[tuple[int, str]]:
    """(line number, visible text) of every line a reader sees, markup removed.

    A data reference or other comment becomes ``VALUE``; everything else that is
    not text (see the module docstring) is dropped, so what remains is prose.
    """
    lines = markdown.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        start = end + 1 if end is not None else 0
    fence: str | None = None
    in_comment = False
    for index in range(start, len(lines)):
        line = lines[index]
        opening = FENCE.match(line)
        if opening and not in_comment:
            marker = opening.group(1)[0] * 3
            fence = None if fence == marker else (fence or marker)
            continue
        if fence:
            continue
        if in_comment:
            if "-->" not in line:
                continue
            line, in_comment = line.split("-->", 1)[1], False
        line = COMMENT.sub(VALUE, line)
        if "<!--" in line:
            line, in_comment = line.split("<!--", 1)[0], True
        if REFERENCE_DEFINITION.match(line):
            continue
        admonition = ADMONITION.match(line)
        if admonition:
            line = admonition.group("title") or ""
        line = INLINE_CODE.sub(" ", line)
        line = LINK_TARGET.sub("]", line)
        line = ATTRIBUTE_LIST.sub(" ", line)
        line = HTML_TAG.sub(" ", line)
        line = WEB_ADDRESS.sub(" ", line)
        line = NBSP_ENTITY.sub("\u00a0", line)
        if line.strip():
            yield index + 1, line


def shown(text: str) -> str:
    """Text quoted in a message, with the data-reference stand-in shown as a number."""
    return text.replace(VALUE, "0").strip()


def percent_problem(text: str, rules: Rules) -> Finding | None:
    """What is wrong with the space before % on a line, if anything."""
    for match in PERCENT.finditer(text):
        space = match.group("space")
        if space == rules.percent_space:
            continue
        written = shown(match.group(0))
        right = shown(match.group("number") + rules.percent_space + "%")
        if not rules.percent_space:
            return ("percent-space", written, _("A space before the per cent sign in '{text}'.", text=written),
                    _("Pages in this language write the number and % together: '{right}'.",
                      right=right))
        if space and space not in NO_BREAK_SPACES:
            message = _("An ordinary space before the per cent sign in '{text}'.", text=written)
        elif not space:
            message = _("No no-break space before the per cent sign in '{text}'.", text=written)
        else:
            message = _("A different space before the per cent sign in '{text}'.", text=written)
        return ("percent-space", written, message, _(
            "Pages in this language write a no-break space (U+00A0) between the number and %, "
            "so that they stay on one line: '{right}' (type it with Option+Space on a Mac or "
            "Alt+0160 on Windows, or write {number}&nbsp;%).",
            right=right, number=shown(match.group("number"))))
    return None


def quote_problem(text: str, rules: Rules) -> Finding | None:
    """What is wrong with the double quotation marks on a line, if anything."""
    opening, closing = rules.quotes
    wrong = [mark for mark in text if mark in DOUBLE_QUOTES and mark not in rules.quotes]
    if not wrong:
        return None
    quoted = re.search(r"[\"“”„«»]([^\"“”„«»]{1,60})[\"“”„«»]", text)
    example = f"{opening}{shown(quoted.group(1))}{closing}" if quoted else f"{opening}…{closing}"
    written = shown(quoted.group(0)) if quoted else wrong[0]
    if '"' in wrong:
        message = _("Straight quotation marks in '{text}'.", text=written)
    else:
        message = _("The quotation mark {mark} in '{text}'.", mark=wrong[0], text=written)
    return ("quotes", written, message, _(
        "Pages in this language use {opening}…{closing}: write {example}.",
        opening=opening, closing=closing, example=example))


def apostrophe_problem(text: str, rules: Rules) -> Finding | None:
    """What is wrong with the apostrophes on a line, if anything."""
    match = re.search(r"\S*'\S*", text)
    if not match:
        return None
    word = shown(match.group(0)).strip("*_")
    return ("apostrophe", word, _("A straight apostrophe in '{word}'.", word=word), _(
        "Write the typographic apostrophe {apostrophe}: {fixed}.",
        apostrophe=APOSTROPHE, fixed=word.replace(chr(39), APOSTROPHE)))


CHECKS = (percent_problem, quote_problem, apostrophe_problem)


def page_problems(file: str, markdown: str, rules: Rules) -> list[Problem]:
    """Every typography problem of one page (file: 'hinnat.md'), each reported once per line."""
    problems = []
    for line_number, text in checked_lines(markdown):
        for check in CHECKS:
            finding = check(text, rules)
            if finding:
                kind, detail, message, fix = finding
                problems.append(Problem(Location(f"docs/{file}", line_number), kind, detail, message, fix))
    return problems


@event_priority(100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Check every page of every language once per build (in the default language's build)."""
    if not i18n.is_default_language_build(config):
        return files
    rules = rules_for(config)
    locales = i18n.languages(config)
    for file in sorted(files, key=lambda file: file.src_uri):
        if not file.is_documentation_page() or file.inclusion.is_excluded():
            continue
        language = page_language(file.src_uri, locales)
        if language not in rules:
            continue
        for problem in page_problems(file.src_uri, file.content_string, rules[language]):
            REPORT.add(problem)
    return files
