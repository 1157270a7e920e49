"""Pelican settings for production: `invoke preview`, `invoke publish`, CI."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from pelicanconf import *  # noqa: E402,F403

# The public address of the site; CI and the author set SITEURL, this is the default.
SITEURL = os.environ.get("SITEURL", "https://www.lionelboscher.fr").rstrip("/")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True
