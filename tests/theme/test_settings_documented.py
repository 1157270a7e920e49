"""Each plugin's settings are declared once (frozen dataclasses with a doc per field) and
every key is documented in its page of docs/: the theme plugins' in docs/theme.md,
RELATED_POSTS in docs/architecture.md (COMMENTS: tests/comments/test_comments_settings.py,
whose sub-dicts are documented as prose)."""

from __future__ import annotations

import dataclasses

import pytest
from declared_settings import docs
from identity.settings import Identity
from images import Images
from reading import Reading
from related_posts.settings import RelatedPosts
from search import Search
from share_cards import ShareCards

from tests.conftest import ROOT


@pytest.mark.parametrize("declared, page", [(Identity, "theme.md"), (Images, "theme.md"), (Reading, "theme.md"),
                                            (Search, "theme.md"), (ShareCards, "theme.md"),
                                            (RelatedPosts, "architecture.md")])
def test_every_setting_has_a_doc_and_is_documented(declared, page):
    text_of_page = (ROOT / "docs" / page).read_text(encoding="utf-8")
    assert dataclasses.fields(declared) and declared.__dataclass_params__.frozen
    for name, text in docs(declared).items():
        assert text, f"{declared.__name__}.{name} has no doc"
        assert f"| `{name}` |" in text_of_page, f"{name} is missing from docs/{page}"
