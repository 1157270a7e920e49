"""Old addresses of an imported WordPress blog (`invoke wordpress.import`), and redirect rules for hosts.

Posts and pages carry their own (`wordpress_path`, `wordpress_id` metadata), so
an address follows the content when its slug or date changes; attachment pages,
category and tag archives are listed in `content/wordpress-addresses.json`.
Folder-shaped addresses get a redirect page like the others; every address,
`/?p=ID` and `/?page_id=ID` included, also goes into `_redirects` (Netlify,
Cloudflare Pages) and an nginx `map`, for hosts that can send real 301s.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from pelican.urlwrappers import Category, Tag

ADDRESSES = "wordpress-addresses.json"
REDIRECTS_FILE = "_redirects"
NGINX_MAP = "wordpress-redirects.nginx.map"

log = logging.getLogger(__name__)


def _normal(path: str) -> str:
    """An old address as a decoded absolute path: '/greek/επίπεδο-2/'."""
    path = unquote(path.strip())
    return path if path.startswith("/") else "/" + path


def imported_addresses(contents: list, settings: dict) -> list[tuple[str, str, str]]:
    """(old address, new URL relative to the site, title) for everything the import brought over."""
    found: list[tuple[str, str, str]] = []
    for content in sorted(contents, key=lambda c: c.url):
        meta = getattr(content, "metadata", {})
        title = getattr(content, "title", "")
        if meta.get("wordpress_path"):
            found.append((_normal(str(meta["wordpress_path"])), content.url, title))
        wp_id = str(meta.get("wordpress_id") or "").strip()
        if wp_id.isdigit():
            query = "page_id" if type(content).__name__ == "Page" else "p"
            found.append((f"/?{query}={wp_id}", content.url, title))
    path = Path(settings.get("PATH", "content")) / ADDRESSES
    try:
        listed = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, ValueError) as exc:
        log.warning("wp_redirects\u00a0: %s illisible (%s), anciennes adresses des médias ignorées", path, exc)
        listed = {}
    for old, target in sorted(listed.items() if isinstance(listed, dict) else []):
        url = _target_url(str(target), settings)
        if url is not None:
            found.append((_normal(str(old)) if not str(old).startswith("/?") else str(old), url, url))
    return found


def _target_url(target: str, settings: dict) -> str | None:
    if target.startswith("{static}/"):
        return target.removeprefix("{static}/")
    if target.startswith("{category}"):
        return Category(target.removeprefix("{category}"), settings).url
    if target.startswith("{tag}"):
        return Tag(target.removeprefix("{tag}"), settings).url
    return None


def site_prefix(siteurl: str) -> str:
    """The path of SITEURL ('/blog/' for https://example.org/blog), '/' for none."""
    return urlsplit(siteurl or "").path.rstrip("/") + "/"


def _encoded(path: str) -> str:
    return quote(path, safe="/?=&%:@!$'()*+,;~-._")


def redirect_rules(pairs: list[tuple[str, str]], prefix: str) -> list[tuple[str, str]]:
    """(old address as requested, new path) for each pair whose address changed, first one wins."""
    rules: dict[str, str] = {}
    for old, new in pairs:
        target = prefix + new.lstrip("/")
        if old.rstrip("/") != target.rstrip("/"):
            rules.setdefault(_encoded(old), _encoded(target))
    return sorted(rules.items())


def render_netlify(rules: list[tuple[str, str]]) -> str:
    """`_redirects` for Netlify and Cloudflare Pages: `/old/ /new/ 301`; a query becomes Netlify's
    `/ p=123 /new/ 301` (Cloudflare Pages does not match queries and ignores those lines)."""
    lines = ["# Anciennes adresses WordPress (écrit par wp_redirects)"]
    for old, new in rules:
        path, _, query = old.partition("?")
        lines.append(f"{path} {query} {new} 301" if query else f"{old} {new} 301")
    return "\n".join(lines) + "\n"


def render_nginx(rules: list[tuple[str, str]]) -> str:
    """An nginx map on $request_uri; the README shows the two lines that use it."""
    lines = ["# Anciennes adresses WordPress (écrit par wp_redirects) : include dans le bloc http,",
             "# puis dans le server : if ($wordpress_redirect) { return 301 $wordpress_redirect; }",
             "map $request_uri $wordpress_redirect {", "    default \"\";"]
    lines += [f'    "{old}" "{new}";' for old, new in rules]
    lines.append("}")
    return "\n".join(lines) + "\n"
