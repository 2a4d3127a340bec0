from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Équipes des structures"

    def ready(self):
        from members import signals

        signals.connect()
