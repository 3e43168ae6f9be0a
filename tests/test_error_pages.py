"""Error pages, with DEBUG off as in production: the site's layout, navigation and language,
never Django's bare pages."""

import pytest
from django.db import connection
from django.db.utils import OperationalError
from django.test import Client

from tests.factories import FocalPointFactory
from tests.helpers import url

pytestmark = pytest.mark.django_db


def assert_in_the_sites_layout(response, language):
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert 'class="site-nav' in page
    assert 'href="/' + language + '/"' in page
    return page


@pytest.mark.parametrize(
    ("address", "language", "title"),
    [("/fr/rien-ici/", "fr", "Page introuvable"), ("/en/nothing-here/", "en", "Page not found")],
)
def test_a_missing_page(client, address, language, title):
    response = client.get(address)
    assert response.status_code == 404
    page = assert_in_the_sites_layout(response, language)
    assert f'<h1 id="error-heading">{title}</h1>' in page
    assert "Not Found" not in page


def test_a_missing_record_in_french(client):
    response = client.get(url("meetings:detail", "fr", slug="aucune-reunion"))
    assert response.status_code == 404
    assert "Page introuvable" in assert_in_the_sites_layout(response, "fr")


def test_a_page_refused_to_a_role(client):
    contributor = FocalPointFactory(role="contributor")
    client.force_login(contributor.user)
    response = client.get(url("private:contributors", "fr"))
    assert response.status_code == 403
    page = assert_in_the_sites_layout(response, "fr")
    assert "Accès refusé" in page
    # Signed in: the menu leads back to the private area.
    assert "Espace privé" in page


def test_a_refused_form_says_why_in_the_visitors_language():
    client = Client(enforce_csrf_checks=True)
    response = client.post(url("private:login", "fr"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Le formulaire a expiré" in assert_in_the_sites_layout(response, "fr")


def test_a_bad_request(client):
    response = client.get("/en/", headers={"host": "not-allowed.example"})
    assert response.status_code == 400
    assert "Bad request" in assert_in_the_sites_layout(response, "en")


@pytest.mark.urls("tests.error_urls")
class TestServerError:
    def test_a_failing_view(self, client):
        client.raise_request_exception = False
        response = client.get("/failing/")
        assert response.status_code == 500
        assert "Server error" in response.content.decode()
        assert 'class="site-nav' in response.content.decode()

    def test_the_page_shows_when_the_database_is_down(self, client, monkeypatch):
        def down(*args, **kwargs):
            raise OperationalError("the database server is not answering")

        client.raise_request_exception = False
        # The session cookie makes the request look for a signed-in person.
        client.cookies["sessionid"] = "a-session"
        monkeypatch.setattr(connection, "ensure_connection", down)
        response = client.get("/failing/")
        assert response.status_code == 500
        page = response.content.decode()
        assert "Server error" in page
        assert "Sign in" in page
