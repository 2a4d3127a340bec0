from django.db import migrations

INDEX = "territory_search_name_trgm"


def create_index(apps, schema_editor):
    # Substring matches ("pouzauges" inside "cc du pays de pouzauges") use this index on
    # PostgreSQL; SQLite has no trigram index and scans its small table instead.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON territories_territory "
            "USING gin (search_name gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("territories", "0004_national_reference")]

    operations = [migrations.RunPython(create_index, drop_index)]
