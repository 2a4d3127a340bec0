"""The search of one territory for a collectivity's own website: ``/widget/<code>/``, a light
page made to be framed anywhere (its own template, no third-party resource, links opening
essmap in a new window), and ``/integrer/``, where a collectivity picks its territory and
copies the ``<iframe>`` that shows it.

The widget searches with the programme list's own filters and ranking
(:class:`orientation.filters.ProgrammeFilterSet`), shows its first few results and links to
the full list on essmap. Only the widget may be framed: its answers replace the policy's
``frame-ancestors 'none'`` with ``*`` and are exempt from ``X-Frame-Options: DENY``; every
other page keeps both.
"""

from csp.decorators import csp_replace
from django import forms
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt

from essmap.cache import cached_for_visitors
from essmap.http import read_only, words_kept
from essmap.templatetags.french import in_place
from essmap.throttle import throttled
from orientation.filters import ProgrammeFilterSet
from orientation.parameters import HELP, Param, chosen_stages
from orientation.views.directory import territory_choices, territory_unknown
from orientation.views.lists import listed_programmes
from programmes.models import Stage
from territories.forms import TerritoryField
from territories.places import by_key_for_links, query_key

# A widget is a glimpse: the full list is one link away on essmap.
WIDGET_RESULTS = 10
# Height of the frame in the snippet, in pixels: the form and about four results without
# scrolling inside the frame on a phone.
WIDGET_HEIGHT = 640


def framable(view):
    """Let any site frame the view's answers (and only this view's)."""
    return xframe_options_exempt(csp_replace({"frame-ancestors": ["*"]})(view))


def widget_url(territory_key, stages=(), words=""):
    query = QueryDict(mutable=True)
    query.setlist(Param.STAGE, [Stage(stage).value for stage in stages])
    if words:
        query[Param.WORDS] = words
    url = reverse("orientation:widget", args=[territory_key])
    return f"{url}?{query.urlencode()}" if query else url


@framable
@read_only
@cached_for_visitors
@throttled
def widget(request, key):
    territory = by_key_for_links(key)
    if territory is None:
        # Inside the host's page: a small answer in the widget's own layout, not the site's.
        return render(request, "orientation/widget.html", {"unknown_key": key[:70]}, status=404)
    stages = chosen_stages(request.GET.getlist(Param.STAGE))
    typed = request.GET.get(Param.WORDS, "")
    words = words_kept(typed)
    # A long text: only its start is read, and the address says so (as the list's does).
    if territory.key != key or len(typed.strip()) > len(words):
        return redirect(widget_url(territory.key, stages, words), permanent=True)
    data = QueryDict(mutable=True)
    data[Param.TERRITORY] = query_key(territory)
    data.setlist(Param.STAGE, [stage.value for stage in stages])
    if words:
        data[Param.WORDS] = words
    filterset = ProgrammeFilterSet(
        data,
        queryset=listed_programmes(),
        resolved_territories={data[Param.TERRITORY]: [territory]},
    )
    valid = filterset.is_valid()
    results = list(filterset.qs[:WIDGET_RESULTS]) if valid else []
    count = filterset.qs.count() if valid and len(results) == WIDGET_RESULTS else len(results)
    stage_links = [
        {
            "label": "Toutes les étapes",
            "url": widget_url(territory.key, (), words),
            "current": not stages,
        },
        *(
            {
                "label": stage.label,
                "url": widget_url(territory.key, [stage], words),
                "current": stages == [stage],
            }
            for stage in Stage
        ),
    ]
    return render(
        request,
        "orientation/widget.html",
        {
            "territory": territory,
            "stages": stages,
            "stage_links": stage_links,
            "words": words,
            "errors": [] if valid else [e for es in filterset.errors.values() for e in es],
            "results": results,
            "count": count,
            "says_partial": getattr(filterset.text_query, "says_partial", False),
            "words_count": len(getattr(filterset.text_query, "groups", ())),
            "all_url": f"{reverse('orientation:programme_list')}?{data.urlencode()}",
        },
    )


class EmbedForm(forms.Form):
    territoire = TerritoryField(
        label="Votre territoire",
        required=True,
        help_text=HELP[Param.TERRITORY],
    )
    etape = forms.MultipleChoiceField(
        label="Étape choisie à l’ouverture (facultatif)",
        choices=Stage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Sans choix, le module montre toutes les étapes ; la personne peut en changer.",
    )


def frame_title(territory):
    """The frame's title, read aloud by screen readers on the host's page."""
    return f"Accompagnements de l’ESS {in_place(territory.name, territory.kind)}, avec essmap"


def attribute(value):
    """``value`` escaped once for a double-quoted attribute: only what would end it or start
    markup. (Django's escaping also turns « ' » into « &#x27; », unreadable in a code to copy.)"""
    return (
        str(value)
        .replace("&", "&amp;")
        .replace('"', "&quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def snippet(request, territory, stages):
    """The HTML a collectivity pastes into its page, as text (the page escapes it once to show
    it): a titled frame, full width."""
    source = request.build_absolute_uri(widget_url(territory.key, stages))
    return (
        f'<iframe src="{attribute(source)}" title="{attribute(frame_title(territory))}" '
        f'width="100%" height="{WIDGET_HEIGHT}" loading="lazy"></iframe>'
    )


@read_only
@cached_for_visitors
def embed(request):
    """``/integrer/``: a GET form (territory, stages), answered with the snippet and a preview.
    Without JavaScript the typed name is resolved here, with a list of choices when it is
    ambiguous, as the lists do."""
    form = EmbedForm(request.GET if Param.TERRITORY in request.GET else None)
    context = {"form": form}
    if form.is_bound and form.is_valid():
        territory = form.cleaned_data[Param.TERRITORY]
        stages = chosen_stages(form.cleaned_data[Param.STAGE])
        context |= {
            "territory": territory,
            "snippet": snippet(request, territory, stages),
            "preview_url": widget_url(territory.key, stages),
        }
    elif form.is_bound and Param.TERRITORY in form.errors:
        field = form.fields[Param.TERRITORY]
        context["territory_choices"] = territory_choices(field, request.GET)
        context["territory_unknown"] = territory_unknown(form.errors.as_data())
        context["territory_to_choose"] = bool(context["territory_choices"]) and all(
            error.code == "ambiguous" for error in form.errors.as_data()[Param.TERRITORY]
        )
    return render(request, "orientation/embed.html", context)
