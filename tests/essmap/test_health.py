"""/sante/: the public health check, one cheap query."""

from unittest import mock

from django.db import DatabaseError


def test_health_answers_ok_with_one_query_and_is_never_cached(
    client, db, django_assert_num_queries
):
    with django_assert_num_queries(1):
        response = client.get("/sante/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_says_so_in_french_when_the_database_is_unreachable(client, db):
    with mock.patch("essmap.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json() == {"status": "erreur", "message": "Base de données injoignable."}


def test_health_refuses_writes(client, db):
    assert client.post("/sante/").status_code == 405
