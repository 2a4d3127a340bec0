"""Checks on the admin's entry forms: a regional editor stays within their territories; a new
structure is not saved over a likely duplicate without the curator saying so."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join

from curation.duplicates import likely_duplicates
from territories.models import Territory


class ScopedEntryForm(forms.ModelForm):
    """A regional editor's entry stays within their territories."""

    editor_scope = []

    def clean(self):
        cleaned = super().clean()
        inside = set(Territory.objects.within(*self.editor_scope).values_list("pk", flat=True))
        territories = list(cleaned.get("territories") or [])
        commune = cleaned.get("commune")
        outside = [t for t in territories if t.pk not in inside]
        if commune is not None and commune.pk not in inside:
            outside.append(commune)
        if outside:
            raise ValidationError(
                "Hors de votre périmètre : "
                + ", ".join(str(t) for t in outside)
                + ". Demandez à un administrateur."
            )
        if not territories and commune is None:
            raise ValidationError(
                "Indiquez au moins un territoire de votre périmètre (ou la commune du siège)."
            )
        return cleaned


class DuplicateCheckForm(forms.ModelForm):
    """Before a new structure is saved: likely duplicates, shown until the curator confirms."""

    not_a_duplicate = forms.BooleanField(
        label="Ce n’est pas un doublon",
        required=False,
        help_text="À cocher après avoir vérifié les fiches semblables signalées.",
    )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk or cleaned.get("not_a_duplicate") or not cleaned.get("name"):
            return cleaned
        similar = likely_duplicates(cleaned["name"], cleaned.get("commune"))
        if similar:
            raise ValidationError(
                format_html(
                    "Fiches semblables déjà présentes : {}. Vérifiez qu’il ne s’agit pas de la "
                    "même structure, puis cochez « Ce n’est pas un doublon ».",
                    format_html_join(
                        ", ",
                        '<a href="../{}/change/">{}</a>{}',
                        ((s.pk, s.name, f" ({s.commune})" if s.commune else "") for s in similar),
                    ),
                )
            )
        return cleaned
