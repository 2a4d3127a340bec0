"""Structured logs: one JSON line per request (status, duration, request id), errors with the
request id and their traceback on the same line, whatever the client sent."""

import json
import logging
from unittest import mock

import pytest
from django.http import HttpResponse
from django.test import Client

from essmap.logs import JsonFormatter, RequestIdFilter
from essmap.middleware import HeadWithoutBodyMiddleware


def lines(caplog, name):
    formatter, stamp = JsonFormatter(), RequestIdFilter()
    found = []
    for record in caplog.records:
        if record.name == name:
            if not hasattr(record, "request_id"):
                stamp.filter(record)
            found.append(json.loads(formatter.format(record)))
    return found


def test_one_line_per_request_with_status_duration_and_id(client, db, caplog):
    caplog.set_level(logging.INFO, logger="essmap.request")
    response = client.get("/sante/")
    (line,) = lines(caplog, "essmap.request")
    assert line["status"] == 200
    assert line["method"] == "GET"
    assert line["path"] == "/sante/"
    assert line["duration_ms"] >= 0
    assert line["request_id"] == response["X-Request-ID"]
    assert len(response["X-Request-ID"]) == 16


@pytest.mark.parametrize(
    ("given", "kept"), [("proxy-7f3a9c21", True), ("a\nb" * 5, False), ("x" * 100, False)]
)
def test_a_proxys_request_id_is_kept_when_well_formed(client, db, given, kept):
    response = client.get("/sante/", HTTP_X_REQUEST_ID=given)
    assert (response["X-Request-ID"] == given) is kept


def test_an_error_is_one_line_with_its_request_id_and_traceback(db, caplog):
    client = Client(raise_request_exception=False)
    with mock.patch("essmap.views.connection.cursor", side_effect=RuntimeError("boum")):
        response = client.get("/sante/")
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    assert request_id in response.content.decode()  # the reference shown on the 500 page
    (error,) = lines(caplog, "django.request")
    assert error["request_id"] == request_id
    assert error["error"] == "RuntimeError: boum"
    assert "Traceback" in error["traceback"]
    assert "\n" not in JsonFormatter().format(caplog.records[-1])


def test_whatever_the_path_a_line_stays_one_line(client, db, caplog):
    caplog.set_level(logging.INFO, logger="essmap.request")
    client.get("/pas%0Ade%0D%0Apage%00/")
    record = next(r for r in caplog.records if r.name == "essmap.request")
    RequestIdFilter().filter(record)
    text = JsonFormatter().format(record)
    assert "\n" not in text
    assert "\r" not in text
    assert json.loads(text)["status"] == 404


def test_a_forged_host_is_one_line_without_traceback(db, settings, caplog):
    settings.ALLOWED_HOSTS = ["essmap.example.fr"]
    caplog.set_level(logging.INFO)
    Client().get("/", HTTP_HOST="evil.example")
    # Django's own record of it goes nowhere (the console handler hangs on the root logger).
    written = [r for r in caplog.records if logging.getLogger(r.name).propagate]
    assert [r.name for r in written] == ["essmap.request"]
    assert [line["status"] for line in lines(caplog, "essmap.request")] == [400]


def test_a_head_request_gets_headers_only(rf):
    """gunicorn would drop the body itself, and log a warning for each HEAD request. (The test
    client drops it too: the middleware is called directly.)"""
    answer = HttpResponse(b"corps", headers={"Content-Length": "5"})
    head = HeadWithoutBodyMiddleware(lambda request: answer)(rf.head("/"))
    assert (head.content, head["Content-Length"]) == (b"", "5")
    get = HeadWithoutBodyMiddleware(lambda request: HttpResponse(b"corps"))(rf.get("/"))
    assert get.content == b"corps"
