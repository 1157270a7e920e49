"""Helpers of the publishing tests: production builds, file listings, invoke runs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, run_pelican

SITEURL = "https://blog.example.fr"
INVOKE = Path(sys.executable).parent / "invoke"
# Articles live at /YYYY/MM/<slug>/ (pelicanconf.ARTICLE_URL).
ARTICLE_PATH = re.compile(r"^(\d{4})/(\d{2})/([^/]+)/index\.html$")


def production_build(output: Path, env: dict | None = None) -> Path:
    """`pelican -s publishconf.py` of the project's content into `output`."""
    run_pelican(ROOT / "content", output, settings="publishconf.py", env={"SITEURL": SITEURL, **(env or {})})
    return output


def all_files(root: Path) -> dict[str, Path]:
    """Every file under `root`, by its path relative to `root` (POSIX form)."""
    return {path.relative_to(root).as_posix(): path for path in sorted(root.rglob("*")) if path.is_file()}


def article_files(root: Path) -> dict[str, Path]:
    """The real article pages (not the redirect pages beside them)."""
    return {rel: path for rel, path in all_files(root).items()
            if ARTICLE_PATH.match(rel) and b"http-equiv=\"refresh\"" not in path.read_bytes()}


def run_invoke(*args: str, cwd: Path = ROOT, check: bool = True) -> subprocess.CompletedProcess:
    """`invoke ARGS` as the author runs it, from the repository root."""
    result = subprocess.run(
        [str(INVOKE), *args], cwd=cwd, capture_output=True, text=True, timeout=600,
        env={**os.environ, "SITEURL": SITEURL},
    )
    if check and result.returncode != 0:
        raise AssertionError(f"invoke {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result
