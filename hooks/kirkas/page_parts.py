"""The parts of a page's content that the page templates lay out.

The owner writes plain Markdown: a ``#`` title, paragraphs, ``##`` sections, ``###``
questions on the FAQ page. The page templates (overrides/layouts/) place the parts
of the rendered content in their own layout: the title and its lead paragraph in
the page's header band, the home page's hero beside its illustration, a call to
action between two sections of a service page, the FAQ's questions as an accordion.
This module cuts the rendered HTML into those parts; it never writes markup of its
own (the templates do)::

    parts = page_parts.split(page.content)
    parts.title        # '<h1 id="…">…</h1>' (or '')
    parts.lead         # the paragraph right after the title (or '')
    parts.body         # everything else, in order
    page_parts.split_before_section(parts.body, 3)   # (before the 3rd ## section, from it on)
    page_parts.hero(page.content)   # (hero, rest): a .kirkas-hero element, or all before the first ##
    page_parts.faq(parts.body)      # intro, groups of questions (## sections of ### questions), outro
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup
from selectolax.lexbor import LexborHTMLParser, LexborNode

#: The element the home page's hero may be written in (<div class="kirkas-hero" markdown>).
HERO_CLASS = "kirkas-hero"
#: Nodes that are not content (whitespace between elements, comments).
SKIPPED = ("-comment",)


def _nodes(html: str) -> list[LexborNode]:
    """The top-level nodes of an HTML fragment, in order."""
    body = LexborHTMLParser(f"<body>{html}</body>").body
    return list(body.iter(include_text=True)) if body is not None else []


def _html(nodes: list[LexborNode]) -> Markup:
    """The nodes written back as HTML (comments dropped)."""
    return Markup("".join(node.html or "" for node in nodes if node.tag not in SKIPPED))


def _is_blank(node: LexborNode) -> bool:
    """True for whitespace between elements."""
    return node.tag == "-text" and not (node.text_content or "").strip()


def _contains(node: LexborNode, tag: str) -> bool:
    """True if the node is, or holds, an element of this tag."""
    return node.tag == tag or (node.tag != "-text" and node.css_first(tag) is not None)


@dataclass
class PageParts:
    """A page's content cut for its template."""

    title: Markup = Markup("")
    lead: Markup = Markup("")
    body: Markup = Markup("")


def split(html: str) -> PageParts:
    """The title (the first H1), the paragraph right after it, and the rest."""
    nodes = _nodes(html)
    title_at = next((index for index, node in enumerate(nodes) if node.tag == "h1"), None)
    if title_at is None:
        return PageParts(body=_html(nodes))
    after = title_at + 1
    while after < len(nodes) and _is_blank(nodes[after]):
        after += 1
    lead_nodes: list[LexborNode] = []
    if after < len(nodes) and nodes[after].tag == "p":
        lead_nodes = [nodes[after]]
        after += 1
    return PageParts(
        title=_html([nodes[title_at]]),
        lead=_html(lead_nodes),
        body=_html(nodes[:title_at] + nodes[after:]),
    )


def split_before_section(html: str, number: int) -> tuple[Markup, Markup]:
    """(before, from) the ``number``-th top-level section heading (H2); ('all', '') if fewer."""
    nodes = _nodes(html)
    seen = 0
    for index, node in enumerate(nodes):
        if node.tag == "h2":
            seen += 1
            if seen == number:
                return _html(nodes[:index]), _html(nodes[index:])
    return _html(nodes), Markup("")


def section_count(html: str) -> int:
    """The number of top-level section headings (H2)."""
    return sum(1 for node in _nodes(html) if node.tag == "h2")


def hero(html: str) -> tuple[Markup, Markup]:
    """The home page's hero and the rest.

    The hero is the content of a ``.kirkas-hero`` element if the page starts with one,
    else everything before the first section (the first node that is or holds an H2).
    """
    nodes = _nodes(html)
    content = [node for node in nodes if not _is_blank(node) and node.tag not in SKIPPED]
    if content and HERO_CLASS in (content[0].attributes.get("class") or "").split():
        start = nodes.index(content[0])
        return Markup(content[0].inner_html or ""), _html(nodes[start + 1:])
    cut = next((index for index, node in enumerate(nodes) if _contains(node, "h2")), len(nodes))
    return _html(nodes[:cut]), _html(nodes[cut:])


@dataclass
class Question:
    """One FAQ question (an H3) and its answer (everything up to the next heading)."""

    id: str
    question: Markup
    answer: Markup


@dataclass
class QuestionGroup:
    """A section of the FAQ (an H2, or none for questions before the first one)."""

    heading: Markup
    questions: list[Question] = field(default_factory=list)
    #: Text between the section heading and its first question.
    intro: Markup = Markup("")


@dataclass
class Faq:
    """The FAQ page's body: its introduction, its groups of questions, what follows them."""

    intro: Markup = Markup("")
    groups: list[QuestionGroup] = field(default_factory=list)

    @property
    def questions(self) -> list[Question]:
        """Every question, in order."""
        return [question for group in self.groups for question in group.questions]


def faq(html: str) -> Faq:
    """Group the ``###`` questions under their ``##`` sections.

    Text before the first heading is the introduction; text between a section heading and
    its first question is that section's introduction. An H4 or lower inside an answer stays
    part of the answer.
    """
    result = Faq()
    intro: list[LexborNode] = []
    group: QuestionGroup | None = None
    group_intro: list[LexborNode] = []
    question: LexborNode | None = None
    answer: list[LexborNode] = []

    def close_question() -> None:
        nonlocal question, answer
        if question is not None and group is not None:
            group.questions.append(Question(
                question.attributes.get("id") or "",
                Markup(question.inner_html or ""),
                _html(answer)))
        question, answer = None, []

    def close_group_intro() -> None:
        nonlocal group_intro
        if group is not None and group_intro:
            group.intro = _html(group_intro)
        group_intro = []

    for node in _nodes(html):
        if node.tag == "h2":
            close_question()
            close_group_intro()
            group = QuestionGroup(_html([node]))
            result.groups.append(group)
        elif node.tag == "h3":
            close_question()
            close_group_intro()
            if group is None:
                group = QuestionGroup(Markup(""))
                result.groups.append(group)
            question = node
        elif question is not None:
            answer.append(node)
        elif group is not None:
            group_intro.append(node)
        else:
            intro.append(node)
    close_question()
    close_group_intro()
    result.intro = _html(intro)
    return result


def label_table_cells(html: str) -> str:
    """Give every body cell of a Markdown table its column's heading as ``data-label``.

    On phones a table is shown as a list of cards (kirkas.css), each cell with its label.
    Returns the HTML unchanged when it has no table with a heading row.
    """
    if "<table" not in html:
        return html
    tree = LexborHTMLParser(f"<body>{html}</body>")
    changed = False
    for table in tree.css("table"):
        if table.attributes.get("class"):
            continue  # a block's own table (the price table labels its cells itself)
        headings = [" ".join(cell.text(deep=True).split()) for cell in table.css("thead th")]
        if not headings:
            continue
        for row in table.css("tbody tr"):
            for column, cell in enumerate(row.css("td, th")):
                if column < len(headings) and "data-label" not in cell.attributes:
                    cell.attrs["data-label"] = headings[column]
                    changed = True
    return (tree.body.inner_html or html) if changed and tree.body is not None else html
