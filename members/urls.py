from django.urls import path

from members.views import account, claims, sign_in, team

app_name = "members"

urlpatterns = [
    path("connexion/", sign_in.request_link, name="sign_in"),
    path("connexion/envoye/", sign_in.link_sent, name="sign_in_sent"),
    # The link of a sign-in e-mail (members/sign_in.py): a button, then the POST signs in.
    path("connexion/lien/", sign_in.follow_link, name="sign_in_link"),
    path("deconnexion/", sign_in.sign_out, name="sign_out"),
    path("structures/<slug:slug>/gerer/", claims.claim, name="claim"),
    path("structures/<slug:slug>/gerer/envoyee/", claims.claim_sent, name="claim_sent"),
    path("ma-structure/<slug:slug>/equipe/", team.team, name="team"),
    path("ma-structure/<slug:slug>/equipe/inviter/", team.invite, name="invite"),
    path("ma-structure/<slug:slug>/equipe/retirer/", team.remove, name="remove"),
    path("ma-structure/<slug:slug>/equipe/demandes/", team.decide, name="decide"),
    path("mon-compte/", account.account, name="account"),
    path("mon-compte/supprimer/", account.delete, name="delete_account"),
]
