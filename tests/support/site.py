"""Build, copy and serve the project for tests and benchmarks."""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml
from selectolax.lexbor import LexborHTMLParser

PROJECT_ROOT = Path(__file__).resolve().parents[2]
if str(PROJECT_ROOT / "hooks") not in sys.path:  # the engine's modules, as the hooks import them
    sys.path.insert(0, str(PROJECT_ROOT / "hooks"))

from kirkas import addresses  # noqa: E402
from kirkas.siteconfig import SiteConfig, load_site_config  # noqa: E402

#: The project whose site the real-site tests build and read: this repository, or another
#: project folder (mkdocs.yml, docs/, overrides/, hooks/) named by the environment variable
#: KIRKAS_PROJECT, e.g. `KIRKAS_PROJECT=/tmp/uusi make test` for a skeleton of
#: `make new-practice` or a copy a recipe changed. The engine's own tests and the tests'
#: practice (tests/fixtures/practice) stay with this repository.
SITE_PROJECT = Path(os.environ.get("KIRKAS_PROJECT") or PROJECT_ROOT).resolve()
#: Absolute address the test builds are made for (SITE_URL).
TEST_SITE_URL = "https://kirkas.example/"
#: What a copy of the project needs in order to build.
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks")
#: The real site's settings, read from its mkdocs.yml.
SITE_CONFIG = load_site_config(SITE_PROJECT / "mkdocs.yml")
#: The real site's languages (default first) and their URL folders ('' for the default).
LANGUAGES = tuple(SITE_CONFIG.languages)
LANGUAGE_PREFIX = {language: SITE_CONFIG.prefix(language) for language in LANGUAGES}
#: The tests' own small practice (Finnish and English): mkdocs.yml, docs/, data and words.
FIXTURE_PRACTICE = PROJECT_ROOT / "tests" / "fixtures" / "practice"
#: The engine's files that live in the project's docs/ (the site's stylesheet and scripts).
ENGINE_ASSETS = ("docs/assets/stylesheets", "docs/assets/javascripts")
#: The header's link to its language's search page (overrides/partials/kirkas/header.html).
SEARCH_LINK = "a.kirkas-header__search"
#: The data file and the words files below a project folder.
DATA_FILE = Path("docs") / "_data" / "practice.yml"
WORDS_DIR = Path("docs") / "_data" / "words"


@dataclass
class BuildResult:
    """Exit code and combined log of one `mkdocs build`."""

    returncode: int
    output: str


def build_project(
    project_dir: Path,
    site_dir: Path,
    *,
    strict: bool = True,
    extra_env: dict[str, str] | None = None,
    engine: str = "mkdocs",
) -> BuildResult:
    """Run `mkdocs build` (or another engine's: "properdocs") on a project directory into site_dir."""
    env = {**os.environ, "SITE_URL": TEST_SITE_URL, "NO_MKDOCS_2_WARNING": "1"}
    env.update(extra_env or {})
    command = [sys.executable, "-m", engine, "build", "--clean"]
    command += ["--strict"] if strict else ["--no-strict"]
    command += ["-f", str(project_dir / "mkdocs.yml"), "-d", str(site_dir)]
    completed = subprocess.run(
        command, cwd=project_dir, env=env, capture_output=True, text=True, check=False
    )
    return BuildResult(completed.returncode, completed.stdout + completed.stderr)


def copy_project(destination: Path, *, messages: str = "en") -> Path:
    """Copy the buildable parts of the project (SITE_PROJECT; not .venv, site or tests).

    The copy's build messages are in English (messages="en"), which the tests read;
    tests/test_build_report.py checks the owner's Finnish.
    """
    destination.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = SITE_PROJECT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    set_build_messages(destination, messages)
    return destination


def append_line(project: Path, file: str, text: str) -> int:
    """Append a paragraph to a source file; returns its line number."""
    path = project / file
    content = path.read_text(encoding="utf-8")
    if not content.endswith("\n"):
        content += "\n"
    line = content.count("\n") + 2
    path.write_text(content + "\n" + text + "\n", encoding="utf-8")
    return line



def address_map(config: SiteConfig = SITE_CONFIG) -> addresses.AddressMap:
    """Every page's address in every language and the old addresses, as the engine makes them.

    Read once per project (the real site's docs do not change during a test session;
    a test that changes a copy's pages builds that copy and reads its pages).
    """
    if config.config_file not in _address_maps:
        _address_maps[config.config_file] = addresses.scan(
            config.docs_dir, config.pages(), config.languages, config.project_dir,
            site_url=TEST_SITE_URL, directory_urls=config.use_directory_urls)
    return _address_maps[config.config_file]


_address_maps: dict[Path, addresses.AddressMap] = {}


def url_of(page: str, language: str | None = None, config: SiteConfig = SITE_CONFIG) -> str:
    """Site-relative address of a page in a language: url_of('hinnasto.md', 'sv') -> 'sv/prislista/'.

    page is the default-language Markdown file below docs/ (the key of a page in every
    language); a translation's own file ('hinnasto.sv.md') gives its language. The
    address comes from the engine (kirkas.addresses: the pages' slugs), never from the
    file name. ``BuiltSite.url_of`` answers the same for the project a site was built from.
    """
    url = address_map(config).url_of(page, language)
    assert url is not None, f"{config.docs_dir} has no page {page} in {language or 'its language'}"
    return url


def set_build_messages(project_dir: Path, language: str) -> None:
    """Choose the language of a project copy's build messages (extra.build_messages)."""
    config = project_dir / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    chosen = [index for index, line in enumerate(lines) if line.lstrip().startswith("build_messages:")]
    assert len(chosen) == 1, "mkdocs.yml should set extra.build_messages once"
    indent = lines[chosen[0]][: len(lines[chosen[0]]) - len(lines[chosen[0]].lstrip())]
    lines[chosen[0]] = f"{indent}build_messages: {language}\n"
    config.write_text("".join(lines), encoding="utf-8")


def copy_fixture_practice(destination: Path) -> Path:
    """The tests' own practice next to a copy of the engine: a project that builds on its own.

    tests/fixtures/practice/ (its mkdocs.yml, docs/, data and words files) plus the
    project's hooks/, overrides/ and the engine's stylesheet and scripts (ENGINE_ASSETS).
    """
    shutil.copytree(FIXTURE_PRACTICE, destination, ignore=shutil.ignore_patterns("__pycache__"))
    for part in ("hooks", "overrides", *ENGINE_ASSETS):
        shutil.copytree(PROJECT_ROOT / part, destination / part, ignore=shutil.ignore_patterns("__pycache__"),
                        dirs_exist_ok=True)
    return destination


@dataclass
class BuiltSite:
    """A built site on disk with helpers to find and parse its pages.

    It knows the project it was built from (mkdocs.yml, the data file, the words files
    and the pages' front matter), so tests read languages, pages, roles and facts from
    there instead of naming them; ``url_of`` finds a page's address in the built site.
    """

    root: Path
    output: str
    #: The site's settings (languages); the real site's unless built from another project.
    config: SiteConfig = SITE_CONFIG
    #: The address the site was built for (SITE_URL): its absolute links start with it.
    site_url: str = TEST_SITE_URL
    _parsed: dict[Path, LexborHTMLParser] = field(default_factory=dict, repr=False)

    @property
    def languages(self) -> list[str]:
        """The site's languages, default first."""
        return list(self.config.languages)

    @property
    def default_language(self) -> str:
        """The default language (served at the site root)."""
        return self.config.default_language

    @property
    def project(self) -> Path:
        """The project folder the site was built from."""
        return self.config.project_dir

    @cached_property
    def data(self) -> dict:
        """The project's data file (docs/_data/practice.yml), read by the tests themselves."""
        return yaml.safe_load((self.project / DATA_FILE).read_text(encoding="utf-8"))

    @cached_property
    def words(self) -> dict[str, dict]:
        """The project's words file of every language (docs/_data/words/<language>.yml)."""
        return {language: yaml.safe_load((self.project / WORDS_DIR / f"{language}.yml").read_text(encoding="utf-8"))
                for language in self.languages}

    @cached_property
    def html_files(self) -> list[Path]:
        """Every HTML file of the site, sorted."""
        return sorted(self.root.rglob("*.html"))

    @property
    def addresses(self) -> addresses.AddressMap:
        """The engine's map of the built project's page addresses (kirkas.addresses)."""
        return address_map(self.config)

    def url_of(self, page: str, language: str | None = None) -> str:
        """Site-relative address of a page of this site in a language (see url_of above)."""
        return url_of(page, language, self.config)

    @cached_property
    def redirect_pages(self) -> list[Path]:
        """The pages at old addresses, which only send the browser on (not content pages)."""
        return sorted(self.file_for(old) for old in self.addresses.redirects)

    @cached_property
    def pages(self) -> list[Path]:
        """Content pages (index.html files), without the 404 pages and the redirect pages."""
        redirects = set(self.redirect_pages)
        return [path for path in self.html_files if path.name == "index.html" and path not in redirects]

    def pages_of(self, language: str) -> list[Path]:
        """Content pages of one language (below its folder: '' for the default, 'sv/' ...)."""
        others = [self.config.prefix(lang) for lang in self.languages
                  if self.config.prefix(lang) and lang != language]
        mine = self.config.prefix(language)
        return [
            path
            for path in self.pages
            if self.url_path(path).startswith(mine)
            and not any(self.url_path(path).startswith(other) for other in others)
        ]

    def search_page_of(self, language: str) -> Path:
        """The search page of a language: where the header's search link of its home page leads."""
        home = self.config.prefix(language)
        link = self.parse(home).css_first(SEARCH_LINK)
        assert link is not None, f"/{home}: the header has no search link ({SEARCH_LINK})"
        target = urlsplit(urljoin(f"/{home}", link.attributes.get("href") or "")).path.lstrip("/")
        return self.file_for(target)

    @cached_property
    def search_pages(self) -> list[Path]:
        """The search page of every language."""
        return [self.search_page_of(language) for language in self.languages]

    @cached_property
    def not_found_pages(self) -> list[Path]:
        """The 404 page of every language (hooks/not_found.py)."""
        return [self.not_found_page(language) for language in self.languages]

    def language_of(self, path: Path | str) -> str:
        """The language a built page declares (<html lang>)."""
        return self.parse(path).css_first("html").attributes.get("lang") or ""

    def not_found_page(self, language: str) -> Path:
        """The 404 page of a language."""
        return self.root / self.config.prefix(language) / "404.html"

    def url_path(self, path: Path) -> str:
        """Site-relative URL of a file: 'sv/palvelut/' for sv/palvelut/index.html."""
        relative = path.relative_to(self.root).as_posix()
        return relative[: -len("index.html")] if relative.endswith("index.html") else relative

    def file_for(self, url_path: str) -> Path:
        """The file behind a site-relative URL such as 'sv/palvelut/'."""
        target = self.root / url_path
        return target / "index.html" if url_path.endswith("/") or url_path == "" else target

    def parse(self, path_or_url: Path | str) -> LexborHTMLParser:
        """Parsed HTML of a file or site-relative URL (cached)."""
        path = path_or_url if isinstance(path_or_url, Path) else self.file_for(path_or_url)
        if path not in self._parsed:
            self._parsed[path] = LexborHTMLParser(path.read_text(encoding="utf-8"))
        return self._parsed[path]

    # --- the project's pages ----------------------------------------------------------
    @cached_property
    def sources(self) -> list[str]:
        """Every published page as the default language's file below docs/ ('palvelut/x.md')."""
        docs = self.config.docs_dir
        found = []
        for path in sorted(docs.rglob("*.md")):
            relative = path.relative_to(docs).as_posix()
            if any(part.startswith("_") for part in relative.split("/")):
                continue
            stem, _, suffix = path.stem.rpartition(".")
            if not (stem and suffix in self.languages):
                found.append(relative)
        return found

    def source_file(self, source: str, language: str) -> Path:
        """The Markdown file of a page in a language (docs/x.md, docs/x.sv.md)."""
        path = self.config.docs_dir / source
        return path if language == self.default_language else path.with_suffix(f".{language}.md")

    def front_matter(self, source: str, language: str | None = None) -> dict:
        """The YAML front matter of a page's file in a language ({} if none)."""
        text = self.source_file(source, language or self.default_language).read_text(encoding="utf-8")
        match = re.match(r"---\n(.*?\n)---\n", text, re.DOTALL)
        return (yaml.safe_load(match.group(1)) or {}) if match else {}

    def sources_with_role(self, role: str) -> list[str]:
        """The pages whose front matter says role: ROLE."""
        return [source for source in self.sources if self.front_matter(source).get("role") == role]

    def role_url(self, role: str, language: str) -> str:
        """Site-relative URL of the (first) page with a role in a language."""
        pages = self.sources_with_role(role)
        assert pages, f"no page of {self.project} has role: {role}"
        return self.url_of(pages[0], language)

    def site_relative(self, address: str) -> str:
        """A link of the built site as a site-relative path ('sv/palvelut/'), query and fragment dropped."""
        path = urlsplit(urljoin(self.site_url, address)).path
        base = urlsplit(self.site_url).path
        return path[len(base):] if path.startswith(base) else path.lstrip("/")

    def resolve(self, page_url: str, href: str) -> tuple[str, str, str]:
        """(site-relative path, query, fragment) of a link on a page."""
        target = urlsplit(urljoin(self.site_url + page_url, href))
        return self.site_relative(target.path), target.query, target.fragment

    def quote_link(self, language: str) -> tuple[str, str]:
        """(site-relative page, #anchor) of the quote form, from the header's quote link."""
        home = self.config.prefix(language)
        link = self.parse(home).css_first("header .kirkas-actions__quote")
        assert link is not None, f"/{home}: no quote link in the header"
        path, _query, fragment = self.resolve(home, link.attributes.get("href") or "")
        return path, fragment


class _PagesLikeHandler(SimpleHTTPRequestHandler):
    """Serves files like GitHub Pages: gzip for text, /404.html for missing paths."""

    compressible = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Keep test output quiet."""

    def send_head(self):  # type: ignore[override]
        """Serve the file, gzip-compressed when the client accepts it."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        status = 200
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
        body = path.read_bytes()
        self.send_response(status)
        content_type = self.guess_type(str(path))
        if path.suffix in self.compressible and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _BacklogThreadingHTTPServer(ThreadingHTTPServer):
    """A threading server whose listen backlog takes a browser's parallel connections."""

    request_queue_size = 128
    daemon_threads = True


@contextlib.contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Serve a directory on a free loopback port; yields the base URL."""

    def handler(*args, **kwargs):
        return _PagesLikeHandler(*args, directory=str(root), **kwargs)

    server = _BacklogThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


#: Kinds of page that browser tests visit, one of each (see sample_page).
SAMPLE_PAGES = ("home", "contact", "service", "prices")


def sample_page(site: BuiltSite, kind: str) -> str:
    """A page of a kind, in a language that varies by kind, found from the site's own files.

    'home': the default language's home page; 'contact': the quote form's page in the second
    language; 'service': the urgent (else the first) service's page in the last language;
    'prices': the prices page (role: prices) in the default language.
    """
    languages = site.languages
    if kind == "home":
        return site.url_of("index.md", languages[0])
    if kind == "contact":
        return site.quote_link(languages[1 % len(languages)])[0]
    if kind == "service":
        services = site.data["services"].values()
        chosen = next((service for service in services if service.get("urgent")), next(iter(services)))
        return site.url_of(chosen["page"], languages[-1])
    if kind == "prices":
        return site.role_url("prices", languages[0])
    raise ValueError(kind)


def page_kinds(site: BuiltSite) -> dict[str, str]:
    """One page of each kind the site has, as the default language's file ('hinnat.md').

    Kinds: home, article (a page without a role that is no service's or supervisor's),
    services, service and urgent (from the data file), supervisors, bio, prices, faq,
    contact (the quote form's page) and privacy (the first legal page). A kind the site
    does not have is left out.
    """
    services = list(site.data["services"].values())
    people = list(site.data["supervisors"].values())
    named = {item["page"] for item in services + people}
    articles = [source for source in site.sources if source != "index.md" and source not in named
                and not site.front_matter(source).get("role")]
    contact = next((source for source in site.sources
                    if "<!-- quote-form -->" in site.source_file(source, site.default_language).read_text(encoding="utf-8")),
                   None)
    kinds = {
        "home": "index.md",
        "article": articles[0] if articles else None,
        "services": next(iter(site.sources_with_role("services")), None),
        "service": next((item["page"] for item in services if not item.get("urgent")), None),
        "urgent": next((item["page"] for item in services if item.get("urgent")), None),
        "supervisors": next(iter(site.sources_with_role("supervisors")), None),
        "bio": people[0]["page"] if people else None,
        "prices": next(iter(site.sources_with_role("prices")), None),
        "faq": next(iter(site.sources_with_role("faq")), None),
        "contact": contact,
        "privacy": next(iter(site.sources_with_role("legal")), None),
    }
    return {kind: source for kind, source in kinds.items() if source}
