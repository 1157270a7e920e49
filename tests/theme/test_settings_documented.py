"""Each theme plugin's settings are declared once (frozen dataclasses with a doc per
field) and every key is documented in docs/theme.md."""

from __future__ import annotations

import dataclasses

import pytest
from declared_settings import docs
from identity.settings import Identity
from images import Images
from reading import Reading
from search import Search
from share_cards import ShareCards

from tests.conftest import ROOT

THEME_DOC = (ROOT / "docs" / "theme.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("declared", [Identity, Images, Reading, Search, ShareCards])
def test_every_setting_has_a_doc_and_is_documented(declared):
    assert dataclasses.fields(declared) and declared.__dataclass_params__.frozen
    for name, text in docs(declared).items():
        assert text, f"{declared.__name__}.{name} has no doc"
        assert f"| `{name}` |" in THEME_DOC, f"{name} is missing from docs/theme.md"
