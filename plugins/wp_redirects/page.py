"""The HTML of a redirect page: valid HTML5, French, pointing search engines to the article.

No `noindex`: next to a canonical link it may be carried over to the article itself.
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup

TEMPLATE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="canonical" href="{url}">
<meta http-equiv="refresh" content="0; url={url}">
</head>
<body>
<p>Cet article a déménagé\u00a0: <a href="{url}">{title}</a></p>
</body>
</html>
"""


def plain_title(title: str) -> str:
    """A content title as plain text (titles may carry entities or inline tags)."""
    return Markup(title).striptags()


def render_redirect(url: str, title: str) -> str:
    """A page that sends browsers and crawlers on to `url`."""
    return TEMPLATE.format(url=escape(url, quote=True), title=escape(title, quote=False))
