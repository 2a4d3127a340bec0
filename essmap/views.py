from django.http import Http404
from django.shortcuts import render

from programmes.filters import ProgrammeFilterSet
from programmes.models import STAGE_HELP, Programme, Structure


class FriendlyHttp404(Http404):
    """A 404 whose message is written for the visitor and may be shown as is."""


def home(request):
    form = ProgrammeFilterSet(queryset=Programme.objects.none()).form
    counts = {
        "programmes": Programme.objects.published().current().count(),
        "structures": Structure.objects.published().count(),
    }
    return render(
        request,
        "home.html",
        {"form": form, "stage_help": STAGE_HELP, "counts": counts},
    )


def page_not_found(request, exception=None):
    message = str(exception) if isinstance(exception, FriendlyHttp404) else ""
    return render(request, "404.html", {"message": message}, status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)
