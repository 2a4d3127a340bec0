"""Two structures and their teams: Alpha (Laval, Mayenne) kept by Alice (manager) and Bob
(editor), Beta (Nantes) kept by Carol; each with a published programme."""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model

from members.models import Membership, Role
from territories.models import Territory
from tests.conftest import make_programme, make_structure


@pytest.fixture
def teams(territories):
    t = territories
    alpha = make_structure(
        "Coopérative Alpha",
        territories=[t["dep53"]],
        commune=t["laval"],
        general_stage_creation=True,
        description="Une coopérative d’activité et d’emploi en Mayenne.",
    )
    beta = make_structure("Incubateur Beta", kind="incubateur", territories=[t["dep44"]])
    alpha_programme = make_programme(
        "Test d’activité Alpha", stages=["creation"], territories=[t["dep53"]], operators=[alpha]
    )
    beta_programme = make_programme(
        "Incubation Beta", stages=["idee"], territories=[t["dep44"]], operators=[beta]
    )
    users = get_user_model().objects
    alice = users.create_user("alice", "alice@alpha.example.org")
    bob = users.create_user("bob", "bob@alpha.example.org")
    carol = users.create_user("carol", "carol@beta.example.org")
    Membership.objects.create(user=alice, structure=alpha, role=Role.MANAGER)
    Membership.objects.create(user=bob, structure=alpha, role=Role.EDITOR)
    Membership.objects.create(user=carol, structure=beta, role=Role.MANAGER)
    return SimpleNamespace(
        alpha=alpha,
        beta=beta,
        alpha_programme=alpha_programme,
        beta_programme=beta_programme,
        alice=alice,
        bob=bob,
        carol=carol,
        t=t,
    )


def form_data(response, **changes):
    """The POST data the page's form would send back unchanged, then ``changes``."""
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False or value == "":
            continue
        if isinstance(value, Territory):
            data[name] = value.key
        elif isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif value is True:
            data[name] = "on"
        else:
            data[name] = getattr(value, "pk", value)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data
