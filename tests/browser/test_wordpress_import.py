"""A sample of the imported Theme Unit Test pages in Chromium: 0 axe violations, nothing from another host."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_pages import AXE_OPTIONS, describe
from tests.wordpress_import.fidelity import page_of
from tests.wordpress_import.test_fidelity import SAMPLE

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(imported, serve) -> str:
    return serve(imported.output)


@pytest.mark.parametrize("old_path", SAMPLE)
def test_imported_page_is_accessible_and_self_contained(page, imported, base_url, old_path):
    built = page_of(imported.output, old_path)  # where the old address leads
    response = page.goto(f"{base_url}/{built.parent.relative_to(imported.output).as_posix()}/", wait_until="load")
    assert response is not None and response.ok
    assert page.locator(".post-content").count() == 1
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.response["violations"] == [], describe(results.response["violations"])
    assert page.third_party_requests == []
    assert page.console_errors == []
