from django.apps import AppConfig


class EssmapConfig(AppConfig):
    name = "essmap"
    verbose_name = "essmap"

    def ready(self):
        from essmap import cache

        cache.connect()
