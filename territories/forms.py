from django import forms

from territories.models import Territory

MAX_LENGTH = 120


class TerritoryField(forms.CharField):
    """A territory typed by a person: its public key (53147, dep-53…) or its exact name.

    Cleans to a :class:`Territory`; unknown or ambiguous input is a validation error in
    plain French, so list views show a message instead of failing.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_LENGTH)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        territory = Territory.objects.by_key(value)
        if territory:
            return territory
        matches = list(Territory.objects.filter(name__iexact=value.strip())[:6])
        if len(matches) == 1:
            return matches[0]
        if matches:
            names = ", ".join(t.label for t in matches[:5])
            raise forms.ValidationError(
                f"Plusieurs territoires s’appellent « {value} » ({names}) : "
                "précisez avec le code du territoire.",
                code="ambiguous",
            )
        raise forms.ValidationError(
            f"Aucun territoire ne correspond à « {value} ». Saisissez le nom exact d’une commune, "
            "d’une intercommunalité, d’un département ou d’une région, ou son code.",
            code="unknown",
        )

    def prepare_value(self, value):
        if isinstance(value, Territory):
            return value.key
        return value
