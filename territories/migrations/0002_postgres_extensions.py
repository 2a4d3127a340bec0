from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """unaccent and pg_trgm serve French full-text and fuzzy search on PostgreSQL.

    Both operations do nothing on other databases, so SQLite runs the same migrations.
    """

    dependencies = [("territories", "0001_initial")]

    operations = [UnaccentExtension(), TrigramExtension()]
