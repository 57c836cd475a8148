"""The compiled-template cache (hooks/template_cache.py) speeds builds up and never goes stale.

A build with a warm cache must write exactly the pages a cold build writes, and an
edited template must show up in the next build, even though its compiled form from
the previous build is still in .cache/jinja/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.site import LANGUAGES, SITE_CONFIG, build_project, copy_project

HEADER_TEMPLATE = Path("overrides/partials/kirkas/header.html")


def page_contents(site_dir: Path) -> dict[str, bytes]:
    """Every HTML file of a built site by its path."""
    return {str(path.relative_to(site_dir)): path.read_bytes() for path in sorted(site_dir.rglob("*.html"))}


@pytest.mark.real_site
def test_warm_cache_builds_the_same_site_and_sees_edited_templates(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    cold = build_project(project, tmp_path / "cold")
    assert cold.returncode == 0, cold.output
    cached = list((project / ".cache" / "jinja").glob("__jinja2_*.cache"))
    assert len(cached) > 20, "the theme's templates were not cached"

    warm = build_project(project, tmp_path / "warm")
    assert warm.returncode == 0, warm.output
    assert page_contents(tmp_path / "warm") == page_contents(tmp_path / "cold")

    header = project / HEADER_TEMPLATE
    marker = 'data-kirkas-template-edit="1"'
    edited = header.read_text(encoding="utf-8").replace(
        '<header class="md-header kirkas-header"', f'<header {marker} class="md-header kirkas-header"', 1)
    assert marker in edited
    header.write_text(edited, encoding="utf-8")
    after_edit = build_project(project, tmp_path / "edited")
    assert after_edit.returncode == 0, after_edit.output
    home = (tmp_path / "edited" / "index.html").read_text(encoding="utf-8")
    last = (tmp_path / "edited" / SITE_CONFIG.prefix(LANGUAGES[-1]) / "index.html").read_text(encoding="utf-8")
    assert marker in home and marker in last, "the edit shows in the first and the last language built"
