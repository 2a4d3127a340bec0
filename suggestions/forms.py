"""The public's forms: propose a structure or a programme, report an error on an entry.

Every field has a length limit (the browser enforces it too, through ``maxlength``), and the
views refuse a request body larger than ``ESSMAP_SUGGESTION_MAX_BODY``. A honeypot field,
hidden from people and from assistive technology, catches robots that fill every field.
"""

from django import forms

from suggestions.models import Suggestion, SuggestionKind
from territories.forms import TerritoryField

HONEYPOT = "commentaire"

# Said once, under the legend of the fieldset that groups both contact fields.
CONTACT_HELP = (
    "Seulement pour vous poser une question si besoin. Votre nom et votre adresse ne sont "
    "jamais publiés."
)


class SuggestionBaseForm(forms.ModelForm):
    contact_help = CONTACT_HELP

    commentaire = forms.CharField(
        label="Ne remplissez pas ce champ : il sert à repérer les envois automatiques.",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"

    @property
    def visible_fields_list(self):
        return [field for field in self if field.name != HONEYPOT]

    def is_from_a_robot(self):
        """True when the honeypot holds anything (checked on the raw data, valid or not)."""
        return bool(self.data.get(HONEYPOT, "").strip())


class ProposalForm(SuggestionBaseForm):
    kind = forms.ChoiceField(
        label="Vous proposez",
        choices=[
            (SuggestionKind.STRUCTURE, "une structure (association, coopérative, réseau…)"),
            (SuggestionKind.PROGRAMME, "un dispositif (un accompagnement, un programme…)"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Indiquez s’il s’agit d’une structure ou d’un dispositif."},
    )
    territory = TerritoryField(
        label="Commune ou territoire (facultatif)",
        help_text="Où se trouve la structure, ou quel territoire le dispositif couvre : une "
        "commune, un département, une région…",
    )

    class Meta:
        model = Suggestion
        fields = [
            "kind",
            "name",
            "message",
            "website",
            "territory",
            "contact_name",
            "contact_email",
        ]
        labels = {
            "name": "Nom",
            "message": "Ce qu’elle ou il propose",
            "website": "Site web (facultatif)",
            "contact_name": "Votre nom",
            "contact_email": "Votre adresse électronique",
        }
        help_texts = {
            "name": "Le nom de la structure ou du dispositif, 200 caractères au plus.",
            "message": "Pour qui, à quelle étape du projet, comment y accéder, depuis quand… "
            "3 000 caractères au plus.",
            "website": "Adresse complète, par exemple https://www.exemple.fr",
            "contact_email": "Par exemple nom@exemple.fr",
        }
        error_messages = {
            "name": {"required": "Indiquez le nom de la structure ou du dispositif."},
            "message": {"required": "Décrivez en quelques mots ce qu’elle ou il propose."},
            "website": {"invalid": "Saisissez une adresse web complète, qui commence par https://"},
            "contact_email": {
                "invalid": "Saisissez une adresse électronique valide, par exemple nom@exemple.fr"
            },
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 8})}


class ReportForm(SuggestionBaseForm):
    class Meta:
        model = Suggestion
        fields = ["message", "website", "contact_name", "contact_email"]
        labels = {
            "message": "Qu’est-ce qui est inexact, manquant ou dépassé ?",
            "website": "Source (facultatif)",
            "contact_name": "Votre nom",
            "contact_email": "Votre adresse électronique",
        }
        help_texts = {
            "message": "Par exemple : nouvelle adresse, dispositif terminé, site web changé. "
            "Dites ce qu’il faudrait écrire à la place, 3 000 caractères au plus.",
            "website": "L’adresse d’une page qui confirme l’information, si vous en avez une.",
            "contact_email": "Par exemple nom@exemple.fr",
        }
        error_messages = {
            "message": {"required": "Décrivez l’erreur en quelques mots."},
            "website": {"invalid": "Saisissez une adresse web complète, qui commence par https://"},
            "contact_email": {
                "invalid": "Saisissez une adresse électronique valide, par exemple nom@exemple.fr"
            },
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 8})}
