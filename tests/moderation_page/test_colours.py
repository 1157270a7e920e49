"""The moderation page wears the site's brand colours: the theme's custom properties from
IDENTITY['brand_colour'] (COMMENTS['colours'] names identity's function), in its stylesheet."""

from __future__ import annotations

import httpx
from comments.intake.server import BackgroundServer
from identity.colours import custom_properties, palette

CSS = "/moderation/static/moderation.css"


def test_the_stylesheet_carries_the_sites_brand_colours(make_config, queue):
    with BackgroundServer(make_config(IDENTITY={"brand_colour": "#f5c400"})) as server:
        css = httpx.get(server.url + CSS).text
    site = custom_properties(palette("#f5c400"))
    assert site in css and css.index(site) > css.index("--accent:")  # after the defaults: it wins
    assert f"--accent:{palette('#f5c400')['accent']}" in css


def test_without_the_setting_the_page_keeps_its_own_colours(make_config, queue):
    with BackgroundServer(make_config(comments={})) as server:
        css = httpx.get(server.url + CSS).text
    assert "COMMENTS['colours']" not in css.split("*/", 1)[1]
    assert css.count("--accent:") == 2  # light and dark, the default brand's


def test_the_defaults_are_the_default_brands_palette():
    """moderation.css's own values are what identity derives from the default brand colour."""
    from comments.moderation_page.web import HERE

    css = (HERE / "static" / "moderation.css").read_text(encoding="utf-8")
    colours = palette("#0a56a3")
    for name in ("brand", "accent", "accent_hover", "on_accent"):
        assert f"--{name.replace('_', '-')}: {colours[name]};" in css
    dark = css.split("prefers-color-scheme: dark", 1)[1]
    for name in ("accent", "accent_hover", "on_accent"):
        assert f"--{name.replace('_', '-')}: {colours[name + '_dark']};" in dark
