"""The writes of « Ma structure », each through ``programmes/writes.py`` in one transaction, with
its author and a reason in the history, then one :class:`ChangeReview` for the curators; and the
curators' decisions on them (seen, approved, refused, previous version restored).

A change is published at once, then reviewed — but for what waits for a curator first
(``withheld``): a new name (the name is how people find and trust a page), a regional or
national territory (a local structure would otherwise appear everywhere), and a new programme
naming a région or « France entière » its structure does not serve itself (created
unpublished, for the same reason). A new programme within the structure's own territories is
published at once: the issue's path is « the programme appears in a search at once »."""

from django.db import transaction
from django.utils import timezone

from curation.history import restore, team_reason
from members.models import Membership
from programmes import writes
from programmes.models import Programme, PublicationStatus, Structure, StructureRole
from self_service.models import ChangeReview, ReviewStatus
from territories.models import Territory, TerritoryKind

# What a team's write says in the history, after « Par l’équipe de la structure (rôle) »
# (curation.history.team_reason): the role stays readable once the account is deleted.
CHANGED_BY_STRUCTURE = "modification publiée"
CREATED_BY_STRUCTURE = "dispositif créé (en attente d’approbation)"
PUBLISHED_BY_STRUCTURE = "dispositif créé et publié"
APPROVED = "Approuvée par les curateurs (modification de la structure)"
RESTORED = "Version précédente restaurée (modification de la structure)"
UNPUBLISHED = "Retiré du site par les curateurs (nouveau dispositif de la structure)"
# Territories whose addition waits for a curator.
WIDE_KINDS = (TerritoryKind.COUNTRY, TerritoryKind.REGION)


def latest_version(entry):
    """The ``history_id`` of the entry's newest history record, or None."""
    return (
        type(entry)
        .history.filter(id=entry.pk)
        .order_by("-history_date", "-history_id")
        .values_list("history_id", flat=True)
        .first()
    )


def _review(entry, before, after, withheld, author, status):
    key = "programme" if isinstance(entry, Programme) else "structure"
    return ChangeReview.objects.create(
        **{key: entry},
        before_version=before,
        after_version=after,
        withheld=withheld,
        author=author,
        status=status,
    )


@transaction.atomic
def team_write_reason(user, entry, what):
    """The history reason of ``user``'s write of ``entry`` (a structure, or a programme of
    one of theirs), with their role in that structure's team."""
    structures = [entry] if isinstance(entry, Structure) else list(entry.structures.all())
    found = Membership.objects.of_user(user).filter(structure__in=structures).first()
    return team_reason(found.role if found else "manager", what)


def publish_changes(entry, user, values, links):
    """The structure's team changes ``entry``: ``values`` {field: value} and ``links`` {list
    name: [instances]} as its form cleaned them. What differs is written at once and marked
    declared; a new name and new regional or national territories wait (``withheld``).
    Returns the :class:`ChangeReview`, or None when nothing changed."""
    values = dict(values)
    withheld = {}
    # An entry not yet published (a new programme) waits for a curator as a whole already.
    waits = entry.publication_status != PublicationStatus.DRAFT
    name = values.pop("name", entry.name)
    if name != entry.name and waits:
        withheld["name"] = name
    elif name != entry.name:
        values["name"] = name
    changed = [field for field, value in values.items() if getattr(entry, field) != value]
    new_links = {}
    for list_name, objects in links.items():
        current = set(getattr(entry, list_name).values_list("pk", flat=True))
        wanted = {obj.pk for obj in objects}
        if list_name == "territories":
            wide = {t.pk for t in objects if t.pk not in current and t.kind in WIDE_KINDS}
            if wide and waits:
                withheld["territories"] = sorted(wide)
                wanted -= wide
        if wanted != current:
            new_links[list_name] = wanted
    before = latest_version(entry)
    if not changed and not new_links and not withheld:
        return None
    status = ReviewStatus.WAITING if withheld else ReviewStatus.TO_SEE
    if not changed and not new_links:
        # Only what waits: nothing written, the versions before and after are the same; the
        # same request sent again is the one already waiting.
        key = "programme" if isinstance(entry, Programme) else "structure"
        pending = ChangeReview.objects.filter(
            **{key: entry}, status=ReviewStatus.WAITING, withheld=withheld
        ).first()
        return pending or _review(entry, before, before, withheld, user, status)
    for field in changed:
        setattr(entry, field, values[field])
    writes.declare(entry, [*changed, *new_links])
    entry._history_user = user
    with writes.history_batch() as batch:
        writes.save(entry, team_write_reason(user, entry, CHANGED_BY_STRUCTURE), batch=batch)
        for list_name, wanted in new_links.items():
            writes.set_links(entry, list_name, wanted)
    return _review(entry, before, latest_version(entry), withheld, user, status)


def wider_than_structure(structure, territories):
    """The régions and « France entière » among ``territories`` that ``structure`` does not
    list among its own: what would make a local structure's new programme appear regionally
    or nationally."""
    own = set(structure.territories.values_list("pk", flat=True))
    return sorted(t.pk for t in territories if t.kind in WIDE_KINDS and t.pk not in own)


@transaction.atomic
def create_programme(structure, user, values, links):
    """A new programme of ``structure`` (its operator), written by its team, every field it
    gives marked declared. Published at once (« à voir » by a curator, like any published
    change) when its territories are no wider than the structure's own; naming a région or
    « France entière » the structure does not serve, it is created unpublished and published
    when a curator approves it."""
    waits = bool(wider_than_structure(structure, links.get("territories") or []))
    status = PublicationStatus.DRAFT if waits else PublicationStatus.PUBLISHED
    programme = Programme(**values, publication_status=status)
    writes.declare(programme, [*values, *(name for name, objects in links.items() if objects)])
    programme._history_user = user
    what = CREATED_BY_STRUCTURE if waits else PUBLISHED_BY_STRUCTURE
    reason = team_write_reason(user, structure, what)
    with writes.history_batch() as batch:
        writes.save(programme, reason, batch=batch)
        for list_name, objects in links.items():
            writes.set_links(programme, list_name, objects, new=True)
    writes.set_role_structures(programme, StructureRole.OPERATOR, [structure], reason, new=True)
    after = latest_version(programme)
    if waits:
        _review(programme, None, after, {"publish": True}, user, ReviewStatus.WAITING)
    else:
        _review(programme, None, after, {}, user, ReviewStatus.TO_SEE)
    return programme


def _decided(review, curator, status):
    review.status = status
    review.decided_by = curator
    review.decided_at = timezone.now()
    review.save(update_fields=["status", "decided_by", "decided_at"])


@transaction.atomic
def approve(review, curator):
    """Publish what waited: the new name, the regional or national territories (still the
    structure's word: marked declared on the day it wrote them), the new programme."""
    entry = type(review.entry).objects.get(pk=review.entry.pk)
    withheld = review.withheld or {}
    declared_on = timezone.localdate(review.created_at)
    if "name" in withheld:
        entry.name = withheld["name"]
        writes.declare(entry, ["name"], on=declared_on)
    if withheld.get("territories"):
        writes.declare(entry, ["territories"], on=declared_on)
    if withheld.get("publish"):
        entry.publication_status = PublicationStatus.PUBLISHED
    entry._history_user = curator
    with writes.history_batch() as batch:
        writes.save(entry, APPROVED, batch=batch)
        territories = Territory.objects.filter(pk__in=withheld.get("territories", []))
        writes.add_links(entry, "territories", territories)
    _decided(review, curator, ReviewStatus.APPROVED)
    return entry


@transaction.atomic
def refuse(review, curator):
    """What waited is not published (a new programme stays unpublished); what was published
    at once stays."""
    _decided(review, curator, ReviewStatus.REFUSED)


@transaction.atomic
def mark_seen(review, curator):
    _decided(review, curator, ReviewStatus.SEEN)


@transaction.atomic
def restore_previous(review, curator):
    """The entry as it was before the change (the curators' restore of a history version).
    A new programme published at once had no version before: it goes back offline (draft),
    attributed to the curator; returns ``UNPUBLISHED`` then. False when there is nothing to
    restore (a new programme still waiting: refuse it instead)."""
    record = review.before
    if record is None:
        if review.programme_id is None or review.status != ReviewStatus.TO_SEE:
            return False
        programme = Programme.objects.get(pk=review.programme_id)
        programme.publication_status = PublicationStatus.DRAFT
        programme._history_user = curator
        writes.save(programme, UNPUBLISHED)
        _decided(review, curator, ReviewStatus.RESTORED)
        return UNPUBLISHED
    restore(record, RESTORED, curator)
    _decided(review, curator, ReviewStatus.RESTORED)
    return True
