"""Checks every model shares: no NUL character (U+0000) in a text.

SQLite stores one, PostgreSQL refuses it with an error (a 500, an import stopped by a
traceback). Django's form fields already refuse it; the models did not, so a write that does
not go through a form (programmes/writes.py, the imports) stored on one database what the
other refused. Mixed into the models, ``full_clean`` — which every write path calls — refuses
it on both, with a French message. A mixin rather than a validator on each field: the same
check for every text field, present and future, without a migration."""

from django.core.exceptions import ValidationError
from django.db import models

NUL = "\x00"
NUL_MESSAGE = (
    "Le texte contient un caractère nul (U+0000), que la base de données refuse : retirez-le."
)


def has_nul(value):
    """Whether ``value`` — a text, or a list or dict of them, at any depth — holds a NUL."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, list | tuple):
        return any(has_nul(item) for item in value)
    if isinstance(value, dict):
        return any(has_nul(key) or has_nul(item) for key, item in value.items())
    return False


class RefusesNulCharacters:
    """For a model: ``clean_fields`` also refuses a NUL character in any text field."""

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if exclude and field.name in exclude or field.name in errors:
                continue
            if isinstance(field, models.CharField | models.TextField) and has_nul(
                getattr(self, field.attname)
            ):
                errors[field.name] = [ValidationError(NUL_MESSAGE, code="null_characters")]
        if errors:
            raise ValidationError(errors)
