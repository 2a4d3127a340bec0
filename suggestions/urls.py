from django.urls import path

from suggestions import views

app_name = "suggestions"

urlpatterns = [
    path("proposer/", views.propose, name="propose"),
    path("proposer/merci/", views.propose_thanks, name="propose_thanks"),
    path("signaler/<str:kind>/<slug:slug>/", views.report, name="report"),
    path("signaler/<str:kind>/<slug:slug>/merci/", views.report_thanks, name="report_thanks"),
]
