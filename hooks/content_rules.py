"""Content rules that every page of every language follows, checked by the build.

Whatever a practice writes, a visitor and a search engine need the same things from
each page. The build checks them on the page's own content (the Markdown rendered,
with the data file's blocks in place) and reports each problem once, with the file,
the line and how to fix it, in the build's report (kirkas.problems):

- exactly one main heading (a line ``# …``), and headings that go down one level at a
  time (``#``, ``##``, ``###``: none skipped);
- on the questions page (``role: faq``), an answer below every question (``###``);
- its own description (front matter ``description:``) of 50–160 characters, not the
  same as another page's in the same language (a page without one is named by the
  build guard);
- no placeholder text (lorem ipsum, TODO, TBD, FIXME, XXX);
- a quote link written on a service page (``services.ID.page`` in the data file)
  preselects the service (``?service=ID``);
- a supervisor's page (``supervisors.ID.page``) names them in its main heading.

What every page of a type shows whatever its text says comes from its template
(overrides/layouts/): the call to ask for a quote on every page, a service's prices and
leads in its side card, a supervisor's portrait and direct contact details.

The rules of one page are checked when MkDocs has rendered it; the rules that compare
pages (descriptions) and need the quote form's page once every page of the language
is rendered (``on_env``).
"""

from __future__ import annotations

import html as html_text
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from selectolax.lexbor import LexborHTMLParser

from kirkas import i18n, roles, words
from kirkas.messages import _
from kirkas.practice import Practice, load_practice
from kirkas.problems import REPORT, Location, Problem

#: The length of a description that search results show whole.
DESCRIPTION_MIN, DESCRIPTION_MAX = 50, 160
#: Text that marks an unfinished page: written in capitals (TODO) or lorem ipsum in any case.
PLACEHOLDER = re.compile(r"\b(?:TODO|TBD|FIXME|XXX)\b|\blorem(?:\s+ipsum)?\b|\bipsum\b", re.IGNORECASE)
CAPITALS_ONLY = ("todo", "tbd", "fixme", "xxx")
#: Parts of the rendered content a reader does not see as text.
NOT_TEXT = "script, style, template, noscript, code, pre"
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
MAIN_HEADING = re.compile(r"^#(?:\s|$)|<h1[\s>]", re.IGNORECASE)
#: After the data references and blocks are rendered (hooks/practice_data.py).
AFTER_BLOCKS = -100
#: After hooks/page_roles.py has collected the language's role pages and quote form.
AFTER_ROLES = -50


@dataclass
class PageRecord:
    """One rendered page of the language being built, with its source."""

    file: str
    base: str
    url: str
    language: str
    source: str
    description: Any
    content: LexborHTMLParser
    role: str | None = None

    def lines(self) -> list[str]:
        """The source file's lines."""
        return self.source.split("\n")


_records: list[PageRecord] = []


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Start each language's build without the pages of a build that stopped half-way."""
    _records.clear()


@event_priority(AFTER_BLOCKS)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Keep each rendered page of the language for the checks once all are rendered."""
    _records.append(PageRecord(
        file=f"docs/{page.file.src_uri}",
        base=roles.neutral_path(page),
        url=page.url,
        language=i18n.current_language(config),
        source=page.file.content_string,
        description=(page.meta or {}).get("description"),
        content=LexborHTMLParser(html),
        role=roles.role_of(page),
    ))
    return html


@event_priority(AFTER_ROLES)
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Check every page of the language being built, then forget them."""
    records, _records[:] = list(_records), []
    practice = load_practice(Path(config.config_file_path).parent, config.docs_dir, i18n.languages(config))
    language = i18n.current_language(config)
    quote_label = html_text.unescape(str(words.for_config(config).words(language).header.quote))
    quote_files = {file.url: roles.neutral_path(file.page) for file in files.documentation_pages()
                   if getattr(file, "page", None) is not None}
    descriptions: dict[str, PageRecord] = {}
    for record in records:
        check_main_heading(record)
        check_heading_levels(record)
        check_faq_answers(record)
        check_description(record, descriptions)
        check_placeholders(record, practice)
        quote = quote_target(record)
        if quote is not None and quote[0] in quote_files:
            check_quote_link(record, quote, quote_files[quote[0]], quote_label, practice)
        if not practice.errors:
            check_supervisor_page(record, practice)
    return env


# --- where things are in the source -------------------------------------------------
def body_lines(record: PageRecord) -> list[tuple[int, str]]:
    """(line number, text) of the page's Markdown outside front matter and code fences."""
    lines = record.lines()
    start = 0
    if lines and lines[0].strip() == "---":
        end = next((index for index in range(1, len(lines)) if lines[index].strip() in ("---", "...")), None)
        start = end + 1 if end is not None else 0
    found, fence = [], None
    for index in range(start, len(lines)):
        opening = FENCE.match(lines[index])
        if opening:
            marker = opening.group(1)[0] * 3
            fence = None if fence == marker else (fence or marker)
            continue
        if not fence:
            found.append((index + 1, lines[index]))
    return found


def main_heading_lines(record: PageRecord) -> list[int]:
    """Lines that start a main heading ('# Title' or <h1>)."""
    return [number for number, line in body_lines(record) if MAIN_HEADING.search(line.lstrip())]


def heading_line(record: PageRecord) -> int:
    """Where a page-wide problem is shown: its main heading, else the first line of its text."""
    headings = main_heading_lines(record)
    if headings:
        return headings[0]
    body = [number for number, line in body_lines(record) if line.strip()]
    return body[0] if body else 1


def front_matter_line(record: PageRecord, key: str) -> int:
    """The line of a front matter key (1 if it is not found)."""
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    return next((number for number, line in enumerate(record.lines(), 1) if pattern.match(line)), 1)


def line_with(record: PageRecord, needles: list[str], skip: int = 0) -> int | None:
    """The line of the page's text where the first needle found is written (its skip-th use)."""
    for needle in needles:
        seen = 0
        for number, line in body_lines(record):
            if needle and needle in line:
                if seen == skip:
                    return number
                seen += 1
    return None


def add(record: PageRecord, line: int, kind: str, detail: str, message: str, fix: str) -> None:
    """Report a problem of a page at a line of its file."""
    REPORT.add(Problem(Location(record.file, line), kind, detail, message, fix), page=record.url)


def markdown_link(record: PageRecord, target: str) -> str:
    """How the page links to another file in Markdown: a path relative to its own folder."""
    return posixpath.relpath(target, posixpath.dirname(record.base) or ".")


# --- the rules -----------------------------------------------------------------------
def check_main_heading(record: PageRecord) -> None:
    """Exactly one main heading: the page's title for readers, search engines and screen readers."""
    count = len(record.content.css("h1"))
    if count == 1:
        return
    if count == 0:
        add(record, heading_line(record), "main-heading", "0",
            _("The page has no main heading."),
            _("Write the page's title as the first line of its text, after the front matter: "
              "'# Title'."))
        return
    lines = main_heading_lines(record)
    add(record, lines[1] if len(lines) > 1 else heading_line(record), "main-heading", str(count),
        _("The page has {count} main headings; a page has exactly one.", count=count),
        _("Keep one line that starts with '# ' (the page's title) and make the others "
          "subheadings: '## …'."))


ATX_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def check_heading_levels(record: PageRecord) -> None:
    """Headings go down one level at a time (# then ##, not # then ###): screen readers navigate by them."""
    previous = 0
    for number, line in body_lines(record):
        match = ATX_HEADING.match(line)
        if not match:
            continue
        level = len(match.group(1))
        if previous and level > previous + 1:
            add(record, number, "heading-level", line.strip(),
                _("The heading '{heading}' skips a level: the heading before it has {before} #.",
                  heading=line.strip(), before=previous),
                _("Write it with {level} # ('{fixed}'), or add a heading with {level} # above it that "
                  "groups it.", level=previous + 1, fixed="#" * (previous + 1) + " " + match.group(2)))
        previous = level


#: The heading level of a question on the questions page (role: faq; ## headings group them).
QUESTION_LEVEL = 3


def check_faq_answers(record: PageRecord) -> None:
    """On the questions page, every question (### heading) has its answer below it."""
    if record.role != "faq":
        return
    question: tuple[int, str] | None = None
    answered = False
    for number, line in [*body_lines(record), (0, "# end")]:
        match = ATX_HEADING.match(line)
        if not match:
            answered = answered or bool(line.strip())
            continue
        if question and not answered:
            add(record, question[0], "faq-answer", question[1],
                _("The question '{question}' has no answer.", question=question[1]),
                _("Write the answer below it, or remove the question."))
        question = (number, match.group(2)) if len(match.group(1)) == QUESTION_LEVEL else None
        answered = False


def check_description(record: PageRecord, seen: dict[str, PageRecord]) -> None:
    """The description's length, and no two pages of a language with the same one."""
    if not isinstance(record.description, str) or not record.description.strip():
        return  # the build guard names a page without a description
    text = " ".join(record.description.split())
    line = front_matter_line(record, "description")
    if not DESCRIPTION_MIN <= len(text) <= DESCRIPTION_MAX:
        add(record, line, "description-length", str(len(text)),
            _("The description is {length} characters long; search results show "
              "{minimum}–{maximum}.", length=len(text), minimum=DESCRIPTION_MIN, maximum=DESCRIPTION_MAX),
            _("Write one or two sentences of {minimum}–{maximum} characters that tell what "
              "this page offers.", minimum=DESCRIPTION_MIN, maximum=DESCRIPTION_MAX))
    first = seen.setdefault(text.casefold(), record)
    if first is not record:
        add(record, line, "description-twice", first.file,
            _("The description is the same as that of {file}, line {line}: search results "
              "could not tell the pages apart.", file=first.file, line=front_matter_line(first, "description")),
            _("Write a description of its own for each page."))


def visible_text(record: PageRecord) -> str:
    """The text of the rendered page that a reader sees."""
    copy = LexborHTMLParser(record.content.html or "")
    for node in copy.css(NOT_TEXT):
        node.decompose()
    root = copy.body or copy.root
    return " ".join(root.text(separator=" ").split()) if root is not None else ""


def check_placeholders(record: PageRecord, practice: Practice) -> None:
    """No text that stands for text still to be written."""
    found: list[str] = []
    for match in PLACEHOLDER.finditer(visible_text(record)):
        word = match.group(0)
        if word.casefold() in CAPITALS_ONLY and word != word.upper():
            continue
        if word not in found:
            found.append(word)
    for word in found:
        line = line_with(record, [word])
        if line is not None:
            location = Location(record.file, line)
        else:  # a value of the data file shown on the page
            data_line = data_file_line(practice, word)
            location = Location(practice.display_name, data_line) if data_line else Location(record.file, heading_line(record))
        REPORT.add(Problem(location, "placeholder", word,
                           _("Placeholder text '{word}' is shown on the page.", word=word),
                           _("Write the real text in its place, or remove it.")), page=record.url)


def data_file_line(practice: Practice, word: str) -> int | None:
    """The line of the data file that holds a word (outside comments)."""
    try:
        lines = practice.source.read_text(encoding="utf-8").split("\n")
    except OSError:
        return None
    return next((number for number, line in enumerate(lines, 1) if word in line.split("#", 1)[0]), None)


def quote_target(record: PageRecord) -> tuple[str, str] | None:
    """(site-relative page, anchor) of this language's quote form; None if there is none."""
    href = roles.quote_href(record.url)
    if not href:
        return None
    target = urlsplit(urljoin("/" + record.url, href))
    return target.path.lstrip("/"), target.fragment


def links_to(record: PageRecord, path: str) -> list[tuple[Any, str, str]]:
    """(link, query, fragment) of every link of the page's content to a site-relative page."""
    found = []
    for link in record.content.css("a[href]"):
        target = urlsplit(urljoin("/" + record.url, link.attributes.get("href") or ""))
        if target.scheme in ("", "http", "https") and not target.netloc and target.path.lstrip("/") == path:
            found.append((link, target.query, target.fragment))
    return found


def service_of(record: PageRecord, practice: Practice) -> str | None:
    """The id of the service whose page this is (services.ID.page), if any."""
    return next((service_id for service_id, service in practice.services().items()
                 if isinstance(service, dict) and service.get("page") == record.base), None)


def supervisor_of(record: PageRecord, practice: Practice) -> str | None:
    """The id of the supervisor whose page this is (supervisors.ID.page), if any."""
    return next((person_id for person_id, person in practice.supervisors().items()
                 if isinstance(person, dict) and person.get("page") == record.base), None)


def check_quote_link(record: PageRecord, quote: tuple[str, str], quote_file: str, label: str,
                     practice: Practice) -> None:
    """A quote link written on a service's page chooses the service in the form.

    (Every page gets its call to ask for a quote from its template, overrides/layouts/.)
    """
    path, anchor = quote
    if record.url == path:
        return
    service_id = service_of(record, practice) if not practice.errors else None
    if not service_id:
        return
    example = (f"[{label}]({markdown_link(record, quote_file)}?service={service_id}#{anchor})"
               "{ .md-button .md-button--primary }")
    used: dict[str, int] = {}
    for link, link_query, fragment in links_to(record, path):
        if fragment != anchor or parse_qs(link_query).get("service") == [service_id]:
            continue
        text = link.text(strip=True)
        skip = used.get(text, 0)
        used[text] = skip + 1
        line = line_with(record, [f"[{text}](", f"#{anchor}"], skip) or heading_line(record)
        add(record, line, "quote-link-service", text,
            _("The quote link '{text}' does not choose this page's service in the form.", text=text),
            _("Add ?service={service} before the #: {example}", service=service_id, example=example))


def check_supervisor_page(record: PageRecord, practice: Practice) -> None:
    """A supervisor's page names them in its main heading (portrait and contact come from its template)."""
    person_id = supervisor_of(record, practice)
    if person_id is None:
        return
    person = practice.supervisors()[person_id]
    heading = record.content.css_first("h1")
    name = str(person.get("name") or "")
    if name and heading is not None and name not in " ".join(heading.text().replace("\u00ad", "").split()):
        add(record, heading_line(record), "supervisor-name", name,
            _("The main heading of the page does not name {name}.", name=name),
            _("Write their name in the heading: '# {name}'.", name=name))
