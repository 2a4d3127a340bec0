from django.urls import path

from programmes import views

app_name = "programmes"

urlpatterns = [
    path("programmes/<slug:slug>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
    path("structures/<slug:slug>/", views.StructureDetailView.as_view(), name="structure_detail"),
]
