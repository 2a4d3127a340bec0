"""/ma-structure/<slug>/fiche/: the structure's team edits its page. Published at once (but a
new name or a regional or national reach, which wait for a curator), each field marked
« déclaré par la structure », then reviewed (self_service/services.py)."""

from django.contrib import messages
from django.shortcuts import redirect, render

from programmes.models import Structure
from self_service import services
from self_service.access import kept_structure, member_required, posted
from self_service.forms import STRUCTURE_LINKS, StructureForm, split
from self_service.messages import said


@member_required
def edit_structure(request, slug):
    structure = kept_structure(request, slug)
    form = StructureForm(posted(request), instance=structure)
    if request.method == "POST" and form.is_valid():
        values, links = split(form, STRUCTURE_LINKS)
        # A fresh instance: the form's has its new values already, nothing would differ.
        entry = Structure.objects.get(pk=structure.pk)
        review = services.publish_changes(entry, request.user, values, links)
        messages.success(request, said(review))
        return redirect("self_service:dashboard", entry.slug)
    return render(
        request,
        "self_service/structure_form.html",
        {"structure": structure, "form": form},
        status=400 if form.errors else 200,
    )
