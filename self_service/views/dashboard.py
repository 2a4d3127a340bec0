"""/ma-structure/: the structures a person keeps; /ma-structure/<slug>/: one structure's
dashboard — its page as published, its programmes, what waits for the curators."""

from django.shortcuts import redirect, render

from members.access import can_manage_members, structures_of
from self_service.access import kept_structure, member_required, operated_programmes
from self_service.models import ChangeReview, ReviewStatus


@member_required
def my_structures(request):
    structures = list(structures_of(request.user).select_related("kind", "commune"))
    if len(structures) == 1 and request.GET.get("liste") is None:
        # One structure: straight to it (the list stays at ?liste).
        return redirect("self_service:dashboard", structures[0].slug)
    return render(request, "self_service/my_structures.html", {"structures": structures})


@member_required
def dashboard(request, slug):
    structure = kept_structure(request, slug)
    programmes = operated_programmes(structure).order_by("name")
    waiting = (
        ChangeReview.objects.of_structure(structure)
        .filter(status=ReviewStatus.WAITING)
        .select_related("structure", "programme")
    )
    return render(
        request,
        "self_service/dashboard.html",
        {
            "structure": structure,
            "programmes": programmes,
            "waiting": waiting,
            "manages": can_manage_members(request.user, structure),
            # The team's page is the members app's (its invitations, its claims).
            "team_url": f"/ma-structure/{structure.slug}/equipe/",
        },
    )
