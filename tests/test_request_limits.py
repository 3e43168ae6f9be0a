"""Requests too large for the site are refused before their body is read."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.helpers import url

pytestmark = pytest.mark.django_db


def test_an_anonymous_300_mb_post_to_the_sign_in_page_is_refused(client):
    response = client.post(
        url("private:login"),
        {"username": "x", "password": "y"},
        CONTENT_LENGTH=str(300 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "may not be larger than 60.0\xa0MB" in response.content.decode()


def test_the_limit_is_on_the_whole_body_files_included(client, settings):
    settings.REQUEST_MAX_BYTES = 1000
    upload = SimpleUploadedFile("law.pdf", b"%PDF-" + b"0" * 2000)
    response = client.post(url("private:login"), {"username": "x", "file": upload})
    assert response.status_code == 413


def test_a_request_within_the_limit_is_answered(client, settings):
    settings.REQUEST_MAX_BYTES = 1000
    response = client.post(url("private:login"), {"username": "x", "password": "y"})
    assert response.status_code == 200
    assert client.get(url("private:login")).status_code == 200
