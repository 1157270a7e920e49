"""The receiver's own HTML: a French error page that gives the reader's text back.

A refused comment is never lost: the page shows what was wrong, field by
field, and the form again with everything the reader typed, ready to resend.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from jinja2 import Environment

from ..core.settings import no_typography

LABELS = {
    "post": "Article",
    "parent": "Réponse à",
    "author": "Nom",
    "email": "E-mail",
    "website": "Site web",
    "body": "Commentaire",
}

TEMPLATE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{ title }}</title>
<style>
body{font:1.05rem/1.6 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
.errors{border-left:4px solid #a4262c;padding:.5rem 1rem;background:#fdf3f4}
label{display:block;font-weight:600;margin-top:1rem}
label.check{display:inline;font-weight:normal}
input,textarea{width:100%;box-sizing:border-box;font:inherit;padding:.4rem}
[aria-invalid=true]{border:2px solid #a4262c}
.error{color:#a4262c;margin:.2rem 0}
button{margin-top:1rem;font:inherit;padding:.5rem 1rem}
</style>
</head>
<body>
<main>
<h1>{{ title }}</h1>
<div class="errors" role="alert">
<ul>{% for field, message in errors.items() %}<li>{{ message }}</li>{% endfor %}</ul>
</div>
{% if form %}
<form method="post" action="{{ action }}">
<input type="hidden" name="post" value="{{ fields.get('post', '') }}">
<input type="hidden" name="parent" value="{{ fields.get('parent', '') if 'parent' not in errors else '' }}">
{% for name, label, kind, extra in inputs %}
{% if kind == "checkbox" %}
<p><input id="f-{{ name }}" name="{{ name }}" type="checkbox" value="1"{% if fields.get(name) %} checked{% endif %}>
<label class="check" for="f-{{ name }}">{{ label }}</label></p>
{% else %}
<p><label for="f-{{ name }}">{{ label }}{{ extra }}</label>
{% if kind == "textarea" %}<textarea id="f-{{ name }}" name="{{ name }}" rows="10"
{%- if name in errors %} aria-invalid="true" aria-describedby="e-{{ name }}"{% endif %}>{{ fields.get(name, '') }}</textarea>
{% else %}<input id="f-{{ name }}" name="{{ name }}" type="{{ kind }}" value="{{ fields.get(name, '') }}"
{%- if name in errors %} aria-invalid="true" aria-describedby="e-{{ name }}"{% endif %}>{% endif %}
{% if name in errors %}<span class="error" id="e-{{ name }}">{{ errors[name] }}</span>{% endif %}</p>
{% endif %}
{% endfor %}
<button type="submit">Envoyer à nouveau</button>
</form>
{% endif %}
{% if back %}<p><a href="{{ back }}">Revenir à l’article</a></p>{% endif %}
</main>
</body>
</html>
"""

INPUTS = (
    ("author", "Nom", "text", ""),
    ("email", "E-mail", "email", " (facultatif, jamais publié ; gardé seulement si la case est cochée)"),
    ("notify", "Me prévenir par e-mail des réponses", "checkbox", ""),
    ("website", "Site web", "url", " (facultatif)"),
    ("body", "Commentaire", "textarea", ""),
)

_template = Environment(autoescape=True).from_string(TEMPLATE)


def error_page(
    errors: Mapping[str, str],
    fields: Mapping[str, str] | None = None,
    action: str = "/comment",
    back: str | None = None,
    typography: Callable[[str], str] = no_typography,
) -> str:
    """The French HTML page for a refused submission; the form again when fields were read.
    `typography` (COMMENTS['typography']) goes over our own sentences only, never over what
    the reader typed."""
    shown = {
        field: typography(f"{LABELS[field]} : {message}" if field in LABELS else message)
        for field, message in errors.items()
    }
    inputs = [(name, typography(label), kind, typography(extra))
              for name, label, kind, extra in INPUTS]
    return _template.render(
        title="Votre commentaire n’a pas pu être envoyé", errors=shown, fields=fields or {},
        form=bool(fields and fields.get("post")), inputs=inputs, action=action, back=back,
    )
