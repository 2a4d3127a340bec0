"""The filter sets of the public lists: the URL contract (``orientation.parameters``) read into
a form and applied to the published entries.

Which entries a criterion chooses is said by the QuerySets' verbs (``serving``, ``at_stage``…);
how words are read is ``search.matching``'s, the order ``search.ranking``'s; the ways out of an
empty search are ``orientation.ways_out``.
"""

import django_filters
from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Value

from essmap.cache import for_this_content
from essmap.http import words_kept
from orientation.parameters import (
    HELP,
    LABELS,
    MAIN_FILTERS,
    NO,
    NOT_CHOOSING,
    YES,
    Param,
)
from programmes.models import (
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
from search import matching, ranking
from territories.forms import TerritoryField


class TerritoryFilter(django_filters.Filter):
    field_class = TerritoryField

    def filter(self, qs, value):
        if not value:
            return qs
        partly = self.parent.form.cleaned_data.get(Param.PARTLY) if self.parent else False
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


class WordsField(forms.CharField):
    """Keywords or a whole sentence: never refused for its length, its start is read
    (:func:`orientation.parameters.words_kept`). No ``maxlength`` on the input, which would
    cut a pasted description silently."""

    def to_python(self, value):
        return words_kept(super().to_python(value))


class WordsFilter(django_filters.CharFilter):
    field_class = WordsField


class DirectoryFilterSet(django_filters.FilterSet):
    # One filter per parameter, named as the address names it (orientation.parameters).
    q = WordsFilter(
        label=LABELS[Param.WORDS],
        method="filter_words",
        help_text=HELP[Param.WORDS],
    )
    territoire = TerritoryFilter(label=LABELS[Param.TERRITORY], help_text=HELP[Param.TERRITORY])
    tri = django_filters.ChoiceFilter(
        label=LABELS[Param.ORDER],
        choices=ranking.ORDER_CHOICES,
        method="keep",
        empty_label="Par défaut",
    )
    partiel = django_filters.BooleanFilter(
        label=LABELS[Param.PARTLY],
        method="keep",
        widget=forms.CheckboxInput(attrs={"value": YES}),
        help_text=HELP[Param.PARTLY],
    )
    rural = django_filters.BooleanFilter(
        label=LABELS[Param.RURAL],
        method="filter_rural",
        widget=forms.CheckboxInput(attrs={"value": YES}),
        help_text=HELP[Param.RURAL],
    )
    public = _vocabulary_filter(Public, LABELS[Param.PUBLIC], field_name="publics__value")
    secteur = _vocabulary_filter(Sector, LABELS[Param.SECTOR], field_name="sectors__value")

    # Where, when and what first; the rest folds away under "Plus de critères".
    main_fields = list(MAIN_FILTERS)

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
            form.fields[Param.TERRITORY].resolved = self.resolved_territories
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
        return sum(1 for name in self.filters if name != Param.ORDER and any(getlist(name)))

    # Without a choice: structures nearest first, programmes by relevance (see ordering()).
    default_order = ranking.NEAREST

    def filter_rural(self, qs, name, value):
        return qs.in_rural_territory() if value else qs

    def keep(self, qs, name, value):
        return qs  # ordering is applied once every filter has run, see filter_queryset

    def filter_queryset(self, queryset):
        qs = self.apply_words(super().filter_queryset(queryset))
        territory = self.form.cleaned_data.get(Param.TERRITORY)
        if territory is not None:
            qs = self.annotate_for(qs, territory)
        # Keywords make relevance the default order, for structures too.
        default = ranking.RELEVANCE if self.text_query else self.default_order
        order = self.form.cleaned_data.get(Param.ORDER) or default
        return qs.order_by(*self.ordering(order, territory))

    def annotate_for(self, qs, territory):
        return qs.with_distance_from(territory)

    def ordering(self, order, territory):
        return ranking.entry_order(order, territory, self.text_query)

    # The analysed keywords, once filter_words ran; facet counts reuse it (see facets.py).
    text_query = None

    def filter_words(self, qs, name, value):
        if self.text_query is None:
            self.text_query = matching.parse(value)
        return qs  # applied once every other filter has run, see apply_words

    def apply_words(self, qs):
        """The words read as ``search.matching`` says (all of them, or the closest entries);
        the decision is kept, so the facets and ways out read the words the same way."""
        qs, self.text_query = matching.apply(qs, self.text_query, self.narrowed)
        return qs

    def narrowed(self):
        """Whether criteria other than the words choose the entries (a place, a stage…): then
        the closest entries include those matching none of the words, last."""
        data = self.form.cleaned_data
        return any(data.get(name) for name in self.filters if name not in NOT_CHOOSING)


class ProgrammeFilterSet(DirectoryFilterSet):
    etape = django_filters.MultipleChoiceFilter(
        label=LABELS[Param.STAGE],
        choices=Stage.choices,
        method="filter_stage",
        widget=forms.CheckboxSelectMultiple,
    )
    type = _vocabulary_filter(ProgrammeKind, LABELS[Param.KIND], field_name="kind__value")
    type_structure = _vocabulary_filter(
        StructureKind, LABELS[Param.STRUCTURE_KIND], method="filter_structure_kind"
    )
    modalite = _vocabulary_filter(Format, LABELS[Param.DELIVERY], field_name="formats__value")
    gratuit = django_filters.ChoiceFilter(
        label=LABELS[Param.FREE],
        choices=[(YES, "Gratuit"), (NO, "Payant")],
        method="filter_free",
        empty_label="Indifférent",
    )
    statut = django_filters.MultipleChoiceFilter(
        field_name="status",
        label=LABELS[Param.STATUS],
        choices=ProgrammeStatus.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=HELP[Param.STATUS],
    )
    termines = django_filters.BooleanFilter(
        label=LABELS[Param.ENDED],
        method="keep",
        widget=forms.CheckboxInput(attrs={"value": YES}),
    )

    class Meta:
        model = Programme
        fields = []

    def filter_queryset(self, queryset):
        # Ended programmes stay reachable, but only when asked for: nobody should be sent
        # to something that no longer runs without being told.
        data = self.form.cleaned_data
        if not data.get(Param.STATUS) and not data.get(Param.ENDED):
            queryset = queryset.current()
        return super().filter_queryset(queryset)

    default_order = ranking.RELEVANCE

    def annotate_for(self, qs, territory):
        return super().annotate_for(qs, territory).with_reach(territory)

    def ordering(self, order, territory):
        stages = self.form.cleaned_data.get(Param.STAGE)
        return ranking.programme_order(order, territory, self.text_query, stages)

    def filter_stage(self, qs, name, value):
        return qs.at_stage(*dict.fromkeys(value))

    def filter_structure_kind(self, qs, name, value):
        return qs.run_by_kind(*value) if value else qs

    def filter_free(self, qs, name, value):
        return qs.filter(is_free=(value == YES)) if value else qs


class StructureFilterSet(DirectoryFilterSet):
    type = _vocabulary_filter(StructureKind, LABELS[Param.STRUCTURE_KIND], field_name="kind__value")
    nearest_first_by_default = True

    class Meta:
        model = Structure
        fields = []
