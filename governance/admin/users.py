"""The accounts of the people who use the platform: a user admin that a non-superuser
cannot use to grant itself more rights, with the focal point card of each account; and
the lists of the security apps, exported like every other list."""

from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from core.admin.base import StampingMixin
from core.admin.exchange import ExportAdminMixin
from governance.models import FocalPoint

User = get_user_model()

PRIVILEGED_USER_FIELDS = ("is_superuser", "user_permissions")


class FocalPointInline(admin.StackedInline):
    model = FocalPoint
    fk_name = "user"
    max_num = 1
    autocomplete_fields = ("partner", "named_by")
    fields = (
        ("partner", "role"),
        "named_by",
        ("job_title", "institution"),
        ("email", "phone"),
        ("languages", "theme"),
    )


class SecretariatUserAdmin(ExportAdminMixin, StampingMixin, UserAdmin):
    """Django's user admin, where only a superuser may grant superuser status or rights."""

    inlines = (FocalPointInline,)
    export_exclude = ("password",)
    list_display = (*UserAdmin.list_display, "focal_point_partner")
    list_select_related = ("focal_point__partner",)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else ()

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += PRIVILEGED_USER_FIELDS
        return readonly

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description=_("focal point of"), ordering="focal_point__partner__name")
    def focal_point_partner(self, user):
        focal_point = getattr(user, "focal_point", None)
        return focal_point.partner if focal_point else ""


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, SecretariatUserAdmin)


# The lists of the admin that come with Django and the security apps export too; the secret
# of an authenticator app never leaves the database.
EXPORTED_ELSEWHERE = {
    "auth.group": (),
    "axes.accessattempt": (),
    "axes.accesslog": (),
    "axes.accessfailurelog": (),
    "otp_totp.totpdevice": ("key",),
}
for label, excluded in EXPORTED_ELSEWHERE.items():
    model = apps.get_model(label)
    model_admin = type(admin.site.get_model_admin(model))
    admin.site.unregister(model)
    admin.site.register(
        model,
        type(
            f"Exported{model_admin.__name__}",
            (ExportAdminMixin, model_admin),
            {"export_exclude": excluded},
        ),
    )
