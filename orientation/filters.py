"""Search and filtering of the public lists.

URL parameters are French and part of the public contract (bookmarks, shared links):
``territoire``, ``etape``, ``q``, ``type``, ``type_structure``, ``public``, ``secteur``,
``modalite``, ``gratuit``, ``statut``. ``format`` is reserved for the output format
(``json``/``csv``), which is why the delivery-format filter is called ``modalite``.
"""

import django_filters
from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Case, F, Value, When

from essmap.cache import for_this_content
from programmes.models import (
    STAGE_FIELDS,
    Format,
    Programme,
    ProgrammeKind,
    ProgrammeStatus,
    Public,
    Sector,
    Stage,
    Structure,
    StructureKind,
)
from search.documents import vocabulary
from search.models import SearchSynonym
from search.query import TextQuery, corrected
from territories.forms import TerritoryField
from territories.models import attach_departements


class TerritoryFilter(django_filters.Filter):
    field_class = TerritoryField

    def filter(self, qs, value):
        if not value:
            return qs
        partly = self.parent.form.cleaned_data.get("partiel") if self.parent else False
        return qs.serving(value, partly=bool(partly))


class VocabularyField(django_filters.fields.MultipleChoiceField):
    def validate(self, value):
        # A NUL byte gets its own message, as in a text field, rather than being echoed back.
        for item in value:
            ProhibitNullCharactersValidator()(item)
        super().validate(value)


class VocabularyFilter(django_filters.MultipleChoiceFilter):
    field_class = VocabularyField


def _vocabulary_filter(model, label, **kwargs):
    """Values of a vocabulary (``model``) to tick; the choices are set on the form, all
    vocabularies read in one query (see ``DirectoryFilterSet.form``)."""
    vocabulary_filter = VocabularyFilter(
        choices=[], label=label, widget=forms.CheckboxSelectMultiple, **kwargs
    )
    vocabulary_filter.vocabulary = model
    return vocabulary_filter


def vocabulary_choices(models):
    """{model: [(value, label), …]} in each vocabulary's order, in one query."""
    parts = [
        model.objects.annotate(vocabulary=Value(i))
        .values_list("vocabulary", "order", "label", "value")
        .order_by()
        for i, model in enumerate(models)
    ]
    rows = sorted(parts[0].union(*parts[1:], all=True)) if parts else []
    choices = {model: [] for model in models}
    for i, _order, label, value in rows:
        choices[models[i]].append((value, label))
    return choices


# Parameters that do not choose entries by themselves (order, which statuses are shown, how a
# place is read, the words).
NOT_CHOOSING = {"q", "tri", "statut", "termines", "partiel"}


class DirectoryFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Mots-clés",
        method="filter_words",
        max_length=200,
        help_text="Par exemple : tiers-lieu, coopérative, bâtiment, agriculture, réfugiés.",
    )
    territoire = TerritoryFilter(
        label="Où ?",
        help_text="Commune, intercommunalité, département ou région : nom, code postal ou code.",
    )
    tri = django_filters.ChoiceFilter(
        label="Trier par",
        choices=[
            ("pertinence", "Pertinence"),
            ("distance", "Plus proche du territoire choisi"),
            ("nom", "Nom"),
            ("verifie", "Récemment vérifié"),
        ],
        method="keep",
        empty_label="Par défaut",
    )
    partiel = django_filters.BooleanFilter(
        label="Aussi ce qui ne couvre qu’une partie du territoire",
        method="keep",
        widget=forms.CheckboxInput(attrs={"value": "oui"}),
        help_text="Par exemple, pour un département : les dispositifs réservés à certaines de "
        "ses communes ou intercommunalités.",
    )
    rural = django_filters.BooleanFilter(
        label="Territoires ruraux",
        method="filter_rural",
        widget=forms.CheckboxInput(attrs={"value": "oui"}),
        help_text="Seulement les structures installées dans une commune rurale.",
    )
    public = _vocabulary_filter(Public, "Public", field_name="publics__value")
    secteur = _vocabulary_filter(Sector, "Secteur", field_name="sectors__value")

    # Where, when and what first; the rest folds away under "Plus de critères".
    main_fields = ["territoire", "etape", "q"]

    def __init__(self, *args, resolved_territories=None, vocabularies=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Typed territory -> matches, shared with the filtersets derived from this one
        # (facets, ways out): see TerritoryField.resolved.
        self.resolved_territories = {} if resolved_territories is None else resolved_territories
        # The vocabularies' choices, read once and shared the same way.
        self.vocabularies = vocabularies

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            form.order_fields(self.main_fields)
            form.fields["territoire"].resolved = self.resolved_territories
            vocabulary_filters = {
                name: f.vocabulary for name, f in self.filters.items() if hasattr(f, "vocabulary")
            }
            if self.vocabularies is None:
                models = list(dict.fromkeys(vocabulary_filters.values()))
                # Labels change only with the content: read once per content version.
                key = "vocabularies:" + ",".join(m._meta.label for m in models)
                by_label = for_this_content(
                    key, lambda: {m._meta.label: c for m, c in vocabulary_choices(models).items()}
                )
                self.vocabularies = {m: by_label[m._meta.label] for m in models}
            for name, model in vocabulary_filters.items():
                form.fields[name].choices = self.vocabularies[model]
        return self._form

    def derived(self, data):
        """The same search with other parameters, sharing what was already worked out: the
        territory looked up and the keywords analysed (typos included)."""
        other = type(self)(
            data,
            queryset=self.queryset,
            resolved_territories=self.resolved_territories,
            vocabularies=self.vocabularies,
        )
        other.text_query = self.text_query
        return other

    def main_and_more_fields(self):
        fields = list(self.form)
        return (
            [f for f in fields if f.name in self.main_fields],
            [f for f in fields if f.name not in self.main_fields],
        )

    def has_active_secondary_filter(self):
        return any(self.data.get(name) for name in self.filters if name not in self.main_fields)

    def active_criteria_count(self):
        """How many criteria the search applies (the order is none): said beside « Affiner »,
        which folds the filters on a phone."""
        getlist = getattr(self.data, "getlist", lambda name: [self.data.get(name)])
        return sum(1 for name in self.filters if name != "tri" and any(getlist(name)))

    # Without a choice: structures nearest first, programmes by relevance (see ordering()).
    default_order = "distance"

    def filter_rural(self, qs, name, value):
        return qs.in_rural_territory() if value else qs

    def keep(self, qs, name, value):
        return qs  # ordering is applied once every filter has run, see filter_queryset

    def filter_queryset(self, queryset):
        qs = self.apply_words(super().filter_queryset(queryset))
        territory = self.form.cleaned_data.get("territoire")
        if territory is not None:
            qs = self.annotate_for(qs, territory)
        # Keywords make relevance the default order, for structures too.
        default = "pertinence" if self.text_query else self.default_order
        return qs.order_by(*self.ordering(self.form.cleaned_data.get("tri") or default, territory))

    def annotate_for(self, qs, territory):
        return qs.with_distance_from(territory)

    def ordering(self, order, territory):
        nearest = F("distance_km").asc(nulls_last=True)
        if order == "verifie":
            return [F("verified_on").desc(nulls_last=True), "name", "pk"]
        keys = []
        if order == "pertinence" and self.text_query:
            if self.text_query.mode == "closest":
                keys.append(F("text_all").desc())
            keys.append(F("text_score").desc())
        if order in ("distance", "pertinence") and territory is not None:
            keys.append(nearest)
        return [*keys, "name", "pk"]

    # The analysed keywords, once filter_words ran; facet counts reuse it (see facets.py).
    text_query = None

    def filter_words(self, qs, name, value):
        if self.text_query is None:
            # Synonyms change only with the content: read once per content version.
            groups = for_this_content("synonym-groups", SearchSynonym.objects.groups)
            self.text_query = TextQuery.parse(value, groups)
        return qs  # applied once every other filter has run, see apply_words

    def apply_words(self, qs):
        """The person's words never make the answer worse. Entries matching all of them come
        first when there are enough (``ENOUGH``), words one letter off a known name read as
        that name; otherwise every entry the other criteria give is ranked by how many of the
        words it matches ("closest" mode, said on the page and in JSON) — so a sentence
        cannot empty a list that the place and stage alone fill."""
        query = self.text_query
        if not query:
            return qs
        if query.mode is None:
            query = self.decide(qs, query)
            self.text_query = query
        if query.mode == "all":
            return qs.matching(query)
        return qs.closest_to(query, required=query.required)

    # Fewer entries than this matching every word: rank by the words matched instead.
    ENOUGH = 3

    def decide(self, qs, query):
        if len(qs.matching(query).values("pk")[: self.ENOUGH]) >= self.ENOUGH:
            return query.decided("all")
        # Every published name and synonym: read once per content version, not per search.
        known = for_this_content("search-vocabulary", lambda: sorted(vocabulary()))
        corrections = corrected(query, known)
        if corrections:
            fixed = query.with_corrections(corrections)
            if qs.matching(fixed).values("pk")[:1]:
                return fixed.decided("all")
        return query.decided("closest", required=not self.narrowed())

    def narrowed(self):
        """Whether criteria other than the words choose the entries (a place, a stage…): then
        the closest entries include those matching none of the words, last."""
        data = self.form.cleaned_data
        return any(data.get(name) for name in self.filters if name not in NOT_CHOOSING)


class ProgrammeFilterSet(DirectoryFilterSet):
    etape = django_filters.MultipleChoiceFilter(
        label="Étape du projet",
        choices=Stage.choices,
        method="filter_stage",
        widget=forms.CheckboxSelectMultiple,
    )
    type = _vocabulary_filter(ProgrammeKind, "Type d’accompagnement", field_name="kind__value")
    type_structure = _vocabulary_filter(
        StructureKind, "Type de structure", method="filter_structure_kind"
    )
    modalite = _vocabulary_filter(Format, "Format", field_name="formats__value")
    gratuit = django_filters.ChoiceFilter(
        label="Coût",
        choices=[("oui", "Gratuit"), ("non", "Payant")],
        method="filter_free",
        empty_label="Indifférent",
    )
    statut = django_filters.MultipleChoiceFilter(
        field_name="status",
        label="Statut",
        choices=ProgrammeStatus.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Par défaut, les dispositifs terminés sont masqués.",
    )
    termines = django_filters.BooleanFilter(
        label="Inclure les dispositifs terminés",
        method="keep",
        widget=forms.CheckboxInput(attrs={"value": "oui"}),
    )

    class Meta:
        model = Programme
        fields = []

    def filter_queryset(self, queryset):
        # Ended programmes stay reachable, but only when asked for: nobody should be sent
        # to something that no longer runs without being told.
        data = self.form.cleaned_data
        if not data.get("statut") and not data.get("termines"):
            queryset = queryset.current()
        return super().filter_queryset(queryset)

    default_order = "pertinence"

    def annotate_for(self, qs, territory):
        return super().annotate_for(qs, territory).with_reach(territory)

    def ordering(self, order, territory):
        if order != "pertinence":
            return super().ordering(order, territory)
        # Relevance: the programmes open at most of the chosen stages, then the best text
        # match, then the most local coverage of the chosen place, then the nearest operator.
        keys = []
        stages = list(dict.fromkeys(self.form.cleaned_data.get("etape") or ()))
        if len(stages) > 1:
            keys.append(self.stage_match(stages).desc())
        local = [F("reach_scale").asc(nulls_last=True)] if territory is not None else []
        nearest = [F("distance_km").asc(nulls_last=True)] if territory is not None else []
        if self.text_query and self.text_query.mode == "closest":
            # Words rank within each reach, so that they never push the most local supports
            # of a place below national ones that merely share a word ("village", "projet").
            # The few entries containing every word come first, best text match first.
            all_words_score = Case(When(text_all=1, then=F("text_score")), default=Value(0.0))
            keys += [all_words_score.desc(), *local, F("text_score").desc(), *nearest]
        elif self.text_query:
            keys += [F("text_score").desc(), *local, *nearest]
        else:
            keys += [*local, *nearest]
        return [*keys, "name", "pk"]

    def filter_stage(self, qs, name, value):
        return qs.at_stage(*dict.fromkeys(value))

    @staticmethod
    def stage_match(stages):
        matches = [
            Case(When(**{STAGE_FIELDS[Stage(s)]: True}, then=Value(1)), default=Value(0))
            for s in stages
        ]
        total = matches[0]
        for match in matches[1:]:
            total = total + match
        return total

    def filter_structure_kind(self, qs, name, value):
        return qs.run_by_kind(*value) if value else qs

    def filter_free(self, qs, name, value):
        return qs.filter(is_free=(value == "oui")) if value else qs


class StructureFilterSet(DirectoryFilterSet):
    type = _vocabulary_filter(StructureKind, "Type de structure", field_name="kind__value")
    nearest_first_by_default = True

    class Meta:
        model = Structure
        fields = []


def ways_out(filterset, limit=8):
    """When a search finds nothing: nearby searches that do find something.

    Returns [(sentence, query string, count)]: the same search over the territories that contain
    the chosen one (département, région…), without each active criterion, and at the other
    stages. Each is counted (one count per way out, and only when there were no results).
    """
    data = filterset.data
    territory = filterset.form.cleaned_data.get("territoire")
    candidates = []
    if territory is not None:
        wider = sorted(
            (t for t in territory.containers.all() if t.scale > territory.scale),
            key=lambda t: t.scale,
        )
        attach_departements(wider[:2])  # their labels name them
        for container in wider[:2]:
            filterset.resolved_territories.setdefault(container.key, [container])
            candidates.append(
                (
                    f"Élargir à {container.label}",
                    {"territoire": container.key, "partiel": "oui"},
                )
            )
    if data.get("q"):
        candidates.append((f"Sans les mots-clés « {data['q'][:60]} »", {"q": None}))
    for name, field in filterset.form.fields.items():
        if name in ("territoire", "q", "etape", "tri", "partiel") or not data.get(name):
            continue
        candidates.append((f"Sans le critère « {field.label} »", {name: None}))
    chosen = set(data.getlist("etape")) if hasattr(data, "getlist") else set()
    if chosen:
        for stage in Stage:
            if stage not in chosen:
                candidates.append((f"À l’étape {stage.label.lower()}", {"etape": stage.value}))
    found = []
    for sentence, change in candidates[:limit]:
        query = data.copy()
        query.pop("page", None)
        for name, value in change.items():
            query.pop(name, None)
            if value is not None:
                query[name] = value
        other = filterset.derived(query)
        if "q" in change:
            other.text_query = None
        if other.is_valid():
            count = other.qs.count()
            if count:
                found.append((sentence, query.urlencode(), count))
    return found
