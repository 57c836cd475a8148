"""One run of the build guard over the whole site (all languages), used by hooks/guard.py.

Pages are checked as they are written (once per page and language); internal links
are resolved at the end, when every language is on disk. Every problem is placed in
the source file that causes it and reported once.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from kirkas import guard_contacts, guard_links
from kirkas.guard_contacts import Finding, KnownContacts
from kirkas.guard_html import CONTENT, Image, Link, ParsedPage, parse_page
from kirkas.guard_links import LinkProblem, SiteAddress, SiteFiles
from kirkas.guard_report import PageSources, SourceIndex
from kirkas.messages import N_, _
from kirkas.practice import load_practice
from kirkas.problems import REPORT, Location, Problem


#: An internal link target: (path inside the site or None if outside it, #fragment).
Target = tuple[str | None, str]


@dataclass
class PageRecord:
    """What the guard keeps of a checked page until the end of the build."""

    url: str
    dest: str
    ids: set[str]
    headings: set[str]
    sources: PageSources


@dataclass(frozen=True)
class GuardSettings:
    """``extra.guard`` in mkdocs.yml: the allow-lists."""

    allowed_emails: tuple[str, ...] = ()
    allowed_phones: tuple[str, ...] = ()
    allowed_http: tuple[str, ...] = ()

    @classmethod
    def from_extra(cls, extra: Any) -> GuardSettings:
        """Read extra.guard (a mapping of lists; missing keys are empty)."""
        raw = (extra.get("guard") if hasattr(extra, "get") else None) or {}
        return cls(*(tuple(str(item) for item in raw.get(key) or ()) for key in
                     ("allowed_emails", "allowed_phones", "allowed_http")))


class GuardRun:
    """Collects the problems of every page of every language, then reports them once."""

    def __init__(
        self,
        *,
        project_dir: Path,
        config_file: Path,
        docs_dir: Path,
        theme_dirs: list[Path],
        site_url: str,
        languages: list[str],
        settings: GuardSettings,
    ):
        """Load the practice's contact data (kirkas.practice) and prepare the source index."""
        self.project_dir = project_dir
        self.docs_dir = docs_dir
        self.languages = languages
        practice = load_practice(project_dir, docs_dir, languages)
        self.known = KnownContacts.from_data(
            practice.phones(), practice.emails(), settings.allowed_phones, settings.allowed_emails
        )
        self.site = SiteAddress(site_url or "/", frozenset(h.lower() for h in settings.allowed_http))
        self.index = SourceIndex(project_dir, theme_dirs, practice.source, config_file)
        self.report = REPORT
        self.pages: dict[str, PageRecord] = {}
        self._ids_on_disk: dict[str, tuple[set[str], set[str]] | None] = {}
        self._contact_links: dict[tuple[str, str, str], list[Finding]] = {}
        #: Every internal link target of the site and the pages that link to it. Only the
        #: targets are kept (not every link of every page): a page is read again from disk
        #: when one of its targets turns out to be missing.
        self.targets: dict[Target, list[PageRecord]] = defaultdict(list)
        self._reread: dict[str, list[Link]] = {}
        #: Site page path -> Markdown file as links name it (filled in by finish()).
        self.names: dict[str, str] = {}

    # --- per page ----------------------------------------------------------------
    def check_page(
        self,
        html: str,
        *,
        dest: str,
        url: str,
        markdown: Path | None,
        meta: dict[str, Any] | None,
    ) -> None:
        """Check one written page; keep its internal links for the end of the build."""
        url = "" if url in {".", "./"} else url
        parsed = parse_page(html)
        sources = PageSources(self.index, markdown)
        record = PageRecord(url=url, dest=dest, ids=parsed.ids, headings=parsed.headings, sources=sources)
        self.pages[dest] = record
        shown_page = url
        for link in parsed.links:
            self._check_link(link, record, shown_page)
        for image in parsed.images:
            self._check_image(image, sources, shown_page)
        self._check_head(parsed, sources, shown_page, markdown, meta)
        content = parsed.content_text
        if parsed.description:
            content += "\n" + parsed.description
        for finding in guard_contacts.text_findings(content, self.known):
            self._add_finding(finding, sources, shown_page, in_content=True, region=CONTENT)
        for finding in guard_contacts.text_findings(parsed.other_text, self.known):
            self._add_finding(finding, sources, shown_page, in_content=False,
                              region=N_("page header, navigation or footer"))

    def _check_link(self, link: Link, record: PageRecord, page: str) -> None:
        """Sort one URL: keep internal ones for later, check the others now."""
        kind = guard_links.kind_of(link.url)
        if kind == "skip":
            return
        if kind == "external" and not guard_links.is_own_site(link.url, self.site):
            problem = guard_links.external_problem(link.url, self.site)
            if problem:
                self._add_link_problem(problem, link, record.sources, page)
        elif kind in {"internal", "fragment", "external"}:
            pages = self.targets[guard_links.site_path_of(link.url, record.url, self.site)]
            if not pages or pages[-1] is not record:
                pages.append(record)
        elif kind in {"tel", "mailto"}:
            for finding in self._contact_link_findings(kind, link.url, link.text):
                self._add_finding(finding, record.sources, page, in_content=link.in_content,
                                  region=link.region)
        else:
            scheme = link.url.split(":", 1)[0]
            self._add_link_problem(LinkProblem(
                "unsupported-link", link.url,
                _('The link "{url}" starts with "{scheme}:", which visitors\' browsers cannot open '
                  "safely.", url=link.url, scheme=scheme),
                _("Use a web address starting with https://, an email link (mailto:) or a phone "
                  "link (tel:), or a link to a page of the site."),
            ), link, record.sources, page)

    def _contact_link_findings(self, kind: str, url: str, text: str) -> list[Finding]:
        """Problems of a tel: or mailto: link (the header's links repeat on every page: cached)."""
        key = (kind, url, text)
        if key not in self._contact_links:
            check = guard_contacts.check_tel_link if kind == "tel" else guard_contacts.check_mailto_link
            self._contact_links[key] = check(url, text, self.known)
        return self._contact_links[key]

    def _check_image(self, image: Image, sources: PageSources, page: str) -> None:
        """Every image has alt text; an empty one only when marked decorative."""
        if image.alt is None:
            kind, message = "image-without-alt", _(
                'The image "{src}" has no alternative text (alt), so screen-reader users do not '
                "know what it shows.", src=image.src)
        elif not image.alt.strip() and not image.decorative:
            kind, message = "image-empty-alt", _(
                'The image "{src}" has an empty alternative text (alt="") but is not marked as '
                "decorative.", src=image.src)
        else:
            return
        needles = guard_links.unique([image.src, PurePosixPath(image.src).name])
        path, _fragment = guard_links.site_path_of(image.src, page, self.site)
        detail = path if path is not None else image.src
        self._add(kind, detail, message,
                  _("Describe the image in the square brackets: ![A supervisor smiling]"
                    "(assets/images/photo.jpg). Only a purely decorative image may have an empty "
                    'alt, and then it needs role="presentation" (or aria-hidden="true").'),
                  sources.locate(needles, in_content=image.in_content, region=image.region), page)

    def _check_head(
        self,
        parsed: ParsedPage,
        sources: PageSources,
        page: str,
        markdown: Path | None,
        meta: dict[str, Any] | None,
    ) -> None:
        """Every page has a <title> and a meta description (written in its front matter)."""
        if not parsed.title:
            self._add("missing-title", "title", _("The page has no <title>."),
                      _("Give the page a heading (# Title) or a title: line in its front matter."),
                      sources.locate(["<title>", "htmltitle"], in_content=False, region=N_("page head")),
                      page)
        if markdown is not None and meta is not None:
            description = meta.get("description")
            if not isinstance(description, str) or not description.strip():
                location = Location(self.index.display(markdown), 1)
                self._add("missing-description", "description",
                          _("The page has no description: search engines and link previews "
                            "then show the same general site text for every page."),
                          _("Add a line 'description: …' (one or two sentences, 50–160 "
                            "characters, in the page's language) to the front matter between the "
                            "--- lines at the top of the file."),
                          location, page)
        elif not parsed.description:
            self._add("missing-description", "meta", _("The page has no meta description."),
                      _('Add <meta name="description" content="…"> to the template.'),
                      sources.locate(['name="description"', "{% block content %}"],
                                     in_content=False, region=N_("page head")), page)

    # --- recording ---------------------------------------------------------------
    def _add(self, kind: str, detail: str, message: str, fix: str, location: Location, page: str) -> None:
        """Record one problem at a location."""
        self.report.add(Problem(location, kind, detail, message, fix), page)

    def _add_link_problem(self, problem: LinkProblem, link: Link, sources: PageSources, page: str) -> None:
        """Place a link problem in the file where the link is written."""
        needles = [*self._written_forms(link, page, sources), *guard_links.link_needles(link)]
        location = sources.locate(needles, in_content=link.in_content, region=link.region)
        message = problem.message
        if ".md" in location.matched and location.matched != link.url:
            # Show the link as the owner wrote it ('hinnat.md#x'), not as MkDocs rewrote it.
            message = message.replace(f'"{link.url}"', f'"{location.matched}"', 1)
        self._add(problem.kind, problem.detail, message, problem.fix, location, page)

    def _written_forms(self, link: Link, page: str, sources: PageSources) -> list[str]:
        """How a link to a page of the site is written in Markdown: 'hinnasto.md#x' for '../prislista/#x'.

        A page's address can differ from its file's name (a translation's slug), so the
        address alone does not find the line (names are known once every page is seen).
        """
        if not self.names or sources.markdown is None:
            return []
        path, fragment = guard_links.site_path_of(link.url, page, self.site)
        target = self.names.get(path) if path is not None else None
        source = self.names.get(page)
        if target is None or source is None:
            return []
        written = posixpath.relpath(target, posixpath.dirname(source) or ".")
        query = urlsplit(link.url).query
        return [written + ("?" + query if query else "") + ("#" + fragment if fragment else "")]

    def _add_finding(
        self, finding: Finding, sources: PageSources, page: str, *, in_content: bool, region: str
    ) -> None:
        """Place a contact-data problem in the file where the number or address is written."""
        location = sources.locate(list(finding.needles), in_content=in_content, region=region,
                                  digits=finding.digits)
        self._add(finding.kind, finding.detail, finding.message, finding.fix, location, page)

    # --- whole site --------------------------------------------------------------
    def ids_of(self, target: str) -> tuple[set[str], set[str]] | None:
        """(ids, heading ids) of a site page: from its check, or read from disk (404 pages)."""
        record = self.pages.get(target)
        if record is not None:
            return record.ids, record.headings
        if target not in self._ids_on_disk:
            try:
                html = (self.site_dir / target).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                self._ids_on_disk[target] = None
            else:
                parsed = parse_page(html, ids_only=True)
                self._ids_on_disk[target] = (parsed.ids, parsed.headings)
        return self._ids_on_disk[target]

    def markdown_names(self) -> dict[str, str]:
        """Site page path -> its Markdown file as links name it ('sv/hinnat/' -> 'hinnat.md')."""
        names = {}
        for record in self.pages.values():
            if record.sources.markdown is None:
                continue
            try:
                relative = record.sources.markdown.resolve().relative_to(self.docs_dir.resolve())
            except ValueError:
                continue
            stem, _dot, language = relative.stem.rpartition(".")
            name = relative.with_name(stem + ".md") if stem and language in self.languages else relative
            names[record.url] = name.as_posix()
        return names

    def finish(self, site_dir: Path, redirects: dict[str, str] | None = None) -> None:
        """Check pages not seen yet (404 and redirect pages), then resolve every internal link.

        redirects maps each old address (site path 'sv/hinnat/') to its page's address
        now: a link to an old address works, but is reported with the page's address.
        """
        self.site_dir = site_dir
        self.names = self.markdown_names()
        files = SiteFiles(site_dir, self.languages, self.ids_of, self.names, redirects)
        for name in sorted(files.files):
            if name.endswith(".html") and name not in self.pages and not name.startswith("assets/"):
                url = name[: -len("index.html")] if name.endswith("index.html") else name
                try:
                    html = (site_dir / name).read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as error:
                    self.report.fail(_("the page {name} in the built site", name=name), error)
                    continue
                self.check_page(html, dest=name, url=url, markdown=None, meta=None)
        for target, records in self.targets.items():
            if files.resolves(*target) and files.redirect_of(target[0]) is None:
                continue
            for record in records:
                try:
                    self._report_broken_links(files, record, target)
                except Exception as error:  # noqa: BLE001 - reported as a guard failure
                    self.report.fail(_("the links of /{url} ({file})", url=record.url, file=record.dest), error)

    def markdown_name_of(self, record: PageRecord) -> str | None:
        """The Markdown file of a page as links name it ('hinnat.md'), None for template pages."""
        return self.names.get(record.url) if record.sources.markdown else None

    def _report_broken_links(self, files: SiteFiles, record: PageRecord, target: Target) -> None:
        """Report each link of a page that goes to a missing target (the page is read again)."""
        if record.dest not in self._reread:
            html = (self.site_dir / record.dest).read_text(encoding="utf-8")
            self._reread[record.dest] = parse_page(html).links
        for link in self._reread[record.dest]:
            kind = guard_links.kind_of(link.url)
            if kind not in {"internal", "fragment", "external"}:
                continue
            if kind == "external" and not guard_links.is_own_site(link.url, self.site):
                continue
            if guard_links.site_path_of(link.url, record.url, self.site) != target:
                continue
            problem = files.problem(link, record.url, *target, source=self.markdown_name_of(record))
            if problem is not None:
                self._add_link_problem(problem, link, record.sources, record.url)
