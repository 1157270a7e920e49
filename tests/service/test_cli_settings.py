"""Every `comments.*` task reads the settings file it is given, as `comments.serve` does."""

from __future__ import annotations

import inspect

import tasks
from tests.service.conftest import invoke
from tests.service.gitsite import make_git_site


def test_every_comments_task_takes_settings():
    collection = tasks.ns.collections["comments"]
    missing = [name for name, task in collection.tasks.items()
               if "settings" not in inspect.signature(task.body).parameters]
    assert not missing, missing


def test_the_queue_is_the_one_the_settings_name(tmp_path):
    site = make_git_site(tmp_path, "COMMENTS = {**COMMENTS, 'queue_path': 'file-privee'}\n")
    done = invoke(site.seed, "comments.queue", "--settings", "siteconf.py")
    assert done.returncode == 0, done.stderr
    assert "Aucun commentaire en attente." in done.stdout
    assert (site.seed / "file-privee").is_dir() and not (site.seed / "moderation").exists()


def test_a_settings_file_elsewhere_gives_the_cli_the_service_s_queue(tmp_path):
    """Relative paths of a settings file are taken from its folder, by the CLI as by the service."""
    from comments.intake.config import load_config

    site = make_git_site(tmp_path, "COMMENTS = {**COMMENTS, 'queue_path': 'file-privee'}\n")
    (site.seed / "serveur").mkdir()
    (site.seed / "serveur" / "conf.py").write_text(
        # Another test of this process may have imported its own `siteconf`: read this site's.
        f"import sys\nsys.path.insert(0, {str(site.seed)!r})\nsys.modules.pop('siteconf', None)\n"
        "from siteconf import *\n"
        f"PATH = {str(site.seed / 'content')!r}\n", encoding="utf-8")
    done = invoke(site.seed, "comments.queue", "--settings", "serveur/conf.py")
    assert done.returncode == 0, done.stderr
    service_queue = load_config(site.seed / "serveur" / "conf.py").queue
    assert service_queue == (site.seed / "serveur" / "file-privee").resolve() and service_queue.is_dir()
    assert not (site.seed / "file-privee").exists()
