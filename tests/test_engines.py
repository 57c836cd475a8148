"""Two build engines, one site: MkDocs 1.6 (the default) and ProperDocs.

ProperDocs is the maintained continuation of MkDocs 1.x: the same `mkdocs.yml`, the
same plugins and hooks (it answers their `import mkdocs...` with its own modules).
Both are pinned in requirements.txt, so one environment has both; README "Two build
engines" says how to switch. The site built by each, from one copy of the project,
must be the same file for file, byte for byte: nothing is normalised.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.site import build_project, copy_project

pytestmark = pytest.mark.slow

ENGINES = ("mkdocs", "properdocs")


def files_of(root: Path) -> dict[str, bytes]:
    """Every file below a folder, by its relative path."""
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_properdocs_is_its_own_engine():
    """`python -m properdocs` is ProperDocs itself, installed next to MkDocs."""
    versions = {
        engine: subprocess.run([sys.executable, "-m", engine, "--version"], capture_output=True, text=True,
                               check=True).stdout
        for engine in ENGINES
    }
    assert versions["properdocs"].startswith("python -m properdocs, version 1."), versions
    assert "/properdocs " in versions["properdocs"].replace("\\", "/"), versions
    assert versions["mkdocs"].startswith("python -m mkdocs, version 1."), versions
    assert "/mkdocs " in versions["mkdocs"].replace("\\", "/"), versions


def test_both_engines_build_the_same_site(tmp_path):
    project = copy_project(tmp_path / "project")
    sites = {}
    for engine in ENGINES:
        site_dir = tmp_path / f"site-{engine}"
        result = build_project(project, site_dir, engine=engine)
        assert result.returncode == 0, f"{engine} build failed:\n{result.output[-4000:]}"
        sites[engine] = files_of(site_dir)
    mkdocs_site, properdocs_site = sites["mkdocs"], sites["properdocs"]
    assert mkdocs_site, "nothing was built"
    only_one = sorted(set(mkdocs_site) ^ set(properdocs_site))
    assert not only_one, f"files built by one engine only: {only_one[:20]}"
    different = [name for name in mkdocs_site if mkdocs_site[name] != properdocs_site[name]]
    assert not different, f"{len(different)} of {len(mkdocs_site)} files differ: {different[:20]}"
