"""Outgoing e-mail, written as templates and sent by name (after healthchecks' hc/lib/emails.py).

An e-mail called ``name`` is templates in ``essmap/templates/emails/``:

- ``<name>-subject.txt``: the subject; white space (line breaks included) is collapsed to one
  line and ``EMAIL_SUBJECT_PREFIX`` put in front;
- ``<name>-body.txt``: the plain-text body (line breaks at its very end dropped, so the file's
  final newline does not matter);
- ``<name>-body.html``, optional: the same message in HTML, sent beside the text (a
  ``multipart/alternative`` message), rendered **with** autoescaping like any page.

Subject and text are rendered **without autoescaping** (plain text, nothing to escape: "&"
stays "&"). Messages go through the configured ``EMAIL_BACKEND``.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template


def absolute(path):
    """An address of the site as a link in an e-mail (``ESSMAP_SITE_URL`` and ``path``): the
    one way every e-mail of essmap writes its links."""
    return settings.ESSMAP_SITE_URL + path


def _render(template_name, context):
    # The engine's Template takes a Context, where autoescaping can be turned off for plain text.
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


def render(name, context):
    """The subject and body of the e-mail ``name`` for ``context``."""
    subject = " ".join(_render(f"emails/{name}-subject.txt", context).split())
    body = _render(f"emails/{name}-body.txt", context).rstrip("\n")
    return settings.EMAIL_SUBJECT_PREFIX + subject, body


def render_html(name, context):
    """The HTML body of the e-mail ``name``, or None when it has none."""
    try:
        template = get_template(f"emails/{name}-body.html")
    except TemplateDoesNotExist:
        return None
    return template.render(context)


def message(name, context, address, headers=None):
    """The e-mail ``name`` to ``address``, not sent: text, and HTML when the e-mail has it."""
    subject, body = render(name, context)
    email = EmailMultiAlternatives(subject, body, to=[address], headers=headers or {})
    html = render_html(name, context)
    if html is not None:
        email.attach_alternative(html, "text/html")
    return email


def send(name, context, to):
    """Send the e-mail ``name`` to each address of ``to``, one message each (recipients do
    not see one another's address). Returns the number sent; a backend error propagates."""
    messages = [message(name, context, address) for address in to]
    return get_connection().send_messages(messages) or 0
