"""What the two commands send, idempotent: each records what it sent before sending, with a
conditional ``.update()`` (after healthchecks' sendreports), so two runs never send twice.

- ``remind_claims`` (daily): the managers of a structure are reminded of a claim still pending
  3 then 7 days after it arrived; decided claims past their retention are deleted.
- ``send_claims_digest`` (weekly): each curator receives the claims waiting for curators
  within their scope (all of them for a curator without scope); a claim is listed again a week
  later if still pending."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from curation import roles
from members import claims, notify
from members.models import Claim, ClaimRoute


def remind_managers(now=None):
    """Returns (reminders sent, claims deleted past retention)."""
    sent = 0
    for claim, number in claims.due_reminders(now):
        taken = Claim.objects.filter(pk=claim.pk, reminders_sent__lt=number).update(
            reminders_sent=number
        )
        if taken:
            sent += bool(notify.claim_to_managers(claim, reminder=number))
    deleted, _ = claims.expired(now).delete()
    return sent, deleted


def curators_digest(today=None):
    """Returns the number of digests sent."""
    today = today or timezone.localdate()
    due = (
        Claim.objects.pending()
        .filter(route=ClaimRoute.CURATORS)
        .filter(Q(in_digest_on__isnull=True) | Q(in_digest_on__lte=today - timedelta(days=7)))
    )
    due_ids = list(due.values_list("pk", flat=True))
    if not due_ids:
        return 0
    # Recorded first: a second run the same day finds nothing due.
    taken = Claim.objects.filter(pk__in=due_ids).filter(
        Q(in_digest_on__isnull=True) | Q(in_digest_on__lte=today - timedelta(days=7))
    )
    if not taken.update(in_digest_on=today):
        return 0
    listed = Claim.objects.filter(pk__in=due_ids).select_related("structure").order_by("created_at")
    sent = 0
    for curator in notify.curator_accounts():
        scope = roles.scope_of(curator)
        if scope == []:
            continue  # a regional editor without territories curates nothing
        theirs = list(listed if scope is None else listed.for_scope(scope))
        if theirs:
            sent += bool(notify.claims_digest(curator, theirs))
    return sent
