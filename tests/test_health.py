"""The health endpoint that load balancers poll."""

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_address_has_no_language_prefix():
    assert reverse("health") == "/health/"


def test_a_healthy_site_answers_ok_without_a_session(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_plain_http_probes_are_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/en/").status_code == 301
    assert client.get("/health/").status_code == 200


def test_an_unreachable_database_answers_503(client, caplog):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("gone")):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}
    assert "no-store" in response["Cache-Control"]
    assert "database is unavailable" in caplog.text


def test_it_only_reads(client):
    assert client.post("/health/").status_code == 405
    assert client.head("/health/").status_code == 200
