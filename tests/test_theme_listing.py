"""The pruned theme listing (hooks/theme_listing.py) gives MkDocs exactly the files it would keep anyway.

MkDocs lists every file of the theme folders before each build and drops the hidden
ones; the hook's loader skips hidden folders while listing. Both must end with the
same static files, and templates inside hidden folders (Material's icons) must still load.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture
def theme_listing(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The hook module, imported as MkDocs imports hooks (hooks/ on sys.path)."""
    monkeypatch.syspath_prepend(str(PROJECT / "hooks"))
    return importlib.import_module("theme_listing")


def theme_files(config, environment) -> list[str]:
    """The theme files MkDocs would add to a build with this Jinja environment."""
    files = Files([])
    files.add_files_from_theme(environment, config)
    return sorted(file.src_uri for file in files)


def load_project_config(extra_theme_dir: Path | None = None):
    """The site's configuration, optionally with one more theme folder in front."""
    config = load_config(str(PROJECT / "mkdocs.yml"))
    if extra_theme_dir is not None:
        config.theme.dirs.insert(0, str(extra_theme_dir))
    return config


def test_pruned_listing_keeps_the_same_theme_files(tmp_path: Path, theme_listing: ModuleType) -> None:
    extra = tmp_path / "theme"
    for name in ("kept.css", "nested/kept.js", ".hidden.css", ".hidden/inside.css", "nested/.dot/skip.svg",
                 "nested/.hidden.js"):
        (extra / name).parent.mkdir(parents=True, exist_ok=True)
        (extra / name).write_text("/* test */", encoding="utf-8")
    config = load_project_config(extra)
    stock = theme_files(config, config.theme.get_env())
    assert any(name.startswith(".icons/") for name in config.theme.get_env().list_templates()), \
        "the stock listing no longer walks Material's icons: this hook may be unneeded"

    theme_listing.on_config(config)
    pruned_environment = config.theme.get_env()
    assert isinstance(pruned_environment.loader, theme_listing.VisibleFileSystemLoader)
    assert not any(name.startswith(".") or "/." in name for name in pruned_environment.list_templates())
    assert theme_files(config, pruned_environment) == stock
    assert {"kept.css", "nested/kept.js"} <= set(stock)
    assert "assets/javascripts/bundle." in " ".join(stock)


def test_templates_in_hidden_folders_still_load(theme_listing: ModuleType) -> None:
    config = load_project_config()
    theme_listing.on_config(config)
    theme_listing.on_config(config)  # static-i18n runs on_config once per language: wrapped once
    environment = config.theme.get_env()
    assert "<svg" in environment.get_template(".icons/material/phone.svg").render()
