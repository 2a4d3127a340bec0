"""Who may open a page of « Ma structure », asked of ``members/access.py`` only: a person
signed in (else sent to the sign-in page, then back), member of the structure named in the
address (else 404: a slug guessed says nothing of whether the page exists), and a programme
only among those the structure operates."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404

from essmap.http import FriendlyHttp404
from members.access import can_edit
from programmes.models import Programme, Structure, StructureRole

# The sign-in page of structures' members (members/, the claims' pages), and its parameter.
SIGN_IN_PATH = "/connexion/"
NEXT_PARAMETER = "suite"
NOT_YOURS = "Aucune structure que vous tenez à jour à cette adresse."


def member_required(view):
    """Signed-in people only: the others go to the sign-in page, which brings them back."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), SIGN_IN_PATH, NEXT_PARAMETER)
        return view(request, *args, **kwargs)

    return wrapped


def kept_structure(request, slug):
    """The structure of ``slug`` if the person keeps it; 404 otherwise, the same answer
    whether the structure exists or not."""
    structure = Structure.objects.filter(slug=slug).select_related("kind", "commune").first()
    if structure is None or not can_edit(request.user, structure):
        raise FriendlyHttp404(NOT_YOURS)
    return structure


def operated_programme(structure, slug):
    """A programme ``structure`` operates, by its slug; 404 for any other programme."""
    return get_object_or_404(operated_programmes(structure), slug=slug)


def operated_programmes(structure):
    """Every programme ``structure`` operates, whatever its publication."""
    return Programme.objects.filter(
        structure_links__structure=structure,
        structure_links__role=StructureRole.OPERATOR,
    ).distinct()


def posted(request):
    """The form's data on a POST, even empty (an empty POST is a form sent without values,
    to be refused field by field, not shown again as new); None on a GET."""
    return request.POST if request.method == "POST" else None
