"""The publisher's details on the legal pages: a value set in the settings, or a visible
placeholder saying what is missing (a legal notice must never show an invented name)."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def or_to_fill(value, what):
    """``value``, or « [à renseigner : what] » marked for the eye and for tests."""
    if value:
        return value
    return format_html('<span class="to-fill">[à renseigner : {}]</span>', what)


@register.filter
def email_or_to_fill(value, what):
    """A ``mailto:`` link to ``value``, or the placeholder."""
    if value:
        return format_html('<a href="mailto:{}">{}</a>', value, value)
    return or_to_fill(value, what)
