"""/ma-structure/<slug>/dispositifs/…: the structure's team creates a programme (published at
once within the structure's own territories, else when a curator approves it) and edits or
ends those it operates."""

from django.contrib import messages
from django.shortcuts import redirect, render

from programmes.models import Programme, PublicationStatus
from self_service import services
from self_service.access import kept_structure, member_required, operated_programme, posted
from self_service.forms import PROGRAMME_LINKS, ProgrammeForm, split
from self_service.messages import said

CREATED = "Le dispositif est publié. Un curateur le relira."
CREATED_WAITING = (
    "Le dispositif est enregistré. Il couvre une région ou la France entière que votre "
    "structure ne couvre pas : il sera publié après la relecture d’un curateur ; vous pouvez "
    "encore le modifier d’ici là."
)


@member_required
def new_programme(request, slug):
    structure = kept_structure(request, slug)
    form = ProgrammeForm(posted(request), instance=Programme())
    if request.method == "POST" and form.is_valid():
        values, links = split(form, PROGRAMME_LINKS)
        programme = services.create_programme(structure, request.user, values, links)
        published = programme.publication_status == PublicationStatus.PUBLISHED
        messages.success(request, CREATED if published else CREATED_WAITING)
        return redirect("self_service:dashboard", structure.slug)
    return render(
        request,
        "self_service/programme_form.html",
        {"structure": structure, "form": form, "programme": None},
        status=400 if form.errors else 200,
    )


@member_required
def edit_programme(request, slug, programme_slug):
    structure = kept_structure(request, slug)
    programme = operated_programme(structure, programme_slug)
    form = ProgrammeForm(posted(request), instance=programme)
    if request.method == "POST" and form.is_valid():
        values, links = split(form, PROGRAMME_LINKS)
        entry = Programme.objects.get(pk=programme.pk)
        review = services.publish_changes(entry, request.user, values, links)
        messages.success(request, said(review))
        return redirect("self_service:dashboard", structure.slug)
    return render(
        request,
        "self_service/programme_form.html",
        {"structure": structure, "form": form, "programme": programme},
        status=400 if form.errors else 200,
    )
