"""The public's forms: propose a structure or a programme, report an error on an entry; the
thanks pages (after a redirect) and refusals (size, rate) in French."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from essmap.http import FriendlyHttp404, body_size, rate_limit_key, rate_period
from essmap.outage import keeps_typed_text
from programmes.models import Programme, PublicationStatus, Structure
from suggestions import services as suggestions
from suggestions.forms import HONEYPOT, ProposalForm, ReportForm
from suggestions.models import SuggestionKind

SUGGESTION_RATE_GROUP = "suggestions"
REPORTABLE = {"structure": Structure, "dispositif": Programme}


def suggestion_rate(group, request):
    """Submissions allowed per address, read at each request so tests can change it."""
    return settings.ESSMAP_SUGGESTION_RATE


def _refused(request, reason, status):
    seconds, words = rate_period(settings.ESSMAP_SUGGESTION_RATE)
    response = render(
        request,
        "suggestions/suggestion_refused.html",
        {"reason": reason, "period": words},
        status=status,
    )
    if status == 429:
        response["Retry-After"] = str(seconds)
    return response


def _suggestion_page(request, form_class, template, context, build, thanks_url):
    """GET shows the form; POST stores a valid suggestion and redirects to the thanks page.

    In order: body too large → 413; over the rate limit for the address (every POST counts)
    → 429; honeypot filled → the thanks page, nothing stored; errors → the form again."""
    if request.method == "POST":
        if body_size(request) > settings.ESSMAP_SUGGESTION_MAX_BODY:
            return _refused(request, "size", 413)
        if is_ratelimited(
            request,
            group=SUGGESTION_RATE_GROUP,
            key=rate_limit_key,
            rate=suggestion_rate,
            method="POST",
            increment=True,
        ):
            return _refused(request, "rate", 429)
        form = form_class(request.POST)
        if form.is_from_a_robot():
            return redirect(thanks_url)
        if form.is_valid():
            suggestions.record(build(form), request)
            return redirect(thanks_url)
    else:
        form = form_class()
    return render(request, template, {**context, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@keeps_typed_text(ProposalForm, skip=[HONEYPOT])
def propose(request):
    return _suggestion_page(
        request,
        ProposalForm,
        "suggestions/suggestion_form.html",
        {},
        lambda form: form.save(commit=False),
        reverse("suggestions:propose_thanks"),
    )


def _reported_entry(kind, slug):
    model = REPORTABLE.get(kind)
    shown = [PublicationStatus.PUBLISHED, PublicationStatus.ARCHIVED]
    entry = model and model.objects.filter(slug=slug, publication_status__in=shown).first()
    if entry is None:
        raise FriendlyHttp404("Cette fiche n’existe pas ou n’est pas publiée.")
    return entry


@require_http_methods(["GET", "HEAD", "POST"])
@keeps_typed_text(ReportForm, skip=[HONEYPOT])
def report(request, kind, slug):
    entry = _reported_entry(kind, slug)

    def build(form):
        suggestion = form.save(commit=False)
        suggestion.kind = SuggestionKind.ERROR
        suggestion.name = entry.name
        if isinstance(entry, Structure):
            suggestion.structure = entry
        else:
            suggestion.programme = entry
        return suggestion

    return _suggestion_page(
        request,
        ReportForm,
        "suggestions/report_form.html",
        {"entry": entry, "kind": kind},
        build,
        reverse("suggestions:report_thanks", args=[kind, slug]),
    )


def propose_thanks(request):
    return render(request, "suggestions/suggestion_thanks.html", {})


def report_thanks(request, kind, slug):
    return render(
        request, "suggestions/suggestion_thanks.html", {"entry": _reported_entry(kind, slug)}
    )
