"""`make test` sets up the system packages the tests need; `invoke publish` says when rsync is missing.

Each test runs the real script or task with a PATH made of links to a chosen few
commands, so a package looks missing without touching the machine. When the tests
run as root, the script runs as `nobody` (setpriv), so it cannot install anything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

from .builds import INVOKE, SITEURL

PACKAGES = ROOT / "system-packages.txt"


def listed() -> dict[str, str]:
    """The list's `command package` lines."""
    pairs = [line.split("#", 1)[0].split() for line in PACKAGES.read_text(encoding="utf-8").splitlines()]
    return {pair[0]: pair[1] for pair in pairs if pair}


@pytest.fixture
def bin_folder():
    """An empty folder that `nobody` can read (pytest's tmp_path is private to root)."""
    with tempfile.TemporaryDirectory(prefix="system-packages-") as name:
        os.chmod(name, 0o755)
        yield Path(name)


def path_without(folder: Path, *absent: str, extra: tuple[str, ...] = ()) -> str:
    """Links in `folder` to the listed commands (and `extra` ones), minus `absent`."""
    for command in (*listed(), "id", "sh", *extra):
        found = shutil.which(command)
        if command not in absent and found:
            (folder / command).symlink_to(found)
    return str(folder)


def as_unprivileged(args: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return args
    setpriv = shutil.which("setpriv")
    assert setpriv, "setpriv (util-linux) is needed to run the script as nobody"
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *args]


def test_the_list_names_what_the_tests_use():
    packages = listed()
    assert {command: packages.get(command) for command in ("chromium", "java", "rsync", "faketime")} == {
        "chromium": "chromium", "java": "default-jre-headless", "rsync": "rsync", "faketime": "faketime"}


def test_not_root_and_a_package_missing_stops_at_once_with_the_command(tmp_path, bin_folder):
    path = path_without(bin_folder, "rsync", "faketime", extra=("make",))
    result = subprocess.run(as_unprivileged(["make", "-C", str(ROOT), "test"]), capture_output=True,
                            text=True, timeout=60, env={"PATH": path, "HOME": str(tmp_path)})
    assert result.returncode != 0
    assert "sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends rsync faketime'" \
        in result.stderr, result.stderr
    assert "Paquets système manquants pour les tests : rsync faketime" in result.stderr
    assert "pytest" not in result.stdout + result.stderr and "ruff" not in result.stdout  # stopped first


def test_nothing_missing_installs_nothing(bin_folder):
    if missing := [command for command in listed() if shutil.which(command) is None]:
        pytest.fail(f"missing on this machine: {missing} (make test installs them)")
    result = subprocess.run(as_unprivileged(["sh", str(ROOT / "tools" / "system-packages.sh"), str(PACKAGES)]),
                            capture_output=True, text=True, timeout=60,
                            env={"PATH": path_without(bin_folder)})
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_ci_only_calls_make_test():
    commands = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith(("#", "set ", "cd "))]
    assert commands == ["make test"]


def test_publish_without_rsync_says_so_in_french(tmp_path):
    (tmp_path / "bin").mkdir()
    result = subprocess.run([str(INVOKE), "publish", "--target", str(tmp_path / "www"),
                             "--output", str(tmp_path / "output")], cwd=ROOT, capture_output=True, text=True,
                            timeout=120, env={**os.environ, "SITEURL": SITEURL,
                                              "PATH": path_without(tmp_path / "bin", "rsync")})
    assert result.returncode == 1
    assert "rsync est introuvable" in result.stderr and "apt-get install rsync" in result.stderr, result.stderr
    assert not (tmp_path / "output").exists()  # stopped before building
