"""deploy/: each file checked by its own tool, and the production command line run for real."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.intake.intake_helpers import free_port
from tests.service.conftest import BIN, Service, wait_for
from tests.service.gitsite import ROOT, make_git_site

DEPLOY = ROOT / "deploy"


def tool(name: str) -> str:
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if path is None:
        pytest.skip(f"{name} is not installed (make test installs it: system-packages.txt)")
    return path


@pytest.mark.parametrize("name", ["Caddyfile", "Caddyfile.service"])
def test_caddyfiles_are_valid(name):
    done = subprocess.run([tool("caddy"), "validate", "--adapter", "caddyfile", "--config", str(DEPLOY / name)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "Valid configuration" in done.stdout + done.stderr, done.stderr


def test_caddy_forwards_the_service_paths_and_serves_output():
    text = (DEPLOY / "Caddyfile").read_text(encoding="utf-8")
    assert "@service path /comment /moderation /moderation/*" in text
    assert "reverse_proxy 127.0.0.1:8001" in text and "root * /srv/blog/output" in text
    assert "\tlog" not in text  # no access log: readers' addresses are not kept


def test_nginx_snippet_is_valid(tmp_path):
    nginx, openssl = tool("nginx"), tool("openssl")
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=test", "-days", "1",
                    "-keyout", str(tmp_path / "privkey.pem"), "-out", str(tmp_path / "fullchain.pem")],
                   check=True, capture_output=True, timeout=60)
    snippet = (DEPLOY / "nginx-blog.conf").read_text(encoding="utf-8")
    snippet = snippet.replace("/etc/letsencrypt/live/www.lionelboscher.fr", str(tmp_path))
    (tmp_path / "blog.conf").write_text(snippet, encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{ access_log off; include {tmp_path}/blog.conf; }}\n", encoding="utf-8")
    done = subprocess.run([nginx, "-t", "-q", "-e", str(tmp_path / "error.log"), "-c", str(tmp_path / "nginx.conf")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_systemd_unit_verifies(tmp_path):
    unit = (DEPLOY / "blog-comments.service").read_text(encoding="utf-8")
    assert "ExecStart=/srv/blog/.venv/bin/invoke comments.serve --settings publishconf.py" in unit
    # The only machine-specific part, the program's path, points to this virtualenv's invoke.
    (tmp_path / "blog-comments.service").write_text(
        unit.replace("/srv/blog/.venv/bin/invoke", str(BIN / "invoke")), encoding="utf-8")
    done = subprocess.run([tool("systemd-analyze"), "verify", str(tmp_path / "blog-comments.service")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "blog-comments.service" not in done.stderr, done.stderr


def test_dockerfile_and_compose_agree():
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    service = compose["services"]["comments"]
    assert (DEPLOY / service["build"]["context"] / service["build"]["dockerfile"]).resolve() == DEPLOY / "Dockerfile"
    assert "COPY requirements.txt" in dockerfile and "git openssh-client" in dockerfile
    assert "/srv/blog:/srv/blog" in service["volumes"] and service["network_mode"] == "host"
    assert set(service["secrets"]) == set(compose["secrets"])  # the deploy key comes from outside the image


def test_the_production_command_line_runs_the_service(tmp_path):
    """The unit's (and the image's) command, with publishconf.py, in a clone: it starts, pulls and reports."""
    site = make_git_site(tmp_path)
    clone = site.clone(tmp_path / "srv-blog")
    unit = (DEPLOY / "blog-comments.service").read_text(encoding="utf-8")
    exec_start = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
    argv = shlex.split(exec_start.removeprefix("ExecStart="))[1:]
    port = free_port()
    argv[argv.index("--port") + 1] = str(port)
    service = Service(clone, port)
    env = {**os.environ, "SITEURL": "https://www.lionelboscher.fr"}
    handle = open(service.log, "w", encoding="utf-8")  # noqa: SIM115
    service.process = subprocess.Popen([str(BIN / "invoke"), *argv], cwd=clone, env=env, stdout=handle,
                                       stderr=subprocess.STDOUT, start_new_session=True)
    handle.close()
    try:
        wait_for(service._up, 60, "the service")
        health = wait_for(lambda: (h := service.health())["git"]["last_pull"] and h, 30, "the first pull")
        assert health["git"]["remote"] == "origin" and health["git"]["error"] is None
    finally:
        service.stop()


def test_dockerfile_command_is_the_unit_command():
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    cmd = next(line for line in dockerfile.splitlines() if line.startswith("CMD "))
    unit = (DEPLOY / "blog-comments.service").read_text(encoding="utf-8")
    exec_start = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
    assert yaml.safe_load(cmd.removeprefix("CMD ")) == [Path(shlex.split(exec_start)[0]).name, *shlex.split(exec_start)[1:]]
