"""Page roles: which page is the contact page, the search page, the price list, ... per language.

The engine never guesses a page from its file name. A page says what it is in its
front matter, the same in every language version::

    ---
    role: contact
    ---

Roles: contact, search, services (the overview of the services), supervisors (the
overview of the supervisors), prices, faq, legal (privacy notice, accessibility
statement: linked in every page's footer). docs/index.md is the home page; the
service and supervisor pages are the ones the data file names (``services.<id>.page``,
``supervisors.<id>.page``); every other page is an article. The page with
``<!-- quote-form -->`` is where every quote link goes, to the heading above the form.

``scan()`` reads the pages' front matter from disk once per build and checks it
(file and line in every message); during the build every hook asks this module::

    roles.page_url("contact", page_url)     # link from a page to the contact page
    roles.quote_href(page_url, "ID")        # '../contact/?service=ID#the-heading-above-the-form'
    roles.role_of(page)                     # 'legal', or None
    roles.pages_with("legal")               # [RolePage(url, title), ...] of this language
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from kirkas import messages
from kirkas.i18n import split_language_suffix
from kirkas.messages import N_, _
from kirkas.pages import page_heading
from kirkas.sources import SourceProblem, display_path, parse_yaml

#: Every role a page may have, and how many pages of a language may have it.
ROLES = ("contact", "search", "services", "supervisors", "prices", "faq", "legal")
SINGLE_ROLES = ("contact", "search", "services", "supervisors", "prices", "faq")
#: Roles every language must have: the header links to them from every page.
REQUIRED_ROLES = ("contact", "search")
WHY_REQUIRED = {
    "contact": N_("the page-not-found (404) page links to it"),
    "search": N_("the search button in the header links to it"),
}
HOME = "index.md"
QUOTE_FORM = re.compile(r"^\s*<!--\s*quote-form\s*-->\s*$")
#: YAML front matter, as MkDocs reads it (mkdocs.utils.meta).
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
#: A role key at the top level of the front matter.
ROLE_LINE = re.compile(r"^role\s*:", re.MULTILINE)
#: The block's own id: the quote links land here when no heading precedes the form.
QUOTE_BLOCK_ID = "kirkas-quote"
HEADING_ID = re.compile(r"<h[1-6][^>]*\sid=\"([^\"]+)\"")


@dataclass(frozen=True)
class SourcePage:
    """One Markdown file as the roles see it."""

    path: str
    shown: str
    base: str
    language: str
    role: str | None
    role_line: int
    quote_form_line: int | None


@dataclass
class RoleMap:
    """The roles of every page of every language, and the problems found."""

    languages: list[str]
    pages: dict[str, dict[str, SourcePage]] = field(default_factory=dict)
    errors: list[SourceProblem] = field(default_factory=list)

    def role_of(self, base: str) -> str | None:
        """The role of a page by its default-language path ('yhteystiedot.md')."""
        versions = self.pages.get(base, {})
        page = versions.get(self.languages[0]) or next(iter(versions.values()), None)
        return page.role if page else None

    def bases_with(self, role: str) -> list[str]:
        """Default-language paths of the pages with a role, in file order."""
        return [base for base in self.pages if self.role_of(base) == role]

    def in_language(self, language: str) -> list[SourcePage]:
        """The pages of one language."""
        return [versions[language] for versions in self.pages.values() if language in versions]

    def page_for(self, role: str, language: str) -> SourcePage | None:
        """The page with a (single) role in a language: 'which page is the contact page in sv'."""
        return next((page for page in self.in_language(language) if page.role == role), None)

    def quote_page(self, language: str) -> SourcePage | None:
        """The page of a language that holds <!-- quote-form -->."""
        return next((page for page in self.in_language(language) if page.quote_form_line), None)


def read_page(abs_path: Path, path: str, shown: str, languages: list[str]) -> tuple[SourcePage, list[SourceProblem]]:
    """The role (with its line) and the quote form's line of one Markdown file."""
    base, language = split_language_suffix(path, languages)
    try:
        text = abs_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        return SourcePage(path, shown, base, language, None, 1, None), [
            SourceProblem(shown, 1, _("The page cannot be read: {error}", error=error),
                          _("Save the page as text (UTF-8)."))]
    role, role_line, problems = None, 1, []
    body_start = 0
    match = FRONT_MATTER.match(text)
    if match:
        body_start = match.end()
        line = ROLE_LINE.search(match.group(1))
        if line:  # YAML only for the pages that have a role (reading every page's is slow)
            meta, lines, problems = parse_yaml(match.group(1), shown, first_line=2)
            if isinstance(meta, dict) and "role" in meta:
                role_line = lines.get(("role",), 2)
                role = meta["role"] if isinstance(meta["role"], str) else repr(meta["role"])
    quote_line = None
    fence: str | None = None
    first_body_line = text.count("\n", 0, body_start) + 1
    for number, line in enumerate(text[body_start:].split("\n"), start=first_body_line):
        marker = FENCE.match(line)
        if marker:
            token = marker.group(1)[0] * 3
            fence = None if fence == token else (fence or token)
            continue
        if fence is None and QUOTE_FORM.match(line) and quote_line is None:
            quote_line = number
    return SourcePage(path, shown, base, language, role, role_line, quote_line), problems


_scanned: dict[tuple[Any, ...], RoleMap] = {}


def scan(
    docs_dir: str | os.PathLike[str],
    src_uris: Iterable[str],
    languages: list[str],
    project_dir: str | os.PathLike[str],
) -> RoleMap:
    """Read the roles of every page (all languages) and check them (again only if a page changed)."""
    uris = sorted(src_uris)
    stamp = []
    for src_uri in uris:
        try:
            stamp.append((src_uri, (Path(docs_dir) / src_uri).stat().st_mtime_ns))
        except OSError:
            stamp.append((src_uri, -1))
    key = (str(docs_dir), tuple(languages), tuple(stamp), messages.current_language())
    if key not in _scanned:
        _scanned.clear()
        _scanned[key] = _scan(docs_dir, uris, languages, project_dir)
    return _scanned[key]


def _scan(
    docs_dir: str | os.PathLike[str],
    src_uris: Iterable[str],
    languages: list[str],
    project_dir: str | os.PathLike[str],
) -> RoleMap:
    """Read the roles of every page (all languages) and check them."""
    roles = RoleMap(list(languages))
    for src_uri in sorted(src_uris):
        if not src_uri.endswith(".md"):
            continue
        abs_path = Path(docs_dir) / src_uri
        page, problems = read_page(abs_path, src_uri, display_path(abs_path, project_dir), roles.languages)
        roles.errors.extend(problems)
        roles.pages.setdefault(page.base, {})[page.language] = page
    check(roles)
    return roles


def _role_problem(page: SourcePage, message: str, fix: str) -> SourceProblem:
    """A problem at the role line of a page."""
    return SourceProblem(page.shown, page.role_line, message, fix)


def check(roles: RoleMap) -> None:
    """Unknown roles, roles that differ between translations, missing or doubled roles, the quote form."""
    default = roles.languages[0]
    for base, versions in roles.pages.items():
        for page in versions.values():
            if page.role is not None and page.role not in ROLES:
                fix = _("The roles are: {roles}; a page without a role is an article.", roles=", ".join(ROLES))
                if page.role == "home":
                    fix = _("The home page is docs/{home} by its name: remove the role line.", home=HOME)
                else:
                    close = difflib.get_close_matches(page.role, ROLES, n=1, cutoff=0.5)
                    if close:
                        fix = _("Did you mean '{role}'?", role=close[0]) + " " + fix
                roles.errors.append(_role_problem(page, _("Unknown role '{role}'.", role=page.role), fix))
        model = versions.get(default)
        if model is None:
            continue  # reported by hooks/translations.py
        for language, page in versions.items():
            if language == default or page.role == model.role:
                continue
            if page.role is not None and page.role not in ROLES and model.role is not None:
                continue  # the unknown role is reported above, with the closest role
            if page.role is None:
                roles.errors.append(_role_problem(page, _(
                    "The page has no role, but its {language} version {file} has 'role: {role}' (line {line}).",
                    language=default, file=model.shown, role=model.role, line=model.role_line), _(
                    "Add 'role: {role}' to its front matter: a page has the same role in every language.",
                    role=model.role)))
            elif model.role is None:
                roles.errors.append(_role_problem(page, _(
                    "The page has 'role: {role}', but its {language} version {file} has no role.",
                    role=page.role, language=default, file=model.shown), _(
                    "A page has the same role in every language: add 'role: {role}' to {file} too, or "
                    "remove it here.", role=page.role, file=model.shown)))
            else:
                roles.errors.append(_role_problem(page, _(
                    "'role: {role}' differs from the {language} version ({file}, line {line} has "
                    "'role: {model_role}').", role=page.role, language=default, file=model.shown,
                    line=model.role_line, model_role=model.role), _(
                    "A page has the same role in every language: write 'role: {role}'.", role=model.role)))
    for language in roles.languages:
        pages = roles.in_language(language)
        for role in SINGLE_ROLES:
            having = [page for page in pages if page.role == role]
            for extra in having[1:]:
                first = having[0]
                roles.errors.append(_role_problem(extra, _(
                    "A second page with 'role: {role}' ({file}, line {line} has it too).",
                    role=role, file=first.shown, line=first.role_line), _(
                    "Only one page of a language can have this role: remove the line from one of them.")))
    for role in REQUIRED_ROLES:
        if not any(page.role == role for versions in roles.pages.values() for page in versions.values()):
            roles.errors.append(SourceProblem("docs/", 0, _(
                "No page has 'role: {role}' ({why}).", role=role, why=_(WHY_REQUIRED[role])), _(
                "Add 'role: {role}' to the front matter of that page in every language ({languages}).",
                role=role, languages=", ".join(roles.languages))))
    check_quote_form(roles)


def check_quote_form(roles: RoleMap) -> None:
    """Exactly one page per language has the quote form, the same page in every language."""
    default = roles.languages[0]
    with_form = {language: [page for page in roles.in_language(language) if page.quote_form_line]
                 for language in roles.languages}
    if not any(with_form.values()):
        contact = roles.bases_with("contact")
        if contact:
            fix = _("Put <!-- quote-form --> on its own line on the contact page (docs/{page}) of every "
                    "language, below the heading the links should land on.", page=contact[0])
        else:
            fix = _("Put <!-- quote-form --> on its own line on the contact page of every language, "
                    "below the heading the links should land on.")
        roles.errors.append(SourceProblem("docs/", 0, _(
            "No page has the quote form: every page's 'request a quote' link needs it."), fix))
        return
    for language, pages in with_form.items():
        for extra in pages[1:]:
            roles.errors.append(SourceProblem(extra.shown, extra.quote_form_line or 1, _(
                "A second quote form in this language ({file}, line {line} has one too).",
                file=pages[0].shown, line=pages[0].quote_form_line), _(
                "The quote links go to one page: remove one of them.")))
    model = with_form[default][0] if with_form[default] else None
    for language in roles.languages[1:]:
        own = with_form[language][0] if with_form[language] else None
        if model is None and own is not None:
            counterpart = roles.pages.get(own.base, {}).get(default)
            if counterpart:
                message = _("The quote form is here, but not on the {language} page {file}.",
                            language=default, file=counterpart.shown)
            else:
                message = _("The quote form is here, but not on any {language} page.", language=default)
            roles.errors.append(SourceProblem(own.shown, own.quote_form_line or 1, message, _(
                "Every language has it on the same page: add <!-- quote-form --> there too.")))
        elif model is not None and (own is None or own.base != model.base):
            translation = roles.pages.get(model.base, {}).get(language)
            if translation is None:
                continue  # the missing translation is reported by hooks/translations.py
            roles.errors.append(SourceProblem(translation.shown, translation.role_line, _(
                "This page has no <!-- quote-form -->, but its {language} version {file} has one (line {line}).",
                language=default, file=model.shown, line=model.quote_form_line), _(
                "Add it on its own line here too: the quote links of this language need it.")))


# --- during a build: the pages of the language being built ---------------------------
@dataclass(frozen=True)
class RolePage:
    """A page with a role in the language being built."""

    url: str
    title: str
    src_uri: str


@dataclass
class LanguagePages:
    """The role pages and the quote form of one language build."""

    by_role: dict[str, list[RolePage]] = field(default_factory=dict)
    quote_url: str | None = None
    quote_anchor: str = QUOTE_BLOCK_ID


_current = LanguagePages()
_quote: dict[str, tuple[str, str]] = {}


def role_of(page: Page) -> str | None:
    """The role a page declares in its front matter (None for an article)."""
    role = (page.meta or {}).get("role")
    return role if isinstance(role, str) and role in ROLES else None


def record_quote_form(page: Page, html: str, position: int) -> None:
    """Remember where this language's quote form is: the page and the heading above it.

    Called by hooks/practice_data.py when it puts the form into the page's HTML, which
    happens for every page before any page's template is rendered.
    """
    headings = HEADING_ID.findall(html[:position])
    _quote[page.url] = (page.url, headings[-1] if headings else QUOTE_BLOCK_ID)


def bind(files: Files, nav_order: list[str] | None = None) -> None:
    """Collect the role pages of the language being built (hooks/page_roles.py, on_env).

    Pages with the same role (legal) keep the order of mkdocs.yml's nav (src_uris in
    nav_order); pages outside the nav follow in file order.
    """
    global _current
    current = LanguagePages()
    position = {src_uri: index for index, src_uri in enumerate(nav_order or [])}
    ordered = sorted(files.documentation_pages(), key=lambda file: position.get(file.src_uri, len(position)))
    for file in ordered:
        page = getattr(file, "page", None)
        if page is None:
            continue
        role = role_of(page)
        if role:
            current.by_role.setdefault(role, []).append(
                RolePage(file.url, page_heading(page) or page.title or "", file.src_uri))
        if file.url in _quote:
            current.quote_url, current.quote_anchor = _quote[file.url]
    _current = current
    _quote.clear()


def pages_with(role: str) -> list[RolePage]:
    """The pages of the language being built that have a role (file order)."""
    return list(_current.by_role.get(role, []))


def url_of(role: str) -> str | None:
    """Site-relative URL of the page with a single role in the language being built."""
    pages = _current.by_role.get(role)
    return pages[0].url if pages else None


def page_url(role: str, from_url: str) -> str | None:
    """A link from a page (its URL) to the page with a role; None if there is none."""
    url = url_of(role)
    return get_relative_url(url, from_url) if url is not None else None


def quote_href(from_url: str | None, service_id: str | None = None, *, absolute_base: str | None = None) -> str:
    """The quote link: the quote form's page, ?service=ID, #the heading above the form.

    from_url is the linking page's URL; pages served at any address (404) give
    absolute_base (the site's path, e.g. '/') instead.
    """
    if _current.quote_url is None:
        return ""
    target = absolute_base + _current.quote_url if absolute_base is not None else \
        get_relative_url(_current.quote_url, from_url or "")
    query = f"?service={service_id}" if service_id else ""
    return f"{target}{query}#{_current.quote_anchor}"


def page_kind(page: Page, service_pages: dict[str, str], supervisor_pages: dict[str, str],
              base: str) -> str:
    """'home', 'service', 'supervisor', the page's role, or 'article'."""
    if base == HOME or page.is_homepage:
        return "home"
    if base in service_pages:
        return "service"
    if base in supervisor_pages:
        return "supervisor"
    return role_of(page) or "article"


def neutral_path(page: Page) -> str:
    """The page's default-language source path ('palvelut/x.md' for 'palvelut/x.sv.md')."""
    return getattr(page.file, "norm_src_uri", None) or page.file.src_uri
