"""The moderation page in Chromium at 375 px: a reader comments through the form, the author logs
in, sees it, approves it and replies; the next build shows both, the reply nested and marked. The
e-mail's « Approuver » link takes one click. axe finds nothing; screenshots at 375 and 1280 px,
light and dark, go to tests/screenshots/ (git-ignored) to be looked at."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from comments.core.comment_file import is_http_url
from comments.core.model import Comment
from comments.intake import create_app, load_config
from comments.intake.server import BackgroundServer
from comments.moderation_page import tokens
from comments.moderation_page.auth import set_password
from comments.storage.queue import Queue
from identity.colours import palette
from starlette.staticfiles import StaticFiles

from tests.comments.importers.import_helpers import make_content
from tests.conftest import ROOT, TESTDATA, run_pelican
from tests.moderation_page.conftest import notify

pytestmark = pytest.mark.browser

SLUG = "media-social-ou-medias-sociaux-en-interne-ou-en-externe"
ARTICLE = f"/2013/04/{SLUG}/"
PASSWORD = "un mot de passe de test"
SHOTS = ROOT / "tests" / "screenshots"


def no_axe_violations(page) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def reader_comments(tab, site: str, body: str, email: str = "", consent: bool = False) -> None:
    tab.goto(site + ARTICLE)
    tab.fill("#comment-body", body)
    tab.fill("#comment-author", "Camille Martin")
    if email:
        tab.fill("#comment-email", email)
    if consent:
        tab.check("#comment-notify")
    with tab.expect_navigation():
        tab.click(".comment-form button[type=submit]")
    assert tab.url.endswith("#commentaire-en-attente")


def test_the_author_moderates_from_a_phone(browser, mini_content, tmp_path, smtp):
    controller, inbox = smtp
    queue, output = tmp_path / "moderation", tmp_path / "output"
    set_password(queue, PASSWORD)
    run_pelican(mini_content, output)  # intake_url "/comment": the site and the service on one origin
    config = load_config(ROOT / "pelicanconf.py", queue=queue, content=mini_content, rate_limit=0,
                         overrides={"COMMENTS": notify(controller.port)})
    app = create_app(config)
    app.mount("/", StaticFiles(directory=output, html=True))
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="fr-FR")
    dialogs: list[str] = []
    try:
        tab = context.new_page()
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        with BackgroundServer(config, app=app) as site:
            reader_comments(tab, site.url, "Très juste : **32 heures** par mois, c’est beaucoup.",
                            "camille@example.fr", consent=True)
            reader_comments(tab, site.url, "Un second avis, approuvé d’un bouton.")
            reader_comments(tab, site.url, "Un troisième, approuvé depuis l’e-mail.")
            mails = inbox.wait(3)
            assert len(mails) == 3

            tab.goto(site.url + "/moderation/")
            assert tab.url.endswith("/moderation/login")
            no_axe_violations(tab)
            tab.fill("#password", PASSWORD)
            with tab.expect_navigation():
                tab.click("form.login button[type=submit]")
            assert tab.url.endswith("/moderation/")
            items = tab.locator("li.item")
            assert items.count() == 3
            assert tab.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scrolling
            no_axe_violations(tab)

            # Approve one with its button.
            second = items.filter(has_text="d’un bouton")
            second_id = second.get_attribute("id").removeprefix("c-")
            with tab.expect_navigation():
                second.get_by_role("button", name="Approuver").click()
            assert "1 commentaire approuvé" in tab.locator(".flash").inner_text()

            # Answer the first: « Répondre » approves it and publishes the reply.
            first = tab.locator("li.item").filter(has_text="32 heures")
            assert "camille@example.fr" in first.inner_text()  # private, shown to the author only
            cid = first.get_attribute("id").removeprefix("c-")
            first.locator("summary").click()
            first.locator("textarea").fill("Merci Camille, **bonne remarque**.")
            no_axe_violations(tab)
            with tab.expect_navigation():
                first.get_by_role("button", name="Publier la réponse").click()
            assert "approuvé, et votre réponse publiée" in tab.locator(".flash").inner_text()
            assert tab.locator("li.item").count() == 1

            # The third through its e-mail: the link shows one button; its click publishes.
            third_id = tab.locator("li.item").get_attribute("id").removeprefix("c-")
            [mail] = [m for m in mails if third_id in m.get_body(("plain",)).get_content()]
            link = re.search(r"^Approuver : (\S+?)\r?$", mail.get_body(("plain",)).get_content(), re.M)[1]
            tab.goto(link)
            assert (queue / "pending" / f"{third_id}.md").is_file()  # opening changed nothing
            no_axe_violations(tab)
            assert tab.locator("main button").count() == 1
            with tab.expect_navigation():
                tab.locator("main button").click()
            assert "Le commentaire est approuvé" in tab.locator("main").inner_text()
            no_axe_violations(tab)
            tab.goto(link)
            assert "déjà servi" in tab.locator("main").inner_text()

            tab.goto(site.url + "/moderation/")
            assert "Aucun commentaire en attente" in tab.locator("main").inner_text()
            with tab.expect_navigation():
                tab.get_by_role("button", name="Se déconnecter").click()
            assert tab.url.endswith("/moderation/login")
            tab.goto(site.url + "/moderation/")
            assert tab.url.endswith("/moderation/login")
            told = inbox.wait(4)[3]  # the subscribed reader: told of the reply (approval came with it)
            assert told["To"] == "camille@example.fr" and told["List-Unsubscribe"]

        run_pelican(mini_content, output)
        static = browser.new_context(viewport={"width": 375, "height": 812}, java_script_enabled=False)
        article = static.new_page()
        article.goto((output / ARTICLE.strip("/") / "index.html").as_uri())
        reply = article.locator(f"#comment-{cid} li.comment.by-author")
        assert reply.count() == 1
        assert "bonne remarque" in reply.locator(".comment-content").inner_text()
        for other in (second_id, third_id):
            assert article.locator(f"#comment-{other}").count() == 1
        static.close()
    finally:
        context.close()
    assert dialogs == []


PAYLOADS = [item["payload"] for name in ("bleach", "dompurify", "h5sc")
            for item in json.loads((TESTDATA / "xss" / f"{name}.json").read_text(encoding="utf-8"))]

# Everything the queue page may contain: the template's own elements and attributes, nothing else.
AUDIT_JS = r"""
() => {
  const TAGS = new Set(["main", "section", "h1", "h2", "p", "nav", "ul", "ol", "li", "a", "form", "input", "button",
                        "div", "article", "dl", "dt", "dd", "time", "span", "details", "summary", "label",
                        "textarea", "code"]);
  const ATTRS = new Set(["id", "class", "href", "method", "action", "type", "name", "value", "for", "rows",
                         "checked", "aria-labelledby", "aria-label", "aria-current", "datetime", "reversed",
                         "role", "autocomplete", "required"]);
  const bad = [];
  for (const el of document.querySelectorAll("main, main *")) {
    if (!TAGS.has(el.localName) || el.namespaceURI !== "http://www.w3.org/1999/xhtml") bad.push(el.localName);
    for (const attr of el.attributes) if (!ATTRS.has(attr.name)) bad.push(`${el.localName}[${attr.name}]`);
    if (el.closest(".body") && el.matches(".body *")) bad.push(`inside a body: ${el.localName}`);
    const href = el.getAttribute("href") || el.getAttribute("action") || "";
    if (href && !href.startsWith("/moderation/") && !href.startsWith("?")) bad.push(`link ${href.slice(0, 40)}`);
  }
  return {bad, items: document.querySelectorAll("li.item").length,
          scripts: document.scripts.length};
}
"""


def login(browser, url: str, **context_options):
    context = browser.new_context(**context_options)
    tab = context.new_page()
    tab.goto(url + "/moderation/login")
    tab.fill("#password", PASSWORD)
    with tab.expect_navigation():
        tab.click("form.login button[type=submit]")
    assert tab.url.endswith("/moderation/")
    return context, tab


def one_line(value: str) -> str:
    return " ".join(value.split())


def test_every_xss_payload_in_the_queue_stays_text(browser, tmp_path):
    content = make_content(tmp_path, [("piege", "Piège")])
    queue = tmp_path / "moderation"
    set_password(queue, PASSWORD)
    store = Queue(queue, content)
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    for n, payload in enumerate(PAYLOADS):
        website = "https://evil.example/" + "".join(payload.split())
        store.add(Comment(id=f"x-{n}", author=one_line(payload)[:100] or "vide", date=t0 + timedelta(minutes=n),
                          body=payload, post="piege", website=website if is_http_url(website) else None,
                          parent=f"x-{n - 1}" if n % 2 else None))
    config = load_config(ROOT / "pelicanconf.py", queue=queue, content=content, rate_limit=0)
    dialogs: list[str] = []
    with BackgroundServer(config) as service:
        context, tab = login(browser, service.url, viewport={"width": 1280, "height": 900})
        context.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        requests: list[str] = []
        context.on("request", lambda r: requests.append(r.url))
        tab.reload()
        tab.wait_for_timeout(500)  # a delayed handler (onfocus, animation) would have fired by now
        result = tab.evaluate(AUDIT_JS)
        confirmations = []
        for n in range(0, len(PAYLOADS), 37):  # the e-mail links' confirmation pages show them too
            tab.goto(tokens.links(queue, service.url, f"x-{n}")["approve"])
            tab.wait_for_timeout(100)
            confirmations.append(tab.evaluate(AUDIT_JS))
        context.close()
    assert dialogs == []
    assert result["bad"] == [] and result["scripts"] == 0
    assert result["items"] == len(PAYLOADS)
    assert [c["bad"] for c in confirmations] == [[]] * len(confirmations)
    assert {u.split("/moderation/")[0] for u in requests} == {service.url}


def test_screenshots_light_and_dark_at_375_and_1280(browser, tmp_path):
    content = make_content(tmp_path, [("linkedin-pme", "LinkedIn pour les PME : par où commencer ?")])
    queue = tmp_path / "moderation"
    set_password(queue, PASSWORD)
    store = Queue(queue, content)
    now = datetime.now(UTC).replace(microsecond=0)
    store.add(Comment(id="c-1", author="Camille Martin", date=now - timedelta(hours=3), post="linkedin-pme",
                      body="Très juste : 32 heures par mois, c’est beaucoup pour une PME.\n\nComment "
                           "faites-vous pour mesurer le retour ?", email="camille@example.fr",
                      held=["premier commentaire de cet auteur"]))
    store.add(Comment(id="c-2", author="Paul", date=now - timedelta(hours=1), post="linkedin-pme",
                      parent="c-1", website="https://paul.example.fr/", body="Même question ici !",
                      held=["premier commentaire de cet auteur", "2 liens"]))
    config = load_config(ROOT / "pelicanconf.py", queue=queue, content=content, rate_limit=0)
    with BackgroundServer(config) as service:
        for width in (375, 1280):
            for scheme in ("light", "dark"):
                context, tab = login(browser, service.url, viewport={"width": width, "height": 900},
                                     color_scheme=scheme)
                SHOTS.mkdir(exist_ok=True)
                tab.locator("#c-c-2 summary").click()
                tab.screenshot(path=str(SHOTS / f"moderation-{width}-{scheme}.png"), full_page=True)
                assert tab.evaluate("document.documentElement.scrollWidth") <= width
                no_axe_violations(tab)
                context.close()
        context = browser.new_context(viewport={"width": 375, "height": 700})
        tab = context.new_page()
        tab.goto(service.url + "/moderation/login")
        tab.screenshot(path=str(SHOTS / "moderation-login-375-light.png"), full_page=True)
        context.close()

        # 320 px and no JavaScript: everything fits and works (details, checkboxes, buttons).
        context, tab = login(browser, service.url, viewport={"width": 320, "height": 700},
                             java_script_enabled=False)
        assert tab.evaluate("document.documentElement.scrollWidth") <= 320
        tab.locator("#c-c-1 summary").click()
        tab.locator("#c-c-1 textarea").fill("Merci Camille !")
        with tab.expect_navigation():
            tab.locator("#c-c-1").get_by_role("button", name="Publier la réponse").click()
        assert "votre réponse publiée" in tab.locator(".flash").inner_text()
        tab.check("#s-c-2")
        with tab.expect_navigation():
            tab.get_by_role("button", name="Approuver la sélection").click()
        assert "Aucun commentaire en attente" in tab.locator("main").inner_text()
        context.close()
    published = {p.stem for p in (content / "comments" / "linkedin-pme").glob("*.md")}
    assert {"c-1", "c-2"} < published and len(published) == 3  # and the reply


def rgb(colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(colour[i:i + 2], 16) for i in (1, 3, 5)))


@pytest.mark.parametrize("brand", ["#f5c400", "#c2185b"])
def test_the_page_wears_the_sites_brand_colour_and_stays_readable(browser, tmp_path, brand):
    """A pale and a saturated brand colour (IDENTITY): the page takes the theme's colours from it,
    light and dark, and axe still finds nothing at 320 px."""
    content = make_content(tmp_path, [("couleurs", "Des couleurs")])
    queue = tmp_path / "moderation"
    set_password(queue, PASSWORD)
    Queue(queue, content).add(Comment(id="c-1", author="Camille", date=datetime.now(UTC).replace(microsecond=0),
                                      post="couleurs", body="Un avis, avec [un lien](https://example.fr/)."))
    config = load_config(ROOT / "pelicanconf.py", queue=queue, content=content, rate_limit=0,
                         overrides={"IDENTITY": {"brand_colour": brand}})
    colours = palette(brand)
    with BackgroundServer(config) as service:
        for scheme, suffix in (("light", ""), ("dark", "_dark")):
            context, tab = login(browser, service.url, viewport={"width": 320, "height": 700}, color_scheme=scheme)
            tab_style = tab.evaluate("(() => { const s = getComputedStyle(document.querySelector("
                                     "'.tabs a[aria-current=page]')); return [s.backgroundColor, s.color]; })()")
            assert tab_style == [rgb(colours["accent" + suffix]), rgb(colours["on_accent" + suffix])]
            assert tab.evaluate("document.documentElement.scrollWidth") <= 320
            no_axe_violations(tab)
            context.close()
