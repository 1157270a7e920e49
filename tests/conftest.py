"""Shared fixtures: real Pelican builds of the project, or of small sites, into tmp_path."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# CI explores the same examples on every run, so a red build is reproducible;
# a developer's runs keep exploring new ones (and keep what they found in .hypothesis/).
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI") == "true":
    hypothesis_settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
# Public test data and the seed post, copied from the project's shared folder so that
# a clone tests on its own (sources and licences in tests/data/README.md).
TESTDATA = ROOT / "tests" / "data"
SEED_POST = TESTDATA / "seed" / "000_4b20fd6c4192a1c6.txt"


def run_pelican(
    content: Path,
    output: Path,
    *,
    settings: str = "pelicanconf.py",
    overrides: dict | None = None,
    env: dict | None = None,
    check: bool = True,
    fatal: str | None = "warnings",
) -> subprocess.CompletedProcess:
    """Build `content` into `output` with the project's settings file, as a real
    `pelican` run with `--fatal warnings`, so that no warning ships.

    `overrides` are Pelican settings (JSON values); CACHE_PATH defaults to a
    folder beside `output` so tests never share or touch the project's cache.
    `fatal=None` builds without `--fatal` (e.g. to check that a non-strict build
    reports bad input as warnings and still finishes); "errors" stops on errors only.
    """
    overrides = {"CACHE_PATH": str(output.parent / f"{output.name}-cache"), **(overrides or {})}
    args = [
        sys.executable, "-m", "pelican", str(content), "-o", str(output),
        "-s", str(ROOT / settings), *(["--fatal", fatal] if fatal else []),
    ]
    # One -e for all pairs: Pelican keeps only the last of repeated -e options.
    args += ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    result = subprocess.run(
        args, cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, **(env or {})}, timeout=600,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"pelican failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The project's own content, built once per session with pelicanconf.py."""
    dest = tmp_path_factory.mktemp("site")
    run_pelican(ROOT / "content", dest / "output")
    return dest / "output"


@pytest.fixture(scope="session")
def production_site(tmp_path_factory) -> Path:
    """The project's content built once with publishconf.py and SITEURL=https://blog.example.fr."""
    from tests.publish.builds import production_build

    return production_build(tmp_path_factory.mktemp("production") / "output")


@pytest.fixture
def mini_content(tmp_path) -> Path:
    """A copy of the project's content folder that a test may change freely."""
    dest = tmp_path / "content"
    shutil.copytree(ROOT / "content", dest)
    return dest


@pytest.fixture
def smtp():
    """A real SMTP server (aiosmtpd) on 127.0.0.1: (controller, inbox of the messages received)."""
    from aiosmtpd.controller import Controller

    from tests.intake.intake_helpers import free_port
    from tests.smtp_inbox import Inbox

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture(scope="session")
def imported(tmp_path_factory):
    """The WordPress Theme Unit Test export imported with `invoke wordpress.import` (uploads made
    with Pillow) and built, once per session (tests/wordpress_import/fidelity.py)."""
    from tests.wordpress_import.fidelity import import_and_build

    return import_and_build(tmp_path_factory.mktemp("wordpress"))
