"""« Ma sélection »: a one-page sheet of a few entries chosen for one caller
(docs/selection.md), and the link that adds an entry to it.

The address is the selection (``selection.address``). Between pages, without JavaScript, the
browser remembers the last selection shown in a cookie (``essmap_selection``, a session cookie
limited to ``/selection/``): the « Ajouter à ma sélection » link of a card, the same for every
visitor so that cached pages stay shared, goes to ``/selection/ajouter/?d=<slug>``, which adds
the entry to that remembered selection and redirects to its address. Nothing else reads it.
"""

from urllib.parse import quote

from django.db.models import Prefetch, Q
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

from audience import counts as audience
from audience.models import Event
from essmap.http import csv_response, requested_format, unknown_format
from programmes import contact
from programmes.models import Programme, PublicationStatus, Stage, Structure
from programmes.models.programmes import published_structure_links
from selection import address

COOKIE = "essmap_selection"
# A cookie holds about 4 kB: a longer remembered selection keeps its entries, not its note.
COOKIE_MAX = 3800

CSV_FIELDS = ["type", "name", "url", "stages", "structure", "contact", "how_to_apply", "next_steps"]


def _return_path(request):
    """``?retour=``: the page the visitor came from, offered as « Revenir »; only a path of
    this site (never another host: the link is followed as is)."""
    path = request.GET.get("retour", "")[:1000]
    if path.startswith("/") and url_has_allowed_host_and_scheme(path, allowed_hosts=None):
        return path
    return ""


def remembered(request):
    """The selection the browser last showed (the cookie), or an empty one."""
    return address.read(QueryDict(request.COOKIES.get(COOKIE, "")[:COOKIE_MAX]))


@require_safe
def add(request):
    """``/selection/ajouter/?d=<slug>`` (or ``s=``): the remembered selection with this entry,
    at its own address. Unknown slugs are let through: the page says what it did not find."""
    current = remembered(request)
    asked = address.read(request.GET)
    chosen = current.merged(asked)
    _count_added(request, asked, current)
    retour = _return_path(request)
    url = reverse("selection:sheet")
    # The address must stay within the site's limit: the way back goes first, then the entry
    # is not added and the page says why.
    query = chosen.query(retour=retour)
    if not address.fits(query):
        query = chosen.query()
    if not address.fits(query):
        query = current.query(plein="oui")
    return HttpResponseRedirect(f"{url}?{query}" if query else url)


def _count_added(request, asked, current):
    """Each structure added, or running a programme added, counted once a day per client
    (audience/): one query for their ids, only for a person's browser and new entries."""
    programmes = [s for s in asked.programmes if not current.contains("d", s)]
    structures = [s for s in asked.structures if not current.contains("s", s)]
    if not (programmes or structures) or not audience.from_a_person(request):
        return
    found = Structure.objects.published().filter(
        Q(slug__in=structures)
        | Q(
            programme_links__programme__slug__in=programmes,
            programme_links__programme__publication_status=PublicationStatus.PUBLISHED,
        )
    )
    audience.record(request, found.values_list("pk", flat=True).distinct(), Event.SELECTION)


def _entries(chosen):
    """The published programmes and structures of the selection, in its order, in four
    queries at most whatever their number (operators and their networks to call, next steps,
    structures with theirs)."""
    programmes = structures = {}
    if chosen.programmes:
        published = Programme.objects.published()
        programmes = {
            p.slug: p
            for p in published.filter(slug__in=chosen.programmes)
            .select_related("kind")
            .prefetch_related(
                published_structure_links(),
                Prefetch("next_steps", queryset=published.order_by("name")),
            )
        }
    if chosen.structures:
        structures = {
            s.slug: s
            for s in Structure.objects.published()
            .filter(slug__in=chosen.structures)
            .select_related("kind", "commune")
            .with_network_to_call()
            .with_programme_stages()
        }
    found_programmes = [programmes[s] for s in chosen.programmes if s in programmes]
    found_structures = [structures[s] for s in chosen.structures if s in structures]
    return found_programmes, found_structures


def _stage_labels(stages):
    return [Stage(stage).label.lower() for stage in stages]


def _rows(programmes, structures, request):
    absolute = request.build_absolute_uri
    for programme in programmes:
        found = contact.of_programme(programme)
        yield {
            "type": "dispositif",
            "name": programme.name,
            "url": absolute(programme.get_absolute_url()),
            "stages": _stage_labels(programme.stages),
            "structure": [s.name for s in programme.operators],
            "contact": found.as_text(absolute) if found else "",
            "how_to_apply": programme.how_to_apply,
            "next_steps": [step.name for step in programme.next_steps.all()],
        }
    for structure in structures:
        yield {
            "type": "structure",
            "name": structure.name,
            "url": absolute(structure.get_absolute_url()),
            "stages": _stage_labels(structure.served_stages),
            "structure": str(structure.kind),
            "contact": contact.of_structure(structure).as_text(absolute),
            "how_to_apply": "",
            "next_steps": [],
        }


def _notices(asked, found, full=False):
    """What the page could not show, said politely (singular and plural written out)."""
    notices = []
    missing = len(asked) - len(found) + asked.malformed
    if missing == 1:
        notices.append(
            "1 fiche de cette sélection n’a pas été trouvée (retirée de l’annuaire, pas encore "
            "publiée ou adresse incomplète) : elle n’est pas affichée."
        )
    elif missing:
        notices.append(
            f"{missing} fiches de cette sélection n’ont pas été trouvées (retirées de "
            "l’annuaire, pas encore publiées ou adresse incomplète) : elles ne sont pas "
            "affichées."
        )
    beyond = asked.beyond_limit
    if beyond:
        kept = (
            "1 fiche de plus n’a pas été gardée"
            if beyond == 1
            else f"{beyond} fiches de plus n’ont pas été gardées"
        )
        notices.append(
            f"Une sélection tient en {address.MAX_ENTRIES} fiches au plus : {kept}. "
            "Retirez-en une pour en ajouter une autre."
        )
    if full:
        notices.append(
            "L’adresse de cette sélection a atteint sa longueur maximale : retirez une fiche ou "
            "raccourcissez la note pour en ajouter une autre."
        )
    if asked.note_cut:
        notices.append(
            f"La note compte {asked.note_cut} caractères ; elle en tient {address.MAX_NOTE} "
            "au plus : seuls les premiers sont gardés."
        )
    return notices


def _mailto(share_url, programmes, structures, note):
    """A ``mailto:`` link whose subject and body carry the sheet's address (%20 for spaces:
    mail clients do not read « + »)."""
    names = [entry.name for entry in [*programmes, *structures]]
    body = "Bonjour,\n\nVoici les accompagnements de l’économie sociale et solidaire dont nous "
    body += "avons parlé :\n" + "".join(f"- {name}\n" for name in names)
    if note:
        body += f"\n{note}\n"
    body += f"\nLa fiche complète, avec comment les joindre : {share_url}\n"
    subject = "Accompagnements ESS : votre sélection"
    return f"mailto:?subject={quote(subject)}&body={quote(body)}"


@require_safe
def sheet(request):
    output = requested_format(request, ("html", "csv"))
    if output is None:
        return unknown_format(("html", "csv"))
    if not request.META.get("QUERY_STRING") and remembered(request):
        # « Ma sélection » in the header: the selection in progress, at its own address.
        query = remembered(request).query()
        return HttpResponseRedirect(f"{reverse('selection:sheet')}?{query}")
    # « Vider la sélection » (``?vider=oui``): nothing read, the cookie is then cleared.
    asked = address.Selection() if request.GET.get("vider") else address.read(request.GET)
    programmes, structures = _entries(asked)
    # From here on the selection is what was found: the links of the page (remove, share,
    # the remembered cookie) no longer carry what could not be shown.
    found = address.Selection(
        programmes=tuple(p.slug for p in programmes),
        structures=tuple(s.slug for s in structures),
        note=asked.note,
    )
    if output == "csv":
        return csv_response(
            f"essmap-selection-{timezone.localdate().isoformat()}",
            CSV_FIELDS,
            _rows(programmes, structures, request),
        )
    retour = _return_path(request)
    url = reverse("selection:sheet")

    def link(selection, **extra):
        query = selection.query(**extra)
        return f"{url}?{query}" if query else url

    share_url = request.build_absolute_uri(link(found))
    # On paper the note is printed as text: its address would be long to type, and longer
    # still once its accents are percent-encoded.
    paper_url = request.build_absolute_uri(link(address.Selection(*found.slugs_only())))

    def remove_url(kind, slug):
        rest = found.without(kind, slug)
        # Removing the last one empties the selection: a bare /selection/ would bring back
        # the remembered one.
        return link(rest, retour=retour) if len(rest) else link(rest, vider="oui", retour=retour)

    entries = [{"entry": p, "kind": "d", "remove_url": remove_url("d", p.slug)} for p in programmes]
    entries += [
        {"entry": s, "kind": "s", "remove_url": remove_url("s", s.slug)} for s in structures
    ]
    response = render(
        request,
        "selection/sheet.html",
        {
            "entries": entries,
            "selection": found,
            "notices": _notices(
                asked, [*programmes, *structures], full=request.GET.get("plein") == "oui"
            ),
            "note": found.note,
            "max_note": address.MAX_NOTE,
            "max_entries": address.MAX_ENTRIES,
            "retour": retour,
            "share_url": share_url,
            "paper_url": paper_url,
            "mailto": _mailto(share_url, programmes, structures, found.note),
            "csv_url": link(found, format="csv"),
            "empty_url": link(address.Selection(), vider="oui", retour=retour),
            "today": timezone.localdate(),
        },
    )
    # Personal: a caller's sheet is not for search engines.
    response["X-Robots-Tag"] = "noindex"
    _remember(request, response, found)
    return response


def _remember(request, response, selection):
    """Keep the selection shown for the next « Ajouter » (see the module's docstring)."""
    value = selection.query()
    if len(value) > COOKIE_MAX:
        value = address.Selection(selection.programmes, selection.structures).query()
    if value:
        response.set_cookie(
            COOKIE,
            value,
            path=reverse("selection:sheet"),
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    else:
        response.delete_cookie(COOKIE, path=reverse("selection:sheet"), samesite="Lax")
