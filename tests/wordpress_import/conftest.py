"""The imported Theme Unit Test site, built once per session; the browser fixtures for its pages."""

from __future__ import annotations

import pytest

from tests.browser.conftest import browser, page, serve  # noqa: F401 (fixtures shared with the browser tests)
from tests.wordpress_import.fidelity import Imported, import_and_build


@pytest.fixture(scope="session")
def imported(tmp_path_factory) -> Imported:
    return import_and_build(tmp_path_factory.mktemp("wordpress"))
