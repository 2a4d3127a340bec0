"""Error pages of the whole site."""

from django.shortcuts import render

from essmap.http import FriendlyHttp404


def page_not_found(request, exception=None):
    message = str(exception) if isinstance(exception, FriendlyHttp404) else ""
    return render(request, "404.html", {"message": message}, status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)
