"""How fast an approval goes live (figures for `invoke bench`, not tests).

    python -m benchmarks.publication_bench [--quick] [--posts 1000] [--comments 5000]

- approval -> commit pushed: `publish()` with COMMENTS['git'] to a bare remote on
  this machine (loopback), as the moderation page and e-mail actions call it
  inside the service, and the author's whole command, `invoke comments.approve
  --settings`, interpreter start included;
- one server: approval -> article page rewritten by the service's rebuilder,
  on a generated corpus (1,000 posts) and on the real site's content/.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from . import ROOT

PUSH_TARGET = 2.0  # seconds, approval -> commit pushed on loopback
PAGE_TARGET = 60.0  # seconds, one server at 1,000 posts

ARTICLE = "Title: Un article\nDate: 2024-01-02 10:00\nCategory: Essais\nSlug: un-article\nLang: fr\n\nTexte.\n"
GIT_ENV = {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


def _pending(queue, post: str, n: int):
    from comments.core.model import PENDING, Comment

    comment = Comment(id=f"c-bench{n:07d}", author="Lecteur", date=datetime.now(UTC).replace(microsecond=0),
                      body=f"Commentaire de mesure numéro {n}.", post=post, email="lecteur@example.org")
    queue.add(comment, PENDING)
    return comment.id


def approval_to_push(rounds: int = 10, cli_rounds: int = 3) -> dict:
    """Median seconds from `publish()` called to the commit on the bare remote, and for the CLI."""
    from comments.core.settings import comments_settings
    from comments.moderation.publish import publish
    from comments.storage.queue import Queue

    with tempfile.TemporaryDirectory(prefix="bench-push-") as tmp:
        work = Path(tmp)
        remote, clone = work / "remote.git", work / "site"
        _git(work, "init", "-q", "--bare", "-b", "main", str(remote))
        _git(work, "clone", "-q", str(remote), str(clone))
        (clone / "content" / "articles").mkdir(parents=True)
        (clone / "content" / "articles" / "un-article.md").write_text(ARTICLE, encoding="utf-8")
        for name in ("pelicanconf.py", "tasks.py"):
            shutil.copy(ROOT / name, clone / name)
        for name in ("plugins", "theme"):
            (clone / name).symlink_to(ROOT / name)
        git = {"remote": "origin", "branch": "main", "pull_interval": 60}
        (clone / "siteconf.py").write_text(f"from pelicanconf import *  # noqa\nCOMMENTS = {{'git': {git!r}}}\n",
                                           encoding="utf-8")
        (clone / ".gitignore").write_text("/moderation/\n__pycache__/\n", encoding="utf-8")
        _git(clone, "add", "-A")
        _git(clone, "commit", "-q", "-m", "site")
        _git(clone, "push", "-q", "origin", "HEAD:main")
        queue = Queue(clone / "moderation", clone / "content")
        settings = comments_settings({"COMMENTS": {"git": git}})
        seconds = []
        for n in range(rounds):
            cid = _pending(queue, "un-article", n)
            started = time.perf_counter()
            publish(queue, cid, settings, author="Bench")
            seconds.append(time.perf_counter() - started)
            assert _git(remote, "rev-parse", "main") == _git(clone, "rev-parse", "HEAD"), "not pushed"
        cli = []
        for n in range(rounds, rounds + cli_rounds):
            cid = _pending(queue, "un-article", n)
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "invoke", "comments.approve", "--settings", "siteconf.py", cid],
                           cwd=clone, check=True, capture_output=True)
            cli.append(time.perf_counter() - started)
            assert _git(remote, "rev-parse", "main") == _git(clone, "rev-parse", "HEAD"), "not pushed"
    return {"status": "ok", "rounds": rounds, "median_seconds": statistics.median(seconds),
            "max_seconds": max(seconds), "cli_median_seconds": statistics.median(cli),
            "target_seconds": PUSH_TARGET, "within_target": statistics.median(cli) <= PUSH_TARGET}


SITE_SETTINGS = """\
import sys
sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa
PATH = {content!r}
OUTPUT_PATH = {output!r}
CACHE_PATH = {cache!r}
PLUGIN_PATHS = [{plugins!r}]
THEME = {theme!r}
"""


def approval_to_page(content: Path, rounds: int = 3) -> dict:
    """One server: seconds from `publish()` to the article's page holding the comment, the
    service's Rebuilder watching (warm: after its start-up build)."""
    from comments.intake.config import load_config
    from comments.intake.rebuild import Rebuilder
    from comments.moderation.publish import publish
    from comments.storage.posts import Catalog
    from comments.storage.queue import Queue

    work = content.parent
    output = work / "output"
    settings_file = work / "siteconf.py"
    settings_file.write_text(SITE_SETTINGS.format(
        root=str(ROOT), content=str(content), output=str(output), cache=str(work / "cache"),
        plugins=str(ROOT / "plugins"), theme=str(ROOT / "theme")), encoding="utf-8")
    config = load_config(settings_file, queue=work / "moderation")
    catalog = Catalog(config.settings, config.comments_dir)
    rebuilder = Rebuilder(catalog, settings_file, output)
    queue = Queue(config.queue, content)
    post = catalog.posts()[0]
    page = output / post.url / "index.html"
    started = time.perf_counter()
    rebuilder.start()
    try:
        _until(lambda: rebuilder.builds >= 1, 600)
        first = time.perf_counter() - started
        seconds = []
        for n in range(rounds):
            cid = _pending(queue, post.slug, n)
            started = time.perf_counter()
            publish(queue, cid, config.comments)
            _until(lambda cid=cid: page.is_file() and f'id="comment-{cid}"' in page.read_text(encoding="utf-8"), 600)
            seconds.append(time.perf_counter() - started)
            _until(lambda n=n: rebuilder.builds >= n + 2, 600)  # that build ended (the swap is done)
    finally:
        rebuilder.stop()
    return {"status": "ok", "posts": len(catalog.posts()), "first_build_seconds": first,
            "median_seconds": statistics.median(seconds), "max_seconds": max(seconds),
            "build_seconds": rebuilder.seconds}


def _until(check, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError("délai dépassé")
        time.sleep(0.05)


def one_server(posts: int, comments: int, rounds: int = 3) -> dict:
    """approval_to_page on a generated corpus of `posts` posts and on the real site's content/."""
    from .corpus import generate

    result = {}
    with tempfile.TemporaryDirectory(prefix="bench-page-") as tmp:
        generate(Path(tmp) / "content", posts, comments)
        result["corpus"] = approval_to_page(Path(tmp) / "content", rounds)
    with tempfile.TemporaryDirectory(prefix="bench-page-real-") as tmp:
        shutil.copytree(ROOT / "content", Path(tmp) / "content")
        result["real"] = approval_to_page(Path(tmp) / "content", rounds)
    corpus = result["corpus"]
    corpus["target_seconds"] = PAGE_TARGET if posts >= 1000 else None
    corpus["within_target"] = corpus["max_seconds"] <= PAGE_TARGET
    return {"status": "ok", **result}


def lines(push: dict, page: dict) -> list[str]:
    """The bench table's lines (French, decimal comma)."""
    def fr(value: float) -> str:
        return f"{value:.2f}".replace(".", ",")

    out = []
    if push.get("status") == "ok":
        out.append(f"approbation → commit poussé (boucle locale) : {fr(push['median_seconds'])} s dans le service, "
                   f"{fr(push['cli_median_seconds'])} s par invoke comments.approve (cible ≤ "
                   f"{fr(push['target_seconds'])} s : {'ok' if push['within_target'] else 'HORS CIBLE'})")
    else:
        out.append(f"approbation → commit poussé : indisponible ({push.get('reason')})")
    if page.get("status") == "ok":
        corpus, real = page["corpus"], page["real"]
        verdict = (f" (cible ≤ {fr(corpus['target_seconds'])} s : {'ok' if corpus['within_target'] else 'HORS CIBLE'})"
                   if corpus.get("target_seconds") else "")
        out.append(f"un serveur, approbation → page réécrite : {fr(corpus['median_seconds'])} s à "
                   f"{corpus['posts']} articles{verdict} ; {fr(real['median_seconds'])} s sur le site réel "
                   f"({real['posts']} articles et pages)")
    else:
        out.append(f"un serveur, approbation → page réécrite : indisponible ({page.get('reason')})")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.publication_bench",
                                     description="Mesure le délai entre une approbation et sa publication.")
    parser.add_argument("--quick", action="store_true", help="petite version")
    parser.add_argument("--posts", type=int, default=None, help="articles du corpus (défaut 1000)")
    parser.add_argument("--comments", type=int, default=None, help="commentaires du corpus (défaut 5000)")
    args = parser.parse_args(argv)
    posts = args.posts or (30 if args.quick else 1000)
    comments = args.comments if args.comments is not None else (120 if args.quick else 5000)
    push = approval_to_push(rounds=3 if args.quick else 10, cli_rounds=1 if args.quick else 3)
    page = one_server(posts, comments, rounds=1 if args.quick else 3)
    print("\n".join(lines(push, page)))
    print(json.dumps({"push": push, "page": page}, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
