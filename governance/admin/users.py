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


class SuperusersRecordsMixin:
    """Nobody but superusers sees, changes or deletes what belongs to a superuser, nor gives
    a superuser something: a superuser's account, authenticator apps and the like.

    ``superuser_lookup`` leads from the record to the ``is_superuser`` flag of its owner.
    """

    superuser_lookup = "user__is_superuser"

    def belongs_to_superuser(self, obj):
        owner = obj
        for step in self.superuser_lookup.split("__")[:-1]:
            owner = getattr(owner, step, None)
        return bool(owner is not None and owner.is_superuser)

    def hidden_from(self, request, obj):
        return obj is not None and not request.user.is_superuser and self.belongs_to_superuser(obj)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.exclude(**{self.superuser_lookup: True})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is User and not request.user.is_superuser:
            kwargs["queryset"] = User.objects.filter(is_superuser=False)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_view_permission(self, request, obj=None):
        return not self.hidden_from(request, obj) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self.hidden_from(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self.hidden_from(request, obj) and super().has_delete_permission(request, obj)


class SecretariatUserAdmin(SuperusersRecordsMixin, ExportAdminMixin, StampingMixin, UserAdmin):
    """Django's user admin, where only a superuser may grant superuser status or rights, or
    see a superuser's account."""

    superuser_lookup = "is_superuser"

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

    @admin.display(description=_("focal point of"), ordering="focal_point__partner__name")
    def focal_point_partner(self, user):
        focal_point = getattr(user, "focal_point", None)
        return focal_point.partner if focal_point else ""


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, SecretariatUserAdmin)


# The lists of the admin that come with Django and the security apps export too; the secret
# of an authenticator app never leaves the database, and a superuser's authenticator apps
# are a superuser's business only.
EXPORTED_ELSEWHERE = {
    "auth.group": ((), ()),
    "axes.accessattempt": ((), ()),
    "axes.accesslog": ((), ()),
    "axes.accessfailurelog": ((), ()),
    "otp_totp.totpdevice": (("key",), (SuperusersRecordsMixin,)),
}
for label, (excluded, mixins) in EXPORTED_ELSEWHERE.items():
    model = apps.get_model(label)
    model_admin = type(admin.site.get_model_admin(model))
    admin.site.unregister(model)
    admin.site.register(
        model,
        type(
            f"Exported{model_admin.__name__}",
            (*mixins, ExportAdminMixin, model_admin),
            {"export_exclude": excluded},
        ),
    )
