from django.apps import AppConfig


class AudienceConfig(AppConfig):
    name = "audience"
    verbose_name = "Audience des structures"

    def ready(self):
        # The curators' freshness queue puts the most consulted entries first: programmes asks
        # here, without importing this app (programmes.models.entries.register_consultations).
        from audience.counts import consultations
        from programmes.models.entries import register_consultations

        register_consultations(consultations)
