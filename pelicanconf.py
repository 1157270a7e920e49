"""Pelican settings for development (`invoke build`, `invoke livereload`)."""

import sys
from pathlib import Path

# Plugins are plain packages under plugins/; make them importable by name.
sys.path.insert(0, str(Path(__file__).parent / "plugins"))

AUTHOR = "Lionel Boscher"
SITENAME = "Lionel Boscher"
SITESUBTITLE = "Marketing digital et médias sociaux pour les indépendants et les PME"
SITEDESCRIPTION = (
    "Le blog de Lionel Boscher, consultant marketing indépendant : médias sociaux, "
    "stratégie digitale et retour sur investissement pour les petites entreprises."
)
SITEURL = ""

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
# The comment store is read by the comments plugin, never as articles or pages.
# Every article names its category; the folder is never one.
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "Divers"
ARTICLE_EXCLUDES = ["comments"]
PAGE_EXCLUDES = ["comments"]

TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
DEFAULT_DATE = None
# Dates are formatted through Babel by the `french` plugin's filters (date_fr,
# datetime_fr), never the OS locale: Pelican's own `locale_date` is not used.

def ARTICLE_ORDER_BY(article):  # noqa: N802 (a Pelican setting)
    """Newest first; articles of the same date by slug, so that every build lists them alike
    (Pelican reads files in no fixed order, and its default sorts on the date alone)."""
    return (-article.date.timestamp(), article.slug)


THEME = "theme"
# Autoescape: the templates mark |safe the HTML that Pelican and the plugins make
# (content, summaries, titles, sanitised comment bodies); everything else is text.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [], "autoescape": True}

# Who writes the blog, as the theme shows it (plugins/identity/settings.py documents
# each key): the author card on articles and on « À propos », the header's
# wordmark, the favicon set, the share cards, the brand colour.
IDENTITY = {
    "name": "Lionel Boscher",
    "role": "Consultant marketing indépendant",
    "bio": (
        "J’aide les PME, les artisans et les indépendants à trouver des clients sur le web : "
        "médias sociaux, stratégie digitale et mesure des résultats, sans jargon ni usine à gaz."
    ),
    # No portrait in the repository yet: a monogram of the initials stands in.
    # "photo": "images/lionel-boscher.jpg",
    "photo": None,
    "brand_colour": "#0a56a3",
    # Profile links, shown with rel="me". Only addresses the author gave: add his own, e.g.
    # ["LinkedIn", "https://www.linkedin.com/in/<his-profile>/"], ["X", "https://x.com/<his-account>"].
    "links": [
        ["E-mail", "mailto:contact@lionelboscher.fr"],
    ],
    "about_page": "a-propos",
    "privacy_page": "confidentialite",
}
DEFAULT_PAGINATION = 10
SUMMARY_MAX_LENGTH = 40
# Paginated pages live in their own folder, so `tag/x-4` page 2 can never be
# the same file as page 1 of `tag/x-42` (Pelican's default `{name}{number}`).
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# WordPress permalink shape, so links to the old blog keep working.
ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
CATEGORIES_URL = "category/"
CATEGORIES_SAVE_AS = "category/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
TAGS_URL = "tag/"
TAGS_SAVE_AS = "tag/index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
AUTHORS_URL = "author/"
AUTHORS_SAVE_AS = "author/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
YEAR_ARCHIVE_URL = "{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"
MONTH_ARCHIVE_URL = "{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "{date:%Y}/{date:%m}/index.html"
DAY_ARCHIVE_SAVE_AS = ""
# Translations are not used; drafts are previewed under /drafts/.
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
DRAFT_PAGE_URL = "drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = "drafts/pages/{slug}/index.html"
# "404" is written as 404.html at the root, where static hosts look for it.
DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives", "404"]
# robots.txt is a theme template, so it can name the sitemap at SITEURL.
TEMPLATE_PAGES = {"robots.txt": "robots.txt"}

# Feeds: full content, Atom and RSS, per category too.
# Feeds need absolute links: in development they point to `invoke serve`;
# publishconf.py points them to SITEURL.
FEED_DOMAIN = "http://127.0.0.1:8000"
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/category/{slug}.rss.xml"
FEED_ATOM = None
FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
RSS_FEED_SUMMARY_ONLY = False
FEED_MAX_ITEMS = 20

PLUGIN_PATHS = ["plugins"]
# stable_sitemap dates the sitemap's index pages from the content, not the clock.
PLUGINS = [
    "french", "template_cache", "related_posts", "comments", "pelican.plugins.sitemap", "stable_sitemap",
    # The theme's: who writes (identity), reading time and contents, share cards, responsive images,
    # search (Pagefind).
    "identity", "reading", "share_cards", "images", "search",
]

SITEMAP = {
    "format": "xml",
    "priorities": {"articles": 0.8, "indexes": 0.5, "pages": 0.5},
    "changefreqs": {"articles": "monthly", "indexes": "weekly", "pages": "monthly"},
    # Not for search engines: the 404 page, drafts, robots.txt.
    "exclude": [r"^404\.html$", r"^drafts/", r"^robots\.txt$"],
}

# Related posts under each article ("Articles similaires"); merged over the
# defaults in plugins/related_posts/settings.py, an unknown key is an error.
RELATED_POSTS = {
    "count": 4,
    "tags_weight": 1.0,
    "category_weight": 0.3,
    "text_weight": 2.0,
}

# Sanitised comment bodies, related posts' term counts and Pelican's reader
# cache live here.
CACHE_PATH = "cache"
# Pelican's own cache of the Markdown reader's output (HTML and metadata): a
# rebuild reads only the articles that changed. The "reader" layer pickles
# much less than the "generator" one. The `french` plugin invalidates it when
# the settings or the Markdown code change (plugins/french/reader_cache.py).
CACHE_CONTENT = True
CONTENT_CACHING_LAYER = "reader"
# Uncompressed: gzip costs 0.2 s per build for 1,000 articles, to save 5 MB of disk.
GZIP_CACHE = False

# Comments (plugins/comments/core/settings.py declares every key, docs/comments.md
# documents them; an unknown key stops the build). Only the keys that differ from
# the defaults: depth 5, strict False, feed_max_items 50, intake_url "/comment",
# rate_limit 5 per minute, queue_path "moderation", notify None, typography None, colours None,
# moderation {max_links: 2, moderation_words: [], disallowed_words: [],
# auto_approve_known_authors: False}.
COMMENTS = {
    # The french plugin's typography over comment bodies and the comment service's pages.
    "typography": "french.typography:french_typography",
    # The moderation page takes the site's brand colours (IDENTITY['brand_colour']), as the theme's pages.
    "colours": "identity.colours:site_colours",
}
LOAD_CONTENT_CACHE = True

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        # Python-Markdown's smarty, re-implemented for speed with the same output
        # (plugins/french/smartquotes.py): 0.4 s instead of 2 s per 1,000 articles.
        "french.smartquotes": {
            "substitutions": {
                "left-single-quote": "‘",
                "right-single-quote": "’",
                "left-double-quote": "«\u202f",
                "right-double-quote": "\u202f»",
            }
        },
        "markdown.extensions.toc": {},
        # French typography on the reader's HTML, so the reader cache keeps it typeset.
        "french.typeset": {},
    },
    "output_format": "html5",
}

DELETE_OUTPUT_DIRECTORY = False
RELATIVE_URLS = True

# Share links are plain links (no third-party script).
SOCIAL_SHARE = True
CONTACT_EMAIL = "contact@lionelboscher.fr"
