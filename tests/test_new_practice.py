"""`make new-practice` (hooks/kirkas/new_practice.py): the demo becomes a skeleton that passes at once.

Run in a git copy of the project, for Finnish and English and for Finnish alone, the
command replaces the demo's pages, people and services with one page per role and
language, one placeholder supervisor and service, and a data file whose placeholders
pass the checks. The skeleton builds strictly, and the real-site tests pass on it
(run against the copy with KIRKAS_PROJECT). A dirty tree or an unknown language
changes nothing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support.site import DATA_FILE, SITE_PROJECT, WORDS_DIR, BuiltSite, build_project, load_site_config
from tests.support.suite import git_project, run_real_site_tests

pytestmark = pytest.mark.slow

#: The roles a skeleton has a page for in every language.
ROLES = ("contact", "search", "services", "supervisors", "prices", "faq", "legal")
DEMO = yaml.safe_load((SITE_PROJECT / DATA_FILE).read_text(encoding="utf-8"))


def new_practice(project: Path, *languages: str) -> subprocess.CompletedProcess[str]:
    """Run the copy's own command, as `make new-practice LANGUAGES="…"` does."""
    return subprocess.run([sys.executable, "-m", "hooks.kirkas.new_practice", " ".join(languages)],
                          cwd=project, capture_output=True, text=True, check=False)


def git_status(project: Path) -> str:
    """What git sees changed in the copy."""
    return subprocess.run(["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module", params=[("fi", "en"), ("fi",)], ids=["fi-en", "fi"])
def skeleton(request, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[str, ...], BuiltSite]:
    """A copy turned into a skeleton, and its strict build."""
    languages = request.param
    project = git_project(tmp_path_factory.mktemp("new-practice") / "project")
    ran = new_practice(project, *languages)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "git reset --hard" in ran.stdout, "the command says how to get the demo back"
    result = build_project(project, project.parent / "site")
    assert result.returncode == 0, f"the skeleton does not build:\n{result.output}"
    return project, languages, BuiltSite(project.parent / "site", result.output, load_site_config(project / "mkdocs.yml"))


def test_the_skeleton_has_the_chosen_languages_and_a_page_per_role(skeleton) -> None:
    project, languages, site = skeleton
    assert site.languages == list(languages)
    assert sorted(path.stem for path in (project / WORDS_DIR).glob("*.yml")) == sorted(languages)
    for role in ROLES:
        assert len(site.sources_with_role(role)) == 1, role
        for language in languages:
            assert site.source_file(site.sources_with_role(role)[0], language).is_file(), (role, language)
    assert site.sources and all(site.source_file(source, language).is_file()
                                for source in site.sources for language in languages)


def test_the_skeleton_has_none_of_the_demos_people_services_or_images(skeleton) -> None:
    project, _languages, site = skeleton
    data = site.data
    assert len(data["supervisors"]) == len(data["services"]) == 1
    assert not set(data["supervisors"]) & set(DEMO["supervisors"])
    assert not set(data["services"]) & set(DEMO["services"])
    demo_facts = [person["name"] for person in DEMO["supervisors"].values()]
    demo_facts += [DEMO["practice"]["phone"], DEMO["practice"]["email"], DEMO["practice"]["business_id"]]
    published = [path for path in (project / "docs").rglob("*") if path.is_file() and "_ohjeet" not in path.parts]
    for path in published:
        if path.suffix in (".md", ".yml"):
            text = path.read_text(encoding="utf-8")
            assert not [fact for fact in demo_facts if fact in text], path
    demo_images = {Path(person["photo"]).name for person in DEMO["supervisors"].values()}
    assert not demo_images & {path.name for path in published}


def test_every_placeholder_of_the_data_file_says_what_to_write(skeleton) -> None:
    project, _languages, _site = skeleton
    keys = ("legal_name", "business_id", "street", "postal_code", "email", "phone", "net", "supervising_since")
    lines = [line for line in (project / DATA_FILE).read_text(encoding="utf-8").split("\n")
             if line.strip().split(":")[0] in keys]
    assert len(lines) >= len(keys)
    assert all("# TÄYTÄ:" in line for line in lines), [line for line in lines if "TÄYTÄ" not in line]


def test_the_real_site_tests_pass_on_the_skeleton(skeleton) -> None:
    project, languages, _site = skeleton
    marker = "real_site" if len(languages) > 1 else "real_site and not browser"
    run = run_real_site_tests(project, marker=marker)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and " failed" not in run.stdout


def test_a_dirty_tree_or_an_unknown_language_changes_nothing(tmp_path: Path) -> None:
    project = git_project(tmp_path / "project")
    refused = new_practice(project, "fi", "xx")
    assert refused.returncode != 0 and "'xx'" in refused.stderr and git_status(project) == ""
    page = next((project / "docs").glob("*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nMuutos.\n", encoding="utf-8")
    refused = new_practice(project, "fi")
    assert refused.returncode != 0 and "uncommitted" in refused.stderr
    assert git_status(project).split() == ["M", f"docs/{page.name}"]
