"""The pages every French public-service site has: who publishes it (À propos, mentions
légales), what it keeps about people (données personnelles), how accessible it is
(accessibilité), how to reach its team (contact); and the favicon.

Who publishes and hosts essmap comes from the settings (``ESSMAP_PUBLISHER_NAME``…, read from
the environment); what is not set shows as « [à renseigner : …] » (see
``templatetags/publisher.py``), never as an invented name.
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.templatetags.static import static

from essmap.http import read_only


def publisher():
    """What the legal pages say of who runs the site; empty strings for what is not set."""
    return {
        "name": settings.ESSMAP_PUBLISHER_NAME,
        "address": settings.ESSMAP_PUBLISHER_ADDRESS,
        "director": settings.ESSMAP_PUBLICATION_DIRECTOR,
        "host_name": settings.ESSMAP_HOST_NAME,
        "host_address": settings.ESSMAP_HOST_ADDRESS,
        "email": settings.ESSMAP_CONTACT_EMAIL,
    }


def site_page(template):
    """A read-only page of ``essmap/templates/site/`` with the publisher's details. Not in the page
    cache: it reads no database, and a cached copy would keep an old publisher after the
    environment changes (the cache's key follows the content, not the settings)."""

    @read_only
    def view(request):
        context = {
            "publisher": publisher(),
            # How long what the personal data page lists is kept, as the settings say.
            "audience_days": settings.ESSMAP_AUDIENCE_RETENTION_DAYS,
            "update_request_days": settings.ESSMAP_UPDATE_REQUEST_RETENTION_DAYS,
        }
        return render(request, f"site/{template}.html", context)

    view.__name__ = view.__qualname__ = template.replace("-", "_")
    return view


about = site_page("a-propos")
legal_notice = site_page("mentions-legales")
personal_data = site_page("donnees-personnelles")
accessibility = site_page("accessibilite")
contact = site_page("contact")


@read_only
def favicon(request):
    """Browsers ask for ``/favicon.ico`` on their own: send them to the SVG icon, not a 404."""
    return redirect(static("favicon.svg"), permanent=True)
