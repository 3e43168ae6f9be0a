"""The admin site, asking staff for a one-time password when two-factor is required.

Every app registers on ``django.contrib.admin.site`` as usual; this class only becomes
that site's class (``SecretariatAdminConfig.default_site``). With
``settings.REQUIRE_TWO_FACTOR`` on it behaves as django-otp's ``OTPAdminSite``: the sign-in
form asks for the code of the user's authenticator app, and a staff member whose session
is not verified by a device is treated as not staff. With it off it is Django's site.
"""

from functools import cache

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.utils.translation import gettext_lazy as _


@cache
def otp_login_form():
    """django-otp's admin sign-in form, taking the only device of a user as chosen.

    django-otp wants the device named when a user has several; most staff have one
    authenticator app and should not have to pick it from a list.
    """
    from django_otp import devices_for_user
    from django_otp.admin import OTPAdminAuthenticationForm

    class OTPLoginForm(OTPAdminAuthenticationForm):
        def clean_otp(self, user):
            if user is not None and not self.cleaned_data.get("otp_device"):
                devices = list(devices_for_user(user))
                if len(devices) == 1:
                    self.cleaned_data["otp_device"] = devices[0].persistent_id
            return super().clean_otp(user)

    return OTPLoginForm


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    """Offers each choice under the label its admin gives it (``choice_label(obj)``), the
    label ``core.admin.base.ChoiceLabelsMixin`` shows once it is chosen."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        choice_label = getattr(self.model_admin, "choice_label", None)
        if choice_label is not None:
            result["text"] = str(choice_label(obj))
        return result


class SecretariatAdminSite(admin.AdminSite):
    site_header = _("Rabat Process – Secretariat")
    site_title = _("Rabat Process")
    index_title = _("Secretariat's office")

    @property
    def login_form(self):
        return otp_login_form() if settings.REQUIRE_TWO_FACTOR else None

    @property
    def login_template(self):
        if settings.REQUIRE_TWO_FACTOR:
            from django_otp.admin import OTPAdminSite

            return OTPAdminSite.login_template
        return None

    def index(self, request, extra_context=None):
        """The index, with a warning when e-mails could not be sent."""
        from core.models import OutgoingEmail  # this module is loaded with the settings

        not_sent = 0
        if request.user.has_perm("core.view_outgoingemail"):
            not_sent = OutgoingEmail.objects.not_delivered().count()
        return super().index(request, {"emails_not_sent": not_sent, **(extra_context or {})})

    def autocomplete_view(self, request):
        return LabelledAutocompleteJsonView.as_view(admin_site=self)(request)

    def has_permission(self, request):
        allowed = super().has_permission(request)
        if allowed and settings.REQUIRE_TWO_FACTOR:
            is_verified = getattr(request.user, "is_verified", None)
            return bool(is_verified and is_verified())
        return allowed


class SecretariatAdminConfig(AdminConfig):
    default_site = "core.admin.site.SecretariatAdminSite"
