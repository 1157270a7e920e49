"""Tasks for the author and CI: Pelican's quickstart tasks plus `comments.*` and `bench`.

This file stays thin: it parses arguments and calls the plugin packages.
"""

import os
import shlex
import shutil
import sys

from invoke import Collection, task
from invoke.main import program
from pelican import main as pelican_main
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
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
    """Serve output/ at http://127.0.0.1:PORT/."""

    class AddressReuseTCPServer(RootedHTTPServer):
        allow_reuse_address = True

    server = AddressReuseTCPServer(
        CONFIG["deploy_path"], (CONFIG["host"], int(port)), ComplexHTTPRequestHandler
    )
    sys.stderr.write(f"Site servi sur http://{CONFIG['host']}:{port}/ (Ctrl+C pour arrêter)\n")
    server.serve_forever()


@task
def reserve(c):
    """`build`, then `serve`."""
    build(c)
    serve(c)


@task
def preview(c):
    """Build the production version of the site."""
    pelican_run("-s {settings_publish}".format(**CONFIG))


@task
def livereload(c):
    """Rebuild and reload the browser tab whenever a file changes."""
    from livereload import Server

    def cached_build():
        pelican_run("-s {settings_base} -e CACHE_CONTENT=true LOAD_CONTENT_CACHE=true".format(**CONFIG))

    cached_build()
    server = Server()
    theme_path = SETTINGS["THEME"]
    for glob in (
        CONFIG["settings_base"],
        f"{theme_path}/templates/**/*.html",
        f"{theme_path}/static/**/*.css",
        f"{theme_path}/static/**/*.js",
        "{}/**/*.md".format(SETTINGS["PATH"]),
    ):
        server.watch(glob, cached_build)
    server.serve(host=CONFIG["host"], port=CONFIG["port"], root=CONFIG["deploy_path"])


@task(help={"target": "a folder or user@host:path", "dry_run": "show what would change"})
def publish(c, target=None, dry_run=False):
    """Build for production, then rsync output/ to the target (checksums, --delete)."""
    preview(c)
    target = target or CONFIG["publish_target"]
    source = CONFIG["deploy_path"].rstrip("/") + "/"
    flags = "--dry-run --itemize-changes" if dry_run else ""
    c.run(f"rsync --recursive --checksum --delete --times --exclude .DS_Store {flags} "
          f"{shlex.quote(source)} {shlex.quote(target)}")


@task
def gh_pages(c):
    """Build for production and commit output/ to the gh-pages branch with ghp-import."""
    preview(c)
    c.run("ghp-import --no-jekyll -b {github_pages_branch} -m 'Publication du site' {deploy_path}".format(**CONFIG))


ns = Collection(clean, build, rebuild, regenerate, serve, reserve, preview, livereload, publish, gh_pages)
