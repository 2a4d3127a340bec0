"""Who decides a claim (« Vous travaillez ici ? Gérer cette fiche »), written once; then the
decision itself. Each rule has its test in tests/members/test_claim_rules.py.

1. The structure has managers → its managers decide (never anyone else: a claim never takes
   over a structure that has managers).
2. No manager, and the e-mail's domain is the structure's own — the registrable domain of its
   website, or of its recorded e-mail (sub-domains of it too), never a webmail → accepted at
   once: the person becomes its manager, and a curator is asked to have a look.
3. Otherwise the curators decide (those whose scope covers the structure).
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from publicsuffixlist import PublicSuffixList

from curation.history import team_reason
from members.access import has_managers
from members.accounts import account_for, normal_email
from members.models import Claim, ClaimRoute, ClaimStatus, Membership, Role
from programmes.models import Structure

# Free or consumer mail providers: anyone can have an address there, so their domain never
# proves that a person works at a structure, even a structure that gives such an address.
WEBMAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "orange.fr", "wanadoo.fr", "free.fr", "laposte.net",
        "outlook.com", "outlook.fr", "hotmail.com", "hotmail.fr", "live.com", "live.fr",
        "msn.com", "yahoo.com", "yahoo.fr", "ymail.com", "icloud.com", "me.com", "mac.com",
        "sfr.fr", "neuf.fr", "bbox.fr", "aol.com", "aol.fr", "proton.me", "protonmail.com",
        "pm.me", "gmx.fr", "gmx.com", "gmx.net", "gmx.de", "numericable.fr", "club-internet.fr",
        "aliceadsl.fr", "tutanota.com", "yandex.com", "mail.com", "zoho.com", "hey.com",
    }
)  # fmt: skip
# How long a decided claim (name, e-mail) is kept, as the personal data page says.
CLAIM_RETENTION_DAYS = 365
# The managers are reminded of a pending claim after these many days (remind_claims).
REMINDER_DAYS = (3, 7)

_suffixes = PublicSuffixList()  # the list shipped with the package: no download


class ClaimError(Exception):
    """A decision that cannot be taken, with its French message."""


def registrable_domain(host):
    """The domain an organisation registered, from a host name (« www.cae.asso.fr » →
    « cae.asso.fr »), or None for a public suffix itself, an address or nothing."""
    host = (host or "").strip().lower().rstrip(".").removeprefix("www.")
    if not host or "." not in host or host.replace(".", "").isdigit():
        return None
    return _suffixes.privatesuffix(host)


def email_domain(email):
    return normal_email(email).rpartition("@")[2]


def is_webmail(domain):
    registrable = registrable_domain(domain)
    return domain in WEBMAIL_DOMAINS or registrable in WEBMAIL_DOMAINS


def structure_domains(structure):
    """The registrable domains that prove one works at ``structure``: its website's, its
    recorded e-mail's; never a webmail."""
    hosts = [urlsplit(structure.website).hostname if structure.website else None]
    hosts.append(email_domain(structure.email) if structure.email else None)
    domains = {registrable_domain(host) for host in hosts if host}
    return {domain for domain in domains if domain and not is_webmail(domain)}


def domain_matches(structure, email):
    """Whether ``email`` is at the structure's own domain or one of its sub-domains."""
    domain = email_domain(email)
    if not domain or is_webmail(domain):
        return False
    return any(domain == own or domain.endswith(f".{own}") for own in structure_domains(structure))


def route_for(structure, email):
    """Who decides a claim on ``structure`` by ``email`` (the rules above, in order)."""
    if has_managers(structure):
        return ClaimRoute.MANAGERS
    if domain_matches(structure, email):
        return ClaimRoute.AUTOMATIC
    return ClaimRoute.CURATORS


def submit(structure, name, email):
    """Record a claim and apply its route. Returns the claim; an automatic one is already
    accepted (its person is a manager). The structure's row is locked meanwhile, so two claims
    at once cannot both become its first manager (PostgreSQL; SQLite writes one at a time)."""
    email = normal_email(email)
    with transaction.atomic():
        structure = Structure.objects.select_for_update().get(pk=structure.pk)
        pending = Claim.objects.pending().filter(structure=structure, email=email).first()
        if pending is not None:
            return pending  # asked again: the same claim, not a second one
        route = route_for(structure, email)
        claim = Claim.objects.create(
            structure=structure,
            name=name.strip(),
            email=email,
            consented_at=timezone.now(),
            route=route,
        )
        if route == ClaimRoute.AUTOMATIC:
            _make_member(claim, Role.MANAGER, "demande acceptée d’office (domaine)", None)
            claim.status = ClaimStatus.ACCEPTED_AUTOMATICALLY
            claim.needs_curator_look = True
            claim.decided_at = timezone.now()
            claim.save(update_fields=["status", "needs_curator_look", "decided_at"])
    return claim


def _make_member(claim, role, why, decided_by):
    """The claimant's account (created if need be) becomes a member of the structure; an
    existing membership is kept, raised to manager if asked. The history names who decided,
    or the claimant for an automatic acceptance (no request's user then)."""
    user = account_for(claim.email, claim.name)
    membership = Membership.objects.filter(user=user, structure=claim.structure).first()
    if membership is None:
        membership = Membership(user=user, structure=claim.structure, role=role)
    elif membership.role == role or role == Role.EDITOR:
        return user
    else:
        membership.role = role
    membership._change_reason = team_reason(role, why)
    membership._history_user = decided_by if getattr(decided_by, "pk", None) else user
    membership.save()
    return user


def accept(claim, decided_by, role=Role.MANAGER):
    """Accept a pending claim: its person becomes a member with ``role``. A curator's
    acceptance never gives a structure that has managers meanwhile a new one: the claim goes
    to those managers instead (ClaimError). Returns the person's account."""
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        if not claim.is_pending:
            raise ClaimError("Cette demande a déjà été traitée.")
        Structure.objects.select_for_update().filter(pk=claim.structure_id).first()
        rerouted = claim.route != ClaimRoute.MANAGERS and has_managers(claim.structure)
        if rerouted:
            claim.route = ClaimRoute.MANAGERS
            claim.save(update_fields=["route"])
        else:
            user = _make_member(claim, role, "demande acceptée", decided_by)
            _decide(claim, ClaimStatus.ACCEPTED, decided_by)
    if rerouted:  # raised after the transaction, which keeps the new route
        raise ClaimError(
            "Cette structure a désormais des gestionnaires : la demande leur est transmise, "
            "ce sont eux qui décident."
        )
    return user


def refuse(claim, decided_by):
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        if not claim.is_pending:
            raise ClaimError("Cette demande a déjà été traitée.")
        _decide(claim, ClaimStatus.REFUSED, decided_by)
    return claim


def _decide(claim, status, decided_by):
    claim.status = status
    claim.decided_by = decided_by if getattr(decided_by, "pk", None) else None
    claim.decided_at = timezone.now()
    claim.save(update_fields=["status", "decided_by", "decided_at"])


def due_reminders(now=None):
    """[(claim, reminder number)] of the pending claims sent to managers whose next reminder
    is due: number 1 after 3 days, 2 after 7 (a claim found late gets the latest only)."""
    now = now or timezone.now()
    due = []
    pending = Claim.objects.pending().filter(
        route=ClaimRoute.MANAGERS, reminders_sent__lt=len(REMINDER_DAYS)
    )
    for claim in pending.select_related("structure").order_by("pk"):
        number = sum(claim.created_at <= now - timedelta(days=days) for days in REMINDER_DAYS)
        if number > claim.reminders_sent:
            due.append((claim, number))
    return due


def expired(now=None):
    """Decided claims past their retention: deleted by remind_claims."""
    limit = (now or timezone.now()) - timedelta(days=CLAIM_RETENTION_DAYS)
    return Claim.objects.exclude(status=ClaimStatus.PENDING).filter(decided_at__lt=limit)
