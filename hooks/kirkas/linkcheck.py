"""`make linkcheck`: do the site's external links still answer? (Uses the network; cached.)

The normal build never touches the network: the build guard only checks that external
links are well-formed https:// addresses. This command builds the site (or reads an
already built one with --site), collects every external link of every page, asks each
address with a HEAD request (GET when HEAD is refused), follows redirects, and reports
per source file:

- broken: the page answers 4xx/5xx, or does not answer within the timeout;
- moved: the address redirects; update the link to the final address (a warning);

Results that were fine are cached in .cache/linkcheck.json for --max-age-hours
(default 24); problems are always checked again, so a fix shows at once. Requests run
in parallel (--concurrency, default 8) but at most --per-host (default 2) to one site.
Exit code 1 when any link is broken.

    python -m hooks.kirkas.linkcheck [--site DIR] [--timeout 10] [--refresh]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

HOOKS_DIR = Path(__file__).resolve().parents[1]
if str(HOOKS_DIR) not in sys.path:  # run as `python -m hooks.kirkas.linkcheck`
    sys.path.insert(0, str(HOOKS_DIR))

from kirkas.guard_html import parse_page  # noqa: E402
from kirkas.guard_links import SiteAddress, is_own_site, kind_of  # noqa: E402

PROJECT_DIR = HOOKS_DIR.parent
DEFAULT_CACHE = PROJECT_DIR / ".cache" / "linkcheck.json"
USER_AGENT = "kirkas-linkcheck/1.0 (checks that the links of a website still work)"
MAX_REDIRECTS = 5
#: Answers to HEAD that mean "ask with GET instead".
HEAD_REFUSED = {400, 403, 405, 501}


@dataclass
class LinkResult:
    """What an external address answered."""

    url: str
    outcome: str  # "ok", "moved", "broken"
    status: int | None
    detail: str
    final_url: str
    checked_at: float

    @property
    def is_problem(self) -> bool:
        """True for links that must be fixed (broken)."""
        return self.outcome == "broken"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Let 3xx answers through as they are, so redirects are seen and followed by hand."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, D102
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def request_status(url: str, method: str, timeout: float) -> tuple[int, str | None]:
    """(status, Location header) of one request; raises OSError on network failure."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            if method == "GET":
                response.read(1024)
            return response.status, response.headers.get("Location")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location") if error.headers else None


def check_one(url: str, *, timeout: float) -> LinkResult:
    """Ask one address (HEAD, then GET if refused), following up to five redirects."""
    current, first_status, moved = url, None, False
    try:
        for _ in range(MAX_REDIRECTS + 1):
            status, location = request_status(current, "HEAD", timeout)
            if status in HEAD_REFUSED:
                status, location = request_status(current, "GET", timeout)
            first_status = first_status or status
            if 300 <= status < 400 and location:
                moved = moved or status in {301, 308}
                current = urljoin(current, location)
                continue
            if status < 400:
                if current != url:
                    kind = "permanently" if moved else "temporarily"
                    return LinkResult(url, "moved", first_status, f"redirects {kind} to {current}",
                                      current, time.time())
                return LinkResult(url, "ok", status, "answers", url, time.time())
            return LinkResult(url, "broken", status, f"answers with error {status}", current, time.time())
        return LinkResult(url, "broken", first_status, "redirects too many times", current, time.time())
    except TimeoutError:
        return LinkResult(url, "broken", None, f"did not answer within {timeout:g} seconds", url, time.time())
    except (OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            detail = f"did not answer within {timeout:g} seconds"
        else:
            detail = f"could not be reached ({reason})"
        return LinkResult(url, "broken", None, detail, url, time.time())


class LinkCache:
    """Results of earlier runs (.cache/linkcheck.json); only good results are reused."""

    def __init__(self, path: Path | None, max_age_seconds: float):
        """Load the cache file if it exists."""
        self.path = path
        self.max_age = max_age_seconds
        self.results: dict[str, LinkResult] = {}
        if path is not None and path.is_file():
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                self.results = {url: LinkResult(**value) for url, value in raw.items()}
            except (ValueError, TypeError):
                self.results = {}

    def fresh(self, url: str, now: float) -> LinkResult | None:
        """A cached result that is good and recent enough, or None."""
        result = self.results.get(url)
        if result is None or result.is_problem or now - result.checked_at > self.max_age:
            return None
        return result

    def save(self, results: Iterable[LinkResult]) -> None:
        """Store results (written atomically)."""
        for result in results:
            self.results[result.url] = result
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        data = {url: asdict(result) for url, result in sorted(self.results.items())}
        temporary.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
        temporary.replace(self.path)


def check_links(
    urls: Iterable[str],
    *,
    timeout: float = 10.0,
    concurrency: int = 8,
    per_host: int = 2,
    cache: LinkCache | None = None,
) -> dict[str, LinkResult]:
    """Check addresses in parallel (bounded overall and per host), reusing fresh cached results."""
    now = time.time()
    results: dict[str, LinkResult] = {}
    to_check = []
    for url in sorted(set(urls)):
        cached = cache.fresh(url, now) if cache else None
        if cached:
            results[url] = cached
        else:
            to_check.append(url)
    host_limits: dict[str, threading.BoundedSemaphore] = defaultdict(
        lambda: threading.BoundedSemaphore(max(1, per_host))
    )
    for url in to_check:  # create the semaphores before the threads start
        host_limits[(urlsplit(url).hostname or "").lower()]

    def limited(url: str) -> LinkResult:
        with host_limits[(urlsplit(url).hostname or "").lower()]:
            return check_one(url, timeout=timeout)

    if to_check:
        with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
            for result in pool.map(limited, to_check):
                results[result.url] = result
        if cache is not None:
            cache.save(results[url] for url in to_check)
    return results


def external_links(site_dir: Path, site_url: str) -> dict[str, set[str]]:
    """Every external http(s) address of the built site, with the pages that link to it."""
    site = SiteAddress(site_url)
    found: dict[str, set[str]] = defaultdict(set)
    for path in sorted(site_dir.rglob("*.html")):
        page = "/" + path.relative_to(site_dir).as_posix().removesuffix("index.html")
        for link in parse_page(path.read_text(encoding="utf-8")).links:
            url = link.url
            if url.startswith("//"):
                url = "https:" + url
            if kind_of(url) == "external" and not is_own_site(url, site):
                found[url.split("#", 1)[0]].add(page)
    return dict(found)


def source_lines(url: str, project_dir: Path) -> list[str]:
    """'docs/x.md:12' for every line of the sources that writes the address."""
    written = re.compile("(?:" + "|".join(re.escape(v) for v in {url, url.rstrip("/")}) + r")(?![\w/%.~-])")
    places = []
    folders = [project_dir / "docs", project_dir / "overrides"]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix not in {".md", ".yml", ".yaml", ".html"} or not path.is_file():
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if written.search(line):
                    places.append(f"{path.relative_to(project_dir).as_posix()}:{number}")
    return places


def build_site(project_dir: Path, site_dir: Path) -> None:
    """Build the site (without --strict: a content problem must not hide link problems)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--no-strict", "--quiet",
               "-f", str(project_dir / "mkdocs.yml"), "-d", str(site_dir)]
    subprocess.run(command, cwd=project_dir, env=env, check=True)


def default_site_url() -> str:
    """SITE_URL, or the default public address (links to it are internal)."""
    return os.environ.get("SITE_URL") or "https://kirkas.example/"


def report(results: dict[str, LinkResult], pages: dict[str, set[str]], project_dir: Path) -> list[str]:
    """Human-readable lines: problems and moved links, by source file."""
    lines = []
    for outcome, title, advice in (
        ("broken", "Broken external links (fix or remove them)",
         "Open the address in a browser; if the page has moved, link to its new address, "
         "otherwise remove the link."),
        ("moved", "Links that redirect (update them to the final address)",
         "Replace the link with the final address shown."),
    ):
        selected = [result for result in results.values() if result.outcome == outcome]
        if not selected:
            continue
        lines.append(f"{title}:")
        for result in sorted(selected, key=lambda r: r.url):
            where = source_lines(result.url, project_dir) or sorted(pages.get(result.url, ()))
            lines.append(f"  {result.url} {result.detail}.")
            lines.append(f"      Written in: {', '.join(where[:6]) or 'unknown'}")
        lines.append(f"  How to fix: {advice}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Command line: build (or read) the site, check its external links, report."""
    parser = argparse.ArgumentParser(prog="python -m hooks.kirkas.linkcheck", description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site directory (default: build one)")
    parser.add_argument("--project", type=Path, default=PROJECT_DIR, help="folder of mkdocs.yml")
    parser.add_argument("--site-url", default=None, help="the site's own address (links to it are internal)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait per request")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in parallel")
    parser.add_argument("--per-host", type=int, default=2, help="requests in parallel to one site")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="cache file")
    parser.add_argument("--max-age-hours", type=float, default=24.0, help="reuse good results this long")
    parser.add_argument("--refresh", action="store_true", help="ignore the cache")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="kirkas-linkcheck-") as temporary:
        site_dir = args.site
        if site_dir is None:
            site_dir = Path(temporary) / "site"
            build_site(args.project, site_dir)
        pages = external_links(site_dir, args.site_url or default_site_url())
    cache = LinkCache(args.cache, args.max_age_hours * 3600)
    if args.refresh:
        cache.results.clear()
    results = check_links(pages, timeout=args.timeout, concurrency=args.concurrency,
                          per_host=args.per_host, cache=cache)
    broken = sum(result.is_problem for result in results.values())
    print(f"Checked {len(results)} external links: {broken} broken, "
          f"{sum(r.outcome == 'moved' for r in results.values())} redirected.")
    for line in report(results, pages, args.project):
        print(line)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
