from django.urls import path
from sesame.views import LoginView

app_name = "members"

urlpatterns = [
    # The link of a sign-in e-mail (members/sign_in.py).
    path(
        "connexion/lien/",
        LoginView.as_view(redirect_field_name="suite", next_page="/ma-structure/"),
        name="sign_in_link",
    ),
]
