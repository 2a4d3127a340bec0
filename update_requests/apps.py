from django.apps import AppConfig


class UpdateRequestsConfig(AppConfig):
    name = "update_requests"
    verbose_name = "Demandes de mise à jour"
