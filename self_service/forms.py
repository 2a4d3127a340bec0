"""The forms of « Ma structure »: a structure's page and its programmes, in the structure's
words. Validation is the model's (``full_clean``, through ``ModelForm``), so a structure's team
and the curators obey the same rules; every refusal is said in French."""

from urllib.parse import urlparse

from django import forms
from django.core.exceptions import ValidationError

from programmes.models import Programme, ProgrammeStatus, Structure
from programmes.models.vocabularies import STAGE_FIELDS
from territories.forms import TerritoryField
from territories.models import Territory, TerritoryKind

STRUCTURE_FIELDS = [
    "name",
    "description",
    "website",
    "phone",
    "email",
    "address",
    "postcode",
    "general_stage_idee",
    "general_stage_creation",
    "general_stage_developpement",
    "publics",
    "sectors",
]
PROGRAMME_FIELDS = [
    "name",
    "description",
    "website",
    "stage_idee",
    "stage_creation",
    "stage_developpement",
    "is_free",
    "cost_details",
    "duration",
    "eligibility",
    "how_to_apply",
    "publics",
    "sectors",
    "formats",
    "status",
    "start_year",
    "end_year",
]
COST_CHOICES = [("", "Non précisé"), ("true", "Gratuit"), ("false", "Payant")]
NAME_HELP = (
    "Un changement de nom est publié après la relecture d’un curateur ; le reste de la fiche "
    "l’est aussitôt."
)
TERRITORY_HELP = (
    "Une commune, une intercommunalité, un département… Ajouter une région ou la France "
    "entière attend la relecture d’un curateur."
)
NEW_PROGRAMME_TERRITORY_HELP = (
    "Une commune, une intercommunalité, un département… Avec une région ou la France entière "
    "que votre structure ne couvre pas elle-même, le dispositif n’est publié qu’après la "
    "relecture d’un curateur."
)


def _checkboxes(form, *names):
    for name in names:
        if name in form.fields:
            form.fields[name].widget = forms.CheckboxSelectMultiple(
                choices=form.fields[name].choices
            )


class TerritoriesMixin:
    """Territories served as a person edits them without JavaScript: the current ones as
    boxes to keep (unticked: removed), and one more to add, typed with the territory
    autocomplete. ``territory_list`` is what the entry will serve."""

    def _territory_fields(self, current):
        self.fields["keep_territories"] = forms.ModelMultipleChoiceField(
            label="Territoires couverts (décochez pour retirer)",
            queryset=current,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            initial=list(current),
        )
        self.fields["keep_territories"].label_from_instance = lambda t: t.label
        self.fields["add_territory"] = TerritoryField(
            label="Ajouter un territoire", help_text=TERRITORY_HELP
        )

    @property
    def territory_list(self):
        kept = list(self.cleaned_data.get("keep_territories") or [])
        added = self.cleaned_data.get("add_territory")
        return kept + ([added] if added and added not in kept else [])


class StructureForm(TerritoriesMixin, forms.ModelForm):
    commune = TerritoryField(
        label="Commune du siège",
        help_text="Son nom ou son code postal ; choisissez dans la liste proposée.",
    )

    class Meta:
        model = Structure
        fields = STRUCTURE_FIELDS
        labels = {
            "name": "Nom",
            "description": "Présentation",
            "website": "Site web",
            "phone": "Téléphone",
            "email": "Courriel",
            "address": "Adresse (numéro et rue)",
            "postcode": "Code postal",
            "general_stage_idee": "Idée",
            "general_stage_creation": "Création",
            "general_stage_developpement": "Développement",
        }
        help_texts = {
            "name": NAME_HELP,
            "website": "Son adresse complète, ex. https://www.exemple.fr/",
            "phone": "Ex. 02 43 12 34 56",
            "email": "Une adresse de la structure, qui sera publiée.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _checkboxes(self, "publics", "sectors")
        self.initial.setdefault("commune", self.instance.commune)
        self._territory_fields(self.instance.territories.all())

    def clean_commune(self):
        commune = self.cleaned_data.get("commune")
        if commune is not None and commune.kind != TerritoryKind.COMMUNE:
            raise ValidationError(
                f"« {commune.label} » n’est pas une commune : saisissez la commune du siège."
            )
        return commune


class ProgrammeForm(TerritoriesMixin, forms.ModelForm):
    is_free = forms.TypedChoiceField(
        label="Coût pour la personne accompagnée",
        choices=COST_CHOICES,
        coerce=lambda value: value == "true",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    add_next_step = forms.CharField(
        label="Ajouter une suite du parcours (« Et après ? »)",
        help_text="L’adresse de la fiche d’un dispositif publié sur essmap, ou son nom exact.",
        required=False,
        max_length=300,
    )

    class Meta:
        model = Programme
        fields = PROGRAMME_FIELDS
        labels = {
            "name": "Nom du dispositif",
            "description": "Présentation",
            "website": "Site web du dispositif",
            "stage_idee": "Idée",
            "stage_creation": "Création",
            "stage_developpement": "Développement",
            "cost_details": "Précisions sur le coût",
            "duration": "Durée",
            "eligibility": "Conditions d’accès",
            "how_to_apply": "Comment y accéder (candidater, prendre rendez-vous…)",
            "status": "Statut",
            "start_year": "Année de début",
            "end_year": "Année de fin",
        }
        help_texts = {
            "name": NAME_HELP,
            "status": "Un dispositif terminé reste présenté pour mémoire : indiquez son année "
            "de fin.",
        }
        widgets = {"status": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _checkboxes(self, "publics", "sectors", "formats")
        if self.instance.pk is None:
            # A new programme's name is published with it (at once, or with the programme when
            # a curator approves its regional or national reach).
            self.fields["name"].help_text = ""
            self.fields["status"].initial = ProgrammeStatus.ACTIVE
            self._territory_fields(Territory.objects.none())
            self.fields["add_territory"].help_text = NEW_PROGRAMME_TERRITORY_HELP
            current_steps = Programme.objects.none()
        else:
            self._territory_fields(self.instance.territories.all())
            current_steps = self.instance.next_steps.all()
        self.fields["keep_next_steps"] = forms.ModelMultipleChoiceField(
            label="Suites du parcours (décochez pour retirer)",
            queryset=current_steps,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            initial=list(current_steps),
        )
        self.fields["is_free"].initial = {True: "true", False: "false"}.get(
            self.instance.is_free, ""
        )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(field) for field in STAGE_FIELDS.values()):
            self.add_error(None, "Cochez au moins une étape du projet.")
        return cleaned

    def clean_add_next_step(self):
        value = self.cleaned_data.get("add_next_step", "").strip()
        if not value:
            return None
        published = Programme.objects.published()
        path = urlparse(value).path if "/" in value else ""
        slug = path.rstrip("/").rsplit("/", 1)[-1] if path else ""
        found = published.filter(slug=slug).first() if slug else None
        found = found or published.filter(name__iexact=value).first()
        if found is None:
            raise ValidationError(
                f"Aucun dispositif publié ne correspond à « {value} » : collez l’adresse de sa "
                "fiche sur essmap, ou son nom exact."
            )
        if found.pk == self.instance.pk:
            raise ValidationError("Un dispositif ne peut pas être sa propre suite.")
        return found

    @property
    def next_step_list(self):
        kept = list(self.cleaned_data.get("keep_next_steps") or [])
        added = self.cleaned_data.get("add_next_step")
        return kept + ([added] if added and added not in kept else [])


def split(form, link_names):
    """(values, links) of a valid form: the model's plain fields as cleaned, and its lists of
    links (territories and next steps as the form composes them)."""
    values = {
        name: form.cleaned_data[name]
        for name in form._meta.fields
        if name not in link_names and name in form.cleaned_data
    }
    if "commune" in form.fields:
        values["commune"] = form.cleaned_data.get("commune")
    links = {name: list(form.cleaned_data.get(name) or []) for name in link_names}
    links["territories"] = form.territory_list
    if isinstance(form, ProgrammeForm):
        links["next_steps"] = form.next_step_list
    return values, links


STRUCTURE_LINKS = ("publics", "sectors")
PROGRAMME_LINKS = ("publics", "sectors", "formats")
