"""The two groups, and creating a secretariat account from the command line."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from governance.groups import FOCAL_POINTS, SECRETARIAT

pytestmark = pytest.mark.django_db


def test_secretariat_may_edit_every_platform_model():
    codenames = set(
        Group.objects.get(name=SECRETARIAT).permissions.values_list(
            "content_type__app_label", "codename"
        )
    )
    for app_label, model in [
        ("governance", "partner"),
        ("governance", "presidency"),
        ("meetings", "meeting"),
        ("meetings", "document"),
        ("recommendations", "recommendation"),
        ("recommendations", "implementationreport"),
        ("auth", "user"),
    ]:
        for action in ("view", "add", "change", "delete"):
            assert (app_label, f"{action}_{model}") in codenames


def test_focal_points_have_no_admin_rights():
    assert not Group.objects.get(name=FOCAL_POINTS).permissions.exists()


def test_create_secretariat_user(monkeypatch):
    monkeypatch.setenv("DJANGO_SECRETARIAT_PASSWORD", "a-long-and-unusual-password")
    call_command(
        "create_secretariat_user", "--no-input", username="amina", email="amina@example.org"
    )
    user = get_user_model().objects.get(username="amina")
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name=SECRETARIAT).exists()
    assert user.check_password("a-long-and-unusual-password")


@pytest.mark.parametrize(
    ("options", "password", "message"),
    [
        (
            {"username": "amina", "email": "not-an-address"},
            "a-long-and-unusual-password",
            "valid e-mail",
        ),
        ({"username": "amina", "email": "amina@example.org"}, "", "DJANGO_SECRETARIAT_PASSWORD"),
        ({"username": "amina", "email": "amina@example.org"}, "123", "too short"),
        ({"email": "amina@example.org"}, "a-long-and-unusual-password", "username"),
    ],
)
def test_create_secretariat_user_refuses_bad_input(monkeypatch, options, password, message):
    monkeypatch.setenv("DJANGO_SECRETARIAT_PASSWORD", password)
    with pytest.raises(CommandError, match=message):
        call_command("create_secretariat_user", "--no-input", **options)
    assert not get_user_model().objects.exists()


def test_username_taken(monkeypatch):
    get_user_model().objects.create(username="amina")
    monkeypatch.setenv("DJANGO_SECRETARIAT_PASSWORD", "a-long-and-unusual-password")
    with pytest.raises(CommandError, match="already taken"):
        call_command(
            "create_secretariat_user", "--no-input", username="amina", email="a@example.org"
        )
