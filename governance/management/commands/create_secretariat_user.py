import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from governance.groups import SECRETARIAT


class Command(BaseCommand):
    help = (
        "Create a secretariat account: staff access to the admin and membership of the "
        "Secretariat group. The password is asked for, or read from "
        "DJANGO_SECRETARIAT_PASSWORD when --no-input is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username")
        parser.add_argument("--email")
        parser.add_argument("--no-input", action="store_false", dest="interactive")

    def handle(self, *args, username=None, email=None, interactive=True, **options):
        if interactive:
            username = username or input("Username: ").strip()
            email = email or input("E-mail: ").strip()
        if not username or not email:
            raise CommandError("Give a username and an e-mail address.")
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"“{email}” is not a valid e-mail address.") from None
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"The username “{username}” is already taken.")
        password = self.read_password(interactive)
        user = User(username=username, email=email, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        group = Group.objects.filter(name=SECRETARIAT).first()
        if group is None:
            raise CommandError("The Secretariat group is missing: run `manage.py migrate` first.")
        with transaction.atomic():
            user.set_password(password)
            user.save()
            user.groups.add(group)
        self.stdout.write(self.style.SUCCESS(f"Secretariat account “{username}” created."))

    def read_password(self, interactive):
        if not interactive:
            password = os.environ.get("DJANGO_SECRETARIAT_PASSWORD", "")
            if not password:
                raise CommandError("Set DJANGO_SECRETARIAT_PASSWORD when using --no-input.")
            return password
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return password
