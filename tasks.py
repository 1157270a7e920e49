"""Tasks for the author and CI: Pelican's quickstart tasks plus `comments.*` and `bench`.

This file stays thin: it parses arguments and calls the plugin packages.
"""

import functools
import json
import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import Collection, Exit, task
from invoke.main import program
from pelican import main as pelican_main
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

SETTINGS_FILE_BASE = "pelicanconf.py"
SETTINGS = {**DEFAULT_CONFIG, **get_settings_from_file(SETTINGS_FILE_BASE)}

CONFIG = {
    "settings_base": SETTINGS_FILE_BASE,
    "settings_publish": "publishconf.py",
    "deploy_path": SETTINGS["OUTPUT_PATH"],
    # Where `invoke publish` sends output/ (a folder or user@host:path).
    "publish_target": os.environ.get("PUBLISH_TARGET", "lionel@www.lionelboscher.fr:/var/www/blog/"),
    "github_pages_branch": "gh-pages",
    "host": "127.0.0.1",
    "port": 8000,
}


def pelican_run(cmd: str) -> None:
    """Run Pelican with `cmd`, passing through anything after `--` on the command line."""
    cmd += " " + program.core.remainder
    pelican_main(shlex.split(cmd))


@task
def clean(c):
    """Remove generated files."""
    if os.path.isdir(CONFIG["deploy_path"]):
        shutil.rmtree(CONFIG["deploy_path"])
        os.makedirs(CONFIG["deploy_path"])


@task
def build(c):
    """Build the local version of the site."""
    pelican_run("-s {settings_base}".format(**CONFIG))


@task
def rebuild(c):
    """`build` with the delete switch."""
    pelican_run("-d -s {settings_base}".format(**CONFIG))


@task
def regenerate(c):
    """Regenerate the site whenever a file changes."""
    pelican_run("-r -s {settings_base}".format(**CONFIG))


@task(help={"port": "port to listen on (default 8000)"})
def serve(c, port=CONFIG["port"]):
    """Serve output/ and the comment service (same origin) at http://127.0.0.1:PORT/."""
    from comments.intake.devserver import serve_site

    sys.stderr.write(f"Site et commentaires servis sur http://{CONFIG['host']}:{port}/ (Ctrl+C pour arrêter)\n")
    serve_site(CONFIG["settings_base"], CONFIG["deploy_path"], CONFIG["host"], int(port))


@task
def reserve(c):
    """`build`, then `serve`."""
    build(c)
    serve(c)


@task(help={"output": "build into this folder (its cache beside it) instead of output/"})
def preview(c, output=None):
    """Build the production version of the site."""
    # Another output folder gets its own cache, so it never shares cache/ with output/.
    cache = json.dumps(output.rstrip("/") + "-cache") if output else ""
    output_option = f" -o {shlex.quote(output)} -e CACHE_PATH={shlex.quote(cache)}" if output else ""
    pelican_run("-s {settings_publish}".format(**CONFIG) + output_option)


@task(help={"port": "port to listen on (default 8000)"})
def livereload(c, port=CONFIG["port"]):
    """Build, serve with the comment service, rebuild on every save and reload the browser.

    The loop is tools/autoreload.py; the service is forwarded on the same origin, so the form works."""
    from comments.intake.devserver import live_reload_server, start_service

    from tools.autoreload import main as autoreload

    service_url = start_service(CONFIG["settings_base"]).url
    autoreload(["--host", CONFIG["host"], "--port", str(port), "-s", CONFIG["settings_base"],
                *shlex.split(program.core.remainder)],
               make_server=lambda watcher: live_reload_server(service_url, watcher=watcher))


@task(help={
    "target": "a folder or user@host:path (default: $PUBLISH_TARGET, else the blog's server)",
    "dry_run": "list what would change, change nothing",
    "output": "build into this folder (its cache beside it) instead of output/",
})
def publish(c, target=None, dry_run=False, output=None):
    """Build for production, then rsync output/ to the target (checksums, --delete)."""
    if shutil.which("rsync") is None:
        raise Exit("Erreur : rsync est introuvable, il faut l’installer pour publier "
                   "(Debian : sudo apt-get install rsync).", code=1)
    preview(c, output=output)
    target = target or CONFIG["publish_target"]
    source = (output or CONFIG["deploy_path"]).rstrip("/") + "/"
    flags = " --dry-run --itemize-changes" if dry_run else ""
    # --checksum: Pelican rewrites every file, so mtimes say nothing about changes.
    c.run(f"rsync --recursive --links --times --checksum --delete{flags} "
          f"{shlex.quote(source)} {shlex.quote(target)}")


@task(help={
    "output": "build into this folder (its cache beside it) instead of output/",
    "repo": "the git repository to commit into (default: this one)",
})
def gh_pages(c, output=None, repo="."):
    """Build for production and commit output/ to the gh-pages branch with ghp-import (no push)."""
    preview(c, output=output)
    source = os.path.abspath(output or CONFIG["deploy_path"])
    with c.cd(repo):
        c.run(f"{shlex.quote(sys.executable)} -m ghp_import --no-jekyll "
              f"-b {CONFIG['github_pages_branch']} -m 'Publication du site' {shlex.quote(source)}")


@task(help={"quick": "a small version (under a minute)", "check": "exit 1 when a target is missed"})
def bench(c, quick=False, check=False):
    """Time the build against stock Pelican (and the other benches); see benchmarks/run.py."""
    from benchmarks.run import main as bench_main

    code = bench_main((["--quick"] if quick else []) + (["--check"] if check else []))
    if code:
        sys.exit(code)


@task(help={"check": "exit 1 when a score is under 100 or the article passes 60 KB"})
def lighthouse(c, check=False):
    """Lighthouse (mobile) on the production build: home, seed article, long article, search."""
    from benchmarks.lighthouse import main as lighthouse_main

    code = lighthouse_main(["--check"] if check else [])
    if code:
        sys.exit(code)


@task
def fonts(c):
    """Remake the theme's WOFF2 subsets from the pinned npm font package (needs `npm ci`)."""
    from theme.fonts.subset import build as build_fonts

    for name, size in build_fonts().items():
        sys.stdout.write(f"{name}\t{size} octets\n")


ns = Collection(clean, build, rebuild, regenerate, serve, reserve, preview, livereload, publish, gh_pages)
ns.add_task(bench)
ns.add_task(fonts)
ns.add_task(lighthouse)


# --- comments.*: import and moderation (plugins/comments/moderation/, plugins/comments/cli/) ---
def _french_errors(body):
    """The moderation library's refusals (ModerationError, in French) end the task with exit code 1."""
    @functools.wraps(body)
    def run(*args, **kwargs):
        from comments.moderation.errors import ModerationError

        try:
            return body(*args, **kwargs)
        except ModerationError as exc:
            raise Exit(exc.message, code=exc.code) from None
    return run


def _context(queue=None, content=None, settings=None):
    """Where the moderation commands work. Each comments.* task imports what it calls from
    comments.moderation in its body: plugins/ is on sys.path only once pelicanconf is read."""
    from comments.moderation.context import Context

    # --settings: the same file as `comments.serve` (the server's), so both publish alike.
    if settings is None:
        return Context.from_pelican(SETTINGS, queue=queue, content=content)
    # Its queue_path is beside the file, as the service reads it.
    return Context.from_pelican(_read_settings(settings), queue=queue, content=content,
                                root=Path(settings).resolve().parent)


def _read_settings(path):
    import logging

    from pelican.settings import read_settings

    logging.getLogger("pelican.settings").setLevel(logging.ERROR)  # feed warnings: not the CLI's business
    return read_settings(path)


_WHERE = {"queue": "the moderation queue folder (default: COMMENTS['queue_path'])",
          "content": "the content folder (default: PATH)",
          "settings": "Pelican settings file (default pelicanconf.py; the service's, e.g. publishconf.py)"}


@task(name="import", help={"path": "a WordPress WXR, Disqus XML or JSON export",
                           "dry_run": "report what would be imported, write nothing", **_WHERE})
@_french_errors
def comments_import(c, path, dry_run=False, queue=None, content=None, settings=None):
    """Import comments from an export (format detected from the file)."""
    ctx = _context(queue, content, settings)
    from comments.cli.imports import import_export

    import_export(ctx, path, dry_run=dry_run)


@task(name="queue", help={"state": "pending (default), spam, rejected or approved", **_WHERE})
@_french_errors
def comments_queue(c, state="pending", queue=None, content=None, settings=None):
    """List the comments waiting for moderation."""
    from comments.moderation.show import show_queue

    show_queue(_context(queue, content, settings), state)


@task(name="show", help=_WHERE)
@_french_errors
def comments_show(c, id, queue=None, content=None, settings=None):
    """Show one comment with its thread."""
    from comments.moderation.show import show

    show(_context(queue, content, settings), id)


@task(name="approve", help={"ids": "ids separated by commas: wp-1,wp-2",
                            "parents": "also approve the pending comments these reply to (asked otherwise)",
                            **_WHERE})
@_french_errors
def comments_approve(c, ids, parents=False, queue=None, content=None, settings=None):
    """Publish comments."""
    from comments.cli.approve import approve_asking
    from comments.moderation import actions
    from comments.moderation.lookup import split_ids

    ctx = _context(queue, content, settings)
    ids = split_ids(ids)
    if parents:
        actions.approve(ctx, ids, parents=True)
    else:
        approve_asking(ctx, ids, input if sys.stdin.isatty() else None)


@task(name="reject", help={"ids": "ids separated by commas: wp-1,wp-2", **_WHERE})
@_french_errors
def comments_reject(c, ids, queue=None, content=None, settings=None):
    """Reject comments (kept in the private queue)."""
    from comments.moderation.lookup import split_ids
    from comments.moderation.states import reject

    reject(_context(queue, content, settings), split_ids(ids))


@task(name="spam", help={"ids": "ids separated by commas: wp-1,wp-2", **_WHERE})
@_french_errors
def comments_spam(c, ids, queue=None, content=None, settings=None):
    """Mark comments as spam."""
    from comments.moderation.lookup import split_ids
    from comments.moderation.states import spam

    spam(_context(queue, content, settings), split_ids(ids))


@task(name="reply", help={"id": "the comment answered", "text": "the reply (Markdown); else $EDITOR", **_WHERE})
@_french_errors
def comments_reply(c, id, text=None, queue=None, content=None, settings=None):
    """Publish the author's reply to a comment (approving it first if pending)."""
    ctx = _context(queue, content, settings)
    from comments.cli.editor import reply_text
    from comments.moderation.replies import reply

    reply(ctx, id, reply_text(ctx, id, text))


@task(name="review", help=_WHERE)
@_french_errors
def comments_review(c, queue=None, content=None, settings=None):
    """Moderate the pending comments one at a time."""
    ctx = _context(queue, content, settings)
    from comments.cli.review import review

    review(ctx)


@task(name="purge", help={"days": "delete queued comments older than this many days (default 30)",
                          "dry_run": "list what would be deleted, delete nothing", **_WHERE})
@_french_errors
def comments_purge(c, days=30, dry_run=False, queue=None, content=None, settings=None):
    """Delete pending, spam and rejected comments (and their e-mails) older than --days."""
    from comments.moderation.purge import purge_and_report

    purge_and_report(_context(queue, content, settings), int(days), dry_run=dry_run)


@task(name="password", help={"stdin": "read the password from standard input (for scripts)",
                            "queue": _WHERE["queue"], "settings": _WHERE["settings"]})
@_french_errors
def comments_password(c, stdin=False, queue=None, settings=None):
    """Set the moderation page's password (only a scrypt hash is stored, mode 600, beside the queue)."""
    import getpass

    from comments.moderation_page.auth import PasswordError, set_password

    ctx = _context(queue, None, settings)
    if stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Nouveau mot de passe de la page de modération : ")
        if getpass.getpass("Le même, une seconde fois : ") != password:
            raise Exit("Erreur : les deux saisies diffèrent ; rien n’a été changé.", code=1)
    try:
        path = set_password(ctx.queue_root, password)
    except PasswordError as exc:
        raise Exit(f"Erreur : {exc} ; rien n’a été changé.", code=1) from None
    print(f"Mot de passe enregistré ({path}, empreinte seulement) ; les sessions ouvertes sont fermées.")


@task(name="serve", help={
    "host": "address to listen on (default 127.0.0.1: put a reverse proxy in front)",
    "port": "port to listen on (default 8001)",
    "queue": "the moderation queue folder (default: COMMENTS['queue_path'])",
    "settings": "Pelican settings file (default pelicanconf.py; publishconf.py in production)",
    "origin": "extra allowed origins besides SITEURL's and COMMENTS['origins'], separated by commas",
    "rate_limit": "submissions per address and minute (default COMMENTS['rate_limit']; 0: none)",
})
def comments_serve(c, host="127.0.0.1", port=8001, queue=None, settings=None, origin=None, rate_limit=None):
    """Run the comment form's receiver (POST /comment, GET /health) until Ctrl+C."""
    from comments.intake.__main__ import main as intake_main

    argv = ["--host", host, "--port", str(port), "--settings", settings or CONFIG["settings_base"]]
    argv += ["--queue", queue] if queue else []
    argv += ["--rate-limit", str(rate_limit)] if rate_limit is not None else []
    for value in (origin or "").split(","):
        argv += ["--origin", value.strip()] if value.strip() else []
    sys.exit(intake_main(argv))


ns.add_collection(Collection(
    "comments", comments_import, comments_queue, comments_show, comments_approve, comments_reject,
    comments_spam, comments_reply, comments_review, comments_purge, comments_password,
    comments_serve,
))


# --- wordpress.import: the whole blog (plugins/wordpress_import/) ---
@task(name="import", help={
    "path": "a WordPress export (WXR 1.0 to 1.2, Tools > Export > All content)",
    "uploads": "a copy of the old site's wp-content/uploads folder (images and files)",
    "dry_run": "report what would be imported, write nothing", **_WHERE,
})
@_french_errors
def wordpress_import(c, path, uploads=None, dry_run=False, queue=None, content=None, settings=None):
    """Import a whole WordPress blog: posts, pages, images, comments, internal links, old addresses."""
    from comments.importers import ImportFileError
    from comments.importers.progress import Progress
    from comments.moderation.context import fail
    from wordpress_import import import_blog

    ctx = _context(queue, content, settings)
    try:
        report = import_blog(path, content=ctx.content, queue_root=ctx.queue_root, uploads=uploads,
                             pelican=ctx.pelican, comments_settings=ctx.settings, dry_run=dry_run, progress=Progress())
    except ImportFileError as exc:
        raise fail(f"{exc}\nRien n’a été importé.") from None
    ctx.say(str(report))


ns.add_collection(Collection("wordpress", wordpress_import))
