"""Outgoing e-mail, written as templates and sent by name (after healthchecks' hc/lib/emails.py).

An e-mail called ``name`` is two templates in ``templates/emails/``:

- ``<name>-subject.txt``: the subject; white space (line breaks included) is collapsed to one
  line and ``EMAIL_SUBJECT_PREFIX`` put in front;
- ``<name>-body.txt``: the plain-text body (line breaks at its very end dropped, so the file's
  final newline does not matter).

Both are rendered **without autoescaping** (plain text, nothing to escape: "&" stays "&");
there is no HTML part. Messages go through the configured ``EMAIL_BACKEND``.
"""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template import Context
from django.template.loader import get_template


def _render(template_name, context):
    # The engine's Template takes a Context, where autoescaping can be turned off for plain text.
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


def render(name, context):
    """The subject and body of the e-mail ``name`` for ``context``."""
    subject = " ".join(_render(f"emails/{name}-subject.txt", context).split())
    body = _render(f"emails/{name}-body.txt", context).rstrip("\n")
    return settings.EMAIL_SUBJECT_PREFIX + subject, body


def send(name, context, to):
    """Send the e-mail ``name`` to each address of ``to``, one message each (recipients do
    not see one another's address). Returns the number sent; a backend error propagates."""
    subject, body = render(name, context)
    messages = [EmailMessage(subject, body, to=[address]) for address in to]
    return get_connection().send_messages(messages) or 0
