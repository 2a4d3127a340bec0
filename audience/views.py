"""The contact links of a structure's page, counted: ``/structures/<slug>/contact/<kind>/``.

The page's links keep their real address (``tel:``, ``mailto:``, the website): a person may copy
them, and they work without JavaScript. A small script (``js/audience.js``) sends a POST beacon
here on click, answered 204. A GET (a browser without the beacon, a link shared) counts the
same, then goes to the structure's **own recorded** contact: the address never says where to
go, so this is no open redirect; a structure without that contact, or not published, is a 404.
"""

from django.http import HttpResponse, HttpResponseRedirect
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from audience import counts
from audience.models import Event
from essmap.http import FriendlyHttp404
from programmes.models import Structure

KINDS = {"telephone": Event.PHONE, "courriel": Event.EMAIL, "site": Event.WEBSITE}


class ContactRedirect(HttpResponseRedirect):
    allowed_schemes = ["http", "https", "tel", "mailto"]


def _target(structure, kind):
    if kind == "telephone" and structure.phone:
        return f"tel:{structure.phone.as_e164}"
    if kind == "courriel" and structure.email:
        return f"mailto:{structure.email}"
    if kind == "site" and structure.website.startswith(("https://", "http://")):
        return structure.website
    return ""


# No CSRF token: a beacon carries none, and all it may do is add one to a counter, once per
# client and day (audience.counts.record).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def contact(request, slug, kind):
    event = KINDS.get(kind)
    structure = Structure.objects.published().filter(slug=slug).first() if event else None
    target = _target(structure, kind) if structure else ""
    if not target:
        raise FriendlyHttp404("Cette structure n’a pas ce moyen de contact recensé.")
    if counts.from_a_person(request):
        counts.record(request, [structure.pk], event)
    response = HttpResponse(status=204) if request.method == "POST" else ContactRedirect(target)
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "no-store"
    return response
