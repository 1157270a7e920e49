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
