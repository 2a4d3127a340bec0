from django.db import migrations


def create_france(apps, schema_editor):
    Territory = apps.get_model("territories", "Territory")
    Territory.objects.get_or_create(
        kind="pays",
        code="FR",
        defaults={"key": "FR", "name": "France entière", "slug": "france-entiere"},
    )


class Migration(migrations.Migration):
    """The national territory exists everywhere: national programmes point at it."""

    dependencies = [("territories", "0002_postgres_extensions")]

    operations = [migrations.RunPython(create_france, migrations.RunPython.noop)]
