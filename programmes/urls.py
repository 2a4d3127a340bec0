from django.urls import path

from programmes import views

app_name = "programmes"

urlpatterns = [
    path("programmes/", views.ProgrammeListView.as_view(), name="programme_list"),
    path("programmes/<slug:slug>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
    path("structures/", views.StructureListView.as_view(), name="structure_list"),
    path("structures/<slug:slug>/", views.StructureDetailView.as_view(), name="structure_detail"),
    path("proposer/", views.propose, name="propose"),
    path("proposer/merci/", views.propose_thanks, name="propose_thanks"),
    path("signaler/<str:kind>/<slug:slug>/", views.report, name="report"),
    path("signaler/<str:kind>/<slug:slug>/merci/", views.report_thanks, name="report_thanks"),
]
