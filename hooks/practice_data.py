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
from kirkas.problems import REPORT, Location, Problem, from_source
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

    def fail(self, message: str, candidates: list[str] | None = None, wrong: str = "", fix: str = "") -> None:
        """Report a problem naming file, line, the reference, how to fix it and close matches."""
        suggestion = ""
        if candidates:
            close = difflib.get_close_matches(wrong or self.argument, candidates, n=3, cutoff=0.5)
            if close:
                suggestion = _("Did you mean: {candidates}?", candidates=", ".join(close))
            else:
                suggestion = _("Possible values: {candidates}.", candidates=", ".join(candidates))
        # "<!-- data: x -->: <what is wrong>": the reference as written, then the message.
        REPORT.add(Problem(Location(f"docs/{self.file}", self.line), "data-reference",
                           self.text.strip(), f"{self.text.strip()}: {message}",
                           " ".join(part for part in (suggestion, fix) if part)))


class ReferenceProblem(Exception):
    """A reference that cannot be rendered; carries what is wrong, how to fix it and candidates.

    While the data file has problems of its own, a problem that comes from a value there
    (from_value: an empty value, a page or photo that does not exist) or from one of its
    lines with a reported problem (data_line: a field that is missing) is not reported again.
    """

    def __init__(self, message: str, candidates: list[str] | None = None, wrong: str = "", fix: str = "",
                 *, from_value: bool = False, data_line: int | None = None):
        super().__init__(message)
        self.message, self.candidates, self.wrong, self.fix = message, candidates, wrong, fix
        self.from_value, self.data_line = from_value, data_line


def practice() -> Practice:
    """The practice data loaded for this build."""
    if _practice is None:
        # Only a developer can cause this (a hook's order changed): English, not in the report.
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
                REPORT.add(from_source(problem, "data-file"))
    config.extra["practice"] = _practice.data
    return config


def view_for(config: MkDocsConfig, files: Files | None = None, page_url: str = "") -> PracticeView:
    """The practice data formatted for the language being built (and one page's links)."""
    language = i18n.current_language(config)
    settings = words.for_config(config).settings(language)
    return PracticeView(practice(), settings, i18n.site_name(config, language), files, page_url)


@event_priority(60)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace the data references of a page with values in the page's language.

    While the data file has problems (reported with its lines), nothing is rendered, but
    the references are still checked, so that the page's own mistakes (an unknown
    reference, field, price or id) are reported in the same run.
    """
    checking = bool(practice().errors)
    if checking and not practice().data:
        return markdown  # the data file could not be read at all: nothing to check against
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
        rendered = _render_line(line, view, page, first_line + index, config, heading_level, checking=checking)
        if not checking:
            lines[index] = rendered
    return markdown if checking else "\n".join(lines)


def _body_first_line(page: Page, markdown: str) -> int:
    """Line number in the source file of the first line of the Markdown body."""
    source = page.file.content_string
    position = source.find(markdown[:200]) if markdown else -1
    if position >= 0:
        return source.count("\n", 0, position) + 1
    return max(1, source.count("\n") - markdown.count("\n") + 1)


def _render_line(
    line: str, view: PracticeView, page: Page, line_number: int, config: MkDocsConfig, heading_level: int = 1,
    *, checking: bool = False,
) -> str:
    """Replace every reference on one Markdown line (outside inline code).

    ``heading_level`` is the level of the heading the line is under (1: the page title);
    a block's own headings are one level below it. checking: the data file has problems;
    report only the references' own mistakes (not those that come from a line of the data
    file with a reported problem).
    """
    code_spans = [match.span() for match in INLINE_CODE.finditer(line)]
    data_problem_lines = {problem.line for problem in view.practice.errors}

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
                reference.fail(_("Unknown reference '{kind}'.", kind=kind), list(REFERENCE_KINDS), kind)
            return match.group(0)
        try:
            if kind in BLOCKS:
                if line.strip() != match.group(0).strip():
                    raise ReferenceProblem(_("A block must stand alone on its own line."),
                                           fix=_("Put it on a line of its own, with blank lines around it."))
                html = render_block(kind, reference.argument, view, page, config, heading_level)
                return match.group(0) if checking else _block_token(html, kind)
            if kind == "data":
                return render_data(reference.argument, view, reference)
            return render_price(reference.argument, view)
        except ReferenceProblem as problem:
            if not (checking and (problem.from_value or problem.data_line in data_problem_lines)):
                reference.fail(problem.message, problem.candidates, problem.wrong, problem.fix)
            return match.group(0)
        except Exception:  # noqa: BLE001 - only while checking: a value the data file check reports
            if not checking:
                raise
            return match.group(0)

    return COMMENT.sub(replace, line)


# --- inline values -------------------------------------------------------------------
def resolve(path: str, view: PracticeView) -> tuple[tuple[str, ...], Any]:
    """The value at a dotted path, or a ReferenceProblem naming the wrong part."""
    if not path or not re.fullmatch(r"[\w.-]+", path):
        raise ReferenceProblem(_("The reference does not name a field of docs/_data/practice.yml."),
                               fix=_("Write a dotted path into docs/_data/practice.yml, e.g. "
                                     "<!-- data: practice.phone -->."))
    keys = tuple(path.split("."))
    value: Any = view.practice.data
    for depth, key in enumerate(keys):
        if isinstance(value, dict) and key in value:
            value = value[key]
            continue
        parent = ".".join(keys[:depth])
        if isinstance(value, dict):
            candidates = [".".join((*keys[:depth], str(k))) for k in value]
            if keys[:depth] == ("practice",):
                candidates.append(SITE_NAME_REFERENCE)
            wanted = ".".join(keys[:depth + 1])
            if parent:
                message = _("'{path}' does not exist in docs/_data/practice.yml ({parent} has no field "
                            "'{key}').", path=wanted, parent=parent, key=key)
            else:
                message = _("'{path}' does not exist in docs/_data/practice.yml (the file has no "
                            "section '{key}').", path=wanted, key=key)
            raise ReferenceProblem(message, candidates, wanted,
                                   fix=_("Correct the path, or add the field to the data file."),
                                   data_line=view.practice.line_of(keys[:depth + 1]))
        raise ReferenceProblem(_("'{parent}' is a single value and has no field '{key}'.", parent=parent, key=key),
                               fix=_("Refer to '{parent}' itself, or correct the path.", parent=parent),
                               data_line=view.practice.line_of(keys[:depth]))
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
        raise ReferenceProblem(_("'{path}' is empty in {file} (line {line}), so the page would show "
                                 "nothing here.", path=path, file=view.practice.display_name,
                                 line=view.practice.line_of(keys)),
                               fix=_("Fill it in, or remove the reference from the page."),
                               from_value=True)
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
        raise ReferenceProblem(_("'{path}' is a group of fields, not one value.", path=path),
                               candidates, fix=_("Name one of its fields."), data_line=view.practice.line_of(keys))
    if isinstance(value, list):
        return str(escape(", ".join(str(item) for item in value)))
    if isinstance(value, bool):
        raise ReferenceProblem(_("'{path}' is a yes/no setting, not text for a page.", path=path),
                               fix=_("Remove the reference from the page."))
    if isinstance(value, (int, float)):
        return str(escape(formatting.format_number(value, view.locale)))
    return str(escape(value))


def render_quote_contact(view: PracticeView, language: str) -> str:
    """The name of a language's quote contact (the page's, or practice.quote_contact.en), linked to their page."""
    supervisor_id = view.practice.quote_contact(language)
    if supervisor_id is None:
        raise _no_quote_contact(view, language)
    person = view.supervisor(supervisor_id)
    if person["url"] is None:
        return str(escape(person["name"]))
    return f'<a href="{escape(person["url"])}">{escape(person["name"])}</a>'


def render_price(argument: str, view: PracticeView) -> str:
    """A net (or with 'gross', VAT-inclusive) price of SERVICE.PRICE."""
    parts = argument.split()
    if not parts or len(parts) > 2 or (len(parts) == 2 and parts[1] != "gross"):
        raise ReferenceProblem(_("The price reference is not written correctly."),
                               _price_ids(view), parts[0] if parts else "",
                               fix=_("Write <!-- price: SERVICE.PRICE --> or <!-- price: SERVICE.PRICE "
                                     "gross -->, e.g. <!-- price: crisis.meeting -->."))
    service_id, _dot, price_id = parts[0].partition(".")
    services = view.practice.services()
    if service_id not in services or price_id not in services[service_id].get("prices", {}):
        raise ReferenceProblem(_("There is no price '{price}' in docs/_data/practice.yml "
                                 "(services.SERVICE.prices.PRICE).", price=parts[0]),
                               _price_ids(view), parts[0],
                               fix=_("Correct the reference, or add the price to the data file."),
                               data_line=view.practice.line_of(("services", service_id, "prices", price_id)))
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
        raise ReferenceProblem(_("The block '{kind}' takes no argument.", kind=kind),
                               fix=_("Write {reference}.", reference=f"<!-- {kind} -->"))
    if takes == "required" and not argument:
        example = f"<!-- {kind}: {next(iter(view.practice.supervisors()), 'ID')} -->"
        raise ReferenceProblem(_("The block '{kind}' needs an id.", kind=kind),
                               list(view.practice.supervisors()),
                               fix=_("Write the id after a colon, e.g. {reference}.", reference=example))
    context: dict[str, Any] = {
        "words": words.for_config(config).words(view.language), "lang": view.language,
        "heading_level": min(heading_level + 1, 6),
    }
    if kind == "prices":
        if argument and argument not in view.practice.services():
            raise ReferenceProblem(_("There is no service '{service}' in docs/_data/practice.yml.",
                                     service=argument), list(view.practice.services()), argument,
                                   fix=_("Write the id of a service under services: in the data file."),
                                   data_line=view.practice.line_of(("services", argument)))
        context["table"] = view.price_table([argument] if argument else None)
    elif kind == "service-cards":
        context["services"] = _checked_links(view.services(), "page")
    elif kind == "supervisor-cards":
        context["supervisors"] = _checked_links(view.supervisors(), "page")
    elif kind == "supervisor-contact":
        if argument not in view.practice.supervisors():
            raise ReferenceProblem(_("There is no supervisor '{supervisor}' in docs/_data/practice.yml.",
                                     supervisor=argument), list(view.practice.supervisors()), argument,
                                   fix=_("Write the id of a supervisor under supervisors: in the data file."),
                                   data_line=view.practice.line_of(("supervisors", argument)))
        context["supervisor"] = view.supervisor(argument)
    elif kind == "quote-contact":
        supervisor_id = view.practice.quote_contact(view.language)
        if supervisor_id is None:
            raise _no_quote_contact(view, view.language)
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
            raise ReferenceProblem(
                _("The {field} of '{id}' in docs/_data/practice.yml is not a page of this language.",
                  field=field, id=item["id"]),
                fix=_("Create the page's version in this language, or correct {field}: in the data file.",
                      field=field),
                from_value=True)
        if "photo_src" in item and item["photo_src"] is None:
            photo = practice().supervisors()[item["id"]]["photo"]
            raise ReferenceProblem(
                _("The photo docs/{photo} of '{id}' does not exist ({file}, line {line}).",
                  photo=photo, id=item["id"], file=practice().display_name,
                  line=practice().line_of(("supervisors", item["id"], "photo"))),
                fix=_("Add the photo, or correct its file name in the data file."),
                from_value=True)
    return items


def _no_quote_contact(view: PracticeView, language: str) -> ReferenceProblem:
    """The problem of a quote link or block when the language has no quote contact."""
    return ReferenceProblem(
        _("There is no quote contact for '{language}' in {file} (line {line}).", language=language,
          file=view.practice.display_name, line=view.practice.line_of("practice.quote_contact")),
        fix=_("Write a supervisor id as practice.quote_contact, or one per language."),
        from_value=True)


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
