"""The subscription form: an address, the search (hidden, as the list's query string) and the
same honeypot as the public's suggestion forms."""

from django import forms

from alerts.searches import MAX_QUERY

HONEYPOT = "commentaire"


class SubscriptionForm(forms.Form):
    email = forms.EmailField(
        label="Votre adresse électronique",
        max_length=254,
        help_text="Par exemple nom@exemple.fr. Elle ne sert qu’à ces envois, et disparaît dès "
        "que vous vous désabonnez.",
        error_messages={
            "required": "Indiquez l’adresse à laquelle recevoir les nouveaux dispositifs.",
            "invalid": "Saisissez une adresse électronique valide, par exemple nom@exemple.fr",
            "max_length": "Cette adresse est trop longue (254 caractères au plus).",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    recherche = forms.CharField(required=False, max_length=MAX_QUERY * 2, widget=forms.HiddenInput)
    commentaire = forms.CharField(
        label="Ne remplissez pas ce champ : il sert à repérer les envois automatiques.",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_from_a_robot(self):
        """True when the honeypot holds anything (checked on the raw data, valid or not)."""
        return bool(self.data.get(HONEYPOT, "").strip())
