"""The production build shared by the publishing tests."""

from pathlib import Path

import pytest

from .builds import production_build


@pytest.fixture(scope="session")
def production_site(tmp_path_factory) -> Path:
    """The project's content built once with publishconf.py and SITEURL=https://blog.example.fr."""
    return production_build(tmp_path_factory.mktemp("production") / "output")
