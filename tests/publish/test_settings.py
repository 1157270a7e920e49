"""publishconf.py: what the production build promises, and a bad SITEURL refused clearly."""

from __future__ import annotations

import runpy

import pytest

from tests.conftest import ROOT, run_pelican


def load(name: str) -> dict:
    """A settings file's globals, without leaving a module behind."""
    return runpy.run_path(str(ROOT / name))


def test_production_settings(monkeypatch):
    monkeypatch.setenv("SITEURL", "https://blog.example.fr/")
    dev, prod = load("pelicanconf.py"), load("publishconf.py")
    assert prod["SITEURL"] == "https://blog.example.fr" and prod["FEED_DOMAIN"] == prod["SITEURL"]
    assert prod["RELATIVE_URLS"] is False and prod["DELETE_OUTPUT_DIRECTORY"] is True
    assert prod["COMMENTS"]["strict"] is True
    # The default deployment: the form posts to the comment service on its own origin.
    assert prod["COMMENTS"]["intake_url"] == "https://commentaires.lionelboscher.fr/comment"
    assert prod["COMMENTS"]["git"] == {"remote": "origin", "branch": "main", "pull_interval": 60}
    assert prod["COMMENTS"]["rebuild"] is False
    assert "wp_redirects" in prod["PLUGINS"] and "wp_redirects" not in dev["PLUGINS"]
    assert "stable_sitemap" in dev["PLUGINS"]


def test_one_server_settings(monkeypatch):
    monkeypatch.setenv("COMMENTS_URL", "/comment")
    monkeypatch.setenv("COMMENTS_REBUILD", "1")
    comments = load("publishconf.py")["COMMENTS"]
    assert comments["intake_url"] == "/comment" and comments["rebuild"] is True


def test_empty_siteurl_means_the_default(monkeypatch):
    monkeypatch.setenv("SITEURL", "")
    assert load("publishconf.py")["SITEURL"] == "https://www.lionelboscher.fr"


@pytest.mark.parametrize("siteurl", ["http://localhost:8000", "http://127.0.0.1:8000/", "/blog", "blog.example.fr"])
def test_a_local_or_relative_siteurl_stops_the_build(siteurl, tmp_path):
    result = run_pelican(ROOT / "content", tmp_path / "output", settings="publishconf.py",
                         env={"SITEURL": siteurl}, check=False)
    assert result.returncode != 0
    assert "n’est pas une adresse publique absolue" in result.stdout + result.stderr
    assert not (tmp_path / "output").exists()
