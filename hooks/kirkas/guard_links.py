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
        rest, _, fragment = url.partition("#")
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
            f'The link "{url}" has no https: at the start.',
            f'Write the full address: "https:{url}".',
        )
    if any(character.isspace() for character in url):
        return LinkProblem(
            "external-malformed", url,
            f'The web address "{url}" contains a space, so it does not work.',
            "Remove the space (copy the address from the browser's address bar).",
        )
    split = urlsplit(url)
    try:
        split.port
    except ValueError:
        return LinkProblem(
            "external-malformed", url, f'The web address "{url}" has an invalid port number.',
            "Copy the address again from the browser's address bar.",
        )
    host = (split.hostname or "").lower().rstrip(".")
    if not host:
        return LinkProblem(
            "external-malformed", url, f'The web address "{url}" has no site name after "//".',
            'Write a complete address such as "https://www.example.fi/page".',
        )
    local = local_host_reason(host)
    if local:
        return LinkProblem(
            "external-local", url,
            f'The link "{url}" points to {local}. Visitors cannot open it: it only works on '
            f"the computer or network where it was written.",
            "Link to the public address of the page instead, or remove the link.",
        )
    if not is_ip_address(host) and not valid_host_name(host):
        return LinkProblem(
            "external-malformed", url,
            f'The web address "{url}" has an invalid site name "{host}".',
            'Check the spelling; a site name looks like "www.example.fi".',
        )
    if split.scheme.lower() == "http" and host not in site.allowed_http_hosts:
        https = "https" + url[len("http"):]
        return LinkProblem(
            "external-http", url,
            f'The link "{url}" uses unencrypted http://. Browsers warn about such pages, and '
            f"the visitor's connection can be read or changed on the way.",
            f'Use "{https}" (check that it opens). If the site really has no https, add '
            f"{host} to extra.guard.allowed_http in mkdocs.yml.",
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
        return f'this computer or a local network ("{host}")'
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    if address.is_loopback:
        return f"this computer ({host})"
    if not address.is_global:
        return f"a private or reserved network address ({host})"
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
    ):
        """Walk the site directory once; ids_of(path) gives a page's (ids, heading ids)."""
        self.site_dir = site_dir
        self.languages = languages
        self.ids_of = ids_of
        self.files: set[str] = set()
        for directory, _dirs, names in os.walk(site_dir):
            relative = Path(directory).relative_to(site_dir).as_posix()
            prefix = "" if relative == "." else relative + "/"
            self.files.update(prefix + name for name in names)
        self.pages = sorted(
            "/" + (name[: -len("index.html")] if name.endswith("index.html") else name)
            for name in self.files
            if name.endswith(".html")
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

    def problem(self, link: Link, page_url: str, path: str | None, fragment: str) -> LinkProblem | None:
        """Why an internal link does not work, or None."""
        shown = link.url
        if path is None:
            return LinkProblem(
                "link-outside-site", link.url,
                f'The link "{shown}" points outside the site (above its top folder).',
                "Link to the Markdown file of the page (e.g. [text](../prices.md)); MkDocs "
                "makes the right address for every language.",
            )
        target = self.file_for(path)
        if target is None:
            return self.missing_target(link, path)
        if fragment and target.endswith(".html"):
            found = self.ids_of(target)
            if found is not None and fragment not in found[0]:
                page = "/" + (target[: -len("index.html")] if target.endswith("index.html") else target)
                sections = sorted(found[1])
                hint = (f" The sections there are: {', '.join(sections[:12])}"
                        f"{' …' if len(sections) > 12 else ''}." if sections else "")
                return LinkProblem(
                    "broken-anchor", f"{page}#{fragment}",
                    f'The link "{shown}" goes to the section "#{fragment}" of page {page}, '
                    f"but that page has no section (heading id) of that name.",
                    "Correct the part after # to one of the page's sections, or give the "
                    "heading that id with { #" + fragment + " } at the end of the heading line."
                    + hint,
                )
        return None

    def missing_target(self, link: Link, path: str) -> LinkProblem:
        """A link to a page or file that does not exist: say which, and suggest one."""
        shown = "/" + path
        language = path.split("/", 1)[0]
        if link.tag in {"img", "source", "video", "audio", "track", "embed", "input"} or (
            link.tag == "link" and link.attribute == "href" and PurePosixPath(path).suffix not in {"", ".html"}
        ) or link.tag == "script" or (link.tag == "meta"):
            return LinkProblem(
                "missing-file", shown,
                f'The file "{link.url}" ({shown} in the site) does not exist, so the '
                + ("script will not run." if link.tag == "script" else
                   f"{'image' if link.tag in {'img', 'source'} else 'file'} will not show."),
                "Put the file in docs/ (images in docs/assets/images/) or correct the file "
                "name; names are case-sensitive and must match exactly.",
            )
        without = path.split("/", 1)[1] if "/" in path else ""
        if len(language) == 2 and language.isalpha() and language not in self.languages:
            if self.file_for(without) is not None:
                built = ", ".join(
                    f"{code} at /{'' if index == 0 else code + '/'}"
                    for index, code in enumerate(self.languages)
                )
                return LinkProblem(
                    "missing-language-version", shown,
                    f'The link "{link.url}" goes to {shown}, but the site has no language '
                    f'"{language}" (its languages are {built}).',
                    "Correct the language code in the link, or better, link to the page's "
                    "Markdown file (e.g. prices.md): the language switcher already links "
                    "every page to its translations.",
                )
        if language in self.languages[1:]:
            if self.file_for(without) is not None:
                return LinkProblem(
                    "missing-language-version", shown,
                    f'The link "{link.url}" goes to the {language} version {shown}, which does '
                    f"not exist (the page /{without} exists in the default language, {self.languages[0]}).",
                    f"Create the {language} translation of the page (a .{language}.md file "
                    "next to the default-language one), or link to a page that exists in that language.",
                )
        suggestion = difflib.get_close_matches(shown, self.pages, n=1, cutoff=0.6)
        hint = f" Did you mean {suggestion[0]}?" if suggestion else ""
        return LinkProblem(
            "broken-link", shown,
            f'The link "{link.url}" goes to {shown}, but there is no such page in the site.{hint}',
            "Link to the page's Markdown file as it is named in docs/ (e.g. [Prices](prices.md) "
            "or ../prices.md from a subfolder); MkDocs then makes the right address in every "
            "language.",
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
