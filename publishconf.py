"""Pelican settings for production: `invoke preview`, `invoke publish`, CI."""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).parent))

from pelicanconf import *  # noqa: E402,F403

# The public address of the site; CI and the author set SITEURL, this is the default
# (an empty SITEURL, as an unset GitHub variable gives, also means the default).
SITEURL = (os.environ.get("SITEURL") or "https://www.lionelboscher.fr").rstrip("/")
_site = urlsplit(SITEURL)
if _site.scheme not in ("http", "https") or not _site.hostname or _site.hostname in ("localhost", "127.0.0.1"):
    raise SystemExit(
        f"publishconf.py\u00a0: SITEURL={SITEURL!r} n’est pas une adresse publique absolue "
        "(attendu par exemple https://www.lionelboscher.fr)."
    )
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True
# A bad comment file fails the production build (the development build only warns).
# The comment service (docs/deploy.md) runs with these settings too. By default the site is on
# a static host and the service on its own origin, where the form posts; on one server,
# COMMENTS_URL=/comment (Caddy forwards it) and COMMENTS_REBUILD=1 (the service rebuilds output/).
# Each publication is one git commit pushed to origin/main, which CI (or the server) publishes.
COMMENTS = {  # noqa: F405
    **COMMENTS,  # noqa: F405
    "strict": True,
    "intake_url": os.environ.get("COMMENTS_URL") or "https://commentaires.lionelboscher.fr/comment",
    "git": {"remote": "origin", "branch": "main", "pull_interval": 60},
    "rebuild": os.environ.get("COMMENTS_REBUILD", "") not in ("", "0"),
}

# Old WordPress addresses (/<slug>/, /feed/, ...) answered by static files: production only.
PLUGINS = [*PLUGINS, "wp_redirects"]  # noqa: F405
