"""The names the secretariat reads in the admin for the security apps, in its language
(Django's documented way: an AppConfig subclass named in INSTALLED_APPS)."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig


class SignInLockoutsConfig(AxesAppConfig):
    verbose_name = _("Sign-in lockouts")


class AuthenticatorAppsConfig(TOTPAppConfig):
    verbose_name = _("Authenticator apps")
