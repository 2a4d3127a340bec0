import pytest
from django.db import connection


@pytest.mark.django_db
def test_search_extensions_exist_on_postgresql():
    """The migrations create unaccent and pg_trgm on PostgreSQL and do nothing elsewhere."""
    if connection.vendor != "postgresql":
        pytest.skip(f"base {connection.vendor} : extensions PostgreSQL sans objet")
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension")
        names = {row[0] for row in cursor.fetchall()}
    assert {"unaccent", "pg_trgm"} <= names
