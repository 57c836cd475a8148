"""The live preview (`mkdocs serve`, i.e. `make serve`): what it watches and what it serves.

- It watches the theme overrides (``theme.custom_dir``) and the hooks' folders as well
  as docs/ and mkdocs.yml: MkDocs itself watches the theme only with ``--watch-theme``
  and the hooks never. MkDocs also loads each hook once per process (its loader is
  cached), so before every rebuild the hooks and their shared modules (hooks/kirkas/)
  are dropped and loaded again from disk: an edited hook takes effect on save.
- A missing address below a language folder gets that language's 404 page
  (``/sv/...`` -> ``sv/404.html``), as the published site should; MkDocs' server
  would show the default language's ``404.html`` everywhere.

Nothing here runs in `mkdocs build`.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer

from kirkas import i18n

NOT_FOUND = "404.html"


def hook_folders(config: MkDocsConfig) -> list[Path]:
    """The folders of the hooks named in mkdocs.yml."""
    config_dir = Path(config.config_file_path).parent
    folders = {(config_dir / name).resolve().parent for name in config.hooks}
    return sorted(folders)


def forget_hooks(folders: list[Path]) -> None:
    """Make the next config load execute the hooks and their helper modules afresh."""
    config_options.Hooks._load_hook.cache_clear()
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if file and any(Path(file).resolve().is_relative_to(folder) for folder in folders):
            del sys.modules[name]


def reloading_hooks(builder: Callable[..., None], folders: list[Path]) -> Callable[..., None]:
    """The server's rebuild, loading the hooks from disk first."""

    def rebuild(*args: Any, **kwargs: Any) -> None:
        """Forget the loaded hooks, then rebuild as MkDocs does."""
        forget_hooks(folders)
        builder(*args, **kwargs)

    return rebuild


def not_found_page(site_dir: Path, url_path: str, prefixes: list[str]) -> Path:
    """The 404 page for a missing site-relative address: its language folder's, else the root's."""
    for prefix in prefixes:
        if prefix and url_path.startswith(prefix) and (site_dir / prefix / NOT_FOUND).is_file():
            return site_dir / prefix / NOT_FOUND
    return site_dir / NOT_FOUND


def with_language_404(server: LiveReloadServer, site_dir: Path, prefixes: list[str]) -> None:
    """Serve each language's 404 page below its folder (the request's path picks it)."""
    request = threading.local()
    serve_request = server.serve_request

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """Remember the requested path for the error handler, then serve as MkDocs does."""
        request.path = environ.get("PATH_INFO", "")
        return serve_request(environ, start_response)

    def error_page(code: int) -> bytes | None:
        """The 404 page of the request's language; MkDocs' own answer for other errors."""
        if code != 404:
            return None
        url_path = getattr(request, "path", "")
        url_path = url_path[len(server.mount_path):] if url_path.startswith(server.mount_path) else ""
        page = not_found_page(site_dir, url_path, prefixes)
        return page.read_bytes() if page.is_file() else None

    server.set_app(app)
    server.error_handler = error_page


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    """Watch the overrides and the hooks, reload the hooks on rebuild, 404 page per language."""
    folders = hook_folders(config)
    if config.theme.custom_dir:
        server.watch(config.theme.custom_dir)
    for folder in folders:
        server.watch(str(folder))
    server.builder = reloading_hooks(server.builder, folders)
    prefixes = [i18n.language_prefix(language, config) for language in i18n.languages(config)]
    with_language_404(server, Path(config.site_dir), prefixes)
    return server
