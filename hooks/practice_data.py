"""Render the practice data into the pages: the Markdown reference syntax.

Pages never repeat a phone number, email, price or the VAT rate; they reference
docs/_data/practice.yml with HTML comments (see docs/_ohjeet/OPAS.md):

- ``<!-- data: PATH -->``               one value, formatted for the page language
  (``practice.name`` is the practice's name: mkdocs.yml's site_name of the language)
- ``<!-- price: SERVICE.PRICE -->``     a net price; ``... gross -->`` incl. VAT
- blocks alone on their line: ``<!-- prices -->``, ``<!-- prices: ID -->``,
  ``<!-- service-cards -->``, ``<!-- supervisor-cards -->``,
  ``<!-- supervisor-contact: ID -->``, ``<!-- quote-contact -->`` (the supervisor who
  answers quote requests in the page's language), ``<!-- contact-card -->``,
  ``<!-- quote-form -->``

Blocks are rendered from overrides/partials/kirkas/<block>.html with the words of the
page's language (kirkas.words). The data file is loaded and checked once per build
(in the default language's on_config) and is available to templates as
``config.extra.practice`` (raw data) and ``kirkas`` (formatted for the page's language).
"""

from __future__ import annotations

import difflib
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kirkas import formatting, i18n, roles, words
from kirkas.messages import _
from kirkas.practice import Practice, load_practice
from kirkas.problems import REPORT, Location, Problem
from kirkas.views import PracticeView, localized


#: Blocks and the argument they take (None = no argument, "optional", "required").
BLOCKS = {
    "prices": "optional",
    "service-cards": None,
    "supervisor-cards": None,
    "supervisor-contact": "required",
    "quote-contact": None,
    "contact-card": None,
    "quote-form": None,
}
INLINE_KINDS = ("data", "price")
REFERENCE_KINDS = (*INLINE_KINDS, *BLOCKS)
#: Any HTML comment; whether it is a reference is decided by its first word.
COMMENT = re.compile(r"<!--(?P<body>.*?)-->", re.DOTALL)
REFERENCE_BODY = re.compile(r"\s*(?P<kind>[A-Za-z][\w-]*)\s*(?::\s*(?P<argument>.*?))?\s*$", re.DOTALL)
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
#: A Markdown (ATX) heading line: its #'s give its level.
HEADING = re.compile(r"^ {0,3}(#{1,6})(?:\s|$)")
LANGUAGE_CODE_LISTS = ("languages", "languages_on_request")
TEMPLATE_DIR = "partials/kirkas"
#: The practice's name: site_name of the page's language in mkdocs.yml, not a data field.
SITE_NAME_REFERENCE = "practice.name"
#: Blocks rendered from another block's template.
BLOCK_TEMPLATES = {"quote-contact": "supervisor-contact"}
#: The quote form block's placeholder is found in the page's HTML to locate the form.
QUOTE_FORM = "quote-form"

_practice: Practice | None = None
_env: Environment | None = None
_blocks: dict[str, str] = {}
_token_prefix = "KIRKASBLOCK" + secrets.token_hex(4)


@dataclass
class Reference:
    """One reference found in a page, with its place in the source file."""

    text: str
    kind: str
    argument: str
    file: str
    line: int

    def fail(self, message: str, candidates: list[str] | None = None, wrong: str = "") -> None:
        """Report a problem naming file, line, the reference and close matches."""
        fix = ""
        if candidates:
            close = difflib.get_close_matches(wrong or self.argument, candidates, n=3, cutoff=0.5)
            if close:
                fix = _("Did you mean: {candidates}?", candidates=", ".join(close))
            else:
                fix = _("Possible values: {candidates}.", candidates=", ".join(candidates))
        REPORT.add(Problem(Location(f"docs/{self.file}", self.line), "data-reference",
                           self.text.strip(), f"{self.text.strip()}: {message}", fix))


class ReferenceProblem(Exception):
    """A reference that cannot be rendered; carries the message and candidates."""

    def __init__(self, message: str, candidates: list[str] | None = None, wrong: str = ""):
        super().__init__(message)
        self.message, self.candidates, self.wrong = message, candidates, wrong


def practice() -> Practice:
    """The practice data loaded for this build."""
    if _practice is None:
        raise PluginError("practice data is not loaded (hooks/practice_data.py on_config)")
    return _practice


@event_priority(50)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check practice.yml once per build; expose it to templates in config.extra."""
    global _practice
    if _practice is None or i18n.is_default_language_build(config):
        _practice = load_practice(Path(config.config_file_path).parent, config.docs_dir,
                                  i18n.languages(config))
        _language_contexts.clear()
        if i18n.is_default_language_build(config):
            for problem in _practice.errors:
                REPORT.add(Problem(Location(problem.file, problem.line), "data-file",
                                   problem.message, problem.message))
    config.extra["practice"] = _practice.data
    return config


def view_for(config: MkDocsConfig, files: Files | None = None, page_url: str = "") -> PracticeView:
    """The practice data formatted for the language being built (and one page's links)."""
    language = i18n.current_language(config)
    settings = words.for_config(config).settings(language)
    return PracticeView(practice(), settings, i18n.site_name(config, language), files, page_url)


@event_priority(60)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace the data references of a page with values in the page's language."""
    if practice().errors:
        return markdown  # the data file's own problems are reported; do not pile on
    view = view_for(config, files, page.url)
    first_line = _body_first_line(page, markdown)
    lines = markdown.split("\n")
    in_fence: str | None = None
    heading_level = 1  # the page's title
    for index, line in enumerate(lines):
        fence = FENCE.match(line)
        if fence:
            marker = fence.group(1)[0] * 3
            in_fence = None if in_fence == marker else (in_fence or marker)
            continue
        if in_fence:
            continue
        heading = HEADING.match(line)
        if heading:
            heading_level = len(heading.group(1))
        if "<!--" not in line:
            continue
        lines[index] = _render_line(line, view, page, first_line + index, config, heading_level)
    return "\n".join(lines)


def _body_first_line(page: Page, markdown: str) -> int:
    """Line number in the source file of the first line of the Markdown body."""
    source = page.file.content_string
    position = source.find(markdown[:200]) if markdown else -1
    if position >= 0:
        return source.count("\n", 0, position) + 1
    return max(1, source.count("\n") - markdown.count("\n") + 1)


def _render_line(
    line: str, view: PracticeView, page: Page, line_number: int, config: MkDocsConfig, heading_level: int = 1
) -> str:
    """Replace every reference on one Markdown line (outside inline code).

    ``heading_level`` is the level of the heading the line is under (1: the page title);
    a block's own headings are one level below it.
    """
    code_spans = [match.span() for match in INLINE_CODE.finditer(line)]

    def replace(match: re.Match[str]) -> str:
        if any(start <= match.start() < end for start, end in code_spans):
            return match.group(0)
        parsed = REFERENCE_BODY.match(match.group("body"))
        if not parsed:
            return match.group(0)
        kind = parsed.group("kind").lower()
        reference = Reference(match.group(0), kind, (parsed.group("argument") or "").strip(),
                              page.file.src_uri, line_number)
        if kind not in REFERENCE_KINDS:
            close = difflib.get_close_matches(kind, REFERENCE_KINDS, n=3, cutoff=0.6)
            if close:  # a misspelt reference; other comments are left alone
                reference.fail(f"unknown reference '{kind}'.", list(REFERENCE_KINDS), kind)
            return match.group(0)
        try:
            if kind in BLOCKS:
                if line.strip() != match.group(0).strip():
                    raise ReferenceProblem(
                        "a block must stand alone on its own line, with blank lines around it.")
                return _block_token(render_block(kind, reference.argument, view, page, config, heading_level), kind)
            if kind == "data":
                return render_data(reference.argument, view, reference)
            return render_price(reference.argument, view)
        except ReferenceProblem as problem:
            reference.fail(problem.message, problem.candidates, problem.wrong)
            return match.group(0)

    return COMMENT.sub(replace, line)


# --- inline values -------------------------------------------------------------------
def resolve(path: str, view: PracticeView) -> tuple[tuple[str, ...], Any]:
    """The value at a dotted path, or a ReferenceProblem naming the wrong part."""
    if not path or not re.fullmatch(r"[\w.-]+", path):
        raise ReferenceProblem("write a dotted path into docs/_data/practice.yml, e.g. "
                              "<!-- data: practice.phone -->.")
    keys = tuple(path.split("."))
    value: Any = view.practice.data
    for depth, key in enumerate(keys):
        if isinstance(value, dict) and key in value:
            value = value[key]
            continue
        parent = ".".join(keys[:depth]) or "the data file"
        if isinstance(value, dict):
            candidates = [".".join((*keys[:depth], str(k))) for k in value]
            if keys[:depth] == ("practice",):
                candidates.append(SITE_NAME_REFERENCE)
            raise ReferenceProblem(f"'{'.'.join(keys[:depth + 1])}' does not exist in "
                                  f"docs/_data/practice.yml ({parent} has no field '{key}').",
                                  candidates, ".".join(keys[:depth + 1]))
        raise ReferenceProblem(f"'{parent}' is a single value and has no field '{key}'.")
    return keys, value


def render_data(path: str, view: PracticeView, reference: Reference | None = None) -> str:
    """One value as inline HTML in the page language."""
    if path == SITE_NAME_REFERENCE:
        return str(escape(view.site_name))
    keys, value = resolve(path, view)
    if keys[:2] == ("practice", "quote_contact") and len(keys) <= 3:
        return render_quote_contact(view, keys[2] if len(keys) == 3 else view.language)
    value = localized(value, view.language)
    if value is None or value == "" or value == [] or value == {}:
        raise ReferenceProblem(f"'{path}' is empty in {view.practice.where(keys)}, so the page "
                              "would show nothing here. Fill it in, or remove the reference from "
                              "the page.")
    last = keys[-1]
    if last == "phone":
        phone = view.phone(str(value))
        return f'<a href="{escape(phone["href"])}">{escape(phone["text"])}</a>'
    if last == "email":
        return f'<a href="mailto:{escape(value)}">{escape(value)}</a>'
    if keys == ("practice", "address"):
        return str(escape(view.address_line()))
    if keys == ("vat", "rate"):
        return str(escape(view.vat_rate_text))
    if last in LANGUAGE_CODE_LISTS and isinstance(value, list):
        return str(escape(formatting.format_language_list(value, view.locale)))
    if last in ("net", "per_km"):
        return str(escape(view.money(formatting.to_decimal(value))))
    if hasattr(value, "isoformat"):
        return str(escape(formatting.format_date(value, view.locale)))
    if isinstance(value, str) and value.startswith(("https://", "http://")):
        shown = value.split("://", 1)[1].rstrip("/")
        return f'<a href="{escape(value)}">{escape(shown)}</a>'
    if isinstance(value, dict):
        candidates = [f"{path}.{key}" for key in value]
        raise ReferenceProblem(f"'{path}' is a group of fields, not one value; name one of them.",
                              candidates)
    if isinstance(value, list):
        return str(escape(", ".join(str(item) for item in value)))
    if isinstance(value, bool):
        raise ReferenceProblem(f"'{path}' is a yes/no setting, not text for a page.")
    if isinstance(value, (int, float)):
        return str(escape(formatting.format_number(value, view.locale)))
    return str(escape(value))


def render_quote_contact(view: PracticeView, language: str) -> str:
    """The name of a language's quote contact (the page's, or practice.quote_contact.en), linked to their page."""
    supervisor_id = view.practice.quote_contact(language)
    if supervisor_id is None:
        raise ReferenceProblem(f"no quote contact for '{language}' in "
                              f"{view.practice.where('practice.quote_contact')}.")
    person = view.supervisor(supervisor_id)
    if person["url"] is None:
        return str(escape(person["name"]))
    return f'<a href="{escape(person["url"])}">{escape(person["name"])}</a>'


def render_price(argument: str, view: PracticeView) -> str:
    """A net (or with 'gross', VAT-inclusive) price of SERVICE.PRICE."""
    parts = argument.split()
    if not parts or len(parts) > 2 or (len(parts) == 2 and parts[1] != "gross"):
        raise ReferenceProblem("write <!-- price: SERVICE.PRICE --> or "
                              "<!-- price: SERVICE.PRICE gross -->, e.g. <!-- price: crisis.meeting -->.",
                              _price_ids(view), parts[0] if parts else "")
    service_id, _dot, price_id = parts[0].partition(".")
    services = view.practice.services()
    if service_id not in services or price_id not in services[service_id].get("prices", {}):
        raise ReferenceProblem(f"there is no price '{parts[0]}' in docs/_data/practice.yml "
                              "(services.SERVICE.prices.PRICE).", _price_ids(view), parts[0])
    price = view.price(service_id, price_id)
    amount = price["gross"] if len(parts) == 2 else price["net"]
    return str(escape(view.money(amount)))


def _price_ids(view: PracticeView) -> list[str]:
    """Every SERVICE.PRICE of the data file."""
    return [f"{service_id}.{price_id}" for service_id, service in view.practice.services().items()
            for price_id in service.get("prices", {})]


# --- blocks ----------------------------------------------------------------------------
def render_block(
    kind: str, argument: str, view: PracticeView, page: Page, config: MkDocsConfig, heading_level: int = 1
) -> str:
    """A block rendered from its template overrides/partials/kirkas/<kind>.html.

    Its headings (card titles) are given the level below the heading it stands under
    (``heading_level``), so that no heading level is skipped wherever the block is put.
    """
    takes = BLOCKS[kind]
    if takes is None and argument:
        raise ReferenceProblem(f"the block '{kind}' takes no argument; write <!-- {kind} -->.")
    if takes == "required" and not argument:
        raise ReferenceProblem(f"the block '{kind}' needs an id, e.g. <!-- {kind}: "
                              f"{next(iter(view.practice.supervisors()), 'ID')} -->.",
                              list(view.practice.supervisors()))
    context: dict[str, Any] = {
        "words": words.for_config(config).words(view.language), "lang": view.language,
        "heading_level": min(heading_level + 1, 6),
    }
    if kind == "prices":
        if argument and argument not in view.practice.services():
            raise ReferenceProblem(f"there is no service '{argument}' in docs/_data/practice.yml.",
                                  list(view.practice.services()), argument)
        context["table"] = view.price_table([argument] if argument else None)
    elif kind == "service-cards":
        context["services"] = _checked_links(view.services(), "page")
    elif kind == "supervisor-cards":
        context["supervisors"] = _checked_links(view.supervisors(), "page")
    elif kind == "supervisor-contact":
        if argument not in view.practice.supervisors():
            raise ReferenceProblem(f"there is no supervisor '{argument}' in docs/_data/practice.yml.",
                                  list(view.practice.supervisors()), argument)
        context["supervisor"] = view.supervisor(argument)
    elif kind == "quote-contact":
        supervisor_id = view.practice.quote_contact(view.language)
        if supervisor_id is None:
            raise ReferenceProblem(f"no quote contact for '{view.language}' in "
                                  f"{view.practice.where('practice.quote_contact')}.")
        context["supervisor"] = view.supervisor(supervisor_id)
    elif kind in ("contact-card", "quote-form"):
        context["contact"] = view.contact()
        context["services"] = view.services()
        context["languages"] = view.site_languages()
        context["group_size"] = view.group_size()
    name = BLOCK_TEMPLATES.get(kind, kind)
    template = _template_env(config).get_template(f"{TEMPLATE_DIR}/{name}.html")
    html = template.render(config=config, page=page, **context)
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def _template_env(config: MkDocsConfig) -> Environment:
    """A Jinja environment of the theme for the blocks, compiled once for all languages.

    Pages are rendered before on_env runs, so the theme's own environment is not yet
    available. The blocks get their words as ``words`` and need nothing of the
    language's theme; Jinja reloads a template whose file changed (``mkdocs serve``).
    """
    global _env
    if _env is None:
        _env = config.theme.get_env()
    return _env


def _checked_links(items: list[dict[str, Any]], field: str) -> list[dict[str, Any]]:
    """Items whose page (and photo) resolve; a missing target is reported as an error."""
    for item in items:
        if item.get("url") is None:
            raise ReferenceProblem(f"the {field} of '{item['id']}' in docs/_data/practice.yml "
                                  "does not exist as a page of this language.")
        if "photo_src" in item and item["photo_src"] is None:
            photo = practice().supervisors()[item["id"]]["photo"]
            raise ReferenceProblem(f"the photo docs/{photo} of '{item['id']}' does not exist "
                                  f"({practice().where(('supervisors', item['id'], 'photo'))}).")
    return items


def _block_token(html: str, kind: str = "") -> str:
    """A placeholder paragraph for a block; swapped for its HTML after Markdown."""
    token = f"{_token_prefix}{len(_blocks):05d}"
    _blocks[token] = html
    if kind == QUOTE_FORM:
        _quote_tokens.add(token)
    return token


_quote_tokens: set[str] = set()


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put the rendered blocks in place of their placeholders; note where the quote form is."""
    if _token_prefix not in html:
        return html
    for token in [token for token in _blocks if token in html]:
        if token in _quote_tokens:
            _quote_tokens.discard(token)
            roles.record_quote_form(page, html, html.index(token))
        block = _blocks.pop(token)
        html = html.replace(f"<p>{token}</p>", block).replace(token, block)
    return html


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Give templates the page's language view of the data as ``kirkas`` (the footer: hooks/site_footer.py)."""
    if _practice is not None and not _practice.errors:
        context["kirkas"] = language_context(config)
    return context


#: Per-language template data, rebuilt whenever the data file is loaded again.
_language_contexts: dict[str, dict[str, Any]] = {}


def language_context(config: MkDocsConfig) -> dict[str, Any]:
    """Contact details and VAT rate of the language being built (the same on every page)."""
    language = i18n.current_language(config)
    if language not in _language_contexts:
        view = view_for(config)
        _language_contexts[language] = {
            "contact": view.contact(),
            "vat_rate": view.vat_rate_text,
            "lang": language,
        }
    return _language_contexts[language]
