from django.apps import AppConfig


class EssmapConfig(AppConfig):
    name = "essmap"
    verbose_name = "essmap"

    def ready(self):
        from django.core import checks
        from django.db.backends.signals import connection_created

        from essmap import cache, outage
        from essmap.checks import client_address_behind_proxy, mail_server, renamed_variables

        checks.register(renamed_variables)
        checks.register(mail_server)
        checks.register(client_address_behind_proxy)
        cache.connect()
        # A connection opened again ends an outage (essmap/outage.py).
        connection_created.connect(outage.connection_opened, dispatch_uid="essmap-outage-over")
