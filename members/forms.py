"""The members app's forms, with their French messages."""

from django import forms

from members.models import Role

EMAIL_MESSAGES = {
    "required": "Indiquez votre adresse électronique.",
    "invalid": "Saisissez une adresse électronique valide, par exemple nom@exemple.fr",
    "max_length": "Cette adresse est trop longue (254 caractères au plus).",
}
HONEYPOT = "commentaire"


def email_field(label, help_text=""):
    return forms.EmailField(
        label=label,
        max_length=254,
        help_text=help_text,
        error_messages=EMAIL_MESSAGES,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class HoneypotMixin:
    def is_from_a_robot(self):
        return bool(self.data.get(HONEYPOT, "").strip())


def honeypot():
    return forms.CharField(
        label="Ne remplissez pas ce champ : il sert à repérer les envois automatiques.",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


class SignInForm(HoneypotMixin, forms.Form):
    email = email_field(
        "Votre adresse électronique", "Celle avec laquelle votre équipe vous a inscrit."
    )
    commentaire = honeypot()


class ClaimForm(HoneypotMixin, forms.Form):
    name = forms.CharField(
        label="Votre nom",
        max_length=150,
        error_messages={
            "required": "Indiquez votre nom.",
            "max_length": "Ce nom est trop long (150 caractères au plus).",
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = email_field(
        "Votre adresse électronique professionnelle",
        "Une adresse au nom de domaine de la structure (celui de son site) est acceptée tout "
        "de suite ; une autre est vérifiée par une personne.",
    )
    consent = forms.BooleanField(
        label="J’accepte qu’essmap conserve mon nom et mon courriel pour traiter cette demande.",
        help_text="Ils ne sont vus que par les gestionnaires de la fiche et les curateurs "
        "d’essmap, jamais publiés, et effacés un an après la décision, ou avec votre compte.",
        error_messages={"required": "Cochez la case pour que la demande puisse être traitée."},
    )
    commentaire = honeypot()


class InvitationForm(forms.Form):
    email = email_field("Courriel de votre collègue")
    role = forms.ChoiceField(
        label="Rôle",
        choices=Role.choices,
        initial=Role.EDITOR,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez un rôle.",
            "invalid_choice": "Choisissez gestionnaire ou éditeur.",
        },
    )


class IdField(forms.RegexField):
    """A row's id in a hidden field: ASCII digits only (IntegerField reads « １ » as 1)."""

    def __init__(self):
        super().__init__(regex=r"^[1-9][0-9]{0,9}\Z", widget=forms.HiddenInput)

    def clean(self, value):
        return int(super().clean(value))


class DecisionForm(forms.Form):
    claim = IdField()
    decision = forms.ChoiceField(choices=[("accept", "Accepter"), ("refuse", "Refuser")])
    role = forms.ChoiceField(choices=Role.choices, initial=Role.EDITOR, required=False)


class RemovalForm(forms.Form):
    membership = IdField()


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label="Je comprends que mon compte et mes adhésions seront supprimés, sans retour.",
        error_messages={"required": "Cochez la case pour confirmer la suppression."},
    )
