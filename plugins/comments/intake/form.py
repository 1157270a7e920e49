"""Decode and check one form submission; every refusal is a French message per field.

Only the fields below are read: anything else a request sends (`role`, `id`,
`date`...) is ignored, so a reader can never set what only moderation sets.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs, parse_qsl, urlsplit

from ..core.addresses import single_address
from ..core.comment_file import ID_RE, SLUG_RE, is_http_url
from ..core.terminal import has_unsafe_name_chars
from ..core.texts import LIMITS
from ..storage.posts import Catalog, Post

FIELDS = ("post", "parent", "author", "email", "notify", "website", "body", "hp")
CONSENT = ("1", "on", "oui", "true")  # the « Me prévenir par e-mail des réponses » box, ticked
# The form's maxlength attributes come from the same values (texts.LIMITS).
MAX_AUTHOR, MIN_BODY, MAX_BODY = LIMITS.author, LIMITS.body_min, LIMITS.body_max
MAX_WEBSITE = LIMITS.website

_SURROGATE = re.compile("[\ud800-\udfff]")
FORM_TYPE, JSON_TYPE = "application/x-www-form-urlencoded", "application/json"


class Rejected(Exception):
    """A refused request: HTTP status and French messages by field ("" for the request)."""

    def __init__(self, status: int, errors: Mapping[str, str], fields: Mapping[str, str] | None = None):
        super().__init__("; ".join(errors.values()))
        self.status, self.errors, self.fields = status, dict(errors), dict(fields or {})


@dataclass(frozen=True)
class Submission:
    """A checked submission, ready to become a Comment."""

    post: Post
    author: str
    body: str
    parent: str | None = None
    email: str | None = None
    website: str | None = None
    honeypot: bool = False


def media_type(content_type: str) -> tuple[str, str | None]:
    """("type/subtype", charset or None) of a Content-Type header."""
    kind, *params = content_type.split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return kind.strip().lower(), charset


def decode_fields(content_type: str, raw: bytes) -> dict[str, str]:
    """The known fields of a form-encoded or JSON body; strict UTF-8."""
    kind, charset = media_type(content_type)
    if kind not in (FORM_TYPE, JSON_TYPE):
        raise Rejected(415, {"": "Format non accepté : envoyez le formulaire (ou du JSON)."})
    if charset not in (None, "utf-8", "utf8"):
        raise Rejected(415, {"": "Encodage non accepté : seul l’UTF-8 est accepté."})
    try:
        text = raw.decode("utf-8")
        if kind == JSON_TYPE:
            data = json.loads(text)
            if not isinstance(data, dict):
                raise Rejected(400, {"": "Le JSON doit être un objet (des champs et leurs valeurs)."})
            pairs = [(k, v) for k, v in data.items() if k in FIELDS]
            if any(v is not None and not isinstance(v, str) for _k, v in pairs):
                raise Rejected(400, {"": "Chaque champ doit être un texte."})
            pairs = [(k, v or "") for k, v in pairs]
        else:
            pairs = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict",
                              max_num_fields=100)
    except UnicodeDecodeError:
        raise Rejected(400, {"": "Encodage invalide : le texte doit être en UTF-8."}) from None
    except (ValueError, RecursionError):  # bad JSON, too many fields, JSON nested thousands deep
        raise Rejected(400, {"": "Requête illisible."}) from None
    fields: dict[str, str] = {}
    for key, value in pairs:
        if key not in FIELDS:
            continue
        if key in fields:
            raise Rejected(400, {key: "Champ envoyé deux fois."})
        if _SURROGATE.search(value):  # JSON's "\ud800": no UTF-8 text holds it, no file can
            raise Rejected(400, {key: "Caractère invalide (moitié de paire UTF-16)."})
        fields[key] = value
    return fields


def _controls(text: str, allow_newlines: bool) -> bool:
    allowed = "\n\t" if allow_newlines else ""
    return any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in text)


def parent_from_referer(referer: str | None) -> str | None:
    """The `replytocom` of the page the form was sent from (the no-JavaScript reply link)."""
    if not referer:
        return None
    try:
        values = parse_qs(urlsplit(referer).query).get("replytocom")
    except ValueError:
        return None
    return values[0] if values and ID_RE.match(values[0]) else None


def check(fields: Mapping[str, str], catalog: Catalog, referer: str | None = None) -> Submission:
    """A Submission, or Rejected naming each bad field in French."""
    errors: dict[str, str] = {}
    slug = fields.get("post", "").strip()
    if not slug or not SLUG_RE.match(slug):
        raise Rejected(400, {"post": "Article manquant ou invalide."}, fields)
    post = catalog.post(slug)
    if post is None:
        raise Rejected(404, {"post": f"L’article « {slug} » n’existe pas."}, fields)
    if post.comments_mode != "open":
        raise Rejected(403, {"post": "Les commentaires sont fermés sur cet article."}, fields)

    author = " ".join(fields.get("author", "").split())
    if has_unsafe_name_chars(author):
        errors["author"] = "Le nom contient des caractères de contrôle ou d’inversion du sens du texte."
    elif not author:
        errors["author"] = "Indiquez votre nom."
    elif len(author) > MAX_AUTHOR:
        errors["author"] = f"Le nom ne doit pas dépasser {MAX_AUTHOR} caractères."

    # The address is kept only when the reader asked to be told of replies (RGPD: consent).
    wants_mail = fields.get("notify", "").strip().lower() in CONSENT
    email = (fields.get("email", "").strip() or None) if wants_mail else None
    if email and single_address(email) is None:  # one address: never a list of recipients
        errors["email"] = "Adresse e-mail invalide (ou laissez ce champ vide)."
    elif wants_mail and not email:
        errors["email"] = "Indiquez votre adresse e-mail pour être prévenu(e) des réponses (ou décochez la case)."

    website = fields.get("website", "").strip() or None
    if website and (len(website) > MAX_WEBSITE or not is_http_url(website)):
        errors["website"] = "Adresse de site invalide : seule une adresse http:// ou https:// est acceptée."

    body = fields.get("body", "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if _controls(body, allow_newlines=True):
        errors["body"] = "Le commentaire contient des caractères de contrôle."
    elif len(body) < MIN_BODY:
        errors["body"] = f"Le commentaire doit faire au moins {MIN_BODY} caractères."
    elif len(body) > MAX_BODY:
        errors["body"] = f"Le commentaire ne doit pas dépasser {MAX_BODY:,} caractères.".replace(",", "\u202f")

    parent = fields.get("parent", "").strip() or None
    if parent is not None:
        if not ID_RE.match(parent) or not catalog.has_comment(post.slug, parent):
            errors["parent"] = "Le commentaire auquel vous répondez n’existe pas (ou n’est pas publié)."
    else:
        # Without JavaScript the reply link only changes the page's query string;
        # the browser sends that page as Referer (same origin), so we read it there.
        guess = parent_from_referer(referer)
        if guess and catalog.has_comment(post.slug, guess):
            parent = guess

    if errors:
        raise Rejected(400, errors, fields)
    return Submission(
        post=post, author=author, body=body, parent=parent, email=email, website=website,
        honeypot=bool(fields.get("hp", "").strip()),
    )
