"""The admin's index names the security apps in the secretariat's language."""

import pytest
from django.utils import translation

from tests.factories import SecretariatUserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("en", ["Sign-in lockouts", "Authenticator apps"]),
        ("fr", ["Verrouillages de connexion", "Applications d’authentification"]),
    ],
)
def test_the_security_apps_have_readable_names(client, language, names):
    client.force_login(SecretariatUserFactory())
    with translation.override(language):
        page = client.get("/admin/", headers={"accept-language": language}).content.decode()
    for name in names:
        assert name in page
    assert ">Axes<" not in page
    assert ">Otp_Totp<" not in page
