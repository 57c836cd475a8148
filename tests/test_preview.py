"""`make serve`: the live preview reloads the page when the owner saves a file.

MkDocs' dev server adds a live-reload script to every page it serves; the page's
Content-Security-Policy must let it run there (hooks/csp.py relaxes script-src in the
preview only). A copy of the site is served with `mkdocs serve`, a page is opened in
Chromium, a Markdown file is edited, and the open page must show the edit by itself.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support.browser import open_page
from tests.support.site import LANGUAGES, SITE_CONFIG, copy_project
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


def test_preview_reloads_the_open_page_after_an_edit(tmp_path: Path, chromium) -> None:
    project = copy_project(tmp_path / "project")
    port = free_port()
    language = LANGUAGES[-1]
    url = f"http://127.0.0.1:{port}/{SITE_CONFIG.prefix(language)}"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--no-strict",
         "-f", str(project / "mkdocs.yml")],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
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


def test_published_pages_keep_the_strict_policy(site) -> None:
    """The built site (make build) never allows inline scripts wholesale."""
    for path in site.html_files:
        policy = site.parse(path).css_first('meta[http-equiv="Content-Security-Policy"]').attributes["content"]
        assert "'unsafe-inline'" not in policy, site.url_path(path)
