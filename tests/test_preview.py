"""`make serve`: the live preview reloads the page when the owner saves a file.

MkDocs' dev server adds a live-reload script to every page it serves; the page's
Content-Security-Policy must let it run there (hooks/csp.py relaxes script-src in the
preview only). A copy of the site is served with `mkdocs serve`, a page is opened in
Chromium, a Markdown file is edited, and the open page must show the edit by itself.
Edits of the theme overrides and of the hooks (and their shared modules) show up too,
and a missing address below a language folder gets that language's 404 page
(hooks/preview.py).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.support.browser import open_page
from tests.support.site import LANGUAGE_PREFIX, LANGUAGES, copy_project, url_of
from tests.support.visits import new_context

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.real_site]

MARKER = "Esikatselu päivittyi itsestään"


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_served(url: str, server: subprocess.Popen, timeout: float = 120) -> None:
    """Wait until the preview answers (it builds the whole site first)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"mkdocs serve stopped:\n{server.stdout.read() if server.stdout else ''}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"mkdocs serve did not answer at {url} within {timeout} s")


def start_preview(project: Path, port: int) -> subprocess.Popen:
    """`mkdocs serve` of a project copy, as `make serve` runs it."""
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--no-strict",
         "-f", str(project / "mkdocs.yml")],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def fetch(url: str) -> tuple[int, str]:
    """Status and text of a GET, 4xx answers included (the preview answers once it has rebuilt)."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for_text(url: str, text: str, server: subprocess.Popen, timeout: float = 120) -> None:
    """Poll a page until it contains a text (the preview rebuilds after an edit)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if text in fetch(url)[1]:
                return
        except OSError:
            pass
        time.sleep(1)
    server.terminate()
    output = server.communicate(timeout=30)[0]
    raise AssertionError(f"{url} did not show {text!r} within {timeout} s:\n{output[-3000:]}")


def test_preview_reloads_the_open_page_after_an_edit(tmp_path: Path, chromium) -> None:
    project = copy_project(tmp_path / "project")
    port = free_port()
    language = LANGUAGES[-1]
    url = f"http://127.0.0.1:{port}/{url_of('index.md', language)}"
    server = start_preview(project, port)
    try:
        wait_until_served(url, server)
        context = new_context(chromium)
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        open_page(page, url)
        policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content") or ""
        assert "'unsafe-inline'" in policy.split("script-src", 1)[1].split(";", 1)[0], policy
        page.wait_for_timeout(1000)
        assert any("/livereload/" in request for request in requests), "the live-reload script did not run"
        assert page.evaluate("window.__cspViolations || []") == []

        home = project / "docs" / ("index.md" if language == LANGUAGES[0] else f"index.{language}.md")
        home.write_text(home.read_text(encoding="utf-8") + f"\n\n{MARKER}\n", encoding="utf-8")
        page.get_by_text(MARKER).wait_for(timeout=90_000)
        context.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


def a_hook_with_post_page(project: Path) -> Path:
    """The first hook of mkdocs.yml that has an on_post_page event."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    for name in re.findall(r"^  - (hooks/\S+\.py)$", config, re.MULTILINE):
        if "def on_post_page(" in (project / name).read_text(encoding="utf-8"):
            return project / name
    raise AssertionError("no hook with on_post_page in mkdocs.yml")


def test_preview_serves_each_languages_404_and_applies_edits_of_overrides_and_hooks(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server = start_preview(project, port)
    try:
        wait_until_served(base, server)
        for language in LANGUAGES:
            status, html = fetch(f"{base}{LANGUAGE_PREFIX[language]}no-such-page/")
            assert status == 404
            assert re.search(rf'<html lang="{language}"', html), f"/{LANGUAGE_PREFIX[language]}: not the {language} 404 page"

        # A theme override (partials included on every page).
        footer = project / "overrides" / "partials" / "kirkas" / "footer.html"
        footer.write_text(footer.read_text(encoding="utf-8") + "\n<!-- preview-override-edit -->\n", encoding="utf-8")
        wait_for_text(base, "preview-override-edit", server)

        # A hook, and a shared module it imports (hooks/kirkas/): each edit takes effect.
        shared = project / "hooks" / "kirkas" / "__init__.py"
        original_shared = shared.read_text(encoding="utf-8")
        shared.write_text(original_shared + '\nPREVIEW_PROBE = "preview-hook-edit-1"\n', encoding="utf-8")
        hook = a_hook_with_post_page(project)
        hook.write_text(hook.read_text(encoding="utf-8") + (
            "\n\nimport kirkas as _probe_package\n_probe_post_page = on_post_page\n\n\n"
            "def on_post_page(output, **kwargs):\n"
            '    """Marks the page (test_preview)."""\n'
            '    return _probe_post_page(output, **kwargs).replace("</body>", f"<!-- {_probe_package.PREVIEW_PROBE} --></body>")\n'
        ), encoding="utf-8")
        wait_for_text(base, "preview-hook-edit-1", server)
        shared.write_text(original_shared + '\nPREVIEW_PROBE = "preview-hook-edit-2"\n', encoding="utf-8")
        wait_for_text(base, "preview-hook-edit-2", server)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_published_pages_keep_the_strict_policy(site) -> None:
    """The built site (make build) never allows inline scripts wholesale."""
    for path in site.html_files:
        policy = site.parse(path).css_first('meta[http-equiv="Content-Security-Policy"]').attributes["content"]
        assert "'unsafe-inline'" not in policy, site.url_path(path)
