"""Bring a whole WordPress blog over from its WXR export: posts, pages, media, comments, old addresses.

`invoke wordpress.import EXPORT.xml [--uploads DIR] [--dry-run]` calls `import_blog`.
Modules, one per responsibility: items (reading the stream), plan (each item's
fate), shortcodes and convert (bodies to Markdown), media, links, body (one
file's metadata and text), write, report; run ties them together.
"""

from __future__ import annotations

from .run import import_blog

__all__ = ["import_blog"]
