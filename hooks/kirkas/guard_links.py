"""Links of the built site: internal ones must resolve, external ones must be safe https.

Internal links (relative, root-relative, or absolute under site_url) are resolved
against the files actually written to the site directory, across all languages, and
a ``#fragment`` must be an id on the target page. External links must be well-formed
https:// addresses (http:// only for hosts in ``extra.guard.allowed_http``) and never
point at localhost or a private network. Whether external pages answer is checked
separately, with the network, by ``make linkcheck`` (kirkas.linkcheck).
"""

from __future__ import annotations

import difflib
import ipaddress
import os
import posixpath
import re
from collections.abc import Callable, Iterable
from functools import cached_property, lru_cache
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from kirkas.guard_html import Link
from kirkas.messages import _

#: Schemes a page may link to besides http(s), mailto and tel.
HARMLESS_SCHEMES = {"data", "blob"}
LOCAL_HOST_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
LOCAL_HOST_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa")
HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


@dataclass(frozen=True)
class LinkProblem:
    """A link problem before it is placed in a source file."""

    kind: str
    detail: str
    message: str
    fix: str


@dataclass(frozen=True)
class SiteAddress:
    """Where the site is published, and which hosts may be linked over plain http."""

    site_url: str
    allowed_http_hosts: frozenset[str] = frozenset()

    @cached_property
    def base_path(self) -> str:
        """URL path of the site root: '/' or '/kirkas/'."""
        path = urlsplit(self.site_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @cached_property
    def host(self) -> str:
        """Host name of the site ('kirkas.example')."""
        return (urlsplit(self.site_url).hostname or "").lower()


@lru_cache(maxsize=8192)
def kind_of(url: str) -> str:
    """'skip', 'fragment', 'internal', 'external', 'mailto', 'tel' or 'other'."""
    if not url or url == "#":
        return "skip"
    if url.startswith("#"):
        return "fragment"
    if url.startswith("//"):
        return "external"
    scheme = url_scheme(url)
    if not scheme:
        return "internal"
    if scheme in {"http", "https"}:
        return "external"
    if scheme in {"mailto", "tel"}:
        return scheme
    if scheme in HARMLESS_SCHEMES:
        return "skip"
    return "other"


def url_scheme(url: str) -> str:
    """'https' of 'https://…', '' for a relative URL (a ':' after '/', '?' or '#' is not one)."""
    colon = url.find(":")
    if colon <= 0:
        return ""
    scheme = url[:colon]
    if any(character in scheme for character in "/?#") or not scheme[0].isalpha():
        return ""
    return scheme.lower()


@lru_cache(maxsize=4096)
def is_own_site(url: str, site: SiteAddress) -> bool:
    """True for an absolute link to the site itself (canonical, hreflang, og:url)."""
    split = urlsplit(url)
    return bool(site.host) and (split.hostname or "").lower() == site.host and split.scheme in {"http", "https"}


def site_path_of(url: str, page_url: str, site: SiteAddress) -> tuple[str | None, str]:
    """(path inside the site or None if outside it, fragment) of an internal link."""
    if "://" in url and is_own_site(url, site):
        split = urlsplit(url)
        absolute, fragment = split.path or "/", split.fragment
    else:
        rest, _hash, fragment = url.partition("#")
        path = rest.partition("?")[0]
        if path.startswith("/"):
            absolute = path
        else:
            page = site.base_path + page_url
            absolute = page[: page.rfind("/") + 1] + path
    normalized = posixpath.normpath(absolute) if "." in absolute or "//" in absolute else absolute
    if normalized != absolute:
        normalized = "/" + normalized.lstrip("/")
        if absolute.endswith(("/", "/.", "/..")) and not normalized.endswith("/"):
            normalized += "/"
    normalized = unquote(normalized) if "%" in normalized else normalized
    fragment = unquote(fragment) if "%" in fragment else fragment
    if not normalized.startswith(site.base_path):
        return None, fragment
    return normalized[len(site.base_path):], fragment


@lru_cache(maxsize=4096)
def external_problem(url: str, site: SiteAddress) -> LinkProblem | None:
    """Why an external link must not be published (None when it is fine)."""
    if url.startswith("//"):
        return LinkProblem(
            "external-malformed", url,
            _('The link "{url}" has no https: at the start.', url=url),
            _('Write the full address: "https:{url}".', url=url),
        )
    if any(character.isspace() for character in url):
        return LinkProblem(
            "external-malformed", url,
            _('The web address "{url}" contains a space, so it does not work.', url=url),
            _("Remove the space (copy the address from the browser's address bar)."),
        )
    split = urlsplit(url)
    try:
        split.port
    except ValueError:
        return LinkProblem(
            "external-malformed", url, _('The web address "{url}" has an invalid port number.', url=url),
            _("Copy the address again from the browser's address bar."),
        )
    host = (split.hostname or "").lower().rstrip(".")
    if not host:
        return LinkProblem(
            "external-malformed", url, _('The web address "{url}" has no site name after "//".', url=url),
            _('Write a complete address such as "https://www.example.fi/page".'),
        )
    local = local_host_reason(host)
    if local:
        return LinkProblem(
            "external-local", url,
            _('The link "{url}" points to {place}. Visitors cannot open it: it only works on the '
              "computer or network where it was written.", url=url, place=local),
            _("Link to the public address of the page instead, or remove the link."),
        )
    if not is_ip_address(host) and not valid_host_name(host):
        return LinkProblem(
            "external-malformed", url,
            _('The web address "{url}" has an invalid site name "{host}".', url=url, host=host),
            _('Check the spelling; a site name looks like "www.example.fi".'),
        )
    if split.scheme.lower() == "http" and host not in site.allowed_http_hosts:
        https = "https" + url[len("http"):]
        return LinkProblem(
            "external-http", url,
            _('The link "{url}" uses unencrypted http://. Browsers warn about such pages, and '
              "the visitor's connection can be read or changed on the way.", url=url),
            _('Use "{https}" (check that it opens). If the site really has no https, add '
              "{host} to extra.guard.allowed_http in mkdocs.yml.", https=https, host=host),
        )
    return None


def is_ip_address(host: str) -> bool:
    """True for '10.0.0.1' or '::1'."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def local_host_reason(host: str) -> str | None:
    """'this computer (localhost)' or 'a private network address', or None for public hosts."""
    if host in LOCAL_HOST_NAMES or host.endswith(LOCAL_HOST_SUFFIXES):
        return _('this computer or a local network ("{host}")', host=host)
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    if address.is_loopback:
        return _("this computer ({host})", host=host)
    if not address.is_global:
        return _("a private or reserved network address ({host})", host=host)
    return None


def valid_host_name(host: str) -> bool:
    """A DNS name with at least one dot and valid labels (IDNs are encoded first)."""
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.split(".")
    return len(labels) >= 2 and all(HOST_LABEL.fullmatch(label) for label in labels)


class SiteFiles:
    """The files of the built site, and the ids of its HTML pages."""

    def __init__(
        self,
        site_dir: Path,
        languages: list[str],
        ids_of: Callable[[str], tuple[set[str], set[str]] | None],
        markdown_names: dict[str, str] | None = None,
        redirects: dict[str, str] | None = None,
    ):
        """Walk the site directory once; ids_of(path) gives a page's (ids, heading ids).

        markdown_names maps a page's site path to its Markdown file as links name it
        ('sv/prislista/' -> 'hinnasto.md'), for suggestions in the owner's terms; redirects
        maps an old address to its page's address now ('sv/hinnasto/' -> 'sv/prislista/').
        """
        self.site_dir = site_dir
        self.languages = languages
        self.ids_of = ids_of
        self.markdown_names = markdown_names or {}
        redirects = redirects or {}
        self.files: set[str] = set()
        for directory, _dirs, names in os.walk(site_dir):
            relative = Path(directory).relative_to(site_dir).as_posix()
            prefix = "" if relative == "." else relative + "/"
            self.files.update(prefix + name for name in names)
        #: Site file of an old address -> the page's address now.
        self.redirect_files = {file: new for old, new in redirects.items()
                               if (file := self.file_for(old)) is not None}
        self.pages = sorted(
            "/" + (name[: -len("index.html")] if name.endswith("index.html") else name)
            for name in self.files
            if name.endswith(".html") and name not in self.redirect_files
        )

    def file_for(self, path: str) -> str | None:
        """The site file a link path opens ('sv/hinnat/' -> 'sv/hinnat/index.html')."""
        if path == "" or path.endswith("/"):
            candidate = path + "index.html"
            return candidate if candidate in self.files else None
        if path in self.files:
            return path
        if f"{path}/index.html" in self.files:
            return f"{path}/index.html"
        return None

    def redirect_of(self, path: str | None) -> str | None:
        """The page's address now when a link path is an old address (a redirect page), else None."""
        if path is None or not self.redirect_files:
            return None
        target = self.file_for(path)
        return self.redirect_files.get(target) if target is not None else None

    def resolves(self, path: str | None, fragment: str) -> bool:
        """True when a target exists (and so does its #fragment, on an HTML page)."""
        if path is None:
            return False
        target = self.file_for(path)
        if target is None:
            return False
        if fragment and target.endswith(".html"):
            found = self.ids_of(target)
            return found is None or fragment in found[0]
        return True

    def language_of(self, path: str) -> str:
        """The language whose folder a site path is in ('sv/hinnat/' -> 'sv')."""
        first = path.lstrip("/").split("/", 1)[0]
        return first if first in self.languages[1:] else self.languages[0]

    def pages_of(self, language: str) -> list[str]:
        """Site pages ('/sv/hinnat/') of one language."""
        return [page for page in self.pages if self.language_of(page) == language]

    def problem(
        self, link: Link, page_url: str, path: str | None, fragment: str, *, source: str | None = None
    ) -> LinkProblem | None:
        """Why an internal link does not work, or None (source: the linking page's Markdown file)."""
        shown = link.url
        if path is None:
            return LinkProblem(
                "link-outside-site", link.url,
                _('The link "{url}" points outside the site (above its top folder).', url=shown),
                _("Link to the Markdown file of the page (e.g. [text](../page.md)); MkDocs "
                  "makes the right address for every language."),
            )
        target = self.file_for(path)
        if target is None:
            return self.missing_target(link, path, page_url, source)
        moved_to = self.redirect_of(path)
        if moved_to is not None and not self.redirect_of(page_url):
            return self.old_address(link, path, moved_to, source)
        if fragment and target.endswith(".html"):
            found = self.ids_of(target)
            if found is not None and fragment not in found[0]:
                page = "/" + (target[: -len("index.html")] if target.endswith("index.html") else target)
                sections = sorted(found[1])
                hint = (" " + _("The sections there are: {sections}.", sections=", ".join(sections[:12])
                                + (" …" if len(sections) > 12 else "")) if sections else "")
                return LinkProblem(
                    "broken-anchor", f"{page}#{fragment}",
                    _('The link "{url}" goes to the section "#{fragment}" of page {page}, but that '
                      "page has no section (heading id) of that name.",
                      url=shown, fragment=fragment, page=page),
                    _("Correct the part after # to one of the page's sections, or give the heading "
                      "that id with {{ #{fragment} }} at the end of the heading line.",
                      fragment=fragment) + hint,
                )
        return None

    def old_address(self, link: Link, path: str, moved_to: str, source: str | None) -> LinkProblem:
        """A link to a page's old address (a redirect page): name the page and its address now."""
        markdown = self.markdown_names.get(moved_to)
        if markdown is not None and source is not None:
            markdown = posixpath.relpath(markdown, posixpath.dirname(source) or ".")
        fix = _("Link to the page's Markdown file, as it is named in docs/ ({file}): MkDocs then "
                "writes the page's address in every language, and the link follows when the "
                "address changes again.", file=markdown) if markdown else _(
                "Link to the page's address now, /{address}.", address=moved_to)
        return LinkProblem(
            "link-to-old-address", "/" + path,
            _('The link "{url}" goes to /{path}, an old address of the page /{address}. It works '
              "only through a redirect.", url=link.url, path=path, address=moved_to),
            fix,
        )

    def suggestion(self, link: Link, path: str, page_url: str, source: str | None) -> str | None:
        """The page probably meant, in the page's own language and in the form the link was written.

        A link written to a Markdown file ('vanhat.md') gets the closest Markdown file of
        a page of that language, relative to the linking file; any other link gets the
        closest address of that language's pages.
        """
        written = link.url.split("#", 1)[0].split("?", 1)[0]
        language = self.language_of(page_url)
        if source is not None and written.endswith(".md") and "://" not in written:
            folder = posixpath.dirname(source)
            meant = posixpath.normpath(posixpath.join(folder, written))
            names = sorted({name for page, name in self.markdown_names.items()
                            if self.language_of(page) == language})
            close = difflib.get_close_matches(meant, names, n=1, cutoff=0.6)
            return posixpath.relpath(close[0], folder or ".") if close else None
        close = difflib.get_close_matches("/" + path, self.pages_of(language), n=1, cutoff=0.6)
        return close[0] if close else None

    def missing_target(self, link: Link, path: str, page_url: str = "", source: str | None = None) -> LinkProblem:
        """A link to a page or file that does not exist: say which, and suggest one."""
        shown = "/" + path
        language = path.split("/", 1)[0]
        if link.tag in {"img", "source", "video", "audio", "track", "embed", "input"} or (
            link.tag == "link" and link.attribute == "href" and PurePosixPath(path).suffix not in {"", ".html"}
        ) or link.tag == "script" or (link.tag == "meta"):
            if link.tag == "script":
                message = _('The file "{url}" ({path} in the site) does not exist, so the script '
                            "will not run.", url=link.url, path=shown)
            elif link.tag in {"img", "source"}:
                message = _('The file "{url}" ({path} in the site) does not exist, so the image '
                            "will not show.", url=link.url, path=shown)
            else:
                message = _('The file "{url}" ({path} in the site) does not exist, so the file '
                            "will not show.", url=link.url, path=shown)
            return LinkProblem(
                "missing-file", shown, message,
                _("Put the file in docs/ (images in docs/assets/images/) or correct the file "
                  "name; names are case-sensitive and must match exactly."),
            )
        without = path.split("/", 1)[1] if "/" in path else ""
        if len(language) == 2 and language.isalpha() and language not in self.languages:
            if self.file_for(without) is not None:
                built = ", ".join(
                    f"{code} /{'' if index == 0 else code + '/'}"
                    for index, code in enumerate(self.languages)
                )
                return LinkProblem(
                    "missing-language-version", shown,
                    _('The link "{url}" goes to {path}, but the site has no language "{language}" '
                      "(its languages are {languages}).",
                      url=link.url, path=shown, language=language, languages=built),
                    _("Correct the language code in the link, or better, link to the page's "
                      "Markdown file (e.g. page.md): the language switcher already links every "
                      "page to its translations."),
                )
        if language in self.languages[1:]:
            if self.file_for(without) is not None:
                return LinkProblem(
                    "missing-language-version", shown,
                    _('The link "{url}" goes to the {language} version {path}, which does not '
                      "exist (the page /{page} exists in the default language).",
                      url=link.url, language=language, path=shown, page=without),
                    _("Create the {language} translation of the page (a .{language}.md file next "
                      "to the default language's file), or link to a page that exists in that "
                      "language.", language=language),
                )
        suggestion = self.suggestion(link, path, page_url, source)
        written = link.url.split("#", 1)[0]
        if source is not None and written.endswith(".md"):
            meant = posixpath.normpath(posixpath.join(posixpath.dirname(source), written))
            message = _('The link "{url}" goes to the page docs/{file}, which does not exist.',
                        url=link.url, file=meant)
        else:
            message = _('The link "{url}" goes to {path}, but there is no such page in the site.',
                        url=link.url, path=shown)
        if suggestion:
            message += " " + _("Did you mean {suggestion}?", suggestion=suggestion)
        return LinkProblem(
            "broken-link", shown, message,
            _("Link to the page's Markdown file as it is named in docs/ (e.g. [Prices](prices.md) "
              "or ../prices.md from a subfolder); MkDocs then makes the right address in every "
              "language."),
        )


def link_needles(link: Link) -> list[str]:
    """Texts to look for in the sources to find where a link was written."""
    needles = [link.url]
    split = urlsplit(link.url)
    segments = [segment for segment in split.path.split("/") if segment not in {"", ".", ".."}]
    tail = ""
    if split.query:
        tail += "?" + split.query
    if split.fragment:
        tail += "#" + split.fragment
    if segments:
        last = segments[-1]
        stem = last[: -len(".html")] if last.endswith(".html") else last
        if split.path.endswith("/") or "." not in last:
            needles += [f"{stem}.md{tail}", f"{stem}/index.md{tail}"]
        if tail:
            needles.append(f"{last}{tail}")
    if tail:
        needles.append(tail)
    if segments:
        needles.append(segments[-1])
    if link.text:
        needles.append(link.text)
    return unique(needles)


def unique(items: Iterable[str]) -> list[str]:
    """Items without repeats, in order."""
    seen: set[str] = set()
    return [item for item in items if item and not (item in seen or seen.add(item))]
