"""A typography other than the french plugin's, for COMMENTS['typography'] in the tests
(Pelican runs from the project's root, so "tests.comments.typography_stub:shout" imports)."""

from __future__ import annotations


def shout(html: str) -> str:
    """Every "!" doubled: visible in the output, and nothing like French typography."""
    return html.replace("!", "!!")


shout.version = "shout-1"


def unversioned(html: str) -> str:
    return html
