"""Build, copy and serve the project for tests and benchmarks."""

from __future__ import annotations

import contextlib
import gzip
import io
import os
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

from selectolax.lexbor import LexborHTMLParser

PROJECT_ROOT = Path(__file__).resolve().parents[2]
if str(PROJECT_ROOT / "hooks") not in sys.path:  # the engine's modules, as the hooks import them
    sys.path.insert(0, str(PROJECT_ROOT / "hooks"))

from kirkas import addresses  # noqa: E402
from kirkas.siteconfig import SiteConfig, load_site_config  # noqa: E402

#: Absolute address the test builds are made for (SITE_URL).
TEST_SITE_URL = "https://kirkas.example/"
#: What a copy of the project needs in order to build.
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks")
#: The real site's settings, read from its mkdocs.yml.
SITE_CONFIG = load_site_config(PROJECT_ROOT / "mkdocs.yml")
#: The real site's languages (default first) and their URL folders ('' for the default).
LANGUAGES = tuple(SITE_CONFIG.languages)
LANGUAGE_PREFIX = {language: SITE_CONFIG.prefix(language) for language in LANGUAGES}
#: The tests' own small practice (Finnish and English): mkdocs.yml, docs/, data and words.
FIXTURE_PRACTICE = PROJECT_ROOT / "tests" / "fixtures" / "practice"
#: The engine's files that live in the project's docs/ (the site's stylesheet and scripts).
ENGINE_ASSETS = ("docs/assets/stylesheets", "docs/assets/javascripts")
#: The header's link to its language's search page (overrides/partials/kirkas/header.html).
SEARCH_LINK = "a.kirkas-header__search"


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
    """Copy the buildable parts of the project (not .venv, site or tests).

    The copy's build messages are in English (messages="en"), which the tests read;
    tests/test_build_report.py checks the owner's Finnish.
    """
    destination.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = PROJECT_ROOT / part
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
    """A built site on disk with helpers to find and parse its pages."""

    root: Path
    output: str
    #: The site's settings (languages); the real site's unless built from another project.
    config: SiteConfig = SITE_CONFIG
    _parsed: dict[Path, LexborHTMLParser] = field(default_factory=dict, repr=False)

    @property
    def languages(self) -> list[str]:
        """The site's languages, default first."""
        return list(self.config.languages)

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
        """Content pages of one language."""
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
        home = LANGUAGE_PREFIX[language]
        link = self.parse(home).css_first(SEARCH_LINK)
        assert link is not None, f"/{home}: the header has no search link ({SEARCH_LINK})"
        target = urlsplit(urljoin(f"/{home}", link.attributes.get("href") or "")).path.lstrip("/")
        return self.file_for(target)

    @cached_property
    def search_pages(self) -> list[Path]:
        """The search page of every language."""
        return [self.search_page_of(language) for language in LANGUAGES]

    @cached_property
    def not_found_pages(self) -> list[Path]:
        """The 404 page of every language (hooks/not_found.py)."""
        return [self.root / LANGUAGE_PREFIX[language] / "404.html" for language in LANGUAGES]

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
