"""Page addresses: every language's pages at addresses in their own language.

static-i18n (suffix structure) publishes a translation at its default-language file's
address below the language folder: ``kurssit/kevatkurssi.sv.md`` at
``/sv/kurssit/kevatkurssi/``. A translation names its own address instead, in its
front matter::

    ---
    slug: varkurs
    ---

and a folder's index page names the folder for its language (``kurssit/index.sv.md``
with ``slug: kurser``), so that page is published at ``/sv/kurser/varkurs/``. The default language's file stays the key
that ties the language versions together (nav, links written as ``hinnat.md``, the
data file's ``page:``); the default language's addresses are its file names (a slug
there is an error: rename the file). A translation without a slug keeps the address
of its file name, so a page added without one still works.

Old addresses keep working. Every translation whose address is not its file name's
gets a redirect page at the file name's address (where static-i18n would have put
it), and a page lists the addresses it had before under ``redirect_from:``::

    ---
    slug: varkurs-2
    redirect_from:
      - /sv/kurser/varkurs/
    ---

``scan()`` reads the front matter of every page once per build and checks it: a slug
with characters that do not belong in an address (the transliterated form is
suggested), a slug on a default-language or home page, two pages at one address, an
old address that is now a page or is listed twice, each with file and line.
hooks/addresses.py puts the addresses on MkDocs' files (so the menu, links between
pages, canonical, hreflang, sitemap and the search index follow) and writes the
redirect pages; the other hooks and the tests ask this module::

    addresses.current().url_of("kurssit/index.md", "sv")   # 'sv/kurser/'
    addresses.current().redirects                          # {'sv/kurssit/': Redirect(...)}
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml
from markdown.extensions.toc import slugify as markdown_slugify

from kirkas.i18n import split_language_suffix
from kirkas.messages import _
from kirkas.problems import Location, Problem
from kirkas.sources import DataPath, display_path, node_lines, parse_yaml

#: One part of an address: lower-case ASCII letters and digits, words joined by single hyphens.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: YAML front matter, as MkDocs reads it (mkdocs.utils.meta).
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
#: The front matter keys of this module (YAML is parsed only for pages that have one).
ADDRESS_KEYS = re.compile(r"^(?:slug|redirect_from)\s*:", re.MULTILINE)
#: Characters an old address written under redirect_from: cannot contain.
NOT_IN_ADDRESS = re.compile(r"[\s?#\"'<>\\`{}|^\[\]]")
#: File names MkDocs publishes as a folder's index page.
INDEX_NAMES = ("index", "README")


def file_name_address(page: str) -> str:
    """The address a default-language file name gives below its language folder.

    'kurssit/index.md' -> 'kurssit/', 'hinnasto.md' -> 'hinnasto/', 'index.md' -> ''.
    """
    stem = page[: -len(".md")] if page.endswith(".md") else page
    folder, _slash, name = stem.rpartition("/")
    if name in INDEX_NAMES:
        return folder + "/" if folder else ""
    return stem + "/"


def suggested_slug(text: str) -> str:
    """The slug form of a text: 'Vårkurs för chefer' -> 'varkurs-for-chefer'.

    Python-Markdown's own heading slugs transliterate (å, ä, ö -> a, a, o) and drop
    what is left; underscores and repeated hyphens become single hyphens.
    """
    slug = markdown_slugify(text.replace("_", " ").replace("/", " "), "-")
    return "-".join(part for part in slug.split("-") if part)


@dataclass(frozen=True)
class SourceAddress:
    """What one Markdown file says about its address."""

    path: str
    shown: str
    base: str
    language: str
    slug: str | None = None
    slug_line: int = 1
    redirect_from: tuple[tuple[str, int], ...] = ()

    @property
    def parts(self) -> list[str]:
        """The default-language file's folders and name: ['kurssit', 'x'] ('index' dropped)."""
        stem = self.base[: -len(".md")] if self.base.endswith(".md") else self.base
        parts = stem.split("/")
        return parts[:-1] if parts[-1] in INDEX_NAMES else parts

    @property
    def is_index(self) -> bool:
        """True for a folder's index page (and the home page)."""
        return posixpath.basename(self.base)[: -len(".md")] in INDEX_NAMES

    @property
    def is_home(self) -> bool:
        """True for the home page of a language (index.md at the top of docs/)."""
        return self.is_index and not self.parts


@dataclass(frozen=True)
class Redirect:
    """An old address that leads to a page's current address."""

    old: str
    new: str
    language: str
    base: str
    #: Where the owner listed it (redirect_from:), None for a file name's address.
    written: Location | None = None


@dataclass
class AddressMap:
    """Every page's address in every language, the redirects, and the problems found."""

    languages: list[str]
    directory_urls: bool = True
    sources: dict[str, dict[str, SourceAddress]] = field(default_factory=dict)
    #: (default-language path, language) -> the address's parts below the language folder.
    segments: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    #: Old site path -> its redirect.
    redirects: dict[str, Redirect] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def default_language(self) -> str:
        """The default language (its addresses are the file names)."""
        return self.languages[0]

    def prefix(self, language: str) -> str:
        """The language's folder below the site root: '' or 'sv/'."""
        return "" if language == self.default_language else f"{language}/"

    def _address(self, language: str, parts: Iterable[str], is_index: bool) -> tuple[str, str]:
        """(url, dest_uri) of a page from its address parts, as MkDocs writes them."""
        parts = list(parts)
        prefix = self.prefix(language)
        if is_index or self.directory_urls:
            folder = prefix + "".join(part + "/" for part in parts)
            dest = folder + "index.html"
            return (folder if self.directory_urls else dest), dest
        path = prefix + "/".join(parts) + ".html"
        return path, path

    def url_of(self, page: str, language: str | None = None) -> str | None:
        """Site-relative address of a page in a language: url_of('hinnasto.md', 'sv') -> 'sv/prislista/'.

        page is the default-language file ('kurssit/index.md'); a translation's own
        file name ('hinnasto.sv.md') gives its language when language is None.
        """
        base, suffix_language = split_language_suffix(page, self.languages)
        language = language or suffix_language
        source = self.sources.get(base, {}).get(language)
        if source is None:
            return None
        return self._address(language, self.segments[(base, language)], source.is_index)[0]

    def dest_of(self, page: str, language: str) -> str | None:
        """The file MkDocs writes a page of a language to ('sv/prislista/index.html')."""
        source = self.sources.get(page, {}).get(language)
        if source is None:
            return None
        return self._address(language, self.segments[(page, language)], source.is_index)[1]

    def file_name_url(self, page: str, language: str) -> str:
        """The address a page of a language has by its file name (static-i18n's)."""
        source = self.sources[page][language]
        return self._address(language, source.parts, source.is_index)[0]


# --- reading the pages ---------------------------------------------------------------
def read_source(abs_path: Path, path: str, shown: str, languages: list[str]) -> tuple[SourceAddress, list[Problem]]:
    """The slug and the old addresses one Markdown file names in its front matter (with lines)."""
    base, language = split_language_suffix(path, languages)
    plain = SourceAddress(path, shown, base, language)
    try:
        text = abs_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return plain, []  # unreadable pages are reported by the checks that need their text
    match = FRONT_MATTER.match(text)
    if not match or not ADDRESS_KEYS.search(match.group(1)):
        return plain, []
    meta, lines, yaml_problems = parse_yaml(match.group(1), shown, first_line=2)
    if yaml_problems or not isinstance(meta, dict):
        return plain, []  # MkDocs and the other front matter checks report broken YAML
    item_lines = value_lines(match.group(1), first_line=2)
    problems: list[Problem] = []
    slug, slug_line = None, lines.get(("slug",), 1)
    if "slug" in meta:
        slug = checked_slug(meta["slug"], language, Location(shown, slug_line), problems)
    old: list[tuple[str, int]] = []
    if "redirect_from" in meta:
        written = meta["redirect_from"]
        items = written if isinstance(written, list) else [written]
        key_line = lines.get(("redirect_from",), 1)
        for index, item in enumerate(items):
            item_key = ("redirect_from", str(index)) if isinstance(written, list) else ("redirect_from",)
            line = item_lines.get(item_key, key_line)
            if not isinstance(item, str) or not item.strip():
                problems.append(Problem(
                    Location(shown, line), "redirect-from-not-address", repr(item),
                    _("redirect_from: lists {value}, which is not an address.", value=repr(item)),
                    _("Write each old address on its own line, as it was in the browser's address "
                      "bar after the site's name, e.g. '- /{prefix}old-address/'.",
                      prefix="" if language == languages[0] else f"{language}/"),
                ))
                continue
            old.append((item.strip(), line))
    return SourceAddress(path, shown, base, language, slug, slug_line, tuple(old)), problems


def value_lines(text: str, first_line: int = 1) -> dict[DataPath, int]:
    """The line of every value of a YAML text (list items too), shifted by first_line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    return {path: line + first_line - 1 for path, line in node_lines(root)} if root is not None else {}


def checked_slug(value: Any, language: str, location: Location, problems: list[Problem]) -> str | None:
    """The slug if it is one part of an address; else a problem (and None: the file name is used)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # 'slug: 2025' is read by YAML as a number
    if not isinstance(value, str) or not value.strip():
        problems.append(Problem(
            location, "slug-empty", repr(value),
            _("The slug is empty or not a text, so the page keeps the address of its file name."),
            _("Write the page's address in its language after 'slug:' (lower-case letters "
              "a–z, digits and hyphens between words), or remove the line."),
        ))
        return None
    slug = value.strip()
    if SLUG.fullmatch(slug):
        return slug
    suggestion = suggested_slug(slug.rsplit("/", 1)[-1] if "/" in slug.strip("/") else slug)
    if "/" in slug.strip("/"):
        fix = _("A slug is one part of the address, without '/'. A folder's part of the address "
                "is the slug of the folder's index page (index.{language}.md).", language=language)
    else:
        fix = _("An address may contain only lower-case letters a–z, digits and hyphens "
                "between words (write å, ä, ö as a, a, o).")
    if suggestion:
        fix += " " + _("Write: slug: {slug}", slug=suggestion)
    problems.append(Problem(
        location, "slug-invalid", slug,
        _("The slug \"{slug}\" has characters that do not belong in a web address.", slug=slug),
        fix,
    ))
    return None


_scanned: dict[tuple[Any, ...], AddressMap] = {}


def scan(
    docs_dir: str | os.PathLike[str],
    src_uris: Iterable[str],
    languages: list[str],
    project_dir: str | os.PathLike[str],
    *,
    site_url: str = "/",
    directory_urls: bool = True,
) -> AddressMap:
    """Every page's address and the redirects (read again only when a page changed)."""
    uris = sorted(uri for uri in src_uris if uri.endswith(".md"))
    stamp = []
    for src_uri in uris:
        try:
            stamp.append((src_uri, (Path(docs_dir) / src_uri).stat().st_mtime_ns))
        except OSError:
            stamp.append((src_uri, -1))
    key = (str(docs_dir), tuple(languages), site_url, directory_urls, tuple(stamp))
    if key not in _scanned:
        _scanned.clear()
        _scanned[key] = _scan(Path(docs_dir), uris, list(languages), Path(project_dir), site_url, directory_urls)
    return _scanned[key]


def _scan(docs_dir: Path, uris: list[str], languages: list[str], project_dir: Path,
          site_url: str, directory_urls: bool) -> AddressMap:
    """Read every page's address, then resolve and check the addresses and redirects."""
    addresses = AddressMap(languages, directory_urls)
    for src_uri in uris:
        abs_path = docs_dir / src_uri
        source, problems = read_source(abs_path, src_uri, display_path(abs_path, project_dir), languages)
        addresses.problems.extend(problems)
        addresses.sources.setdefault(source.base, {})[source.language] = source
    check_slug_places(addresses)
    resolve_segments(addresses)
    check_duplicates(addresses)
    resolve_redirects(addresses, site_url)
    return addresses


def check_slug_places(addresses: AddressMap) -> None:
    """A slug on the default language's page or on a home page is an error (and ignored)."""
    for versions in addresses.sources.values():
        for language, source in list(versions.items()):
            if source.slug is None:
                continue
            location = Location(source.shown, source.slug_line)
            if source.is_home:
                problems = Problem(
                    location, "slug-on-home-page", source.slug,
                    _("The home page has a slug, but its address is always the language's own "
                      "folder (/{prefix}).", prefix=addresses.prefix(language)),
                    _("Remove the slug line from the home page."),
                )
            elif language == addresses.default_language:
                problems = Problem(
                    location, "slug-on-default-language", source.slug,
                    _("The page is in the default language ({language}), whose addresses are the "
                      "file names, so the slug is not used.", language=language),
                    _("Remove the slug line. To change this page's address, rename the file (and "
                      "its translations the same way), update its line under nav: in mkdocs.yml, "
                      "page: in the data file and links to it, and list the old address under "
                      "redirect_from: so old links keep working."),
                )
            else:
                continue
            addresses.problems.append(problems)
            versions[language] = SourceAddress(source.path, source.shown, source.base, language,
                                               None, source.slug_line, source.redirect_from)


def resolve_segments(addresses: AddressMap) -> None:
    """Each page's address parts: the folders' index pages' slugs, then its own slug."""
    for base, versions in addresses.sources.items():
        for language, source in versions.items():
            parts = source.parts
            translated = []
            for depth, name in enumerate(parts):
                is_own = depth == len(parts) - 1 and not source.is_index
                if is_own:
                    translated.append(source.slug or name)
                    continue
                folder = "/".join(parts[: depth + 1])
                index = next((versions[language] for name in INDEX_NAMES
                              if language in (versions := addresses.sources.get(f"{folder}/{name}.md", {}))),
                             None)
                translated.append(index.slug if index is not None and index.slug else name)
            addresses.segments[(base, language)] = tuple(translated)


def _blame(source: SourceAddress) -> Location:
    """Where a page's address is set: its slug line, else its first line."""
    return Location(source.shown, source.slug_line if source.slug else 1)


def pages_at(addresses: AddressMap) -> dict[str, list[SourceAddress]]:
    """The pages at each address, the one that keeps it first (no slug of its own, then file order)."""
    at: dict[str, list[SourceAddress]] = {}
    for base, versions in addresses.sources.items():
        for language, source in versions.items():
            at.setdefault(addresses.url_of(base, language) or "", []).append(source)
    return {url: sorted(sources, key=lambda source: (source.slug is not None, source.path))
            for url, sources in sorted(at.items())}


def check_duplicates(addresses: AddressMap) -> None:
    """Two pages at one address: reported at each but the first, naming the first."""
    for url, sources in pages_at(addresses).items():
        first = sources[0]
        for other in sources[1:]:
            addresses.problems.append(Problem(
                _blame(other), "address-taken", url,
                _("The page's address /{url} is also the address of {other}: only one of them "
                  "could be published.", url=url, other=first.shown),
                _("Give this page another slug (slug: in its front matter), or change the "
                  "other page's."),
            ))


def normalized_old_address(written: str, site_url: str) -> str | None:
    """An old address as a site path ('sv/kurssit/x/'), or None when it is not an address of this site.

    Accepted: '/sv/kurssit/x/', 'sv/kurssit/x', or the full 'https://host/sv/kurssit/x/'.
    """
    site = urlsplit(site_url or "/")
    split = urlsplit(written)
    if split.scheme or split.netloc:
        if split.netloc.lower() != site.netloc.lower() or split.query or split.fragment:
            return None
        path = split.path
    else:
        path = written
    path = unquote(path)
    site_path = site.path or "/"
    if not site_path.endswith("/"):
        site_path += "/"
    if site_path != "/" and (path + "/").startswith(site_path):
        path = path[len(site_path):]
    path = path.lstrip("/")
    if not path.endswith((".html", "/")):
        path += "/"
    return path


def resolve_redirects(addresses: AddressMap, site_url: str) -> None:
    """The owner's old addresses (checked), then each file name's address of a translation."""
    taken = {url: (sources[0].base, sources[0].language) for url, sources in pages_at(addresses).items()}
    others = tuple(addresses.prefix(language) for language in addresses.languages[1:])
    for base, versions in sorted(addresses.sources.items()):
        for language, source in versions.items():
            new = addresses.url_of(base, language) or ""
            for written, line in source.redirect_from:
                redirect = _checked_redirect(addresses, source, written, line, new, site_url, taken, others)
                if redirect is not None:
                    addresses.redirects[redirect.old] = redirect
    for base, versions in sorted(addresses.sources.items()):
        for language in versions:
            if language == addresses.default_language:
                continue
            old, new = addresses.file_name_url(base, language), addresses.url_of(base, language) or ""
            if old != new and old not in taken and old not in addresses.redirects:
                addresses.redirects[old] = Redirect(old, new, language, base)


def _checked_redirect(addresses: AddressMap, source: SourceAddress, written: str, line: int, new: str,
                      site_url: str, taken: dict[str, tuple[str, str]], others: tuple[str, ...]) -> Redirect | None:
    """One redirect_from: address as a Redirect, or a problem (and None)."""
    location = Location(source.shown, line)
    prefix = addresses.prefix(source.language)
    example = "/" + (new or prefix)

    def problem(kind: str, message: str, fix: str) -> None:
        addresses.problems.append(Problem(location, kind, written, message, fix))

    old = None if NOT_IN_ADDRESS.search(written) else normalized_old_address(written, site_url)
    if old is None or any(part in {".", ".."} for part in old.split("/")) or "//" in old:
        problem("redirect-from-not-address",
                _("redirect_from: \"{address}\" is not an address of this site.", address=written),
                _("Write the old address as it was in the browser's address bar after the site's "
                  "name, starting with /, without spaces, ? or #, e.g. '- {example}'.", example=example))
        return None
    in_language = old.startswith(prefix) if prefix else not old.startswith(others)
    if not in_language or old == prefix:
        problem("redirect-from-other-language",
                _("redirect_from: \"{address}\" is not an old address of a {language} page: it "
                  "is outside the language's folder /{prefix} or is its home page.",
                  address=written, language=source.language, prefix=prefix),
                _("List an old address only on the page in the same language, the one that "
                  "should open at that address now."))
        return None
    if old == new:
        problem("redirect-from-own-address",
                _("redirect_from: \"{address}\" is this page's current address.", address=written),
                _("Remove the line: only addresses the page had before belong under redirect_from:."))
        return None
    if old in taken:
        other_base, other_language = taken[old]
        other = addresses.sources[other_base][other_language].shown
        problem("redirect-from-taken",
                _("redirect_from: \"{address}\" is the address of the page {other}, so it cannot "
                  "lead to this page.", address=written, other=other),
                _("Remove the line, or give the other page another address first."))
        return None
    if old in addresses.redirects:
        earlier = addresses.redirects[old]
        shown = earlier.written.file if earlier.written else earlier.base
        problem("redirect-from-twice",
                _("redirect_from: \"{address}\" is also listed by {other}: an old address can "
                  "lead to one page only.", address=written, other=shown),
                _("Keep the address under redirect_from: of the page it should lead to, and remove "
                  "it from the other."))
        return None
    return Redirect(old, new, source.language, source.base, location)


# --- during a build ---------------------------------------------------------------------
_current: AddressMap | None = None


def bind(addresses: AddressMap) -> None:
    """Make a build's address map the one current() answers with (hooks/addresses.py)."""
    global _current
    _current = addresses


def current() -> AddressMap:
    """The address map of the build that is running."""
    if _current is None:
        raise RuntimeError("kirkas.addresses.current() before hooks/addresses.py scanned the pages")
    return _current
