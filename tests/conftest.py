"""Shared fixtures: build the real site and the tests' own practice once per session, serve them, drive Chromium.

The real site is the project in this repository, or the project folder named by the
environment variable KIRKAS_PROJECT (tests/support/site.py SITE_PROJECT).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.browser import launch_chromium
from tests.support.site import (
    SITE_PROJECT,
    TEST_SITE_URL,
    BuiltSite,
    build_project,
    copy_fixture_practice,
    copy_project,
    load_site_config,
    serve_directory,
)


#: Fixtures that stand for the real site (SITE_PROJECT): a test using one is marked real_site.
REAL_SITE_FIXTURES = {"site", "site_server", "project"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tests that look at the real site, so `-m real_site` runs them against any project.

    A test is marked when it uses the real site's build, server or copy, or says so itself
    (``pytestmark = pytest.mark.real_site`` for tests that read the project's files).
    """
    for item in items:
        if REAL_SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.real_site)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real project (SITE_PROJECT), built once with --strict into a temp dir."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build_project(SITE_PROJECT, site_dir)
    assert result.returncode == 0, f"strict build failed:\n{result.output}"
    return BuiltSite(site_dir, result.output)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throw-away copy of the project (build messages in English), for tests that change or break its files."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The tests' own practice (tests/fixtures/practice, fi and en), built once with --strict."""
    root = tmp_path_factory.mktemp("fixture-practice")
    project_dir = copy_fixture_practice(root / "project")
    result = build_project(project_dir, root / "site")
    assert result.returncode == 0, f"strict build of the fixture practice failed:\n{result.output}"
    return BuiltSite(root / "site", result.output, load_site_config(project_dir / "mkdocs.yml"))


@pytest.fixture
def fixture_project(tmp_path: Path) -> Path:
    """A throw-away copy of the tests' own practice with the engine, to change or break."""
    return copy_fixture_practice(tmp_path / "fixture-practice")


@pytest.fixture(scope="session")
def site_server(site: BuiltSite) -> Iterator[str]:
    """Base URL of a local HTTP server (gzip, like GitHub Pages) serving the built site."""
    with serve_directory(site.root) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def fixture_server(fixture_site: BuiltSite) -> Iterator[str]:
    """Base URL of a local HTTP server serving the tests' own practice."""
    with serve_directory(fixture_site.root) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """Headless Chromium (Debian's, or CHROMIUM_PATH) via Playwright; fails in CI if missing."""
    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        message = "Chromium not found: install it with `apt-get install chromium` (see .ci/run)."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with launch_chromium(executable) as browser:
        yield browser


__all__ = ["TEST_SITE_URL"]
