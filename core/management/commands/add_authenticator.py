import qrcode
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Enrol an authenticator app for a staff account from the server's terminal: prints "
        "a QR code to scan, then asks for the code the app shows to confirm it. Meant for "
        "the first account, before anybody can sign in to the admin to enrol the others."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Authenticator app", help="the device's name")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for a code: the device is confirmed at once",
        )

    def handle(self, *args, username, name, interactive, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no account “{username}”.")
        if not user.is_staff:
            raise CommandError(f"“{username}” is not staff: only staff use the admin.")

        with transaction.atomic():
            device = TOTPDevice.objects.create(user=user, name=name, confirmed=False)
            self.stdout.write(
                "Scan this code with the authenticator app (or enter the address below):"
            )
            code = qrcode.QRCode(border=2)
            code.add_data(device.config_url)
            code.print_ascii(out=self.stdout, invert=True)
            self.stdout.write(device.config_url)
            if interactive:
                token = input("Code the app shows now: ").strip()
                if not device.verify_token(token):
                    raise CommandError("That code is not the right one; nothing was saved.")
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        self.stdout.write(self.style.SUCCESS(f"Authenticator app enrolled for “{username}”."))
