"""The e-mails the platform sent or tried to send, for the secretariat: who, what, whether
it left, and the mail server's last answer; those not sent can be sent again.

Task results of the worker are its own bookkeeping: their admin is withdrawn, the e-mails
tell the secretariat what it needs.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.models import DBTaskResult

from core.admin.exchange import ExportAdminMixin
from core.mail import send_again
from core.models import OutgoingEmail

if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


class DeliveryFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "delivery"

    def lookups(self, request, model_admin):
        return [
            *OutgoingEmail.Status.choices,
            ("not-delivered", _("not sent or interrupted")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "not-delivered":
            return queryset.not_delivered()
        if self.value() in OutgoingEmail.Status.values:
            return queryset.filter(status=self.value())
        return queryset


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ExportAdminMixin, admin.ModelAdmin):
    # The list without the texts, some of which hold a link for their addressee alone.
    export_exclude = ("body", "html_body", "headers")
    list_display = ("subject", "to", "purpose", "status", "attempts", "created_at", "sent_at")
    list_filter = (DeliveryFilter, "purpose")
    search_fields = ("to", "subject")
    date_hierarchy = "created_at"
    actions = ["send_again"]
    fields = (
        "to",
        "subject",
        "purpose",
        "status",
        "attempts",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "sent_at",
        "last_error",
        "text",
    )
    readonly_fields = fields

    @admin.display(description=_("text"))
    def text(self, obj):
        # A link to choose a password, or to end a subscription, is for its addressee alone.
        if obj.confidential:
            return _("Not shown: it holds a link for its addressee alone.")
        return obj.body

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send again"), permissions=["change"])
    def send_again(self, request, queryset):
        queued = send_again(queryset)
        skipped = queryset.count() - queued
        if queued:
            self.message_user(
                request,
                ngettext(
                    "%(count)d e-mail will be sent again.",
                    "%(count)d e-mails will be sent again.",
                    queued,
                )
                % {"count": queued},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d e-mail was left as it is: only e-mails not sent or "
                    "interrupted are sent again.",
                    "%(count)d e-mails were left as they are: only e-mails not sent or "
                    "interrupted are sent again.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
