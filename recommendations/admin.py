"""The secretariat's admin for recommendations, their follow-up, and the forums."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from meetings.admin import MeetingAdmin
from meetings.models import Meeting
from rabatprocess.admin import (
    MissingTranslationFilter,
    StampedAdmin,
    TranslatedAdmin,
    TranslatedTabularInline,
    localized_fields,
    with_record,
)
from recommendations.models import (
    Forum,
    ImplementationReport,
    Post,
    Recommendation,
    ReportingRound,
    Thread,
)

SHORT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 60})}}


class RecommendationInline(TranslatedTabularInline):
    model = Recommendation
    extra = 0
    fields = ("number", "kind", "text", "paragraph", "published")
    ordering = ("kind", "sort_order", "number")
    show_change_link = True
    formfield_overrides = SHORT_TEXT


# The meeting admin lives in the lower layer; recommendations are added to it from here.
admin.site.unregister(Meeting)


@admin.register(Meeting)
class MeetingWithRecommendationsAdmin(MeetingAdmin):
    inlines = (*MeetingAdmin.inlines, RecommendationInline)


def _set_flag(modeladmin, request, queryset, **values):
    count = queryset.update(**values, updated_by=request.user, updated_at=timezone.now())
    modeladmin.message_user(
        request,
        ngettext("%(count)d record changed.", "%(count)d records changed.", count)
        % {"count": count},
        messages.SUCCESS,
    )


@admin.register(Recommendation)
class RecommendationAdmin(StampedAdmin, TranslatedAdmin):
    list_display = (
        "number",
        "kind",
        "meeting",
        "paragraph",
        "excerpt",
        "published",
        "translation_status",
    )
    list_filter = (MissingTranslationFilter, "kind", "published", "meeting__kind")
    list_select_related = ("meeting",)
    search_fields = ("number", *localized_fields("text", "meeting__title"))
    autocomplete_fields = ("meeting", "document", "addressees", "domains", "objectives", "actions")
    formfield_overrides = SHORT_TEXT
    actions = ("publish", "unpublish")
    fieldsets = with_record(
        (
            _("Source"),
            {"fields": ("meeting", ("document", "paragraph"), ("kind", "number", "sort_order"))},
        ),
        (_("Text"), {"fields": ("text", "addressees", "addressee_note", "published")}),
        (_("Action plan"), {"fields": ("domains", "objectives", "actions")}),
        (_("Sources"), {"classes": ("collapse",), "fields": ("sources", "source_note")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.list_select_related)

    @admin.display(description=_("text"))
    def excerpt(self, recommendation):
        return Truncator(recommendation.text).chars(100)

    @admin.action(description=_("Publish the selected recommendations"))
    def publish(self, request, queryset):
        _set_flag(self, request, queryset, published=True)

    @admin.action(description=_("Unpublish the selected recommendations"))
    def unpublish(self, request, queryset):
        _set_flag(self, request, queryset, published=False)


@admin.register(ReportingRound)
class ReportingRoundAdmin(StampedAdmin, TranslatedAdmin):
    list_display = (
        "name",
        "framework",
        "opens_on",
        "closes_on",
        "is_open",
        "report_count",
        "translation_status",
    )
    list_filter = (MissingTranslationFilter, "framework")
    list_select_related = ("framework",)
    search_fields = (*localized_fields("name"), "slug")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("framework", "actions", "recommendations")
    fieldsets = with_record(
        (_("Round"), {"fields": ("name", "slug", "framework", "description")}),
        (_("Dates"), {"fields": (("opens_on", "closes_on"),)}),
        (_("Questions"), {"fields": ("actions", "recommendations")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(reports_count=Count("reports"))

    @admin.display(description=_("open"), boolean=True)
    def is_open(self, reporting_round):
        return reporting_round.is_open

    @admin.display(description=_("reports"), ordering="reports_count")
    def report_count(self, reporting_round):
        return reporting_round.reports_count


@admin.register(ImplementationReport)
class ImplementationReportAdmin(StampedAdmin, admin.ModelAdmin):
    list_display = ("round", "partner", "subject", "status", "state", "submitted_at")
    list_filter = ("round", "state", "status", "partner__region")
    list_select_related = ("round", "partner", "action", "recommendation__meeting")
    search_fields = (
        *localized_fields("partner__name", "action__title", "recommendation__text"),
        "action__number",
        "recommendation__number",
        "narrative",
    )
    autocomplete_fields = ("round", "partner", "action", "recommendation")
    readonly_fields = ("submitted_at", "submitted_by", "validated_at", "validated_by")
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 5})}}
    fieldsets = with_record(
        (_("Report"), {"fields": ("round", "partner", "action", "recommendation")}),
        (_("Implementation"), {"fields": ("status", "narrative", "evidence")}),
        (
            _("Review"),
            {
                "fields": (
                    "state",
                    "review_comment",
                    ("submitted_at", "submitted_by"),
                    ("validated_at", "validated_by"),
                )
            },
        ),
    )

    @admin.display(description=_("about"))
    def subject(self, report):
        return report.action or report.recommendation

    def save_model(self, request, obj, form, change):
        # A submitted or validated report records when and by whom; the form may set the state.
        now = timezone.now()
        if obj.state != ImplementationReport.State.DRAFT and obj.submitted_at is None:
            obj.submitted_at, obj.submitted_by = now, request.user
        if obj.state == ImplementationReport.State.VALIDATED and obj.validated_at is None:
            obj.validated_at, obj.validated_by = now, request.user
        if obj.state != ImplementationReport.State.VALIDATED:
            obj.validated_at = obj.validated_by = None
        super().save_model(request, obj, form, change)


@admin.register(Forum)
class ForumAdmin(StampedAdmin, TranslatedAdmin):
    list_display = ("title", "domain", "order", "active", "thread_count", "translation_status")
    list_filter = (MissingTranslationFilter, "active")
    list_select_related = ("domain__framework",)
    search_fields = (*localized_fields("title", "description"), "slug")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("domain",)
    fieldsets = with_record(
        (_("Forum"), {"fields": ("title", "slug", "description", "domain", "order", "active")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(threads_count=Count("threads"))

    @admin.display(description=_("threads"), ordering="threads_count")
    def thread_count(self, forum):
        return forum.threads_count


@admin.register(Thread)
class ThreadAdmin(StampedAdmin, admin.ModelAdmin):
    list_display = ("title", "forum", "author", "post_count", "last_post_at", "locked", "hidden")
    list_filter = ("forum", "locked", "hidden")
    list_select_related = ("forum", "author")
    search_fields = ("title", "author__username", "author__last_name")
    autocomplete_fields = ("forum", "author")
    actions = ("lock", "unlock", "hide", "unhide")
    fieldsets = with_record(
        (_("Thread"), {"fields": ("forum", "title", "author", "last_post_at")}),
        (_("Moderation"), {"fields": ("locked", "hidden")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(posts_count=Count("posts"))

    @admin.display(description=_("posts"), ordering="posts_count")
    def post_count(self, thread):
        return thread.posts_count

    @admin.action(description=_("Lock the selected threads"))
    def lock(self, request, queryset):
        _set_flag(self, request, queryset, locked=True)

    @admin.action(description=_("Unlock the selected threads"))
    def unlock(self, request, queryset):
        _set_flag(self, request, queryset, locked=False)

    @admin.action(description=_("Hide the selected threads"))
    def hide(self, request, queryset):
        _set_flag(self, request, queryset, hidden=True)

    @admin.action(description=_("Show the selected threads again"))
    def unhide(self, request, queryset):
        _set_flag(self, request, queryset, hidden=False)


@admin.register(Post)
class PostAdmin(StampedAdmin, admin.ModelAdmin):
    list_display = ("excerpt", "thread", "author", "created_at", "hidden")
    list_filter = ("hidden", "thread__forum")
    list_select_related = ("thread", "author")
    search_fields = ("body", "thread__title", "author__username", "author__last_name")
    autocomplete_fields = ("thread", "author")
    actions = ("hide", "unhide")
    date_hierarchy = "created_at"
    fieldsets = with_record((_("Post"), {"fields": ("thread", "author", "body", "hidden")}))

    @admin.display(description=_("message"))
    def excerpt(self, post):
        return Truncator(post.body).chars(80)

    @admin.action(description=_("Hide the selected posts"))
    def hide(self, request, queryset):
        _set_flag(self, request, queryset, hidden=True)

    @admin.action(description=_("Show the selected posts again"))
    def unhide(self, request, queryset):
        _set_flag(self, request, queryset, hidden=False)
