"""Nothing lost, nobody let in: headers, lockout, two-factor sign-in, error logs."""

import json
import logging
import os
import re
import subprocess
import sys
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client, RequestFactory
from django.urls import path, reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.logs import RequestFormatter
from core.security import client_ip_address
from tests.factories import FocalPointFactory, SecretariatUserFactory, UserFactory
from tests.helpers import url

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


# Headers


def test_pages_carry_a_content_security_policy_without_inline_code(client):
    for address in (url("home"), url("private:login"), reverse("admin:login")):
        policy = client.get(address)["Content-Security-Policy"]
        directives = dict(
            [*part.strip().split(" ", 1), ""][:2] for part in policy.split(";") if part.strip()
        )
        assert "unsafe-inline" not in policy
        assert "unsafe-eval" not in policy
        assert directives["default-src"] == "'self'"
        assert directives["script-src"] == "'self'"
        assert directives["style-src"] == "'self'"
        assert directives["img-src"] == "'self' data:"
        assert directives["frame-ancestors"] == "'none'"
        assert directives["form-action"] == "'self'"
        assert directives["base-uri"] == "'self'"
        assert directives["object-src"] == "'none'"


def test_pages_refuse_powerful_browser_features_and_framing(client):
    response = client.get(url("home"))
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


INLINE_CODE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE
)


def test_our_templates_hold_no_inline_script_or_style():
    """The policy forbids inline code; our templates keep it in static files."""
    folders = [settings.BASE_DIR / "templates"] + [
        settings.BASE_DIR / app / "templates"
        for app in ("rabatprocess", "governance", "meetings", "recommendations")
    ]
    offending = [
        f"{template.relative_to(settings.BASE_DIR)}: {match.group(0)}"
        for folder in folders
        if folder.exists()
        for template in folder.rglob("*.html")
        for match in INLINE_CODE.finditer(template.read_text(encoding="utf-8"))
    ]
    assert offending == []


def test_production_settings_come_from_the_environment(tmp_path):
    """What DJANGO_DEBUG=false turns on, read from a fresh interpreter."""
    program = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps({'secure': [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0], 'two_factor': s.REQUIRE_TWO_FACTOR,"
        " 'admins': s.ADMINS, 'request_handlers': s.LOGGING['loggers']['django.request']"
        "['handlers'], 'root': s.LOGGING['root']['handlers'], 'proxies': s.PROXY_COUNT}))"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="rabatprocess.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="a-production-secret-of-enough-length-and-variety-9f8e7d6c5b4a",
        DJANGO_ALLOWED_HOSTS="rabat-process.example",
        DJANGO_ADMINS="Operations <ops@rabat-process.example>, Amina Diallo <amina@example.org>",
        DJANGO_LOG_FILE=str(tmp_path / "site.log"),
        DJANGO_PROXY_COUNT="1",
    )
    result = subprocess.run(
        [sys.executable, "-c", program],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    values = json.loads(result.stdout)
    assert values["secure"] == [True, True, True, True]
    assert values["two_factor"] is True
    assert values["admins"] == [
        ["Operations", "ops@rabat-process.example"],
        ["Amina Diallo", "amina@example.org"],
    ]
    assert values["request_handlers"] == ["mail_admins"]
    assert values["root"] == ["console", "file"]
    assert values["proxies"] == 1


# Lockout after repeated failures, per account and address


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(
        url("private:login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def fail_five_times(client, username, address="10.0.0.1"):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, username, "not-the-password", address)


def signed_in(response):
    return response.status_code == 302 and "_auth_user_id" in response.wsgi_request.session


def test_five_wrong_passwords_lock_the_account_from_that_address(client):
    FocalPointFactory(user__username="amina")
    assert sign_in(client, "amina", "not-the-password").status_code == 200

    fail_five_times(client, "amina")
    response = sign_in(client, "amina", PASSWORD)

    assert response.status_code == 429
    assert not signed_in(response)
    page = response.content.decode()
    assert "too many failed attempts" in page
    assert "blocked for 30 minutes" in page
    assert "Content-Security-Policy" in response


def test_the_lockout_page_is_translated(client):
    FocalPointFactory(user__username="amina")
    fail_five_times(client, "amina")
    response = client.post(
        url("private:login", in_language="fr"),
        {"username": "amina", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )
    assert response.status_code == 429
    assert '<html lang="fr">' in response.content.decode()


def test_the_lock_holds_neither_another_address_nor_another_account(client):
    FocalPointFactory(user__username="amina")
    FocalPointFactory(user__username="jean")
    fail_five_times(client, "amina", address="10.0.0.1")

    assert signed_in(sign_in(Client(), "amina", PASSWORD, address="10.0.0.2"))
    assert signed_in(sign_in(Client(), "jean", PASSWORD, address="10.0.0.1"))


def test_the_admin_sign_in_is_locked_too(client):
    SecretariatUserFactory(username="secretariat")
    fail_five_times(client, "secretariat")
    response = client.post(
        reverse("admin:login"),
        {"username": "secretariat", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )
    assert response.status_code == 429


def test_the_secretariat_unlocks_an_account_in_the_admin(client):
    FocalPointFactory(user__username="amina")
    fail_five_times(client, "amina")
    (attempt,) = AccessAttempt.objects.all()

    secretariat = Client()
    secretariat.force_login(SecretariatUserFactory())
    assert secretariat.get(reverse("admin:axes_accessattempt_changelist")).status_code == 200
    response = secretariat.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()

    assert signed_in(sign_in(client, "amina", PASSWORD))


def test_axes_reset_command_unlocks_too(client):
    FocalPointFactory(user__username="amina")
    fail_five_times(client, "amina")
    call_command("axes_reset_username", "amina", verbosity=0)
    assert signed_in(sign_in(client, "amina", PASSWORD))


def test_behind_proxies_the_client_is_read_from_the_right_of_x_forwarded_for(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="6.6.6.6, 196.200.1.1"
    )
    settings.PROXY_COUNT = 0
    assert client_ip_address(request) == "10.0.0.254"
    settings.PROXY_COUNT = 1
    assert client_ip_address(request) == "196.200.1.1"
    settings.PROXY_COUNT = 3
    assert client_ip_address(request) == "10.0.0.254"


# Two-factor authentication of the staff


@pytest.fixture
def two_factor(settings):
    settings.REQUIRE_TWO_FACTOR = True


@pytest.fixture
def staff_with_device():
    user = SecretariatUserFactory(username="secretariat")
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    return user, device


def current_code(device):
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def admin_sign_in(client, code):
    return client.post(
        reverse("admin:login"),
        {
            "username": "secretariat",
            "password": PASSWORD,
            "otp_token": code,
            "next": reverse("admin:index"),
        },
    )


def test_without_two_factor_the_admin_is_unchanged(client):
    client.force_login(SecretariatUserFactory())
    assert client.get(reverse("admin:index")).status_code == 200
    assert "otp_token" not in client.get(reverse("admin:login")).content.decode()


def test_with_two_factor_a_signed_in_staff_member_without_a_device_is_kept_out(client, two_factor):
    client.force_login(SecretariatUserFactory())
    for address in (
        reverse("admin:index"),
        reverse("admin:governance_partner_changelist"),
        reverse("admin:auth_user_changelist"),
    ):
        response = client.get(address)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_with_two_factor_a_password_alone_does_not_open_the_admin(
    client, two_factor, staff_with_device
):
    assert 'name="otp_token"' in client.get(reverse("admin:login")).content.decode()
    response = admin_sign_in(client, "")
    assert response.status_code == 200
    assert client.get(reverse("admin:index")).status_code == 302

    wrong = f"{(int(current_code(staff_with_device[1])) + 1) % 1_000_000:06d}"
    response = admin_sign_in(client, wrong)
    assert response.status_code == 200
    assert client.get(reverse("admin:index")).status_code == 302


def test_with_two_factor_the_code_of_the_authenticator_opens_the_admin(
    client, two_factor, staff_with_device
):
    _user, device = staff_with_device
    response = admin_sign_in(client, current_code(device))
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:governance_partner_changelist")).status_code == 200


def test_the_secretariat_enrols_a_colleague_s_authenticator(client):
    colleague = SecretariatUserFactory(username="colleague")
    client.force_login(SecretariatUserFactory())
    response = client.post(
        reverse("admin:otp_totp_totpdevice_add"),
        {
            "user": colleague.pk,
            "name": "Phone",
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
    assert response.status_code == 302, response.context["adminform"].form.errors
    device = TOTPDevice.objects.get(user=colleague)
    config = client.get(reverse("admin:otp_totp_totpdevice_config", args=[device.pk]))
    assert config.status_code == 200
    qrcode = client.get(reverse("admin:otp_totp_totpdevice_qrcode", args=[device.pk]))
    assert qrcode.status_code == 200
    assert qrcode["Content-Type"].startswith("image/svg+xml")


def test_a_focal_point_is_never_let_into_the_admin(client, two_factor):
    user = UserFactory()
    TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 302


# Error logs


def broken_view(request):
    raise RuntimeError("The presidency report could not be computed.")


urlpatterns = [path("broken/", broken_view)]


@pytest.mark.urls("tests.test_security")
def test_a_server_error_is_logged_with_its_path(caplog):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/broken/")
    assert response.status_code == 500
    (record,) = [record for record in caplog.records if record.name == "django.request"]
    assert record.levelno == logging.ERROR
    assert record.exc_info[0] is RuntimeError
    formatter = RequestFormatter(settings.LOGGING["formatters"]["readable"]["format"], style="{")
    line = formatter.format(record)
    assert "ERROR django.request [GET /broken/]" in line
    assert "The presidency report could not be computed." in line


def test_console_logs_go_to_stderr_in_a_readable_format():
    console = settings.LOGGING["handlers"]["console"]
    assert console["stream"] == "ext://sys.stderr"
    formatted = RequestFormatter(
        settings.LOGGING["formatters"]["readable"]["format"], style="{"
    ).format(logging.makeLogRecord({"name": "meetings", "levelname": "INFO", "msg": "Hello"}))
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ INFO meetings \[-\] Hello", formatted)
    for app in ("governance", "meetings", "recommendations", "rabatprocess"):
        assert settings.LOGGING["loggers"][app]["level"] == "INFO"


def test_the_first_authenticator_is_enrolled_from_the_terminal(monkeypatch):
    user = SecretariatUserFactory(username="secretariat")
    monkeypatch.setattr(
        "builtins.input", lambda prompt: current_code(TOTPDevice.objects.get(user=user))
    )
    output = StringIO()
    call_command("add_authenticator", "secretariat", stdout=output)
    assert "otpauth://totp/" in output.getvalue()
    assert TOTPDevice.objects.get(user=user).confirmed

    monkeypatch.setattr("builtins.input", lambda prompt: "123")
    with pytest.raises(CommandError, match="not the right one"):
        call_command("add_authenticator", "secretariat", stdout=StringIO())
    assert TOTPDevice.objects.filter(user=user).count() == 1
    with pytest.raises(CommandError, match="not staff"):
        call_command("add_authenticator", UserFactory().username, stdout=StringIO())
