"""Shared helpers for the site's MkDocs hooks (imported by the modules in hooks/)."""
