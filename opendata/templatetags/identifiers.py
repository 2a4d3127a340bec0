from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def breakable(identifier):
    """A schema identifier (``code_postal``, ``creer-une-entreprise--…``) that a narrow screen
    may wrap after its ``_`` and ``-`` rather than in the middle of a word."""
    text = escape(identifier)
    # Escaped above; only <wbr> is added.
    return mark_safe(text.replace("_", "_<wbr>").replace("-", "-<wbr>"))  # noqa: S308
