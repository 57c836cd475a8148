"""Every HTML file of the built site is valid HTML: zero errors from the Nu Html Checker.

Every page of every type: content pages, the search pages and the 404 pages of every
language. vnu.jar is the locked npm package vnu-jar (package-lock.json, installed into
.tools/ by `make test`) and runs on the machine's Java (11 or later). Without Java or
the installed checker the test is skipped locally and fails in CI.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.support import tools


def where(url: str, root: Path) -> str:
    """A checker's file: URL as a path inside the site ('sv/hinnat/index.html')."""
    return url.split(root.as_posix().rstrip("/") + "/", 1)[-1]


def vnu_errors(files: list[Path], root: Path) -> list[str]:
    """The checker's errors on some files (one Java start for all), as 'file:line: message'."""
    java, jar = tools.for_tests(tools.java), tools.for_tests(tools.vnu_jar)
    completed = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True, text=True, check=False,
    )
    try:
        report = json.loads(completed.stderr or completed.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu.jar did not report (exit {completed.returncode}):\n{completed.stdout}{completed.stderr}")
    return [
        f"{where(message.get('url', ''), root)}:{message.get('lastLine', '?')}: {message['message']}"
        for message in report["messages"]
        if message.get("type") in ("error", "non-document-error")
    ]


def test_every_page_is_valid_html(site):
    files = site.html_files
    assert len(site.pages) >= len(site.sources) * len(site.languages), "expected every page of every language"
    kinds = {"search page": site.search_pages, "404 page": site.not_found_pages}
    for kind, pages in kinds.items():
        assert pages and set(pages) <= set(files), f"every {kind} is checked"
    errors = vnu_errors(files, site.root)
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors[:50])


def test_the_checker_finds_errors(tmp_path):
    """The gate is not blind: the locked checker flags what the old one let through."""
    page = tmp_path / "broken.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body><h1>t</h1>'
        '<input type="checkbox" id="x"><label for="x" aria-label="Menu">M</label>'
        "<h3>skipped a level</h3></body></html>",
        encoding="utf-8",
    )
    errors = vnu_errors([page], tmp_path)
    assert any("aria-label" in error for error in errors), errors
    assert any("skipping" in error for error in errors), errors
