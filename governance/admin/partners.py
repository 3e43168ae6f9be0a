from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from core.admin.base import (
    MissingTranslationFilter,
    StampedAdmin,
    TranslatedAdmin,
    with_record,
)
from core.models import localized_fields
from governance.models import FocalPoint, Partner
from governance.services import invite_focal_point, send_invitation

SOURCES_FIELDSET = (_("Sources"), {"classes": ("collapse",), "fields": ("sources", "source_note")})


class PartnerFocalPointInline(admin.TabularInline):
    model = FocalPoint
    fk_name = "partner"
    extra = 0
    autocomplete_fields = ("user",)
    fields = ("user", "role", "job_title", "institution", "email")
    show_change_link = True
    verbose_name_plural = _("focal points")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


@admin.register(Partner)
class PartnerAdmin(StampedAdmin, TranslatedAdmin):
    list_display = (
        "name",
        "short_name",
        "kind",
        "iso_code",
        "region",
        "status",
        "founding_member",
        "joined",
        "left",
        "translation_status",
    )
    list_filter = (MissingTranslationFilter, "kind", "region", "status", "founding_member")
    search_fields = (*localized_fields("name", "short_name"), "iso_code", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (PartnerFocalPointInline,)
    fieldsets = with_record(
        (_("Partner"), {"fields": ("name", "short_name", "slug", "kind", "status")}),
        (
            _("The name in sentences"),
            {
                "fields": ("name_with_article", "name_with_in", "name_with_of"),
                "description": _(
                    "How sentences name the partner in each language, with the article and "
                    "the contracted prepositions that French needs."
                ),
            },
        ),
        (_("Country"), {"fields": ("iso_code", "region")}),
        (_("Membership"), {"fields": ("founding_member", "joined", "left")}),
        SOURCES_FIELDSET,
    )


class FocalPointCreationForm(forms.ModelForm):
    """A new focal point: the person's account is created with its card, then invited."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))

    class Meta:
        model = FocalPoint
        fields = ["partner", "role", "named_by", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = get_language()

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if get_user_model().objects.filter(username__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail address already exists."))
        return email


@admin.register(FocalPoint)
class FocalPointAdmin(StampedAdmin, admin.ModelAdmin):
    list_display = ("__str__", "partner", "role", "institution", "email", "phone", "named_by")
    list_filter = ("role", "partner__region", "partner")
    list_select_related = ("user", "partner", "named_by__user", "named_by__partner")
    search_fields = (
        "user__username",
        "user__first_name",
        "user__last_name",
        "user__email",
        "email",
        "institution",
        "theme",
        *localized_fields("partner__name"),
    )
    autocomplete_fields = ("user", "partner", "named_by")
    actions = ("invite_again",)
    add_form = FocalPointCreationForm
    add_fieldsets = (
        (_("Person"), {"fields": ("first_name", "last_name", "email", "language")}),
        (_("Partner"), {"fields": ("partner", "role", "named_by")}),
    )
    fieldsets = with_record(
        (_("Account and partner"), {"fields": ("user", "partner", "role", "named_by")}),
        (
            _("Contact card"),
            {
                "fields": (
                    "job_title",
                    "institution",
                    "email",
                    "phone",
                    "languages",
                    "theme",
                    "language",
                )
            },
        ),
    )

    def get_queryset(self, request):
        # Also for autocompletes; the changelist ignores list_select_related once this is set.
        return super().get_queryset(request).select_related(*self.list_select_related)

    def get_fieldsets(self, request, obj=None):
        return self.add_fieldsets if obj is None else super().get_fieldsets(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = self.add_form
        return super().get_form(request, obj, **kwargs)

    def save_form(self, request, form, change):
        if change:
            return super().save_form(request, form, change)
        data = form.cleaned_data
        return invite_focal_point(
            request=request,
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            partner=data["partner"],
            role=data["role"],
            named_by=data["named_by"],
            language=data["language"],
            created_by=request.user,
        )

    def save_related(self, request, form, formsets, change):
        if change:
            super().save_related(request, form, formsets, change)

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(
            request,
            _("An invitation to choose a password is sent to %(email)s.")
            % {"email": obj.user.email},
            messages.SUCCESS,
        )
        return super().response_add(request, obj, post_url_continue)

    @admin.action(description=_("Send the invitation again"))
    def invite_again(self, request, queryset):
        focal_points = list(queryset.filter(user__is_active=True).select_related("user", "partner"))
        for focal_point in focal_points:
            send_invitation(focal_point=focal_point, request=request)
        self.message_user(
            request,
            ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", len(focal_points))
            % {"count": len(focal_points)},
        )
