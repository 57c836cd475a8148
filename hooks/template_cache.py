"""Compile each theme template once, not once per language and build.

static-i18n gives every language its own Jinja environment, so Material's ~50
templates were parsed and compiled three times per build. A bytecode cache under
``.cache/jinja/`` (keyed by template name and a hash of its source, so an edited
template is recompiled) lets the second and third language, and every later build
or live reload, load the compiled code instead.
"""

from __future__ import annotations

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from kirkas.cache import cache_directory


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Give the theme's Jinja environment the shared bytecode cache."""
    env.bytecode_cache = FileSystemBytecodeCache(str(cache_directory(config, "jinja")))
    return env
