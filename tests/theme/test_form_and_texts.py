"""Issue 15, item 7: the comment form's limits, confirmations and rel come from one
place (plugins/comments/texts.py), shared by the receiver and the templates."""

from __future__ import annotations

from comments.build import sanitiser
from comments.core import addresses
from comments.core.texts import LIMITS, NOTICES, READER_REL
from comments.intake import form

from tests.theme.helpers import article_page, html_of


def test_form_limits_are_the_receivers(site):
    doc = html_of(article_page(site))
    fields = {el.get("name"): el for el in doc.cssselect("#respond input, #respond textarea")}
    assert fields["website"].get("maxlength") == str(LIMITS.website) == str(form.MAX_WEBSITE)
    assert fields["author"].get("maxlength") == str(LIMITS.author) == str(form.MAX_AUTHOR)
    assert fields["email"].get("maxlength") == str(LIMITS.email) == str(addresses.MAX_EMAIL)
    assert fields["body"].get("maxlength") == str(LIMITS.body_max) == str(form.MAX_BODY)
    assert fields["body"].get("minlength") == str(LIMITS.body_min) == str(form.MIN_BODY)


def test_confirmations_and_rel_are_the_receivers(site):
    doc = html_of(article_page(site))
    for notice in NOTICES.values():
        (element,) = doc.cssselect(f"#{notice.fragment}")
        assert element.text_content() == notice.message
    # The templates' rel (COMMENTS_FORM) is the sanitiser's, for links in bodies.
    assert sanitiser.READER_REL is READER_REL
    assert doc.cssselect("#comments")
