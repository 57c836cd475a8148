"""Where hooks keep what they compute once and reuse: .cache/ beside mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig


def cache_directory(config: MkDocsConfig, name: str) -> Path:
    """The cache folder of one hook, e.g. .cache/jinja (created when missing; safe to delete)."""
    directory = Path(config.config_file_path).parent / ".cache" / name
    directory.mkdir(parents=True, exist_ok=True)
    return directory
