from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [
    path("alertes/", views.subscribe, name="subscribe"),
    path("alertes/verifiez/", views.check_inbox, name="check_inbox"),
    path("alertes/confirmer/<str:token>/", views.confirm, name="confirm"),
    path("alertes/desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
