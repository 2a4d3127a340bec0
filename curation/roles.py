"""Curation roles: the groups curators belong to, and what a regional editor may touch.

- **Administrateur**: every permission of the directory (entries, vocabularies, territories,
  synonyms, suggestions, accounts).
- **Éditeur régional**: adds and changes structures, programmes and people, only those located
  in or serving a territory within the régions/départements of their :class:`EditorScope`;
  sees only the suggestions about those; reads the rest.
- **Lecteur**: reads everything in the admin, changes nothing.

The groups are created by a migration (and again by ``ensure_groups`` after a test flush);
a permission added later is granted by the migration that adds its model.
"""

from django.db.models import Q

ADMINISTRATOR = "Administrateur"
REGIONAL_EDITOR = "Éditeur régional"
READER = "Lecteur"

DIRECTORY_APPS = ("programmes", "territories", "search", "curation", "suggestions", "self_service")
EDITOR_MODELS = (
    "structure",
    "programme",
    "person",
    "programmestructure",
    "personprogramme",
    "structuresource",
    "programmesource",
)


def ensure_groups(apps):
    """Create the three groups with their permissions (idempotent); ``apps`` is a migration's
    app registry or ``django.apps.apps``."""
    Group = apps.get_model("auth", "Group")
    if Group.objects.filter(name__in=[ADMINISTRATOR, REGIONAL_EDITOR, READER]).count() == 3:
        return
    _create_permissions(apps)
    Permission = apps.get_model("auth", "Permission")
    directory = Permission.objects.filter(content_type__app_label__in=DIRECTORY_APPS)
    administrator, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    administrator.permissions.set(
        directory | Permission.objects.filter(content_type__app_label__in=["auth", "axes"])
    )
    editor, _ = Group.objects.get_or_create(name=REGIONAL_EDITOR)
    editor.permissions.set(directory.filter(EDITOR_PERMISSIONS))
    reader, _ = Group.objects.get_or_create(name=READER)
    reader.permissions.set(directory.filter(codename__startswith="view_"))


EDITOR_PERMISSIONS = (
    Q(codename__startswith="view_")
    | Q(content_type__model__in=EDITOR_MODELS, codename__regex=r"^(add|change)_")
    | Q(content_type__model="suggestion", codename__regex=r"^(view|change)_")
    # The structures' changes to review (self_service/): decided within their scope.
    | Q(content_type__model="changereview", codename__regex=r"^(view|change)_")
)


def _create_permissions(apps):
    from django.contrib.auth.management import create_permissions

    for config in apps.get_app_configs():
        # Permissions are normally created after migrate; create them now to grant them.
        previous = getattr(config, "models_module", None)
        config.models_module = previous or True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = previous


def grant_new_models(apps, app_label, *models):
    """Grant the permissions of models added after the groups were created, by the rules of
    ``ensure_groups``; the groups' other permissions are left as administrators set them."""
    ensure_groups(apps)
    _create_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    added = Permission.objects.filter(
        content_type__app_label=app_label, content_type__model__in=models
    )
    rules = {
        ADMINISTRATOR: added,
        REGIONAL_EDITOR: added.filter(EDITOR_PERMISSIONS),
        READER: added.filter(codename__startswith="view_"),
    }
    for group in Group.objects.filter(name__in=rules):
        group.permissions.add(*rules[group.name])


def scope_of(user):
    """The territories a user's edits are limited to, or None when they are not limited."""
    if user.is_superuser or user.groups.filter(name=ADMINISTRATOR).exists():
        return None
    scope = getattr(user, "editor_scope", None)
    return list(scope.territories.all()) if scope else []
