"""What the secretariat may not see: a superuser's account and authenticator apps, and
restricted data before it has confirmed its sign-in with a one-time password."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import SecretariatUserFactory, UserFactory
from tests.helpers import url

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def superuser():
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def superuser_device(superuser):
    return TOTPDevice.objects.create(user=superuser, name="Root's phone", confirmed=True)


@pytest.fixture
def secretariat(client):
    user = SecretariatUserFactory(username="secretariat")
    client.force_login(user)
    return user


def test_the_secretariat_cannot_read_a_superuser_s_authenticator(
    client, secretariat, superuser_device
):
    pk = superuser_device.pk
    for name in ("change", "config", "qrcode", "delete"):
        response = client.get(reverse(f"admin:otp_totp_totpdevice_{name}", args=[pk]))
        assert response.status_code in (302, 403, 404), name
        assert superuser_device.key not in response.content.decode(), name
    listing = client.get(reverse("admin:otp_totp_totpdevice_changelist")).content.decode()
    assert "Root&#x27;s phone" not in listing and "Root's phone" not in listing
    export = client.post(
        reverse("admin:otp_totp_totpdevice_export"), {"format": "0", "resource": "0"}
    )
    assert "Root" not in export.content.decode(errors="replace")


def test_the_secretariat_cannot_give_a_superuser_an_authenticator(client, secretariat, superuser):
    response = client.post(
        reverse("admin:otp_totp_totpdevice_add"),
        {
            "user": superuser.pk,
            "name": "Planted",
            "confirmed": "on",
            "key": TOTPDevice().key,
            "step": 30,
            "t0": 0,
            "digits": 6,
            "tolerance": 1,
            "drift": 0,
            "throttling_failure_count": 0,
        },
    )
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=superuser).exists()


def test_the_secretariat_still_manages_its_colleagues_authenticators(client, secretariat):
    colleague = SecretariatUserFactory(username="colleague")
    device = TOTPDevice.objects.create(user=colleague, name="Phone", confirmed=True)
    assert (
        client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk])).status_code == 200
    )
    assert (
        client.get(reverse("admin:otp_totp_totpdevice_config", args=[device.pk])).status_code == 200
    )


def test_a_superuser_sees_every_authenticator(client, superuser, superuser_device):
    client.force_login(superuser)
    address = reverse("admin:otp_totp_totpdevice_config", args=[superuser_device.pk])
    assert client.get(address).status_code == 200


def test_the_secretariat_cannot_open_a_superuser_s_account(client, secretariat, superuser):
    for name in ("change", "password_change", "delete", "history"):
        response = client.get(reverse(f"admin:auth_user_{name}", args=[superuser.pk]))
        assert response.status_code in (302, 403, 404), name
    response = client.post(
        reverse("admin:auth_user_change", args=[superuser.pk]),
        {"username": "root", "email": "taken@example.org"},
    )
    assert response.status_code in (302, 403, 404)
    superuser.refresh_from_db()
    assert superuser.email == "root@example.org"
    listing = client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert "root@example.org" not in listing


# Two-factor authentication guards the private area as it guards the admin

PASSWORD = "a-long-test-password"
PDF = b"%PDF-1.4 draft conclusions"


@pytest.fixture
def restricted(file_storage):
    from django.core.files.base import ContentFile

    from tests.factories import (
        DocumentFactory,
        ImplementationReportFactory,
        MeetingFactory,
        ThreadFactory,
    )

    document = DocumentFactory(
        url="", meeting=MeetingFactory(published=False), visibility="steering_committee"
    )
    document.file_en.save("draft.pdf", ContentFile(PDF))
    report = ImplementationReportFactory()
    report.evidence_file.save("evidence.pdf", ContentFile(PDF))
    thread = ThreadFactory(hidden=True, title="A hidden thread")
    return {
        "document": url("meetings:document-file", pk=document.pk, language="en"),
        "evidence": url("private:evidence-file", pk=report.pk),
        "round": url("private:round-matrix", slug=report.round.slug),
        "forum": url("private:forum-detail", slug=thread.forum.slug),
        "dashboard": url("private:dashboard"),
    }


@pytest.fixture
def staff_with_device():
    user = SecretariatUserFactory(username="verified")
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def test_with_two_factor_a_password_alone_reads_nothing_restricted(
    client, settings, restricted, staff_with_device
):
    settings.REQUIRE_TWO_FACTOR = True
    client.force_login(staff_with_device.user)
    for name, address in restricted.items():
        response = client.get(address)
        assert response.status_code in (302, 404), name
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("admin:login")), name
        assert PDF not in b"".join(getattr(response, "streaming_content", [response.content]))
    assert "A hidden thread" not in client.get(restricted["forum"], follow=True).content.decode()


def test_with_two_factor_the_confirmed_secretariat_reads_restricted_data(
    client, settings, restricted, staff_with_device
):
    from django_otp.oath import totp

    settings.REQUIRE_TWO_FACTOR = True
    device = staff_with_device
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    response = client.post(
        reverse("admin:login"),
        {
            "username": "verified",
            "password": PASSWORD,
            "otp_token": f"{code:0{device.digits}d}",
            "next": restricted["dashboard"],
        },
    )
    assert response["Location"] == restricted["dashboard"]
    for name, address in restricted.items():
        assert client.get(address).status_code == 200, name
    assert "A hidden thread" in client.get(restricted["forum"]).content.decode()


def test_without_two_factor_a_staff_password_reads_restricted_data(client, restricted):
    client.force_login(SecretariatUserFactory())
    for name, address in restricted.items():
        assert client.get(address).status_code == 200, name
