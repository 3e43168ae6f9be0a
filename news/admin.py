from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin.base import MissingTranslationFilter, StampedAdmin, TranslatedAdmin, with_record
from core.admin.exchange import ExportAdminMixin
from core.models import localized_fields
from news import editions, notices, printing, sending, subscriptions
from news.models import Edition, EditionMeeting, EditionPost, NewsPost, Subscriber


@admin.register(NewsPost)
class NewsPostAdmin(StampedAdmin, TranslatedAdmin):
    list_display = ("title", "published_on", "status", "translation_status")
    list_filter = (MissingTranslationFilter, "status")
    search_fields = (*localized_fields("title", "summary"), "slug")
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("meetings", "partners", "domains", "actions")
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 4})}}
    readonly_fields = ("notices_sent_at",)
    fieldsets = with_record(
        (
            _("News post"),
            {"fields": ("title", "slug", "status", "published_on", "notices_sent_at")},
        ),
        (_("Text"), {"fields": ("summary", "body")}),
        (_("Image"), {"fields": ("image", "image_alt")}),
        (_("What it concerns"), {"fields": ("meetings", "partners", "domains", "actions")}),
    )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Announced to its followers by the worker, once, if it is out (a scheduled post
        # is announced by the scheduled jobs on its day).
        if NewsPost.objects.published().filter(pk=form.instance.pk).exists():
            notices.announce_post.enqueue(form.instance.pk)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name.startswith("body_"):
            field.widget.attrs["rows"] = 16
        return field


@admin.register(Subscriber)
class SubscriberAdmin(ExportAdminMixin, admin.ModelAdmin):
    """Who receives the newsletter, with their consent. Nobody is added here (a subscriber
    confirms from the e-mail), nor changed; erasing one (Delete) removes all that is kept."""

    list_display = ("email", "languages", "news_notices", "requested_at", "confirmed_at")
    list_filter = ("languages", "news_notices", ("confirmed_at", admin.EmptyFieldListFilter))
    search_fields = ("email",)
    fields = ("email", "languages", "domains", "news_notices", "requested_at", "confirmed_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def delete_model(self, request, obj):
        subscriptions.erase(Subscriber.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        subscriptions.erase(queryset)


class EditionPostInline(admin.TabularInline):
    model = EditionPost
    autocomplete_fields = ("post",)
    extra = 0


class EditionMeetingInline(admin.TabularInline):
    model = EditionMeeting
    autocomplete_fields = ("meeting",)
    extra = 0


@admin.register(Edition)
class EditionAdmin(StampedAdmin, TranslatedAdmin):
    list_display = (
        "__str__",
        "period_start",
        "period_end",
        "published",
        "delivered",
        "translation_status",
    )
    list_filter = (MissingTranslationFilter, "published", "year")
    inlines = (EditionPostInline, EditionMeetingInline)
    history_related = ("post_items", "meeting_items")
    recovered_with = ("post_items", "meeting_items")
    actions = ("fill_from_period", "send_test", "send_to_subscribers")
    readonly_fields = ("preview", "printed", "delivered")
    fieldsets = with_record(
        (
            _("Edition"),
            {
                "fields": (
                    ("number", "year"),
                    ("period_start", "period_end"),
                    "published",
                    "preview",
                    "printed",
                    "delivered",
                )
            },
        ),
        (_("Editorial"), {"fields": ("editorial",)}),
        (_("Before the platform"), {"fields": ("pdf",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_progress()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Its PDFs follow what was saved: the worker makes them.
        printing.print_edition.enqueue(form.instance.pk)

    @admin.action(description=_("Add the news posts and meetings of the period"))
    def fill_from_period(self, request, queryset):
        added = sum(editions.fill_from_period(edition) for edition in queryset)
        self.message_user(
            request,
            ngettext("%(count)d item added.", "%(count)d items added.", added) % {"count": added},
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/preview/<str:language>/",
                self.admin_site.admin_view(self.preview_view),
                name="news_edition_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk, language):
        """The e-mail of the edition as subscribers reading ``language`` receive it."""
        edition = get_object_or_404(Edition.objects.prefetch_related(*sending.EDITION_ITEMS), pk=pk)
        if not self.has_view_permission(request, edition) or language not in dict(
            settings.LANGUAGES
        ):
            raise Http404
        _subject, _text, html, _headers = sending.edition_email(
            edition, language, site_root=request.build_absolute_uri("/")
        )
        return HttpResponse(html)

    @admin.display(description=_("preview of the e-mail"))
    def preview(self, edition):
        if edition.pk is None:
            return "–"
        return format_html_join(
            " · ",
            '<a href="{}" target="_blank">{}</a>',
            (
                (reverse("admin:news_edition_preview", args=[edition.pk, code]), name)
                for code, name in settings.LANGUAGES
            ),
        )

    @admin.display(description=_("PDF"))
    def printed(self, edition):
        """Its PDF in each language, once the worker has made it (or one was uploaded)."""
        if edition.pk is None or not edition.published:
            return _("made once the edition is published")
        languages = edition.pdf_languages()
        if not languages:
            return _("being made by the worker")
        return format_html_join(
            " · ",
            '<a href="{}" target="_blank">{}</a>',
            (
                (reverse("news:edition-pdf", args=[edition.number, edition.year, code]), name)
                for code, name in languages
            ),
        )

    @admin.display(description=_("sending"))
    def delivered(self, edition):
        if edition.pk is None:
            return "–"
        progress = edition.sending_progress()
        if not progress["total"]:
            return _("not sent")
        return _("sent %(sent)s of %(total)s; %(failed)s failed") % {
            key: number_format(value, force_grouping=True) for key, value in progress.items()
        }

    @admin.action(description=_("Send a test to me"))
    def send_test(self, request, queryset):
        if not request.user.email:
            self.message_user(request, _("Your account has no e-mail address."), messages.ERROR)
            return
        site_root = request.build_absolute_uri("/")
        for edition in queryset:
            sending.send_test(edition, to=request.user.email, site_root=site_root)
        self.message_user(
            request,
            _("A test in each language is sent to %(email)s.") % {"email": request.user.email},
        )

    @admin.action(description=_("Send to the subscribers"), permissions=["change"])
    def send_to_subscribers(self, request, queryset):
        if queryset.filter(published=False).exists():
            self.message_user(
                request,
                _("Publish an edition before sending it: its e-mail links to its page."),
                messages.ERROR,
            )
            return
        for edition in queryset:
            sending.start_sending(edition, site_root=request.build_absolute_uri("/"))
        self.message_user(
            request,
            _("Sending has started; the list shows how far it has gone."),
            messages.SUCCESS,
        )
