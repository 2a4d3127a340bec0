"""Suggestions from the public: recording one, telling the moderators, accepting or rejecting.

- ``record`` stores a suggestion with a keyed hash of the sender's address (never the address)
  and emails the moderators: the addresses of ``ESSMAP_MODERATORS`` and the regional editors
  whose scope covers it (the ones who see it in their queue). A failed email is logged; the
  suggestion is kept.
- ``accept`` marks it accepted; for a new structure or programme it creates a draft entry
  prefilled from it (history records the creation and its reason) and links it — through
  ``programmes/writes.py``, the one write path.
- ``reject`` marks it refused with the curator's reason.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from curation import roles
from essmap import emails, privacy
from essmap.templatetags.french import french_date
from programmes import writes
from programmes.models import Programme, PublicationStatus, Structure, StructureKind
from suggestions.models import Suggestion, SuggestionKind, SuggestionStatus
from territories.models import TerritoryKind

logger = logging.getLogger(__name__)


def address_hash(request):
    """A keyed, non-reversible hash of the sender's address (:mod:`essmap.privacy`, the client
    address the rate limit counts): the same connection gives the same hash, and the address
    cannot be recovered from it."""
    return privacy.address_hash(request, "essmap.suggestion.address")


def record(suggestion, request):
    suggestion.submitter_ip_hash = address_hash(request)
    suggestion.save()
    notify_moderators(suggestion, request)
    return suggestion


def moderator_addresses(suggestion):
    """ESSMAP_MODERATORS, then the active regional editors with an email whose scope covers
    the suggestion, without duplicates (compared without case)."""
    addresses = list(settings.ESSMAP_MODERATORS)
    editors = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.REGIONAL_EDITOR)
        .exclude(email="")
        .filter(editor_scope__isnull=False)
        .prefetch_related("editor_scope__territories")
        .distinct()
    )
    this = Suggestion.objects.filter(pk=suggestion.pk)
    for editor in editors:
        scope = list(editor.editor_scope.territories.all())
        if scope and this.for_scope(scope).exists():
            addresses.append(editor.email)
    seen, unique = set(), []
    for address in addresses:
        if address.lower() not in seen:
            seen.add(address.lower())
            unique.append(address)
    return unique


def notification_context(suggestion, request):
    """What the moderators' e-mail (``essmap/templates/emails/suggestion_received-*.txt``)
    shows: the suggestion and absolute links to the entry concerned and to the admin. The
    sender's contact details stay in the admin."""
    entry = suggestion.entry
    admin_url = reverse("admin:suggestions_suggestion_change", args=[suggestion.pk])
    return {
        "suggestion": suggestion,
        "entry_url": request.build_absolute_uri(entry.get_absolute_url()) if entry else "",
        "admin_url": request.build_absolute_uri(admin_url),
    }


def notify_moderators(suggestion, request):
    addresses = moderator_addresses(suggestion)
    if not addresses:
        logger.warning(
            "Suggestion %s : aucun modérateur à prévenir (ESSMAP_MODERATORS).", suggestion.pk
        )
        return 0
    try:
        # One message each: moderators do not see one another's addresses.
        return emails.send(
            "suggestion_received", notification_context(suggestion, request), addresses
        )
    except Exception:  # the suggestion is stored and shown in the admin queue anyway
        logger.exception(
            "Suggestion %s : l’envoi du courriel aux modérateurs a échoué.", suggestion.pk
        )
        return 0


def _mark(suggestion, status, user):
    suggestion.status = status
    suggestion.reviewed_by = user
    suggestion.reviewed_at = timezone.now()


def _default_structure_kind():
    kind = StructureKind.objects.filter(value="autre").first()
    return kind or StructureKind.objects.order_by("order", "label").first()


@transaction.atomic
def accept(suggestion, user):
    """Accept a pending suggestion and return the entry the curator should edit next: the new
    draft for a proposal, the entry concerned for an error report (None if it was deleted)."""
    _mark(suggestion, SuggestionStatus.ACCEPTED, user)
    if suggestion.kind == SuggestionKind.ERROR:
        writes.save(suggestion, "Signalement accepté")
        return suggestion.entry
    territory = suggestion.territory
    fields = {
        "name": suggestion.name,
        "description": suggestion.message,
        "website": suggestion.website,
        "publication_status": PublicationStatus.DRAFT,
        "curator_notes": (
            f"Créée depuis la suggestion du public n° {suggestion.pk} reçue le "
            f"{french_date(suggestion.created_at, 'court')} : tout est à vérifier "
            "avant publication."
        ),
    }
    if suggestion.kind == SuggestionKind.STRUCTURE:
        entry = Structure(kind=_default_structure_kind(), **fields)
        if territory is not None and territory.kind == TerritoryKind.COMMUNE:
            entry.commune = territory
    else:
        entry = Programme(**fields)
    # One history record of the creation, with its territory.
    with writes.history_batch() as batch:
        writes.save(entry, f"Créé depuis la suggestion n° {suggestion.pk}", batch=batch)
        if territory is not None:
            writes.set_links(entry, "territories", [territory], new=True)
    # Its search document is rebuilt after commit, as for every write (search.indexing).
    if isinstance(entry, Structure):
        suggestion.structure = entry
    else:
        suggestion.programme = entry
    writes.save(suggestion, "Suggestion acceptée : brouillon créé")
    return entry


def reject(suggestion, user, reason):
    _mark(suggestion, SuggestionStatus.REJECTED, user)
    suggestion.rejection_reason = reason
    writes.save(suggestion, "Suggestion refusée")
    return suggestion
