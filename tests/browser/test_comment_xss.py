"""Every public XSS payload, as a comment body (Markdown and imported HTML), as
an author name and as a website, through ONE real build, loaded in Chromium:
nothing runs, nothing dangerous is left in #comments, no id clashes.

The payloads are spread over a few articles (many comments per page, some
nested as replies) so the test stays fast.
"""

from __future__ import annotations

import contextlib
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from comments.core.comment_file import MAX_AUTHOR, CommentFileError, format_comment, is_http_url, read_comment
from comments.core.model import Comment
from comments.core.urls import strip_controls
from playwright.sync_api import Error as PlaywrightError

from tests.conftest import TESTDATA, run_pelican
from tests.site.test_validity import nu_errors

pytestmark = pytest.mark.browser

PAYLOADS = [
    item
    for name in ("bleach", "dompurify", "h5sc")
    for item in json.loads((TESTDATA / "xss" / f"{name}.json").read_text(encoding="utf-8"))
]
ROLES = ("body-md", "body-html", "author", "website-url", "website-raw")
ARTICLES = 8
T0 = datetime(2014, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=1)))

# Runs inside the page: everything in #comments that could run or mislead.
AUDIT_JS = r"""
() => {
  const bad = [];
  const BAD_TAGS = new Set(["script", "style", "iframe", "object", "embed", "svg", "math", "img", "form",
                            "input", "button", "textarea", "select", "link", "meta", "base", "frame",
                            "frameset", "template", "video", "audio", "source", "applet", "noscript"]);
  const URL_ATTRS = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc",
                             "poster", "background", "cite", "srcset", "ping"]);
  const FIXED_IDS = new Set(["comments-title", "mentions-title"]);
  const root = document.getElementById("comments");
  const respond = document.getElementById("respond");
  if (!root) return {bad: ["no #comments"], ids: []};
  const ids = [];
  for (const el of root.querySelectorAll("*")) {
    if (respond && respond.contains(el)) continue;
    const tag = el.localName;
    if (BAD_TAGS.has(tag)) bad.push(`element <${tag}>`);
    if (el.namespaceURI !== "http://www.w3.org/1999/xhtml") bad.push(`foreign element ${tag}`);
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) bad.push(`${tag}[${name}]`);
      if (name === "style") bad.push(`${tag}[style]`);
      const squashed = attr.value.replace(/[\u0000-\u0020\u007f-\u009f]/g, "").toLowerCase();
      if (URL_ATTRS.has(name) && /^(javascript|vbscript|data):/.test(squashed)) {
        bad.push(`${tag}[${name}=${attr.value.slice(0, 40)}]`);
      }
    }
    if (el.id) {
      ids.push(el.id);
      if (!el.id.startsWith("comment-") && !FIXED_IDS.has(el.id)) bad.push(`id ${el.id}`);
    }
    if (tag === "a" && el.hasAttribute("href")) {
      const url = new URL(el.getAttribute("href"), location.href);
      const rel = (el.getAttribute("rel") || "").split(/\s+/);
      if (url.host !== location.host && !(rel.includes("nofollow") && rel.includes("ugc"))) {
        bad.push(`link without nofollow ugc: ${el.getAttribute("href").slice(0, 40)}`);
      }
    }
  }
  return {
    bad,
    ids,
    comments: document.querySelectorAll('[id="comments"]').length,
    respond: document.querySelectorAll('[id="respond"]').length,
    authors: Object.fromEntries([...root.querySelectorAll("li.comment")].map(
      li => [li.id, li.querySelector(":scope > article .comment-author").textContent])),
  };
}
"""


def one_line(value: str) -> str:
    return " ".join(value.split())


def comment_for(index: int, role: str, payload: str, parent: str | None) -> Comment:
    cid = f"x{index}-{role}"
    date = T0 + timedelta(minutes=index * len(ROLES) + ROLES.index(role))
    comment = Comment(id=cid, author=f"Lecteur {index}", date=date, body=f"Rôle {role}.", parent=parent)
    if role == "body-md":
        comment.body = payload
    elif role == "body-html":
        comment.body, comment.format = payload, "html"
    elif role == "author":
        comment.author = one_line(payload)[:MAX_AUTHOR] or "vide"
    elif role == "website-url":
        comment.website = "https://evil.example/" + "".join(payload.split())
    else:
        comment.website = one_line(payload) or None  # the store rejects most of them: it must say so
    return comment


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("xss")
    content = root / "content"
    (content / "pages").mkdir(parents=True)
    expected: dict[str, dict[str, str]] = {}  # article slug -> {comment id: author as written}
    rejected: list[str] = []
    for n in range(ARTICLES):
        slug = f"piege-{n}"
        path = content / "articles" / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Title: Piège {n}\nSlug: {slug}\nDate: 2014-01-0{n + 1} 10:00\nCategory: Essais\n\n"
                        "Texte.\n", encoding="utf-8")
        expected[slug] = {}
    previous: dict[str, str | None] = {}
    for index, item in enumerate(PAYLOADS):
        for role in ROLES:
            slug = f"piege-{(index * len(ROLES) + ROLES.index(role)) % ARTICLES}"
            # Every other comment answers the one before it on the same page: payloads nest too.
            parent = previous.get(slug) if index % 2 else None
            comment = comment_for(index, role, item["payload"], parent)
            file = content / "comments" / slug / f"{comment.id}.md"
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(format_comment(comment), encoding="utf-8")
            try:
                stored = read_comment(file)
            except CommentFileError:
                rejected.append(comment.id)
                continue
            assert stored.website is None or is_http_url(stored.website)
            expected[slug][comment.id] = stored.author
            previous[slug] = comment.id
    output = root / "output"
    # Non-strict and without --fatal: rejected website values are reported, the rest renders.
    result = run_pelican(content, output, fatal=None, env={"COLUMNS": "3000"})
    return output, expected, rejected, result.stdout + result.stderr


def test_every_payload_in_every_role_is_built(xss_site):
    output, expected, rejected, log = xss_site
    total = sum(len(ids) for ids in expected.values()) + len(rejected)
    assert total == len(PAYLOADS) * len(ROLES) == 392 * 5
    # Only websites may be refused (not an http(s) URL, or control characters),
    # never a body or a name; each refusal is reported with its file.
    assert all(cid.split("-", 1)[1].startswith("website-") for cid in rejected)
    for cid in rejected:
        assert f"{cid}.md" in log, cid


@pytest.mark.parametrize("n", range(ARTICLES))
def test_nothing_runs_and_nothing_dangerous_is_left(xss_site, serve, page, n):
    output, expected, _rejected, _log = xss_site
    base = serve(output)
    slug = f"piege-{n}"
    url = next(f"{base}/{p.parent.relative_to(output).as_posix()}/" for p in output.rglob(f"{slug}/index.html"))
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)  # let timers and late handlers fire
    audit = page.evaluate(AUDIT_JS)
    assert audit["bad"] == []
    assert audit["comments"] == 1 and audit["respond"] == 1
    # Every accepted comment is on its page, its author shown as the very text written.
    shown = {cid.removeprefix("comment-"): author for cid, author in audit["authors"].items()}
    assert set(shown) == set(expected[slug])
    for cid, author in expected[slug].items():
        assert shown[cid] == strip_controls(author), cid
    # The cheatsheet's interaction triggers, each on a fresh copy of the page.
    triggers = [item["trigger"] for item in PAYLOADS if item.get("trigger")]
    for trigger in triggers:
        if page.url != url:
            page.goto(url, wait_until="load")
        # A trigger that navigates destroys its own execution context: that is no failure.
        with contextlib.suppress(PlaywrightError):
            page.evaluate(f"() => {{ try {{ {trigger} }} catch (e) {{}} }}")
        page.wait_for_timeout(20)
    page.wait_for_timeout(200)
    assert dialogs == []


def test_payload_bodies_reach_the_pages(xss_site):
    # Guard against a vacuous pass: comment elements really carry content.
    output, expected, _rejected, _log = xss_site
    html = "".join(p.read_text(encoding="utf-8") for p in Path(output).rglob("piege-*/index.html"))
    assert html.count('class="comment-content"') == sum(len(ids) for ids in expected.values())


def test_pages_full_of_payloads_are_still_valid_html(xss_site):
    output, _expected, _rejected, _log = xss_site
    pages = sorted(Path(output).rglob("piege-*/index.html"))
    assert len(pages) == ARTICLES
    assert nu_errors(pages) == []
