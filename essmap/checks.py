"""System checks on the environment (``manage.py check``, run by migrate and ``make run``)."""

import os

from django.conf import settings
from django.core.checks import Warning

from essmap.environment import old_names_in_use

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def renamed_variables(app_configs, **kwargs):
    """An old variable name still read (essmap/environment.py): rename it before it is not."""
    return [
        Warning(
            f"La variable d’environnement {old} est renommée {new} : l’ancien nom ne sera "
            "plus lu à la prochaine version.",
            hint=f"Remplacez {old} par {new} (docs/environment.md).",
            id="essmap.W001",
        )
        for old, new in old_names_in_use()
    ]


def mail_server(app_configs, **kwargs):
    """In production with nothing said about e-mail, messages go to an SMTP server on
    localhost: say so, as confirmation messages fail when none is there."""
    said = {"EMAIL_HOST", "EMAIL_BACKEND"} & set(os.environ)
    if settings.DEBUG or said or settings.EMAIL_BACKEND != SMTP:
        return []
    return [
        Warning(
            "Aucun serveur de courriel n’est configuré : les courriels (confirmation des "
            "alertes, signalements aux modérateurs) partent vers un serveur SMTP sur "
            "localhost et échouent s’il n’y en a pas.",
            hint="Définissez EMAIL_HOST (et EMAIL_PORT, EMAIL_HOST_USER, "
            "EMAIL_HOST_PASSWORD) ou EMAIL_BACKEND (docs/environment.md, « Courriels »).",
            id="essmap.W002",
        )
    ]


def client_address_behind_proxy(app_configs, **kwargs):
    """Production runs behind an HTTPS proxy (the settings trust its ``X-Forwarded-Proto``): with
    no client-address header, every request has the proxy's address, so a few wrong passwords
    lock the admin for everyone and the rate limits count all visitors as one. A proxy count
    without a header is the same mistake."""
    behind_proxy = settings.SECURE_PROXY_SSL_HEADER or settings.USE_X_FORWARDED_HOST
    count_said = "ESSMAP_TRUSTED_PROXY_COUNT" in os.environ
    if settings.ESSMAP_CLIENT_IP_META_KEY or not (behind_proxy or count_said):
        return []
    return [
        Warning(
            "Le site est configuré derrière un proxy, mais ESSMAP_CLIENT_IP_HEADER n’est pas "
            "défini : toutes les requêtes ont l’adresse du proxy. Quelques mots de passe faux "
            "bloquent la connexion à l’administration pour tout le monde, et les limites des "
            "formulaires comptent tous les visiteurs comme un seul.",
            hint="Définissez ESSMAP_CLIENT_IP_HEADER (X-Forwarded-For derrière nginx) et "
            "ESSMAP_TRUSTED_PROXY_COUNT (docs/deployment.md, « Derrière un proxy »).",
            id="essmap.W003",
        )
    ]
