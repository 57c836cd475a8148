"""The project's own plumbing: pins, the two commands, CI entry point, GitHub workflow."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
FULL_SHA_WITH_VERSION = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40} # v\d+(\.\d+)*$")


def test_every_requirement_is_pinned_exactly():
    lines = [
        line.strip()
        for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines
    for line in lines:
        assert re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][\w.]*", line), line
    names = {line.split("==")[0].lower() for line in lines}
    assert {"mkdocs", "mkdocs-material", "mkdocs-static-i18n", "pymdown-extensions"} <= names
    mkdocs_version = next(line for line in lines if line.lower().startswith("mkdocs=="))
    assert mkdocs_version.split("==")[1].startswith("1."), "mkdocs<2"


def test_npm_tools_are_pinned_exactly_and_locked():
    manifest = json.loads((ROOT / "tests" / "tools" / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "tests" / "tools" / "package-lock.json").read_text(encoding="utf-8"))
    groups = ("dependencies", "devDependencies", "optionalDependencies")
    pinned = {name: version for group in groups for name, version in manifest.get(group, {}).items()}
    assert {"vnu-jar", "axe-core", "lighthouse"} <= set(pinned)
    assert set(manifest["dependencies"]) == {"vnu-jar", "axe-core"}, "make test installs only the checkers"
    for name, version in pinned.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"package.json: {name} {version} is not an exact version"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version, f"package-lock.json is stale for {name}"
    root = lock["packages"][""]
    assert all(root.get(group, {}) == manifest.get(group, {}) for group in groups), "package-lock.json is stale"
    unhashed = [name for name, entry in lock["packages"].items() if name and "integrity" not in entry]
    assert not unhashed, f"locked without a hash: {unhashed}"


def test_ci_entry_point_runs_exactly_make_test():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in script.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert commands[-1] == "make test"
    assert "apt-get install" in script and "chromium" in script
    assert "npm" in script and "default-jre-headless" in script


def test_make_test_installs_the_locked_checkers_and_clean_removes_them():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    test_prerequisites = re.search(r"^test:(.*)$", makefile, re.MULTILINE).group(1).split()
    assert "tools" in test_prerequisites
    assert re.search(r"^tools:.*\n\t.*-m tests\.support\.tools$", makefile, re.MULTILINE)
    assert re.search(r"^bench:.*\n\t.*-m tests\.support\.tools --bench$", makefile, re.MULTILINE)
    clean = re.search(r"^clean:\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)
    for made in ("site", "bench-results", "screenshots", ".cache", ".tools"):
        assert re.search(rf"\s{re.escape(made)}(\s|$)", clean), f"make clean keeps {made}"


def test_makefile_offers_the_documented_targets():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("serve", "test", "build", "clean", "bench", "linkcheck", "screenshots"):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target
    assert "127.0.0.1:8000" in makefile
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_commands = re.findall(r"make (serve|test)", readme[:1500])
    assert first_commands[:2] == ["serve", "test"], "README starts with the two commands"


def test_workflow_passes_actionlint():
    actionlint = Path(sys.executable).parent / "actionlint"
    assert WORKFLOWS
    result = subprocess.run(
        [str(actionlint), "-no-color", *map(str, WORKFLOWS)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_is_least_privilege_pinned_and_bounded():
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        workflow = yaml.safe_load(text)
        assert workflow["permissions"] == {}, f"{path.name}: top-level permissions must be {{}}"
        assert "concurrency" in workflow
        for name, job in workflow["jobs"].items():
            assert "timeout-minutes" in job, f"{path.name}: job {name} has no timeout"
            assert "permissions" in job, f"{path.name}: job {name} has no own permissions"
            for step in job.get("steps", []):
                if "uses" in step:
                    line = next(line for line in text.splitlines() if f"uses: {step['uses']}" in line)
                    uses = line.split("uses:", 1)[1].strip()
                    assert FULL_SHA_WITH_VERSION.match(uses), f"{path.name}: {uses}"


def test_workflow_tests_builds_and_deploys_pages_without_a_branch():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert "push" in triggers and "pull_request" in triggers
    steps = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any(uses.startswith("actions/upload-pages-artifact@") for uses in steps)
    assert any(uses.startswith("actions/deploy-pages@") for uses in steps)
    assert any("cache" in step.get("with", {}) for job in workflow["jobs"].values() for step in job["steps"])
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "gh-pages" not in (ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    run_steps = " ".join(step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"])
    assert "make test" in run_steps and "make build" in run_steps


def test_dependabot_keeps_pip_pins_and_action_shas_fresh():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {update["package-ecosystem"] for update in config["updates"]}
    assert ecosystems == {"pip", "npm", "github-actions"}


def test_site_url_comes_from_the_environment(project, tmp_path):
    from tests.support.site import build_project

    result = build_project(project, tmp_path / "site", extra_env={"SITE_URL": "https://fork.example.org/kirkas/"})
    assert result.returncode == 0, result.output
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://fork.example.org/kirkas/</loc>" in sitemap
    assert "kirkas.example/" not in sitemap.replace("fork.example.org/kirkas/", "")
