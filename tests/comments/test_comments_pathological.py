"""CommonMark's pathological inputs (tests/data/commonmark) and random bodies
through the comment pipeline: every one renders, none raises, the HTML stays
bounded. Their timings are in `invoke bench` (benchmarks/bodies_bench.py)."""

from __future__ import annotations

import re

import pytest
from comments.build.bodies import BodyRenderer
from comments.build.commonmark import TooDeep
from comments.build.sanitiser import ALLOWED_TAGS, Sanitiser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.pathological import build, inputs, recipes

FORM_LIMIT = 20_000  # the receiver's longest body
TAG_RE = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")


def bounded(html: str, body: str) -> bool:
    # Escaping makes one character at most 5 ("<" -> "&lt;"), plus a few tags per line.
    return len(html) <= 6 * len(body) + 64 * (body.count("\n") + 1)


def test_the_data_holds_every_input_of_cmark():
    assert len(recipes()) == 25
    assert len(build(recipes()["pattern ![[]() repeated"])) == 960_000  # the full size is kept


@pytest.fixture(scope="module")
def renderer() -> BodyRenderer:
    return BodyRenderer(None)


@pytest.mark.parametrize(("name", "body"), sorted(inputs(FORM_LIMIT).items()))
def test_each_pathological_input_at_the_forms_size_renders(renderer, name, body):
    assert 0 < len(body) <= FORM_LIMIT
    html = renderer.render(body)
    assert html and bounded(html, body)
    assert {tag.lower() for tag in TAG_RE.findall(html)} <= ALLOWED_TAGS


# Comment files are strict UTF-8: a body never holds a lone surrogate.
SANITISER = Sanitiser()
MARKDOWNISH = st.text(
    alphabet=st.one_of(st.sampled_from("*_[]()<>!`#>-+.1 \n\\&;:/\"'~|=x"),
                       st.characters(blacklist_categories=("Cs",))),
    max_size=400,
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.one_of(MARKDOWNISH, st.builds(lambda unit, n: unit * n, MARKDOWNISH.filter(bool),
                                               st.integers(1, 200))))
def test_random_bodies_render_or_fall_back_and_never_raise(body):
    too_deep = False
    try:
        html = SANITISER.sanitise(body)
    except TooDeep:  # the only refusal: the build shows such a body as its text, with a warning
        html, too_deep = "", True
    assert bounded(html, body) and {tag.lower() for tag in TAG_RE.findall(html)} <= ALLOWED_TAGS
    renderer = BodyRenderer(None)
    rendered = renderer.render(body)  # the build's path never raises
    assert bounded(rendered, body) and {tag.lower() for tag in TAG_RE.findall(rendered)} <= ALLOWED_TAGS
    assert bool(renderer.failures) == too_deep
