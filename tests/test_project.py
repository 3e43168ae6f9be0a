"""The project as a whole: migrations, settings, the home page."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tests.factories import CountryFactory, FrameworkFactory, PresidencyFactory
from tests.helpers import manage_in_subprocess

pytestmark = pytest.mark.django_db


def test_models_and_migrations_agree():
    output = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=output)
    assert "No changes detected" in output.getvalue()


def test_migrations_unapply_and_apply_again(transactional_db):
    call_command("migrate", "governance", "0001", verbosity=0)
    call_command("migrate", verbosity=0)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_home_page_in_each_language(client, language):
    PresidencyFactory(
        partner=CountryFactory(name_en="Switzerland", name_fr="Suisse"),
        start=datetime.date(2026, 1, 29),
    )
    FrameworkFactory(name_en="Cadiz Action Plan", name_fr="Plan d'action de Cadix")
    with translation.override(language):
        url = reverse("home")
    assert url == f"/{language}/"
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in page
    assert ("Suisse" if language == "fr" else "Switzerland") in page


def test_root_redirects_to_a_language(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] in {"/en/", "/fr/"}


def run_check(*options, **environment):
    return manage_in_subprocess("check", *options, **environment)


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check(DJANGO_DEBUG="false", DJANGO_ALLOWED_HOSTS="rabat-process.example")
    assert result.returncode != 0
    assert "Set 'DJANGO_SECRET_KEY' in production." in result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = run_check(
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="a-production-secret-of-enough-length-and-variety-9f8e7d6c5b4a",
        DJANGO_ALLOWED_HOSTS="rabat-process.example",
        # A Redis that does not answer: the settings are checked here, the memory limit of
        # a Redis server (core.W002) in tests/test_checks.py.
        REDIS_URL="redis://127.0.0.1:1/0",
    )
    assert result.returncode == 0, result.stderr


def test_production_without_a_shared_cache_is_warned():
    result = run_check(
        "--deploy",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="a-production-secret-of-enough-length-and-variety-9f8e7d6c5b4a",
        DJANGO_ALLOWED_HOSTS="rabat-process.example",
    )
    assert "core.W001" in result.stderr + result.stdout
    assert "Set REDIS_URL" in result.stderr + result.stdout


def run_shell(command, **environment):
    return manage_in_subprocess("shell", "--no-imports", "-c", command, **environment)


SHOW_STATE_SETTINGS = """
from django.conf import settings
from django.core.files.storage import storages
print(settings.CACHES["default"]["BACKEND"], settings.SESSION_ENGINE)
print(type(storages["default"]).__name__, type(storages["protected"]).__name__)
try:
    storages["protected"].url("report.pdf")
except ValueError as error:
    print("no url:", error)
"""


def test_no_state_in_a_process_when_redis_and_an_object_store_are_configured():
    result = run_shell(
        SHOW_STATE_SETTINGS,
        REDIS_URL="redis://127.0.0.1:6379/9",
        DJANGO_S3_BUCKET="rabat-files",
        DJANGO_S3_ENDPOINT_URL="https://objects.example",
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == ("django_redis.cache.RedisCache django.contrib.sessions.backends.cached_db")
    assert lines[1] == "S3Storage ProtectedS3Storage"
    assert lines[2].startswith("no url: A protected file has no URL")


def test_without_redis_each_process_keeps_its_own_cache_and_sessions_stay_in_the_database():
    result = run_shell(SHOW_STATE_SETTINGS)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "django.core.cache.backends.locmem.LocMemCache django.contrib.sessions.backends.db"
    )
    assert lines[1] == "FileSystemStorage ProtectedFileSystemStorage"
