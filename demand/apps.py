from django.apps import AppConfig


class DemandConfig(AppConfig):
    name = "demand"
    verbose_name = "Demandes sans réponse"

    def ready(self):
        # The layer of /carte/ (orientation.extensions): orientation declares the address and
        # never imports this app.
        from demand import views
        from orientation import extensions

        extensions.register_map_layer(views.MAP_LAYER, views.demand_layer)
