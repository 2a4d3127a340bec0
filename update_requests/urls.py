from django.urls import path

from update_requests import views

app_name = "update_requests"

urlpatterns = [
    path("mise-a-jour/<str:token>/", views.confirm, name="confirm"),
    path("mise-a-jour/<str:token>/modifier/", views.update, name="update"),
]
