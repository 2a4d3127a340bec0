"""The curators' groups may review the structures' changes: administrators every permission,
regional editors view and change (decide, within their scope), readers view. The rules of
``curation/roles.py``, copied: a migration runs no live app code."""

from django.db import migrations

RULES = {
    "Administrateur": ("add", "change", "delete", "view"),
    "Éditeur régional": ("change", "view"),
    "Lecteur": ("view",),
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("self_service")
    previous = getattr(config, "models_module", None)
    config.models_module = previous or True  # permissions are made after migrate otherwise
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=RULES):
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="self_service",
                content_type__model="changereview",
                codename__in=[f"{action}_changereview" for action in RULES[group.name]],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("self_service", "0001_change_reviews"),
        ("programmes", "0007_editor_scopes_and_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
