"""`make linkcheck` (hooks/kirkas/linkcheck.py) against a local HTTP server, never the network.

The server answers 200, 301, 404, 500, refuses HEAD on one path, and hangs on another,
so every outcome is seen; the cache and the concurrency limit are checked by counting
the requests the server receives.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from hooks.kirkas import linkcheck

TIMEOUT = 0.5


class _Answers(BaseHTTPRequestHandler):
    """Answers by path: /ok 200, /moved 301, /gone 404, /error 500, /hang never, /get-only."""

    server: _CountingServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Keep test output quiet."""

    def do_HEAD(self) -> None:  # noqa: N802
        """Answer a HEAD request."""
        self._answer("HEAD")

    def do_GET(self) -> None:  # noqa: N802
        """Answer a GET request."""
        self._answer("GET")

    def _answer(self, method: str) -> None:
        path = self.path.split("?")[0]
        self.server.record(method, path)
        counted = True
        try:
            if path == "/hang":
                self.server.release.wait(10)
                return
            if path == "/slow":
                self.server.release.wait(0.2)
            status, headers = {
                "/ok": (200, {}),
                "/slow": (200, {}),
                "/moved": (301, {"Location": "/ok"}),
                "/gone": (404, {}),
                "/error": (500, {}),
                "/get-only": (405 if method == "HEAD" else 200, {}),
            }.get(path, (404, {}))
            body = b"hello" if method == "GET" else b""
            # Out of flight before the answer leaves: once the client has it, it may send
            # its next request while this thread is still finishing.
            self.server.done()
            counted = False
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)
        finally:
            if counted:
                self.server.done()


class _CountingServer(ThreadingHTTPServer):
    """Counts requests per path and the most requests in flight at once."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Answers)
        self.requests: Counter[tuple[str, str]] = Counter()
        self.lock = threading.Lock()
        self.in_flight = 0
        self.most_in_flight = 0
        self.release = threading.Event()

    def record(self, method: str, path: str) -> None:
        with self.lock:
            self.requests[(method, path)] += 1
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)

    def done(self) -> None:
        with self.lock:
            self.in_flight -= 1


@contextlib.contextmanager
def answering_server() -> Iterator[tuple[_CountingServer, str]]:
    """A local server and its base URL."""
    server = _CountingServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()


@pytest.fixture
def server() -> Iterator[tuple[_CountingServer, str]]:
    """A fresh answering server per test."""
    with answering_server() as running:
        yield running


def test_every_answer_is_classified(server: tuple[_CountingServer, str]) -> None:
    """200 ok, 301 moved (with the final address), 404/500 broken, a hang times out."""
    _, base = server
    results = linkcheck.check_links(
        [f"{base}/ok", f"{base}/moved", f"{base}/gone", f"{base}/error", f"{base}/hang", f"{base}/get-only"],
        timeout=TIMEOUT,
    )
    assert results[f"{base}/ok"].outcome == "ok"
    assert results[f"{base}/get-only"].outcome == "ok"
    assert results[f"{base}/moved"].outcome == "moved"
    assert results[f"{base}/moved"].final_url == f"{base}/ok"
    assert results[f"{base}/moved"].status == 301
    assert (results[f"{base}/gone"].outcome, results[f"{base}/gone"].status) == ("broken", 404)
    assert (results[f"{base}/error"].outcome, results[f"{base}/error"].status) == ("broken", 500)
    assert results[f"{base}/hang"].outcome == "broken"
    assert "did not answer" in results[f"{base}/hang"].detail


def test_unreachable_address_is_broken() -> None:
    """A port where nobody listens: broken, with the reason."""
    with answering_server() as (_, base):
        closed = base
    result = linkcheck.check_links([f"{closed}/ok"], timeout=TIMEOUT)[f"{closed}/ok"]
    assert result.outcome == "broken"
    assert "could not be reached" in result.detail


def test_good_results_are_cached_and_problems_checked_again(
    server: tuple[_CountingServer, str], tmp_path: Path
) -> None:
    """A second run asks only the broken addresses again; the cache file holds the results."""
    running, base = server
    cache_file = tmp_path / ".cache" / "linkcheck.json"
    urls = [f"{base}/ok", f"{base}/moved", f"{base}/gone"]
    linkcheck.check_links(urls, timeout=TIMEOUT, cache=linkcheck.LinkCache(cache_file, 3600))
    first = running.requests.copy()
    stored = json.loads(cache_file.read_text(encoding="utf-8"))
    assert set(stored) == set(urls)

    again = linkcheck.check_links(urls, timeout=TIMEOUT, cache=linkcheck.LinkCache(cache_file, 3600))
    asked_again = running.requests - first
    assert set(path for _, path in asked_again) == {"/gone"}
    assert again[f"{base}/ok"].outcome == "ok" and again[f"{base}/moved"].outcome == "moved"

    before_expiry = running.requests[("HEAD", "/ok")]
    linkcheck.check_links(urls, timeout=TIMEOUT, cache=linkcheck.LinkCache(cache_file, 0))
    assert running.requests[("HEAD", "/ok")] > before_expiry  # an expired result is asked again


def test_requests_to_one_host_are_limited(server: tuple[_CountingServer, str]) -> None:
    """Never more requests in flight to one site than --per-host."""
    running, base = server
    urls = [f"{base}/slow?page={number}" for number in range(8)]
    results = linkcheck.check_links(urls, timeout=5, concurrency=8, per_host=2)
    assert all(result.outcome == "ok" for result in results.values())
    assert 1 <= running.most_in_flight <= 2


def test_command_reports_broken_links_with_their_pages_and_fails(
    server: tuple[_CountingServer, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command on a built site: exit 1, broken and moved links named with their pages."""
    _, base = server
    site = tmp_path / "site"
    (site / "hinnat").mkdir(parents=True)
    (site / "index.html").write_text(
        f'<html><body><a href="{base}/gone">Vanha</a> <a href="https://kirkas.example/hinnat/">Hinnat</a>'
        f'<a href="hinnat/">Hinnat</a></body></html>', encoding="utf-8")
    (site / "hinnat" / "index.html").write_text(
        f'<html><body><a href="{base}/moved">Siirtynyt</a><a href="{base}/ok#osio">OK</a></body></html>',
        encoding="utf-8")
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text(f"# Etusivu\n\n[Vanha]({base}/gone)\n", encoding="utf-8")

    code = linkcheck.main([
        "--site", str(site), "--project", str(project), "--site-url", "https://kirkas.example/",
        "--timeout", str(TIMEOUT), "--cache", str(tmp_path / "cache.json"),
    ])
    printed = capsys.readouterr().out
    assert code == 1
    assert "Checked 3 external links: 1 broken, 1 redirected." in printed
    assert f"{base}/gone answers with error 404" in printed
    assert "docs/index.md:3" in printed
    assert f"{base}/moved redirects permanently to {base}/ok" in printed
    assert "/hinnat/" in printed


def test_command_passes_when_every_link_answers(
    server: tuple[_CountingServer, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 0 when nothing is broken."""
    _, base = server
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(f'<a href="{base}/ok">OK</a>', encoding="utf-8")
    code = linkcheck.main(["--site", str(site), "--project", str(tmp_path), "--timeout", str(TIMEOUT),
                           "--cache", str(tmp_path / "cache.json")])
    assert code == 0
    assert "0 broken" in capsys.readouterr().out
