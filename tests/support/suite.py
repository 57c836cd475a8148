"""Run the real-site tests against another project folder, as a person would with KIRKAS_PROJECT."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.site import PROJECT_ROOT, copy_project


def git_project(destination: Path) -> Path:
    """A copy of the project that is a git working tree with everything committed (as an owner's clone)."""
    copy_project(destination)
    for command in (["git", "init", "-q"], ["git", "add", "-A"],
                    ["git", "-c", "user.name=Testi", "-c", "user.email=testi@example.invalid",
                     "commit", "-q", "-m", "the project as cloned"]):
        subprocess.run(command, cwd=destination, check=True, capture_output=True)
    return destination


def run_real_site_tests(project: Path, *paths: str, marker: str = "real_site and not browser",
                        keyword: str = "") -> subprocess.CompletedProcess[str]:
    """`pytest -m real_site` of this repository's tests (or of some files) against a project folder.

    The tests build and read that project (KIRKAS_PROJECT); the output is pytest's.
    """
    command = [sys.executable, "-m", "pytest", "-c", "tests/pytest.ini", "--rootdir=.", "-n", "0", "-q",
               "-m", marker, *(["-k", keyword] if keyword else []), *(paths or ["tests"])]
    env = {**os.environ, "KIRKAS_PROJECT": str(project)}
    return subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False)
